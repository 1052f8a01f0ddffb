/**
 * What reaches MapLibre of a plan feature (`drawnData`): its geometry and the properties the
 * style reads, not its summaries, pinyin, history or quoted sources. Checked, layer by layer,
 * against every property the style layers drawing its sources read (in every state the
 * controller sets: both languages, a year's statuses, a filter), so a style that starts reading
 * another property fails here instead of drawing nothing.
 */
import type { Feature } from 'geojson';
import { describe, expect, it } from 'vitest';
import { buildStyle, drawnData, shapesSourceId, withoutHighlights } from '../../src/map/style.js';
import { buildModel } from '../../src/plan/model.js';
import { isContentLayerKind } from '../../src/plan/types.js';
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

  it("keep every property their layer's style reads, and its promoted id", () => {
    // The keys read by the style layers of each source, in every state the controller sets.
    const keysOf = new Map<string, Set<string>>();
    const keys = (source: string) =>
      keysOf.get(source) ?? keysOf.set(source, new Set()).get(source)!;
    const ids = model.items.map((i) => i.properties.id);
    for (const lang of ['zh', 'en'] as const) {
      const shown = new Map([['projects', ids.slice(0, 3)]]);
      const state = {
        lang,
        visible: new Set(plan.manifest.layers.map((l) => l.id)),
        selected: null,
      };
      for (const s of [buildStyle(plan, state), buildStyle(plan, { ...state, shown })]) {
        // The highlight layers held back from the first style read what the others read.
        const held = [...withoutHighlights(s).held.values()].flat().map((h) => h.layer);
        for (const layer of [...s.layers, ...held]) {
          if ('source' in layer && typeof layer.source === 'string') {
            readKeys(layer, keys(layer.source));
          }
        }
        for (const [id, src] of Object.entries(s.sources)) {
          const promote = (src as { promoteId?: unknown }).promoteId;
          if (typeof promote === 'string') keys(id).add(promote);
        }
      }
    }
    let checked = 0;
    for (const layer of plan.layers.filter((l) => isContentLayerKind(l.spec.kind))) {
      // A clustered layer's shapes have a source of their own.
      const read = new Set([...keys(layer.spec.id), ...keys(shapesSourceId(layer.spec.id))]);
      // Cluster counts are MapLibre's own properties, not the plan's.
      read.delete('point_count');
      read.delete('point_count_abbreviated');
      expect(read.size, layer.spec.id).toBeGreaterThan(1);
      const drawn = drawnData(layer.data, layer.spec.kind);
      for (const [i, f] of layer.data.features.entries()) {
        for (const key of read) {
          expect(
            drawn.features[i]!.properties?.[key],
            `${layer.spec.id} ${f.properties.id} ${key}`,
          ).toEqual((f.properties as unknown as Record<string, unknown>)[key]);
        }
        expect(drawn.features[i]!.geometry).toBe(f.geometry);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('leave out what the map does not draw, and are made once per layer', () => {
    const f = items.data.features[0]!;
    expect(Object.keys(f.properties)).toEqual(expect.arrayContaining(['sources', 'history']));
    const drawn = drawnData(items.data, 'items');
    const props = (drawn.features[0] as Feature).properties!;
    // An item is drawn without its kind (only a zone's picks its pattern and outline).
    expect(Object.keys(props).sort()).toEqual(
      ['id', 'name_en', 'name_zh', 'status'].filter((k) => k in f.properties).sort(),
    );
    expect(drawnData(items.data, 'items')).toBe(drawn);
    const zones = plan.layers.find((l) => l.spec.kind === 'zones')!;
    expect(Object.keys(drawnData(zones.data, 'zones').features[0]!.properties!)).toContain('kind');
    // The plan's own features are not changed.
    expect(f.properties.sources.length).toBeGreaterThan(0);
  });
});
