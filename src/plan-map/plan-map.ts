import { Task, TaskStatus } from '@lit/task';
import { html, LitElement, nothing, type PropertyValues, unsafeCSS } from 'lit';
import type { Map as MapLibreMap } from 'maplibre-gl';
import maplibreCss from 'maplibre-gl/dist/maplibre-gl.css?inline';
import { PlanErrorEvent } from '../events/plan-error-event.js';
import { PlanFilterChangeEvent } from '../events/plan-filter-change-event.js';
import { PlanImportEvent } from '../events/plan-import-event.js';
import { PlanLayerToggleEvent } from '../events/plan-layer-toggle-event.js';
import { type PlanReadyDetail, PlanReadyEvent } from '../events/plan-ready-event.js';
import { PlanSelectEvent } from '../events/plan-select-event.js';
import { PlanViewChangeEvent } from '../events/plan-view-change-event.js';
import { CATEGORY_LABELS, KIND_LABELS, label, STATUS_LABELS, t, tf } from '../i18n/strings.js';
import type { ImportOptions, ImportReport } from '../import/rows.js';
import { parseBasemap } from '../map/basemap.js';
import { layerPattern } from '../map/patterns.js';
import type { ViewState } from '../map/style.js';
import { analysePlan } from '../plan/analyse.js';
import { loadBuiltinPlan } from '../plan/builtin.js';
import {
  type ExportInput,
  type ExportOptions,
  exportCsv,
  exportFileName,
  exportGeoJson,
} from '../plan/export.js';
import { issue, type PlanIssue, redactUrl, show } from '../plan/issues.js';
import { loadPlan, planFromObjectsAsync } from '../plan/load.js';
import { boundsOf, itemsOf, nameOf, type PlanModel } from '../plan/model.js';
import {
  buildSearchIndex,
  ITEM_GROUP,
  type SearchHit,
  type SearchIndex,
  search,
} from '../plan/search.js';
import {
  type ItemStatus,
  isPlausibleYear,
  type Lang,
  type LoadedPlan,
  type PlanManifest,
  YEAR_RANGE,
} from '../plan/types.js';
import {
  FILTER_DIMENSIONS,
  type FilterDimension,
  filterOptions,
  formatFilter,
  type PlanView,
  parseFilter,
  planView,
  timelineYears,
  toggleFilterValue,
} from '../plan/view-filter.js';
import { type ExportKind, exportBar } from '../ui/export-bar.js';
import { featureCard } from '../ui/feature-card.js';
import { filtersPanel, shownSummary, statusKey } from '../ui/filters.js';
import { importPanel } from '../ui/import-panel.js';
import { layerPanel } from '../ui/layer-panel.js';
import { issuesList, LIST_PAGE, unlocatedList } from '../ui/lists.js';
import { planTree, type TreeNode, visibleTreeNodes } from '../ui/plan-tree.js';
import { formatCount, progressOverlay } from '../ui/progress.js';
import { searchBox } from '../ui/search-box.js';
import { timeline, yearText } from '../ui/timeline.js';
import { formatHash, type HashState, parseHash } from './hash.js';
import { ImportController } from './import-controller.js';
import { type CameraView, MapController, type MapErrorInfo } from './map-controller.js';
import { styles } from './plan-map.styles.js';
import type { SheetInput } from './sheet.js';

/** A plan given as data instead of a `src` URL: the manifest and each layer's GeoJSON by layer id. */
export interface PlanData {
  manifest: PlanManifest;
  /** FeatureCollections keyed by layer id; `unlocated` may hold the unlocated list. */
  layers: Record<string, unknown>;
}

/** What a plan offers the filters and the timeline: read on every render, computed once. */
interface PlanOffer {
  model: PlanModel;
  options: Record<FilterDimension, readonly string[]>;
  years: { min: number; max: number } | null;
}

/** Distance from the viewport within which the map is created (WebGL contexts are scarce). */
const NEAR_VIEWPORT_MARGIN = '300px';
/** One step of the timeline's play button. */
const PLAY_STEP_MS = 1200;
/** The URL hash follows camera moves this long after the last one. */
const HASH_VIEW_DEBOUNCE_MS = 300;
/** An export's object URL is released this long after its download started. */
const REVOKE_AFTER_MS = 10_000;
/** Issues found after loading (map errors, failures) kept at most; the rest are dropped. */
const MAX_RUNTIME_ISSUES = 50;
/** A map that has not drawn its first frame this long after it was created is reported. */
const MAP_DRAW_TIMEOUT_MS = 60_000;

/**
 * `<plan-map>` draws a spatial plan package — by default the built-in Dalian High-tech Zone
 * 14th Five-Year Plan (一廊一心一城多组团 and the 七贤岭—龙头 industrial corridor) — with MapLibre GL,
 * a layer panel and a panel for the selected zone, item or corridor node.
 *
 * @summary A planning map of the Dalian High-tech Zone as one HTML element.
 * @tagname plan-map
 *
 * @attr src - URL of a plan manifest (`plan.json`); default: the built-in plan.
 * @attr lang - `zh` (default) or `en`: labels and UI language.
 * @attr layers - Comma-separated ids of the visible layers; reflected when the user toggles.
 * @attr selected - Id of the selected feature; set it to select, reflected on user clicks.
 * @attr basemap - `offline` (default, no network), `osm`, `tianditu` (with `tianditu-key`) or a MapLibre style URL.
 * @attr tianditu-key - Your 天地图 API key, for `basemap="tianditu"`.
 * @attr panel - Where the side panel sits: `start` (default), `end` or `none`.
 * @attr cooperative-gestures - `on` or `off`. Default: on unless the element fills the window — ctrl/⌘ + scroll zooms, so the page keeps scrolling.
 * @attr year - The plan as of this year (the timeline): items appear with their first dated step, drawn with the status they had then. Absent: now. Reflected when the user moves the timeline.
 * @attr filter - Items shown, per dimension: `kind:project,lab;status:planned,completed;category:digital`. Absent: all. Reflected when the user filters.
 * @attr hash - Keep the state in the URL hash (`#selected=…&layers=…&lang=…&view=lng,lat,zoom&year=…&filter=…`): restored on load and on `hashchange`, updated as the user works. One instance per page.
 * @attr remote-layers - Let the plan load layer files from other origins than its manifest's. Default: off, only files inside the package are fetched.
 *
 * @prop {PlanData | null} plan - A plan given as data instead of `src`.
 * @prop {import('maplibre-gl').Map | null} map - The MapLibre map once drawn (an escape hatch for integrators and tests).
 * @prop {Promise<PlanReadyDetail>} ready - Resolves with the first `plan-ready` detail.
 *
 * @fires {PlanReadyEvent} plan-ready - The plan is loaded and drawn.
 * @fires {PlanSelectEvent} plan-select - The user selected a feature (or cleared the selection).
 * @fires {PlanLayerToggleEvent} plan-layer-toggle - The user switched a layer on or off.
 * @fires {PlanViewChangeEvent} plan-view-change - The user moved or zoomed the map.
 * @fires {PlanErrorEvent} plan-error - Loading produced errors; `detail.issues` lists them.
 * @fires {PlanFilterChangeEvent} plan-filter-change - The user changed the filters or the timeline's year.
 * @fires {PlanImportEvent} plan-import - The user imported a list (dropped or chose a file and confirmed its columns); `detail` is the per-row report.
 *
 * @slot header - Content above the layer panel (e.g. a portal's own title).
 * @slot panel-footer - Content at the end of the panel.
 *
 * @csspart panel - The side panel.
 * @csspart title - The plan title at the top of the panel.
 * @csspart search - The search box and its results.
 * @csspart timeline - The year slider and play button.
 * @csspart filters - The kind / status / category filters.
 * @csspart layers - The layer list.
 * @csspart swatch - A legend swatch in the layer list.
 * @csspart status-key - The legend of item status symbols.
 * @csspart zones - The tree of zones and their items.
 * @csspart stats - A zone's charts (by status, by category, items per km²) in its card.
 * @csspart export - The export buttons.
 * @csspart import - The import section: file button, column choices, the per-row report.
 * @csspart announcer - The visually hidden live region announcing selections and filter results.
 * @csspart card - The selected feature's card.
 * @csspart card-title - The card's heading.
 * @csspart item - An item button in a zone's card.
 * @csspart unlocated - The list of items named without a place.
 * @csspart issues - The list of data problems found while loading.
 * @csspart map - The map container.
 * @csspart status - The loading / paused / error overlay.
 *
 * @cssproperty [--plan-map-panel-width=20rem] - Width of the side panel.
 * @cssproperty [--plan-map-font=system-ui, "Noto Sans CJK SC", sans-serif] - UI font.
 * @cssproperty [--plan-map-accent=#2b7bb9] - Accent colour (focus rings, links).
 * @cssproperty [--plan-map-panel-background=#fbfaf7] - Panel background.
 * @cssproperty [--plan-map-text=#1d1d1f] - Text colour.
 * @cssproperty [--plan-map-text-secondary=#555] - Secondary text (hints, counts, notes, the card's kinds): keep it at 4.5:1 or more against the panel and card backgrounds.
 * @cssproperty [--plan-map-height=32rem] - Default height when the page sets none.
 * @cssproperty [--plan-map-card-background=#fff] - Background of the selected feature's card.
 */
