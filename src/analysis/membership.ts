import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { centroid } from '@turf/centroid';
import type { Feature, Geometry } from 'geojson';
import { areaKm2 } from './area';
import { lineSamples } from './line-samples';
import {
  distanceLineToZoneM,
  distanceToZoneM,
  nearestZoneKnowing,
  nearestZoneToLine,
} from './zone-distance';
import { CELL_NONE, CELL_TEST, CELL_ZONE0, cellOf } from './zone-grid';
import {
  ancestorsOf,
  isArealZone,
  type ZoneIndex,
  type ZoneInput,
  zoneIndicesAtPoint,
} from './zone-index';

/**
 * How an item got its zone: declared by the plan text (`explicit`), contained in it
 * (`inside`), attached to the nearest zone within reach (`nearest`), or none of these.
 */
export type MembershipMethod = 'explicit' | 'inside' | 'nearest' | 'none';

/** The zone an item belongs to and every zone it counts toward. */
export interface Membership {
  itemId: string;
  /** Most specific zone (smallest area) the item belongs to, or null. */
  zone: string | null;
  method: MembershipMethod;
  /**
   * For `nearest`: distance in metres to that zone's boundary. For `explicit`: distance in
   * metres from the declared zone (0 when inside); absent when the declared zone has no area
   * (e.g. a line) to measure against.
   */
  distanceM?: number;
  /**
   * Every zone the item counts toward, `zone` and its ancestors first, then the other zones
   * holding the item (smallest first), each followed by its ancestors; no duplicates.
   */
  zones: string[];
  /**
   * Set when the item declares `zone` but the geometry disagrees: it lies farther than the
   * tolerance from the declared zone (`reason: 'outside'`), or no zone has that id
   * (`reason: 'unknown-zone'`, `distanceM` NaN, and the computed zone is used instead).
   * `computed` is what containment / nearest would have given, in metres for `distanceM`.
   */
  mismatch?: {
    declared: string;
    computed: string | null;
    distanceM: number;
    reason: 'outside' | 'unknown-zone';
  };
}

/** Options for {@link assignZones}. */
export interface MembershipOptions {
  /** Items outside every zone attach to the nearest zone within this distance, metres. Default 1500. */
  nearestWithinM?: number;
  /**
   * Tolerance for declared zones, metres: an item this close to its declared zone is not a
   * mismatch. Default `nearestWithinM`. An item's own `accuracy_m` raises it when larger.
   */
  explicitToleranceM?: number;
  /** Spacing of the samples taken along lines, metres (default 20, at most 256 samples). */
  lineSpacingM?: number;
}

/** Default for {@link MembershipOptions.nearestWithinM}, metres. */
export const DEFAULT_NEAREST_WITHIN_M = 1500;

/** The properties {@link assignZones} reads from an item. */
export interface ItemLikeProps {
  id: string;
  /** Declared zone id. */
  zone?: string;
  /** Error radius of the item's position, metres. */
  accuracy_m?: number;
}

/**
 * A plan item: Point, LineString or Polygon (and MultiPolygon, by centroid). Other geometries
 * get method `none`.
 */
export type MembershipItem = Feature<Geometry | null, ItemLikeProps>;

type Probe =
  | { kind: 'point'; pt: [number, number] }
  | { kind: 'line'; samples: [number, number][]; vertices: [number, number][] };

interface Computed {
  zone: number | null;
  method: 'inside' | 'nearest' | 'none';
  distanceM?: number;
  /** Zones holding the item (point inside, or at least one line sample inside). */
  holding: number[];
}

/**
 * Zone membership of plan items.
 *
 * Points: the smallest zone containing them (boundary included). Lines: the zone holding most
 * of their length, measured by equal-length samples (Turf `along`); when a subzone holds as
 * much as its parent, the subzone (smaller) wins. Polygons: their centroid (Turf `centroid`).
 * Outside every zone: the nearest zone within `nearestWithinM` metres, else none.
 * A declared `zone` is kept (`explicit`) and checked against the geometry.
 *
 * @returns one Membership per item, in input order
 */
export function assignZones(
  items: readonly MembershipItem[],
  index: ZoneIndex,
  options: MembershipOptions = {},
): Membership[] {
  const withinM = options.nearestWithinM ?? DEFAULT_NEAREST_WITHIN_M;
  const baseToleranceM = options.explicitToleranceM ?? withinM;
  const spacingM = options.lineSpacingM ?? 20;
  return items.map((item) => {
    const itemId = item.properties.id;
    const probe = probeOf(item.geometry, spacingM);
    const computed = probe ? computeZone(index, probe, withinM) : noneComputed();
    const declared = item.properties.zone;
    if (typeof declared !== 'string' || declared === '')
      return fromComputed(index, itemId, computed);
    const tolerance = Math.max(baseToleranceM, item.properties.accuracy_m ?? 0);
    return declaredMembership(index, itemId, declared, probe, computed, tolerance);
  });
}

