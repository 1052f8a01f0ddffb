/**
 * The one owner of the MapLibre map: creates it from the pure style (../map/style.ts), applies
 * view-state changes, turns clicks into feature ids, reports user camera moves and WebGL
 * context loss, and releases everything on destroy().
 */
import {
  AttributionControl,
  type ErrorEvent,
  type LngLatBoundsLike,
  type MapGeoJSONFeature,
  type MapLibreEvent,
  Map as MapLibreMap,
  type MapMouseEvent,
  NavigationControl,
  ScaleControl,
  setWorkerUrl,
} from 'maplibre-gl';
// The worker ships as its own file; pointing MapLibre at it (same origin, no blob:) keeps it
// working under Vite's dep pre-bundling and under a strict worker-src CSP.
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { type Basemap, mergeIntoStyle, withRasterBasemap } from '../map/basemap.js';
import {
  buildStyle,
  clickableLayerIds,
  clusterLayerIds,
  nameExpr,
  type StyleLayerMeta,
  selectionFilter,
  type ViewState,
} from '../map/style.js';
import type { PlanModel } from '../plan/model.js';
import { zoomIntoCluster } from './cluster-zoom.js';

setWorkerUrl(workerUrl);

/** Pixels around a click within which a point or line counts as hit. */
const HIT_TOLERANCE_PX = 5;

export interface ViewChange {
  center: [number, number];
  zoom: number;
  bounds: [number, number, number, number];
}

export interface MapControllerOptions {
  container: HTMLElement;
  basemap: Basemap;
  cooperativeGestures: boolean;
  /** Called with the feature id the user clicked, or null for a click on nothing. */
  onPick: (id: string | null) => void;
  /** Called after the user (not code) moved the camera. */
  onViewChange?: (view: ViewChange) => void;
  /** Called when the WebGL context is lost (true) and when it comes back (false). */
  onContextLost?: (lost: boolean) => void;
  /** Called when MapLibre reports an error (a tile or style that failed to load …). */
  onError?: (message: string) => void;
}

export class MapController {
  readonly map: MapLibreMap;
  #model: PlanModel;
  #clickable: string[] = [];
  /** Cluster circles of clustered item layers: a click zooms in instead of selecting. */
  #clusters: string[] = [];
  #opts: MapControllerOptions;

  /** Resolves once the style and every source are loaded and the first frame is drawn. */
  readonly ready: Promise<void>;

  constructor(opts: MapControllerOptions, model: PlanModel, state: ViewState) {
    this.#opts = opts;
    this.#model = model;
    const planStyle = buildStyle(model.plan, state);
    this.#clickable = clickableLayerIds(planStyle);
    this.#clusters = clusterLayerIds(planStyle);
    const [w, s, e, n] = model.plan.manifest.bbox;
    const basemap = opts.basemap;
    this.map = new MapLibreMap({
      container: opts.container,
      style: basemap.kind === 'style' ? basemap.url : withRasterBasemap(planStyle, basemap),
      // A style URL is fetched, then the plan is drawn over it.
      transformStyle:
        basemap.kind === 'style' ? (_previous, next) => mergeIntoStyle(next, planStyle) : undefined,
      bounds: [w, s, e, n],
      fitBoundsOptions: { padding: 24 },
      attributionControl: false,
      cooperativeGestures: opts.cooperativeGestures,
      localIdeographFontFamily: 'Noto Sans CJK SC, Noto Sans SC, sans-serif',
      // Lets tests and image export read the canvas back.
      canvasContextAttributes: { preserveDrawingBuffer: true },
    });
    this.map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    this.map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-right');
    this.map.addControl(new AttributionControl({ compact: false }), 'bottom-right');
    this.map.on('click', this.#onClick);
    this.map.on('mousemove', this.#onMove);
    this.map.on('moveend', this.#onMoveEnd);
    this.map.on('error', this.#onMapError);
    this.map.on('webglcontextlost', this.#onContextLost);
    this.map.on('webglcontextrestored', this.#onContextRestored);
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

  setCooperativeGestures(on: boolean): void {
    if (on) this.map.cooperativeGestures.enable();
    else this.map.cooperativeGestures.disable();
  }

  fitBounds(bounds: LngLatBoundsLike, animate = true): void {
    this.map.fitBounds(bounds, { padding: 48, maxZoom: 15, animate });
  }

  resize(): void {
    this.map.resize();
  }

  destroy(): void {
    this.map.off('click', this.#onClick);
    this.map.off('mousemove', this.#onMove);
    this.map.off('moveend', this.#onMoveEnd);
    this.map.off('error', this.#onMapError);
    this.map.off('webglcontextlost', this.#onContextLost);
    this.map.off('webglcontextrestored', this.#onContextRestored);
    // remove() also releases the WebGL context (WEBGL_lose_context), so a page can create
    // and remove maps repeatedly without hitting the browser's live-context limit.
    this.map.remove();
  }

  #hits(point: { x: number; y: number }, from = this.#clickable): MapGeoJSONFeature[] {
    const layers = from.filter((id) => this.map.getLayer(id));
    if (layers.length === 0) return []; // e.g. no clustered layer: nothing to query
    const t = HIT_TOLERANCE_PX;
    return this.map.queryRenderedFeatures(
      [
        [point.x - t, point.y - t],
        [point.x + t, point.y + t],
      ],
      { layers },
    );
  }

  /** Points and lines beat polygons; among polygons the smallest (most specific) zone wins. */
  #pick(hits: MapGeoJSONFeature[]): string | null {
    const ids = hits
      .map((h) => h.properties.id)
      .filter((id) => id !== undefined)
      .map(String);
    const notArea = ids.find((id) => !this.#model.areaKm2.has(id));
    if (notArea) return notArea;
    const byArea = [...new Set(ids)].sort(
      (a, b) => (this.#model.areaKm2.get(a) ?? 0) - (this.#model.areaKm2.get(b) ?? 0),
    );
    return byArea[0] ?? null;
  }

  #onClick = (e: MapMouseEvent): void => {
    // A cluster of a large item layer is not a feature to select: zoom in until it splits.
    const cluster = this.#hits(e.point, this.#clusters)[0];
    if (cluster) {
      void zoomIntoCluster(this.map, cluster);
      return;
    }
    this.#opts.onPick(this.#pick(this.#hits(e.point)));
  };

  #onMove = (e: MapMouseEvent): void => {
    const over = this.#hits(e.point).length > 0 || this.#hits(e.point, this.#clusters).length > 0;
    this.map.getCanvas().style.cursor = over ? 'pointer' : '';
  };

  /** Only camera moves that a person made (they carry the input event) are reported. */
  #onMoveEnd = (e: MapLibreEvent<MouseEvent | TouchEvent | WheelEvent | undefined>): void => {
    if (!e.originalEvent || !this.#opts.onViewChange) return;
    const c = this.map.getCenter();
    const b = this.map.getBounds();
    this.#opts.onViewChange({
      center: [c.lng, c.lat],
      zoom: this.map.getZoom(),
      bounds: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()],
    });
  };

  #onMapError = (e: ErrorEvent): void => {
    this.#opts.onError?.(e.error?.message ?? 'map error');
  };

  #onContextLost = (): void => this.#opts.onContextLost?.(true);
  #onContextRestored = (): void => this.#opts.onContextLost?.(false);
}
