import type { Feature, Geometry } from 'geojson';
import { describe, expect, it } from 'vitest';
import {
  ancestorsOf,
  assignZones,
  buildZoneIndex,
  distanceLineToZoneM,
  type Membership,
  type MembershipItem,
  nearestZoneToLine,
  type ZoneInput,
} from '../../src/analysis/index';
import { expectGolden, loadFixture } from './fixtures';
import { toMeridianM } from './hand';

type Props = {
  id: string;
  role: 'zone' | 'item';
  parent?: string;
  zone?: string;
  accuracy_m?: number;
};
const fc = loadFixture<Props>('in/membership.geojson');
const zones = fc.features.filter((f) => f.properties.role === 'zone') as ZoneInput[];
const items = fc.features.filter((f) => f.properties.role === 'item') as MembershipItem[];

function run(options = {}): Map<string, Membership> {
  const index = buildZoneIndex(zones);
  return new Map(assignZones(items, index, options).map((m) => [m.itemId, m]));
}

describe('assignZones', () => {
  it('matches the golden file (in/membership.geojson → out/membership.json)', () => {
    expectGolden('membership', assignZones(items, buildZoneIndex(zones)));
  });

  const m = run();
  const get = (id: string) => m.get(id)!;

  it('returns one membership per item, in order', () => {
    expect([...m.keys()]).toEqual(items.map((i) => i.properties.id));
  });

  it('puts a point inside a subzone in the subzone, counting toward the parent', () => {
    expect(get('p-inside-a1')).toEqual({
      itemId: 'p-inside-a1',
      zone: 'zone-a1',
      method: 'inside',
      zones: ['zone-a1', 'zone-a'],
    });
    expect(get('p-inside-a')).toMatchObject({
      zone: 'zone-a',
      method: 'inside',
      zones: ['zone-a'],
    });
  });

  it('counts points on an edge or a vertex as inside', () => {
    expect(get('p-on-edge-a')).toMatchObject({ zone: 'zone-a', method: 'inside' });
    expect(get('p-on-vertex-a1')).toMatchObject({
      zone: 'zone-a1',
      method: 'inside',
      zones: ['zone-a1', 'zone-a'],
    });
  });

  it('attaches a point outside every zone to the nearest one, with the distance', () => {
    const near = get('p-near-b');
    expect(near).toMatchObject({ zone: 'zone-b', method: 'nearest', zones: ['zone-b'] });
    expect(near.distanceM).toBeCloseTo(toMeridianM(121.515, 38.82, 121.52), 1); // 433.2 m
  });

  it('gives none beyond nearestWithinM', () => {
    expect(get('p-far')).toEqual({ itemId: 'p-far', zone: null, method: 'none', zones: [] });
    expect(toMeridianM(121.58, 38.82, 121.56)).toBeGreaterThan(1500);
    expect(get('p-beyond-reach')).toMatchObject({ zone: null, method: 'none' });
    const wider = run({ nearestWithinM: 2000 });
    expect(wider.get('p-beyond-reach')).toMatchObject({ zone: 'zone-b', method: 'nearest' });
    expect(wider.get('p-beyond-reach')!.distanceM).toBeCloseTo(
      toMeridianM(121.58, 38.82, 121.56),
      1,
    );
    const narrow = run({ nearestWithinM: 300 });
    expect(narrow.get('p-near-b')).toMatchObject({ zone: null, method: 'none' });
  });

  it('puts a line in the zone holding most of its length', () => {
    // 0.01° in a, 0.03° in b; it touches a, so it counts toward a as well.
    expect(get('l-mostly-b')).toMatchObject({
      zone: 'zone-b',
      method: 'inside',
      zones: ['zone-b', 'zone-a'],
    });
    // Wholly inside a1 and a: both hold all of it, the smaller wins.
    expect(get('l-in-a1')).toMatchObject({ zone: 'zone-a1', zones: ['zone-a1', 'zone-a'] });
    // Half in a1, all in a: a holds more.
    expect(get('l-half-a1')).toMatchObject({ zone: 'zone-a', zones: ['zone-a', 'zone-a1'] });
  });

  it('attaches a line outside every zone to the nearest zone', () => {
    const l = get('l-near-b');
    expect(l).toMatchObject({ zone: 'zone-b', method: 'nearest' });
    // Closest at its north end (38.83°, where a degree of longitude is shortest).
    expect(l.distanceM).toBeCloseTo(toMeridianM(121.565, 38.83, 121.56), 1);
  });

  it('places a polygon item by its centroid', () => {
    expect(get('poly-in-b')).toMatchObject({ zone: 'zone-b', method: 'inside' });
  });

  it('respects a declared zone the item is near enough to', () => {
    const ok = get('p-explicit-ok');
    expect(ok).toMatchObject({ zone: 'zone-a', method: 'explicit', zones: ['zone-a'] });
    expect(ok.distanceM).toBeCloseTo(toMeridianM(121.505, 38.85, 121.5), 1);
    expect(ok.mismatch).toBeUndefined();
    expect(get('p-explicit-inside-a1')).toEqual({
      itemId: 'p-explicit-inside-a1',
      zone: 'zone-a',
      method: 'explicit',
      distanceM: 0,
      zones: ['zone-a', 'zone-a1'],
    });
  });

  it('flags a declared zone the geometry contradicts', () => {
    const bad = get('p-explicit-mismatch');
    expect(bad).toMatchObject({
      zone: 'zone-a1',
      method: 'explicit',
      zones: ['zone-a1', 'zone-a', 'zone-b'],
      mismatch: { declared: 'zone-a1', computed: 'zone-b', reason: 'outside' },
    });
    const d = toMeridianM(121.54, 38.82, 121.46); // ≈ 6,931 m
    expect(bad.distanceM).toBeCloseTo(d, 0);
    expect(bad.mismatch!.distanceM).toBeCloseTo(d, 0);
    // A tighter tolerance turns the 433 m case into a mismatch too.
    expect(run({ explicitToleranceM: 100 }).get('p-explicit-ok')!.mismatch).toMatchObject({
      declared: 'zone-a',
      computed: 'zone-a', // nearest within the default 1,500 m
      reason: 'outside',
    });
  });

  it("widens the tolerance to the item's accuracy_m", () => {
    const acc = get('p-explicit-accuracy');
    expect(acc.distanceM).toBeGreaterThan(1500);
    expect(acc.distanceM).toBeCloseTo(toMeridianM(121.525, 38.86, 121.5), 1);
    expect(acc.mismatch).toBeUndefined();
    expect(run({ explicitToleranceM: 100 }).get('p-explicit-accuracy')!.mismatch).toBeUndefined();
  });

  it('flags an unknown declared zone and keeps the computed one', () => {
    const u = get('p-explicit-unknown');
    expect(u).toMatchObject({ zone: 'zone-a', method: 'inside', zones: ['zone-a'] });
    expect(u.mismatch).toMatchObject({
      declared: 'zone-x',
      computed: 'zone-a',
      reason: 'unknown-zone',
    });
    expect(u.mismatch!.distanceM).toBeNaN();
  });

  it('keeps a declared zone that exists but has no area, without a distance', () => {
    const line: ZoneInput = {
      type: 'Feature',
      properties: { id: 'corridor-line' },
      geometry: {
        type: 'LineString',
        coordinates: [
          [121.4, 38.8],
          [121.5, 38.9],
        ],
      },
    };
    const index = buildZoneIndex([...zones, line]);
    const item: Feature<Geometry, { id: string; zone: string }> = {
      type: 'Feature',
      properties: { id: 'x', zone: 'corridor-line' },
      geometry: { type: 'Point', coordinates: [121.44, 38.84] },
    };
    expect(assignZones([item], index)).toEqual([
      {
        itemId: 'x',
        zone: 'corridor-line',
        method: 'explicit',
        zones: ['corridor-line', 'zone-a1', 'zone-a'],
      },
    ]);
  });

  it('gives none to items without a usable geometry', () => {
    const item: Feature<Geometry | null, { id: string }> = {
      type: 'Feature',
      properties: { id: 'nowhere' },
      geometry: null,
    };
    expect(assignZones([item], buildZoneIndex(zones))).toEqual([
      { itemId: 'nowhere', zone: null, method: 'none', zones: [] },
    ]);
  });
});