export class PlanMap extends LitElement {
  static override styles = [unsafeCSS(maplibreCss), styles];

  static override properties = {
    src: { type: String },
    lang: { type: String, reflect: true },
    layers: { type: String, reflect: true },
    selected: { type: String, reflect: true },
    basemap: { type: String },
    tiandituKey: { type: String, attribute: 'tianditu-key' },
    panel: { type: String, reflect: true },
    cooperativeGestures: { type: String, attribute: 'cooperative-gestures' },
    year: { type: Number, reflect: true },
    filter: { type: String, reflect: true },
    hash: { type: Boolean },
    plan: { attribute: false },
    _model: { state: true },
    _issues: { state: true },
    _paused: { state: true },
    _near: { state: true },
    _progress: { state: true },
    _itemPage: { state: true },
    _query: { state: true },
    _searchActive: { state: true },
    _searchOpen: { state: true },
    _expanded: { state: true },
    _treeFocus: { state: true },
    _preview: { state: true },
    _announcement: { state: true },
    _playing: { state: true },
    _exporting: { state: true },
    _runtimeIssues: { state: true },
    _listLimits: { state: true },
    _treePages: { state: true },
    _pendingLayers: { state: true },
    remoteLayers: { type: Boolean, attribute: 'remote-layers' },
  };

  /** URL of the plan manifest. Empty or absent: the built-in plan. */
  declare src: string;
  /** `zh` or `en`. */
  declare lang: string;
  /** Comma-separated visible layer ids, or null for the plan's defaults. */
  declare layers: string | null;
  /** Selected feature id, or null. */
  declare selected: string | null;
  declare basemap: string;
  declare tiandituKey: string;
  declare panel: string;
  declare cooperativeGestures: string | null;
  /** The timeline's year, or null for now. */
  declare year: number | null;
  /** The item filter (`kind:…;status:…;category:…`), or null for none. */
  declare filter: string | null;
  /** Whether the state is kept in the URL hash. */
  declare hash: boolean;
  /** A plan given as data; takes precedence over `src`. */
  declare plan: PlanData | null;
  /** @internal */
  declare _model: PlanModel | null;
  /** @internal */
  declare _issues: PlanIssue[];
  /** @internal */
  declare _paused: boolean;
  /** @internal */
  declare _near: boolean;
  /** @internal Items analysed so far while a large plan is being analysed, else null. */
  declare _progress: { done: number; total: number } | null;
  /** @internal The page shown of the selected zone's long item list. */
  declare _itemPage: number;
  /** @internal The search box's text. */
  declare _query: string;
  /** @internal Highlighted search result, or -1. */
  declare _searchActive: number;
  /** @internal Whether the search results are open. */
  declare _searchOpen: boolean;
  /** @internal Expanded tree rows, by path. */
  declare _expanded: ReadonlySet<string>;
  /** @internal The tree row holding the tab stop. */
  declare _treeFocus: string | null;
  /** @internal The feature previewed on the map (a focused tree row). */
  declare _preview: string | null;
  /** @internal The live region's text. */
  declare _announcement: string;
  /** @internal Whether the timeline is playing. */
  declare _playing: boolean;
  /** @internal Whether the PNG sheet is being made. */
  declare _exporting: boolean;
  /** @internal Issues found after loading: map errors, basemap fallback, internal failures. */
  declare _runtimeIssues: PlanIssue[];
  /** @internal Entries shown of the paged panel lists. */
  declare _listLimits: { issues: number; unlocated: number };
  /** @internal Pages listed per level of the tree, by the "more" row's key. */
  declare _treePages: ReadonlyMap<string, number>;
  /** @internal Layers still awaited while a partial plan is shown. */
  declare _pendingLayers: readonly string[];
  /**
   * Whether the plan may load layer files from other origins than its manifest's. Default
   * false: only files inside the package (the manifest's folder) are fetched.
   */
  declare remoteLayers: boolean;

