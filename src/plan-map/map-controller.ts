/**
 * The one owner of the MapLibre map: creates it from the pure style (../map/style.ts), applies
 * map-state changes, turns clicks into feature ids, reports user camera moves and WebGL
 * context loss, and releases everything on destroy().
 */
import type { FeatureCollection } from 'geojson';
import {
  type ErrorEvent,
  type ExpressionSpecification,
  type GeoJSONSource,
  getWorkerUrl,
  type LayerSpecification,
  type LngLatBoundsLike,
  type MapGeoJSONFeature,
  type MapLibreEvent,
  Map as MapLibreMap,
  type MapMouseEvent,
  type StyleSpecification,
  setWorkerUrl,
} from 'maplibre-gl';
import { getBasePath, maplibreWorkerUrl } from '../assets/base-path.js';
import { maplibreLocale } from '../i18n/strings.js';
import { type Basemap, mergeIntoStyle, withRasterBasemap } from '../map/basemap.js';
import type { Camera, CameraChange } from '../map/camera.js';
import { type Bounds, type Padding, planExtent } from '../map/fit.js';
import { parsePatternImageId, patternOf, patternPixels, ZONE_TINT_ALPHA } from '../map/patterns.js';
import { metresPerPixel } from '../map/scale.js';
import {
  buildStyle,
  clickableLayerIds,
  clusterLayerIds,
  drawnData,
  drawsAlike,
  type HeldLayer,
  isClusteredLayer,
  isShownFiltered,
  type MapState,
  nameExpr,
  type StyleLayerMeta,
  shapesSourceId,
  shownFilter,
  waitingStyle,
  withDataApart,
  withoutHighlights,
} from '../map/style.js';
import type { PlanModel } from '../plan/model.js';
import { nextTask } from '../plan/next-task.js';
import {
  type ItemStatus,
  isContentLayerKind,
  type Lang,
  type LayerSpec,
  type LoadedPlan,
} from '../plan/types.js';
import { zoomIntoCluster } from './cluster-zoom.js';
import { NO_LABEL_FADE, setLabelFade } from './label-fade.js';
import { MapControls } from './map-controls.js';
import { mark } from './timing.js';

/** The worker URL this module gave MapLibre, to tell it from one the page chose. */
let appliedWorkerUrl: string | null = null;

/**
 * Points MapLibre at its worker file (same origin, no `blob:`, so a strict `worker-src 'self'`
 * holds; see src/assets/). Done when the first map is created, not at import, and never over a
 * worker URL that a portal sharing this maplibre-gl set for its own maps — unless the page
 * called `setBasePath`.
 */
function applyWorkerUrl(): void {
  const current = getWorkerUrl();
  if (current && current !== appliedWorkerUrl && getBasePath() === null) return;
  appliedWorkerUrl = maplibreWorkerUrl();
  setWorkerUrl(appliedWorkerUrl);
}

/** The Dalian High-tech Zone's box: where a map looks while its plan is on its way. */
const DALIAN_HIGH_TECH_ZONE: [number, number, number, number] = [121.29, 38.81, 121.57, 38.99];

/** Pixels around a click within which a point or line counts as hit. */
const HIT_TOLERANCE_PX = 5;

/** The map's picture and where it shows, for the exported sheet (plan-map/sheet.ts). */
export interface MapSnapshot {
  canvas: HTMLCanvasElement;
  /** Device pixels per CSS pixel of the canvas. */
  pixelRatio: number;
  center: [number, number];
  zoom: number;
  /** Degrees clockwise from north (0: north is up). */
  bearing: number;
  /** Ground metres per CSS pixel at the centre. */
  metresPerPixel: number;
}

/** What is known about a MapLibre error besides its message. */
export interface MapErrorInfo {
  /** The style had not loaded yet: a style that failed to load (the map will not draw). */
  beforeLoad: boolean;
  /** The source a tile or its data failed for, if any. */
  sourceId?: string;
}

