import Flatbush from 'flatbush';
import type { MultiPolygon, Polygon, Position } from 'geojson';

/**
 * Exact, indexed point-to-zone distances: the same numbers as Turf
 * `pointToPolygonDistance(pt, zone, { units: 'meters' })` (geodesic) for a point outside the
 * zone, found by visiting only the ring edges that can be nearest.
 *
 * Turf measures a point outside a polygon against the polygon's outer ring (holes only matter
 * to a point inside the outer ring) and a MultiPolygon as the least of its parts. The distance
 * to a ring is the least, over its edges, of the haversine distance to Turf's nearest point on
 * the edge's great-circle arc ({@link edgeDistanceDeg} copies `@turf/nearest-point-on-line`
 * 7.4 operation for operation, so each edge gives the same float). Only zones with holes are
 * not indexed here (a point may sit in a hole); callers measure those with Turf.
 *
 * Edge boxes are grown by a bound on how far the great-circle arc strays in latitude from its
 * end points, so every point of the arc lies in its edge's box. A query keeps edges whose box
 * meets the search box and computes exact distances in order of a proven lower bound (the
 * haversine distance to the box, underestimated), stopping when the bound passes the best.
 */
export interface ZoneEdges {
  /** Flatbush over the edges' grown boxes, degrees; null when no edge is indexed. */
  readonly tree: Flatbush | null;
  /** Per edge: a.lng, a.lat, b.lng, b.lat. */
  readonly ends: Float64Array;
  /** Per edge: grown box west, south, east, north. */
  readonly boxes: Float64Array;
  /** Per edge: index of its zone. */
  readonly zoneOf: Int32Array;
  /** Zones whose edges are not indexed (they have holes): measure them with Turf. */
  readonly unindexed: readonly number[];
  /** Largest |latitude| of any edge box, degrees. */
  readonly maxAbsLat: number;
}

const EARTH_RADIUS_M = 63710088e-1; // @turf/helpers earthRadius
const DEGREES_FACTOR = 360 / (2 * Math.PI); // @turf/helpers factors.degrees
const RAD = Math.PI / 180;
/** Relative slack of the lower bound; covers sin x ≥ x (1 − x²/24) up to ~50 km and rounding. */
const LB_SLACK = 1e-4;
/** Queries farther than this (metres) use the plain per-zone path. */
export const EDGE_INDEX_MAX_M = 50_000;

/** Zones given to {@link buildZoneEdges}: geometry only. */
export interface EdgeZone {
  readonly feature: { readonly geometry: Polygon | MultiPolygon };
}

/** Index the outer-ring edges of every zone without holes. */
export function buildZoneEdges(zones: readonly EdgeZone[]): ZoneEdges {
  const ends: number[] = [];
  const zoneOf: number[] = [];
  const unindexed: number[] = [];
  zones.forEach((z, zi) => {
    const g = z.feature.geometry;
    const polys: Position[][][] = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
    if (polys.some((p) => p.length > 1)) {
      unindexed.push(zi);
      return;
    }
    for (const poly of polys) {
      const ring = poly[0]!;
      for (let i = 0; i + 1 < ring.length; i++) {
        const a = ring[i]!;
        const b = ring[i + 1]!;
        ends.push(a[0]!, a[1]!, b[0]!, b[1]!);
        zoneOf.push(zi);
      }
    }
  });
  const n = zoneOf.length;
  const endsArr = Float64Array.from(ends);
  const boxes = new Float64Array(4 * n);
  let maxAbsLat = 0;
  const tree = n > 0 ? new Flatbush(n) : null;
  for (let k = 0; k < n; k++) {
    const ax = endsArr[4 * k]!;
    const ay = endsArr[4 * k + 1]!;
    const bx = endsArr[4 * k + 2]!;
    const by = endsArr[4 * k + 3]!;
    // A great-circle arc keeps its longitude between its ends (arcs under 180°) but bows
    // poleward; the bow is under (angular length)² / 8 radians. Grow by twice that plus 1e-9°.
    let dLng = Math.abs(bx - ax);
    if (dLng > 180) dLng = 360 - dLng;
    const lenRad = (Math.abs(by - ay) + dLng) * RAD;
    const grow = (lenRad * lenRad) / 4 / RAD + 1e-9;
    const w = Math.min(ax, bx);
    const e = Math.max(ax, bx);
    const s = Math.min(ay, by) - grow;
    const nn = Math.max(ay, by) + grow;
    boxes[4 * k] = w;
    boxes[4 * k + 1] = s;
    boxes[4 * k + 2] = e;
    boxes[4 * k + 3] = nn;
    maxAbsLat = Math.max(maxAbsLat, Math.abs(s), Math.abs(nn));
    tree!.add(w, s, e, nn);
  }
  tree?.finish();
  return { tree, ends: endsArr, boxes, zoneOf: Int32Array.from(zoneOf), unindexed, maxAbsLat };
}