  #controller: MapController | null = null;
  /** The `basemap` style failed to load: the map is drawn on the offline basemap instead. */
  #basemapFallback = false;
  #drawTimer: ReturnType<typeof setTimeout> | null = null;
  /** The model shown while some layers are still on their way (no plan-ready for it). */
  #partialModel: PlanModel | null = null;
  /** setLayerVisible() calls made before the plan loaded, applied when it has. */
  #pendingLayers = new Map<string, boolean>();
  #rejectReady!: (error: Error) => void;
  #resizeObserver: ResizeObserver | null = null;
  #intersectionObserver: IntersectionObserver | null = null;
  #resolveReady!: (detail: PlanReadyDetail) => void;
  #playTimer: ReturnType<typeof setInterval> | null = null;
  /** The URL hash: restored once, the keys of others kept, the camera waiting for the map. */
  #hashRestored = false;
  #hashRest: [string, string][] = [];
  #hashWritten: string | null = null;
  #hashViewTimer: ReturnType<typeof setTimeout> | null = null;
  #pendingView: CameraView | null = null;
  #announceFlip = false;
  /** Memoised per plan and view inputs (see #view, #searchIndex). */
  #viewMemo: {
    model: PlanModel;
    filter: string | null;
    year: number | null;
    view: PlanView;
  } | null = null;
  #searchMemo: { model: PlanModel; index: SearchIndex } | null = null;
  #offerMemo: PlanOffer | null = null;
  /** A planner's own list joined to the plan (src/plan-map/import-controller.ts). */
  #import = new ImportController(this, {
    model: () => this._model,
    show: (model, imported) => this.#showImport(model, imported),
  });

  /**
   * Resolves with the detail of the first `plan-ready`; rejects when the first load fails
   * (no usable manifest, an internal failure, a map that cannot be created), with an error
   * whose `issues` lists why.
   */
  readonly ready: Promise<PlanReadyDetail> = new Promise((resolve, reject) => {
    this.#resolveReady = resolve;
    this.#rejectReady = reject;
  });

  constructor() {
    super();
    // A page that never reads `ready` must not see an unhandled rejection.
    this.ready.catch(() => {});
    this.src = '';
    this.lang = 'zh';
    this.layers = null;
    this.selected = null;
    this.basemap = 'offline';
    this.tiandituKey = '';
    this.panel = 'start';
    this.cooperativeGestures = null;
    this.year = null;
    this.filter = null;
    this.hash = false;
    this.plan = null;
    this._model = null;
    this._issues = [];
    this._paused = false;
    this._near = false;
    this._progress = null;
    this._itemPage = 0;
    this._query = '';
    this._searchActive = -1;
    this._searchOpen = false;
    this._expanded = new Set();
    this._treeFocus = null;
    this._preview = null;
    this._announcement = '';
    this._playing = false;
    this._exporting = false;
    this._runtimeIssues = [];
    this._listLimits = { issues: LIST_PAGE, unlocated: LIST_PAGE };
    this._treePages = new Map();
    this._pendingLayers = [];
    this.remoteLayers = false;
  }

  /** The MapLibre map instance once the plan is drawn (an escape hatch for integrators and tests). */
  get map(): MapLibreMap | null {
    return this.#controller?.map ?? null;
  }

  #load = new Task(this, {
    task: async ([src, plan, remoteLayers], { signal }) => {
      this._progress = null;
      this._runtimeIssues = [];
      this.#reported.clear();
      this.#basemapFallback = false;
      // Validation yields to the page between steps, so a large in-memory plan doesn't freeze it.
      const run = { final: false };
      // Neither `src` nor `plan`: the built-in plan, a module of the build (plan/builtin.ts).
      const data = plan ?? (src ? null : await loadBuiltinPlan());
      const result = data
        ? await planFromObjectsAsync(data.manifest, data.layers, { signal })
        : await loadPlan(src, {
            signal,
            remoteLayers,
            onPartial: (partial) => void this.#showPartial(partial, run, signal),
          });
      // Every file is in: the progress of the analysis (if any) replaces the "still loading" line.
      run.final = true;
      this._pendingLayers = [];
      signal.throwIfAborted();
      // Zone membership: in a worker, in chunks, for large plans (see plan/analyse.ts).
      const model = result.plan
        ? await analysePlan(result.plan, {
            signal,
            onProgress: (done, total) => {
              this._progress = { done, total };
            },
          })
        : null;
      return { model, issues: result.issues };
    },
    args: () => [this.src, this.plan, this.remoteLayers] as const,
    onComplete: ({ model, issues }) => {
      this._progress = null;
      this.#import.reset();
      this.#partialModel = null;
      this._pendingLayers = [];
      this._issues = issues;
      this._listLimits = { issues: LIST_PAGE, unlocated: LIST_PAGE };
      this._treePages = new Map();
      this._model = model;
      if (model) this.#applyPendingLayers();
      else this.#rejectReady(loadError('the plan could not be loaded', issues));
      if (issues.some((i) => i.severity === 'error')) {
        this.dispatchEvent(new PlanErrorEvent({ issues: this.#allIssues }));
      }
    },
    onError: (err) => {
      this._progress = null;
      this.#partialModel = null;
      this._pendingLayers = [];
      this._model = null;
      // The load itself failed (a bug, or the browser ran out of memory): say so, offer Retry.
      const failure = internalIssue('loading the plan', err);
      this._issues = [failure];
      this.#rejectReady(loadError('the plan could not be loaded', [failure]));
      this.dispatchEvent(new PlanErrorEvent({ issues: this.#allIssues }));
    },
  });

  /**
   * Draws the layers that have arrived while others are still awaited (one stalled file must
   * not leave the element empty). The final result replaces it; it fires no `plan-ready`.
   */
  async #showPartial(
    partial: { plan: LoadedPlan; pending: string[] },
    run: { final: boolean },
    signal: AbortSignal,
  ): Promise<void> {
    try {
      const model = await analysePlan(partial.plan, { signal });
      if (signal.aborted || run.final) return;
      this.#partialModel = model;
      this._pendingLayers = partial.pending;
      this._model = model;
    } catch {
      // Aborted, or the partial plan failed: the final result will say what happened.
    }
  }

  /**
   * Every issue: the loader's, the attributes' (`basemap`, `year`, re-read on every render so
   * a later change is reported too), and what happened since (map errors, failures).
   */
  get #allIssues(): PlanIssue[] {
    return [...this._issues, ...this.#attributeIssues(), ...this._runtimeIssues];
  }

  #attributeIssues(): PlanIssue[] {
    const out: PlanIssue[] = [];
    const problem = parseBasemap(this.basemap, this.tiandituKey).problem;
    if (problem) {
      const zh =
        this.basemap?.trim() === 'tianditu'
          ? 'basemap="tianditu" 需要 tianditu-key 属性;改用离线底图'
          : `basemap=${show(this.basemap, 80)} 不是 offline、osm、tianditu 或 http(s) 样式地址;改用离线底图`;
      out.push(issue('bad-basemap', 'warning', 'basemap', problem, zh, { path: 'basemap' }));
    }
    if (this.year !== null && !isPlausibleYear(this.year)) {
      const raw = show(this.#yearText ?? this.year, 40);
      out.push(
        issue(
          'bad-year',
          'warning',
          'year',
          `The year attribute ${raw} is not a whole year within ${YEAR_RANGE.min}–${YEAR_RANGE.max}; the plan is shown as of now`,
          `year 属性 ${raw} 不是 ${YEAR_RANGE.min}–${YEAR_RANGE.max} 之间的整年;按当前状态显示`,
          { path: 'year' },
        ),
      );
    }
    return out;
  }

  /**
   * Adds an issue found after loading (deduplicated by code and `key`, at most
   * {@link MAX_RUNTIME_ISSUES}) and fires `plan-error` with every issue.
   */
  #report(found: PlanIssue, key = found.message_en): void {
    const tag = `${found.code}\u0000${key}`;
    if (this.#reported.has(tag) || this._runtimeIssues.length >= MAX_RUNTIME_ISSUES) return;
    this.#reported.add(tag);
    this._runtimeIssues = [...this._runtimeIssues, found];
    this.dispatchEvent(new PlanErrorEvent({ issues: this.#allIssues }));
  }

  #reported = new Set<string>();

  /** The text of the `year` attribute as the page wrote it (Lit reflects `NaN` back). */
  #yearText: string | null = null;

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    if (name === 'year' && value !== String(this.year)) this.#yearText = value;
    super.attributeChangedCallback(name, old, value);
  }

  /** The `year` attribute when it is a plausible year, else null (now). */
  get #year(): number | null {
    return isPlausibleYear(this.year) ? this.year : null;
  }

  get #langCode(): Lang {
    return this.lang === 'en' ? 'en' : 'zh';
  }

  get #visible(): Set<string> {
    const specs = this._model?.plan.manifest.layers ?? [];
    if (this.layers === null) return new Set(specs.filter((l) => l.visible).map((l) => l.id));
    return new Set(
      this.layers
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    );
  }

  /** What the filters and the year show (memoised: the map compares it by reference). */
  get #view(): PlanView | null {
    const model = this._model;
    if (!model) return null;
    const m = this.#viewMemo;
    const year = this.#year;
    if (m && m.model === model && m.filter === this.filter && m.year === year) return m.view;
    const view = planView(model, { filter: parseFilter(this.filter), year });
    this.#viewMemo = { model, filter: this.filter, year, view };
    return view;
  }

  get #searchIndex(): SearchIndex | null {
    const model = this._model;
    if (!model) return null;
    const m = this.#searchMemo;
    if (m && m.model === model) return m.index;
    const index = buildSearchIndex(model);
    this.#searchMemo = { model, index };
    return index;
  }

  get #state(): ViewState {
    const view = this.#view;
    return {
      lang: this.#langCode,
      visible: this.#visible,
      selected: this.selected,
      preview: this._preview,
      shown: view && !view.neutral ? view.shownByLayer : null,
    };
  }

  /** Item statuses to draw: as of the year on the timeline, else the data's. */
  get #statuses(): ReadonlyMap<string, ItemStatus> | null {
    const view = this.#view;
    return view && view.year !== null ? view.status : null;
  }

  /** Cooperative gestures: explicit `on`/`off`, else on unless the element fills the window. */
  get #cooperative(): boolean {
    if (this.cooperativeGestures === 'on' || this.cooperativeGestures === '') return true;
    if (this.cooperativeGestures === 'off') return false;
    const r = this.getBoundingClientRect();
    return r.width * r.height < 0.8 * window.innerWidth * window.innerHeight;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.hasAttribute('role')) this.setAttribute('role', 'region');
    this.#resizeObserver = new ResizeObserver(() => {
      this.#controller?.resize();
      this.#ensureMap();
    });
    this.#resizeObserver.observe(this);
    this.#intersectionObserver = new IntersectionObserver(
      (entries) => {
        this._near = entries.some((e) => e.isIntersecting);
      },
      { rootMargin: NEAR_VIEWPORT_MARGIN },
    );
    this.#intersectionObserver.observe(this);
    window.addEventListener('hashchange', this.#onHashChange);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.#onHashChange);
    this.#stopPlaying();
    if (this.#hashViewTimer) clearTimeout(this.#hashViewTimer);
    this.#hashViewTimer = null;
    this.#resizeObserver?.disconnect();
    this.#resizeObserver = null;
    this.#intersectionObserver?.disconnect();
    this.#intersectionObserver = null;
    this._near = false;
    this.#destroyMap();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Another selection starts its item list on the first page.
    if (changed.has('selected')) this._itemPage = 0;
    // The URL hash is read before the first render with `hash` set: no flash of the defaults.
    if (changed.has('hash') && this.hash && !this.#hashRestored) {
      this.#hashRestored = true;
      const parsed = parseHash(window.location.hash);
      this.#hashRest = parsed.rest;
      this.#applyHash(parsed.state, false);
    }
    const model = this._model;
    if (!model) return;
    // Announcements: changes after the first render only (the old value is then defined).
    if (changed.has('selected') && changed.get('selected') !== undefined) {
      this.#announceSelection();
    } else if (
      (changed.has('filter') && changed.get('filter') !== undefined) ||
      (changed.has('year') && changed.get('year') !== undefined)
    ) {
      const view = this.#view!;
      this.#announce(
        `${yearText(view.year, this.#langCode)} · ${shownSummary(view, this.#langCode)}`,
      );
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('basemap') || changed.has('tiandituKey')) this.#basemapFallback = false;
    if (changed.has('_model') || changed.has('basemap') || changed.has('tiandituKey')) {
      this.#destroyMap();
    } else if (
      this.#controller &&
      (changed.has('lang') ||
        changed.has('layers') ||
        changed.has('selected') ||
        changed.has('_preview') ||
        changed.has('filter') ||
        changed.has('year'))
    ) {
      const controller = this.#controller;
      this.#guard('updating the map', () => {
        controller.update(this.#state);
        if (changed.has('filter') || changed.has('year')) {
          controller.setStatuses(this.#statuses);
        }
      });
    }
    if (
      this.hash &&
      (['selected', 'layers', 'lang', 'year', 'filter', '_model'] as const).some((k) =>
        changed.has(k),
      )
    ) {
      this.#writeHash();
    }
    if (changed.has('_treeFocus')) this.#focusTreeRow();
    if (changed.has('cooperativeGestures'))
      this.#controller?.setCooperativeGestures(this.#cooperative);
    if (changed.has('panel')) this.#controller?.resize();
    this.#ensureMap();
  }

  #destroyMap(): void {
    const controller = this.#controller;
    this.#controller = null;
    this._paused = false;
    if (this.#drawTimer) clearTimeout(this.#drawTimer);
    this.#drawTimer = null;
    if (controller) this.#guard('removing the map', () => controller.destroy());
  }

  /** Runs map work; an exception becomes an `internal-error` issue instead of a broken element. */
  #guard(where: string, work: () => void): boolean {
    try {
      work();
      return true;
    } catch (err) {
      this.#report(internalIssue(where, err));
      return false;
    }
  }

  /**
   * A MapLibre error. A `basemap` style that fails before the map loaded is replaced by the
   * offline basemap (the plan is drawn on it); anything else is listed, once per source.
   */
  #onMapError(controller: MapController, message: string, info: MapErrorInfo): void {
    if (this.#controller !== controller) return;
    const text = redactUrl(message);
    const style = parseBasemap(this.basemap, this.tiandituKey).basemap;
    if (info.beforeLoad && !info.sourceId && style.kind === 'style' && !this.#basemapFallback) {
      this.#basemapFallback = true;
      this.#report(
        issue(
          'basemap-failed',
          'warning',
          redactUrl(style.url),
          `The basemap style ${redactUrl(style.url)} could not be used (${text}); the plan is drawn on the offline basemap`,
          `底图样式 ${redactUrl(style.url)} 无法使用(${text});规划改绘于离线底图上`,
          { path: 'basemap' },
        ),
      );
      this.#destroyMap();
      this.requestUpdate();
      return;
    }
    const where = info.sourceId ? `source "${info.sourceId}"` : 'the map';
    const whereZh = info.sourceId ? `数据源 "${info.sourceId}"` : '地图';
    this.#report(
      issue(
        'map-error',
        'warning',
        info.sourceId ?? 'map',
        `${where} reported an error: ${text}; the rest of the map is drawn`,
        `${whereZh}报告错误:${text};地图其余部分照常绘制`,
      ),
      info.sourceId ?? text,
    );
  }

  /** MapLibre's worker did not start: the map cannot draw, so `ready` rejects and the panel says why. */
  #onWorkerError(controller: MapController, url: string): void {
    if (this.#controller !== controller) return;
    if (this.#drawTimer) clearTimeout(this.#drawTimer);
    this.#drawTimer = null;
    const where = redactUrl(url);
    const failure = issue(
      'worker-failed',
      'error',
      where,
      `MapLibre's worker ${where} could not be started (missing, served as a web page, or blocked by the page's CSP), so the map cannot draw. Serve the file there, or call setBasePath() with the folder that holds maplibre-gl-worker.mjs`,
      `MapLibre 的 worker 脚本 ${where} 无法启动(文件缺失、返回的是网页,或被页面的 CSP 拦截),地图无法绘制。请在该地址提供此文件,或调用 setBasePath() 指向存放 maplibre-gl-worker.mjs 的文件夹`,
    );
    this.#report(failure, 'worker');
    this.#rejectReady(loadError('the map could not be drawn', [failure]));
  }

  #applyPendingLayers(): void {
    if (this.#pendingLayers.size === 0) return;
    let layers = [...this.#visible];
    for (const [id, visible] of this.#pendingLayers) {
      layers = layers.filter((l) => l !== id);
      if (visible) layers.push(id);
    }
    this.#pendingLayers.clear();
    const want = new Set(layers);
    this.layers = (this._model?.plan.manifest.layers ?? [])
      .map((l) => l.id)
      .filter((l) => want.has(l))
      .join(',');
  }

  /**
   * Creates the map once there is a plan, the element is connected, near the viewport and has
   * a size. A hidden or far-off instance holds no WebGL context until then.
   */
  #ensureMap(): void {
    if (this.#controller || !this._model || !this.isConnected || !this._near) return;
    const container = this.renderRoot.querySelector<HTMLElement>('.map');
    if (!container || container.clientWidth === 0 || container.clientHeight === 0) return;
    const model = this._model;
    let controller: MapController;
    try {
      controller = this.#createController(container, model);
    } catch (err) {
      // E.g. no WebGL: the panel still works; the page learns why the map is missing.
      const failure = /webgl/i.test(String(err))
        ? issue(
            'map-unavailable',
            'error',
            'map',
            `The map could not be created: ${show(String(err), 200)}. This browser has no usable WebGL (disabled, blocked, or too many maps open); the panel still lists the plan`,
            `无法创建地图:${show(String(err), 200)}。此浏览器没有可用的 WebGL(已禁用、被拦截或打开的地图过多);面板仍列出规划内容`,
          )
        : internalIssue('creating the map', err);
      this.#report(failure);
      this.#rejectReady(loadError('the map could not be created', [failure]));
      return;
    }
    this.#controller = controller;
    this.#pendingView = null;
    if (this.#statuses)
      this.#guard('drawing statuses', () => controller.setStatuses(this.#statuses));
    this.#drawTimer = setTimeout(() => {
      this.#drawTimer = null;
      if (this.#controller !== controller) return;
      this.#report(
        issue(
          'map-error',
          'warning',
          'map',
          `The map has not finished drawing after ${MAP_DRAW_TIMEOUT_MS / 1000} s (a tile server or the map's worker does not answer?)`,
          `地图在 ${MAP_DRAW_TIMEOUT_MS / 1000} 秒后仍未绘制完成(瓦片服务器或地图的 worker 无响应?)`,
        ),
      );
    }, MAP_DRAW_TIMEOUT_MS);
    controller.ready.then(() => {
      if (this.#controller !== controller) return;
      if (this.#drawTimer) clearTimeout(this.#drawTimer);
      this.#drawTimer = null;
      if (model === this.#partialModel) return;
      const detail: PlanReadyDetail = {
        planId: model.plan.manifest.id,
        featureCount: model.byId.size,
        issueCount: this.#allIssues.length,
      };
      this.#resolveReady(detail);
      this.dispatchEvent(new PlanReadyEvent(detail));
    });
  }

  #createController(container: HTMLElement, model: PlanModel): MapController {
    const controller: MapController = new MapController(
      {
        container,
        basemap: this.#basemapFallback
          ? { kind: 'offline' }
          : parseBasemap(this.basemap, this.tiandituKey).basemap,
        cooperativeGestures: this.#cooperative,
        initialView: this.#pendingView,
        onPick: (id) => this.#selectFromUser(id, false),
        onViewChange: (view) => this.dispatchEvent(new PlanViewChangeEvent(view)),
        onCameraChange: () => this.#scheduleHashView(),
        onContextLost: (lost) => {
          this._paused = lost;
        },
        onError: (message, info) => this.#onMapError(controller, message, info),
        onWorkerError: (url) => this.#onWorkerError(controller, url),
      },
      model,
      this.#state,
    );
    return controller;
  }

  /** Select a feature by id (or null to clear) without firing events. */
  select(id: string | null): void {
    this.selected = id;
  }

  /** Fit the map to a feature, or to the whole plan when no id is given. */
  fitTo(id?: string): void {
    const model = this._model;
    if (!model || !this.#controller) return;
    const b = id ? boundsOf(model, id) : model.plan.manifest.bbox;
    if (b) this.#controller.fitBounds(b);
  }

  /**
   * Show or hide a layer without firing events; `layers` follows. Before the plan has loaded
   * the change is kept and applied once it has.
   */
  setLayerVisible(id: string, visible: boolean): void {
    if (!this._model) {
      this.#pendingLayers.set(id, visible);
      return;
    }
    this.layers = this.#layersWith(id, visible).join(',');
  }

  /**
   * Import a list (CSV/TSV in UTF-8 or GBK, `.xlsx`, GeoJSON) with the guessed columns, or those
   * in `options.columns`, positions in `options.datum` (default: what the headers say, else
   * WGS84). The rows join the plan as the `imported` layer, attached to their zones; a previous
   * import is replaced. Nothing is uploaded. No event.
   *
   * @returns a promise of the per-row report (rejects if the plan is not loaded)
   */
  importItems(file: Blob, options?: ImportOptions): Promise<ImportReport> {
    return this.#import.importFile(file, options);
  }

  /** Remove the imported list: the plan is shown exactly as before the import. No event. */
  clearImport(): void {
    this.#import.remove();
  }

  /** The model with an import (or the plan's own back), keeping the camera where it is. */
  #showImport(model: PlanModel, imported: boolean): void {
    const view = this.#controller?.getView();
    if (view) this.#pendingView = view;
    this._model = model;
    // An imported row that was selected is gone with its import.
    if (this.selected && !model.byId.has(this.selected)) this.selected = null;
    // With an explicit layer list the new layer would start hidden: show it.
    if (imported && this.layers !== null && !this.#visible.has('imported')) {
      this.layers = [...this.#visible, 'imported'].join(',');
    } else if (!imported && this.layers !== null && this.#visible.has('imported')) {
      this.layers = [...this.#visible].filter((l) => l !== 'imported').join(',');
    }
  }

  #onDragOver = (e: DragEvent): void => {
    if (!this._model || !e.dataTransfer?.types.includes('Files')) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  };

  #onDrop = (e: DragEvent): void => {
    const file = e.dataTransfer?.files[0];
    if (!this._model || !file) return;
    e.preventDefault();
    void this.#import.open(file);
  };

  async #confirmImport(): Promise<void> {
    // The panel's report announces itself (role="status"); the page hears the event.
    const report = await this.#import.confirm();
    if (report) this.dispatchEvent(new PlanImportEvent(report));
  }

  #layersWith(id: string, visible: boolean): string[] {
    const next = this.#visible;
    if (visible) next.add(id);
    else next.delete(id);
    // Keep manifest order so the attribute reads the same way every time.
    return (this._model?.plan.manifest.layers ?? []).map((l) => l.id).filter((l) => next.has(l));
  }

  #selectFromUser(id: string | null, fly: boolean): void {
    this.selected = id;
    const model = this._model;
    if (!model) return;
    if (fly && id) this.fitTo(id);
    const f = id ? model.byId.get(id) : undefined;
    this.dispatchEvent(
      new PlanSelectEvent({
        id: f ? id : null,
        kind: f?.properties.kind ?? null,
        name: f ? nameOf(f, this.#langCode) : null,
        areaKm2: id ? (model.areaKm2.get(id) ?? null) : null,
        items: id
          ? itemsOf(model, id).map((i) => ({
              id: i.properties.id,
              kind: i.properties.kind,
              name: nameOf(i, this.#langCode),
              status: i.properties.status,
            }))
          : [],
      }),
    );
  }

  /**
   * Export what the panel shows as a file: the selected zone (or corridor node, or item) joined
   * with its items, or everything visible — following the filters and the year — with each
   * feature's sources. GeoJSON: a FeatureCollection (`application/geo+json`) with the plan, the
   * view and the cited documents as foreign members. CSV: UTF-8 with a byte order mark (Excel
   * then shows Chinese), a header row, every field quoted.
   *
   * @throws Error when the plan is not loaded yet, or for scope `selection` with nothing selected
   */
  exportData(options: ExportOptions): Blob {
    const input = this.#exportInput(options.scope);
    if (options.format === 'csv') {
      return new Blob([exportCsv(input)], { type: 'text/csv;charset=utf-8' });
    }
    return new Blob([JSON.stringify(exportGeoJson(input), null, 2)], {
      type: 'application/geo+json',
    });
  }

  #exportInput(scope: ExportOptions['scope']): ExportInput {
    const model = this._model;
    const view = this.#view;
    if (!model || !view) throw new Error('exportData(): the plan is not loaded yet');
    return {
      model,
      view,
      scope,
      selected: this.selected,
      visible: this.#visible,
      exportedAt: new Date().toISOString(),
    };
  }

  /**
   * A PNG "planning sheet" of the map as it is drawn, once it is idle: title, the map with a
   * scale bar and a north arrow, the legend of the visible layers and item statuses, the selected
   * zone's item table, the sources and the date. Made in the browser; needs the map to be drawn.
   *
   * @throws Error (rejects) when the map is not drawn yet
   */
  async exportImage(): Promise<Blob> {
    const controller = this.#controller;
    const model = this._model;
    const view = this.#view;
    if (!controller || !model || !view) throw new Error('exportImage(): the map is not drawn yet');
    // The sheet's drawing code is fetched the first time a sheet is made, not with the element.
    const [snapshot, { sheetPng }] = await Promise.all([
      controller.snapshot(),
      import('./sheet.js'),
    ]);
    return sheetPng(this.#sheetInput(model, view, snapshot));
  }

  #sheetInput(model: PlanModel, view: PlanView, snapshot: SheetInput['snapshot']): SheetInput {
    const lang = this.#langCode;
    const visible = this.#visible;
    const manifest = model.plan.manifest;
    const selected = this.selected ? model.byId.get(this.selected) : undefined;
    const layers = model.plan.layers.filter(
      (l) => l.spec.kind !== 'basemap' && visible.has(l.spec.id),
    );
    const items = selected ? itemsOf(model, selected.properties.id) : [];
    const shownItems = items.filter((i) => view.status.has(i.properties.id));
    const cited = new Set(
      (selected ? [selected, ...shownItems] : []).flatMap((f) =>
        f.properties.sources.map((s) => s.doc),
      ),
    );
    const docs = manifest.sources.filter((s) => !selected || cited.has(s.id));
    const viewWords = [
      selected ? nameOf(selected, lang) : t(lang, 'exportVisible'),
      yearText(view.year, lang),
      ...(view.neutral || Object.keys(view.filter).length === 0 ? [] : [shownSummary(view, lang)]),
    ];
    const attribution = [...new Set(layers.map((l) => l.spec.attribution).filter(Boolean))]
      .map((a) => plainText(a!))
      .join(' · ');
    const hasItems = layers.some((l) => l.spec.kind === 'items');
    return {
      snapshot,
      title: manifest.title[lang],
      subtitle: viewWords.join(' · '),
      legendTitle: t(lang, 'sheetLegend'),
      legend: layers.map((l) => ({
        label: l.spec.title[lang],
        color: l.spec.color,
        shape:
          l.spec.kind === 'zones'
            ? 'zone'
            : l.spec.kind === 'items'
              ? 'item'
              : l.spec.kind === 'corridor'
                ? 'corridor'
                : l.spec.id === 'places'
                  ? 'point'
                  : 'line',
        pattern: layerPattern(l),
      })),
      statusTitle: t(lang, 'statusKey'),
      statuses: hasItems
        ? [
            { label: t(lang, 'stagePlanned'), stage: 'planned' },
            { label: t(lang, 'stageBuilding'), stage: 'building' },
            { label: t(lang, 'stageDone'), stage: 'done' },
          ]
        : [],
      tableTitle: selected ? tf(lang, 'sheetItems', { name: nameOf(selected, lang) }) : '',
      table:
        selected && items.length > 0
          ? {
              columns: [t(lang, 'name'), t(lang, 'kind'), t(lang, 'status'), t(lang, 'category')],
              rows: shownItems.map((i) => [
                nameOf(i, lang),
                label(KIND_LABELS, i.properties.kind, lang),
                label(STATUS_LABELS, view.status.get(i.properties.id) ?? i.properties.status, lang),
                label(CATEGORY_LABELS, i.properties.category, lang),
              ]),
            }
          : null,
      moreRows: (n) => tf(lang, 'sheetMore', { n: formatCount(n, lang) }),
      sourcesTitle: t(lang, 'sheetSources'),
      sources: docs.map((d) => `${d.id} ${d.title} (${d.date})`),
      attribution,
      dateLine: tf(lang, 'sheetDate', { date: new Date().toISOString().slice(0, 10) }),
      north: t(lang, 'north'),
    };
  }

  /** A panel export button: the selection if there is one, else everything visible. */
  async #exportFromUser(kind: ExportKind): Promise<void> {
    const model = this._model;
    if (!model) return;
    const scope = this.#exportScope();
    const ext = kind === 'geojson' ? 'geojson' : kind;
    const name = exportFileName(model.plan.manifest.id, scope, this.selected, this.#year, ext);
    try {
      let blob: Blob;
      if (kind === 'png') {
        this._exporting = true;
        blob = await this.exportImage();
      } else blob = this.exportData({ format: kind, scope });
      this.#download(blob, name);
    } catch (e) {
      this.#announce(`${t(this.#langCode, 'exportFailed')}: ${(e as Error).message}`);
    } finally {
      this._exporting = false;
    }
  }

  #exportScope(): ExportOptions['scope'] {
    const model = this._model;
    const id = this.selected;
    if (!model || !id || !model.byId.has(id)) return 'visible';
    const layer = model.plan.layers.find((l) => l.spec.id === model.layerOf.get(id));
    return layer && layer.spec.kind !== 'reference' && layer.spec.kind !== 'basemap'
      ? 'selection'
      : 'visible';
  }

  #download(blob: Blob, name: string): void {
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    a.hidden = true;
    this.renderRoot.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
  }

  #announce(text: string): void {
    // A repeated message must still change the region's text to be read again.
    this.#announceFlip = !this.#announceFlip;
    this._announcement = this.#announceFlip ? text : `${text}\u00a0`;
  }

  #announceSelection(): void {
    const model = this._model;
    const lang = this.#langCode;
    const f = this.selected ? model?.byId.get(this.selected) : undefined;
    if (!model || !f) {
      this.#announce(t(lang, 'announceCleared'));
      return;
    }
    const kind = label(KIND_LABELS, f.properties.kind, lang);
    const view = this.#view;
    const n =
      f.properties.kind === 'corridor-node'
        ? itemsOf(model, f.properties.id).filter((i) => view?.status.has(i.properties.id)).length
        : view?.rollup.get(f.properties.id)?.total;
    const count = n === undefined ? '' : ` · ${tf(lang, 'itemCount', { n: formatCount(n, lang) })}`;
    this.#announce(`${tf(lang, 'announceSelected', { name: nameOf(f, lang), kind })}${count}`);
  }

  // --- Filters and the timeline (user input: each fires plan-filter-change) ---

  #offer(model: PlanModel): PlanOffer {
    if (this.#offerMemo?.model !== model) {
      const options = {} as Record<FilterDimension, readonly string[]>;
      for (const d of FILTER_DIMENSIONS) options[d] = filterOptions(model, d);
      this.#offerMemo = { model, options, years: timelineYears(model) };
    }
    return this.#offerMemo;
  }

  #filterOptions(): Record<FilterDimension, readonly string[]> {
    const model = this._model;
    if (model) return this.#offer(model).options;
    return { kind: [], category: [], status: [] };
  }

  #setFilterFromUser(text: string | null): void {
    this.filter = text || null;
    this.#dispatchFilterChange();
  }

  #setYearFromUser(year: number | null, fromPlay = false): void {
    if (!fromPlay) this.#stopPlaying();
    this.year = year;
    this.#dispatchFilterChange();
  }

  #dispatchFilterChange(): void {
    const view = this.#view;
    if (!view) return;
    this.dispatchEvent(
      new PlanFilterChangeEvent({
        year: view.year,
        filter: view.filter,
        filterText: formatFilter(view.filter),
        shown: view.shown,
        total: view.total,
      }),
    );
  }

  #play(on: boolean): void {
    const model = this._model;
    const years = model ? this.#offer(model).years : null;
    if (!on || !years) {
      this.#stopPlaying();
      return;
    }
    this._playing = true;
    const year = this.#year;
    if (year === null || year >= years.max || year < years.min) {
      this.#setYearFromUser(years.min, true);
    }
    this.#playTimer = setInterval(() => {
      const next = (this.#year ?? years.min) + 1;
      if (next > years.max) {
        this.#stopPlaying();
        return;
      }
      this.#setYearFromUser(next, true);
      if (next === years.max) this.#stopPlaying();
    }, PLAY_STEP_MS);
  }

  #stopPlaying(): void {
    if (this.#playTimer) clearInterval(this.#playTimer);
    this.#playTimer = null;
    this._playing = false;
  }

  // --- Search ---

  #searchHits(): SearchHit[] {
    const index = this.#searchIndex;
    const view = this.#view;
    if (!index || !view || !this._query.trim()) return [];
    // Items hidden by the filters or the year are not offered; zones and nodes always are.
    return search(index, this._query, (e) => e.group !== ITEM_GROUP || view.status.has(e.id));
  }

  #onSearchInput(query: string): void {
    this._query = query;
    this._searchOpen = true;
    this._searchActive = -1;
  }

  #chooseSearchHit(hit: SearchHit): void {
    this._query = this.#langCode === 'en' ? hit.entry.name_en : hit.entry.name_zh;
    this._searchOpen = false;
    this._searchActive = -1;
    this.#selectFromUser(hit.entry.id, true);
  }

  // --- The tree ---

  #treeNodes(): TreeNode[] {
    const model = this._model;
    const view = this.#view;
    if (!model || !view) return [];
    return visibleTreeNodes(model, view, this.#langCode, this._expanded, this._treePages);
  }

  #expand(path: string, open: boolean): void {
    const next = new Set(this._expanded);
    if (open) next.add(path);
    else next.delete(path);
    this._expanded = next;
  }

  #activateTreeRow(node: TreeNode): void {
    if (node.more > 0 && node.pageKey) {
      // A "more" row lists the next page of its level; the focus stays on the same position.
      const key = node.pageKey;
      const pages = new Map(this._treePages);
      pages.set(key, (pages.get(key) ?? 1) + 1);
      this._treePages = pages;
      return;
    }
    this._treeFocus = node.path;
    if (node.expandable && !node.expanded) this.#expand(node.path, true);
    this.#selectFromUser(node.id, true);
  }

  /** After a keyboard move, the row with the tab stop takes the focus. */
  #focusTreeRow(): void {
    const path = this._treeFocus;
    if (!path) return;
    const tree = this.renderRoot.querySelector('[role="tree"]');
    const active = (this.renderRoot as ShadowRoot).activeElement;
    if (!tree || !active || !tree.contains(active)) return; // the focus is elsewhere: leave it
    const row = [...tree.querySelectorAll<HTMLElement>('[role="treeitem"]')].find(
      (r) => r.dataset.path === path,
    );
    if (row && row !== active) row.focus();
  }

  // --- The URL hash ---

  #applyHash(state: HashState, reset: boolean): void {
    if (state.selected !== undefined) this.selected = state.selected;
    else if (reset) this.selected = null;
    if (state.layers !== undefined) this.layers = state.layers.join(',');
    else if (reset) this.layers = null;
    if (state.lang !== undefined) this.lang = state.lang;
    if (state.year !== undefined) this.year = state.year;
    else if (reset) this.year = null;
    if (state.filter !== undefined) this.filter = formatFilter(state.filter) || null;
    else if (reset) this.filter = null;
    if (state.view) {
      if (this.#controller) this.#controller.jumpTo(state.view);
      else this.#pendingView = state.view;
    }
  }

  #onHashChange = (): void => {
    if (!this.hash) return;
    if (window.location.hash === this.#hashWritten) return;
    const parsed = parseHash(window.location.hash);
    this.#hashRest = parsed.rest;
    this.#applyHash(parsed.state, true);
  };

  #writeHash(): void {
    if (!this.hash || !this.#hashRestored) return;
    const view = this.#controller?.getView() ?? this.#pendingView ?? undefined;
    const hash = formatHash(
      {
        selected: this.selected ?? undefined,
        layers: this.layers === null ? undefined : [...this.#visible],
        lang: this.#langCode,
        view,
        year: this.#year ?? undefined,
        filter: parseFilter(this.filter),
      },
      // An import is only noted (`import=1`): its rows never go into the URL.
      [
        ...this.#hashRest.filter(([k]) => k !== 'import'),
        ...(this.#import.active ? ([['import', '1']] as [string, string][]) : []),
      ],
    );
    this.#hashWritten = hash;
    if (hash === window.location.hash) return;
    // replaceState: following the user's work must not flood the Back button.
    const url = `${window.location.pathname}${window.location.search}${hash}`;
    window.history.replaceState(window.history.state, '', url);
  }

  #scheduleHashView(): void {
    if (!this.hash) return;
    if (this.#hashViewTimer) clearTimeout(this.#hashViewTimer);
    this.#hashViewTimer = setTimeout(() => {
      this.#hashViewTimer = null;
      this.#writeHash();
    }, HASH_VIEW_DEBOUNCE_MS);
  }

  #toggleLayer(id: string, visible: boolean): void {
    const layers = this.#layersWith(id, visible);
    this.layers = layers.join(',');
    this.dispatchEvent(new PlanLayerToggleEvent({ layer: id, visible, layers }));
  }

  #onKeydown = (e: KeyboardEvent): void => {
    if (e.key === 'Escape' && this.selected) this.#selectFromUser(null, false);
  };

  #renderTools(model: PlanModel, view: PlanView, lang: Lang) {
    const years = this.#offer(model).years;
    const selected = this.selected ? model.byId.get(this.selected) : undefined;
    const nodes = this.#treeNodes();
    return {
      search: searchBox({
        lang,
        query: this._query,
        hits: this.#searchHits(),
        active: this._searchActive,
        open: this._searchOpen,
        onInput: (q) => this.#onSearchInput(q),
        onActive: (i) => {
          this._searchActive = i;
        },
        onChoose: (hit) => this.#chooseSearchHit(hit),
        onOpen: (open) => {
          this._searchOpen = open;
          if (!open) this._searchActive = -1;
        },
        onFocus: () => {
          if (this._query) this._searchOpen = true;
        },
      }),
      exports: exportBar({
        lang,
        selectionName:
          selected && this.#exportScope() === 'selection' ? nameOf(selected, lang) : null,
        busy: this._exporting,
        onExport: (kind) => void this.#exportFromUser(kind),
      }),
      timeline: years
        ? timeline({
            lang,
            years,
            year: this.#year,
            playing: this._playing,
            onYear: (y) => this.#setYearFromUser(y),
            onPlay: (on) => this.#play(on),
          })
        : nothing,
      filters: filtersPanel({
        lang,
        view,
        options: this.#filterOptions(),
        onToggle: (dim, value, on) => {
          const options = this.#filterOptions()[dim];
          const next = toggleFilterValue(parseFilter(this.filter), dim, value, on, options);
          this.#setFilterFromUser(formatFilter(next));
        },
        onReset: () => this.#setFilterFromUser(null),
      }),
      tree: planTree({
        lang,
        nodes,
        selected: this.selected,
        focusPath: this._treeFocus,
        actions: {
          focus: (path) => {
            this._treeFocus = path;
          },
          expand: (path, open) => this.#expand(path, open),
          activate: (node) => this.#activateTreeRow(node),
          preview: (id) => {
            this._preview = id;
          },
        },
      }),
    };
  }

  protected override render() {
    try {
      return this.#renderAll();
    } catch (err) {
      // Never a blank element: the failure is listed (once) and Retry loads the plan again.
      const failure = internalIssue('drawing the panel', err);
      queueMicrotask(() => this.#report(failure));
      const lang = this.#langCode;
      return html`<div class="frame"><div class="map-wrap"><div class="overlay error" part="status" role="alert">
        <p>${t(lang, 'loadFailed')}</p>
        <ul><li>${lang === 'en' ? failure.message_en : failure.message_zh}</li></ul>
        <button type="button" class="retry" @click=${() => this.#load.run()}>${t(lang, 'retry')}</button>
      </div></div></div>`;
    }
  }

  #renderAll() {
    const lang = this.#langCode;
    const model = this._model;
    const view = this.#view;
    const title = model ? model.plan.manifest.title[lang] : t(lang, 'mapLabel');
    const failed =
      (this.#load.status === TaskStatus.COMPLETE && !model) ||
      this.#load.status === TaskStatus.ERROR;
    const allIssues = this.#allIssues;
    const tools = model && view ? this.#renderTools(model, view, lang) : null;
    return html`
      <div class="frame" @keydown=${this.#onKeydown} @dragover=${this.#onDragOver} @drop=${this.#onDrop}>
        <aside class="panel" part="panel" aria-label=${title} ?hidden=${this.panel === 'none'}>
          <slot name="header"></slot>
          <header class="title" part="title">
            <h2>${title}</h2>
            <button type="button" class="lang" title=${t(lang, 'languageLabel')} @click=${() => {
              this.lang = lang === 'zh' ? 'en' : 'zh';
            }}><span lang=${lang === 'zh' ? 'en' : 'zh'}>${t(lang, 'language')}</span></button>
          </header>
          ${
            this._pendingLayers.length > 0
              ? html`<p class="partial" role="status">${tf(lang, 'stillLoading', { layers: this._pendingLayers.join(', ') })}</p>`
              : nothing
          }
          ${tools?.search ?? nothing}
          ${
            model && view && this.selected && model.byId.has(this.selected)
              ? featureCard({
                  model,
                  view,
                  id: this.selected,
                  lang,
                  onChoose: (id) => this.#selectFromUser(id, true),
                  onClose: () => this.#selectFromUser(null, false),
                  pager: {
                    page: this._itemPage,
                    onPage: (page) => {
                      this._itemPage = page;
                    },
                  },
                })
              : nothing
          }
          ${tools?.exports ?? nothing}
          ${
            model
              ? importPanel({
                  lang,
                  state: this.#import.state,
                  views: this.#import.views,
                  onFile: (file) => void this.#import.open(file),
                  onColumn: (field, header) => this.#import.setColumn(field, header),
                  onDatum: (datum) => this.#import.setDatum(datum),
                  onConfirm: () => void this.#confirmImport(),
                  onCancel: () => this.#import.cancel(),
                  onRemove: () => this.#import.remove(),
                })
              : nothing
          }
          ${tools?.timeline ?? nothing}
          ${tools?.filters ?? nothing}
          ${
            model && view
              ? html`${layerPanel({
                  layers: model.plan.layers,
                  visible: this.#visible,
                  lang,
                  counts: new Map(
                    [...view.shownByLayer].map(([id, ids]) => [id, ids.length] as const),
                  ),
                  filtered: !view.neutral,
                  onToggle: (id, v) => this.#toggleLayer(id, v),
                })}${statusKey(lang)}`
              : nothing
          }
          ${tools?.tree ?? nothing}
          ${
            model && view
              ? unlocatedList(view.unlocated, lang, view.unlocatedTotal, {
                  limit: this._listLimits.unlocated,
                  onMore: () => {
                    this._listLimits = {
                      ...this._listLimits,
                      unlocated: this._listLimits.unlocated + LIST_PAGE,
                    };
                  },
                })
              : nothing
          }
          ${
            model
              ? issuesList(allIssues, lang, {
                  pager: {
                    limit: this._listLimits.issues,
                    onMore: () => {
                      this._listLimits = {
                        ...this._listLimits,
                        issues: this._listLimits.issues + LIST_PAGE,
                      };
                    },
                  },
                  // A drawn feature is selected; one that was left out is shown where it is.
                  onLocate: (i) => {
                    if (i.featureId && model.byId.has(i.featureId)) {
                      this.#selectFromUser(i.featureId, true);
                    } else this.#controller?.fitBounds(i.bbox);
                  },
                  onRetry: () => this.#load.run(),
                })
              : nothing
          }
          <slot name="panel-footer"></slot>
        </aside>
        <div class="map-wrap">
          <div class="map" part="map" role="application" aria-label=${t(lang, 'mapLabel')}></div>
          ${this.#load.render({
            pending: () =>
              this._pendingLayers.length > 0
                ? nothing
                : this._progress
                  ? progressOverlay(this._progress.done, this._progress.total, lang)
                  : html`<div class="overlay" part="status" role="status">${t(lang, 'loading')}</div>`,
          })}
          ${
            this._paused
              ? html`<div class="overlay paused" part="status" role="status">${t(lang, 'paused')}</div>`
              : nothing
          }
          ${
            failed
              ? html`<div class="overlay error" part="status" role="alert">
                  <p>${t(lang, 'loadFailed')}</p>
                  <ul>${allIssues.slice(0, 10).map((i) => html`<li data-code=${i.code}>${lang === 'en' ? i.message_en : i.message_zh}</li>`)}</ul>
                  <button type="button" class="retry" @click=${() => this.#load.run()}>${t(lang, 'retry')}</button>
                </div>`
              : nothing
          }
        </div>
        <div class="sr-only" part="announcer" aria-live="polite" aria-atomic="true">${this._announcement}</div>
      </div>
    `;
  }
}

/** Attribution text (HTML-safe after loading, see plan/types.ts) as plain text for the sheet. */
function plainText(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/** An `internal-error` issue for an exception while `where` (e.g. "loading the plan"). */
function internalIssue(where: string, err: unknown): PlanIssue {
  const what = err instanceof Error ? `${err.name}: ${err.message}` : show(err, 200);
  return issue(
    'internal-error',
    'error',
    'plan-map',
    `The viewer failed while ${where}: ${what}. Retry, or report this with the plan that caused it`,
    `查看器在${WHERE_ZH[where] ?? where}时出错:${what}。请重试,或连同引起问题的规划数据一并报告`,
  );
}

const WHERE_ZH: Record<string, string> = {
  'loading the plan': '载入规划',
  'creating the map': '创建地图',
  'updating the map': '更新地图',
  'removing the map': '移除地图',
  'drawing statuses': '绘制状态',
  'drawing the panel': '绘制面板',
};

/** The error `ready` rejects with: a message and the issues that say why. */
function loadError(message: string, issues: PlanIssue[]): Error & { issues: PlanIssue[] } {
  const first = issues.find((i) => i.severity === 'error') ?? issues[0];
  return Object.assign(new Error(first ? `${message}: ${first.message_en}` : message), {
    issues,
  });
}