export interface MapControllerOptions {
  container: HTMLElement;
  basemap: Basemap;
  cooperativeGestures: boolean;
  /** Open at this camera instead of fitting the plan's bbox (e.g. restored from the URL). */
  initialCamera?: Camera | null;
  /**
   * Where the first plan is fitted (without `initialCamera`): a box and its padding. Default:
   * the plan's zones and corridor (map/fit.ts), 24 px from the edges.
   */
  initialFit?: (plan: LoadedPlan) => { bounds: Bounds; padding: Padding | number };
  /** Called after any camera move, by the user or by code (the URL hash follows it). */
  onCameraChange?: (camera: Camera) => void;
  /** Called with the feature id the user clicked, or null for a click on nothing. */
  onPick: (id: string | null) => void;
  /** Called after the user (not code) moved the camera. */
  onUserCameraChange?: (change: CameraChange) => void;
  /** Called when the WebGL context is lost (true) and when it comes back (false). */
  onContextLost?: (lost: boolean) => void;
  /** Called when MapLibre's worker script fails to start (the map cannot draw). */
  onWorkerError?: (workerUrl: string) => void;
  /** Called when MapLibre reports an error (a tile or style that failed to load …). */
  onError?: (message: string, info: MapErrorInfo) => void;
}

export class MapController {
  readonly map: MapLibreMap;
  #model: PlanModel | null = null;
  /** The plan whose style is set (drawn before its model, see {@link drawPlan}). */
  #plan: LoadedPlan | null = null;
  /** The style of `#plan` has loaded. */
  #styleLoaded = false;
  /** Called when the model's plan is drawn. */
  #onDrawn: (() => void) | null = null;
  /** Counts setModel() calls: a plan replaced before it was drawn is not reported drawn. */
  #generation = 0;
  /** The first plan fits the camera to its box (unless the map opened at a given camera). */
  #fitOnModel: boolean;
  #clickable: string[] = [];
  /** Cluster circles of clustered item layers: a click zooms in instead of selecting. */
  #clusters: string[] = [];
  #opts: MapControllerOptions;
  /** Each style layer's filter before the shown-items restriction, by style layer id. */
  #baseFilters = new Map<string, ExpressionSpecification | undefined>();
  /** Highlight layers not yet on the map, by plan layer id (see `withoutHighlights`). */
  #held = new Map<string, HeldLayer[]>();
  /** Item layers drawn clustered (their points' source is re-filtered, see #applyShown). */
  #clustered = new Set<string>();
  /** The state last applied, to apply only what changed. */
  #applied: MapState | null = null;
  /** Feature-state statuses applied, by item id (only where they differ from the data). */
  #statusApplied = new Map<string, ItemStatus>();
  #statuses: ReadonlyMap<string, ItemStatus> | null = null;
  /** The feature with `preview` feature state, and the sources it was set on. */
  #previewed: { id: string; sources: string[] } | null = null;
  /** The feature with `selected` feature state, and the sources it was set on. */
  #selectedOn: { id: string; sources: string[] } | null = null;
  /** False until the style is parsed (MapLibre's `load`); changes wait for it, the last wins. */
  #loaded = false;
  #pending: MapState | null = null;
  /** The language of MapLibre's UI strings. */
  #uiLang: Lang;
  /** Zoom buttons, scale bar and attribution. */
  readonly #controls: MapControls;

