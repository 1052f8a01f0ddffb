import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { lineString } from '@turf/helpers';
import { lineIntersect } from '@turf/line-intersect';
import { pointToLineDistance } from '@turf/point-to-line-distance';
import { pointToPolygonDistance } from '@turf/point-to-polygon-distance';
import type { Position } from 'geojson';
import type { ZoneIndex } from './zone-index';

/** Metres per degree of latitude on Turf's sphere (radius 6,371,008.8 m). */
const M_PER_DEG = (6_371_008.8 * Math.PI) / 180;

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
 * smaller zone. The Flatbush over zone boxes limits the exact distance tests to zones whose
 * box is within reach.
 *
 * @param lngLat [longitude, latitude] in degrees
 * @param withinM search radius in metres
 */
export function nearestZone(
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

function nearestOf(
  index: ZoneIndex,
  coords: readonly Position[],
  withinM: number,
  distanceM: (zoneIndex: number) => number,
): NearestZone | null {
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
  const dLat = (withinM / M_PER_DEG) * 1.01;
  const maxAbsLat = Math.min(89.9, Math.max(Math.abs(s), Math.abs(n)) + dLat);
  const dLng = Math.min(360, dLat / Math.cos((maxAbsLat * Math.PI) / 180));
  const candidates = index.tree.search(w - dLng, s - dLat, e + dLng, n + dLat);
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