describe('distanceLineToZoneM / nearestZoneToLine', () => {
  const index = buildZoneIndex(zones);
  const b = index.byId.get('zone-b')!;

  it('is 0 for a line that cuts a corner of the zone with both vertices outside', () => {
    // Enters b's west edge at 38.8395°, leaves its north edge at 121.5205°.
    const corner = [
      [121.5195, 38.839],
      [121.5215, 38.841],
    ];
    expect(distanceLineToZoneM(index, b, corner)).toBe(0);
  });

  it('measures a line outside the zone from its nearest vertex', () => {
    const east = [
      [121.565, 38.81],
      [121.565, 38.83],
    ];
    expect(distanceLineToZoneM(index, b, east)).toBeCloseTo(toMeridianM(121.565, 38.83, 121.56), 1);
    expect(nearestZoneToLine(index, east, 1500)).toEqual({
      zoneIndex: b,
      distanceM: distanceLineToZoneM(index, b, east),
    });
    expect(nearestZoneToLine(index, east, 400)).toBeNull();
  });

  it("measures to a zone vertex when it is nearer than the line's vertices", () => {
    // A north-south line 0.01° east of b whose ends overshoot b's corners: nearest b's
    // east edge at the north corner (121.56, 38.84), 0.01° of longitude away.
    const overshoot = [
      [121.57, 38.79],
      [121.57, 38.85],
    ];
    const d = distanceLineToZoneM(index, b, overshoot);
    expect(d).toBeCloseTo(toMeridianM(121.56, 38.84, 121.57), 0);
  });
});

describe('ancestorsOf', () => {
  const sq = (id: string, parent?: string): ZoneInput => ({
    type: 'Feature',
    properties: parent ? { id, parent } : { id },
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [1, 0],
          [1, 1],
          [0, 1],
          [0, 0],
        ],
      ],
    },
  });

  it('walks parent links nearest first, stopping at cycles and unknown ids', () => {
    const index = buildZoneIndex([
      sq('center'),
      sq('center-cbd', 'center'),
      sq('center-cbd-core', 'center-cbd'),
      sq('loop-a', 'loop-b'),
      sq('loop-b', 'loop-a'),
    ]);
    expect(ancestorsOf(index, 'center-cbd')).toEqual(['center']);
    expect(ancestorsOf(index, 'center-cbd-core')).toEqual(['center-cbd', 'center']);
    expect(ancestorsOf(index, 'center')).toEqual([]);
    expect(ancestorsOf(index, 'nope')).toEqual([]);
    expect(ancestorsOf(index, 'loop-a')).toEqual(['loop-b']);
  });
});
