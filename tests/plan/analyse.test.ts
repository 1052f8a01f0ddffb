/**
 * analysePlan (chunked, in a worker for large plans) gives exactly what buildModel gives; the
 * worker's message handler, tested by importing it (the worker file needs a browser).
 */
import { readFileSync } from 'node:fs';
import type { Feature, FeatureCollection, Geometry, Point } from 'geojson';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { assignZones, buildZoneIndex, type MembershipItem } from '../../src/analysis/index.js';
import {
  handleMembershipMessage,
  type MembershipReply,
  type MembershipRequest,
  membershipReplies,
  packItems,
} from '../../src/analysis/membership-job.js';
import {
  type AnalyseOptions,
  analysePlan,
  CHUNK_ITEMS,
  type MembershipWorker,
  WORKER_MIN_ITEMS,
} from '../../src/plan/analyse.js';
import { planFromObjects } from '../../src/plan/load.js';
import { buildModel, type PlanModel } from '../../src/plan/model.js';
import type { LoadedPlan, PlanManifest } from '../../src/plan/types.js';
import { makePointLayer } from '../analysis/points.js';

const GEODATA = new URL('../../geodata/', import.meta.url);
const read = (file: string): unknown => JSON.parse(readFileSync(new URL(file, GEODATA), 'utf8'));

/** The built-in plan package, read from geodata/ as the element would load it. */
function builtinPlan(): LoadedPlan {
  const manifest = read('plan.json') as PlanManifest;
  const data: Record<string, unknown> = {};
  for (const l of manifest.layers) data[l.id] = read(l.file);
  if (typeof manifest.unlocated === 'string') data.unlocated = read(manifest.unlocated);
  const { plan } = planFromObjects(manifest, data);
  if (!plan) throw new Error('built-in plan did not load');
  return plan;
}

/**
 * The built-in plan plus a generated item layer: `n` seeded points (half inside the zones, the
 * rest over the plan's box, so some attach to the nearest zone), a few with a declared zone,
 * one line, one point with an altitude and one without a geometry.
 */
function planWithLayer(n: number): LoadedPlan {
  const base = builtinPlan();
  const zones = base.layers
    .filter((l) => l.spec.kind === 'zones')
    .flatMap((l) => l.data.features)
    .filter((f) => f.properties.kind !== 'expansion');
  const coords = makePointLayer(zones, n, 0xa11, {
    insideShare: 0.5,
    extent: base.manifest.bbox,
  });
  const props = (i: number) => ({
    id: `gen-${i}`,
    kind: 'project' as const,
    name_zh: `生成 ${i}`,
    name_en: `Generated ${i}`,
    status: 'planned' as const,
    category: 'digital',
    sources: [],
    accuracy: 'approximate' as const,
    accuracy_m: i % 7 === 0 ? 3000 : 50,
    ...(i % 501 === 0 ? { zone: i % 1002 === 0 ? 'cluster-huangnichuan' : 'no-such-zone' } : {}),
  });
  const features: Feature<Geometry | null>[] = [];
  for (let i = 0; i < n; i++) {
    features.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [coords[2 * i]!, coords[2 * i + 1]!] },
      properties: props(i),
    });
  }
  const [w, s, e, nn] = base.manifest.bbox;
  features.push(
    {
      type: 'Feature',
      geometry: {
        type: 'LineString',
        coordinates: [
          [w, s],
          [(w + e) / 2, (s + nn) / 2],
        ],
      },
      properties: props(n),
    },
    {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [(w + e) / 2, (s + nn) / 2, 12] },
      properties: props(n + 1),
    },
    { type: 'Feature', geometry: null, properties: props(n + 2) },
  );
  const spec = {
    id: 'generated',
    kind: 'items' as const,
    file: 'generated.geojson',
    visible: true,
    color: '#455a64',
    title: { zh: '生成', en: 'Generated' },
  };
  return {
    ...base,
    manifest: { ...base.manifest, layers: [...base.manifest.layers, spec] },
    layers: [
      ...base.layers,
      { spec, data: { type: 'FeatureCollection', features } as FeatureCollection<Geometry, never> },
    ],
  };
}

/** What must agree between two models (the index is rebuilt, so compared by its zones). */
function essence(m: PlanModel) {
  return {
    ids: [...m.byId.keys()],
    layerOf: m.layerOf,
    zones: m.zones.map((z) => z.properties.id),
    areaKm2: m.areaKm2,
    children: m.children,
    items: m.items.map((i) => i.properties.id),
    membership: m.membership,
    itemsByZone: m.itemsByZone,
    attachWithinM: m.attachWithinM,
    indexZones: m.index.zones.map((z) => z.id),
  };
}