/**
 * An item that declares its zone: kept (`explicit`) when the plan has that zone, with a
 * mismatch when its geometry lies farther than `toleranceM` from it; else the computed zone,
 * with an `unknown-zone` mismatch.
 */
function declaredMembership(
  index: ZoneIndex,
  itemId: string,
  declared: string,
  probe: Probe | null,
  computed: Computed,
  toleranceM: number,
): Membership {
  const computedId = computed.zone === null ? null : index.zones[computed.zone]!.id;
  const zi = index.byId.get(declared);
  if (zi === undefined && !index.allIds.has(declared)) {
    const m = fromComputed(index, itemId, computed);
    m.mismatch = { declared, computed: computedId, distanceM: Number.NaN, reason: 'unknown-zone' };
    return m;
  }
  const m: Membership = { itemId, zone: declared, method: 'explicit', zones: [] };
  if (zi !== undefined && probe) {
    const distanceM = distanceFromZoneM(index, zi, probe, computed);
    m.distanceM = distanceM;
    if (distanceM > toleranceM) {
      m.mismatch = { declared, computed: computedId, distanceM, reason: 'outside' };
    }
  }
  m.zones = zoneList(index, declared, computed.holding);
  return m;
}

/**
 * Memberships of plain Point items that declare no zone, from packed coordinates: exactly what
 * {@link assignZones} gives for them (same code for the zone and the nearest search), without
 * building a GeoJSON feature per item. Zone lists are shared work: computed once per set of
 * holding zones, copied per item.
 *
 * @param ids item ids; `coords` holds longitude, latitude of item `i` at `2i`, `2i + 1`
 * @param positions the item positions to answer, in order
 */
// biome-ignore lint/complexity/noExcessiveCognitiveComplexity: the per-point loop of the worker's path, kept in one piece on purpose (measured with npm run bench: moving the holding-zone scan into a function cost ≈ 5% on the register distribution)
export function assignPointZones(
  index: ZoneIndex,
  ids: readonly string[],
  coords: ArrayLike<number>,
  positions: Iterable<number>,
  options: MembershipOptions = {},
): Membership[] {
  const withinM = options.nearestWithinM ?? DEFAULT_NEAREST_WITHIN_M;
  const zones = index.zones;
  const features = zones.map((z) => z.feature);
  const listOf = sharedZoneLists(index);
  const empty = Object.freeze([]) as unknown as string[];
  const { answer, offsets, entries } = index.grid;
  const grid = index.grid;
  const none = CELL_NONE;
  const holding: number[] = [];
  const pt: [number, number] = [0, 0];
  const out: Membership[] = [];
  for (const i of positions) {
    const itemId = ids[i]!;
    const x = coords[2 * i]!;
    const y = coords[2 * i + 1]!;
    pt[0] = x;
    pt[1] = y;
    // The zones holding the point, smallest first: zoneIndicesAtPoint, into a reused array.
    holding.length = 0;
    const cell = cellOf(grid, x, y);
    if (cell >= 0 && answer[cell] !== none) {
      const end = offsets[cell + 1]!;
      for (let k = offsets[cell]!; k < end; k++) {
        const e = entries[k]!;
        if ((e & 1) === 0 || booleanPointInPolygon(pt, features[e >> 1]!)) holding.push(e >> 1);
      }
    }
    if (holding.length > 0) {
      const zi = holding[0]!;
      out.push({ itemId, zone: zones[zi]!.id, method: 'inside', zones: listOf(zi, holding) });
      continue;
    }
    const near = nearestZoneKnowing(index, pt, withinM, holding);
    if (near) {
      out.push({
        itemId,
        zone: zones[near.zoneIndex]!.id,
        method: 'nearest',
        zones: listOf(near.zoneIndex, holding),
        distanceM: near.distanceM,
      });
    } else {
      out.push({ itemId, zone: null, method: 'none', zones: empty });
    }
  }
  return out;
}

/**
 * Zone lists by holding set (a number: the zone indices + 1 in base zones + 1, exact while it
 * stays under 2^53; else the indices joined), shared by the items with the same list and
 * frozen so that no one edits them through one item.
 */
