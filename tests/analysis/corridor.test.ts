import type { Feature, Geometry, LineString, Point } from 'geojson';
import { describe, expect, it } from 'vitest';
import { corridorMeasures, distanceToCorridorM, itemsNearCorridor } from '../../src/analysis/index';
import { expectGolden, loadFixture } from './fixtures';
import { greatCircleKm, toMeridianM } from './hand';

type Props = { id: string; kind: string };
const fc = loadFixture<Props>('in/corridor.geojson');
const line = fc.features.find((f) => f.properties.kind === 'industrial-corridor') as Feature<
  LineString,
  Props
>;
const nodes = fc.features.filter((f) => f.properties.kind === 'corridor-node') as Feature<
  Point,
  Props
>[];
const items = fc.features.filter(
  (f) => f.properties.kind !== 'corridor-node' && f.properties.kind !== 'industrial-corridor',
) as Feature<Geometry, Props>[];
const LEG_KM = greatCircleKm(1); // 111.19508 km

describe('corridorMeasures', () => {
  const m = corridorMeasures(line, nodes);

  it('matches the golden file (in/corridor.geojson → out/corridor.json)', () => {
    expectGolden('corridor', {
      measures: m,
      within500m: itemsNearCorridor(line, items, 500),
      distancesM: Object.fromEntries(
        items.map((i) => [i.properties.id, distanceToCorridorM(line, i.geometry)]),
      ),
    });
  });

  it('measures the length of two 1° great-circle legs', () => {
    expect(m.lengthKm).toBeCloseTo(2 * LEG_KM, 6);
  });

  it('orders nodes by chainage and measures each against the hand values', () => {
    expect(m.nodes.map((n) => n.id)).toEqual([
      'node-start',
      'node-quarter',
      'node-half',
      'node-corner-leg',
      'node-end',
    ]);
    const at = (id: string) => m.nodes.find((n) => n.id === id)!;
    expect(at('node-start').chainageKm).toBeCloseTo(0, 9);
    expect(at('node-quarter').chainageKm).toBeCloseTo(0.25 * LEG_KM, 4);
    expect(at('node-half').chainageKm).toBeCloseTo(0.5 * LEG_KM, 4);
    expect(at('node-corner-leg').chainageKm).toBeCloseTo(1.5 * LEG_KM, 4);
    expect(at('node-end').chainageKm).toBeCloseTo(2 * LEG_KM, 4);
    expect(at('node-quarter').offsetM).toBeCloseTo(LEG_KM, 2); // 0.001° = 111.195 m
    expect(at('node-corner-leg').offsetM).toBeCloseTo(toMeridianM(1.001, 0.5, 1), 2);
    expect(at('node-half').offsetM).toBeCloseTo(0, 6);
  });

  it('gives along-line distances between consecutive nodes', () => {
    expect(m.segments.map((s) => [s.from, s.to])).toEqual([
      ['node-start', 'node-quarter'],
      ['node-quarter', 'node-half'],
      ['node-half', 'node-corner-leg'],
      ['node-corner-leg', 'node-end'],
    ]);
    const d = m.segments.map((s) => s.distanceKm);
    expect(d[0]).toBeCloseTo(0.25 * LEG_KM, 4);
    expect(d[1]).toBeCloseTo(0.25 * LEG_KM, 4);
    expect(d[2]).toBeCloseTo(LEG_KM, 4); // across the corner vertex
    expect(d[3]).toBeCloseTo(0.5 * LEG_KM, 4);
  });
});

describe('itemsNearCorridor', () => {
  it('keeps items within the buffer, in input order', () => {
    expect(itemsNearCorridor(line, items, 500)).toEqual([
      'p-445m',
      'l-crossing',
      'poly-straddling',
      'poly-222m',
      'p-past-end',
    ]);
    expect(itemsNearCorridor(line, items, 1200)).toContain('l-parallel-1112m');
    expect(itemsNearCorridor(line, items, 0)).toEqual(['l-crossing', 'poly-straddling']);
  });

  it('measures distances against the hand values', () => {
    const d = (id: string) =>
      distanceToCorridorM(line, items.find((i) => i.properties.id === id)!.geometry);
    const m001 = LEG_KM; // metres in 0.001° of a great circle
    expect(d('p-445m')).toBeCloseTo(4 * m001, 1);
    expect(d('p-556m')).toBeCloseTo(5 * m001, 1);
    expect(d('l-parallel-1112m')).toBeCloseTo(10 * m001, 1);
    expect(d('poly-222m')).toBeCloseTo(2 * m001, 1);
    expect(d('p-past-end')).toBeCloseTo(3 * m001 * Math.cos((1 * Math.PI) / 180), 0);
    expect(d('l-crossing')).toBe(0);
    expect(distanceToCorridorM(line, null)).toBe(Number.POSITIVE_INFINITY);
  });
});
