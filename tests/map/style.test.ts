import { describe, expect, it } from 'vitest';
import { buildStyle, clickableLayerIds, styleLayerIds } from '../../src/map/style.js';
import type { LayerSpec, LoadedPlan } from '../../src/plan/types.js';

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

  it('highlights the selected feature', () => {
    const sel = style.layers.find((l) => l.id === 'clusters:selected');
    expect(JSON.stringify((sel as { filter?: unknown } | undefined)?.filter)).toContain(
      '"cluster-a"',
    );
  });

  it('makes zone fills and item symbols clickable, not labels or the basemap', () => {
    const ids = clickableLayerIds(style);
    expect(ids).toContain('clusters:fill');
    expect(ids).toContain('projects:circle');
    expect(ids).not.toContain('projects:label');
    expect(ids).not.toContain('land:fill');
  });
});
