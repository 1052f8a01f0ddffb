/**
 * Deterministic test and benchmark points: a seeded PRNG and a point-layer generator.
 * Shared by tests/analysis and scripts/bench.mjs (loaded there through Vite).
 */
import { booleanPointInPolygon, bbox as turfBbox } from '@turf/turf';
import type { Feature, Geometry, MultiPolygon, Polygon, Position } from 'geojson';

/** mulberry32: a small, fast, seeded PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface PointLayerOptions {
  /** Share of points drawn inside a (uniformly chosen) zone. Default 0.5. */
  insideShare?: number;
  /** Share of points placed exactly on a ring vertex. Default 0. */
  vertexShare?: number;
  /** Share of points placed on (or within rounding of) a ring edge. Default 0. */
  edgeShare?: number;
  /** Extent for the rest, [w, s, e, n] degrees; default the zones' box grown by 5 % each side. */
  extent?: [number, number, number, number];
}

type Areal = Feature<Polygon | MultiPolygon>;

function isAreal(f: Feature<Geometry | null>): f is Areal {
  return f.geometry?.type === 'Polygon' || f.geometry?.type === 'MultiPolygon';
}

function rings(f: Areal): Position[][] {
  const g = f.geometry;
  return g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
}

/**
 * `n` points shaped like a real point layer: `insideShare` of them inside the zones (a zone
 * picked uniformly, a point drawn uniformly in its box until it falls inside), some exactly on
 * vertices or on edges, the rest uniform over the extent. Interleaved lng, lat.
 */
export function makePointLayer(
  zones: readonly Feature<Geometry | null>[],
  n: number,
  seed: number,
  options: PointLayerOptions = {},
): Float64Array {
  const rand = mulberry32(seed);
  const areal = zones.filter(isAreal);
  if (areal.length === 0) throw new Error('no areal zones');
  const boxes = areal.map((z) => turfBbox(z));
  let extent = options.extent;
  if (!extent) {
    const w = Math.min(...boxes.map((b) => b[0]));
    const s = Math.min(...boxes.map((b) => b[1]));
    const e = Math.max(...boxes.map((b) => b[2]));
    const nn = Math.max(...boxes.map((b) => b[3]));
    const dx = (e - w) * 0.05;
    const dy = (nn - s) * 0.05;
    extent = [w - dx, s - dy, e + dx, nn + dy];
  }
  const allRings = areal.map(rings);
  const nInside = Math.round(n * (options.insideShare ?? 0.5));
  const nVertex = Math.round(n * (options.vertexShare ?? 0));
  const nEdge = Math.round(n * (options.edgeShare ?? 0));
  const out = new Float64Array(2 * n);
  const pt: [number, number] = [0, 0];
  const pickRing = (): Position[] => {
    const rs = allRings[Math.floor(rand() * allRings.length)]!;
    return rs[Math.floor(rand() * rs.length)]!;
  };
  for (let i = 0; i < n; i++) {
    let x: number;
    let y: number;
    if (i < nInside) {
      const k = Math.floor(rand() * areal.length);
      const b = boxes[k]!;
      do {
        pt[0] = b[0] + rand() * (b[2] - b[0]);
        pt[1] = b[1] + rand() * (b[3] - b[1]);
      } while (!booleanPointInPolygon(pt, areal[k]!));
      [x, y] = pt;
    } else if (i < nInside + nVertex) {
      const ring = pickRing();
      const v = ring[Math.floor(rand() * (ring.length - 1))]!;
      x = v[0]!;
      y = v[1]!;
    } else if (i < nInside + nVertex + nEdge) {
      const ring = pickRing();
      const j = Math.floor(rand() * (ring.length - 1));
      const a = ring[j]!;
      const c = ring[j + 1]!;
      const t = rand();
      x = a[0]! + t * (c[0]! - a[0]!);
      y = a[1]! + t * (c[1]! - a[1]!);
    } else {
      x = extent[0] + rand() * (extent[2] - extent[0]);
      y = extent[1] + rand() * (extent[3] - extent[1]);
    }
    out[2 * i] = x;
    out[2 * i + 1] = y;
  }
  // Shuffle (Fisher-Yates on pairs) so the kinds of points are interleaved as in real data.
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const x = out[2 * i]!;
    const y = out[2 * i + 1]!;
    out[2 * i] = out[2 * j]!;
    out[2 * i + 1] = out[2 * j + 1]!;
    out[2 * j] = x;
    out[2 * j + 1] = y;
  }
  return out;
}
