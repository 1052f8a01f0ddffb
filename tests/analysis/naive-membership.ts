/**
 * Reference membership of plain points (no declared zone), written the obvious way with Turf:
 * the baselines of `npm run bench` and the oracle of the membership tests.
 *
 * - {@link naivePointMembership}: every zone, a bbox pre-check, Turf `booleanPointInPolygon`;
 *   outside every zone, Turf `pointToPolygonDistance` to every zone whose box is within reach.
 * - {@link flatbushTurfPointMembership}: the same with a Flatbush over the zones' boxes choosing
 *   the zones to test (containment and nearest).
 *
 * Semantics (those of `assignZones`): the smallest containing zone (boundary included), else the
 * nearest zone within `withinM` metres (ties: the smaller zone), else none; `zones` lists the
 * zone and its ancestors, then the other holding zones (smallest first) with theirs.
 */
import { booleanPointInPolygon, pointToPolygonDistance, bbox as turfBbox } from '@turf/turf';
import Flatbush from 'flatbush';
import type { Feature, Geometry, MultiPolygon, Polygon } from 'geojson';
import { areaKm2 } from '../../src/analysis/area';
import { searchMargins } from '../../src/analysis/zone-edges';
import { isArealZone, type ZoneInput } from '../../src/analysis/zone-index';

/** One point's answer, comparable with `===` field by field. */
export interface PointAnswer {
  zone: string | null;
  method: 'inside' | 'nearest' | 'none';
  distanceM?: number;
  zones: string[];
}

interface Prepared {
  zones: Feature<Polygon | MultiPolygon, { id: string; parent?: string }>[];
  boxes: [number, number, number, number][];
  /** Rank by area (ties: input order). */
  rank: number[];
  parents: Map<string, string>;
}

function prepare(input: readonly ZoneInput[]): Prepared {
  const parents = new Map<string, string>();
  for (const f of input) {
    const p = f.properties.parent;
    if (p !== undefined && p !== f.properties.id && !parents.has(f.properties.id)) {
      parents.set(f.properties.id, p);
    }
  }
  const zones = input.filter(isArealZone);
  const boxes = zones.map((z) => {
    const b = turfBbox(z.geometry);
    return [b[0], b[1], b[2], b[3]] as [number, number, number, number];
  });
  const areas = zones.map((z) => areaKm2(z));
  const order = zones.map((_, i) => i).sort((a, b) => areas[a]! - areas[b]! || a - b);
  const rank = new Array<number>(zones.length);
  order.forEach((zi, k) => {
    rank[zi] = k;
  });
  return { zones, boxes, rank, parents };
}

