/**
 * Large item layers (over `maxFeaturesPerLayer` features or `maxFileBytes` bytes): the loader
 * hands them to the analysis instead of refusing them, the analysis reads, validates and counts
 * them as the worker would (here on the calling thread: Node has no Worker), and the style
 * draws them from their URL. The limits are lowered so that a few thousand points stand for
 * hundreds of thousands; the counts must equal the engine's on the same layer held normally.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildStyle, drawsAlike } from '../../src/map/style.js';
import { analysePlan } from '../../src/plan/analyse.js';
import { loadPlan, planFromObjects } from '../../src/plan/load.js';
import { buildModel } from '../../src/plan/model.js';
import type { PlanManifest } from '../../src/plan/types.js';
import { LARGE_LAYER_FILE, LARGE_LAYER_ID, writeLargeLayerPlan } from '../browser/large-layer.js';

const N = 3_000;
const plan = writeLargeLayerPlan(N);
afterAll(() => plan.remove());

/** Refused by validation: the map must hide them, the issues must name them. */
const BAD = [
  // Outside the plan's extent.
  '{"type":"Feature","geometry":{"type":"Point","coordinates":[100,10]},"properties":{"id":"bad-far","kind":"project","name_zh":"远","name_en":"Far","status":"planned","sources":[],"accuracy":"approximate"}}',
  // No name.
  '{"type":"Feature","geometry":{"type":"Point","coordinates":[121.55,38.88]},"properties":{"id":"bad-unnamed","kind":"project","status":"planned","sources":[],"accuracy":"approximate"}}',
];
/** Valid, but a line: counted, and drawn beside the clusters (clustering takes points only). */
const LINE =
  '{"type":"Feature","geometry":{"type":"LineString","coordinates":[[121.50,38.86],[121.52,38.87]]},"properties":{"id":"line-road","kind":"infrastructure","name_zh":"路","name_en":"Road","status":"planned","category":"digital","sources":[],"accuracy":"approximate"}}';
const layerFile = join(plan.dir, LARGE_LAYER_FILE);
const text = readFileSync(layerFile, 'utf8');
writeFileSync(
  layerFile,
  text.replace('"features":[\n', `"features":[\n${[...BAD, LINE].join(',\n')},\n`),
);
const BYTES = Buffer.byteLength(readFileSync(layerFile));

const BASE = 'http://plans.test/large/';
const STATE = { visible: new Set([LARGE_LAYER_ID]), lang: 'zh', selected: null } as const;

/** The plan folder over HTTP; `declare` sends Content-Length, else the body streams unsized. */
function folderFetch(declare: boolean, calls: string[] = []): typeof fetch {
  return (async (input: RequestInfo | URL) => {
    const name = new URL(String(input)).pathname.split('/').pop() ?? '';
    calls.push(name);
    let body: Buffer;
    try {
      body = readFileSync(join(plan.dir, name));
    } catch {
      return new Response('Not Found', { status: 404 });
    }
    if (declare) {
      return new Response(new Uint8Array(body), {
        headers: { 'content-length': String(body.byteLength) },
      });
    }
    const stream = new ReadableStream<Uint8Array>({
      start(ctrl) {
        for (let i = 0; i < body.byteLength; i += 65_536) {
          ctrl.enqueue(new Uint8Array(body.subarray(i, i + 65_536)));
        }
        ctrl.close();
      },
    });
    return new Response(stream);
  }) as typeof fetch;
}

/** The engine's counts per zone for the generated items, with the layer held normally. */
function engineZoneCounts(): Record<string, number> {
  const manifest = JSON.parse(readFileSync(join(plan.dir, 'plan.json'), 'utf8')) as PlanManifest;
  const data: Record<string, unknown> = {};
  for (const l of manifest.layers) {
    data[l.id] = JSON.parse(readFileSync(join(plan.dir, l.file), 'utf8'));
  }
  const loaded = planFromObjects(manifest, { ...data, unlocated: [] }).plan!;
  const model = buildModel(loaded);
  const ours = new Set([...plan.ids, 'line-road']);
  const counts: Record<string, number> = {};
  for (const [zone, ids] of model.itemsByZone) {
    const n = ids.filter((id) => ours.has(id)).length;
    if (n > 0) counts[zone] = n;
  }
  return counts;
}

