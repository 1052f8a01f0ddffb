/**
 * What `exportData()` writes: the selected zone joined with its items — or everything visible —
 * as GeoJSON or CSV, each feature with the sentences that cite it. Exports follow the view (the
 * filters and the year), so a file holds what the panel lists. Pure: builds strings and objects;
 * the element wraps them in a Blob.
 */
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import { withoutReservedKeys } from './guards.js';
import { itemsOf, type PlanModel } from './model.js';
import {
  type ItemProps,
  isContentLayerKind,
  isItemKind,
  type PlanFeature,
  type PlanSource,
  type SourceRef,
} from './types.js';
import { formatFilter, type PlanView } from './view-filter.js';

export type ExportFormat = 'geojson' | 'csv';
export type ExportScope = 'selection' | 'visible';

export interface ExportOptions {
  format: ExportFormat;
  scope: ExportScope;
}

export interface ExportInput {
  model: PlanModel;
  view: PlanView;
  scope: ExportScope;
  /** The selected feature (scope `selection`). */
  selected: string | null;
  /** Visible layer ids (scope `visible`). */
  visible: ReadonlySet<string>;
  /** When the export was made (ISO 8601); passed in so the output is deterministic. */
  exportedAt: string;
}

/** The byte order mark that makes Excel read a CSV file as UTF-8 (and show Chinese). */
export const BOM = '\uFEFF';

export interface ExportRow {
  role: 'zone' | 'item';
  feature: PlanFeature;
}

/** Nothing to export: no plan feature with that id is selected (scope `selection`). */
export class NothingSelectedError extends Error {
  constructor() {
    super('exportData({ scope: "selection" }): nothing is selected');
    this.name = 'NothingSelectedError';
  }
}

const isItem = (f: PlanFeature) => isItemKind(f.properties.kind);

/**
 * The features an export holds, in order: for `selection` the selected feature then its shown
 * items (a zone's, or a corridor node's parks); for `visible` every feature of the visible zone,
 * corridor and item layers that the view shows. Reference layers (places, districts) and the
 * basemap are not plan content and are left out.
 */
export function exportRows(input: ExportInput): ExportRow[] {
  const { model, view } = input;
  const shown = (f: PlanFeature) => !isItem(f) || view.status.has(f.properties.id);
  if (input.scope === 'selection') return selectionRows(input, shown);
  const rows: ExportRow[] = [];
  for (const layer of model.plan.layers) {
    if (!isContentLayerKind(layer.spec.kind) || !input.visible.has(layer.spec.id)) continue;
    for (const f of layer.data.features) {
      if (shown(f)) rows.push({ role: isItem(f) ? 'item' : 'zone', feature: f });
    }
  }
  return rows;
}

/** The selected feature, then its shown items (a zone's, or a corridor node's parks). */
function selectionRows(input: ExportInput, shown: (f: PlanFeature) => boolean): ExportRow[] {
  const { model } = input;
  const f = input.selected ? model.byId.get(input.selected) : undefined;
  if (!f || !isContentLayerKind(layerKind(model, f.properties.id))) {
    throw new NothingSelectedError();
  }
  if (isItem(f)) return [{ role: 'item', feature: f }];
  const items = itemsOf(model, f.properties.id).filter(shown);
  return [
    { role: 'zone', feature: f },
    ...items.map((i) => ({ role: 'item' as const, feature: i as PlanFeature })),
  ];
}

function layerKind(model: PlanModel, id: string): string {
  const layerId = model.layerOf.get(id);
  return model.plan.layers.find((l) => l.spec.id === layerId)?.spec.kind ?? '';
}

const round = (n: number, digits: number) => Number(n.toFixed(digits));

/** What an export adds to a feature's own properties: its layer, area, count, zone, view status. */
function derived(input: ExportInput, row: ExportRow): Record<string, unknown> {
  const { model, view } = input;
  const id = row.feature.properties.id;
  const out: Record<string, unknown> = { layer: model.layerOf.get(id) ?? null };
  if (row.role === 'zone') {
    const area = model.areaKm2.get(id);
    out.area_km2 = area === undefined ? null : round(area, 3);
    const kind = row.feature.properties.kind;
    out.item_count =
      kind === 'corridor-node'
        ? itemsOf(model, id).filter((i) => view.status.has(i.properties.id)).length
        : (view.rollup.get(id)?.total ?? null);
  } else {
    const m = model.membership.get(id);
    out.zone = m?.zone ?? null;
    out.zone_method = m?.method ?? null;
    out.zones = m?.zones ?? [];
    // The status the item is shown with: as of `year` when a year is chosen.
    out.status_shown = view.status.get(id) ?? null;
  }
  return out;
}