/**
 * A worker in the same thread: messages are structured-cloned (transfers detach, as in a
 * browser) and handled by the worker's own handler, each reply in a later task.
 */
function fakeWorker(log: { terminated: boolean; posted: number }): MembershipWorker {
  let alive = true;
  const w: MembershipWorker = {
    onmessage: null,
    onerror: null,
    postMessage(message, transfer) {
      log.posted++;
      const data = structuredClone(message, { transfer });
      setTimeout(() => {
        handleMembershipMessage(data, (reply) => {
          const copy = structuredClone(reply);
          setTimeout(() => {
            if (alive) w.onmessage?.({ data: copy } as MessageEvent<MembershipReply>);
          }, 0);
        });
      }, 0);
    },
    terminate() {
      alive = false;
      log.terminated = true;
    },
  };
  return w;
}

const large = planWithLayer(WORKER_MIN_ITEMS + 7_000);
const largeModel = buildModel(large);

afterEach(() => {
  vi.restoreAllMocks();
});

describe('buildModel', () => {
  it('attaches every item of the built-in plan and rolls subzones up to their zone', () => {
    const m = buildModel(builtinPlan());
    expect(m.membership.size).toBe(m.items.length);
    expect(m.items.length).toBeGreaterThan(50);
    for (const [zone, kids] of m.children) {
      const all = new Set(m.itemsByZone.get(zone) ?? []);
      for (const kid of kids) {
        for (const item of m.itemsByZone.get(kid) ?? []) expect(all.has(item)).toBe(true);
      }
    }
  });

  it('equals a direct assignZones over the same zones and items', () => {
    const m = largeModel;
    const index = buildZoneIndex(
      m.zones.map((z) => ({
        ...z,
        properties: { id: z.properties.id, parent: z.properties.parent },
      })),
    );
    const direct = assignZones(m.items as MembershipItem[], index, {
      nearestWithinM: m.attachWithinM,
    });
    expect([...m.membership.values()]).toEqual(direct);
    // The generated layer exercises every method.
    const methods = new Set(direct.map((d) => d.method));
    expect(methods).toEqual(new Set(['explicit', 'inside', 'nearest', 'none']));
    expect(direct.some((d) => d.mismatch?.reason === 'unknown-zone')).toBe(true);
  });
});

describe('analysePlan', () => {
  it('gives the same model as buildModel for the built-in plan, on this thread', async () => {
    const plan = builtinPlan();
    const createWorker = vi.fn();
    const progress: [number, number][] = [];
    const m = await analysePlan(plan, {
      createWorker,
      onProgress: (d, t) => progress.push([d, t]),
    });
    expect(essence(m)).toEqual(essence(buildModel(plan)));
    expect(createWorker).not.toHaveBeenCalled();
    expect(progress).toEqual([[m.items.length, m.items.length]]);
  });

  it(`sends plans over ${WORKER_MIN_ITEMS} items to the worker, in chunks, with progress`, async () => {
    const log = { terminated: false, posted: 0 };
    const progress: [number, number][] = [];
    const m = await analysePlan(large, {
      createWorker: () => fakeWorker(log),
      onProgress: (d, t) => progress.push([d, t]),
    });
    expect(essence(m)).toEqual(essence(largeModel));
    const total = largeModel.items.length;
    expect(log).toEqual({ terminated: true, posted: 1 });
    expect(progress).toHaveLength(Math.ceil(total / CHUNK_ITEMS));
    expect(progress.at(-1)).toEqual([total, total]);
    expect(progress.map(([d]) => d)).toEqual([...progress.map(([d]) => d)].sort((a, b) => a - b));
  });

  it('without a Worker (Node) runs the chunks on this thread, same result', async () => {
    const progress: number[] = [];
    const m = await analysePlan(large, { onProgress: (d) => progress.push(d) });
    expect(essence(m)).toEqual(essence(largeModel));
    expect(progress.length).toBe(Math.ceil(largeModel.items.length / CHUNK_ITEMS));
  });

  it('aborting rejects with the reason, terminates the worker and stops the progress', async () => {
    const log = { terminated: false, posted: 0 };
    const controller = new AbortController();
    const progress: number[] = [];
    const opts: AnalyseOptions = {
      signal: controller.signal,
      createWorker: () => fakeWorker(log),
      onProgress: (d) => {
        progress.push(d);
        controller.abort(new DOMException('new plan', 'AbortError'));
      },
    };
    await expect(analysePlan(large, opts)).rejects.toMatchObject({ name: 'AbortError' });
    expect(log.terminated).toBe(true);
    await new Promise((r) => setTimeout(r, 20));
    expect(progress).toEqual([CHUNK_ITEMS]);
  });

  it('an already aborted signal rejects before any work', async () => {
    const createWorker = vi.fn();
    await expect(
      analysePlan(large, { signal: AbortSignal.abort(), createWorker }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(createWorker).not.toHaveBeenCalled();
  });

  it('a worker that cannot start (e.g. blocked by a CSP) falls back to this thread, with a warning', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    let terminated = false;
    const broken: MembershipWorker = {
      onmessage: null,
      onerror: null,
      postMessage() {
        setTimeout(() => broken.onerror?.({ message: '' } as ErrorEvent), 0);
      },
      terminate() {
        terminated = true;
      },
    };
    const m = await analysePlan(large, { createWorker: () => broken });
    expect(essence(m)).toEqual(essence(largeModel));
    expect(terminated).toBe(true);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('membership worker did not start'));
  });

  it('a worker that cannot be created (e.g. a script from another origin) falls back too', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const m = await analysePlan(large, {
      createWorker: () => {
        throw new DOMException('cross-origin worker script', 'SecurityError');
      },
    });
    expect(essence(m)).toEqual(essence(largeModel));
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('SecurityError'));
  });

  it('an error reply from the worker rejects', async () => {
    const failing: MembershipWorker = {
      onmessage: null,
      onerror: null,
      postMessage() {
        setTimeout(
          () =>
            failing.onmessage?.({
              data: { type: 'error', message: 'boom' },
            } as MessageEvent<MembershipReply>),
          0,
        );
      },
      terminate() {},
    };
    await expect(analysePlan(large, { createWorker: () => failing })).rejects.toThrow('boom');
  });
});