// ---------------------------------------------------------------------------------------
// Turf 7.4 arithmetic, copied operation for operation (helpers, distance, nearest-point-on-line).

function degreesToRadians(degrees: number): number {
  const normalisedDegrees = degrees % 360;
  return (normalisedDegrees * Math.PI) / 180;
}

function radiansToDegrees(radians: number): number {
  const normalisedRadians = radians % (2 * Math.PI);
  return (normalisedRadians * 180) / Math.PI;
}

/** `@turf/distance` in degrees. */
function distanceDeg(x1: number, y1: number, x2: number, y2: number): number {
  const dLat = degreesToRadians(y2 - y1);
  const dLon = degreesToRadians(x2 - x1);
  const lat1 = degreesToRadians(y1);
  const lat2 = degreesToRadians(y2);
  const a = Math.sin(dLat / 2) ** 2 + Math.sin(dLon / 2) ** 2 * Math.cos(lat1) * Math.cos(lat2);
  return 2 * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a)) * DEGREES_FACTOR;
}

function magnitude(x: number, y: number, z: number): number {
  return Math.sqrt(x ** 2 + y ** 2 + z ** 2);
}

/**
 * Distance in degrees from point p to edge a–b, as `@turf/point-to-line-distance` (geodesic)
 * computes it for a two-position line: haversine distance to Turf's nearest point on the arc.
 */
export function edgeDistanceDeg(
  px: number,
  py: number,
  ax: number,
  ay: number,
  bx: number,
  by: number,
): number {
  if (bx === px && by === py) return distanceDeg(px, py, bx, by);
  if (ax === px && ay === py) return distanceDeg(px, py, ax, ay);
  // lngLatToVector
  let lat = degreesToRadians(ay);
  let lng = degreesToRadians(ax);
  const Ax = Math.cos(lat) * Math.cos(lng);
  const Ay = Math.cos(lat) * Math.sin(lng);
  const Az = Math.sin(lat);
  lat = degreesToRadians(by);
  lng = degreesToRadians(bx);
  const Bx = Math.cos(lat) * Math.cos(lng);
  const By = Math.cos(lat) * Math.sin(lng);
  const Bz = Math.sin(lat);
  lat = degreesToRadians(py);
  lng = degreesToRadians(px);
  const Cx = Math.cos(lat) * Math.cos(lng);
  const Cy = Math.cos(lat) * Math.sin(lng);
  const Cz = Math.sin(lat);
  // segmentAxis = A × B
  const Sx = Ay * Bz - Az * By;
  const Sy = Az * Bx - Ax * Bz;
  const Sz = Ax * By - Ay * Bx;
  if (Sx === 0 && Sy === 0 && Sz === 0) {
    if (Ax * Bx + Ay * By + Az * Bz > 0) return distanceDeg(px, py, bx, by);
    return distanceDeg(px, py, px, py);
  }
  // targetAxis = S × C
  const Tx = Sy * Cz - Sz * Cy;
  const Ty = Sz * Cx - Sx * Cz;
  const Tz = Sx * Cy - Sy * Cx;
  if (Tx === 0 && Ty === 0 && Tz === 0) return distanceDeg(px, py, bx, by);
  // intersectionAxis = T × S, normalised
  const Ix0 = Ty * Sz - Tz * Sy;
  const Iy0 = Tz * Sx - Tx * Sz;
  const Iz0 = Tx * Sy - Ty * Sx;
  const im = magnitude(Ix0, Iy0, Iz0);
  const I1x = Ix0 / im;
  const I1y = Iy0 / im;
  const I1z = Iz0 / im;
  const I2x = -I1x;
  const I2y = -I1y;
  const I2z = -I1z;
  const useI1 = Cx * I1x + Cy * I1y + Cz * I1z > Cx * I2x + Cy * I2y + Cz * I2z;
  const Ix = useI1 ? I1x : I2x;
  const Iy = useI1 ? I1y : I2y;
  const Iz = useI1 ? I1z : I2z;
  const sm = magnitude(Sx, Sy, Sz);
  const Nx = Sx / sm;
  const Ny = Sy / sm;
  const Nz = Sz / sm;
  // cmpAI = (A × I) · N, cmpIB = (I × B) · N
  const cmpAI = (Ay * Iz - Az * Iy) * Nx + (Az * Ix - Ax * Iz) * Ny + (Ax * Iy - Ay * Ix) * Nz;
  const cmpIB = (Iy * Bz - Iz * By) * Nx + (Iz * Bx - Ix * Bz) * Ny + (Ix * By - Iy * Bx) * Nz;
  if (cmpAI >= 0 && cmpIB >= 0) {
    // vectorToLngLat
    const zClamp = Math.min(Math.max(Iz, -1), 1);
    const ilat = radiansToDegrees(Math.asin(zClamp));
    const ilng = radiansToDegrees(Math.atan2(Iy, Ix));
    return distanceDeg(px, py, ilng, ilat);
  }
  if (Ax * Cx + Ay * Cy + Az * Cz > Bx * Cx + By * Cy + Bz * Cz) return distanceDeg(px, py, ax, ay);
  return distanceDeg(px, py, bx, by);
}

