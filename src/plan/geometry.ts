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
import type { IssueCode } from './issues.js';
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
  en: string;
  zh: string;
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

const fail = (code: IssueCode, path: string, en: string, zh: string, bbox?: BBox) =>
  ({ ok: false, code, en, zh, path, ...(bbox ? { bbox } : {}) }) as GeometryProblem;

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  return typeof v === 'string' ? `the string ${JSON.stringify(v.slice(0, 20))}` : typeof v;
}

const TYPE_ZH: Record<string, string> = {
  number: '数字',
  boolean: '布尔值',
  object: '对象',
  undefined: '未定义',
  bigint: '数字',
  symbol: '符号',
  function: '函数',
};

function typeNameZh(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return '数组';
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  return typeof v === 'string'
    ? `文本 ${JSON.stringify(v.slice(0, 20))}`
    : (TYPE_ZH[typeof v] ?? typeof v);
}

class Stop {
  constructor(readonly problem: GeometryProblem) {}
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
      if (!Array.isArray(node) || node.length < 2 || node.length > 3) {
        throw new Stop(
          fail(
            'bad-position',
            at,
            `${at} is not a position [longitude, latitude] (found ${typeName(node)}${Array.isArray(node) ? ` of length ${node.length}` : ''})`,
            `${at} 不是坐标 [经度, 纬度](实际为 ${typeNameZh(node)}${Array.isArray(node) ? `,长度 ${node.length}` : ''})`,
          ),
        );
      }
      for (let k = 0; k < node.length; k++) {
        const v: unknown = node[k];
        if (typeof v !== 'number' || !Number.isFinite(v)) {
          throw new Stop(
            fail(
              'non-numeric-coordinate',
              `${at}[${k}]`,
              `${at}[${k}] is ${typeName(v)}, not a number`,
              `${at}[${k}] 是 ${typeNameZh(v)},不是数字`,
            ),
          );
        }
      }
      out.push({ p: node as number[], path: at });
      if (out.length > maxVertices) {
        throw new Stop(
          fail(
            'too-many-vertices',
            path,
            `the geometry has more than ${maxVertices} positions (the limit per feature); simplify it`,
            `几何图形超过 ${maxVertices} 个坐标点(单个要素上限),请简化`,
          ),
        );
      }
      return;
    }
    if (!Array.isArray(node)) {
      throw new Stop(
        fail(
          'invalid-geojson',
          at,
          `${at} must be an array (found ${typeName(node)})`,
          `${at} 必须是数组(实际为 ${typeNameZh(node)})`,
        ),
      );
    }
    for (let k = 0; k < node.length; k++) walk(node[k], d - 1, `${at}[${k}]`);
  };
  try {
    walk(coords, depth, path);
  } catch (e) {
    if (e instanceof Stop) return e.problem;
    // Only a stack overflow could get here (a pathological nesting); report, never throw.
    return fail('invalid-geojson', path, `${path} is nested too deeply`, `${path} 嵌套过深`);
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

/** Rings (polygons) and lines of a structurally valid geometry, with paths. */
function partsOf(
  type: string,
  coords: unknown,
): {
  rings: { ring: number[][]; path: string; hole: boolean }[];
  lines: { line: number[][]; path: string }[];
} {
  const rings: { ring: number[][]; path: string; hole: boolean }[] = [];
  const lines: { line: number[][]; path: string }[] = [];
  const c = coords as number[][][][];
  if (type === 'Polygon') {
    (c as unknown as number[][][]).forEach((ring, r) => {
      rings.push({ ring, path: `geometry.coordinates[${r}]`, hole: r > 0 });
    });
  } else if (type === 'MultiPolygon') {
    c.forEach((poly, i) => {
      poly.forEach((ring, r) => {
        rings.push({ ring, path: `geometry.coordinates[${i}][${r}]`, hole: r > 0 });
      });
    });
  } else if (type === 'LineString') {
    lines.push({ line: coords as number[][], path: 'geometry.coordinates' });
  } else if (type === 'MultiLineString') {
    (coords as number[][][]).forEach((line, i) => {
      lines.push({ line, path: `geometry.coordinates[${i}]` });
    });
  }
  return { rings, lines };
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

function fmt(p: number[]): string {
  return `[${p.map((v) => Number(v.toFixed(6))).join(', ')}]`;
}

/** Checks one feature's geometry; returns the usable (possibly converted, rewound) geometry. */
export function checkGeometry(geometry: unknown, ctx: GeometryContext): GeometryResult {
  if (geometry === null || geometry === undefined) {
    return fail(
      'empty-geometry',
      'geometry',
      'the geometry is null: nothing to draw (list the item under "unlocated" in the manifest instead)',
      '几何为空,无法绘制(请改列入清单的 unlocated)',
    );
  }
  if (typeof geometry !== 'object' || Array.isArray(geometry)) {
    return fail(
      'invalid-geojson',
      'geometry',
      `geometry must be an object (found ${typeName(geometry)})`,
      `geometry 必须是对象(实际为 ${typeNameZh(geometry)})`,
    );
  }
  const g = geometry as Record<string, unknown>;
  const type = g.type;
  if (typeof type !== 'string') {
    return fail(
      'invalid-geojson',
      'geometry.type',
      `geometry.type must be a string (found ${typeName(type)})`,
      `geometry.type 必须是字符串(实际为 ${typeNameZh(type)})`,
    );
  }
  const depth = DEPTH.get(type);
  if (depth === undefined) {
    const shown = JSON.stringify(type.slice(0, 40));
    return fail(
      'unknown-geometry-type',
      'geometry.type',
      `geometry type ${shown} is not supported: use Point, LineString, Polygon, MultiPoint, MultiLineString or MultiPolygon`,
      `不支持几何类型 ${shown}:请使用 Point、LineString、Polygon、MultiPoint、MultiLineString 或 MultiPolygon`,
    );
  }
  if (!Array.isArray(g.coordinates)) {
    return g.coordinates === undefined || g.coordinates === null
      ? fail(
          'empty-geometry',
          'geometry.coordinates',
          `the ${type} has no coordinates`,
          `${type} 没有坐标(coordinates)`,
        )
      : fail(
          'invalid-geojson',
          'geometry.coordinates',
          `geometry.coordinates must be an array (found ${typeName(g.coordinates)})`,
          `geometry.coordinates 必须是数组(实际为 ${typeNameZh(g.coordinates)})`,
        );
  }
  if (depth > 0 && g.coordinates.length === 0) {
    return fail(
      'empty-geometry',
      'geometry.coordinates',
      `the ${type} has no coordinates (an empty array)`,
      `${type} 的坐标为空数组`,
    );
  }
  if (type === 'MultiPolygon') {
    const k = (g.coordinates as unknown[]).findIndex((p) => Array.isArray(p) && p.length === 0);
    if (k >= 0) {
      return fail(
        'empty-geometry',
        `geometry.coordinates[${k}]`,
        `polygon ${k} of the MultiPolygon has no rings`,
        `MultiPolygon 的第 ${k} 个多边形没有环`,
      );
    }
  }

  const located = positionsOf(g.coordinates, depth, 'geometry.coordinates', ctx.maxVertices);
  if (!Array.isArray(located)) return located;

  // Rings and lines: closed, long enough.
  const { rings, lines } = partsOf(type, g.coordinates);
  for (const { ring, path } of rings) {
    if (ring.length === 0) {
      return fail('too-few-positions', path, `ring ${path} is empty`, `环 ${path} 为空`);
    }
    if (!same(ring[0]!, ring[ring.length - 1]!)) {
      return fail(
        'unclosed-ring',
        path,
        `ring ${path} is not closed: it starts at ${fmt(ring[0]!)} and ends at ${fmt(ring[ring.length - 1]!)} (repeat the first position at the end)`,
        `环 ${path} 未闭合:起点 ${fmt(ring[0]!)},终点 ${fmt(ring[ring.length - 1]!)}(请在末尾重复起点)`,
      );
    }
    const distinct = dedupe(ring).length;
    if (ring.length < 4 || distinct < 4) {
      return fail(
        'too-few-positions',
        path,
        `ring ${path} has ${distinct} distinct positions including the closing one; a ring needs at least 4`,
        `环 ${path} 只有 ${distinct} 个不同坐标(含闭合点),至少需要 4 个`,
      );
    }
  }
  for (const { line, path } of lines) {
    if (dedupe(line).length < 2) {
      return fail(
        'too-few-positions',
        path,
        `line ${path} has fewer than 2 distinct positions`,
        `线 ${path} 的不同坐标少于 2 个`,
      );
    }
  }

  // Ranges, and longitude/latitude swapped.
  const extent = ctx.extent;
  const swappedFits = () =>
    located.every(({ p }) => {
      const [x, y] = p as [number, number];
      return inRange(y, x) && (extent ? inBox(y, x, extent) : true);
    });
  const outOfRange = located.find(({ p }) => !inRange(p[0]!, p[1]!));
  if (outOfRange) {
    if (swappedFits()) return swapped(located, extent !== null);
    const [x, y] = outOfRange.p as [number, number];
    return x < -180 || x > 180
      ? fail(
          'lon-out-of-range',
          outOfRange.path,
          `longitude ${x} at ${outOfRange.path} is outside −180…180`,
          `${outOfRange.path} 的经度 ${x} 超出 −180…180`,
        )
      : fail(
          'lat-out-of-range',
          outOfRange.path,
          `latitude ${y} at ${outOfRange.path} is outside −90…90`,
          `${outOfRange.path} 的纬度 ${y} 超出 −90…90`,
        );
  }
  const rawBbox = boundsOf(located);
  if (extent) {
    const outside = located.find(({ p }) => !inBox(p[0]!, p[1]!, extent));
    if (outside) {
      if (swappedFits()) return swapped(located, true);
      return fail(
        'outside-extent',
        outside.path,
        `position ${fmt(outside.p)} at ${outside.path} is far outside the plan's extent (the manifest bbox grown by the margin: ${fmt(extent)}); fix the coordinate, or widen the bbox if the feature really is there`,
        `${outside.path} 的坐标 ${fmt(outside.p)} 远在规划范围之外(清单 bbox 加边距:${fmt(extent)});请改正坐标,若确在该处请扩大 bbox`,
        rawBbox,
      );
    }
  }

  // Datum: converted to WGS84 on a structurally sound geometry.
  let coordinates: unknown = g.coordinates;
  let converted = located;
  if (ctx.datum !== 'WGS84') {
    const datum = ctx.datum;
    coordinates = mapCoords(g.coordinates, depth, (p) => toWgs84(p, datum));
    converted = [];
    const collect = (node: unknown, d: number) => {
      if (d === 0) converted.push({ p: node as number[], path: '' });
      else for (const c of node as unknown[]) collect(c, d - 1);
    };
    collect(coordinates, depth);
  }
  const bbox = boundsOf(converted);
  const out = { type, coordinates } as Geometry;

  // Anything else geojson-validation objects to (it throws on some hostile inputs: caught).
  let gjvErrors: string[];
  try {
    const r: unknown = gjv.valid(out, true);
    gjvErrors = Array.isArray(r) ? r.map(String) : [];
  } catch (e) {
    gjvErrors = [String(e)];
  }
  if (gjvErrors.length > 0) {
    const msg = gjvErrors.join('; ').slice(0, 200);
    return fail(
      'invalid-geojson',
      'geometry',
      `the geometry is not valid GeoJSON: ${msg}`,
      `几何不是有效的 GeoJSON:${msg}`,
      bbox,
    );
  }

  // RFC 7946 §3.1.6: outer rings counter-clockwise, holes clockwise. Fixed, with a warning.
  const rewound = partsOf(type, coordinates)
    .rings.filter((r) => booleanClockwise(r.ring as Position[]) !== r.hole)
    .map((r) => r.path);
  if (rewound.length > 0) {
    // Never touch the caller's arrays: reverse rings of a copy.
    const copy = mapCoords(coordinates, depth, (p) => [...p]);
    const toRewind = new Set(rewound);
    for (const r of partsOf(type, copy).rings) if (toRewind.has(r.path)) r.ring.reverse();
    (out as { coordinates: unknown }).coordinates = copy;
  }

  // Self-intersections of polygons (consecutive duplicate positions are harmless: ignored).
  if (type === 'Polygon' || type === 'MultiPolygon') {
    const polys =
      type === 'Polygon'
        ? [(out as { coordinates: number[][][] }).coordinates]
        : (out as { coordinates: number[][][][] }).coordinates;
    for (let i = 0; i < polys.length; i++) {
      const poly = polys[i]!.map(dedupe);
      let at: number[] | null;
      try {
        at = selfIntersection(poly);
      } catch (e) {
        return fail(
          'invalid-geojson',
          'geometry',
          `the polygon could not be checked for self-intersections: ${String(e).slice(0, 120)}`,
          `无法检查多边形自相交:${String(e).slice(0, 120)}`,
          bbox,
        );
      }
      if (at) {
        const path = type === 'Polygon' ? 'geometry.coordinates' : `geometry.coordinates[${i}]`;
        return fail(
          'self-intersection',
          path,
          `the polygon ${path} crosses or touches itself near ${fmt(at)}`,
          `多边形 ${path} 在 ${fmt(at)} 附近自相交或自接触`,
          bbox,
        );
      }
    }
  }

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

/** The sweep behind {@link selfIntersection} (exported for the test that checks it against Turf). */
export function sweepKinks(poly: number[][][]): number[] | null {
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
  let active: Segment[] = [];
  for (const s of segs) {
    active = active.filter((a) => a.maxX >= s.minX);
    for (const a of active) {
      if (a.maxY < s.minY || a.minY > s.maxY) continue;
      if (a.ring === s.ring) {
        const d = Math.abs(a.i - s.i);
        // Neighbours share a vertex, as do the first and last segments of a closed ring.
        if (d === 1 || d === lastIndex[a.ring]) continue;
      }
      const p = crossing(a, s);
      if (p) return p;
    }
    active.push(s);
  }
  return null;
}

function swapped(located: Located[], inPlan: boolean): GeometryProblem {
  const first = located[0]!;
  const [x, y] = first.p as [number, number];
  return fail(
    'lonlat-swapped',
    first.path,
    `positions are [latitude, longitude]: ${fmt(first.p)} swapped is [${y}, ${x}], ${inPlan ? 'inside the plan' : 'a valid position'}; GeoJSON wants [longitude, latitude]`,
    `坐标写成了 [纬度, 经度]:${fmt(first.p)} 交换后为 [${y}, ${x}],${inPlan ? '位于规划范围内' : '是有效坐标'};GeoJSON 要求 [经度, 纬度]`,
  );
}

/** Positions (up to `cap + 1`) in a value, without checking anything: for size limits. */
export function countPositions(node: unknown, cap: number): number {
  let n = 0;
  // GeoJSON nests positions at most 4 arrays deep; deeper nesting is not followed.
  const walk = (v: unknown, depth: number): void => {
    if (n > cap || depth > 6 || !Array.isArray(v)) return;
    if (v.length > 0 && typeof v[0] === 'number') {
      n++;
      return;
    }
    for (const c of v) walk(c, depth + 1);
  };
  walk(node, 0);
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