describe('the membership worker handler', () => {
  const zones = largeModel.zones.map((z) => ({
    ...z,
    properties: { id: z.properties.id, parent: z.properties.parent },
  }));
  // The model's last items (its line and 3-D point among them) and one without a geometry.
  const items: MembershipItem[] = [
    ...(largeModel.items.slice(-1_199) as MembershipItem[]),
    { type: 'Feature', geometry: null, properties: { id: 'no-geometry', zone: '' } },
  ];
  const request = (chunkSize: number): MembershipRequest => ({
    type: 'assign',
    zones,
    items: packItems(items),
    options: { nearestWithinM: 1500 },
    chunkSize,
  });

  it('posts chunks that, concatenated, equal one assignZones call', () => {
    const replies: MembershipReply[] = [];
    handleMembershipMessage(request(500), (r) => replies.push(r));
    expect(replies.map((r) => r.type === 'chunk' && [r.start, r.done, r.total])).toEqual([
      [0, 500, 1200],
      [500, 1000, 1200],
      [1000, 1200, 1200],
    ]);
    const got = replies.flatMap((r) => (r.type === 'chunk' ? r.memberships : []));
    expect(got).toEqual(assignZones(items, buildZoneIndex(zones), { nearestWithinM: 1500 }));
  });

  it('packs points into one Float64Array and keeps every other geometry as it was', () => {
    const packed = packItems(items);
    expect(packed.coords).toBeInstanceOf(Float64Array);
    expect(packed.coords.length).toBe(2 * items.length);
    // The line, the 3-D point and the null geometry travel as GeoJSON; nothing else does.
    expect(packed.shapes.map(([i, g]) => [items[i]!.properties.id, g?.type ?? null])).toEqual([
      [items.at(-3)!.properties.id, 'LineString'],
      [items.at(-2)!.properties.id, 'Point'],
      [items.at(-1)!.properties.id, null],
    ]);
    const first = items[0]!.geometry as Point;
    expect([packed.coords[0], packed.coords[1]]).toEqual(first.coordinates);
  });

  it('answers one reply for no items', () => {
    const replies = [...membershipReplies({ ...request(500), items: packItems([]) })];
    expect(replies).toEqual([{ type: 'chunk', start: 0, memberships: [], done: 0, total: 0 }]);
  });

  it('answers an error reply, not an exception, to a message it does not understand', () => {
    const replies: MembershipReply[] = [];
    handleMembershipMessage({ type: 'hello' }, (r) => replies.push(r));
    handleMembershipMessage(null, (r) => replies.push(r));
    expect(replies).toEqual([
      { type: 'error', message: expect.stringContaining('not a membership request') },
      { type: 'error', message: expect.stringContaining('not a membership request') },
    ]);
  });
});
