import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { lineString } from '@turf/helpers';
import { lineIntersect } from '@turf/line-intersect';
import { pointToLineDistance } from '@turf/point-to-line-distance';
import { pointToPolygonDistance } from '@turf/point-to-polygon-distance';
import type { Position } from 'geojson';
import {
  degreesToMetres,
  EDGE_INDEX_MAX_M,
  type EdgeHits,
  edgeHits,
  nearestEdges,
  searchMargins,
} from './zone-edges';
import { type ZoneIndex, zoneIndicesAtPoint } from './zone-index';

/**
 * Distance from a point to a zone, 0 when the point is inside or on the boundary.
 *
 * Geodesic (great-circle) distance to the nearest ring edge, as Turf `pointToPolygonDistance`.
 *
 * @param zoneIndex index of the zone in `index.zones`
 * @param lngLat [longitude, latitude] in degrees
 * @returns distance in metres
 */
export function distanceToZoneM(
  index: ZoneIndex,
  zoneIndex: number,
  lngLat: readonly [number, number],
): number {
  const zone = index.zones[zoneIndex];
  if (!zone) return Number.POSITIVE_INFINITY;
  const pt: [number, number] = [lngLat[0], lngLat[1]];
  if (booleanPointInPolygon(pt, zone.feature)) return 0;
  return Math.abs(pointToPolygonDistance(pt, zone.feature, { units: 'meters' }));
}

/**
 * Distance from a line to a zone, 0 when any part of the line is inside or on the boundary.
 *
 * When the line neither enters nor crosses the zone, the two are closest at a vertex of one of
 * them: the least of each line vertex to the zone (Turf `pointToPolygonDistance`) and each ring
 * vertex to the line (Turf `pointToLineDistance`), geodesic.
 *
 * @param zoneIndex index of the zone in `index.zones`
 * @param coords the line's positions, [longitude, latitude] degrees
 * @returns distance in metres
 */
export function distanceLineToZoneM(
  index: ZoneIndex,
  zoneIndex: number,
  coords: readonly Position[],
): number {
  const zone = index.zones[zoneIndex];
  const first = coords[0];
  if (!zone || !first) return Number.POSITIVE_INFINITY;
  if (coords.length === 1) return distanceToZoneM(index, zoneIndex, [first[0]!, first[1]!]);
  const line = lineString(coords.map((p) => [p[0]!, p[1]!]));
  if (coords.some((p) => booleanPointInPolygon([p[0]!, p[1]!], zone.feature))) return 0;
  if (lineIntersect(line, zone.feature).features.length > 0) return 0;
  let d = Number.POSITIVE_INFINITY;
  for (const p of coords) {
    d = Math.min(
      d,
      Math.abs(pointToPolygonDistance([p[0]!, p[1]!], zone.feature, { units: 'meters' })),
    );
  }
  const g = zone.feature.geometry;
  const polys: Position[][][] = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  for (const poly of polys) {
    for (const ring of poly) {
      for (const p of ring) d = Math.min(d, pointToLineDistance(p, line, { units: 'meters' }));
    }
  }
  return d;
}

/** The nearest zone to a point or line and its distance. */
export interface NearestZone {
  /** Index in `index.zones`. */
  zoneIndex: number;
  /** Distance in metres to the zone (0 when inside). */
  distanceM: number;
}

/**
 * The zone nearest to a point within `withinM` metres, or null. Equal distances go to the
 * smaller zone. Same answer, distance included to the last bit, as {@link nearestZoneTurf}:
 * zones whose box is within reach, each measured with Turf `pointToPolygonDistance`; but the
 * distances come from the indexed zone edges (see `zone-edges.ts`), visiting only the edges
 * that can be nearest. Zones with holes, and searches wider than 50 km, are measured with Turf.
 *
 * @param lngLat [longitude, latitude] in degrees
 * @param withinM search radius in metres
 */
export function nearestZone(
  index: ZoneIndex,
  lngLat: readonly [number, number],
  withinM: number,
): NearestZone | null {
  return nearestZoneKnowing(index, lngLat, withinM, zoneIndicesAtPoint(index, lngLat));
}

/**
 * {@link nearestZone} for a caller that has already found the zones holding the point
 * (`zoneIndicesAtPoint`): they are at distance 0 and are not measured again.
 */