function zoneList(p: Prepared, primary: number, holding: number[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const push = (id: string): void => {
    if (seen.has(id)) return;
    seen.add(id);
    out.push(id);
    const chain = new Set<string>([id]);
    let a = p.parents.get(id);
    while (a !== undefined && !chain.has(a)) {
      chain.add(a);
      if (!seen.has(a)) {
        seen.add(a);
        out.push(a);
      }
      a = p.parents.get(a);
    }
  };
  push(p.zones[primary]!.properties.id);
  for (const zi of [...holding].sort((a, b) => p.rank[a]! - p.rank[b]!)) {
    push(p.zones[zi]!.properties.id);
  }
  return out;
}

function answer(
  p: Prepared,
  pt: [number, number],
  withinM: number,
  containing: (pt: [number, number]) => number[],
  reachable: (box: [number, number, number, number]) => Iterable<number>,
): PointAnswer {
  const holding = containing(pt).sort((a, b) => p.rank[a]! - p.rank[b]!);
  if (holding.length > 0) {
    return {
      zone: p.zones[holding[0]!]!.properties.id,
      method: 'inside',
      zones: zoneList(p, holding[0]!, holding),
    };
  }
  if (Number.isFinite(pt[0]) && Number.isFinite(pt[1]) && withinM >= 0) {
    const [dLat, dLng] = searchMargins(withinM, Math.abs(pt[1]), [0, 0]);
    const box: [number, number, number, number] = [
      pt[0] - dLng,
      pt[1] - dLat,
      pt[0] + dLng,
      pt[1] + dLat,
    ];
    let best = -1;
    let bestM = Number.POSITIVE_INFINITY;
    for (const zi of reachable(box)) {
      const d = Math.abs(pointToPolygonDistance(pt, p.zones[zi]!, { units: 'meters' }));
      if (d > withinM) continue;
      if (best < 0 || d < bestM || (d === bestM && p.rank[zi]! < p.rank[best]!)) {
        best = zi;
        bestM = d;
      }
    }
    if (best >= 0) {
      return {
        zone: p.zones[best]!.properties.id,
        method: 'nearest',
        distanceM: bestM,
        zones: zoneList(p, best, []),
      };
    }
  }
  return { zone: null, method: 'none', zones: [] };
}

function meets(b: readonly number[], box: readonly number[]): boolean {
  return !(b[0]! > box[2]! || b[1]! > box[3]! || b[2]! < box[0]! || b[3]! < box[1]!);
}

/**
 * Naive Turf with a bbox pre-check.
 *
 * @param coords longitude, latitude pairs interleaved, degrees
 */
export function naivePointMembership(
  input: readonly ZoneInput[],
  coords: ArrayLike<number>,
  withinM: number,
): PointAnswer[] {
  const p = prepare(input);
  const all = p.zones.map((_, i) => i);
  const containing = (pt: [number, number]): number[] =>
    all.filter((zi) => meets(p.boxes[zi]!, [pt[0], pt[1], pt[0], pt[1]]) && inside(p, zi, pt));
  const reachable = (box: [number, number, number, number]): number[] =>
    all.filter((zi) => meets(p.boxes[zi]!, box));
  const out: PointAnswer[] = [];
  for (let i = 0; i < coords.length >> 1; i++) {
    out.push(answer(p, [coords[2 * i]!, coords[2 * i + 1]!], withinM, containing, reachable));
  }
  return out;
}

/**
 * Flatbush over the zones' boxes, then Turf.
 *
 * @param coords longitude, latitude pairs interleaved, degrees
 */
export function flatbushTurfPointMembership(
  input: readonly ZoneInput[],
  coords: ArrayLike<number>,
  withinM: number,
): PointAnswer[] {
  const p = prepare(input);
  const out: PointAnswer[] = [];
  if (p.zones.length === 0) {
    for (let i = 0; i < coords.length >> 1; i++)
      out.push({ zone: null, method: 'none', zones: [] });
    return out;
  }
  const tree = new Flatbush(p.zones.length);
  for (const b of p.boxes) tree.add(b[0], b[1], b[2], b[3]);
  tree.finish();
  const containing = (pt: [number, number]): number[] =>
    tree.search(pt[0], pt[1], pt[0], pt[1]).filter((zi) => inside(p, zi, pt));
  const reachable = (box: [number, number, number, number]): number[] =>
    tree.search(box[0], box[1], box[2], box[3]);
  for (let i = 0; i < coords.length >> 1; i++) {
    out.push(answer(p, [coords[2 * i]!, coords[2 * i + 1]!], withinM, containing, reachable));
  }
  return out;
}

function inside(p: Prepared, zi: number, pt: [number, number]): boolean {
  return booleanPointInPolygon(pt, p.zones[zi]! as Feature<Geometry, unknown> as Feature<Polygon>);
}

/** Index of the first answer that differs (zone, method, distance, zone list), or -1. */
export function firstDifferentAnswer(
  a: readonly PointAnswer[],
  b: readonly { zone: string | null; method: string; distanceM?: number; zones: string[] }[],
): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (
      x.zone !== y.zone ||
      x.method !== y.method ||
      x.distanceM !== y.distanceM ||
      x.zones.length !== y.zones.length ||
      x.zones.some((z, k) => z !== y.zones[k])
    ) {
      return i;
    }
  }
  return -1;
}
