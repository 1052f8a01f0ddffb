/**
 * The one owner of the MapLibre map: creates it from the pure style (../map/style.ts), applies
 * view-state changes, turns clicks into feature ids and releases everything on destroy().
 */
import {
  AttributionControl,
  type ErrorEvent,
  type LngLatBoundsLike,
  type MapGeoJSONFeature,
  Map as MapLibreMap,
  type MapMouseEvent,
  NavigationControl,
  ScaleControl,
  setWorkerUrl,
} from 'maplibre-gl';
// The worker ships as its own file; pointing MapLibre at it (same origin, no blob:) keeps it
// working under Vite's dep pre-bundling and under a strict worker-src CSP.
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import {
  buildStyle,
  clickableLayerIds,
  nameExpr,
  type StyleLayerMeta,
  selectionFilter,
  type ViewState,
} from '../map/style.js';
import type { PlanModel } from '../plan/model.js';

setWorkerUrl(workerUrl);

/** Pixels around a click within which a point or line counts as hit. */
const HIT_TOLERANCE_PX = 5;

export interface MapControllerOptions {
  container: HTMLElement;
  /** Called with the feature id the user clicked, or null for a click on nothing. */
  onPick: (id: string | null) => void;
  /** Called when the map's WebGL cannot be created or MapLibre reports an error. */
  onError?: (message: string) => void;
}

export class MapController {
  readonly map: MapLibreMap;
  #model: PlanModel;
  #clickable: string[] = [];
  #opts: MapControllerOptions;

  /** Resolves once the style and every source are loaded and the first frame is drawn. */
  readonly ready: Promise<void>;

  constructor(opts: MapControllerOptions, model: PlanModel, state: ViewState) {
    this.#opts = opts;
    this.#model = model;
    const style = buildStyle(model.plan, state);
    this.#clickable = clickableLayerIds(style);
    const [w, s, e, n] = model.plan.manifest.bbox;
    this.map = new MapLibreMap({
      container: opts.container,
      style,
      bounds: [w, s, e, n],
      fitBoundsOptions: { padding: 24 },
      attributionControl: false,
      localIdeographFontFamily: 'Noto Sans CJK SC, Noto Sans SC, sans-serif',
      // Needed so tests and "save image" can read the canvas back.
      canvasContextAttributes: { preserveDrawingBuffer: true },
    });
    this.map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    this.map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-right');
    this.map.addControl(new AttributionControl({ compact: false }), 'bottom-right');
    this.map.on('click', this.#onClick);
    this.map.on('mousemove', this.#onMove);
    this.map.on('error', this.#onMapError);
    this.ready = new Promise((resolve) => this.map.once('idle', () => resolve()));
  }

  /** Apply a new view state: visibility, label language, selection highlight. */
  update(state: ViewState): void {
    const map = this.map;
    if (!map.isStyleLoaded()) {
      map.once('idle', () => this.update(state));
      return;
    }
    for (const layer of map.getStyle().layers) {
      const meta = layer.metadata as StyleLayerMeta | undefined;
      if (!meta) continue;
      const spec = this.#model.plan.layers.find((l) => l.spec.id === meta['plan:layer'])?.spec;
      if (!spec || spec.kind === 'basemap') continue;
      map.setLayoutProperty(
        layer.id,
        'visibility',
        state.visible.has(spec.id) ? 'visible' : 'none',
      );
      if (meta['plan:role'] === 'label') {
        map.setLayoutProperty(layer.id, 'text-field', nameExpr(state.lang));
      }
      if (meta['plan:role'] === 'selected') {
        map.setFilter(
          layer.id,
          selectionFilter(layer.type === 'circle' ? 'circle' : 'line', state.selected),
        );
      }
    }
  }

  fitBounds(bounds: LngLatBoundsLike, animate = true): void {
    this.map.fitBounds(bounds, { padding: 48, maxZoom: 15, animate });
  }

  flyTo(lngLat: [number, number], zoom = 14): void {
    this.map.flyTo({ center: lngLat, zoom: Math.max(this.map.getZoom(), zoom) });
  }

  resize(): void {
    this.map.resize();
  }

  destroy(): void {
    this.map.off('click', this.#onClick);
    this.map.off('mousemove', this.#onMove);
    this.map.off('error', this.#onMapError);
    this.map.remove();
  }

  #hits(point: { x: number; y: number }): MapGeoJSONFeature[] {
    const t = HIT_TOLERANCE_PX;
    return this.map.queryRenderedFeatures(
      [
        [point.x - t, point.y - t],
        [point.x + t, point.y + t],
      ],
      { layers: this.#clickable.filter((id) => this.map.getLayer(id)) },
    );
  }

  /** Points and lines beat polygons; among polygons the smallest (most specific) zone wins. */
  #pick(hits: MapGeoJSONFeature[]): string | null {
    const ids = hits.map((h) => String(h.properties.id));
    const notArea = ids.find((id) => !this.#model.areaKm2.has(id));
    if (notArea) return notArea;
    const byArea = [...new Set(ids)].sort(
      (a, b) => (this.#model.areaKm2.get(a) ?? 0) - (this.#model.areaKm2.get(b) ?? 0),
    );
    return byArea[0] ?? null;
  }

  #onClick = (e: MapMouseEvent): void => {
    this.#opts.onPick(this.#pick(this.#hits(e.point)));
  };

  #onMove = (e: MapMouseEvent): void => {
    this.map.getCanvas().style.cursor = this.#hits(e.point).length > 0 ? 'pointer' : '';
  };

  #onMapError = (e: ErrorEvent): void => {
    this.#opts.onError?.(e.error?.message ?? 'map error');
  };
}
