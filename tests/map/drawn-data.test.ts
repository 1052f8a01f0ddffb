/**
 * What reaches MapLibre of a plan feature (`drawnData`): its geometry and the properties the
 * style reads, not its summaries, pinyin, history or quoted sources. Checked against every
 * property any expression of the built-in plan's style reads (in every state the controller
 * sets: both languages, a year's statuses, a filter), so a style that starts reading another
 * property fails here instead of drawing nothing.
 */
import type { Feature } from 'geojson';
import { describe, expect, it } from 'vitest';
import { buildStyle, drawnData, withoutHighlights } from '../../src/map/style.js';
import { buildModel } from '../../src/plan/model.js';
import { builtinPlan } from '../plan/builtin.js';

/** Every `["get", key]` in a style's layers (filters, layout and paint), and its `promoteId`s. */
function readKeys(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    if (value[0] === 'get' && typeof value[1] === 'string' && value.length === 2) out.add(value[1]);
    for (const v of value) readKeys(v, out);
  } else if (value && typeof value === 'object') {
    for (const v of Object.values(value)) readKeys(v, out);
  }
  return out;
}

describe('the features given to MapLibre', () => {
  const plan = builtinPlan();
  const model = buildModel(plan);
  const items = plan.layers.find((l) => l.spec.id === 'projects')!;

  it('keep every property the style reads, and its promoted id', () => {
    const keys = new Set<string>();
    const ids = model.items.map((i) => i.properties.id);
    for (const lang of ['zh', 'en'] as const) {
      const shown = new Map([['projects', ids.slice(0, 3)]]);
      const state = {
        lang,
        visible: new Set(plan.manifest.layers.map((l) => l.id)),
        selected: null,
      };
      for (const s of [buildStyle(plan, state), buildStyle(plan, { ...state, shown })]) {
        readKeys(s.layers, keys);
        // The highlight layers held back from the first style read what the others read.
        for (const held of withoutHighlights(s).held.values()) readKeys(held, keys);
        for (const src of Object.values(s.sources)) {
          const promote = (src as { promoteId?: unknown }).promoteId;
          if (typeof promote === 'string') keys.add(promote);
        }
      }
    }
    // Cluster counts are MapLibre's own properties, not the plan's.
    keys.delete('point_count');
    keys.delete('point_count_abbreviated');
    expect(keys.size).toBeGreaterThan(2);
    for (const layer of plan.layers.filter((l) => l.spec.kind !== 'basemap')) {
      for (const [i, f] of layer.data.features.entries()) {
        const drawn = drawnData(layer.data).features[i]!;
        for (const key of keys) {
          expect(drawn.properties?.[key], `${layer.spec.id} ${f.properties.id} ${key}`).toEqual(
            (f.properties as unknown as Record<string, unknown>)[key],
          );
        }
        expect(drawn.geometry).toBe(f.geometry);
      }
    }
  });

  it('leave out what the map does not draw, and are made once per layer', () => {
    const f = items.data.features[0]!;
    expect(Object.keys(f.properties)).toEqual(expect.arrayContaining(['sources', 'history']));
    const drawn = drawnData(items.data);
    const props = (drawn.features[0] as Feature).properties!;
    expect(Object.keys(props).sort()).toEqual(
      ['id', 'kind', 'name_en', 'name_zh', 'status'].filter((k) => k in f.properties).sort(),
    );
    expect(drawnData(items.data)).toBe(drawn);
    // The plan's own features are not changed.
    expect(f.properties.sources.length).toBeGreaterThan(0);
  });
});
