/**
 * A zone's statistics in its card: its shown items by status and by category as small bar
 * charts (inline SVG, `role="img"` with the numbers in its label and title), the same numbers as
 * a table, and items per km². They follow the filters and the year: the counts are the view's
 * roll-up (plan/view-filter.ts → analysis `rollupPairs`), so each chart sums to the zone's count.
 */
import { html, nothing, svg, type TemplateResult } from 'lit';
import type { ZoneRollup } from '../analysis/index.js';
import { CATEGORY_LABELS, label, STATUS_LABELS, t, tf } from '../i18n/strings.js';
import { STATUS_STAGE } from '../map/style.js';
import { type ItemStatus, type Lang, STATUSES } from '../plan/types.js';
import { formatCount } from './progress.js';

interface Bar {
  key: string;
  label: string;
  value: number;
  color: string;
}

const STAGE_COLOR = { planned: '#9e9e9e', building: '#e0a526', done: '#43a047' } as const;
const CATEGORY_COLOR = '#2b7bb9';
/** Key of the bar counting items without a value in that dimension. */
export const OTHER_KEY = '(none)';

const ROW = 18;
const LABEL_W = 118;
const BAR_W = 130;

function chart(id: string, title: string, bars: Bar[], lang: Lang): TemplateResult {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const parts = bars
    .map((b) => `${b.label} ${formatCount(b.value, lang)}`)
    .join(lang === 'zh' ? ',' : ', ');
  const text = tf(lang, 'chartLabel', { title, parts });
  const height = bars.length * ROW + 4;
  return html`<figure class="chart" data-chart=${id}>
    <figcaption>${title}</figcaption>
    <svg role="img" aria-label=${text} viewBox="0 0 ${LABEL_W + BAR_W + 36} ${height}" width="100%">
      <title>${text}</title>
      ${bars.map((b, i) => {
        const w = Math.max(1, (b.value / max) * BAR_W);
        const y = i * ROW + 2;
        return svg`<g class="bar" data-key=${b.key} data-value=${b.value}>
          <text x="0" y=${y + 12} font-size="11" fill="currentColor">${b.label}</text>
          <rect x=${LABEL_W} y=${y + 2} width=${w} height=${ROW - 6} rx="2" fill=${b.color} />
          <text x=${LABEL_W + w + 4} y=${y + 12} font-size="11" fill="currentColor">${formatCount(b.value, lang)}</text>
        </g>`;
      })}
    </svg>
  </figure>`;
}

function table(title: string, bars: Bar[], total: number, lang: Lang): TemplateResult {
  return html`<table>
    <caption>${title}</caption>
    <thead><tr><th scope="col">${title}</th><th scope="col">${t(lang, 'count')}</th></tr></thead>
    <tbody>${bars.map((b) => html`<tr><th scope="row">${b.label}</th><td>${formatCount(b.value, lang)}</td></tr>`)}</tbody>
    <tfoot><tr><th scope="row">${t(lang, 'total')}</th><td>${formatCount(total, lang)}</td></tr></tfoot>
  </table>`;
}

/** Bars for every value with items, in vocabulary order, plus one for items without a value. */
function barsOf(
  counts: Record<string, number>,
  order: readonly string[],
  total: number,
  name: (key: string) => string,
  color: (key: string) => string,
): Bar[] {
  const keys = [
    ...order.filter((k) => counts[k]),
    ...Object.keys(counts)
      .filter((k) => counts[k] && !order.includes(k))
      .sort(),
  ];
  const bars = keys.map((k) => ({ key: k, label: name(k), value: counts[k]!, color: color(k) }));
  const rest = total - bars.reduce((s, b) => s + b.value, 0);
  if (rest > 0) bars.push({ key: OTHER_KEY, label: '—', value: rest, color: '#bdbdbd' });
  return bars;
}

/** The statistics section of a zone card; nothing when the zone has no shown items. */
export function zoneStats(
  rollup: ZoneRollup | undefined,
  lang: Lang,
): TemplateResult | typeof nothing {
  if (!rollup || rollup.total === 0) return nothing;
  const byStatus = barsOf(
    rollup.byStatus,
    STATUSES,
    rollup.total,
    (k) => label(STATUS_LABELS, k, lang),
    (k) => STAGE_COLOR[STATUS_STAGE[k as ItemStatus] ?? 'done'],
  );
  const byCategory = barsOf(
    rollup.byCategory,
    Object.keys(CATEGORY_LABELS),
    rollup.total,
    (k) => label(CATEGORY_LABELS, k, lang),
    () => CATEGORY_COLOR,
  );
  const density = rollup.areaKm2 > 0 ? rollup.itemsPerKm2 : null;
  const densityText =
    density === null
      ? null
      : tf(lang, 'perKm2', {
          n: new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en', {
            maximumFractionDigits: 2,
          }).format(density),
        });
  return html`<section class="stats" part="stats" data-total=${rollup.total}>
    <h4>${t(lang, 'stats')}</h4>
    ${chart('status', t(lang, 'statsByStatus'), byStatus, lang)}
    ${chart('category', t(lang, 'statsByCategory'), byCategory, lang)}
    ${densityText ? html`<p class="density" data-per-km2=${density!.toFixed(4)}><strong>${t(lang, 'statsDensity')}:</strong> ${densityText}</p>` : nothing}
    <details class="stats-table">
      <summary>${t(lang, 'statsTable')}</summary>
      ${table(t(lang, 'statsByStatus'), byStatus, rollup.total, lang)}
      ${table(t(lang, 'statsByCategory'), byCategory, rollup.total, lang)}
    </details>
  </section>`;
}
