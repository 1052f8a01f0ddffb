import type { Feature, Geometry } from 'geojson';
import { describe, expect, it } from 'vitest';
import { areaKm2 } from '../../src/analysis/index';
import { expectGolden, loadFixture } from './fixtures';
import { rectAreaKm2 } from './hand';

const fc = loadFixture<{ id: string }>('in/area.geojson');
const byId = (id: string) => fc.features.find((f) => f.properties.id === id)!;

describe('areaKm2', () => {
  it('matches the golden file (in/area.geojson → out/area.json)', () => {
    expectGolden('area', Object.fromEntries(fc.features.map((f) => [f.properties.id, areaKm2(f)])));
  });

  it('gives ~12,364 km² for a 1° square on the equator (hand formula R²·Δλ·Δsinφ)', () => {
    const a = areaKm2(byId('square-1deg-equator'));
    expect(a).toBeCloseTo(rectAreaKm2(0, 0, 1, 1), 6);
    expect(Math.round(a)).toBe(12_364);
  });

  it('measures a 0.1° rectangle at Dalian by the hand formula (~96.3 km²)', () => {
    const a = areaKm2(byId('rect-dalian'));
    expect(a).toBeCloseTo(rectAreaKm2(121.5, 38.8, 121.6, 38.9), 8);
    expect(a).toBeGreaterThan(96);
    expect(a).toBeLessThan(97);
  });

  it('sums the parts of a MultiPolygon and subtracts its hole', () => {
    const expected =
      rectAreaKm2(121.3, 38.8, 121.4, 38.9) -
      rectAreaKm2(121.32, 38.82, 121.37, 38.87) +
      rectAreaKm2(121.4, 38.8, 121.5, 38.9);
    expect(areaKm2(byId('multi-with-hole'))).toBeCloseTo(expected, 8);
  });

  it('is 0 for points, lines and features without geometry; takes bare geometries', () => {
    expect(areaKm2(byId('point'))).toBe(0);
    expect(areaKm2(byId('line'))).toBe(0);
    const empty: Feature<Geometry | null> = { type: 'Feature', properties: {}, geometry: null };
    expect(areaKm2(empty)).toBe(0);
    expect(areaKm2(byId('rect-dalian').geometry)).toBeCloseTo(
      rectAreaKm2(121.5, 38.8, 121.6, 38.9),
      8,
    );
  });
});
