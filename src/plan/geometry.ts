/**
 * Geometry checks of one feature, in the order a data author would fix them: structure
 * (types, nesting, numbers), rings and lines, ranges (and swapped longitude/latitude), the plan's
 * extent, then — on a structurally sound geometry — the datum conversion, geojson-validation,
 * RFC 7946 winding (fixed) and self-intersections (Turf `kinks`).
 *
 * Never throws: the first problem is returned as data.
 */
import { booleanClockwise } from '@turf/boolean-clockwise';
import { kinks } from '@turf/kinks';
import type { Geometry, Position } from 'geojson';
import gjv from 'geojson-validation';
import { toWgs84 } from './datum.js';
import { isRecord } from './guards.js';
import type { IssueCode } from './issues.js';
import { MESSAGES, type Msg } from './messages.js';
import type { Datum } from './types.js';

export type BBox = [number, number, number, number];

/** Nesting depth of positions in `coordinates`, per supported geometry type. */
const DEPTH: ReadonlyMap<string, number> = new Map([
  ['Point', 0],
  ['MultiPoint', 1],
  ['LineString', 1],
  ['MultiLineString', 2],
  ['Polygon', 2],
  ['MultiPolygon', 3],
]);

export interface GeometryProblem {
  ok: false;
  code: IssueCode;
  /** From the catalogue (`messages.ts`). */
  msg: Msg;
  /** Path inside the feature, e.g. `geometry.coordinates[0][3]`. */
  path: string;
  /** Bounds of the geometry when its coordinates are usable (for "show me where"). */
  bbox?: BBox;
}

export interface GeometryOk {
  ok: true;
  geometry: Geometry;
  /** Bounds in WGS84 after any datum conversion. */
  bbox: BBox;
  vertexCount: number;
  /** Rings that were rewound to RFC 7946 order (paths), empty when none. */
  rewound: string[];
}

export type GeometryResult = GeometryOk | GeometryProblem;

export interface GeometryContext {
  /** Plan bbox grown by the extent margin; null when the manifest has no usable bbox. */
  extent: BBox | null;
  datum: Datum;
  maxVertices: number;
}

interface Located {
  p: number[];
  path: string;
}

const fail = (code: IssueCode, path: string, msg: Msg, bbox?: BBox): GeometryProblem => ({
  ok: false,
  code,
  msg,
  path,
  ...(bbox ? { bbox } : {}),
});

function isProblem(v: unknown): v is GeometryProblem {
  return typeof v === 'object' && v !== null && (v as { ok?: unknown }).ok === false;
}

class Stop {
  constructor(readonly problem: GeometryProblem) {}
}

/** A position: an array of 2 or 3 finite numbers (else the problem). */
function positionProblem(node: unknown, at: string): GeometryProblem | null {
  if (!Array.isArray(node) || node.length < 2 || node.length > 3) {
    return fail('bad-position', at, MESSAGES.badPosition(at, node));
  }
  for (let k = 0; k < node.length; k++) {
    const v: unknown = node[k];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      return fail('non-numeric-coordinate', `${at}[${k}]`, MESSAGES.notANumber(`${at}[${k}]`, v));
    }
  }
  return null;
}

/**
 * Walks `coordinates` to the expected depth, checking arrays and positions; returns the
 * positions with their paths (or the first structural problem).
 */
function positionsOf(
  coords: unknown,
  depth: number,
  path: string,
  maxVertices: number,
): Located[] | GeometryProblem {
  const out: Located[] = [];
  const walk = (node: unknown, d: number, at: string): void => {
    if (d === 0) {
      const problem = positionProblem(node, at);
      if (problem) throw new Stop(problem);
      out.push({ p: node as number[], path: at });
      if (out.length > maxVertices) {
        throw new Stop(
          fail('too-many-vertices', path, MESSAGES.tooManyFeatureVertices(maxVertices)),
        );
      }
      return;
    }
    if (!Array.isArray(node)) {
      throw new Stop(fail('invalid-geojson', at, MESSAGES.mustBeArray(at, node)));
    }
    for (let k = 0; k < node.length; k++) walk(node[k], d - 1, `${at}[${k}]`);
  };
  try {
    walk(coords, depth, path);
  } catch (e) {
    if (e instanceof Stop) return e.problem;
    // Only a stack overflow could get here (a pathological nesting); report, never throw.
    return fail('invalid-geojson', path, MESSAGES.nestedTooDeep(path));
  }
  return out;
}