export function nearestZoneKnowing(
  index: ZoneIndex,
  lngLat: readonly [number, number],
  withinM: number,
  holding: readonly number[],
): NearestZone | null {
  if (!(withinM <= EDGE_INDEX_MAX_M)) return nearestZoneTurf(index, lngLat, withinM);
  const [px, py] = lngLat;
  if (!index.tree || !(withinM >= 0) || !Number.isFinite(px) || !Number.isFinite(py)) return null;
  // The box searchBox gives for this one point.
  const hits = hitsFor(index);
  const box = hits.box;
  searchMargins(withinM, Math.abs(py), hits.margins);
  const [dLat, dLng] = hits.margins;
  box[0] = px - dLng;
  box[1] = py - dLat;
  box[2] = px + dLng;
  box[3] = py + dLat;
  nearestEdges(index.edges, hits.zoneBoxes, withinM, px, py, box, hits.hits);
  const rank = index.rank;
  let bestZone = -1;
  let bestM = Number.POSITIVE_INFINITY;
  const consider = (zi: number, d: number): void => {
    if (d > withinM) return;
    if (bestZone < 0 || d < bestM || (d === bestM && rank[zi]! < rank[bestZone]!)) {
      bestZone = zi;
      bestM = d;
    }
  };
  for (const zi of holding) consider(zi, 0);
  const { zones, deg } = hits.hits;
  for (let j = 0; j < hits.hits.count; j++) {
    const zi = zones[j]!;
    if (holding.length === 0 || !holding.includes(zi)) consider(zi, degreesToMetres(deg[zi]!));
  }
  const unindexed = index.edges.unindexed;
  for (let j = 0; j < unindexed.length; j++) {
    const zi = unindexed[j]!;
    const b = index.zones[zi]!.bbox;
    if (b[0] > box[2] || b[1] > box[3] || b[2] < box[0] || b[3] < box[1]) continue;
    if (!holding.includes(zi)) consider(zi, distanceToZoneM(index, zi, lngLat));
  }
  return bestZone < 0 ? null : { zoneIndex: bestZone, distanceM: bestM };
}

/** Per-index scratch for the edge search: zone boxes packed, hit lists, the search box. */
interface Scratch {
  zoneBoxes: Float64Array;
  hits: EdgeHits;
  box: [number, number, number, number];
  margins: [number, number];
}
const scratch = new WeakMap<ZoneIndex, Scratch>();

function hitsFor(index: ZoneIndex): Scratch {
  let s = scratch.get(index);
  if (!s) {
    const zoneBoxes = new Float64Array(4 * index.zones.length);
    index.zones.forEach((z, i) => {
      zoneBoxes.set(z.bbox, 4 * i);
    });
    s = { zoneBoxes, hits: edgeHits(index.zones.length), box: [0, 0, 0, 0], margins: [0, 0] };
    scratch.set(index, s);
  }
  return s;
}

/**
 * The reference for {@link nearestZone}: every zone whose box is within reach of the point,
 * measured with Turf `pointToPolygonDistance` (geodesic). Equal distances go to the smaller zone.
 *
 * @param lngLat [longitude, latitude] in degrees
 * @param withinM search radius in metres
 */
export function nearestZoneTurf(
  index: ZoneIndex,
  lngLat: readonly [number, number],
  withinM: number,
): NearestZone | null {
  return nearestOf(index, [[lngLat[0], lngLat[1]]], withinM, (zi) =>
    distanceToZoneM(index, zi, lngLat),
  );
}

/**
 * The zone nearest to a line within `withinM` metres, or null (see
 * {@link distanceLineToZoneM}); equal distances go to the smaller zone.
 *
 * @param coords the line's positions, [longitude, latitude] degrees
 * @param withinM search radius in metres
 */
export function nearestZoneToLine(
  index: ZoneIndex,
  coords: readonly Position[],
  withinM: number,
): NearestZone | null {
  return nearestOf(index, coords, withinM, (zi) => distanceLineToZoneM(index, zi, coords));
}

/**
 * The box searched for zones within `withinM` metres of the positions, degrees, or null when
 * there is nothing to search.
 */
function searchBox(
  index: ZoneIndex,
  coords: readonly Position[],
  withinM: number,
): [number, number, number, number] | null {
  if (!index.tree || !(withinM >= 0) || coords.length === 0) return null;
  let w = Number.POSITIVE_INFINITY;
  let s = Number.POSITIVE_INFINITY;
  let e = Number.NEGATIVE_INFINITY;
  let n = Number.NEGATIVE_INFINITY;
  for (const p of coords) {
    const [x, y] = p as [number, number];
    if (!Number.isFinite(x) || !Number.isFinite(y)) return null;
    w = Math.min(w, x);
    s = Math.min(s, y);
    e = Math.max(e, x);
    n = Math.max(n, y);
  }
  // Anything within d metres is within d / M_PER_DEG degrees of latitude, and that over
  // cos(latitude) of longitude; the 1 % and the latitude margin keep the box generous (it is
  // only a prefilter before the exact distances).
  const [dLat, dLng] = searchMargins(withinM, Math.max(Math.abs(s), Math.abs(n)), [0, 0]);
  return [w - dLng, s - dLat, e + dLng, n + dLat];
}

function nearestOf(
  index: ZoneIndex,
  coords: readonly Position[],
  withinM: number,
  distanceM: (zoneIndex: number) => number,
): NearestZone | null {
  const box = searchBox(index, coords, withinM);
  if (!box || !index.tree) return null;
  const candidates = index.tree.search(box[0], box[1], box[2], box[3]);
  let best: NearestZone | null = null;
  for (const zi of candidates) {
    const d = distanceM(zi);
    if (d > withinM) continue;
    if (
      best === null ||
      d < best.distanceM ||
      (d === best.distanceM && index.rank[zi]! < index.rank[best.zoneIndex]!)
    ) {
      best = { zoneIndex: zi, distanceM: d };
    }
  }
  return best;
}
