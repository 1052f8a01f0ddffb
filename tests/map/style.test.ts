import { describe, expect, it } from 'vitest';
import {
  buildStyle,
  clickableLayerIds,
  DATA_APART_MIN_FEATURES,
  itemCirclePaint,
  STATUS_STAGE,
  shownFilter,
  styleLayerIds,
  withDataApart,
  withoutHighlights,
} from '../../src/map/style.js';
import type { LayerSpec, LoadedPlan } from '../../src/plan/types.js';
import { STATUSES } from '../../src/plan/types.js';

const spec = (id: string, kind: LayerSpec['kind'], visible = true): LayerSpec => ({
  id,
  kind,
  file: `${id}.geojson`,
  visible,
  color: '#123456',
  title: { zh: id, en: id },
});
const plan: LoadedPlan = {
  baseUrl: null,
  manifest: {
    id: 'p',
    title: { zh: 'p', en: 'p' },
    bbox: [0, 0, 1, 1],
    sources: [],
    layers: [],
  },
  unlocated: [],
  layers: [
    { spec: spec('land', 'basemap'), data: { type: 'FeatureCollection', features: [] } },
    { spec: spec('clusters', 'zones'), data: { type: 'FeatureCollection', features: [] } },
    { spec: spec('projects', 'items'), data: { type: 'FeatureCollection', features: [] } },
  ],
};

describe('buildStyle', () => {
  const style = buildStyle(plan, {
    lang: 'zh',
    visible: new Set(['projects']),
    selected: 'cluster-a',
  });

  it('has one GeoJSON source per plan layer and a sea background', () => {
    expect(Object.keys(style.sources)).toEqual(['land', 'clusters', 'projects']);
    expect(style.layers[0]).toMatchObject({ id: 'sea', type: 'background' });
  });

  it('hides layers that are not visible, but never the basemap', () => {
    for (const id of styleLayerIds(style, 'clusters')) {
      expect(style.layers.find((l) => l.id === id)?.layout?.visibility).toBe('none');
    }
    for (const id of styleLayerIds(style, 'projects')) {
      expect(style.layers.find((l) => l.id === id)?.layout?.visibility).toBe('visible');
    }
    expect(style.layers.find((l) => l.id === 'land:fill')?.layout?.visibility).toBeUndefined();
  });

  it('labels in the requested language', () => {
    const label = style.layers.find((l) => l.id === 'projects:label');
    expect(label?.layout).toMatchObject({ 'text-field': ['get', 'name_zh'] });
    const en = buildStyle(plan, { lang: 'en', visible: new Set(), selected: null });
    expect(en.layers.find((l) => l.id === 'projects:label')?.layout).toMatchObject({
      'text-field': ['get', 'name_en'],
    });
  });

  it('highlights the selected feature through feature state, not a filter', () => {
    const sel = style.layers.find((l) => l.id === 'clusters:selected') as {
      filter: unknown;
      paint: Record<string, unknown>;
    };
    // The style is the same whatever is selected: the controller moves feature state instead.
    expect(JSON.stringify(sel.filter)).not.toContain('"cluster-a"');
    const other = buildStyle(plan, { lang: 'zh', visible: new Set(), selected: 'cluster-b' });
    expect(other.layers).toEqual(
      buildStyle(plan, { lang: 'zh', visible: new Set(), selected: null }).layers,
    );
    expect(sel.paint['line-opacity']).toEqual([
      'case',
      ['boolean', ['feature-state', 'selected'], false],
      1,
      0,
    ]);
    const point = style.layers.find((l) => l.id === 'projects:selected-point') as {
      paint: Record<string, unknown>;
    };
    expect(JSON.stringify(point.paint['circle-stroke-opacity'])).toContain(
      '"feature-state","selected"',
    );
    expect(style.sources.clusters).toMatchObject({ promoteId: 'id' });
    expect(style.sources.projects).toMatchObject({ promoteId: 'id' });
  });

  it('makes zone fills and item symbols clickable, not labels or the basemap', () => {
    const ids = clickableLayerIds(style);
    expect(ids).toContain('clusters:fill');
    expect(ids).toContain('projects:circle');
    expect(ids).not.toContain('projects:label');
    expect(ids).not.toContain('land:fill');
  });

  it('tints and hatches zones by kind in one fill (subzones are outlined instead)', () => {
    const fill = style.layers.find((l) => l.id === 'clusters:fill') as {
      paint: Record<string, unknown>;
      filter: unknown;
    };
    expect(fill.paint['fill-pattern']).toEqual([
      'concat',
      'plan-pattern:clusters:',
      ['get', 'kind'],
    ]);
    expect(JSON.stringify(fill.filter)).toContain('["!=",["get","kind"],"subzone"]');
    expect(style.layers.some((l) => l.id === 'clusters:pattern')).toBe(false);
  });

  it('previews a feature apart from the selection, through feature state', () => {
    const s = buildStyle(plan, { lang: 'zh', visible: new Set(), selected: 'a', preview: 'b' });
    const preview = s.layers.find((l) => l.id === 'clusters:preview') as {
      paint: Record<string, unknown>;
    };
    expect(preview.paint['line-opacity']).toEqual([
      'case',
      ['boolean', ['feature-state', 'preview'], false],
      0.75,
      0,
    ]);
    expect(s.sources.clusters).toMatchObject({ promoteId: 'id' });
    expect(s.sources.land).not.toHaveProperty('promoteId');
    expect(clickableLayerIds(s)).not.toContain('clusters:preview');
  });

  it('restricts item layers to the shown ids, and nothing else', () => {
    const shown = new Map([['projects', ['p-1', 'p-2', 'p-1']]]);
    const s = buildStyle(plan, { lang: 'zh', visible: new Set(), selected: null, shown });
    const circle = s.layers.find((l) => l.id === 'projects:circle') as { filter: unknown };
    expect(circle.filter).toEqual([
      'all',
      ['match', ['geometry-type'], ['Point'], true, false],
      ['match', ['get', 'id'], ['p-1', 'p-2'], true, false],
    ]);
    const fill = s.layers.find((l) => l.id === 'clusters:fill') as { filter: unknown };
    expect(JSON.stringify(fill.filter)).not.toContain('p-1');
    // A layer missing from the map shows none of its items; null shows all.
    expect(shownFilter(undefined, [])).toEqual(['boolean', false]);
    expect(shownFilter(['==', 1, 1], null)).toEqual(['==', 1, 1]);
    expect(s.sources.projects).toMatchObject({ promoteId: 'id' });
  });

  it('draws each status stage differently, from the feature state first (the year)', () => {
    expect(new Set(STATUSES.map((st) => STATUS_STAGE[st]))).toEqual(
      new Set(['planned', 'building', 'done']),
    );
    const paint = itemCirclePaint('#123456');
    expect(JSON.stringify(paint['circle-color'])).toContain('"feature-state","status"');
    expect(paint['circle-color']).toEqual([
      'match',
      expect.anything(),
      ['planned', 'signed'],
      '#ffffff',
      '#123456',
    ]);
  });
});