const same = (a: number[], b: number[]) => a[0] === b[0] && a[1] === b[1];

/** Positions with consecutive duplicates removed (they are harmless, but confuse `kinks`). */
function dedupe(ring: number[][]): number[][] {
  const out: number[][] = [];
  for (const p of ring) if (out.length === 0 || !same(out[out.length - 1]!, p)) out.push(p);
  return out;
}

interface Ring {
  ring: number[][];
  path: string;
  hole: boolean;
}
interface Line {
  line: number[][];
  path: string;
}

const NO_RINGS: readonly Ring[] = [];
const NO_LINES: readonly Line[] = [];

/** Rings of a structurally valid Polygon or MultiPolygon, with paths. */
function ringsOf(type: string, coords: unknown): readonly Ring[] {
  if (type === 'Polygon') return polygonRings(coords as number[][][], 'geometry.coordinates');
  if (type !== 'MultiPolygon') return NO_RINGS;
  return (coords as number[][][][]).flatMap((poly, i) =>
    polygonRings(poly, `geometry.coordinates[${i}]`),
  );
}

function polygonRings(poly: number[][][], at: string): Ring[] {
  return poly.map((ring, r) => ({ ring, path: `${at}[${r}]`, hole: r > 0 }));
}

/** Lines of a structurally valid LineString or MultiLineString, with paths. */
function linesOf(type: string, coords: unknown): readonly Line[] {
  if (type === 'LineString') return [{ line: coords as number[][], path: 'geometry.coordinates' }];
  if (type !== 'MultiLineString') return NO_LINES;
  return (coords as number[][][]).map((line, i) => ({ line, path: `geometry.coordinates[${i}]` }));
}

function boundsOf(points: Located[]): BBox {
  let w = Number.POSITIVE_INFINITY;
  let s = Number.POSITIVE_INFINITY;
  let e = Number.NEGATIVE_INFINITY;
  let n = Number.NEGATIVE_INFINITY;
  for (const { p } of points) {
    const [x, y] = p as [number, number];
    if (x < w) w = x;
    if (x > e) e = x;
    if (y < s) s = y;
    if (y > n) n = y;
  }
  return [w, s, e, n];
}

const inRange = (x: number, y: number) => x >= -180 && x <= 180 && y >= -90 && y <= 90;
const inBox = (x: number, y: number, b: BBox) => x >= b[0] && x <= b[2] && y >= b[1] && y <= b[3];

function mapCoords(node: unknown, depth: number, f: (p: number[]) => number[]): unknown {
  if (depth === 0) return f(node as number[]);
  return (node as unknown[]).map((c) => mapCoords(c, depth - 1, f));
}

// --- The rules, in the order a data author would fix the problems.

interface Shape {
  type: string;
  depth: number;
  coordinates: unknown[];
}

/** The geometry is an object with a supported `type`. */
function typeRule(
  geometry: unknown,
): { g: Record<string, unknown>; type: string; depth: number } | GeometryProblem {
  if (geometry === null || geometry === undefined) {
    return fail('empty-geometry', 'geometry', MESSAGES.nullGeometry());
  }
  if (typeof geometry !== 'object' || Array.isArray(geometry)) {
    return fail('invalid-geojson', 'geometry', MESSAGES.mustBeObject('geometry', geometry));
  }
  const g = geometry as Record<string, unknown>;
  if (typeof g.type !== 'string') {
    return fail('invalid-geojson', 'geometry.type', MESSAGES.mustBeString('geometry.type', g.type));
  }
  const depth = DEPTH.get(g.type);
  if (depth === undefined) {
    return fail('unknown-geometry-type', 'geometry.type', MESSAGES.unknownGeometryType(g.type));
  }
  return { g, type: g.type, depth };
}