function sharedZoneLists(
  index: ZoneIndex,
): (primary: number, holding: readonly number[]) => string[] {
  const zones = index.zones;
  const radix = zones.length + 1;
  const byNumber = new Map<number, string[]>();
  const byString = new Map<string, string[]>();
  return (primary, holding) => {
    let key = primary + 1;
    for (let k = 0; k < holding.length; k++) key = key * radix + holding[k]! + 1;
    const exact = key <= Number.MAX_SAFE_INTEGER;
    let list = exact ? byNumber.get(key) : byString.get(`${primary}:${holding.join(',')}`);
    if (list === undefined) {
      list = Object.freeze(zoneList(index, zones[primary]!.id, holding)) as string[];
      if (exact) byNumber.set(key, list);
      else byString.set(`${primary}:${holding.join(',')}`, list);
    }
    return list;
  };
}

function noneComputed(): Computed {
  return { zone: null, method: 'none', holding: [] };
}

function fromComputed(index: ZoneIndex, itemId: string, c: Computed): Membership {
  const zone = c.zone === null ? null : index.zones[c.zone]!.id;
  const m: Membership = { itemId, zone, method: c.method, zones: [] };
  if (c.distanceM !== undefined) m.distanceM = c.distanceM;
  m.zones = zone === null ? [] : zoneList(index, zone, c.holding);
  return m;
}

