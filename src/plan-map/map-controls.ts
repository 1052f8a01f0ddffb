/**
 * MapLibre's own UI on the element's map: the zoom buttons, the scale bar and the attribution,
 * in the element's language. Added once the plan is drawn (the attribution then has its full
 * text from the start, instead of growing and shifting the layout as sources load); a compact
 * attribution (phones) starts folded; another language makes the controls again.
 */
import {
  AttributionControl,
  type Map as MapLibreMap,
  NavigationControl,
  ScaleControl,
} from 'maplibre-gl';

export class MapControls {
  readonly #map: MapLibreMap;
  #controls: [NavigationControl, ScaleControl, AttributionControl] | null = null;
  /** Whether a compact attribution has been folded since it became compact. */
  #compactShown = false;

  constructor(map: MapLibreMap) {
    this.#map = map;
    map.on('resize', this.#onResize);
  }

  /** Adds the controls, once. */
  add(): void {
    if (this.#controls) return;
    const controls: [NavigationControl, ScaleControl, AttributionControl] = [
      new NavigationControl({ showCompass: false }),
      new ScaleControl({ unit: 'metric' }),
      // MapLibre's own rule: compact (an ⓘ that opens the full text) on a map up to 640 px wide.
      new AttributionControl({}),
    ];
    this.#controls = controls;
    this.#map.addControl(controls[0], 'top-right');
    this.#map.addControl(controls[1], 'bottom-right');
    this.#map.addControl(controls[2], 'bottom-right');
    this.#compactShown = false;
    this.#collapseAttribution();
  }

  /**
   * Switch MapLibre's UI strings to another language. MapLibre reads them when a control is
   * added (and the canvas's name and the cooperative-gestures hint when they are made), and has
   * no setter: the table is patched, then the controls and the hint are made again.
   */
  setLocale(locale: Record<string, string>): void {
    const map = this.#map;
    map._locale = { ...map._locale, ...locale };
    map.getCanvas().setAttribute('aria-label', map._getUIString('Map.Title'));
    if (this.#controls) {
      for (const control of this.#controls) map.removeControl(control);
      this.#controls = null;
      this.add();
    }
    if (map.cooperativeGestures.isEnabled()) {
      map.cooperativeGestures.disable();
      map.cooperativeGestures.enable();
    }
  }

  destroy(): void {
    this.#map.off('resize', this.#onResize);
  }

  /**
   * MapLibre opens a compact attribution when it becomes compact and folds it at the first drag,
   * so on a phone its text first covers the map. Folded at once instead: the ⓘ stays, and
   * opens the complete text.
   */
  #collapseAttribution(): void {
    const control = this.#controls?.[2];
    const box = control?._container;
    if (!control || !box) return;
    const compact = box.classList.contains('maplibregl-compact');
    if (compact && !this.#compactShown) control._updateCompactMinimize();
    this.#compactShown = compact;
  }

  #onResize = (): void => this.#collapseAttribution();
}