/** `coordinates` is a non-empty array (and no polygon of a MultiPolygon is empty). */
function coordinatesRule(
  g: Record<string, unknown>,
  type: string,
  depth: number,
): Shape | GeometryProblem {
  const at = 'geometry.coordinates';
  const c = g.coordinates;
  if (c === undefined || c === null)
    return fail('empty-geometry', at, MESSAGES.noCoordinates(type));
  if (!Array.isArray(c)) return fail('invalid-geojson', at, MESSAGES.mustBeArray(at, c));
  if (depth > 0 && c.length === 0) {
    return fail('empty-geometry', at, MESSAGES.emptyCoordinates(type));
  }
  const k = type === 'MultiPolygon' ? c.findIndex((p) => Array.isArray(p) && p.length === 0) : -1;
  if (k >= 0) return fail('empty-geometry', `${at}[${k}]`, MESSAGES.polygonWithoutRings(k));
  return { type, depth, coordinates: c };
}

/** Rings closed, with at least 4 distinct positions. */
function ringRule({ ring, path }: Ring): GeometryProblem | null {
  if (ring.length === 0) return fail('too-few-positions', path, MESSAGES.emptyRing(path));
  const first = ring[0]!;
  const last = ring[ring.length - 1]!;
  if (!same(first, last))
    return fail('unclosed-ring', path, MESSAGES.unclosedRing(path, first, last));
  const distinct = dedupe(ring).length;
  if (ring.length < 4 || distinct < 4) {
    return fail('too-few-positions', path, MESSAGES.fewRingPositions(path, distinct));
  }
  return null;
}

/** Lines with at least 2 distinct positions. */
function lineRule({ line, path }: Line): GeometryProblem | null {
  return dedupe(line).length < 2
    ? fail('too-few-positions', path, MESSAGES.fewLinePositions(path))
    : null;
}

function firstProblem<T>(
  parts: readonly T[],
  rule: (part: T) => GeometryProblem | null,
): GeometryProblem | null {
  for (const part of parts) {
    const problem = rule(part);
    if (problem) return problem;
  }
  return null;
}

/** Every position, swapped, would be valid (and inside the extent when there is one). */
function swappedFits(located: Located[], extent: BBox | null): boolean {
  return located.every(({ p }) => {
    const [x, y] = p as [number, number];
    return inRange(y, x) && (extent ? inBox(y, x, extent) : true);
  });
}

function swapped(located: Located[], inPlan: boolean): GeometryProblem {
  const first = located[0]!;
  return fail('lonlat-swapped', first.path, MESSAGES.lonLatSwapped(first.p, inPlan));
}

/** Longitudes within ±180°, latitudes within ±90° (or all of them swapped). */
function rangeRule(located: Located[], extent: BBox | null): GeometryProblem | null {
  const bad = located.find(({ p }) => !inRange(p[0]!, p[1]!));
  if (!bad) return null;
  if (swappedFits(located, extent)) return swapped(located, extent !== null);
  const [x, y] = bad.p as [number, number];
  return x < -180 || x > 180
    ? fail('lon-out-of-range', bad.path, MESSAGES.lonOutOfRange(x, bad.path))
    : fail('lat-out-of-range', bad.path, MESSAGES.latOutOfRange(y, bad.path));
}

