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
 * end points, so every point of the arc lies in its edge's box. A query takes its candidate
 * edges from a grid built once per reach (each cell lists the edges whose box meets the search
 * box of some point of the cell), keeps those whose box meets the point's own search box, and
 * computes exact distances only where a proven lower bound (the haversine distance to the edge's
 * box, underestimated) does not pass the best distance found so far.
 *
 * If `@turf/*` is upgraded and changes that arithmetic, tests/analysis/zone-edges.test.ts (the
 * edge distance against Turf's, bit for bit) fails.
 */
export interface ZoneEdges {
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
  }
  return { ends: endsArr, boxes, zoneOf: Int32Array.from(zoneOf), unindexed, maxAbsLat };
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
// biome-ignore lint/complexity/noExcessiveCognitiveComplexity: a step-by-step transcription of Turf's arc distance (lngLatToVector, the cross products, vectorToLngLat), kept in Turf's order so it matches Turf to the last bit; runs per candidate edge per point
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

/** Metres per degree of latitude on Turf's sphere (radius 6,371,008.8 m). */
const M_PER_DEG = (6_371_008.8 * Math.PI) / 180;

/**
 * Half-height and half-width, degrees, of the box searched around a point at latitude `lat`
 * (or the union of a line's points, `lat` its largest |latitude|) for zones within `withinM`
 * metres: d / M_PER_DEG degrees of latitude (+1 %), that over cos(latitude) of longitude.
 */
export function searchMargins(
  withinM: number,
  lat: number,
  out: [number, number],
): [number, number] {
  const dLat = (withinM / M_PER_DEG) * 1.01;
  const maxAbsLat = Math.min(89.9, lat + dLat);
  out[0] = dLat;
  out[1] = Math.min(360, dLat / Math.cos((maxAbsLat * Math.PI) / 180));
  return out;
}

/**
 * Edges within reach of each cell of a grid: every edge whose box meets the search box of some
 * point of the cell. Built once per reach, on first use.
 */
interface ReachGrid {
  readonly west: number;
  readonly south: number;
  readonly east: number;
  readonly north: number;
  readonly cols: number;
  readonly rows: number;
  readonly colsPerDeg: number;
  readonly rowsPerDeg: number;
  readonly offsets: Uint32Array;
  readonly entries: Int32Array;
  /** Most candidates in any cell. */
  readonly most: number;
}

const MAX_REACH_CELLS = 1 << 20;
const reachGrids = new WeakMap<ZoneEdges, Map<number, ReachGrid>>();

/** West, south, east, north around `n` boxes stored 4 numbers each. */
function boxesExtent(boxes: Float64Array, n: number): [number, number, number, number] {
  let w = Number.POSITIVE_INFINITY;
  let s = Number.POSITIVE_INFINITY;
  let e = Number.NEGATIVE_INFINITY;
  let nn = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < n; k++) {
    w = Math.min(w, boxes[4 * k]!);
    s = Math.min(s, boxes[4 * k + 1]!);
    e = Math.max(e, boxes[4 * k + 2]!);
    nn = Math.max(nn, boxes[4 * k + 3]!);
  }
  return [w, s, e, nn];
}

function reachGrid(edges: ZoneEdges, withinM: number): ReachGrid {
  let byReach = reachGrids.get(edges);
  if (!byReach) {
    byReach = new Map();
    reachGrids.set(edges, byReach);
  }
  const hit = byReach.get(withinM);
  if (hit) return hit;
  const out = buildReachGrid(edges, withinM);
  byReach.set(withinM, out);
  return out;
}

/** The reach grid's cells and how far an edge box reaches into them. */
interface ReachLayout {
  west: number;
  south: number;
  cols: number;
  rows: number;
  colsPerDeg: number;
  rowsPerDeg: number;
  gLng: number;
  gLat: number;
}

