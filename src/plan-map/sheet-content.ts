/**
 * What the planning sheet shows, as plain data: the title and the view in words, the legend of
 * the visible layers and item statuses, the selected zone's item table, the cited sources and
 * the date. Pure (no DOM, no canvas): `sheet.ts` draws it.
 */
import { CATEGORY_LABELS, KIND_LABELS, label, STATUS_LABELS, t, tf } from '../i18n/strings.js';
import { layerPattern } from '../map/patterns.js';
import { itemsOf, nameOf, type PlanModel } from '../plan/model.js';
import type { Lang, LoadedLayer } from '../plan/types.js';
import type { PlanView } from '../plan/view-filter.js';
import { shownSummary } from '../ui/filters.js';
import { formatCount } from '../ui/progress.js';
import { yearText } from '../ui/timeline.js';
import type { SheetInput, SheetLegendEntry } from './sheet.js';

export interface SheetContentInput {
  model: PlanModel;
  view: PlanView;
  lang: Lang;
  /** Visible layer ids. */
  visible: ReadonlySet<string>;
  /** Selected feature id, or null. */
  selected: string | null;
  /** The map's picture. */
  snapshot: SheetInput['snapshot'];
  /** The date printed on the sheet, `YYYY-MM-DD`. */
  date: string;
}

/** The sheet of the map as drawn, for {@link SheetInput}. */
export function sheetContent(input: SheetContentInput): SheetInput {
  const { model, view, lang, visible, snapshot } = input;
  const manifest = model.plan.manifest;
  const selected = input.selected ? model.byId.get(input.selected) : undefined;
  const layers = model.plan.layers.filter(
    (l) => l.spec.kind !== 'basemap' && visible.has(l.spec.id),
  );
  const items = selected ? itemsOf(model, selected.properties.id) : [];
  const shownItems = items.filter((i) => view.status.has(i.properties.id));
  const cited = new Set(
    (selected ? [selected, ...shownItems] : []).flatMap((f) =>
      f.properties.sources.map((s) => s.doc),
    ),
  );
  const docs = manifest.sources.filter((s) => !selected || cited.has(s.id));
  const viewWords = [
    selected ? nameOf(selected, lang) : t(lang, 'exportVisible'),
    yearText(view.year, lang),
    ...(view.neutral || Object.keys(view.filter).length === 0 ? [] : [shownSummary(view, lang)]),
  ];
  const attribution = [...new Set(layers.map((l) => l.spec.attribution).filter(Boolean))]
    .map((a) => plainText(a!))
    .join(' · ');
  const hasItems = layers.some((l) => l.spec.kind === 'items');
  return {
    snapshot,
    title: manifest.title[lang],
    subtitle: viewWords.join(' · '),
    legendTitle: t(lang, 'sheetLegend'),
    legend: layers.map((l) => legendEntry(l, lang)),
    statusTitle: t(lang, 'statusKey'),
    statuses: hasItems
      ? [
          { label: t(lang, 'stagePlanned'), stage: 'planned' },
          { label: t(lang, 'stageBuilding'), stage: 'building' },
          { label: t(lang, 'stageDone'), stage: 'done' },
        ]
      : [],
    tableTitle: selected ? tf(lang, 'sheetItems', { name: nameOf(selected, lang) }) : '',
    table:
      selected && items.length > 0
        ? {
            columns: [t(lang, 'name'), t(lang, 'kind'), t(lang, 'status'), t(lang, 'category')],
            rows: shownItems.map((i) => [
              nameOf(i, lang),
              label(KIND_LABELS, i.properties.kind, lang),
              label(STATUS_LABELS, view.status.get(i.properties.id) ?? i.properties.status, lang),
              label(CATEGORY_LABELS, i.properties.category, lang),
            ]),
          }
        : null,
    moreRows: (n) => tf(lang, 'sheetMore', { n: formatCount(n, lang) }),
    sourcesTitle: t(lang, 'sheetSources'),
    sources: docs.map((d) => `${d.id} ${d.title} (${d.date})`),
    attribution,
    dateLine: tf(lang, 'sheetDate', { date: input.date }),
    north: t(lang, 'north'),
  };
}

const SHAPES: Record<string, SheetLegendEntry['shape']> = {
  zones: 'zone',
  items: 'item',
  corridor: 'corridor',
};

function legendEntry(l: LoadedLayer, lang: Lang): SheetLegendEntry {
  return {
    label: l.spec.title[lang],
    color: l.spec.color,
    shape: SHAPES[l.spec.kind] ?? (l.spec.id === 'places' ? 'point' : 'line'),
    pattern: layerPattern(l),
  };
}

/** Attribution text (HTML-safe after loading, see plan/types.ts) as plain text for the sheet. */
export function plainText(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}