describe('withoutHighlights', () => {
  const full = buildStyle(plan, {
    lang: 'zh',
    visible: new Set(['clusters', 'projects']),
    selected: null,
  });
  const { style, held } = withoutHighlights(full);
  const role = (id: string) =>
    (full.layers.find((l) => l.id === id)?.metadata as Record<string, unknown> | undefined)?.[
      'plan:role'
    ];

  it('holds back every selection and preview layer, and only those', () => {
    const heldIds = [...held.values()].flat().map((h) => h.layer.id);
    expect(heldIds.length).toBeGreaterThan(0);
    expect(heldIds.every((id) => role(id) === 'selected' || role(id) === 'preview')).toBe(true);
    expect(style.layers.map((l) => l.id)).toEqual(
      full.layers.map((l) => l.id).filter((id) => !heldIds.includes(id)),
    );
    expect([...held.keys()].sort()).toEqual(['clusters', 'projects']);
  });

  it('puts each held layer back where it was: before the next layer of the full style', () => {
    for (const list of held.values()) {
      for (const { layer, beforeId } of list) {
        const at = full.layers.findIndex((l) => l.id === layer.id);
        const next = full.layers.slice(at + 1).find((l) => style.layers.some((s) => s.id === l.id));
        expect(beforeId).toBe(next?.id);
      }
    }
    // Adding them back in order before their `beforeId` gives the full style's order.
    const order = style.layers.map((l) => l.id);
    for (const list of held.values()) {
      for (const { layer, beforeId } of list) {
        const i = beforeId ? order.indexOf(beforeId) : order.length;
        order.splice(i, 0, layer.id);
      }
    }
    expect(order).toEqual(full.layers.map((l) => l.id));
  });
});

describe('withDataApart', () => {
  const points = (n: number) =>
    Array.from({ length: n }, (_, i) => ({
      type: 'Feature' as const,
      geometry: { type: 'Point' as const, coordinates: [121.5 + i * 1e-6, 38.9] },
      properties: { id: `p${i}`, name_zh: `点${i}` },
    })) as unknown as LoadedPlan['layers'][number]['data']['features'];
  const withItems = (n: number): LoadedPlan => ({
    ...plan,
    layers: plan.layers.map((l) =>
      l.spec.id === 'projects'
        ? { ...l, data: { type: 'FeatureCollection', features: points(n) } }
        : l,
    ),
  });
  const state = { lang: 'zh' as const, visible: new Set(['clusters', 'projects']), selected: null };

  it('empties exactly the GeoJSON sources of at least the threshold, and hands their data over', () => {
    const full = buildStyle(withItems(DATA_APART_MIN_FEATURES), state);
    const { style, apart } = withDataApart(full);
    const big = Object.entries(full.sources).filter(
      ([, s]) =>
        s.type === 'geojson' &&
        typeof s.data === 'object' &&
        (s.data as { features: unknown[] }).features.length >= DATA_APART_MIN_FEATURES,
    );
    expect(big.length).toBe(1);
    expect([...apart.keys()]).toEqual(big.map(([id]) => id));
    for (const [id, source] of Object.entries(style.sources)) {
      const before = full.sources[id]!;
      if (apart.has(id)) {
        expect(apart.get(id)).toBe((before as { data: unknown }).data);
        expect(source).toEqual({ ...before, data: { type: 'FeatureCollection', features: [] } });
      } else expect(source).toBe(before);
    }
    expect(style.layers).toBe(full.layers);
  });

  it('leaves a style without big sources, and sources by URL, as they are', () => {
    const small = buildStyle(withItems(DATA_APART_MIN_FEATURES - 1), state);
    const kept = withDataApart(small);
    expect(kept.style).toBe(small);
    expect(kept.apart.size).toBe(0);
    const byUrl = {
      ...small,
      sources: {
        ...small.sources,
        far: { type: 'geojson' as const, data: 'https://example.org/x.geojson' },
      },
    };
    expect(withDataApart(byUrl, 0).apart.has('far')).toBe(false);
  });
});
