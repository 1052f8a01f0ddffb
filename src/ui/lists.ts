/**
 * Collapsible panel lists: the items the documents name without a place (shown, never
 * dropped) and the data problems found while loading (issues as data, shown to the user).
 */
import { html, nothing, type TemplateResult } from 'lit';
import { KIND_LABELS, label, STATUS_LABELS, t, tf } from '../i18n/strings.js';
import { type PlanIssue, RETRYABLE_CODES } from '../plan/issues.js';
import type { Lang, UnlocatedItem } from '../plan/types.js';

/** Entries a panel list shows per page; "show more" adds a page. */
export const LIST_PAGE = 100;

/** How many entries of a paged list to show, and how to ask for the next page. */
export interface ListPager {
  /** Entries shown (a multiple of {@link LIST_PAGE}). */
  limit: number;
  onMore: () => void;
}

/** The "show more" line of a paged list, or nothing when every entry is shown. */
function moreButton(
  total: number,
  pager: ListPager | undefined,
  lang: Lang,
): TemplateResult | typeof nothing {
  if (!pager || total <= pager.limit) return nothing;
  const n = Math.min(LIST_PAGE, total - pager.limit);
  return html`<p class="more"><small>${tf(lang, 'listShown', { shown: String(pager.limit), total: String(total) })}</small>
    <button type="button" class="link more" @click=${() => pager.onMore()}>${tf(lang, 'listMore', { n: String(n) })}</button></p>`;
}

/**
 * @param items the unlocated items the filters and year show (statuses as of the year)
 * @param total how many the plan has: the summary says "shown / total" when they differ
 * @param pager the page shown (default: {@link LIST_PAGE} entries, no "more")
 */
export function unlocatedList(
  items: UnlocatedItem[],
  lang: Lang,
  total = items.length,
  pager?: ListPager,
): TemplateResult | typeof nothing {
  if (total === 0) return nothing;
  const shown = items.slice(0, pager?.limit ?? LIST_PAGE);
  return html`
    <details class="unlocated" part="unlocated">
      <summary data-count=${items.length}>${t(lang, 'unlocated')} (${items.length === total ? items.length : `${items.length} / ${total}`})</summary>
      <ul>
        ${shown.map(
          (u) => html`<li data-id=${u.id}>
            <span>${lang === 'en' ? u.name_en : u.name_zh}</span>
            <small>
              ${label(KIND_LABELS, u.kind, lang)}${u.status ? html` · ${label(STATUS_LABELS, u.status, lang)}` : nothing}
              · ${u.sources.map((s) => s.doc).join(', ')}
            </small>
            <small class="reason">${reasonIn(u.reason, lang)}</small>
          </li>`,
        )}
      </ul>
      ${moreButton(items.length, pager, lang)}
    </details>
  `;
}

/**
 * The reason an item has no place, in the UI language: the built-in data writes it as
 * `中文 / English`; any other text is shown as it is.
 */
export function reasonIn(reason: string, lang: Lang): string {
  const parts = reason.split(' / ');
  if (parts.length !== 2) return reason;
  return (lang === 'en' ? parts[1] : parts[0])!.trim();
}

export interface IssuesListOptions {
  /**
   * The user asked where an issue's feature is. Offered for issues with a `bbox` (the feature
   * had usable coordinates — also when it was left out): select and fly to `featureId` when the
   * feature is drawn, else fit the map to `bbox`.
   */
  onLocate?: (issue: PlanIssue & { bbox: [number, number, number, number] }) => void;
  /** The user asked to load the plan again. Offered when a fetch failed (`RETRYABLE_CODES`). */
  onRetry?: () => void;
  /** The page shown (default: {@link LIST_PAGE} issues, no "more"). */
  pager?: ListPager;
}

/**
 * The data problems found while loading, errors first. Everything from the data (messages,
 * file names, ids) is bound as text, never as HTML.
 */
export function issuesList(
  issues: PlanIssue[],
  lang: Lang,
  { onLocate, onRetry, pager }: IssuesListOptions = {},
): TemplateResult | typeof nothing {
  if (issues.length === 0) return nothing;
  const limit = pager?.limit ?? LIST_PAGE;
  const sorted: PlanIssue[] = [];
  for (const i of issues) if (i.severity === 'error' && sorted.length < limit) sorted.push(i);
  for (const i of issues) if (i.severity !== 'error' && sorted.length < limit) sorted.push(i);
  const retry = onRetry !== undefined && issues.some((i) => RETRYABLE_CODES.has(i.code));
  return html`
    <details class="issues" part="issues" open>
      <summary>${t(lang, 'dataIssues')} (${issues.length})</summary>
      ${
        retry
          ? html`<p class="retry"><button type="button" class="link retry" @click=${() => onRetry()}>${t(lang, 'retryFailed')}</button></p>`
          : nothing
      }
      <ul>
        ${sorted.map((i) => {
          const bbox = i.bbox;
          return html`<li class="issue-${i.severity}" data-code=${i.code} data-severity=${i.severity} data-feature-id=${i.featureId ?? nothing}>
            <b>${t(lang, i.severity === 'error' ? 'issueError' : 'issueWarning')} · ${i.code}</b>
            <span class="message">${lang === 'en' ? i.message_en : i.message_zh}</span>
            <small>${i.file}${i.featureId ? ` · ${i.featureId}` : ''}${i.path ? ` · ${i.path}` : ''}</small>
            ${
              onLocate && bbox
                ? html`<button type="button" class="link locate" aria-label=${`${t(lang, 'locate')} ${i.featureId ?? i.path ?? i.code}`} @click=${() => onLocate({ ...i, bbox })}>${t(lang, 'locate')}</button>`
                : nothing
            }
          </li>`;
        })}
      </ul>
      ${moreButton(issues.length, pager, lang)}
    </details>
  `;
}
