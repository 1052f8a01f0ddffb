/** Export builders: the selected zone joined with its items (or everything visible), with sources. */
import { describe, expect, it } from 'vitest';
import {
  BOM,
  CSV_COLUMNS,
  csvField,
  type ExportInput,
  exportCsv,
  exportFileName,
  exportGeoJson,
  exportRows,
  NothingSelectedError,
} from '../../src/plan/export.js';
import { itemsOf } from '../../src/plan/model.js';
import { planView } from '../../src/plan/view-filter.js';
import { builtinModel } from './builtin.js';

const model = builtinModel();
const all = planView(model, { filter: {}, year: null });
const visible = new Set(model.plan.manifest.layers.filter((l) => l.visible).map((l) => l.id));
const input = (over: Partial<ExportInput> = {}): ExportInput => ({
  model,
  view: all,
  scope: 'selection',
  selected: 'cluster-huangnichuan',
  visible,
  exportedAt: '2025-06-01T00:00:00.000Z',
  ...over,
});

/** A CSV parser for what exportCsv writes (every field quoted). */
function parseCsv(text: string): string[][] {
  return text
    .replace(/\r\n$/, '')
    .split('\r\n')
    .map((line) => [...line.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => m[1]!.replace(/""/g, '"')));
}

describe('exportGeoJson', () => {
  it('holds the selected zone, then each of its items, with sources', () => {
    const fc = exportGeoJson(input()) as ReturnType<typeof exportGeoJson> & Record<string, unknown>;
    const items = itemsOf(model, 'cluster-huangnichuan');
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features).toHaveLength(1 + items.length);
    const [zone, ...rest] = fc.features;
    expect(zone!.properties).toMatchObject({
      id: 'cluster-huangnichuan',
      role: 'zone',
      layer: 'clusters',
      item_count: items.length,
    });
    expect(zone!.properties!.area_km2).toBeGreaterThan(1);
    expect(rest.map((f) => f.properties!.id)).toEqual(items.map((i) => i.properties.id));
    for (const f of fc.features)
      expect((f.properties!.sources as unknown[]).length).toBeGreaterThan(0);
    expect(rest[0]!.properties).toMatchObject({ role: 'item', zone: 'cluster-huangnichuan' });
    // The cited documents, the plan and the view travel with the data.
    expect((fc.sources as { id: string }[]).map((s) => s.id).sort()).toEqual([
      'S001',
      'S003',
      'S004',
    ]);
    expect(fc.plan).toEqual({ id: model.plan.manifest.id, title: model.plan.manifest.title });
    expect(fc.view).toEqual({
      scope: 'selection',
      selected: 'cluster-huangnichuan',
      year: null,
      filter: '',
    });
    expect(fc.exported).toBe('2025-06-01T00:00:00.000Z');
  });

  it('follows the filters and the year: items and their shown status', () => {
    const v = planView(model, { filter: {}, year: 2020 });
    const fc = exportGeoJson(input({ view: v }));
    const ids = fc.features.map((f) => f.properties!.id);
    expect(ids).toContain('park-semiconductor-industrial-park');
    expect(ids).not.toContain('park-huangnichuan-intelligent-manufacturing'); // first reported 2024
    expect(fc.features[0]!.properties!.item_count).toBe(fc.features.length - 1);
  });

  it('scope `visible`: every feature of the visible plan layers, no reference layers', () => {
    const fc = exportGeoJson(input({ scope: 'visible', selected: null }));
    const layers = new Set(fc.features.map((f) => f.properties!.layer));
    expect(layers.has('places')).toBe(false);
    expect(layers.has('districts')).toBe(false);
    expect(fc.features.filter((f) => f.properties!.role === 'item')).toHaveLength(
      model.items.length,
    );
    const fewer = exportRows(input({ scope: 'visible', visible: new Set(['clusters']) }));
    expect(fewer.map((r) => r.feature.properties.kind)).toEqual(Array(5).fill('cluster'));
  });

  it('throws for scope `selection` with nothing (or a reference feature) selected', () => {
    expect(() => exportRows(input({ selected: null }))).toThrow(NothingSelectedError);
    const place = model.plan.layers.find((l) => l.spec.id === 'places')!.data.features[0]!;
    expect(() => exportRows(input({ selected: place.properties.id }))).toThrow(
      NothingSelectedError,
    );
  });
});

describe('exportCsv', () => {
  const csv = exportCsv(input());
  it('starts with a BOM, has a header row and CRLF line ends', () => {
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.startsWith(BOM)).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(parseCsv(csv.slice(1))[0]).toEqual([...CSV_COLUMNS]);
  });
  it('has the zone row and one row per item, Chinese kept, with sources', () => {
    const rows = parseCsv(csv.slice(1)).slice(1);
    const col = (name: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(name);
    expect(rows).toHaveLength(1 + itemsOf(model, 'cluster-huangnichuan').length);
    expect(rows[0]![col('id')]).toBe('cluster-huangnichuan');
    expect(rows[0]![col('name_zh')]).toBe('黄泥川新兴产业组团');
    expect(Number(rows[0]![col('area_km2')])).toBeGreaterThan(1);
    expect(rows.slice(1).every((r) => r[col('role')] === 'item')).toBe(true);
    // Each item's own zone (a road crossing several zones belongs to the widest one).
    const inCluster = rows.slice(1).filter((r) => r[col('zone')] === 'cluster-huangnichuan');
    expect(inCluster.length).toBeGreaterThanOrEqual(rows.length - 2);
    expect(inCluster.every((r) => r[col('zone_name_zh')] === '黄泥川新兴产业组团')).toBe(true);
    expect(rows.every((r) => /^S00\d/.test(r[col('source_docs')]!))).toBe(true);
    expect(rows[0]![col('sources')]).toContain('「');
    expect(Number(rows[1]![col('lon')])).toBeGreaterThan(121);
    expect(Number(rows[1]![col('lat')])).toBeGreaterThan(38);
  });
  it('quotes every field, doubles quotes, defuses formulas', () => {
    expect(csvField('a"b')).toBe('"a""b"');
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField(-1.5)).toBe('"-1.5"');
    expect(csvField(null)).toBe('""');
    expect(csvField('多行\n文本')).toBe('"多行\n文本"');
  });
});

it('names files after the plan, the selection and the year', () => {
  expect(exportFileName('p', 'selection', 'cluster-a', null, 'csv')).toBe('p-cluster-a.csv');
  expect(exportFileName('p', 'visible', 'cluster-a', 2020, 'png')).toBe('p-visible-2020.png');
});