async function loadLarge(limits: Record<string, number>, declare = true) {
  const fetch = folderFetch(declare);
  const loaded = await loadPlan(`${BASE}plan.json`, { fetch, limits });
  const model = loaded.plan ? await analysePlan(loaded.plan, { fetch, limits }) : null;
  return { loaded, model };
}

describe('large item layers', () => {
  const expected = engineZoneCounts();

  it.each([
    ['over the feature limit', { maxFeaturesPerLayer: 1_000 }, true],
    ['declared over the byte limit', { maxFileBytes: 100_000 }, true],
    ['streamed over the byte limit', { maxFileBytes: 100_000 }, false],
  ] as const)(
    '%s: drawn from its URL, counted per zone exactly as the engine counts',
    async (_, limits, declare) => {
      const { loaded, model } = await loadLarge(limits, declare);
      const layer = loaded.plan!.layers.find((l) => l.spec.id === LARGE_LAYER_ID)!;
      expect(layer.large?.url).toBe(`${BASE}${LARGE_LAYER_FILE}`);
      expect(layer.data.features).toHaveLength(0);
      // The loader raised nothing about the layer; the analysis reported the two bad features.
      expect(loaded.issues.filter((i) => i.file.endsWith(LARGE_LAYER_FILE))).toEqual([]);
      const summary = model!.plan.layers.find((l) => l.spec.id === LARGE_LAYER_ID)!.large!.summary!;
      expect(summary.features).toBe(N + 1);
      expect(summary.zoneCounts).toEqual(expected);
      expect(summary.hidden.sort()).toEqual(['bad-far', 'bad-unnamed', 'line-road']);
      expect(summary.shapes.map((f) => f.properties.id)).toEqual(['line-road']);
      const codes = (model!.issues ?? []).map((i) => [i.code, i.featureId]);
      expect(codes).toContainEqual(['outside-extent', 'bad-far']);
      expect(codes).toContainEqual(['missing-property', 'bad-unnamed']);
      for (const i of model!.issues ?? []) expect(i.message_zh && i.message_en).toBeTruthy();
      // The rest of the plan is unchanged: the built-in items are analysed as always.
      expect(model!.items.length).toBeGreaterThan(50);
    },
  );

  it('is drawn by MapLibre from its URL, clustered, with the refused features hidden', async () => {
    const { model } = await loadLarge({ maxFeaturesPerLayer: 1_000 });
    const style = buildStyle(model!.plan, {
      visible: new Set([LARGE_LAYER_ID]),
      lang: 'zh',
      shown: new Map(),
    } as never);
    const source = style.sources[LARGE_LAYER_ID] as Record<string, unknown>;
    expect(source.data).toBe(`${BASE}${LARGE_LAYER_FILE}`);
    expect(source.cluster).toBe(true);
    expect(JSON.stringify(source.filter)).toContain('"bad-far"');
    // The line is drawn beside the clusters, from the layer's shapes source.
    const shapes = style.sources[`${LARGE_LAYER_ID}:shapes`] as { data: { features: unknown[] } };
    expect(shapes.data.features).toHaveLength(1);
    // The filters (shown ids) do not restrict it: its items are not held on the page.
    const points = style.layers.find((l) => l.id === `${LARGE_LAYER_ID}:circle`) as {
      filter?: unknown;
    };
    expect(JSON.stringify(points?.filter ?? null)).not.toContain('literal');
  });

  it('keeps the map’s style after the analysis only when the summary hides nothing', async () => {
    const manifest = JSON.parse(readFileSync(join(plan.dir, 'plan.json'), 'utf8')) as PlanManifest;
    const fetch = folderFetch(true);
    const loaded = await loadPlan(`${BASE}plan.json`, { fetch, limits: { maxFileBytes: 100_000 } });
    const drawn = loaded.plan!;
    const model = await analysePlan(drawn, { fetch, limits: { maxFileBytes: 100_000 } });
    // This layer has refused features and a line: the style changes (drawn again).
    expect(drawsAlike(drawn, model.plan)).toBe(false);
    const clean = {
      ...model.plan,
      layers: model.plan.layers.map((l) =>
        l.large
          ? {
              ...l,
              large: { ...l.large, summary: { ...l.large.summary!, hidden: [], shapes: [] } },
            }
          : l,
      ),
    };
    expect(drawsAlike(drawn, clean)).toBe(true);
    expect(buildStyle(clean, STATE)).toEqual(buildStyle(drawn, STATE));
    expect(drawsAlike(drawn, { ...clean, manifest: { ...manifest } })).toBe(false);
  });

  it('refuses a large layer that needs converting, or declares more than the large-layer limit', async () => {
    const manifest = JSON.parse(readFileSync(join(plan.dir, 'plan.json'), 'utf8')) as PlanManifest;
    const gcj = {
      ...manifest,
      layers: manifest.layers.map((l) => (l.id === LARGE_LAYER_ID ? { ...l, datum: 'GCJ-02' } : l)),
    };
    const base = folderFetch(true);
    const gcjFetch = (async (input: RequestInfo | URL) =>
      String(input).endsWith('plan.json')
        ? new Response(JSON.stringify(gcj))
        : base(input)) as typeof fetch;
    const r = await loadPlan(`${BASE}plan.json`, {
      fetch: gcjFetch,
      limits: { maxFeaturesPerLayer: 1_000 },
    });
    const issue = r.issues.find((i) => i.file.endsWith(LARGE_LAYER_FILE))!;
    expect(issue.code).toBe('too-many-features');
    expect(issue.message_en).toContain('GCJ-02');
    expect(r.plan!.layers.find((l) => l.spec.id === LARGE_LAYER_ID)!.large).toBeUndefined();

    const big = await loadPlan(`${BASE}plan.json`, {
      fetch: folderFetch(true),
      limits: { maxFileBytes: 100_000, maxLargeLayerBytes: BYTES - 1 },
    });
    const refused = big.issues.find((i) => i.file.endsWith(LARGE_LAYER_FILE))!;
    expect(refused.code).toBe('file-too-large');
    expect(refused.message_en).toMatch(/refused unread/);
  });

  it('reports a large layer over the large-layer feature limit, and keeps the rest of the plan', async () => {
    const { model } = await loadLarge({ maxFeaturesPerLayer: 1_000, maxLargeLayerFeatures: 2_000 });
    const summary = model!.plan.layers.find((l) => l.spec.id === LARGE_LAYER_ID)!.large!.summary!;
    expect(summary.features).toBe(0);
    expect((model!.issues ?? []).map((i) => i.code)).toContain('too-many-features');
    expect(model!.zones.length).toBeGreaterThan(10);
  });

  it('stays refused when the plan is given as data (no URL to draw from) or is not an item layer', async () => {
    const manifest = JSON.parse(readFileSync(join(plan.dir, 'plan.json'), 'utf8')) as PlanManifest;
    const data: Record<string, unknown> = {};
    for (const l of manifest.layers) {
      data[l.id] = JSON.parse(readFileSync(join(plan.dir, l.file), 'utf8'));
    }
    const r = planFromObjects(manifest, data, { limits: { maxFeaturesPerLayer: 1_000 } });
    expect(r.plan!.layers.some((l) => l.large)).toBe(false);
    expect(r.issues.map((i) => i.code)).toContain('too-many-features');

    const places = await loadPlan(`${BASE}plan.json`, {
      fetch: folderFetch(true),
      limits: { maxFeaturesPerLayer: 35, maxLargeLayerFeatures: 1_000_000 },
    });
    const refusedPlaces = places.issues.find((i) => i.code === 'too-many-features');
    expect(refusedPlaces?.file).toMatch(/places/);
  });
});
