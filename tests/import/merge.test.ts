/**
 * An import joined to the plan behaves like the plan's own items: zone lists (cards, tree), the
 * view (filters, statistics), search and exports — in Node, on the model the element renders.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  IMPORT_LAYER_ID,
  importFile,
  importPlanOf,
  planWithImport,
  withUnlocatedImports,
} from '../../src/import/index.js';
import { exportCsv, exportGeoJson } from '../../src/plan/export.js';
import { buildModel, itemsOf } from '../../src/plan/model.js';
import { buildSearchIndex, search } from '../../src/plan/search.js';
import { planView } from '../../src/plan/view-filter.js';
import { builtinModel } from '../plan/builtin.js';

const base = builtinModel();
const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../fixtures/import/${name}`, import.meta.url)));

async function joined(name: string, options = {}) {
  const result = await importFile(fixture(name), name, importPlanOf(base), options);
  const model = withUnlocatedImports(
    buildModel(planWithImport(base.plan, name, result.items)),
    result.items,
    result.memberships,
  );
  return { result, model };
}

describe('an import joined to the plan', () => {
  it('adds one item layer and leaves the plan model untouched', async () => {
    const itemsBefore = base.items.length;
    const { model } = await joined('gbk-excel.csv', { datum: 'GCJ-02' });
    expect(model.plan.layers.at(-1)!.spec).toMatchObject({ id: IMPORT_LAYER_ID, kind: 'items' });
    expect(model.plan.manifest.layers.at(-1)!.id).toBe(IMPORT_LAYER_ID);
    expect(model.items.length).toBe(itemsBefore + 10);
    expect(base.items.length).toBe(itemsBefore);
    expect(base.plan.layers.some((l) => l.spec.id === IMPORT_LAYER_ID)).toBe(false);
  });

  it('zone lists, statistics and search hold located and zone-name rows alike', async () => {
    const { result, model } = await joined('utf8-bom-zones.csv');
    const id = result.report.results.find((r) => r.zone === 'cluster-huangnichuan')!.itemId!;
    expect(itemsOf(model, 'cluster-huangnichuan').map((i) => i.properties.id)).toContain(id);
    const view = planView(model, { filter: {}, year: null });
    const before = planView(base, { filter: {}, year: null });
    expect(view.rollup.get('cluster-huangnichuan')!.total).toBe(
      before.rollup.get('cluster-huangnichuan')!.total + 1,
    );
    // 英歌石科学城综合研发平台 → science-city, counted there (not in a subzone).
    expect(view.rollup.get('science-city')!.total).toBe(
      before.rollup.get('science-city')!.total + 1,
    );
    expect(view.shownByLayer.get(IMPORT_LAYER_ID)).toHaveLength(6);
    const hits = search(buildSearchIndex(model), '融媒体');
    expect(hits.map((h) => h.entry.id)).toContain(
      result.report.results.find((r) => r.zone === 'cluster-xiaopingdao')!.itemId,
    );
  });

  it('filters see the imported statuses', async () => {
    const { model } = await joined('bad-rows.csv');
    const view = planView(model, { filter: { status: ['signed'] }, year: null });
    const shown = view.shownByLayer.get(IMPORT_LAYER_ID) ?? [];
    // Row 2 (signed, placed) and row 7 (signed, by zone name); row 6's 暂缓 is shown as planned.
    expect(shown.sort()).toEqual(['import-1-2', 'import-1-7']);
  });

  it('exports carry the zone of every imported row (CSV and GeoJSON)', async () => {
    const { result, model } = await joined('utf8-bom-zones.csv');
    const view = planView(model, { filter: {}, year: null });
    const input = {
      model,
      view,
      scope: 'visible' as const,
      selected: null,
      visible: new Set([IMPORT_LAYER_ID]),
      exportedAt: '2026-11-30T00:00:00Z',
    };
    const csv = exportCsv(input)
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    const header = JSON.parse(`[${csv[0]}]`) as string[];
    const rows = csv.slice(1).map((l) => JSON.parse(`[${l}]`) as string[]);
    const col = (r: string[], c: string) => r[header.indexOf(c)];
    expect(rows).toHaveLength(6);
    for (const r of rows) {
      const expected = result.report.results.find((x) => x.itemId === col(r, 'id'))!.zone;
      expect(col(r, 'zone')).toBe(expected);
      expect(col(r, 'layer')).toBe(IMPORT_LAYER_ID);
      expect(col(r, 'lon')).toBe(''); // attached by name: no position
    }
    expect(rows.map((r) => col(r, 'zone_name_zh'))).toContain('黄泥川新兴产业组团');
    const gj = exportGeoJson(input);
    expect(gj.features).toHaveLength(6);
    for (const f of gj.features) {
      expect(f.geometry).toBeNull();
      expect(typeof f.properties!.zone).toBe('string');
    }
  });
});
