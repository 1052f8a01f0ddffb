/**
 * The `layers` attribute: which of the plan's layers are visible (the attribute read against
 * the plan's layers, in the manifest's order) and the changes to it — the user's toggles,
 * setLayerVisible() (kept until the plan has loaded), an import's layer shown with it.
 */
import type { LayerSpec } from '../plan/types.js';
import { layersWith, visibleLayers } from './selection.js';

export interface LayerVisibilityOptions {
  /** The plan's layers (those of the plan drawn while it is analysed, else the model's). */
  specs(): readonly LayerSpec[];
  /** The `layers` attribute. */
  layers(): string | null;
  setLayers(text: string): void;
  /** Whether a plan is loaded. */
  loaded(): boolean;
}

export class LayerVisibility {
  readonly #opts: LayerVisibilityOptions;
  /** setLayerVisible() calls made before the plan loaded, applied when it has. */
  #pending = new Map<string, boolean>();

  constructor(opts: LayerVisibilityOptions) {
    this.#opts = opts;
  }

  /** The visible layers' ids. */
  get visible(): Set<string> {
    return visibleLayers(this.#opts.specs(), this.#opts.layers());
  }

  /** Shows or hides layers; returns the visible ids, in the manifest's order. */
  change(changes: Iterable<readonly [string, boolean]>): string[] {
    const layers = layersWith(this.#opts.specs(), this.visible, changes);
    this.#opts.setLayers(layers.join(','));
    return layers;
  }

  /** setLayerVisible(): applied now, or once the plan has loaded. */
  set(id: string, visible: boolean): void {
    if (this.#opts.loaded()) this.change([[id, visible]]);
    else this.#pending.set(id, visible);
  }

  /** The plan has loaded: the setLayerVisible() calls made before it did. */
  applyPending(): void {
    if (this.#pending.size === 0) return;
    this.change(this.#pending);
    this.#pending.clear();
  }

  /** An import was added (or removed): with an explicit list, its layer is shown (or dropped). */
  importChanged(imported: boolean): void {
    if (this.#opts.layers() === null) return;
    const visible = this.visible;
    if (imported && !visible.has('imported')) {
      this.#opts.setLayers([...visible, 'imported'].join(','));
    } else if (!imported && visible.has('imported')) {
      this.#opts.setLayers([...visible].filter((l) => l !== 'imported').join(','));
    }
  }
}