  constructor(opts: MapControllerOptions, state: MapState) {
    this.#opts = opts;
    this.#uiLang = state.lang;
    this.#applied = state;
    const basemap = opts.basemap;
    applyWorkerUrl();
    // The map is made at once, with the basemap only; the plan is drawn over it by setModel()
    // when it has arrived, so creating the map, its WebGL context and MapLibre's workers happen
    // while the plan is still loading.
    this.map = new MapLibreMap({
      container: opts.container,
      style: basemap.kind === 'style' ? basemap.url : withRasterBasemap(waitingStyle(), basemap),
      ...(opts.initialCamera
        ? { center: opts.initialCamera.center, zoom: opts.initialCamera.zoom }
        : {
            bounds: DALIAN_HIGH_TECH_ZONE,
            fitBoundsOptions: { padding: 24 },
          }),
      attributionControl: false,
      cooperativeGestures: opts.cooperativeGestures,
      // MapLibre's own UI strings (controls, hints) in the element's language.
      locale: maplibreLocale(state.lang),
      localIdeographFontFamily: 'Noto Sans CJK SC, Noto Sans SC, sans-serif',
      // Labels appear at once until the plan is drawn, then fade (./label-fade.ts).
      ...NO_LABEL_FADE,
      // Lets tests and image export read the canvas back.
      canvasContextAttributes: { preserveDrawingBuffer: true },
    });
    this.#fitOnModel = !opts.initialCamera;
    this.map.on('click', this.#onClick);
    this.map.on('mousemove', this.#onMove);
    this.map.on('moveend', this.#onMoveEnd);
    this.#controls = new MapControls(this.map);
    this.map.on('error', this.#onMapError);
    this.#watchWorkers();
    this.map.on('webglcontextlost', this.#onContextLost);
    this.map.on('webglcontextrestored', this.#onContextRestored);
    this.map.setMissingStyleImageResolver(this.#resolveImage);
  }

  /**
   * A worker that fails to load is reported on the style's dispatcher, not on the map; each
   * style (the waiting one, then each plan's) has its own.
   */
  #watchWorkers(): void {
    const dispatcher = this.map.style?.dispatcher ?? null;
    if (dispatcher === this.#watchedDispatcher) return;
    this.#watchedDispatcher?.off('error', this.#onWorkerError);
    dispatcher?.on('error', this.#onWorkerError);
    this.#watchedDispatcher = dispatcher;
  }

  #watchedDispatcher: NonNullable<MapLibreMap['style']>['dispatcher'] | null = null;

  /** The plan, for code that only runs once one has been set (its layers exist). */
  get #drawnModel(): PlanModel {
    if (!this.#model) throw new Error('MapController: no plan has been set');
    return this.#model;
  }

  /** The plan drawn (or being drawn), or null while it has not arrived. */
  get model(): PlanModel | null {
    return this.#model;
  }

  /**
   * Draws this validated plan (replacing the one drawn, if any) with the element's state, before
   * its analysis is done: MapLibre lays out and paints while the model is being built. Clicks,
   * highlights and state changes wait for the model ({@link setModel}). The first plan fits the
   * camera to its box unless the map opened at a given camera; later ones keep it.
   */
  drawPlan(plan: LoadedPlan, state: MapState): void {
    if (this.#plan === plan) return;
    this.#plan = plan;
    this.#model = null;
    this.#onDrawn = null;
    this.#styleLoaded = false;
    this.#loaded = false;
    this.#pending = null;
    this.#applied = state;
    this.#statusApplied.clear();
    this.#previewed = null;
    this.#selectedOn = null;
    this.#baseFilters.clear();
    this.#clustered.clear();
    const fullStyle = buildStyle(plan, state);
    // Highlight layers join the map when a feature of their layer is first selected or previewed.
    const { style: planStyle, held } = withoutHighlights(fullStyle);
    this.#held = held;
    // The filters before the shown-items restriction: the same style when nothing is filtered
    // (built once: at 100,000 items a style build splits and copies every feature).
    const unfiltered = state.shown ? buildStyle(plan, { ...state, shown: null }) : fullStyle;
    for (const l of unfiltered.layers) {
      this.#baseFilters.set(l.id, (l as { filter?: ExpressionSpecification }).filter);
    }
    // A large layer is drawn from its URL: its data is never re-sent (the filters do not reach it).
    for (const l of plan.layers) {
      if (isClusteredLayer(l) && !l.large) this.#clustered.add(l.spec.id);
    }
    this.#clickable = clickableLayerIds(planStyle);
    this.#clusters = clusterLayerIds(planStyle);
    // A plan's first picture is drawn without label fades, as MapLibre draws a map's first.
    setLabelFade(this.map, false);
    const drawn = ++this.#generation;
    // Big sources get their data in a task of their own, once the style has loaded.
    const { style: styleFirst, apart } = withDataApart(planStyle);
    this.map.once('style.load', () => {
      if (drawn !== this.#generation) return;
      mark('style-loaded');
      if (apart.size === 0) this.#styleReady(drawn);
      else void nextTask().then(() => this.#giveData(drawn, apart));
    });
    this.#setStyle(styleFirst);
    mark('style-set');
    if (this.#fitOnModel) {
      this.#fitOnModel = false;
      // The plan itself (its zones and corridor, not the basemap's box), above a phone's sheet.
      const fit = this.#opts.initialFit?.(plan) ?? { bounds: planExtent(plan), padding: 24 };
      this.map.fitBounds([...fit.bounds] as Bounds, { padding: fit.padding, animate: false });
    }
  }

  /**
   * Draws this analysed plan with the element's state: over the style {@link drawPlan} set for
   * its plan, else with a style of its own. `onDrawn` is called once its sources are loaded and
   * its first frame is painted.
   */
  setModel(model: PlanModel, state: MapState, onDrawn: () => void): void {
    // The analysis of a large layer gives its plan a summary; the picture changes only when the
    // summary hides features or adds shapes.
    if (this.#plan && drawsAlike(this.#plan, model.plan)) this.#plan = model.plan;
    if (model.plan !== this.#plan) this.drawPlan(model.plan, state);
    else this.#pending = state;
    this.#model = model;
    this.#onDrawn = onDrawn;
    if (this.#loaded) {
      // Another model of the plan already drawn: apply its state, then report it drawn.
      const pending = this.#pending;
      this.#pending = null;
      if (pending) this.update(pending);
      this.#afterIdle(this.#generation);
      return;
    }
    this.#whenReady(this.#generation);
  }

  /** A fresh style (no diff): the plan's sources and layers replace what was drawn. */
  #setStyle(planStyle: StyleSpecification): void {
    const basemap = this.#opts.basemap;
    if (basemap.kind === 'style') {
      // A style URL is fetched again (from the HTTP cache), then the plan is drawn over it.
      this.map.setStyle(basemap.url, {
        diff: false,
        transformStyle: (_previous, next) => mergeIntoStyle(next, planStyle),
      });
    } else this.map.setStyle(withRasterBasemap(planStyle, basemap), { diff: false });
    // The new style has its own dispatcher (its own claim on the workers): watch that one.
    this.#watchWorkers();
  }

  /** The big sources' data the style was set without (see `withDataApart`), then the style is ready. */
  #giveData(drawn: number, apart: ReadonlyMap<string, FeatureCollection>): void {
    if (drawn !== this.#generation) return;
    for (const [id, data] of apart)
      (this.map.getSource(id) as GeoJSONSource | undefined)?.setData(data);
    this.#styleReady(drawn);
  }

  #styleReady(drawn: number): void {
    this.#styleLoaded = true;
    this.#whenReady(drawn);
  }

  /** Once the style has loaded and the model is set: the state is applied, then drawn is told. */
  #whenReady(drawn: number): void {
    if (drawn !== this.#generation || !this.#styleLoaded || !this.#model || this.#loaded) return;
    this.#onLoad();
    this.#afterIdle(drawn);
  }

  /** Calls the model's `onDrawn` when the map is next idle (every source loaded, painted). */
  #afterIdle(drawn: number): void {
    const onDrawn = this.#onDrawn;
    this.map.once('idle', () => {
      if (drawn !== this.#generation) return;
      setLabelFade(this.map, true);
      // Controls are added once the plan is drawn: the attribution then has its full text
      // from the start, instead of growing and shifting the layout (CLS) as sources load.
      this.#controls.add();
      onDrawn?.();
    });
    this.map.triggerRepaint();
  }

  /**
   * Apply a new view state: visibility, label language, selection and preview highlights, the
   * items shown. Only what changed since the last call is sent to MapLibre.
   */
  update(state: MapState): void {
    if (state.lang !== this.#uiLang) {
      this.#uiLang = state.lang;
      this.#controls.setLocale(maplibreLocale(state.lang));
    }
    if (!this.#loaded) {
      this.#pending = state;
      return;
    }
    const last = this.#applied;
    const changed = { lang: last?.lang !== state.lang, shown: last?.shown !== state.shown };
    const specs = new Map(this.#drawnModel.plan.layers.map((l) => [l.spec.id, l.spec]));
    for (const layer of this.map.getStyle().layers) {
      const meta = layer.metadata as StyleLayerMeta | undefined;
      const spec = meta ? specs.get(meta['plan:layer']) : undefined;
      if (meta && spec && spec.kind !== 'basemap')
        this.#updateLayer(layer, meta, spec, state, changed);
    }
    if (changed.shown) this.#applyClusteredShown(state.shown ?? null);
    this.#setSelected(state.selected);
    this.#setPreview(state.preview ?? null);
    this.#applied = state;
  }

  /** One style layer: its visibility, its labels' language, the items it shows. */
  #updateLayer(
    layer: LayerSpecification,
    meta: StyleLayerMeta,
    spec: LayerSpec,
    state: MapState,
    changed: { lang: boolean; shown: boolean },
  ): void {
    const map = this.map;
    map.setLayoutProperty(layer.id, 'visibility', state.visible.has(spec.id) ? 'visible' : 'none');
    if (changed.lang && meta['plan:role'] === 'label') {
      map.setLayoutProperty(layer.id, 'text-field', nameExpr(state.lang));
    }
    if (changed.shown && spec.kind === 'items' && isShownFiltered(layer) && !this.#isLarge(spec)) {
      const shown = state.shown ? (state.shown.get(spec.id) ?? []) : null;
      map.setFilter(layer.id, shownFilter(this.#baseFilters.get(layer.id), shown) ?? null);
    }
  }

  /** Whether a plan layer is drawn from its URL (a large layer). */
  #isLarge(spec: LayerSpec): boolean {
    return this.#drawnModel.plan.layers.some((l) => l.spec.id === spec.id && l.large);
  }

  #onLoad = (): void => {
    this.#loaded = true;
    const pending = this.#pending;
    this.#pending = null;
    // The style holds the state the map was created with; apply what changed since.
    if (this.#applied?.shown) this.#applyClusteredShown(this.#applied.shown);
    if (pending) this.update(pending);
    else {
      this.#setSelected(this.#applied?.selected ?? null);
      this.#setPreview(this.#applied?.preview ?? null);
    }
    if (this.#statuses) this.setStatuses(this.#statuses);
  };

  /** Sources holding a plan feature (a clustered layer splits points from other shapes). */
  #sourcesOf(id: string): string[] {
    const layerId = this.#drawnModel.layerOf.get(id);
    if (!layerId) return [];
    const all = this.#clustered.has(layerId) ? [layerId, shapesSourceId(layerId)] : [layerId];
    return all.filter((s) => this.map.getSource(s));
  }

  /**
   * The selection and preview layers of the plan layer holding `id`, added on first use with
   * the visibility and shown-items filter of the state applied now.
   */
  #addHighlights(id: string): void {
    const planLayer = this.#drawnModel.layerOf.get(id);
    const held = planLayer ? this.#held.get(planLayer) : undefined;
    if (!planLayer || !held) return;
    this.#held.delete(planLayer);
    const visibility = this.#applied?.visible.has(planLayer) === false ? 'none' : 'visible';
    const shown = this.#shownOf(planLayer);
    for (const { layer, beforeId } of held) {
      const base = this.#baseFilters.get(layer.id);
      const filter = shown && isShownFiltered(layer) ? shownFilter(base, shown) : base;
      const spec = {
        ...layer,
        layout: { ...layer.layout, visibility },
        ...(filter ? { filter } : {}),
      } as LayerSpecification;
      this.map.addLayer(spec, beforeId && this.map.getLayer(beforeId) ? beforeId : undefined);
    }
  }

  /** The item ids the filters show of an item layer now, or null: all (not a large layer's). */
  #shownOf(planLayer: string): readonly string[] | null {
    const shown = this.#applied?.shown;
    const layer = this.#drawnModel.plan.layers.find((l) => l.spec.id === planLayer);
    if (!shown || layer?.spec.kind !== 'items' || layer.large) return null;
    return shown.get(planLayer) ?? [];
  }

  /** Move the preview highlight (feature state `preview`) to `id`, or remove it. */
  #setPreview(id: string | null): void {
    if (this.#previewed?.id === id) return;
    if (id) this.#addHighlights(id);
    if (this.#previewed) {
      for (const source of this.#previewed.sources) {
        this.map.removeFeatureState({ source, id: this.#previewed.id }, 'preview');
      }
    }
    const sources = id ? this.#sourcesOf(id) : [];
    for (const source of sources) this.map.setFeatureState({ source, id: id! }, { preview: true });
    this.#previewed = id ? { id, sources } : null;
  }

  /**
   * Move the selection highlight (feature state `selected`) to `id`, or remove it. Only plan
   * content (zones, corridor, items) has feature ids to carry it; the style's selection layers
   * draw what has it.
   */
  #setSelected(id: string | null): void {
    if (this.#selectedOn?.id === id) return;
    if (id) this.#addHighlights(id);
    if (this.#selectedOn) {
      for (const source of this.#selectedOn.sources) {
        this.map.removeFeatureState({ source, id: this.#selectedOn.id }, 'selected');
      }
    }
    const layerId = id ? this.#drawnModel.layerOf.get(id) : undefined;
    const kind = this.#drawnModel.plan.layers.find((l) => l.spec.id === layerId)?.spec.kind;
    const content = kind !== undefined && isContentLayerKind(kind);
    const sources = id && content ? this.#sourcesOf(id) : [];
    for (const source of sources) this.map.setFeatureState({ source, id: id! }, { selected: true });
    this.#selectedOn = id ? { id, sources } : null;
  }

  /**
   * A clustered layer's points are re-sent filtered: a layer filter cannot reach inside a
   * cluster, and its count must follow the filters too. (Only large layers are clustered.)
   */
  #applyClusteredShown(shown: ReadonlyMap<string, readonly string[]> | null): void {
    for (const layerId of this.#clustered) {
      const layer = this.#drawnModel.plan.layers.find((l) => l.spec.id === layerId);
      const source = this.map.getSource(layerId) as GeoJSONSource | undefined;
      if (!layer || !source) continue;
      const ids = shown ? new Set(shown.get(layerId) ?? []) : null;
      source.setData({
        type: 'FeatureCollection',
        features: drawnData(layer.data, layer.spec.kind).features.filter(
          (f) => f.geometry?.type === 'Point' && (!ids || ids.has(String(f.properties?.id))),
        ),
      });
    }
  }

  /**
   * Draw items with these statuses (e.g. as of the timeline's year) instead of the status in
   * their data; null: the data's. Sent as feature state, only for items whose drawn status
   * changes — the sources are not re-sent.
   */
  setStatuses(statuses: ReadonlyMap<string, ItemStatus> | null): void {
    this.#statuses = statuses;
    if (!this.#loaded) return; // applied on load
    for (const item of this.#drawnModel.items) {
      const id = item.properties.id;
      const want = statuses?.get(id);
      const drawn = want !== undefined && want !== item.properties.status ? want : undefined;
      if (this.#statusApplied.get(id) === drawn) continue;
      const source = this.#sourceOfItem(item);
      if (!source) continue;
      if (drawn === undefined) {
        this.map.removeFeatureState({ source, id }, 'status');
        this.#statusApplied.delete(id);
      } else {
        this.map.setFeatureState({ source, id }, { status: drawn });
        this.#statusApplied.set(id, drawn);
      }
    }
  }

  /** The source an item is drawn from (a clustered layer's shapes are apart), if it exists. */
  #sourceOfItem(item: PlanModel['items'][number]): string | null {
    const layerId = this.#drawnModel.layerOf.get(item.properties.id);
    if (!layerId) return null;
    const source =
      this.#clustered.has(layerId) && item.geometry?.type !== 'Point'
        ? shapesSourceId(layerId)
        : layerId;
    return this.map.getSource(source) ? source : null;
  }

  /** The camera now. */
  getCamera(): Camera {
    const c = this.map.getCenter();
    return { center: [c.lng, c.lat], zoom: this.map.getZoom() };
  }

  jumpTo(camera: Camera): void {
    this.map.jumpTo({ center: camera.center, zoom: camera.zoom });
  }

  /**
   * The map's picture once it is idle (every tile and symbol drawn): a fresh frame is asked
   * for, then read from the canvas (the map keeps its drawing buffer for this).
   */
  async snapshot(): Promise<MapSnapshot> {
    const map = this.map;
    await new Promise<void>((resolve) => {
      map.once('idle', () => resolve());
      map.triggerRepaint();
    });
    const c = map.getCenter();
    const canvas = map.getCanvas();
    return {
      canvas,
      pixelRatio: canvas.width / Math.max(1, canvas.clientWidth),
      center: [c.lng, c.lat],
      zoom: map.getZoom(),
      bearing: map.getBearing(),
      metresPerPixel: metresPerPixel(c.lat, map.getZoom()),
    };
  }

  setCooperativeGestures(on: boolean): void {
    if (on) this.map.cooperativeGestures.enable();
    else this.map.cooperativeGestures.disable();
  }

  fitBounds(bounds: LngLatBoundsLike, animate = true, padding: Padding | number = 48): void {
    this.map.fitBounds(bounds, { padding, maxZoom: 15, animate });
  }

  /**
   * Fit `bounds` into the map area inside `padding` unless it already lies within it (a sheet
   * that grew must not hide the selection; one that shrank need not move the map).
   */
  keepInView(bounds: Bounds, padding: Padding): void {
    const map = this.map;
    const canvas = map.getCanvas();
    const width = canvas.clientWidth;
    const height = canvas.clientHeight;
    const [w, s, e, n] = bounds;
    const corners = [
      map.project([w, s]),
      map.project([e, n]),
      map.project([w, n]),
      map.project([e, s]),
    ];
    const inside = corners.every(
      (p) =>
        p.x >= padding.left - 1 &&
        p.x <= width - padding.right + 1 &&
        p.y >= padding.top - 1 &&
        p.y <= height - padding.bottom + 1,
    );
    if (!inside) this.fitBounds(bounds, true, padding);
  }

  resize(): void {
    this.map.resize();
  }

  destroy(): void {
    // Callbacks still to come (the data given apart, idle) find their plan gone.
    this.#generation++;
    this.map.off('click', this.#onClick);
    this.map.off('mousemove', this.#onMove);
    this.map.off('moveend', this.#onMoveEnd);
    this.#controls.destroy();
    this.map.off('error', this.#onMapError);
    this.#watchedDispatcher?.off('error', this.#onWorkerError);
    this.#watchedDispatcher = null;
    this.map.off('webglcontextlost', this.#onContextLost);
    this.map.off('webglcontextrestored', this.#onContextRestored);
    this.map.off('load', this.#onLoad);
    this.map.setMissingStyleImageResolver(null);
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
    // A large layer's points are not held on the page (not in the model): a click on one
    // selects what lies under it.
    const ids = hits
      .map((h) => h.properties.id)
      .filter((id) => id !== undefined)
      .map(String)
      .filter((id) => this.#drawnModel.byId.has(id));
    const notArea = ids.find((id) => !this.#drawnModel.areaKm2.has(id));
    if (notArea) return notArea;
    const byArea = [...new Set(ids)].sort(
      (a, b) => (this.#drawnModel.areaKm2.get(a) ?? 0) - (this.#drawnModel.areaKm2.get(b) ?? 0),
    );
    return byArea[0] ?? null;
  }

  #onClick = (e: MapMouseEvent): void => {
    // Drawn before its analysis has ended: nothing to select until it has (the model).
    if (!this.#loaded) return;
    // A cluster of a large item layer is not a feature to select: zoom in until it splits.
    const cluster = this.#hits(e.point, this.#clusters)[0];
    if (cluster) {
      void zoomIntoCluster(this.map, cluster);
      return;
    }
    this.#opts.onPick(this.#pick(this.#hits(e.point)));
  };

  #onMove = (e: MapMouseEvent): void => {
    if (!this.#loaded) return;
    const over = this.#hits(e.point).length > 0 || this.#hits(e.point, this.#clusters).length > 0;
    this.map.getCanvas().style.cursor = over ? 'pointer' : '';
  };

  /** Only camera moves that a person made (they carry the input event) are reported as such. */
  #onMoveEnd = (e: MapLibreEvent<MouseEvent | TouchEvent | WheelEvent | undefined>): void => {
    this.#opts.onCameraChange?.(this.getCamera());
    if (!e.originalEvent || !this.#opts.onUserCameraChange) return;
    const c = this.map.getCenter();
    const b = this.map.getBounds();
    this.#opts.onUserCameraChange({
      center: [c.lng, c.lat],
      zoom: this.map.getZoom(),
      bounds: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()],
    });
  };

  #onWorkerError = (): void => {
    this.#opts.onWorkerError?.(getWorkerUrl() || maplibreWorkerUrl());
  };

  #onMapError = (e: ErrorEvent): void => {
    const sourceId = (e as ErrorEvent & { sourceId?: unknown }).sourceId;
    this.#opts.onError?.(e.error?.message || String(e.error ?? 'map error'), {
      beforeLoad: !this.#styleLoaded,
      ...(typeof sourceId === 'string' ? { sourceId } : {}),
    });
  };

  /** Zone hatching images are made when a tile first needs them, in the layer's colour. */
  #resolveImage = (id: string): void => {
    const ref = parsePatternImageId(id);
    if (!ref || this.map.hasImage(id)) return;
    // Asked for while the plan is laid out, which may be before its model is set.
    const spec = this.#plan?.layers.find((l) => l.spec.id === ref.layerId)?.spec;
    if (!spec) return;
    const pixelRatio = Math.max(1, Math.round(globalThis.devicePixelRatio || 1));
    // The zone's tint with the marks of its kind (none for an expansion area).
    const image = patternPixels(patternOf(ref.kind), spec.color, pixelRatio, ZONE_TINT_ALPHA);
    this.map.addImage(id, image, { pixelRatio });
  };

  #onContextLost = (): void => this.#opts.onContextLost?.(true);
  #onContextRestored = (): void => this.#opts.onContextLost?.(false);
}
