/**
 * Point layers shaped like real ones, for `npm run bench` and the membership tests. Seeded
 * (mulberry32), so a (kind, n, seed) always gives the same points. Interleaved lng, lat.
 *
 * - `uniform`: uniform over the plan's box. Most points are outside every zone, so most need
 *   the nearest-zone search (attached when within reach, else none).
 * - `clustered`: around the zones: 60 % inside a zone (a zone picked uniformly, a point drawn
 *   in its box until Turf accepts it), 40 % scattered around a random ring vertex (normal,
 *   σ = 600 m), so inside or within a couple of kilometres of the boundaries.
 * - `register`: an enterprise register geocoded: 45 % around 40 address hot spots spread over
 *   the box (normal, σ = 250 m), 20 % inside zones, 15 % uniform over the box, 12 % snapped to
 *   8 "district centroid" positions (many identical coordinates), 5 % with coordinates rounded
 *   to 3 decimals, 3 % geocoded far away (elsewhere in Liaoning, 20–150 km off).
 */
import { booleanPointInPolygon, bbox as turfBbox } from '@turf/turf';
import type { Feature, Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import { mulberry32 } from './points';

export const DISTRIBUTIONS = ['uniform', 'clustered', 'register'] as const;
export type Distribution = (typeof DISTRIBUTIONS)[number];

type Areal = Feature<Polygon | MultiPolygon>;

const M_PER_DEG_LAT = 111_195;

export function makeDistribution(
  kind: Distribution,
  zones: readonly Feature<Geometry | null>[],
  n: number,
  seed: number,
  box: readonly [number, number, number, number],
): Float64Array {
  const rand = mulberry32(seed);
  const areal = zones.filter(
    (f): f is Areal => f.geometry?.type === 'Polygon' || f.geometry?.type === 'MultiPolygon',
  );
  if (areal.length === 0) throw new Error('no areal zones');
  const boxes = areal.map((z) => turfBbox(z));
  const vertices: Position[] = [];
  for (const z of areal) {
    const g = z.geometry;
    const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
    for (const p of polys) for (const r of p) vertices.push(...r.slice(0, -1));
  }
  const [w, s, e, nn] = box;
  const cosLat = Math.cos((((s + nn) / 2) * Math.PI) / 180);
  const normal = (): number => {
    // Box-Muller.
    const u = 1 - rand();
    const v = rand();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  const around = (x: number, y: number, sigmaM: number): [number, number] => [
    x + (normal() * sigmaM) / (M_PER_DEG_LAT * cosLat),
    y + (normal() * sigmaM) / M_PER_DEG_LAT,
  ];
  const uniform = (): [number, number] => [w + rand() * (e - w), s + rand() * (nn - s)];
  const pt: [number, number] = [0, 0];
  const insideZone = (): [number, number] => {
    const k = Math.floor(rand() * areal.length);
    const b = boxes[k]!;
    do {
      pt[0] = b[0] + rand() * (b[2] - b[0]);
      pt[1] = b[1] + rand() * (b[3] - b[1]);
    } while (!booleanPointInPolygon(pt, areal[k]!));
    return [pt[0], pt[1]];
  };
  const hotspots = Array.from({ length: 40 }, uniform);
  const centroids = Array.from({ length: 8 }, uniform);

  const out = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    let p: [number, number];
    if (kind === 'uniform') {
      p = uniform();
    } else if (kind === 'clustered') {
      if (rand() < 0.6) p = insideZone();
      else {
        const v = vertices[Math.floor(rand() * vertices.length)]!;
        p = around(v[0]!, v[1]!, 600);
      }
    } else {
      const r = rand();
      if (r < 0.45) {
        const h = hotspots[Math.floor(rand() * hotspots.length)]!;
        p = around(h[0], h[1], 250);
      } else if (r < 0.65) p = insideZone();
      else if (r < 0.8) p = uniform();
      else if (r < 0.92) {
        const c = centroids[Math.floor(rand() * centroids.length)]!;
        p = [c[0], c[1]];
      } else if (r < 0.97) {
        const u = uniform();
        p = [Math.round(u[0] * 1e3) / 1e3, Math.round(u[1] * 1e3) / 1e3];
      } else {
        const km = 20 + rand() * 130;
        const a = rand() * 2 * Math.PI;
        p = [
          (w + e) / 2 + (Math.cos(a) * km * 1000) / (M_PER_DEG_LAT * cosLat),
          (s + nn) / 2 + (Math.sin(a) * km * 1000) / M_PER_DEG_LAT,
        ];
      }
    }
    out[2 * i] = p[0];
    out[2 * i + 1] = p[1];
  }
  return out;
}
