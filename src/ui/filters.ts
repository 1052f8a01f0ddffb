/**
 * The item filters: kind, status and category checkboxes, each with how many items it would show
 * given the other filters and the year (facet counts from plan/view-filter.ts), a status key
 * that draws each status as the map does, and a summary of what is shown.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { CATEGORY_LABELS, KIND_LABELS, label, STATUS_LABELS, t, tf } from '../i18n/strings.js';
import { STATUS_STAGE } from '../map/style.js';
import type { ItemStatus, Lang, LocalizedText } from '../plan/types.js';
import type { FilterDimension, PlanView } from '../plan/view-filter.js';
import { formatCount } from './progress.js';
import { statusGlyph } from './swatch.js';

export interface FiltersProps {
  lang: Lang;
  view: PlanView;
  /** The options of each dimension, in order (plan/view-filter.ts `filterOptions`). */
  options: Record<FilterDimension, readonly string[]>;
  onToggle: (dim: FilterDimension, value: string, on: boolean) => void;
  onReset: () => void;
}

const LEGENDS: Record<FilterDimension, 'filterKind' | 'filterStatus' | 'filterCategory'> = {
  kind: 'filterKind',
  status: 'filterStatus',
  category: 'filterCategory',
};
const VOCAB: Record<FilterDimension, Record<string, LocalizedText>> = {
  kind: KIND_LABELS,
  status: STATUS_LABELS,
  category: CATEGORY_LABELS,
};

/** "显示 42 / 64 个已定位项目" / "Showing 42 of 64 placed items". */
export function shownSummary(view: PlanView, lang: Lang): string {
  return tf(lang, 'shownItems', {
    shown: formatCount(view.shown, lang),
    total: formatCount(view.total, lang),
  });
}

function group(
  dim: FilterDimension,
  { lang, view, options, onToggle }: FiltersProps,
): TemplateResult {
  const allowed = view.filter[dim];
  return html`<fieldset class="filter-group" data-dim=${dim}>
    <legend>${t(lang, LEGENDS[dim])}</legend>
    ${options[dim].map((value) => {
      const n = view.facets[dim].get(value) ?? 0;
      return html`<label class="filter-option" data-value=${value}>
        <input
          type="checkbox"
          .checked=${allowed === undefined || allowed.includes(value)}
          @change=${(e: Event) => onToggle(dim, value, (e.target as HTMLInputElement).checked)}
        />
        ${dim === 'status' ? statusGlyph(STATUS_STAGE[value as ItemStatus] ?? 'done') : nothing}
        <span class="option-name">${label(VOCAB[dim], value, lang)}</span>
        <span class="count" data-count=${n}>${formatCount(n, lang)}</span>
      </label>`;
    })}
  </fieldset>`;
}

export function filtersPanel(props: FiltersProps): TemplateResult {
  const { lang, view, onReset } = props;
  const active = Object.keys(view.filter).length > 0;
  // Open and closed by the user only: binding `open` would fold it under their hands.
  return html`<details class="filters" part="filters">
    <summary>
      ${t(lang, 'filters')}
      <span class="summary-count" data-shown=${view.shown} data-total=${view.total}>· ${shownSummary(view, lang)}</span>
    </summary>
    ${group('kind', props)}
    ${group('status', props)}
    ${group('category', props)}
    <button type="button" class="link reset" ?disabled=${!active} @click=${onReset}>${t(lang, 'filterReset')}</button>
  </details>`;
}

/** The item status key of the legend: the three stages the map draws. */
export function statusKey(lang: Lang): TemplateResult {
  const stages = [
    ['planned', 'stagePlanned'],
    ['building', 'stageBuilding'],
    ['done', 'stageDone'],
  ] as const;
  return html`<div class="status-key" part="status-key">
    <p class="key-title">${t(lang, 'statusKey')}</p>
    <ul>
      ${stages.map(([stage, key]) => html`<li data-stage=${stage}>${statusGlyph(stage)} ${t(lang, key)}</li>`)}
    </ul>
  </div>`;
}
