import { area } from '@turf/area';
import type { Feature, Geometry } from 'geojson';

/** Square metres per square kilometre. */
const M2_PER_KM2 = 1_000_000;

/**
 * Geodesic area of a Polygon or MultiPolygon, holes subtracted.
 *
 * Uses Turf `area` (spherical excess on a sphere of radius 6,371,008.8 m), so a 1° × 1°
 * square on the equator measures about 12,364 km².
 *
 * @param f a Feature or a bare Geometry; a Feature without geometry counts as empty
 * @returns area in square kilometres; 0 for points, lines and empty features
 */
export function areaKm2(f: Feature<Geometry | null> | Geometry): number {
  if (f.type === 'Feature' && f.geometry === null) return 0;
  return area(f as Feature<Geometry> | Geometry) / M2_PER_KM2;
}
