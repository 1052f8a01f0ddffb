import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import {
  buildZoneIndex,
  CELL_TEST,
  type ZoneInput,
  zoneIndexOfPoints,
  zoneOfPoints,
  zoneOfPointsNaive,
  zonesAtPoint,
} from '../../src/analysis/index';
import { loadFixture } from './fixtures';
import { makePointLayer, mulberry32 } from './points';

type Zone = Feature<Polygon | MultiPolygon, { id: string; parent?: string }>;

const fixtureZones = loadFixture<{ id: string; parent?: string }>('zones.geojson')
  .features as Zone[];

function square(id: string, w: number, s: number, e: number, n: number, parent?: string): Zone {
  return {
    type: 'Feature',
    properties: parent ? { id, parent } : { id },
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [w, s],
          [e, s],
          [e, n],
          [w, n],
          [w, s],
        ],
      ],
    },
  };
}

/** First index where the two answers differ, or -1. */
function firstDifference(a: (string | null)[], b: (string | null)[]): number {
  if (a.length !== b.length) return 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return i;
  return -1;
}

describe('zoneOfPoints vs zoneOfPointsNaive', () => {
  it('agrees on 20k points over the fixture zones, incl. points on vertices and edges', () => {
    const coords = makePointLayer(fixtureZones, 20_000, 42, {
      insideShare: 0.5,
      vertexShare: 0.1,
      edgeShare: 0.1,
    });
    const index = buildZoneIndex(fixtureZones);
    const fast = zoneOfPoints(index, coords);
    const naive = zoneOfPointsNaive(fixtureZones, coords);
    expect(firstDifference(fast, naive)).toBe(-1);
    // The data really exercises the cases: points in nested subzones, in the eco-core
    // hole's surroundings, outside everything.
    const counts = new Map<string | null, number>();
    for (const z of naive) counts.set(z, (counts.get(z) ?? 0) + 1);
    expect(counts.get(null)).toBeGreaterThan(2000);
    expect(counts.get('center-qixianling')).toBeGreaterThan(100);
    expect(counts.get('science-city-baoyudu')).toBeGreaterThan(100);
    expect(counts.size).toBe(fixtureZones.length + 1);
  });

  it('answers most points from the grid alone (the fast path is really taken)', () => {
    const coords = makePointLayer(fixtureZones, 20_000, 7);
    const index = buildZoneIndex(fixtureZones);
    const g = index.grid;
    let tested = 0;
    for (let i = 0; i < coords.length; i += 2) {
      const c = Math.min(g.cols - 1, Math.floor((coords[i]! - g.west) * g.colsPerDeg));
      const r = Math.min(g.rows - 1, Math.floor((coords[i + 1]! - g.south) * g.rowsPerDeg));
      const inGrid =
        coords[i]! >= g.west &&
        coords[i]! <= g.east &&
        coords[i + 1]! >= g.south &&
        coords[i + 1]! <= g.north;
      if (inGrid && g.answer[r * g.cols + c] === CELL_TEST) tested++;
    }
    expect(tested / 20_000).toBeLessThan(0.1);
    expect(g.boundaryCells / (g.cols * g.rows)).toBeLessThan(0.1);
  });

  it.each([1, 3, 17, 64, 4096])('agrees with a %i-cell grid', (gridCells) => {
    const coords = makePointLayer(fixtureZones, 5_000, gridCells, {
      vertexShare: 0.1,
      edgeShare: 0.1,
    });
    const index = buildZoneIndex(fixtureZones, { gridCells });
    expect(
      firstDifference(zoneOfPoints(index, coords), zoneOfPointsNaive(fixtureZones, coords)),
    ).toBe(-1);
  });

  it('counts points exactly on a boundary as inside, like Turf', () => {
    const zones = [
      square('a', 121.4, 38.8, 121.5, 38.9),
      square('a1', 121.42, 38.82, 121.46, 38.86),
    ];
    const index = buildZoneIndex(zones, { gridCells: 64 });
    const rand = mulberry32(3);
    const pts: number[] = [];
    // Exactly on edges (axis-aligned, so representable), on vertices, and just off them.
    for (let i = 0; i < 2000; i++) {
      const t = 121.4 + rand() * 0.1;
      const u = 38.8 + rand() * 0.1;
      pts.push(121.5, u, 121.4, u, t, 38.9, t, 38.8, 121.46, 38.82 + rand() * 0.04);
      pts.push(121.5 + 1e-12, u, 121.46 - 1e-13, 38.83);
    }
    pts.push(121.4, 38.8, 121.5, 38.9, 121.42, 38.82, 121.46, 38.86);
    const coords = Float64Array.from(pts);
    const fast = zoneOfPoints(index, coords);
    expect(firstDifference(fast, zoneOfPointsNaive(zones, coords))).toBe(-1);
    expect(fast[0]).toBe('a'); // on a's east edge
    expect(fast[4]).toBe('a1'); // on a1's east edge, inside a too: a1 is smaller
    expect(fast[5]).toBe(null); // 1e-12° east of a's east edge
    expect(fast[6]).toBe('a1'); // a hair inside a1
    expect(fast.slice(-4)).toEqual(['a', 'a', 'a1', 'a1']); // vertices
  });

  it('agrees on points exactly on grid lines and cell corners', () => {
    const index = buildZoneIndex(fixtureZones, { gridCells: 128 });
    const g = index.grid;
    const pts: number[] = [];
    for (let c = 0; c <= g.cols; c++) {
      for (let r = 0; r <= g.rows; r += 3) {
        pts.push(g.west + c / g.colsPerDeg, g.south + r / g.rowsPerDeg);
      }
    }
    const coords = Float64Array.from(pts);
    expect(
      firstDifference(zoneOfPoints(index, coords), zoneOfPointsNaive(fixtureZones, coords)),
    ).toBe(-1);
  });

  it('honours a declared feature bbox smaller than the geometry, as Turf does', () => {
    const a = square('a', 121.4, 38.8, 121.5, 38.9);
    a.bbox = [121.4, 38.8, 121.45, 38.9]; // wrong on purpose: Turf rejects points east of 121.45
    const b = square('b', 121.3, 38.7, 121.6, 39.0);
    const zones = [a, b];
    const coords = makePointLayer(zones, 5_000, 11, { insideShare: 0.8 });
    const index = buildZoneIndex(zones, { gridCells: 50 });
    const fast = zoneOfPoints(index, coords);
    expect(firstDifference(fast, zoneOfPointsNaive(zones, coords))).toBe(-1);
    expect(zoneOfPoints(index, Float64Array.of(121.47, 38.85, 121.43, 38.85))).toEqual(['b', 'a']);
  });

  it('leaves holes out and keeps equal-area ties in input order', () => {
    const ring = (w: number, s: number, e: number, n: number, cw = false) => {
      const r = [
        [w, s],
        [e, s],
        [e, n],
        [w, n],
        [w, s],
      ];
      return cw ? r.reverse() : r;
    };
    const holed: Zone = {
      type: 'Feature',
      properties: { id: 'holed' },
      geometry: {
        type: 'Polygon',
        coordinates: [ring(0, 0, 1, 1), ring(0.4, 0.4, 0.6, 0.6, true)],
      },
    };
    const twinA = square('twin-a', 2, 0, 3, 1);
    const twinB = square('twin-b', 2, 0, 3, 1);
    const zones = [holed, twinA, twinB];
    const index = buildZoneIndex(zones, { gridCells: 40 });
    const coords = Float64Array.of(0.5, 0.5, 0.2, 0.2, 0.4, 0.5, 2.5, 0.5, 5, 5, Number.NaN, 0.5);
    const fast = zoneOfPoints(index, coords);
    expect(fast).toEqual([null, 'holed', 'holed', 'twin-a', null, null]);
    expect(fast).toEqual(zoneOfPointsNaive(zones, coords));
    const random = makePointLayer(zones, 5_000, 5, { vertexShare: 0.05, edgeShare: 0.05 });
    expect(firstDifference(zoneOfPoints(index, random), zoneOfPointsNaive(zones, random))).toBe(-1);
  });

  it('returns -1 indices and nulls with no zones at all', () => {
    const index = buildZoneIndex([]);
    expect(Array.from(zoneIndexOfPoints(index, Float64Array.of(1, 2)))).toEqual([-1]);
    expect(zoneOfPoints(index, Float64Array.of(1, 2))).toEqual([null]);
  });

  it('skips zones that are not areal, like the naive loop', () => {
    const line: ZoneInput = {
      type: 'Feature',
      properties: { id: 'corridor-line' },
      geometry: {
        type: 'LineString',
        coordinates: [
          [0, 0],
          [1, 1],
        ],
      },
    };
    const zones: ZoneInput[] = [line, square('a', 0, 0, 1, 1)];
    const index = buildZoneIndex(zones);
    expect(index.skipped).toEqual([{ id: 'corridor-line', reason: 'not-areal' }]);
    const coords = Float64Array.of(0.5, 0.5, 2, 2);
    expect(zoneOfPoints(index, coords)).toEqual(['a', null]);
    expect(zoneOfPointsNaive(zones, coords)).toEqual(['a', null]);
  });
});

describe('zonesAtPoint', () => {
  it('lists every containing zone, smallest first', () => {
    const index = buildZoneIndex(fixtureZones);
    // A point well inside 七贤岭 (centre of its box is inside this blob).
    const qx = fixtureZones.find((z) => z.properties.id === 'center-qixianling')!;
    const ring = (qx.geometry as Polygon).coordinates[0]!;
    const cx = ring.reduce((s, p) => s + p[0]!, 0) / ring.length;
    const cy = ring.reduce((s, p) => s + p[1]!, 0) / ring.length;
    expect(zonesAtPoint(index, [cx, cy])[0]).toBe('center-qixianling');
    expect(zonesAtPoint(index, [cx, cy])).toContain('center');
    expect(zonesAtPoint(index, [0, 0])).toEqual([]);
  });
});