/** Calls `f` for every cell that edge `k`'s box, grown by the reach, may touch. */
function forEachReachCell(
  g: ReachLayout,
  boxes: Float64Array,
  k: number,
  f: (cell: number) => void,
): void {
  const c0 = Math.max(0, Math.floor((boxes[4 * k]! - g.gLng - g.west) * g.colsPerDeg) - 1);
  const c1 = Math.min(
    g.cols - 1,
    Math.floor((boxes[4 * k + 2]! + g.gLng - g.west) * g.colsPerDeg) + 1,
  );
  const r0 = Math.max(0, Math.floor((boxes[4 * k + 1]! - g.gLat - g.south) * g.rowsPerDeg) - 1);
  const r1 = Math.min(
    g.rows - 1,
    Math.floor((boxes[4 * k + 3]! + g.gLat - g.south) * g.rowsPerDeg) + 1,
  );
  for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) f(r * g.cols + c);
}

function buildReachGrid(edges: ZoneEdges, withinM: number): ReachGrid {
  const boxes = edges.boxes;
  const n = edges.zoneOf.length;
  let [w, s, e, nn] = boxesExtent(boxes, n);
  // Any point whose search box meets an edge box lies within (gLat, gLng) of that box: a point
  // within reach is at most maxAbsLat + dLat from the equator, so its dLng is at most gLng.
  const [dLat] = searchMargins(withinM, 0, [0, 0]);
  const gLat = dLat * 1.001 + 1e-9;
  const gLng = searchMargins(withinM, edges.maxAbsLat + dLat, [0, 0])[1] * 1.001 + 1e-9;
  w -= gLng;
  e += gLng;
  s -= gLat;
  nn += gLat;
  const side = Math.sqrt(((e - w) * (nn - s)) / MAX_REACH_CELLS);
  const cellW = Math.max(gLng / 2, side, 1e-12);
  const cellH = Math.max(gLat / 2, side, 1e-12);
  const cols = Math.max(1, Math.ceil((e - w) / cellW));
  const rows = Math.max(1, Math.ceil((nn - s) / cellH));
  const colsPerDeg = cols / (e - w || 1);
  const rowsPerDeg = rows / (nn - s || 1);
  const layout: ReachLayout = { west: w, south: s, cols, rows, colsPerDeg, rowsPerDeg, gLng, gLat };
  const counts = new Uint32Array(cols * rows + 1);
  for (let k = 0; k < n; k++) {
    forEachReachCell(layout, boxes, k, (cell) => {
      counts[cell]!++;
    });
  }
  const offsets = new Uint32Array(cols * rows + 1);
  let most = 0;
  for (let i = 0; i < cols * rows; i++) {
    offsets[i + 1] = offsets[i]! + counts[i]!;
    most = Math.max(most, counts[i]!);
  }
  const fill = offsets.slice(0, cols * rows);
  const entries = new Int32Array(offsets[cols * rows]!);
  for (let k = 0; k < n; k++) {
    forEachReachCell(layout, boxes, k, (cell) => {
      entries[fill[cell]!++] = k;
    });
  }
  const grid = { west: w, south: s, east: e, north: nn, cols, rows, colsPerDeg, rowsPerDeg };
  return { ...grid, offsets, entries, most };
}

/** Where {@link nearestEdges} writes: per zone reached, its least edge distance found. */
export interface EdgeHits {
  /** Zone indices reached, `count` of them. */
  zones: Int32Array;
  count: number;
  /** Per zone index: least distance found, degrees of arc; +∞ for zones not reached. */
  deg: Float64Array;
  /** Scratch: candidate edges and their lower bounds. */
  ids: Int32Array;
  lb: Float64Array;
}

/** Scratch for {@link nearestEdges} sized for `zoneCount` zones. */
export function edgeHits(zoneCount: number): EdgeHits {
  return {
    zones: new Int32Array(zoneCount),
    count: 0,
    deg: new Float64Array(zoneCount).fill(Number.POSITIVE_INFINITY),
    ids: new Int32Array(16),
    lb: new Float64Array(16),
  };
}

/** Forget the previous query's zones. */
export function clearEdgeHits(hits: EdgeHits): void {
  for (let j = 0; j < hits.count; j++) hits.deg[hits.zones[j]!] = Number.POSITIVE_INFINITY;
  hits.count = 0;
}

/**
 * Least edge distance, degrees of arc, from a point to the zones whose edges could be nearest.
 * Candidates: edges (from the reach grid) whose box meets the search `box` and whose zone's box
 * (`zoneBoxes`, 4 per zone) meets it too. Exact distances are computed in order of a proven
 * lower bound, first the least bound, then every edge whose bound does not pass the best so
 * far: every zone whose distance equals the least distance over the candidates gets its exact
 * value in `hits`; other zones may be absent or carry a larger value.
 *
 * @param box west, south, east, north of the point's search box (see {@link searchMargins})
 */
