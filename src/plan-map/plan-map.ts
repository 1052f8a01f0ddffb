import { Task, TaskStatus } from '@lit/task';
import { html, LitElement, nothing, type PropertyValues, unsafeCSS } from 'lit';
import type { Map as MapLibreMap } from 'maplibre-gl';
import maplibreCss from 'maplibre-gl/dist/maplibre-gl.css?inline';
import { PlanErrorEvent } from '../events/plan-error-event.js';
import { PlanLayerToggleEvent } from '../events/plan-layer-toggle-event.js';
import { type PlanReadyDetail, PlanReadyEvent } from '../events/plan-ready-event.js';
import { PlanSelectEvent } from '../events/plan-select-event.js';
import { PlanViewChangeEvent } from '../events/plan-view-change-event.js';
import { t } from '../i18n/strings.js';
import { parseBasemap } from '../map/basemap.js';
import type { ViewState } from '../map/style.js';
import { analysePlan } from '../plan/analyse.js';
import { BUILTIN_PLAN_URL } from '../plan/builtin.js';
import { issue, type PlanIssue } from '../plan/issues.js';
import { loadPlan, planFromObjects } from '../plan/load.js';
import { boundsOf, itemsOf, nameOf, type PlanModel } from '../plan/model.js';
import type { Lang, PlanManifest } from '../plan/types.js';
import { featureCard } from '../ui/feature-card.js';
import { layerPanel } from '../ui/layer-panel.js';
import { issuesList, unlocatedList } from '../ui/lists.js';
import { progressOverlay } from '../ui/progress.js';
import { zoneList } from '../ui/zone-list.js';
import { MapController } from './map-controller.js';
import { styles } from './plan-map.styles.js';

/** A plan given as data instead of a `src` URL: the manifest and each layer's GeoJSON by layer id. */
export interface PlanData {
  manifest: PlanManifest;
  /** FeatureCollections keyed by layer id; `unlocated` may hold the unlocated list. */
  layers: Record<string, unknown>;
}

