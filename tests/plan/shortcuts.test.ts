/**
 * The shortcuts for the common case — a large item layer is mostly plain points with short,
 * ordinary text, most of the time nothing is filtered, and a small plan needs no fine zone grid —
 * must give exactly what the rules they skip give: each is checked here against the full rules,
 * or against the plain definition it shortcuts, on input that sits on both sides of every
 * condition.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assignZones,
  buildZoneIndex,
  DEFAULT_GRID_CELLS,
  gridCellsFor,
} from '../../src/analysis/index.js';
import {
  importFile,
  importPlanOf,
  planWithImport,
  withUnlocatedImports,
} from '../../src/import/index.js';
import {
  type BBox,
  checkGeometry,
  checkGeometryByRules,
  countLayerPositions,
  countPositions,
  type GeometryContext,
} from '../../src/plan/geometry.js';
import { buildModel, zoneInputs } from '../../src/plan/model.js';
import { looksLikeFormula, requiredRules } from '../../src/plan/property-rules.js';
import { hasMarkup } from '../../src/plan/text.js';
import { planView, planViewByRules } from '../../src/plan/view-filter.js';
import { builtinModel } from './builtin.js';

const SEED = 20_261_130;
const RUNS = Number(process.env.FC_RUNS ?? 1000);

/** Numbers around the edges: of the ranges, of the extent below, and not finite ones. */
const coordinate = fc.oneof(
  fc.double({ min: 121, max: 122.2, noNaN: true }),
  fc.double({ min: 38.6, max: 39.2, noNaN: true }),
  fc.constantFrom(-180, 180, 180.000001, -90, 90, 90.5, 0, Number.NaN, Number.POSITIVE_INFINITY),
  fc.double(),
);
const position = fc.array(fc.oneof(coordinate, fc.string({ maxLength: 2 }), fc.constant(null)), {
  maxLength: 4,
});
const geometry = fc.oneof(
  fc.record({ type: fc.constantFrom('Point', 'point', 'MultiPoint'), coordinates: position }),
  fc.record({
    type: fc.constantFrom('Point', 'LineString'),
    coordinates: fc.oneof(fc.array(position, { maxLength: 3 }), fc.anything()),
  }),
  fc.record({ type: fc.constant('Point') }),
  fc.anything(),
);
const EXTENT: BBox = [121.2, 38.7, 122.0, 39.1];
const context = fc.record({
  extent: fc.constantFrom(null, EXTENT),
  datum: fc.constantFrom('WGS84', 'GCJ02'),
  maxVertices: fc.constantFrom(0, 1, 50_000),
}) as fc.Arbitrary<GeometryContext>;

describe('the plain-point shortcut of checkGeometry', () => {
  it('gives what the rules give', () => {
    fc.assert(
      fc.property(geometry, context, (g, ctx) => {
        expect(checkGeometry(g, ctx)).toEqual(checkGeometryByRules(g, ctx));
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('is taken for a WGS84 point inside the extent, and for a 3-D one', () => {
    const ctx: GeometryContext = { extent: EXTENT, datum: 'WGS84', maxVertices: 10 };
    for (const coordinates of [
      [121.5, 38.9],
      [121.5, 38.9, 12],
    ]) {
      const r = checkGeometry({ type: 'Point', coordinates }, ctx);
      expect(r).toEqual({
        ok: true,
        geometry: { type: 'Point', coordinates },
        bbox: [121.5, 38.9, 121.5, 38.9],
        vertexCount: 1,
        rewound: [],
      });
      expect(r).toEqual(checkGeometryByRules({ type: 'Point', coordinates }, ctx));
    }
  });
});

describe('countLayerPositions', () => {
  const feature = fc.oneof(
    fc.record({ type: fc.constant('Feature'), geometry: geometry }),
    fc.record({
      geometry: fc.record({
        coordinates: fc.array(fc.array(fc.array(coordinate, { maxLength: 3 }), { maxLength: 4 }), {
          maxLength: 4,
        }),
      }),
    }),
    fc.anything(),
  );
  it("counts every feature's positions as countPositions does, up to the cap", () => {
    fc.assert(
      fc.property(fc.array(feature, { maxLength: 12 }), fc.nat(20), (features, cap) => {
        const isObject = (v: unknown): v is Record<string, unknown> =>
          typeof v === 'object' && v !== null && !Array.isArray(v);
        let total = 0;
        for (const f of features) {
          const g = isObject(f) ? f.geometry : null;
          total += countPositions(isObject(g) ? g.coordinates : null, Infinity, 1);
        }
        expect(countLayerPositions(features, cap)).toBe(Math.min(total, cap + 1));
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });
});

/** Text around the edges of the shortcuts: white space of every kind, `<`, formula starts. */
const text = fc.oneof(
  fc.string({
    unit: fc.constantFrom(
      ' ',
      '\t',
      '\n',
      '\u00a0',
      '\u3000',
      '\ufeff',
      '\u2028',
      'a',
      '<',
      '=',
      '+',
      '-',
      '@',
      '\r',
      '1',
      '中',
    ),
  }),
  fc.string(),
  fc.string({ unit: 'grapheme' }),
);

describe('text shortcuts', () => {
  it('a missing required name is exactly one that trims to nothing', () => {
    fc.assert(
      fc.property(text, (s) => {
        const props = { id: 'x-1', kind: 'zone', name_zh: s, name_en: 'X' };
        const missing = requiredRules(props).some(
          (f) => f.key === 'name_zh' && f.code === 'missing-property',
        );
        expect(missing).toBe(s.trim() === '');
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('looksLikeFormula and hasMarkup say what their patterns say', () => {
    fc.assert(
      fc.property(text, (s) => {
        expect(looksLikeFormula(s)).toBe(/^[=+\-@\t\r]/.test(s) && !/^[+-]?\s*\d/.test(s));
        expect(hasMarkup(s)).toBe(/<\s*[a-zA-Z!/?]/.test(s));
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });
});

describe('the unfiltered shortcut of planView', () => {
  it('gives what the filter rules give: the built-in plan, and with zone-name imports', async () => {
    const name = 'utf8-bom-zones.csv';
    const bytes = new Uint8Array(
      readFileSync(new URL(`../fixtures/import/${name}`, import.meta.url)),
    );
    const base = builtinModel();
    const result = await importFile(bytes, name, importPlanOf(base));
    const located = buildModel(planWithImport(base.plan, name, result.items));
    const imported = withUnlocatedImports(located, result.items, result.memberships);
    // Rows placed by their zone's name only join the items after the analysis.
    expect(imported.items.length).toBeGreaterThan(located.items.length);
    for (const model of [base, imported]) {
      const view = { filter: {}, year: null };
      expect(planView(model, view)).toEqual(planViewByRules(model, view));
    }
  });
});

describe('the coarse zone grid of a plan with few items', () => {
  it('attaches every item as the default grid does', () => {
    const model = builtinModel();
    expect(gridCellsFor(model.items.length)).toBeLessThan(DEFAULT_GRID_CELLS);
    const fine = buildZoneIndex(zoneInputs(model.zones), { gridCells: DEFAULT_GRID_CELLS });
    const options = { nearestWithinM: model.attachWithinM };
    expect(model.itemMemberships).toEqual(assignZones(model.items, fine, options));
  });
});
