import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { lineString } from '@turf/helpers';
import { length } from '@turf/length';
import { lineIntersect } from '@turf/line-intersect';
import { lineSlice } from '@turf/line-slice';
import { nearestPointOnLine } from '@turf/nearest-point-on-line';
import { pointToLineDistance } from '@turf/point-to-line-distance';
import type { Feature, Geometry, LineString, Point, Position } from 'geojson';

/** Chainage of one corridor node. */
export interface CorridorNodeMeasure {
  id: string;
  /** Distance along the line from its first vertex to the node's foot on the line, km. */
  chainageKm: number;
  /** Distance from the node to the line (to its foot), metres. */
  offsetM: number;
}

/** Distance along the line between two consecutive nodes. */
export interface CorridorSegment {
  from: string;
  to: string;
  /** Along-line distance, km (difference of chainages). */
  distanceKm: number;
}

/** Measures of an industrial corridor and its nodes. */
export interface CorridorMeasures {
  /** Length of the corridor line, km. */
  lengthKm: number;
  /** Nodes ordered by chainage (ties keep input order). */
  nodes: CorridorNodeMeasure[];
  /** Consecutive nodes in chainage order. */
  segments: CorridorSegment[];
}

/**
 * Industrial corridor length, each node's chainage along the line (Turf `nearestPointOnLine`,
 * then `lineSlice` from the line's start to the node's foot and `length`), its offset from the
 * line, and the along-line distance between consecutive nodes.
 *
 * @param line the corridor, chainage 0 at its first vertex
 * @param nodes nodes with properties `{ id }`
 */
export function corridorMeasures(
  line: Feature<LineString>,
  nodes: readonly Feature<Point, { id: string }>[],
): CorridorMeasures {
  const lengthKm = length(line, { units: 'kilometers' });
  const start = line.geometry.coordinates[0];
  const measured = nodes.map((node, i) => {
    const foot = nearestPointOnLine(line, node, { units: 'kilometers' });
    const chainageKm =
      start === undefined ? 0 : length(lineSlice(start, foot, line), { units: 'kilometers' });
    return {
      i,
      m: {
        id: node.properties.id,
        chainageKm,
        offsetM: foot.properties.pointDistance * 1000,
      },
    };
  });
  measured.sort((a, b) => a.m.chainageKm - b.m.chainageKm || a.i - b.i);
  const sorted = measured.map((x) => x.m);
  const segments: CorridorSegment[] = [];
  for (let k = 0; k + 1 < sorted.length; k++) {
    const a = sorted[k]!;
    const b = sorted[k + 1]!;
    segments.push({ from: a.id, to: b.id, distanceKm: b.chainageKm - a.chainageKm });
  }
  return { lengthKm, nodes: sorted, segments };
}

/**
 * Shortest distance from an item to the corridor line, metres (geodesic, Turf
 * `pointToLineDistance`). Points: to the line. Lines: 0 when they cross the corridor, else the
 * least vertex-to-line distance either way. Polygons: 0 when the corridor crosses or enters
 * them, else as lines using their rings. Multi-geometries: the least over their parts.
 * Other geometries: Infinity.
 */
export function distanceToCorridorM(line: Feature<LineString>, geometry: Geometry | null): number {
  if (!geometry) return Number.POSITIVE_INFINITY;
  switch (geometry.type) {
    case 'Point':
      return pointToLineDistance(geometry.coordinates, line, { units: 'meters' });
    case 'MultiPoint':
      return minOf(
        geometry.coordinates.map((p) => pointToLineDistance(p, line, { units: 'meters' })),
      );
    case 'LineString':
      return lineToLineM(line, geometry.coordinates);
    case 'MultiLineString':
      return minOf(geometry.coordinates.map((c) => lineToLineM(line, c)));
    case 'Polygon':
      return polygonToLineM(line, geometry.coordinates);
    case 'MultiPolygon':
      return minOf(geometry.coordinates.map((c) => polygonToLineM(line, c)));
    case 'GeometryCollection':
      return minOf(geometry.geometries.map((g) => distanceToCorridorM(line, g)));
    default:
      return Number.POSITIVE_INFINITY;
  }
}

/**
 * Ids of items within `bufferM` metres of the corridor line (see {@link distanceToCorridorM}),
 * in input order.
 *
 * @param bufferM distance in metres (inclusive)
 */
export function itemsNearCorridor(
  line: Feature<LineString>,
  items: readonly Feature<Geometry | null, { id: string }>[],
  bufferM: number,
): string[] {
  return items
    .filter((item) => distanceToCorridorM(line, item.geometry) <= bufferM)
    .map((item) => item.properties.id);
}

function minOf(values: number[]): number {
  let m = Number.POSITIVE_INFINITY;
  for (const v of values) if (v < m) m = v;
  return m;
}

function lineToLineM(line: Feature<LineString>, coords: Position[]): number {
  if (coords.length === 0) return Number.POSITIVE_INFINITY;
  if (coords.length === 1) return pointToLineDistance(coords[0]!, line, { units: 'meters' });
  const other = lineString(coords);
  if (lineIntersect(line, other).features.length > 0) return 0;
  // Two polylines that do not cross are closest at a vertex of one of them.
  let d = Number.POSITIVE_INFINITY;
  for (const p of coords) d = Math.min(d, pointToLineDistance(p, line, { units: 'meters' }));
  for (const p of line.geometry.coordinates) {
    d = Math.min(d, pointToLineDistance(p, other, { units: 'meters' }));
  }
  return d;
}

function polygonToLineM(line: Feature<LineString>, rings: Position[][]): number {
  const outer = rings[0];
  if (!outer || outer.length < 4) return Number.POSITIVE_INFINITY;
  const poly = { type: 'Polygon' as const, coordinates: rings };
  if (line.geometry.coordinates.some((p) => booleanPointInPolygon(p, poly))) return 0;
  return minOf(rings.map((r) => lineToLineM(line, r)));
}
