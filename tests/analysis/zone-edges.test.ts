import { pointToLineDistance, pointToPolygonDistance } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import {
  buildZoneIndex,
  nearestZone,
  nearestZoneTurf,
  type ZoneIndex,
  type ZoneInput,
} from '../../src/analysis/index';
import { degreesToMetres, edgeDistanceDeg } from '../../src/analysis/zone-edges';
import { builtinModel } from '../plan/builtin';
import { loadFixture } from './fixtures';
import { mulberry32 } from './points';

type Zone = Feature<Polygon | MultiPolygon, { id: string; parent?: string }>;

const fixtureZones = loadFixture<{ id: string; parent?: string }>('zones.geojson')
  .features as Zone[];

/** Points uniform over the zones' box grown by `grow` degrees, plus some on and near edges. */
function probePoints(
  index: ZoneIndex,
  n: number,
  seed: number,
  grow: number,
  edgeStep = 1,
): [number, number][] {
  const rand = mulberry32(seed);
  let [w, s, e, nn] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const z of index.zones) {
    w = Math.min(w, z.bbox[0]);
    s = Math.min(s, z.bbox[1]);
    e = Math.max(e, z.bbox[2]);
    nn = Math.max(nn, z.bbox[3]);
  }
  const out: [number, number][] = [];
  for (let i = 0; i < n; i++) {
    out.push([w - grow + rand() * (e - w + 2 * grow), s - grow + rand() * (nn - s + 2 * grow)]);
  }
  // Near every vertex (just off it, both sides) and exactly on some.
  const ends = index.edges.ends;
  for (let k = 0; k < ends.length; k += 4 * edgeStep) {
    const [ax, ay, bx, by] = [ends[k]!, ends[k + 1]!, ends[k + 2]!, ends[k + 3]!];
    out.push([ax, ay], [ax + 1e-4, ay - 1e-4], [(ax + bx) / 2 + 2e-3, (ay + by) / 2 - 2e-3]);
  }
  return out;
}

function expectSameNearest(index: ZoneIndex, pts: [number, number][], withinM: number): number {
  let found = 0;
  for (const p of pts) {
    const fast = nearestZone(index, p, withinM);
    const turf = nearestZoneTurf(index, p, withinM);
    if (fast?.zoneIndex !== turf?.zoneIndex || fast?.distanceM !== turf?.distanceM) {
      throw new Error(`differs at ${p}: ${JSON.stringify(fast)} vs ${JSON.stringify(turf)}`);
    }
    if (fast) found++;
  }
  return found;
}

describe('edgeDistanceDeg', () => {
  it('gives the same float as Turf pointToLineDistance for a two-position line', () => {
    const rand = mulberry32(7);
    for (let i = 0; i < 2000; i++) {
      const a: [number, number] = [121.3 + rand() * 0.3, 38.8 + rand() * 0.2];
      const b: [number, number] =
        i % 50 === 0 ? [a[0], a[1]] : [a[0] + (rand() - 0.5) * 0.05, a[1] + (rand() - 0.5) * 0.05];
      const p: [number, number] =
        i % 37 === 0 ? [b[0], b[1]] : [121.3 + rand() * 0.3, 38.8 + rand() * 0.2];
      const turf = pointToLineDistance(
        p,
        { type: 'LineString', coordinates: [a, b] },
        {
          units: 'meters',
        },
      );
      expect(degreesToMetres(edgeDistanceDeg(p[0], p[1], a[0], a[1], b[0], b[1]))).toBe(turf);
    }
  });

  it('matches Turf pointToPolygonDistance as a minimum over a ring', () => {
    const z = fixtureZones[0]!;
    const ring = (z.geometry as Polygon).coordinates[0]!;
    const p: [number, number] = [ring[0]![0]! + 0.03, ring[0]![1]! - 0.02];
    let min = Infinity;
    for (let i = 0; i + 1 < ring.length; i++) {
      const [a, b] = [ring[i]!, ring[i + 1]!];
      min = Math.min(min, edgeDistanceDeg(p[0], p[1], a[0]!, a[1]!, b[0]!, b[1]!));
    }
    expect(degreesToMetres(min)).toBe(
      Math.abs(pointToPolygonDistance(p, z as Feature<Polygon>, { units: 'meters' })),
    );
  });
});

describe('nearestZone (indexed edges) = nearestZoneTurf, bit for bit', () => {
  it('on the fixture zones, at several reaches', () => {
    const index = buildZoneIndex(fixtureZones);
    // eco-core has a hole: measured with Turf, the others by their edges.
    expect(index.edges.unindexed.length).toBe(1);
    const pts = probePoints(index, 600, 1, 0.05, 5);
    for (const withinM of [0, 5000]) expectSameNearest(index, pts, withinM);
    expect(expectSameNearest(index, pts, 1500)).toBeGreaterThan(200);
  }, 60_000);

  it("on the built-in plan's zones, over the plan's box", () => {
    const index = builtinModel().index;
    expect(index.edges.unindexed).toEqual([]);
    const pts = probePoints(index, 5000, 2, 0.1);
    expect(expectSameNearest(index, pts, 1500)).toBeGreaterThan(1000);
  }, 60_000);

  it('measures zones with holes with Turf (a point in a hole), and MultiPolygons by part', () => {
    const holed: ZoneInput = {
      type: 'Feature',
      properties: { id: 'holed' },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [0.1, 0],
            [0.1, 0.1],
            [0, 0.1],
            [0, 0],
          ],
          [
            [0.03, 0.03],
            [0.07, 0.03],
            [0.07, 0.07],
            [0.03, 0.07],
            [0.03, 0.03],
          ],
        ],
      },
    };
    const multi: ZoneInput = {
      type: 'Feature',
      properties: { id: 'multi' },
      geometry: {
        type: 'MultiPolygon',
        coordinates: [
          [
            [
              [0.12, 0],
              [0.15, 0],
              [0.15, 0.02],
              [0.12, 0],
            ],
          ],
          [
            [
              [0.12, 0.08],
              [0.16, 0.08],
              [0.16, 0.1],
              [0.12, 0.08],
            ],
          ],
        ],
      },
    };
    const index = buildZoneIndex([holed, multi]);
    expect(index.edges.unindexed).toEqual([0]);
    const inHole = nearestZone(index, [0.05, 0.05], 5000);
    expect(inHole).toEqual(nearestZoneTurf(index, [0.05, 0.05], 5000));
    expect(inHole?.zoneIndex).toBe(0);
    const pts = probePoints(index, 3000, 3, 0.03);
    expect(expectSameNearest(index, pts, 2500)).toBeGreaterThan(500);
  }, 60_000);
});
