import { describe, expect, it } from 'vitest';
import { mergeIntoStyle, parseBasemap, withRasterBasemap } from '../../src/map/basemap.js';
import { buildStyle } from '../../src/map/style.js';
import type { LayerSpec, LoadedPlan } from '../../src/plan/types.js';

const spec = (id: string, kind: LayerSpec['kind']): LayerSpec => ({
  id,
  kind,
  file: `${id}.geojson`,
  visible: true,
  color: '#123456',
  title: { zh: id, en: id },
});
const plan: LoadedPlan = {
  baseUrl: null,
  unlocated: [],
  manifest: { id: 'p', title: { zh: 'p', en: 'p' }, bbox: [0, 0, 1, 1], sources: [], layers: [] },
  layers: [
    { spec: spec('land', 'basemap'), data: { type: 'FeatureCollection', features: [] } },
    { spec: spec('clusters', 'zones'), data: { type: 'FeatureCollection', features: [] } },
  ],
};
const style = buildStyle(plan, { lang: 'zh', visible: new Set(['clusters']), selected: null });

describe('parseBasemap', () => {
  it.each([
    [null, 'offline'],
    ['', 'offline'],
    ['offline', 'offline'],
    ['osm', 'osm'],
  ])('%s → %s', (value, kind) => {
    expect(parseBasemap(value, null)).toEqual({ basemap: { kind } });
  });

  it('tianditu needs a key; without one it falls back offline and says why', () => {
    expect(parseBasemap('tianditu', 'abc')).toEqual({ basemap: { kind: 'tianditu', key: 'abc' } });
    const r = parseBasemap('tianditu', '');
    expect(r.basemap.kind).toBe('offline');
    expect(r.problem).toContain('tianditu-key');
  });

  it('accepts http(s) style URLs only', () => {
    expect(parseBasemap('https://tiles.example/style.json', null).basemap).toEqual({
      kind: 'style',
      url: 'https://tiles.example/style.json',
    });
    const r = parseBasemap('javascript:alert(1)', null);
    expect(r.basemap.kind).toBe('offline');
    expect(r.problem).toBeDefined();
  });
});

describe('withRasterBasemap', () => {
  it('keeps the offline style as it is', () => {
    expect(withRasterBasemap(style, { kind: 'offline' })).toBe(style);
  });

  it('swaps sea and land for OSM tiles under the plan layers, with attribution', () => {
    const osm = withRasterBasemap(style, { kind: 'osm' });
    const ids = osm.layers.map((l) => l.id);
    expect(ids[0]).toBe('basemap-osm');
    expect(ids).not.toContain('sea');
    expect(ids).not.toContain('land:fill');
    expect(ids).toContain('clusters:fill');
    expect(JSON.stringify(osm.sources['basemap-osm'])).toContain('OpenStreetMap');
  });

  it('draws 天地图 vector and label tiles with the key', () => {
    const tdt = withRasterBasemap(style, { kind: 'tianditu', key: 'k&1' });
    expect(tdt.layers.slice(0, 2).map((l) => l.id)).toEqual([
      'basemap-tianditu-vec',
      'basemap-tianditu-cva',
    ]);
    expect(JSON.stringify(tdt.sources['basemap-tianditu-vec'])).toContain('tk=k%261');
  });
});

describe('mergeIntoStyle', () => {
  it('draws the plan over a fetched style, without its own offline basemap', () => {
    const base = {
      version: 8 as const,
      sources: { streets: { type: 'vector' as const, url: 'https://x/tiles.json' } },
      layers: [{ id: 'streets-bg', type: 'background' as const }],
    };
    const merged = mergeIntoStyle(base, style);
    const ids = merged.layers.map((l) => l.id);
    expect(ids[0]).toBe('streets-bg');
    expect(ids).toContain('clusters:fill');
    expect(ids).not.toContain('sea');
    expect(Object.keys(merged.sources)).toEqual(expect.arrayContaining(['streets', 'clusters']));
  });
});
