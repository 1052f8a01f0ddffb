import { kinks } from '@turf/turf';
import * as fast from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectDatumShift } from '../../src/plan/datum.js';
import { selfIntersection, sweepKinks } from '../../src/plan/geometry.js';
import { LIMITS } from '../../src/plan/limits.js';
import { safeAttribution, truncate } from '../../src/plan/text.js';
import { dropDuplicateIds, validateLayer } from '../../src/plan/validate.js';
import { readGeodata } from './fake-fetch.js';

const good = (id: string, extra: Record<string, unknown> = {}) => ({
  type: 'Feature',
  geometry: { type: 'Point', coordinates: [121.44, 38.85] } as Record<string, unknown> | null,
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
  } as Record<string, unknown>,
});
const fc = (...features: unknown[]) => ({ type: 'FeatureCollection', features });
const withGeometry = (geometry: unknown) => ({ ...good('x-1'), geometry });
const codes = (data: unknown, ctx = {}) =>
  validateLayer(data, 'x.geojson', ctx).issues.map((i) => i.code);
const square = [
  [121.4, 38.86],
  [121.42, 38.86],
  [121.42, 38.88],
  [121.4, 38.88],
  [121.4, 38.86],
];
const EXTENT = [120.79, 38.31, 122.07, 39.49] as [number, number, number, number];

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
    const broken = withGeometry({ type: 'Point', coordinates: ['x', 38] });
    const r = validateLayer(fc(good('a'), broken), 'x.geojson');
    expect(r.features.map((f) => f.properties.id)).toEqual(['a']);
    expect(r.issues).toMatchObject([
      {
        code: 'non-numeric-coordinate',
        featureId: 'x-1',
        path: 'features[1].geometry.coordinates[0]',
      },
    ]);
  });

  it.each([
    ['empty-geometry', null],
    ['empty-geometry', { type: 'MultiPolygon', coordinates: [[[...square]], []] }],
    ['unknown-geometry-type', { type: 'Circle', coordinates: [121.4, 38.8] }],
    ['unknown-geometry-type', { type: '__proto__', coordinates: [121.4, 38.8] }],
    ['unknown-geometry-type', { type: 'constructor', coordinates: [121.4, 38.8] }],
    ['invalid-geojson', { type: 42, coordinates: [121.4, 38.8] }],
    ['invalid-geojson', { type: 'Polygon', coordinates: [null] }],
    ['bad-position', { type: 'Point', coordinates: [121.4, 38.8, 1, 2] }],
    ['bad-position', { type: 'LineString', coordinates: [[121.4, 38.8], 121.5] }],
    ['non-numeric-coordinate', { type: 'Point', coordinates: [121.4, null] }],
    ['non-numeric-coordinate', { type: 'Point', coordinates: [Number.NaN, 38.8] }],
    ['too-few-positions', { type: 'LineString', coordinates: [[121.4, 38.8]] }],
    [
      'too-few-positions',
      {
        type: 'LineString',
        coordinates: [
          [121.4, 38.8],
          [121.4, 38.8],
        ],
      },
    ],
    [
      'too-few-positions',
      {
        type: 'Polygon',
        coordinates: [
          [
            [121.4, 38.86],
            [121.42, 38.86],
            [121.42, 38.86],
            [121.4, 38.86],
          ],
        ],
      },
    ],
    ['unclosed-ring', { type: 'Polygon', coordinates: [square.slice(0, 4)] }],
    ['lon-out-of-range', { type: 'Point', coordinates: [-190, 38.8] }],
    ['lat-out-of-range', { type: 'Point', coordinates: [121.4, -91] }],
    [
      'lonlat-swapped',
      {
        type: 'LineString',
        coordinates: [
          [38.8, 121.4],
          [38.9, 121.5],
        ],
      },
    ],
    [
      'outside-extent',
      {
        type: 'LineString',
        coordinates: [
          [121.4, 38.8],
          [12.15, 38.9],
        ],
      },
    ],
    [
      'self-intersection',
      {
        type: 'MultiPolygon',
        coordinates: [
          [square],
          [
            [
              [121.5, 38.8],
              [121.52, 38.82],
              [121.52, 38.8],
              [121.5, 38.82],
              [121.5, 38.8],
            ],
          ],
        ],
      },
    ],
  ])('a geometry error: %s', (code, geometry) => {
    expect(codes(fc(good('ok'), withGeometry(geometry)), { extent: EXTENT })).toEqual([code]);
  });

  it('accepts altitude, consecutive duplicate vertices and the Multi- forms', () => {
    const ok = [
      { type: 'Point', coordinates: [121.4, 38.8, 12.5] },
      {
        type: 'MultiPoint',
        coordinates: [
          [121.4, 38.8],
          [121.5, 38.9],
        ],
      },
      {
        type: 'MultiLineString',
        coordinates: [
          [
            [121.4, 38.8],
            [121.5, 38.9],
          ],
        ],
      },
      { type: 'Polygon', coordinates: [[square[0], ...square]] },
      { type: 'MultiPolygon', coordinates: [[square]] },
    ];
    expect(codes(fc(...ok.map((g, i) => ({ ...good(`g-${i}`), geometry: g }))))).toEqual([]);
  });

  it('a polygon with a hole needs the hole clockwise: rewound with a warning', () => {
    const hole = [
      [121.405, 38.865],
      [121.415, 38.865],
      [121.415, 38.875],
      [121.405, 38.875],
      [121.405, 38.865],
    ]; // counter-clockwise: wrong for a hole
    const r = validateLayer(
      fc(withGeometry({ type: 'Polygon', coordinates: [square, hole] })),
      'x.geojson',
    );
    expect(r.issues.map((i) => [i.code, i.path])).toEqual([
      ['wrong-winding', 'features[0].geometry.coordinates[1]'],
    ]);
    const g = r.features[0]!.geometry as { coordinates: number[][][] };
    expect(g.coordinates[0]).toEqual(square);
    expect(g.coordinates[1]).toEqual([...hole].reverse());
  });

  it('reports geometry and schema errors of one feature together', () => {
    const f = {
      ...good('x-1', { kind: 'castle' }),
      geometry: { type: 'Point', coordinates: [500, 38] },
    };
    expect(codes(fc(f))).toEqual(['lon-out-of-range', 'unknown-kind']);
  });

  it.each([
    ['missing-property', { name_en: '' }],
    ['missing-property', { status: undefined }],
    ['bad-property-type', { name_zh: ['项目'] }],
    ['bad-property-type', { id: 7 }],
    ['bad-id', { id: 'Not Kebab' }],
    ['bad-id', { id: 'a--b' }],
    ['bad-id', { id: 'x'.repeat(101) }],
    ['unknown-kind', { kind: 'castle' }],
    ['unknown-kind', { kind: 'toString' }],
    ['unknown-status', { status: 'finished' }],
    ['unknown-category', { category: 'constructor' }],
  ])('a schema error: %s %j', (code, extra) => {
    const r = validateLayer(fc(good('ok'), good('x-1', extra)), 'x.geojson');
    expect(r.issues.map((i) => i.code)).toEqual([code]);
    expect(r.issues[0]!.message_zh.length).toBeGreaterThan(0);
    expect(r.features).toHaveLength(1);
  });

  it('a feature without properties is missing-property', () => {
    expect(
      codes(fc({ type: 'Feature', geometry: { type: 'Point', coordinates: [121.4, 38.8] } })),
    ).toEqual(['missing-property']);
  });

  it('normalises optional properties, with one warning per feature', () => {
    const f = good('a', {
      accuracy: 'exact',
      sources: [{ doc: 'S003', where: '第一章', quote: 'q' }, 'S004', { doc: 5 }],
      history: [
        { year: 2020, status: 'planned', source: 'S000' },
        { year: 'soon', status: 'x' },
      ],
      summary_zh: { text: 'x' },
      parks: ['a', 3],
    });
    const r = validateLayer(fc(f), 'x.geojson');
    expect(r.issues.map((i) => i.code)).toEqual(['bad-optional-property']);
    expect(r.issues[0]!.message_en).toMatch(/summary_zh.*accuracy.*sources.*history.*parks/);
    const p = r.features[0]!.properties as unknown as Record<string, unknown>;
    expect(p.accuracy).toBe('schematic');
    expect(p.sources).toEqual([{ doc: 'S003', where: '第一章', quote: 'q' }]);
    expect(p.history).toEqual([{ year: 2020, status: 'planned', source: 'S000' }]);
    expect(p).not.toHaveProperty('summary_zh');
    expect(p.parks).toEqual(['a']);
  });

  it('fills accuracy defaults so later stages need no checks', () => {
    const f = good('a');
    delete f.properties.accuracy;
    delete f.properties.accuracy_m;
    delete f.properties.sources;
    const r = validateLayer(fc(f), 'x.geojson');
    expect(r.issues).toEqual([]);
    expect(r.features[0]!.properties).toMatchObject({
      accuracy: 'schematic',
      accuracy_m: 0,
      sources: [],
    });
  });

  it('truncates huge texts and reports markup, keeping the feature', () => {
    const f = good('a', { name_en: 'N'.repeat(10_000), summary_en: '<script>alert(1)</script>' });
    const r = validateLayer(fc(f), 'x.geojson');
    expect(r.issues.map((i) => i.code)).toEqual(['long-text', 'markup-in-text']);
    expect(r.features[0]!.properties.name_en).toHaveLength(200);
    expect(r.features[0]!.properties.summary_en).toBe('<script>alert(1)</script>');
    expect(r.issues.every((i) => i.message_en.length < 400)).toBe(true);
  });

  it('a file in a projected system is refused once, not feature by feature', () => {
    const fs = fc(
      ...[1, 2, 3].map((i) =>
        withGeometry({ type: 'Point', coordinates: [500_000 + i, 4_300_000] }),
      ),
    );
    expect(codes(fs)).toEqual(['projected-coordinates']);
  });

  it('counts every feature toward the layer vertex limit, whatever the first one holds', () => {
    // A first feature whose coordinates are a number once ended the count at one position.
    const line = {
      type: 'LineString',
      coordinates: [
        [121.4, 38.8],
        [121.41, 38.81],
        [121.42, 38.8],
      ],
    };
    const data = fc(
      withGeometry({ type: 'Point', coordinates: 0 }),
      withGeometry(line),
      withGeometry(line),
    );
    const limits = { ...LIMITS, maxVerticesPerLayer: 5 };
    expect(codes(data, { limits })).toEqual(['too-many-vertices']);
    expect(codes(data, { limits: { ...limits, maxVerticesPerLayer: 6 } })).not.toContain(
      'too-many-vertices',
    );
  });

  it('crs naming WGS84 is fine; anything else is unsupported-crs', () => {
    const base = fc(good('a'));
    expect(
      codes({
        ...base,
        crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:OGC:1.3:CRS84' } },
      }),
    ).toEqual([]);
    expect(codes({ ...base, crs: { type: 'name', properties: { name: 'EPSG:4490' } } })).toEqual(
      [],
    );
    expect(codes({ ...base, crs: { type: 'name', properties: { name: 'EPSG:4549' } } })).toEqual([
      'unsupported-crs',
    ]);
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

describe('datum signature', () => {
  const places = JSON.parse(readGeodata('places.geojson')).features.map(
    (f: { geometry: { coordinates: number[] } }) => f.geometry.coordinates,
  );

  it.each(['projects', 'labs', 'infrastructure', 'industrial-corridor'])(
    'the built-in %s layer looks like WGS84',
    (layer) => {
      const pts = JSON.parse(readGeodata(`${layer}.geojson`))
        .features.filter((f: { geometry: { type: string } }) => f.geometry.type === 'Point')
        .map((f: { geometry: { coordinates: number[] } }) => f.geometry.coordinates);
      expect(detectDatumShift(pts, places)).toBeNull();
    },
  );

  it('needs at least three points near a reference place', () => {
    const shifted = places.slice(0, 2).map(([x, y]: number[]) => [x! + 0.0052, y! + 0.001]);
    expect(detectDatumShift(shifted, places)).toBeNull();
  });
});

describe('text', () => {
  it('truncate never splits a surrogate pair', () => {
    const s = truncate('😀'.repeat(10), 5);
    expect(s.endsWith('…')).toBe(true);
    expect(s).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });

  it('safeAttribution keeps http(s) links only, everything else is text', () => {
    expect(safeAttribution('A & B').html).toBe('A &amp; B');
    expect(safeAttribution('<a href="http://x.org/?a=1&amp;b=2">X</a>').html).toBe(
      '<a href="http://x.org/?a=1&amp;b=2" target="_blank" rel="noopener noreferrer">X</a>',
    );
    const js = safeAttribution('<a href="javascript:alert(1)">X</a>');
    expect(js).toMatchObject({ unsafeLink: true });
    expect(js.html).not.toContain('<a');
    const img = safeAttribution('<img src=x onerror=alert(1)>');
    expect(img).toMatchObject({ markup: true, html: '&lt;img src=x onerror=alert(1)&gt;' });
    const nested = safeAttribution('<a href="https://x.org" onclick="evil()">X</a>');
    expect(nested.html).not.toContain('onclick="');
  });
});

describe('self-intersections of large polygons', () => {
  const ring = (pts: [number, number][]) => {
    const r = pts.filter((p, i) => i === 0 || p[0] !== pts[i - 1]![0] || p[1] !== pts[i - 1]![1]);
    return [...r, r[0]!];
  };

  it('the sweep finds exactly what Turf kinks finds (random rings, with holes)', () => {
    const pt = (max: number) =>
      fast.tuple(fast.integer({ min: 0, max }), fast.integer({ min: 0, max }));
    fast.assert(
      fast.property(
        fast.array(pt(8), { minLength: 3, maxLength: 40 }),
        fast.array(pt(8), { minLength: 3, maxLength: 12 }),
        fast.boolean(),
        (outer, hole, withHole) => {
          const poly = withHole ? [ring(outer), ring(hole)] : [ring(outer)];
          if (poly.some((r) => r.length < 4)) return;
          const turf = kinks({ type: 'Polygon', coordinates: poly }).features.length > 0;
          expect(sweepKinks(poly) !== null).toBe(turf);
        },
      ),
      { numRuns: process.env.PLAN_MAP_DEEP === '1' ? 1000 : 200, seed: 7 },
    );
  });

  it('a 50,000-vertex outline is checked in well under a second', () => {
    const n = 50_000;
    const circle = Array.from({ length: n }, (_, i): [number, number] => [
      121.4 + 0.05 * Math.cos((2 * Math.PI * i) / n),
      38.9 + 0.05 * Math.sin((2 * Math.PI * i) / n),
    ]);
    const poly = [ring(circle)];
    const t0 = performance.now();
    expect(selfIntersection(poly)).toBeNull();
    expect(performance.now() - t0).toBeLessThan(1000);
    // The same outline with one vertex pulled across the ring: found.
    const bad = [...circle];
    bad[10] = [121.4 - 0.06, 38.9];
    expect(selfIntersection([ring(bad)])).not.toBeNull();
  });
});
