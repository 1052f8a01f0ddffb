import { describe, expect, it } from 'vitest';
import { DATUM_SIGNATURES } from '../../src/plan/datum.js';
import { loadPlan, PARTIAL_AFTER_MS, planFromObjects } from '../../src/plan/load.js';
import type { PlanManifest } from '../../src/plan/types.js';
import { fakeFetch, PLAN_URL, readGeodata } from './fake-fetch.js';

const manifest: PlanManifest = JSON.parse(readGeodata('plan.json'));
const counts = Object.fromEntries(
  manifest.layers.map((l) => [l.id, JSON.parse(readGeodata(l.file)).features.length]),
);
const withManifest = (m: unknown) => fakeFetch({ 'plan.json': JSON.stringify(m) });

function pointOf(plan: Awaited<ReturnType<typeof loadPlan>>['plan'], id: string): number[] {
  for (const l of plan?.layers ?? []) {
    const f = l.data.features.find((x) => x.properties.id === id);
    if (f?.geometry.type === 'Point') return f.geometry.coordinates;
  }
  throw new Error(`no point ${id}`);
}

describe('loadPlan', () => {
  it('loads the built-in plan with every layer and no errors or warnings', async () => {
    const r = await loadPlan(PLAN_URL, { fetch: fakeFetch() });
    expect(r.issues).toEqual([]);
    expect(
      Object.fromEntries(r.plan!.layers.map((l) => [l.spec.id, l.data.features.length])),
    ).toEqual(counts);
    expect(r.plan!.unlocated.length).toBeGreaterThan(100);
    expect(r.plan!.manifest.bbox).toEqual(manifest.bbox);
  });

  it('a missing manifest is file-not-found naming the URL, not a throw', async () => {
    const r = await loadPlan(PLAN_URL, {
      fetch: fakeFetch({ 'plan.json': { status: 404 } }),
    });
    expect(r.plan).toBeNull();
    expect(r.issues).toMatchObject([{ code: 'file-not-found', file: PLAN_URL }]);
    expect(r.issues[0]!.message_en).toContain(PLAN_URL);
    expect(r.issues[0]!.message_zh).toContain(PLAN_URL);
  });

  it('a server error is http-error with the status', async () => {
    const r = await loadPlan(PLAN_URL, {
      fetch: fakeFetch({ 'labs.geojson': { status: 500, body: 'oops' } }),
    });
    expect(r.issues).toMatchObject([{ code: 'http-error' }]);
    expect(r.issues[0]!.message_en).toContain('HTTP 500');
  });

  it('an HTML error page instead of JSON is html-page, and the other layers still load', async () => {
    const r = await loadPlan(PLAN_URL, {
      fetch: fakeFetch({
        'clusters.geojson': '<html><head><title>Login</title></head></html>',
      }),
    });
    // Items naming the missing clusters are not listed again: the one error explains them.
    expect(r.issues.map((i) => i.code)).toEqual(['html-page']);
    expect(r.issues[0]!.file).toBe('http://plans.test/dalian/clusters.geojson');
    expect(r.issues[0]!.message_en).toContain('"Login"');
    expect(r.plan?.layers.find((l) => l.spec.id === 'center')?.data.features).toHaveLength(3);
    expect(r.plan?.layers.find((l) => l.spec.id === 'clusters')?.data.features).toEqual([]);
  });

  it('a network failure is fetch-failed', async () => {
    const r = await loadPlan(PLAN_URL, {
      fetch: fakeFetch({ 'labs.geojson': { networkError: 'Failed to fetch' } }),
    });
    expect(r.issues).toMatchObject([
      { code: 'fetch-failed', file: 'http://plans.test/dalian/labs.geojson' },
    ]);
  });

  it('a fetch that never answers times out as fetch-timeout', async () => {
    const t0 = performance.now();
    const r = await loadPlan(PLAN_URL, {
      fetch: fakeFetch({ 'labs.geojson': { hang: true } }),
      limits: { fetchTimeoutMs: 100 },
    });
    expect(r.issues.map((i) => i.code)).toEqual(['fetch-timeout']);
    expect(performance.now() - t0).toBeLessThan(5000);
  });

  it('a password in the src URL is never shown in an issue', async () => {
    const r = await loadPlan('http://admin:hunter2@plans.test/dalian/plan.json?token=s3cret', {
      fetch: (() =>
        Promise.reject(
          new TypeError(
            'Request cannot be constructed from a URL that includes credentials: http://admin:hunter2@plans.test/dalian/plan.json',
          ),
        )) as typeof fetch,
    });
    expect(r.issues.map((i) => i.code)).toEqual(['fetch-failed']);
    const text = JSON.stringify(r.issues);
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('s3cret');
    expect(text).toContain('plans.test/dalian/plan.json');
  });

  it('a stalled layer does not hold back the others: onPartial gets the plan so far, once', async () => {
    const partials: { layers: string[]; pending: string[] }[] = [];
    const r = await loadPlan(PLAN_URL, {
      fetch: fakeFetch({ 'labs.geojson': { hang: true } }),
      limits: { fetchTimeoutMs: PARTIAL_AFTER_MS + 1_500 },
      onPartial: ({ plan, pending }) =>
        partials.push({
          layers: plan.layers.filter((l) => l.data.features.length > 0).map((l) => l.spec.id),
          pending,
        }),
    });
    expect(partials).toHaveLength(1);
    expect(partials[0]!.pending).toEqual(['labs']);
    expect(partials[0]!.layers).toContain('clusters');
    expect(partials[0]!.layers).not.toContain('labs');
    expect(r.issues.map((i) => i.code)).toEqual(['fetch-timeout']);
  });

  it('a plan that arrives whole gives no partial', async () => {
    let called = false;
    await loadPlan(PLAN_URL, { fetch: fakeFetch(), onPartial: () => (called = true) });
    expect(called).toBe(false);
  });

  it("the caller's own abort rejects (it is not a data problem)", async () => {
    const ctrl = new AbortController();
    const p = loadPlan(PLAN_URL, {
      fetch: fakeFetch({ 'labs.geojson': { hang: true } }),
      signal: ctrl.signal,
    });
    setTimeout(() => ctrl.abort(new DOMException('gone', 'AbortError')), 20);
    await expect(p).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('loading again after a failed fetch succeeds (a retry needs no reset)', async () => {
    let fail = true;
    const base = fakeFetch();
    const flaky = ((input: RequestInfo | URL, init?: RequestInit) =>
      String(input).endsWith('labs.geojson') && fail
        ? Promise.reject(new TypeError('offline'))
        : base(input, init)) as typeof fetch;
    expect((await loadPlan(PLAN_URL, { fetch: flaky })).issues.map((i) => i.code)).toEqual([
      'fetch-failed',
    ]);
    fail = false;
    expect((await loadPlan(PLAN_URL, { fetch: flaky })).issues).toEqual([]);
  });

  it('a manifest without layers is refused with bad-manifest', async () => {
    const r = await loadPlan(PLAN_URL, {
      fetch: withManifest({ title: { zh: 'x', en: 'x' } }),
    });
    expect(r.plan).toBeNull();
    expect(r.issues.map((i) => i.code)).toEqual(['bad-manifest']);
  });

  it('a bad bbox is reported and replaced by the extent of the data', async () => {
    const r = await loadPlan(PLAN_URL, { fetch: withManifest({ ...manifest, bbox: 'Dalian' }) });
    expect(r.issues.map((i) => i.code)).toEqual(['bad-bbox']);
    const [w, s, e, n] = r.plan!.manifest.bbox;
    expect(w).toBeLessThan(121.3);
    expect(e).toBeGreaterThan(121.5);
    expect(s).toBeLessThan(38.85);
    expect(n).toBeGreaterThan(38.95);
  });

  it('declared GCJ-02 converts every coordinate (and the bbox) to WGS84 on load', async () => {
    const wgs = await loadPlan(PLAN_URL, { fetch: fakeFetch() });
    const gcj = await loadPlan(PLAN_URL, {
      fetch: withManifest({ ...manifest, datum: 'GCJ-02' }),
    });
    expect(gcj.issues).toEqual([]);
    const [x0, y0] = pointOf(wgs.plan, 'place-yinggeshi');
    const [x1, y1] = pointOf(gcj.plan, 'place-yinggeshi');
    // Reading WGS84 data as GCJ-02 moves it by minus the GCJ-02 shift.
    expect(x0! - x1!).toBeGreaterThan(DATUM_SIGNATURES['GCJ-02'].lon[0]);
    expect(x0! - x1!).toBeLessThan(DATUM_SIGNATURES['GCJ-02'].lon[1]);
    expect(y0! - y1!).toBeGreaterThan(DATUM_SIGNATURES['GCJ-02'].lat[0]);
    expect(gcj.plan!.manifest.bbox[0]).toBeLessThan(manifest.bbox[0]);
  });

  it('a layer may declare its own datum: only that layer is converted', async () => {
    const layers = manifest.layers.map((l) => (l.id === 'labs' ? { ...l, datum: 'BD-09' } : l));
    const r = await loadPlan(PLAN_URL, { fetch: withManifest({ ...manifest, layers }) });
    const wgs = await loadPlan(PLAN_URL, { fetch: fakeFetch() });
    const labId = JSON.parse(readGeodata('labs.geojson')).features[0].properties.id;
    expect(pointOf(r.plan, labId)[0]).toBeLessThan(pointOf(wgs.plan, labId)[0]! - 0.01);
    expect(pointOf(r.plan, 'place-yinggeshi')).toEqual(pointOf(wgs.plan, 'place-yinggeshi'));
    expect(r.plan!.manifest.layers.find((l) => l.id === 'labs')?.datum).toBe('BD-09');
  });

  it('a GCJ-02 layer declared as such loads without the gcj02-suspected warning', async () => {
    const gcjFile = readGeodata('../tests/fixtures/invalid/gcj02-suspected.geojson');
    const extra = {
      id: 'amap',
      kind: 'items',
      file: 'amap.geojson',
      visible: true,
      color: '#000000',
      title: { zh: '高德', en: 'AMap' },
    };
    const undeclared = await loadPlan(PLAN_URL, {
      fetch: fakeFetch({
        'plan.json': JSON.stringify({ ...manifest, layers: [...manifest.layers, extra] }),
        'amap.geojson': gcjFile,
      }),
    });
    expect(undeclared.issues.map((i) => i.code)).toEqual(['gcj02-suspected']);
    const declared = await loadPlan(PLAN_URL, {
      fetch: fakeFetch({
        'plan.json': JSON.stringify({
          ...manifest,
          layers: [...manifest.layers, { ...extra, datum: 'GCJ-02' }],
        }),
        'amap.geojson': gcjFile,
      }),
    });
    expect(declared.issues).toEqual([]);
    // Converted back, the points sit on their reference places (within a metre).
    const [x, y] = pointOf(declared.plan, 'fixture-gcj-3');
    const [px, py] = pointOf(declared.plan, 'place-yinggeshi');
    expect(Math.abs(x! - px!)).toBeLessThan(2e-5);
    expect(Math.abs(y! - py!)).toBeLessThan(2e-5);
  });

  it('many broken features give a readable list: 25 per code and file, then a count', async () => {
    const broken = {
      type: 'FeatureCollection',
      features: Array.from({ length: 100 }, (_, i) => ({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [121.45, 38.88] },
        properties: { id: `p-${i}`, kind: 'castle', name_zh: 'x', name_en: 'x' },
      })),
    };
    const r = await loadPlan(PLAN_URL, {
      fetch: fakeFetch({ 'labs.geojson': JSON.stringify(broken) }),
    });
    expect(r.issues).toHaveLength(26);
    expect(r.issues.every((i) => i.code === 'unknown-kind')).toBe(true);
    expect(r.issues[25]!.message_en).toContain('75 more');
  });

  it('attributions reach MapLibre as safe HTML: text escaped, only http(s) links kept', async () => {
    const layers = manifest.layers.map((l) =>
      l.id === 'labs'
        ? { ...l, attribution: '© <a href="https://osm.org/copyright">OSM</a> & <b>x</b>' }
        : l,
    );
    const r = await loadPlan(PLAN_URL, { fetch: withManifest({ ...manifest, layers }) });
    expect(r.issues.map((i) => i.code)).toEqual(['markup-in-text']);
    const specs = r.plan!.manifest.layers;
    expect(specs.find((l) => l.id === 'labs')?.attribution).toBe(
      '© <a href="https://osm.org/copyright" target="_blank" rel="noopener noreferrer">OSM</a> &amp; &lt;b&gt;x&lt;/b&gt;',
    );
    expect(specs.find((l) => l.id === 'land')?.attribution).toContain('Coastline &amp; districts');
  });
});

describe('planFromObjects', () => {
  const data = () =>
    Object.fromEntries(manifest.layers.map((l) => [l.id, JSON.parse(readGeodata(l.file))]));

  it('accepts the built-in plan as objects with no issues', () => {
    const r = planFromObjects(manifest, data());
    expect(r.issues).toEqual([]);
    expect(r.plan?.layers).toHaveLength(manifest.layers.length);
  });

  it('a layer without data is file-not-found; the rest is used', () => {
    const d = data();
    delete d.labs;
    const r = planFromObjects(manifest, d);
    expect(r.issues).toMatchObject([{ code: 'file-not-found', file: 'labs.geojson' }]);
    expect(r.plan?.layers.find((l) => l.spec.id === 'clusters')?.data.features).toHaveLength(5);
  });

  it("never changes the caller's objects (a rewound ring is a copy)", () => {
    const d = data();
    const cluster = d.clusters.features[0];
    cluster.geometry.coordinates[0].reverse();
    const before = JSON.stringify(d);
    const r = planFromObjects(manifest, d);
    expect(r.issues.map((i) => i.code)).toEqual(['wrong-winding']);
    expect(JSON.stringify(d)).toBe(before);
    const loaded = r.plan!.layers.find((l) => l.spec.id === 'clusters')!.data.features[0]!;
    expect(loaded.geometry).not.toBe(cluster.geometry);
  });

  it('a layer id that is an Object.prototype key is refused (it would keep the map from loading)', () => {
    const layers = [
      ...manifest.layers,
      { ...manifest.layers[2]!, id: 'constructor', file: 'constructor.geojson' },
    ];
    const r = planFromObjects({ ...manifest, layers }, data());
    expect(r.issues.map((i) => [i.code, i.path])).toEqual([
      ['bad-layer-spec', `layers[${manifest.layers.length}].id`],
    ]);
    expect(r.plan!.layers.map((l) => l.spec.id)).not.toContain('constructor');
  });
});

describe('large plans', () => {
  it('a 100,000-point layer loads, validated in steps that yield to the event loop', async () => {
    const features = Array.from({ length: 100_000 }, (_, i) => ({
      type: 'Feature',
      geometry: {
        type: 'Point',
        coordinates: [121.3 + (i % 1000) * 2e-4, 38.85 + (i / 1000) * 1e-3],
      },
      properties: {
        id: `ent-${i}`,
        kind: 'project',
        name_zh: `企业 ${i}`,
        name_en: `Enterprise ${i}`,
        status: 'planned',
        category: 'digital',
      },
    }));
    const body = JSON.stringify({ type: 'FeatureCollection', features });
    const layers = [
      ...manifest.layers,
      {
        id: 'big',
        kind: 'items',
        file: 'big.geojson',
        visible: true,
        color: '#455a64',
        title: { zh: '大', en: 'Big' },
      },
    ];
    // Count the event-loop turns the loader gives while it validates.
    let turns = 0;
    let running = true;
    const tick = () => {
      turns++;
      if (running) setTimeout(tick, 0);
    };
    setTimeout(tick, 0);
    const r = await loadPlan(PLAN_URL, {
      fetch: fakeFetch({
        'plan.json': JSON.stringify({ ...manifest, layers }),
        'big.geojson': body,
      }),
    });
    running = false;
    expect(r.issues).toEqual([]);
    expect(r.plan!.layers.at(-1)!.data.features).toHaveLength(100_000);
    expect(turns).toBeGreaterThan(3);
  }, 60_000);
});
