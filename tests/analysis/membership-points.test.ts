/**
 * The path the membership worker runs (`membershipReplies` on packed items) against the naive
 * Turf reference, on the built-in plan's zones and the benchmark's distributions: same zone,
 * method, distance (to the last bit) and zone list for every point.
 */
import { describe, expect, it } from 'vitest';
import { assignZones, type Membership } from '../../src/analysis/membership';
import {
  type MembershipRequest,
  membershipReplies,
  packItems,
} from '../../src/analysis/membership-job';
import type { ZoneInput } from '../../src/analysis/zone-index';
import { builtinModel } from '../plan/builtin';
import { DISTRIBUTIONS, makeDistribution } from './distributions';
import {
  firstDifferentAnswer,
  flatbushTurfPointMembership,
  naivePointMembership,
} from './naive-membership';

const model = builtinModel();
const zones: ZoneInput[] = model.zones.map((z) => ({
  ...z,
  properties: { id: z.properties.id, parent: z.properties.parent },
}));
const box = model.plan.manifest.bbox as [number, number, number, number];
const WITHIN_M = model.attachWithinM;

function workerPath(coords: Float64Array): Membership[] {
  const items = Array.from({ length: coords.length / 2 }, (_, i) => ({
    geometry: { type: 'Point' as const, coordinates: [coords[2 * i]!, coords[2 * i + 1]!] },
    properties: { id: `p${i}` },
  }));
  const request: MembershipRequest = {
    type: 'assign',
    zones,
    items: packItems(items),
    options: { nearestWithinM: WITHIN_M },
    chunkSize: 700,
  };
  const out: Membership[] = [];
  for (const reply of membershipReplies(request)) {
    if (reply.type === 'chunk') out.push(...reply.memberships);
  }
  return out;
}

describe('membership of points: the worker path = naive Turf, bit for bit', () => {
  for (const kind of DISTRIBUTIONS) {
    it(`on the "${kind}" distribution`, () => {
      const coords = makeDistribution(kind, zones, 1500, 11, box);
      const engine = workerPath(coords);
      const naive = naivePointMembership(zones, coords, WITHIN_M);
      expect(firstDifferentAnswer(naive, engine)).toBe(-1);
      expect(
        firstDifferentAnswer(flatbushTurfPointMembership(zones, coords, WITHIN_M), engine),
      ).toBe(-1);
      const methods = new Set(engine.map((m) => m.method));
      expect(methods).toContain('inside');
      expect(methods).toContain('nearest');
      if (kind === 'uniform') {
        // Most points of a uniform layer are outside every zone.
        expect(engine.filter((m) => m.method !== 'inside').length).toBeGreaterThan(1500 * 0.6);
      }
    }, 60_000);
  }

  it('answers plain points as assignZones does, declared zones and lines mixed in', () => {
    const coords = makeDistribution('clustered', zones, 600, 5, box);
    const items = Array.from({ length: 600 }, (_, i) => ({
      type: 'Feature' as const,
      geometry:
        i % 50 === 7
          ? {
              type: 'LineString' as const,
              coordinates: [
                [coords[2 * i]!, coords[2 * i + 1]!],
                [coords[2 * i]! + 0.01, coords[2 * i + 1]!],
              ],
            }
          : { type: 'Point' as const, coordinates: [coords[2 * i]!, coords[2 * i + 1]!] },
      properties: i % 40 === 3 ? { id: `p${i}`, zone: 'center' } : { id: `p${i}` },
    }));
    const request: MembershipRequest = {
      type: 'assign',
      zones,
      items: packItems(items),
      options: { nearestWithinM: WITHIN_M },
      chunkSize: 128,
    };
    const viaJob: Membership[] = [];
    for (const reply of membershipReplies(request)) {
      if (reply.type === 'chunk') viaJob.push(...reply.memberships);
    }
    expect(viaJob).toEqual(assignZones(items, model.index, { nearestWithinM: WITHIN_M }));
  });
});