/** `primary` and its ancestors, then each other holding zone (smallest first) and its ancestors. */
function zoneList(index: ZoneIndex, primary: string, holding: readonly number[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const push = (id: string): void => {
    if (seen.has(id)) return;
    seen.add(id);
    out.push(id);
    for (const a of ancestorsOf(index, id)) {
      if (!seen.has(a)) {
        seen.add(a);
        out.push(a);
      }
    }
  };
  push(primary);
  const sorted = [...holding].sort((a, b) => index.rank[a]! - index.rank[b]!);
  for (const zi of sorted) push(index.zones[zi]!.id);
  return out;
}

function probeOf(g: Geometry | null, spacingM: number): Probe | null {
  if (!g) return null;
  switch (g.type) {
    case 'Point': {
      const [x, y] = g.coordinates;
      if (x === undefined || y === undefined) return null;
      return { kind: 'point', pt: [x, y] };
    }
    case 'LineString': {
      if (g.coordinates.length === 0) return null;
      const { points } = lineSamples(g, { spacingM });
      const vertices = g.coordinates.map((p) => [p[0]!, p[1]!] as [number, number]);
      return { kind: 'line', samples: points, vertices };
    }
    case 'Polygon':
    case 'MultiPolygon': {
      if (g.coordinates.length === 0) return null;
      const c = centroid(g).geometry.coordinates;
      return { kind: 'point', pt: [c[0]!, c[1]!] };
    }
    default:
      return null;
  }
}

function computeZone(index: ZoneIndex, probe: Probe, withinM: number): Computed {
  if (probe.kind === 'point') {
    const holding = zoneIndicesAtPoint(index, probe.pt);
    if (holding.length > 0) return { zone: holding[0]!, method: 'inside', holding };
    const near = nearestZoneKnowing(index, probe.pt, withinM, holding);
    if (near) {
      return { zone: near.zoneIndex, method: 'nearest', distanceM: near.distanceM, holding: [] };
    }
    return noneComputed();
  }
  const inside = lineZone(index, probe.samples);
  if (inside) return inside;
  const near = nearestZoneToLine(index, probe.vertices, withinM);
  if (near) {
    return { zone: near.zoneIndex, method: 'nearest', distanceM: near.distanceM, holding: [] };
  }
  return noneComputed();
}

/**
 * A line's zone: the one holding most of its samples (samples stand for equal lengths; a tie
 * goes to the smaller zone), with every zone holding any; null when none holds one.
 */
function lineZone(index: ZoneIndex, samples: readonly [number, number][]): Computed | null {
  const counts = new Map<number, number>();
  for (const s of samples) {
    for (const zi of zoneIndicesAtPoint(index, s)) counts.set(zi, (counts.get(zi) ?? 0) + 1);
  }
  if (counts.size === 0) return null;
  let best = -1;
  let bestCount = -1;
  for (const [zi, n] of counts) {
    if (n > bestCount || (n === bestCount && index.rank[zi]! < index.rank[best]!)) {
      best = zi;
      bestCount = n;
    }
  }
  return { zone: best, method: 'inside', holding: [...counts.keys()] };
}

/** Distance in metres from an item to zone `zi`: 0 when inside (a line: when any part is). */
function distanceFromZoneM(index: ZoneIndex, zi: number, probe: Probe, c: Computed): number {
  if (c.holding.includes(zi)) return 0;
  if (probe.kind === 'point') return distanceToZoneM(index, zi, probe.pt);
  return distanceLineToZoneM(index, zi, probe.vertices);
}

/**
 * Zone (most specific) of each point, or null, for large point layers: no nearest fallback,
 * no declared zones. Identical to {@link zoneOfPointsNaive} by construction: cells of the
 * index grid that no zone boundary touches are answered from the grid, the rest with Turf
 * `booleanPointInPolygon` against the cell's candidate zones, smallest first.
 *
 * @param coords longitude, latitude pairs interleaved, degrees
 * @returns zone index in `index.zones` per point, -1 for none
 */
// biome-ignore lint/complexity/noExcessiveCognitiveComplexity: the large-layer hot loop, with `cellOf`'s arithmetic and the module constants inlined on purpose (see the comments inside)
export function zoneIndexOfPoints(index: ZoneIndex, coords: ArrayLike<number>): Int32Array {
  const n = coords.length >> 1;
  const out = new Int32Array(n);
  const g = index.grid;
  const { west, south, east, north, cols, rows, colsPerDeg, rowsPerDeg } = g;
  const { answer, offsets, entries } = g;
  const features = index.zones.map((z) => z.feature);
  // Module constants copied to locals: the hot loop must not read them through a module
  // namespace (bundlers and Vite SSR turn imported bindings into property loads).
  const none = CELL_NONE;
  const test = CELL_TEST;
  const zone0 = CELL_ZONE0;
  const pt: [number, number] = [0, 0];
  for (let i = 0; i < n; i++) {
    const x = coords[2 * i]!;
    const y = coords[2 * i + 1]!;
    // Same arithmetic as `cellOf` in zone-grid.ts.
    if (!(x >= west && x <= east && y >= south && y <= north)) {
      out[i] = -1;
      continue;
    }
    let c = Math.floor((x - west) * colsPerDeg);
    let r = Math.floor((y - south) * rowsPerDeg);
    if (c >= cols) c = cols - 1;
    if (r >= rows) r = rows - 1;
    const cell = r * cols + c;
    const a = answer[cell]!;
    if (a !== test) {
      out[i] = a === none ? -1 : a - zone0;
      continue;
    }
    let found = -1;
    pt[0] = x;
    pt[1] = y;
    const end = offsets[cell + 1]!;
    for (let k = offsets[cell]!; k < end; k++) {
      const e = entries[k]!;
      if ((e & 1) === 0 || booleanPointInPolygon(pt, features[e >> 1]!)) {
        found = e >> 1;
        break;
      }
    }
    out[i] = found;
  }
  return out;
}

/**
 * Zone id (most specific) of each point, or null: the fast path for large point layers
 * (see {@link zoneIndexOfPoints}).
 *
 * @param coords longitude, latitude pairs interleaved, degrees
 */
export function zoneOfPoints(index: ZoneIndex, coords: ArrayLike<number>): (string | null)[] {
  const idx = zoneIndexOfPoints(index, coords);
  const ids = index.zones.map((z) => z.id);
  const out = new Array<string | null>(idx.length);
  for (let i = 0; i < idx.length; i++) {
    const zi = idx[i]!;
    out[i] = zi < 0 ? null : ids[zi]!;
  }
  return out;
}

/**
 * The naive reference: Turf `booleanPointInPolygon` of every point against every areal zone;
 * the smallest containing zone wins (equal areas: the earlier zone). Cost: points × zones ×
 * ring length.
 *
 * @param zones the same features given to `buildZoneIndex` (non-areal ones are ignored)
 * @param coords longitude, latitude pairs interleaved, degrees
 */
export function zoneOfPointsNaive(
  zones: readonly ZoneInput[],
  coords: ArrayLike<number>,
): (string | null)[] {
  const areal = zones.filter(isArealZone);
  const areas = areal.map((z) => areaKm2(z));
  const n = coords.length >> 1;
  const out = new Array<string | null>(n);
  const pt: [number, number] = [0, 0];
  for (let i = 0; i < n; i++) {
    pt[0] = coords[2 * i]!;
    pt[1] = coords[2 * i + 1]!;
    let best = -1;
    for (let j = 0; j < areal.length; j++) {
      if (booleanPointInPolygon(pt, areal[j]!) && (best < 0 || areas[j]! < areas[best]!)) best = j;
    }
    out[i] = best < 0 ? null : areal[best]!.properties.id;
  }
  return out;
}