// biome-ignore lint/complexity/noExcessiveCognitiveComplexity: the per-point nearest-edge search (candidate gathering and bounded exact distances over reused typed arrays), one function so the hot loop allocates nothing
export function nearestEdges(
  edges: ZoneEdges,
  zoneBoxes: Float64Array,
  withinM: number,
  px: number,
  py: number,
  box: readonly [number, number, number, number],
  hits: EdgeHits,
): void {
  clearEdgeHits(hits);
  if (edges.zoneOf.length === 0) return;
  const g = reachGrid(edges, withinM);
  if (!(px >= g.west && px <= g.east && py >= g.south && py <= g.north)) return;
  let c = Math.floor((px - g.west) * g.colsPerDeg);
  let r = Math.floor((py - g.south) * g.rowsPerDeg);
  if (c >= g.cols) c = g.cols - 1;
  if (r >= g.rows) r = g.rows - 1;
  const cell = r * g.cols + c;
  const start = g.offsets[cell]!;
  const end = g.offsets[cell + 1]!;
  if (start === end) return;
  if (hits.ids.length < g.most) {
    hits.ids = new Int32Array(g.most);
    hits.lb = new Float64Array(g.most);
  }
  const { ids, lb } = hits;
  const boxes = edges.boxes;
  const zoneOf = edges.zoneOf;
  const entries = g.entries;
  const [bw, bs, be, bn] = box;
  const maxLat = Math.min(89.9, Math.max(Math.abs(py), edges.maxAbsLat));
  // cos φ1 cos φ2 ≥ c² for both latitudes within maxLat.
  const cosLat = Math.cos(maxLat * RAD);
  const c2 = cosLat * cosLat;
  const shrink = 1 - LB_SLACK;
  let m = 0;
  let firstK = -1;
  let firstLb = Number.POSITIVE_INFINITY;
  for (let q = start; q < end; q++) {
    const k = entries[q]!;
    const x0 = boxes[4 * k]!;
    const y0 = boxes[4 * k + 1]!;
    const x1 = boxes[4 * k + 2]!;
    const y1 = boxes[4 * k + 3]!;
    if (x0 > be || y0 > bn || x1 < bw || y1 < bs) continue;
    const zi = zoneOf[k]!;
    if (
      zoneBoxes[4 * zi]! > be ||
      zoneBoxes[4 * zi + 1]! > bn ||
      zoneBoxes[4 * zi + 2]! < bw ||
      zoneBoxes[4 * zi + 3]! < bs
    ) {
      continue;
    }
    const dx = Math.max(x0 - px, px - x1, 0);
    const dy = Math.max(y0 - py, py - y1, 0);
    // Lower bound of the haversine distance to the box, in degrees of arc.
    const bound = Math.sqrt(dy * dy + c2 * dx * dx) * shrink;
    if (bound < firstLb) {
      firstLb = bound;
      firstK = m;
    }
    ids[m] = k;
    lb[m] = bound;
    m++;
  }
  if (firstK < 0) return;
  const ends = edges.ends;
  const deg = hits.deg;
  const k0 = ids[firstK]!;
  let best = edgeDistanceDeg(
    px,
    py,
    ends[4 * k0]!,
    ends[4 * k0 + 1]!,
    ends[4 * k0 + 2]!,
    ends[4 * k0 + 3]!,
  );
  hits.zones[hits.count++] = zoneOf[k0]!;
  deg[zoneOf[k0]!] = best;
  for (let j = 0; j < m; j++) {
    if (j === firstK || lb[j]! > best) continue;
    const k = ids[j]!;
    const d = edgeDistanceDeg(
      px,
      py,
      ends[4 * k]!,
      ends[4 * k + 1]!,
      ends[4 * k + 2]!,
      ends[4 * k + 3]!,
    );
    const zi = zoneOf[k]!;
    const prev = deg[zi]!;
    if (prev === Number.POSITIVE_INFINITY) hits.zones[hits.count++] = zi;
    if (d < prev) deg[zi] = d;
    if (d < best) best = d;
  }
}
