/** The `layers` attribute: read against the plan's layers, changed in the manifest's order. */
import { describe, expect, it } from 'vitest';
import type { LayerSpec } from '../../src/plan/types.js';
import { LayerVisibility } from '../../src/plan-map/layer-visibility.js';

const specs = [
  { id: 'zones', visible: true },
  { id: 'projects', visible: true },
  { id: 'corridor', visible: false },
  { id: 'imported', visible: true },
] as LayerSpec[];

/** A LayerVisibility over `specs` with the attribute `layers`, loaded or not. */
function setup(layers: string | null, loaded = true) {
  const el = { layers, loaded };
  const visibility = new LayerVisibility({
    specs: () => specs,
    layers: () => el.layers,
    setLayers: (text) => {
      el.layers = text;
    },
    loaded: () => el.loaded,
  });
  return { el, visibility };
}

describe('LayerVisibility', () => {
  it("reads the attribute, or the plan's defaults without one", () => {
    expect([...setup(null).visibility.visible]).toEqual(['zones', 'projects', 'imported']);
    expect([...setup(' corridor, zones ').visibility.visible]).toEqual(['corridor', 'zones']);
  });

  it("writes changes in the manifest's order and returns them", () => {
    const { el, visibility } = setup('projects');
    expect(visibility.change([['zones', true]])).toEqual(['zones', 'projects']);
    expect(el.layers).toBe('zones,projects');
  });

  it('keeps setLayerVisible() calls made before the plan loaded, and applies them once', () => {
    const { el, visibility } = setup(null, false);
    visibility.set('corridor', true);
    visibility.set('projects', false);
    expect(el.layers).toBeNull();
    el.loaded = true;
    visibility.applyPending();
    expect(el.layers).toBe('zones,corridor,imported');
    el.layers = 'zones';
    visibility.applyPending();
    expect(el.layers).toBe('zones');
  });

  it("shows an import's layer with it, and drops it with it, only in an explicit list", () => {
    const explicit = setup('zones');
    explicit.visibility.importChanged(true);
    expect(explicit.el.layers).toBe('zones,imported');
    explicit.visibility.importChanged(false);
    expect(explicit.el.layers).toBe('zones');
    const defaults = setup(null);
    defaults.visibility.importChanged(true);
    expect(defaults.el.layers).toBeNull();
  });
});
