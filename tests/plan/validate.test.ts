import { describe, expect, it } from 'vitest';
import { dropDuplicateIds, validateLayer } from '../../src/plan/validate.js';

const good = (id: string, extra: Record<string, unknown> = {}) => ({
  type: 'Feature',
  geometry: { type: 'Point', coordinates: [121.44, 38.85] },
  properties: {
    id,
    kind: 'project',
    name_zh: '项目',
    name_en: 'Project',
    status: 'planned',
    category: 'digital',
    sources: [],
    accuracy: 'approximate',
    accuracy_m: 500,
    ...extra,
  },
});
const fc = (...features: unknown[]) => ({ type: 'FeatureCollection', features });

describe('validateLayer', () => {
  it('keeps valid features and reports nothing', () => {
    const r = validateLayer(fc(good('a'), good('b')), 'x.geojson');
    expect(r.issues).toEqual([]);
    expect(r.features.map((f) => f.properties.id)).toEqual(['a', 'b']);
  });

  it('refuses something that is not a FeatureCollection, naming the file', () => {
    const r = validateLayer({ type: 'Feature' }, 'bad.geojson');
    expect(r.features).toEqual([]);
    expect(r.issues).toMatchObject([
      { code: 'not-feature-collection', file: 'bad.geojson', severity: 'error' },
    ]);
  });

  it('leaves out a feature with invalid geometry and keeps the rest', () => {
    const broken = good('broken');
    (broken.geometry as { coordinates: unknown }).coordinates = ['x', 38];
    const r = validateLayer(fc(good('a'), broken), 'x.geojson');
    expect(r.features.map((f) => f.properties.id)).toEqual(['a']);
    expect(r.issues).toMatchObject([
      { code: 'invalid-geojson', featureId: 'broken', path: 'features[1]' },
    ]);
  });

  it.each([
    ['bad-id', { id: 'Not Kebab' }],
    ['unknown-kind', { kind: 'castle' }],
    ['missing-name', { name_en: '' }],
    ['unknown-status', { status: 'finished' }],
    ['bad-sources', { sources: 'S003' }],
  ])('reports %s', (code, extra) => {
    const r = validateLayer(fc(good('ok'), good('x-1', extra)), 'x.geojson');
    expect(r.issues.map((i) => i.code)).toEqual([code]);
    expect(r.issues[0]!.message_zh.length).toBeGreaterThan(0);
    expect(r.features).toHaveLength(1);
  });

  it('fills accuracy defaults so later stages need no checks', () => {
    const f = good('a');
    delete (f.properties as Record<string, unknown>).accuracy;
    const r = validateLayer(fc(f), 'x.geojson');
    expect(r.features[0]!.properties.accuracy).toBe('schematic');
  });
});

describe('dropDuplicateIds', () => {
  it('keeps the first copy and reports the second with both files', () => {
    const layers = [
      { file: 'a.geojson', features: validateLayer(fc(good('same')), 'a.geojson').features },
      {
        file: 'b.geojson',
        features: validateLayer(fc(good('same'), good('other')), 'b.geojson').features,
      },
    ];
    const issues = dropDuplicateIds(layers);
    expect(issues).toMatchObject([{ code: 'duplicate-id', featureId: 'same', file: 'b.geojson' }]);
    expect(issues[0]!.message_en).toContain('a.geojson');
    expect(layers[1]!.features.map((f) => f.properties.id)).toEqual(['other']);
  });
});
