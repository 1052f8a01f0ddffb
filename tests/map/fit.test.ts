import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { paddingAboveSheet, planExtent } from '../../src/map/fit.js';
import type { LoadedPlan, PlanManifest } from '../../src/plan/types.js';

const manifest = JSON.parse(
  readFileSync(new URL('../../geodata/plan.json', import.meta.url), 'utf8'),
) as PlanManifest;

function planOf(ids: string[]): LoadedPlan {
  const layers = manifest.layers
    .filter((l) => ids.includes(l.id))
    .map((spec) => ({
      spec,
      data: JSON.parse(
        readFileSync(new URL(`../../geodata/${spec.file}`, import.meta.url), 'utf8'),
      ),
    }));
  return { manifest, baseUrl: null, layers, unlocated: [] };
}

describe('planExtent', () => {
  it('is the box of the zone and corridor layers, not the basemap or the places', () => {
    const [w, s, e, n] = planExtent(
      planOf([
        'land',
        'districts',
        'places',
        'eco-core',
        'corridor',
        'center',
        'science-city',
        'clusters',
        'expansion',
        'industrial-corridor',
      ]),
    );
    // Hand-read from the files (tests/map/fit.test.ts): expansion reaches furthest west
    // (121.293), the centre furthest east (121.556), the ecological core furthest north (38.983),
    // the clusters furthest south (38.815); land spans 121.10–121.80 and must not count.
    expect(w).toBeCloseTo(121.293, 3);
    expect(e).toBeCloseTo(121.556, 3);
    expect(s).toBeCloseTo(38.815, 3);
    expect(n).toBeCloseTo(38.983, 3);
  });

  it("falls back to the manifest's bbox for a plan without zones or corridor", () => {
    expect(planExtent(planOf(['land', 'places']))).toEqual(manifest.bbox);
  });
});

describe('paddingAboveSheet', () => {
  it('keeps the shape above the sheet, a margin from every edge', () => {
    expect(paddingAboveSheet({ width: 390, height: 844 }, 422, 16)).toEqual({
      top: 16,
      right: 16,
      bottom: 438,
      left: 16,
    });
  });

  it('no sheet: the margin all round', () => {
    expect(paddingAboveSheet({ width: 800, height: 600 }, 0, 24)).toEqual({
      top: 24,
      right: 24,
      bottom: 24,
      left: 24,
    });
  });

  it('a sheet covering almost everything still leaves the minimum visible area', () => {
    const p = paddingAboveSheet({ width: 360, height: 740 }, 735, 16, 48);
    expect(740 - p.top - p.bottom).toBe(48);
    const tiny = paddingAboveSheet({ width: 40, height: 30 }, 0, 16, 48);
    expect(tiny.left + tiny.right).toBeLessThanOrEqual(40);
    expect(tiny.top + tiny.bottom).toBeLessThanOrEqual(30);
  });
});