/** Every position inside the plan's extent (or all of them swapped). */
function extentRule(located: Located[], extent: BBox | null): GeometryProblem | null {
  if (!extent) return null;
  const outside = located.find(({ p }) => !inBox(p[0]!, p[1]!, extent));
  if (!outside) return null;
  if (swappedFits(located, extent)) return swapped(located, true);
  const msg = MESSAGES.outsideExtent(outside.p, outside.path, extent);
  return fail('outside-extent', outside.path, msg, boundsOf(located));
}

/** The coordinates in WGS84, with their positions (converted on a structurally sound geometry). */
function toWgs84Coordinates(shape: Shape, located: Located[], datum: Datum) {
  if (datum === 'WGS84') return { coordinates: shape.coordinates as unknown, converted: located };
  const coordinates = mapCoords(shape.coordinates, shape.depth, (p) => toWgs84(p, datum));
  const converted: Located[] = [];
  const collect = (node: unknown, d: number) => {
    if (d === 0) converted.push({ p: node as number[], path: '' });
    else for (const c of node as unknown[]) collect(c, d - 1);
  };
  collect(coordinates, shape.depth);
  return { coordinates, converted };
}

/** Anything else geojson-validation objects to (it throws on some hostile inputs: caught). */
function geojsonRule(out: Geometry, bbox: BBox): GeometryProblem | null {
  let errors: string[];
  try {
    const r: unknown = gjv.valid(out, true);
    errors = Array.isArray(r) ? r.map(String) : [];
  } catch (e) {
    errors = [String(e)];
  }
  if (errors.length === 0) return null;
  return fail(
    'invalid-geojson',
    'geometry',
    MESSAGES.invalidGeoJson(errors.join('; ').slice(0, 200)),
    bbox,
  );
}

/**
 * RFC 7946 §3.1.6: outer rings counter-clockwise, holes clockwise. Rings against it are
 * reversed in a copy (the caller's arrays are never touched); returns their paths.
 */
function rewind(out: Geometry & { coordinates: unknown }, depth: number): string[] {
  const rewound = ringsOf(out.type, out.coordinates)
    .filter((r) => booleanClockwise(r.ring as Position[]) !== r.hole)
    .map((r) => r.path);
  if (rewound.length === 0) return rewound;
  const copy = mapCoords(out.coordinates, depth, (p) => [...p]);
  const toRewind = new Set(rewound);
  for (const r of ringsOf(out.type, copy)) if (toRewind.has(r.path)) r.ring.reverse();
  out.coordinates = copy;
  return rewound;
}

/** Polygons do not cross or touch themselves (consecutive duplicate positions are ignored). */
function kinksRule(out: Geometry & { coordinates: unknown }, bbox: BBox): GeometryProblem | null {
  if (out.type !== 'Polygon' && out.type !== 'MultiPolygon') return null;
  const single = out.type === 'Polygon';
  const polys = single ? [out.coordinates as number[][][]] : (out.coordinates as number[][][][]);
  for (let i = 0; i < polys.length; i++) {
    let at: number[] | null;
    try {
      at = selfIntersection(polys[i]!.map(dedupe));
    } catch (e) {
      return fail(
        'invalid-geojson',
        'geometry',
        MESSAGES.kinksFailed(String(e).slice(0, 120)),
        bbox,
      );
    }
    if (at) {
      const path = single ? 'geometry.coordinates' : `geometry.coordinates[${i}]`;
      return fail('self-intersection', path, MESSAGES.selfIntersection(path, at), bbox);
    }
  }
  return null;
}

/** Structure: a supported type, coordinates nested as it says, positions of finite numbers. */
function structure(
  geometry: unknown,
  maxVertices: number,
): { shape: Shape; located: Located[] } | GeometryProblem {
  const typed = typeRule(geometry);
  if (isProblem(typed)) return typed;
  const shape = coordinatesRule(typed.g, typed.type, typed.depth);
  if (isProblem(shape)) return shape;
  const located = positionsOf(shape.coordinates, shape.depth, 'geometry.coordinates', maxVertices);
  if (isProblem(located)) return located;
  return { shape, located };
}