/** Distance from the viewport within which the map is created (WebGL contexts are scarce). */
const NEAR_VIEWPORT_MARGIN = '300px';

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
 *
 * @prop {PlanData | null} plan - A plan given as data instead of `src`.
 * @prop {import('maplibre-gl').Map | null} map - The MapLibre map once drawn (an escape hatch for integrators and tests).
 * @prop {Promise<PlanReadyDetail>} ready - Resolves with the first `plan-ready` detail.
 *
 * @fires plan-ready - {PlanReadyEvent} The plan is loaded and drawn.
 * @fires plan-select - {PlanSelectEvent} The user selected a feature (or cleared the selection).
 * @fires plan-layer-toggle - {PlanLayerToggleEvent} The user switched a layer on or off.
 * @fires plan-view-change - {PlanViewChangeEvent} The user moved or zoomed the map.
 * @fires plan-error - {PlanErrorEvent} Loading produced errors; `detail.issues` lists them.
 *
 * @slot header - Content above the layer panel (e.g. a portal's own title).
 * @slot panel-footer - Content at the end of the panel.
 *
 * @csspart panel - The side panel.
 * @csspart title - The plan title at the top of the panel.
 * @csspart layers - The layer list.
 * @csspart swatch - A legend swatch in the layer list.
 * @csspart zones - The list of plan zones.
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
    plan: { attribute: false },
    _model: { state: true },
    _issues: { state: true },
    _paused: { state: true },
    _near: { state: true },
    _progress: { state: true },
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

  #controller: MapController | null = null;
  #resizeObserver: ResizeObserver | null = null;
  #intersectionObserver: IntersectionObserver | null = null;
  #resolveReady!: (detail: PlanReadyDetail) => void;

  /** Resolves with the detail of the first `plan-ready`. */
  readonly ready: Promise<PlanReadyDetail> = new Promise((resolve) => {
    this.#resolveReady = resolve;
  });

  constructor() {
    super();
    this.src = '';
    this.lang = 'zh';
    this.layers = null;
    this.selected = null;
    this.basemap = 'offline';
    this.tiandituKey = '';
    this.panel = 'start';
    this.cooperativeGestures = null;
    this.plan = null;
    this._model = null;
    this._issues = [];
    this._paused = false;
    this._near = false;
    this._progress = null;
  }

  /** The MapLibre map instance once the plan is drawn (an escape hatch for integrators and tests). */
  get map(): MapLibreMap | null {
    return this.#controller?.map ?? null;
  }

  #load = new Task(this, {
    task: async ([src, plan], { signal }) => {
      this._progress = null;
      const result = plan
        ? planFromObjects(plan.manifest, plan.layers)
        : await loadPlan(src || BUILTIN_PLAN_URL, { signal });
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
    args: () => [this.src, this.plan] as const,
    onComplete: ({ model, issues }) => {
      this._progress = null;
      const problem = parseBasemap(this.basemap, this.tiandituKey).problem;
      this._issues = problem
        ? [...issues, issue('bad-basemap', 'warning', 'basemap', problem, problem)]
        : issues;
      this._model = model;
      if (this._issues.some((i) => i.severity === 'error')) {
        this.dispatchEvent(new PlanErrorEvent({ issues: this._issues }));
      }
    },
    onError: () => {
      this._progress = null;
    },
  });

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

  get #state(): ViewState {
    return { lang: this.#langCode, visible: this.#visible, selected: this.selected };
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
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#resizeObserver?.disconnect();
    this.#resizeObserver = null;
    this.#intersectionObserver?.disconnect();
    this.#intersectionObserver = null;
    this._near = false;
    this.#controller?.destroy();
    this.#controller = null;
    this._paused = false;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('_model') || changed.has('basemap') || changed.has('tiandituKey')) {
      this.#destroyMap();
    } else if (
      this.#controller &&
      (changed.has('lang') || changed.has('layers') || changed.has('selected'))
    ) {
      this.#controller.update(this.#state);
    }
    if (changed.has('cooperativeGestures'))
      this.#controller?.setCooperativeGestures(this.#cooperative);
    if (changed.has('panel')) this.#controller?.resize();
    this.#ensureMap();
  }

  #destroyMap(): void {
    this.#controller?.destroy();
    this.#controller = null;
    this._paused = false;
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
    const controller = new MapController(
      {
        container,
        basemap: parseBasemap(this.basemap, this.tiandituKey).basemap,
        cooperativeGestures: this.#cooperative,
        onPick: (id) => this.#selectFromUser(id, false),
        onViewChange: (view) => this.dispatchEvent(new PlanViewChangeEvent(view)),
        onContextLost: (lost) => {
          this._paused = lost;
        },
      },
      model,
      this.#state,
    );
    this.#controller = controller;
    controller.ready.then(() => {
      if (this.#controller !== controller) return;
      const detail: PlanReadyDetail = {
        planId: model.plan.manifest.id,
        featureCount: model.byId.size,
        issueCount: this._issues.length,
      };
      this.#resolveReady(detail);
      this.dispatchEvent(new PlanReadyEvent(detail));
    });
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

  /** Show or hide a layer without firing events; `layers` follows. */
  setLayerVisible(id: string, visible: boolean): void {
    this.layers = this.#layersWith(id, visible).join(',');
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

  #toggleLayer(id: string, visible: boolean): void {
    const layers = this.#layersWith(id, visible);
    this.layers = layers.join(',');
    this.dispatchEvent(new PlanLayerToggleEvent({ layer: id, visible, layers }));
  }

  #onKeydown = (e: KeyboardEvent): void => {
    if (e.key === 'Escape' && this.selected) this.#selectFromUser(null, false);
  };

  protected override render() {
    const lang = this.#langCode;
    const model = this._model;
    const title = model ? model.plan.manifest.title[lang] : t(lang, 'mapLabel');
    const failed = this.#load.status === TaskStatus.COMPLETE && !model;
    return html`
      <div class="frame" @keydown=${this.#onKeydown}>
        <aside class="panel" part="panel" aria-label=${title} ?hidden=${this.panel === 'none'}>
          <slot name="header"></slot>
          <header class="title" part="title">
            <h2>${title}</h2>
            <button type="button" class="lang" aria-label=${t(lang, 'languageLabel')} @click=${() => {
              this.lang = lang === 'zh' ? 'en' : 'zh';
            }}>${t(lang, 'language')}</button>
          </header>
          ${
            model && this.selected && model.byId.has(this.selected)
              ? featureCard({
                  model,
                  id: this.selected,
                  lang,
                  onChoose: (id) => this.#selectFromUser(id, true),
                  onClose: () => this.#selectFromUser(null, false),
                })
              : nothing
          }
          ${
            model
              ? layerPanel({
                  layers: model.plan.manifest.layers,
                  visible: this.#visible,
                  lang,
                  onToggle: (id, v) => this.#toggleLayer(id, v),
                })
              : nothing
          }
          ${model ? zoneList(model, lang, this.selected, (id) => this.#selectFromUser(id, true)) : nothing}
          ${model ? unlocatedList(model.plan.unlocated, lang) : nothing}
          ${
            model
              ? issuesList(this._issues, lang, {
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
              this._progress
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
                  <ul>${this._issues.map((i) => html`<li>${lang === 'en' ? i.message_en : i.message_zh}</li>`)}</ul>
                  <button type="button" class="retry" @click=${() => this.#load.run()}>${t(lang, 'retry')}</button>
                </div>`
              : nothing
          }
        </div>
      </div>
    `;
  }
}