function citedDocs(model: PlanModel, rows: readonly ExportRow[]): PlanSource[] {
  const ids = new Set(rows.flatMap((r) => r.feature.properties.sources.map((s) => s.doc)));
  return model.plan.manifest.sources.filter((s) => ids.has(s.id));
}

/**
 * GeoJSON: a FeatureCollection with the plan, the view and the cited documents as members.
 * No key at any depth names an `Object.prototype` member (`__proto__`, `constructor`,
 * `prototype` …): consumers that merge the file into objects cannot be polluted by it.
 */
export function exportGeoJson(input: ExportInput): FeatureCollection {
  const rows = exportRows(input);
  const { manifest } = input.model.plan;
  const features: Feature[] = rows.map((r) => ({
    type: 'Feature',
    id: r.feature.properties.id,
    geometry: r.feature.geometry as Geometry,
    properties: { ...r.feature.properties, ...derived(input, r), role: r.role },
  }));
  // Foreign members (RFC 7946 §6.1): consumers that do not know them ignore them.
  return withoutReservedKeys({
    type: 'FeatureCollection',
    features,
    plan: { id: manifest.id, title: manifest.title },
    view: {
      scope: input.scope,
      selected: input.scope === 'selection' ? input.selected : null,
      year: input.view.year,
      filter: formatFilter(input.view.filter),
    },
    exported: input.exportedAt,
    sources: citedDocs(input.model, rows),
  }) as FeatureCollection;
}

export const CSV_COLUMNS = [
  'role',
  'id',
  'kind',
  'layer',
  'name_zh',
  'name_en',
  'category',
  'status',
  'status_shown',
  'zone',
  'zone_name_zh',
  'zone_name_en',
  'zone_method',
  'area_km2',
  'item_count',
  'lon',
  'lat',
  'source_docs',
  'sources',
] as const;

/**
 * One CSV field, always quoted (RFC 4180). Text that a spreadsheet would run as a formula
 * (starting with = + - @) gets a leading apostrophe.
 */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '""';
  let s = String(value);
  if (typeof value !== 'number' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return `"${s.replace(/"/g, '""')}"`;
}

/** A point for a spreadsheet: the point itself, else the centre of the bounding box. */
function lonLat(g: Geometry | null): [number, number] | null {
  if (!g) return null;
  if (g.type === 'Point') return [g.coordinates[0]!, g.coordinates[1]!];
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  const visit = (c: unknown): void => {
    if (typeof (c as Position)[0] === 'number') {
      const [x, y] = c as Position;
      w = Math.min(w, x!);
      e = Math.max(e, x!);
      s = Math.min(s, y!);
      n = Math.max(n, y!);
    } else for (const child of c as unknown[]) visit(child);
  };
  if ('coordinates' in g) visit(g.coordinates);
  return Number.isFinite(w) ? [round((w + e) / 2, 5), round((s + n) / 2, 5)] : null;
}

const quoteOf = (s: SourceRef) => `${s.doc} ${s.where}: 「${s.quote}」`;

/** CSV in UTF-8 with a BOM, a header row of {@link CSV_COLUMNS}, CRLF line ends. */
export function exportCsv(input: ExportInput): string {
  const rows = exportRows(input);
  const lines = [CSV_COLUMNS.map(csvField).join(',')];
  for (const r of rows) {
    const p = r.feature.properties as PlanFeature['properties'] & Partial<ItemProps>;
    const d = derived(input, r);
    const zone = typeof d.zone === 'string' ? input.model.byId.get(d.zone) : undefined;
    const at = lonLat(r.feature.geometry);
    const record: Record<(typeof CSV_COLUMNS)[number], unknown> = {
      role: r.role,
      id: p.id,
      kind: p.kind,
      layer: d.layer,
      name_zh: p.name_zh,
      name_en: p.name_en,
      category: p.category,
      status: p.status,
      status_shown: d.status_shown,
      zone: d.zone,
      zone_name_zh: zone?.properties.name_zh,
      zone_name_en: zone?.properties.name_en,
      zone_method: d.zone_method,
      area_km2: d.area_km2,
      item_count: d.item_count,
      lon: at?.[0],
      lat: at?.[1],
      source_docs: [...new Set(p.sources.map((s) => s.doc))].join('; '),
      sources: p.sources.map(quoteOf).join(' | '),
    };
    lines.push(CSV_COLUMNS.map((c) => csvField(record[c])).join(','));
  }
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

/** A file name for an export: `<plan>-<selection or "visible">[-<year>].<ext>`. */
export function exportFileName(
  planId: string,
  scope: ExportScope,
  selected: string | null,
  year: number | null,
  ext: string,
): string {
  const what = scope === 'selection' && selected ? selected : 'visible';
  return `${planId}-${what}${year === null ? '' : `-${year}`}.${ext}`;
}