/**
 * A WGS84 Point whose 2 or 3 finite numbers lie in range (and inside the extent): the result
 * {@link checkGeometry}'s rules give it, without walking them. Most features of a large item
 * layer are such points; anything else (null here) goes through every rule.
 */
function plainPoint(geometry: unknown, ctx: GeometryContext): GeometryOk | null {
  if (ctx.datum !== 'WGS84' || ctx.maxVertices < 1) return null;
  if (typeof geometry !== 'object' || geometry === null) return null;
  const g = geometry as { type?: unknown; coordinates?: unknown };
  const c = g.coordinates;
  if (g.type !== 'Point' || !Array.isArray(c) || (c.length !== 2 && c.length !== 3)) return null;
  const [x, y, z] = c as unknown[];
  if (typeof x !== 'number' || typeof y !== 'number' || !inRange(x, y)) return null;
  if (c.length === 3 && !(typeof z === 'number' && Number.isFinite(z))) return null;
  if (ctx.extent && !inBox(x, y, ctx.extent)) return null;
  const out = { type: 'Point', coordinates: c } as Geometry;
  return { ok: true, geometry: out, bbox: [x, y, x, y], vertexCount: 1, rewound: [] };
}

/** Checks one feature's geometry; returns the usable (possibly converted, rewound) geometry. */
export function checkGeometry(geometry: unknown, ctx: GeometryContext): GeometryResult {
  return plainPoint(geometry, ctx) ?? checkGeometryByRules(geometry, ctx);
}

/** {@link checkGeometry} rule by rule, for every geometry (exported for the tests of the shortcut). */
export function checkGeometryByRules(geometry: unknown, ctx: GeometryContext): GeometryResult {
  const s = structure(geometry, ctx.maxVertices);
  if (isProblem(s)) return s;
  const { shape, located } = s;
  const placed =
    firstProblem(ringsOf(shape.type, shape.coordinates), ringRule) ??
    firstProblem(linesOf(shape.type, shape.coordinates), lineRule) ??
    rangeRule(located, ctx.extent) ??
    extentRule(located, ctx.extent);
  if (placed) return placed;
  const { coordinates, converted } = toWgs84Coordinates(shape, located, ctx.datum);
  const bbox = boundsOf(converted);
  const out = { type: shape.type, coordinates } as Geometry & { coordinates: unknown };
  const invalid = geojsonRule(out, bbox);
  if (invalid) return invalid;
  const rewound = rewind(out, shape.depth);
  const kinked = kinksRule(out, bbox);
  if (kinked) return kinked;
  return { ok: true, geometry: out, bbox, vertexCount: located.length, rewound };
}

/** Up to this many segments Turf `kinks` (which tests every pair of segments) is used as is. */
const KINKS_MAX_SEGMENTS = 64;

/**
 * A point where a polygon's rings cross or touch, or null. Turf `kinks` for ordinary polygons;
 * above {@link KINKS_MAX_SEGMENTS} segments the same test (same pairs, same predicate) on the
 * pairs a sweep over x finds, so a 50,000-vertex outline takes milliseconds, not minutes.
 */
export function selfIntersection(poly: number[][][]): number[] | null {
  const segments = poly.reduce((n, r) => n + Math.max(0, r.length - 1), 0);
  if (segments <= KINKS_MAX_SEGMENTS) {
    return kinks({ type: 'Polygon', coordinates: poly }).features[0]?.geometry.coordinates ?? null;
  }
  return sweepKinks(poly);
}

interface Segment {
  ring: number;
  i: number;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
}

