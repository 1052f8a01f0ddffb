/**
 * Collapsible panel lists: the items the documents name without a place (shown, never
 * dropped) and the data problems found while loading (issues as data, shown to the user).
 */
import { html, nothing, type TemplateResult } from 'lit';
import { KIND_LABELS, label, STATUS_LABELS, t } from '../i18n/strings.js';
import type { PlanIssue } from '../plan/issues.js';
import type { Lang, UnlocatedItem } from '../plan/types.js';

export function unlocatedList(items: UnlocatedItem[], lang: Lang): TemplateResult | typeof nothing {
  if (items.length === 0) return nothing;
  return html`
    <details class="unlocated" part="unlocated">
      <summary>${t(lang, 'unlocated')} (${items.length})</summary>
      <ul>
        ${items.map(
          (u) => html`<li data-id=${u.id}>
            <span>${lang === 'en' ? u.name_en : u.name_zh}</span>
            <small>
              ${label(KIND_LABELS, u.kind, lang)}${u.status ? html` · ${label(STATUS_LABELS, u.status, lang)}` : nothing}
              · ${u.sources.map((s) => s.doc).join(', ')}
            </small>
            <small class="reason">${u.reason}</small>
          </li>`,
        )}
      </ul>
    </details>
  `;
}

export function issuesList(issues: PlanIssue[], lang: Lang): TemplateResult | typeof nothing {
  if (issues.length === 0) return nothing;
  return html`
    <details class="issues" part="issues" open>
      <summary>${t(lang, 'dataIssues')} (${issues.length})</summary>
      <ul>
        ${issues.map(
          (i) => html`<li class="issue-${i.severity}" data-code=${i.code}>
            <b>${i.code}</b> ${lang === 'en' ? i.message_en : i.message_zh}
            <small>${i.file}${i.featureId ? ` · ${i.featureId}` : ''}</small>
          </li>`,
        )}
      </ul>
    </details>
  `;
}
