/**
 * The search box: a combobox (WAI-ARIA 1.2 pattern) over zones, nodes and items — Chinese
 * names, English names, pinyin and pinyin initials (plan/search.ts). Typing lists matches; ↓ ↑
 * move through them (`aria-activedescendant`), Enter chooses, Escape closes; a click chooses too.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { KIND_LABELS, label, t, tf } from '../i18n/strings.js';
import type { SearchHit } from '../plan/search.js';
import type { Lang } from '../plan/types.js';
import { formatCount } from './progress.js';

/** Results listed at once. */
export const MAX_RESULTS = 12;

export interface SearchBoxProps {
  lang: Lang;
  query: string;
  hits: readonly SearchHit[];
  /** Index of the highlighted option, or -1. */
  active: number;
  open: boolean;
  onInput: (query: string) => void;
  onActive: (index: number) => void;
  onChoose: (hit: SearchHit) => void;
  onOpen: (open: boolean) => void;
  onFocus: () => void;
}

const optionId = (i: number) => `search-option-${i}`;

/** What the combobox's keys do, given the hits shown and whether the list is open. */
interface ComboKeyContext {
  p: SearchBoxProps;
  hits: readonly SearchHit[];
  expanded: boolean;
}

/** ↓ ↑ move through the hits (opening the list, wrapping around). */
function moveActive(e: KeyboardEvent, { p, hits, expanded }: ComboKeyContext): void {
  e.preventDefault();
  if (!expanded) p.onOpen(true);
  if (hits.length === 0) return;
  const step = e.key === 'ArrowDown' ? 1 : -1;
  const next = p.active < 0 ? (step > 0 ? 0 : hits.length - 1) : p.active + step;
  p.onActive((next + hits.length) % hits.length);
}

/** Enter chooses the highlighted hit (or the only one). */
function chooseActive(e: KeyboardEvent, { p, hits, expanded }: ComboKeyContext): void {
  const hit = hits[p.active] ?? (hits.length === 1 ? hits[0] : undefined);
  if (!expanded || !hit) return;
  e.preventDefault();
  p.onChoose(hit);
}

/**
 * Escape closes the list, else clears the query. Either way it is this Escape's job alone: it
 * must not also clear the map's selection.
 */
function closeOrClear(e: KeyboardEvent, { p, expanded }: ComboKeyContext): void {
  if (expanded) p.onOpen(false);
  else if (p.query) p.onInput('');
  else return;
  e.stopPropagation();
}

const COMBO_KEYS: Record<string, (e: KeyboardEvent, c: ComboKeyContext) => void> = {
  ArrowDown: moveActive,
  ArrowUp: moveActive,
  Enter: chooseActive,
  Escape: closeOrClear,
  // Home and End move the caret in the text: no hit stays highlighted.
  Home: (_e, { p }) => p.onActive(-1),
  End: (_e, { p }) => p.onActive(-1),
};

export function searchBox(p: SearchBoxProps): TemplateResult {
  const { lang, query, open } = p;
  const hits = p.hits.slice(0, MAX_RESULTS);
  const expanded = open && query.trim() !== '';
  const onKeydown = (e: KeyboardEvent) => {
    if (Object.hasOwn(COMBO_KEYS, e.key)) COMBO_KEYS[e.key]!(e, { p, hits, expanded });
  };
  const status = !expanded
    ? ''
    : hits.length > 0
      ? tf(lang, 'searchResults', { n: formatCount(p.hits.length, lang) })
      : t(lang, 'searchNoResults');
  return html`<div class="search" part="search">
    <label class="search-label" for="search-input">${t(lang, 'searchLabel')}</label>
    <input
      id="search-input"
      type="search"
      role="combobox"
      autocomplete="off"
      spellcheck="false"
      aria-autocomplete="list"
      aria-controls="search-results"
      aria-expanded=${expanded ? 'true' : 'false'}
      aria-activedescendant=${expanded && p.active >= 0 ? optionId(p.active) : nothing}
      aria-describedby="search-status"
      placeholder=${t(lang, 'searchPlaceholder')}
      .value=${query}
      @input=${(e: Event) => p.onInput((e.target as HTMLInputElement).value)}
      @keydown=${onKeydown}
      @focus=${p.onFocus}
    />
    <ul id="search-results" role="listbox" aria-label=${t(lang, 'searchLabel')} ?hidden=${!expanded || hits.length === 0}>
      ${hits.map(
        (h, i) => html`<li
          id=${optionId(i)}
          role="option"
          class="search-option"
          data-id=${h.entry.id}
          aria-selected=${i === p.active ? 'true' : 'false'}
          @mousedown=${(e: Event) => e.preventDefault()}
          @click=${() => p.onChoose(h)}
        >
          <span class="option-name">${lang === 'en' ? h.entry.name_en : h.entry.name_zh}</span>
          <small>${label(KIND_LABELS, h.entry.kind, lang)}</small>
        </li>`,
      )}
    </ul>
    <small id="search-status" class="search-status">${status}${
      expanded && hits.length > 0 ? html` · ${t(lang, 'searchHint')}` : nothing
    }</small>
  </div>`;
}