/** Turf kinks' segment test: the crossing point, endpoints included; parallel segments never. */
function crossing(a: Segment, b: Segment): number[] | null {
  const den = (b.y2 - b.y1) * (a.x2 - a.x1) - (b.x2 - b.x1) * (a.y2 - a.y1);
  if (den === 0) return null;
  const dy = a.y1 - b.y1;
  const dx = a.x1 - b.x1;
  const ua = ((b.x2 - b.x1) * dy - (b.y2 - b.y1) * dx) / den;
  const ub = ((a.x2 - a.x1) * dy - (a.y2 - a.y1) * dx) / den;
  if (ua < 0 || ua > 1 || ub < 0 || ub > 1) return null;
  return [a.x1 + ua * (a.x2 - a.x1), a.y1 + ua * (a.y2 - a.y1)];
}

/** The segments of a polygon's rings, sorted by their west end; and each ring's last index. */
function segmentsOf(poly: number[][][]): { segs: Segment[]; lastIndex: number[] } {
  const segs: Segment[] = [];
  const lastIndex: number[] = [];
  poly.forEach((ring, r) => {
    lastIndex[r] = ring.length - 2;
    for (let i = 0; i < ring.length - 1; i++) {
      const [x1, y1] = ring[i] as [number, number];
      const [x2, y2] = ring[i + 1] as [number, number];
      segs.push({
        ring: r,
        i,
        x1,
        y1,
        x2,
        y2,
        minX: Math.min(x1, x2),
        maxX: Math.max(x1, x2),
        minY: Math.min(y1, y2),
        maxY: Math.max(y1, y2),
      });
    }
  });
  segs.sort((a, b) => a.minX - b.minX);
  return { segs, lastIndex };
}

/** Neighbours share a vertex, as do the first and last segments of a closed ring. */
function adjacent(a: Segment, b: Segment, lastIndex: number[]): boolean {
  if (a.ring !== b.ring) return false;
  const d = Math.abs(a.i - b.i);
  return d === 1 || d === lastIndex[a.ring];
}

/** The sweep behind {@link selfIntersection} (exported for the test that checks it against Turf). */
export function sweepKinks(poly: number[][][]): number[] | null {
  const { segs, lastIndex } = segmentsOf(poly);
  let active: Segment[] = [];
  for (const s of segs) {
    active = active.filter((a) => a.maxX >= s.minX);
    for (const a of active) {
      if (a.maxY < s.minY || a.minY > s.maxY || adjacent(a, s, lastIndex)) continue;
      const p = crossing(a, s);
      if (p) return p;
    }
    active.push(s);
  }
  return null;
}

/**
 * Positions (up to `cap + 1`) in a value, without checking anything: for size limits. `depth`:
 * how deep the value itself sits in what is counted.
 */
export function countPositions(node: unknown, cap: number, depth = 0): number {
  let n = 0;
  // GeoJSON nests positions at most 4 arrays deep; deeper nesting is not followed.
  const walk = (v: unknown, d: number): void => {
    if (n > cap || d > 6 || !Array.isArray(v)) return;
    if (v.length > 0 && typeof v[0] === 'number') {
      n++;
      return;
    }
    for (const c of v) walk(c, d + 1);
  };
  walk(node, depth);
  return n;
}

/**
 * Positions (up to `cap + 1`) in the geometries of a layer's features: {@link countPositions}
 * of the list of their `coordinates`, with a Point's one position counted without a walk.
 */
export function countLayerPositions(features: readonly unknown[], cap: number): number {
  let n = 0;
  for (const f of features) {
    if (n > cap) break;
    const c = isRecord(f) && isRecord(f.geometry) ? f.geometry.coordinates : null;
    if (Array.isArray(c) && c.length > 0 && typeof c[0] === 'number') n++;
    else n += countPositions(c, cap - n, 1);
  }
  return n;
}

/** The first position of a geometry-like value, if any (for sampling). */
export function firstPosition(geometry: unknown): number[] | null {
  let v: unknown = (geometry as { coordinates?: unknown } | null)?.coordinates;
  for (let d = 0; d < 4 && Array.isArray(v); d++) {
    if (typeof v[0] === 'number') return v as number[];
    v = v[0];
  }
  return null;
}