/** Turf `convertLength(d, 'degrees', 'meters')`. */
export function degreesToMetres(d: number): number {
  return (d / DEGREES_FACTOR) * EARTH_RADIUS_M;
}

// ---------------------------------------------------------------------------------------

/**
 * Least edge distance, in degrees, from a point to each zone that has an edge within the
 * search box and could be nearest: on return `out` maps zone index → distance (degrees) for
 * every zone whose distance could equal the minimum; other zones may be absent or carry their
 * true distance. The minimum over `out` is the exact minimum over all indexed zones whose
 * nearest edge point lies in the box.
 *
 * @param box west, south, east, north of the search box, degrees
 * @param zoneOk zones allowed (by the caller's own box test); others are skipped
 */
export function nearestEdges(
  edges: ZoneEdges,
  px: number,
  py: number,
  box: readonly [number, number, number, number],
  zoneOk: (zi: number) => boolean,
  out: Map<number, number>,
  scratch: { ids: number[]; lb: number[] },
): void {
  out.clear();
  const tree = edges.tree;
  if (!tree) return;
  const { ids, lb } = scratch;
  ids.length = 0;
  lb.length = 0;
  const boxes = edges.boxes;
  const zoneOf = edges.zoneOf;
  const maxLat = Math.min(89.9, Math.max(Math.abs(py), edges.maxAbsLat));
  // cos φ1 cos φ2 ≥ c² for both latitudes within maxLat.
  const c = Math.cos(maxLat * RAD);
  const shrink = 1 - LB_SLACK;
  let firstK = -1;
  let firstLb = Number.POSITIVE_INFINITY;
  tree.search(box[0], box[1], box[2], box[3], (k) => {
    if (!zoneOk(zoneOf[k]!)) return false;
    const dx = Math.max(boxes[4 * k]! - px, px - boxes[4 * k + 2]!, 0);
    const dy = Math.max(boxes[4 * k + 1]! - py, py - boxes[4 * k + 3]!, 0);
    // Lower bound of the haversine distance to the box, in degrees of arc.
    const bound = Math.sqrt(dy * dy + c * c * dx * dx) * shrink;
    if (bound < firstLb) {
      firstLb = bound;
      firstK = ids.length;
    }
    ids.push(k);
    lb.push(bound);
    return false;
  });
  if (firstK < 0) return;
  const ends = edges.ends;
  const exact = (k: number): number =>
    edgeDistanceDeg(px, py, ends[4 * k]!, ends[4 * k + 1]!, ends[4 * k + 2]!, ends[4 * k + 3]!);
  const k0 = ids[firstK]!;
  let best = exact(k0);
  out.set(zoneOf[k0]!, best);
  for (let j = 0; j < ids.length; j++) {
    if (j === firstK || lb[j]! > best) continue;
    const k = ids[j]!;
    const d = exact(k);
    const zi = zoneOf[k]!;
    const prev = out.get(zi);
    if (prev === undefined || d < prev) out.set(zi, d);
    if (d < best) best = d;
  }
}
