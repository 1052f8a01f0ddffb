import type { Feature, Geometry } from 'geojson';
import { describe, expect, it } from 'vitest';
import {
  assignZones,
  buildZoneIndex,
  type RollupItemProps,
  rollupByZone,
  type ZoneInput,
} from '../../src/analysis/index';
import { expectGolden, loadFixture } from './fixtures';
import { rectAreaKm2 } from './hand';

type Props = RollupItemProps & { role: 'zone' | 'item'; parent?: string; zone?: string };
const fc = loadFixture<Props>('in/rollup.geojson');
const zones = fc.features.filter((f) => f.properties.role === 'zone') as ZoneInput[];
const items = fc.features.filter((f) => f.properties.role === 'item') as Feature<Geometry, Props>[];
const index = buildZoneIndex(zones);
const memberships = assignZones(items, index);
const rollup = rollupByZone(index, items, memberships);

describe('rollupByZone', () => {
  it('matches the golden file (in/rollup.geojson → out/rollup.json)', () => {
    expectGolden('rollup', rollup);
  });

  it('has one entry per zone, in index order', () => {
    expect([...rollup.keys()]).toEqual(['zone-a', 'zone-a1', 'zone-b']);
  });

  it('counts the subzone items toward the parent as well', () => {
    expect(rollup.get('zone-a1')).toMatchObject({
      total: 2,
      byKind: { project: 2 },
      byStatus: { operating: 1, 'under-construction': 1 },
      byCategory: { digital: 1, 'clean-energy': 1 },
      historyByYear: { '2019': 1, '2021': 2, '2022': 1 },
    });
    // a: r1, r2 (via a1), r3, and the line r4 that runs into it.
    expect(rollup.get('zone-a')).toMatchObject({
      total: 4,
      byKind: { project: 2, lab: 1, infrastructure: 1 },
      byStatus: { operating: 2, 'under-construction': 1, planned: 1 },
      byCategory: { digital: 1, 'clean-energy': 1, education: 1, road: 1 },
      historyByYear: { '2019': 1, '2020': 1, '2021': 2, '2022': 1 },
    });
  });

  it('counts declared, nearest and line items; skips missing status and category', () => {
    // b: r4 (line, most in b), r5 (declared), r7 (nearest, no status/category), r8.
    expect(rollup.get('zone-b')).toMatchObject({
      total: 4,
      byKind: { infrastructure: 1, project: 2, lab: 1 },
      byStatus: { planned: 1, signed: 1, completed: 1 },
      byCategory: { road: 1, digital: 1, 'life-health': 1 },
      historyByYear: { '2020': 2, '2022': 1 },
    });
  });

  it('computes area and density from the hand-formula area', () => {
    const b = rollup.get('zone-b')!;
    const areaB = rectAreaKm2(121.52, 38.8, 121.56, 38.84);
    expect(b.areaKm2).toBeCloseTo(areaB, 8);
    expect(b.itemsPerKm2).toBeCloseTo(4 / areaB, 10);
    const a1 = rollup.get('zone-a1')!;
    expect(a1.itemsPerKm2).toBeCloseTo(2 / rectAreaKm2(121.42, 38.82, 121.46, 38.86), 10);
  });

  it('gives zeros for an empty zone and counts nothing for an item without membership', () => {
    const lone = rollupByZone(index, items, []);
    expect(lone.get('zone-a')).toEqual({
      zoneId: 'zone-a',
      areaKm2: expect.closeTo(rectAreaKm2(121.4, 38.8, 121.5, 38.9), 8),
      total: 0,
      byKind: {},
      byStatus: {},
      byCategory: {},
      itemsPerKm2: 0,
      historyByYear: {},
    });
    const total = [...rollup.values()].reduce((s, r) => s + r.total, 0);
    expect(total).toBe(2 + 4 + 4); // r6 is counted nowhere
  });
});
