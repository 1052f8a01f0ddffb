import { html, nothing, type PropertyValues, unsafeCSS } from 'lit';
import type { Map as MapLibreMap } from 'maplibre-gl';
import maplibreCss from 'maplibre-gl/dist/maplibre-gl.css?inline';
import { PlanErrorEvent } from '../events/plan-error-event.js';
import { PlanLayerToggleEvent } from '../events/plan-layer-toggle-event.js';
import type { PlanReadyDetail } from '../events/plan-ready-event.js';
import { PlanSelectEvent } from '../events/plan-select-event.js';
import { PlanViewChangeEvent } from '../events/plan-view-change-event.js';
import { t, tf } from '../i18n/strings.js';
import type { ImportOptions, ImportReport } from '../import/rows.js';
import { parseBasemap } from '../map/basemap.js';
import { planExtent } from '../map/fit.js';
import type { MapState } from '../map/style.js';
import type { ExportOptions } from '../plan/export.js';
import type { PlanIssue } from '../plan/issues.js';
import { boundsOf, type PlanModel } from '../plan/model.js';
import type { PlanView } from '../plan/view-filter.js';
import { moreTools } from '../ui/bottom-sheet.js';
import { Announcer } from './announcer.js';
import type { PlanContext } from './context.js';
import { ExportController } from './export-controller.js';
import { internalIssue } from './failures.js';
import { FilterController } from './filter-controller.js';
import { applyHashState, hashStateOf } from './hash.js';
import { HashController } from './hash-controller.js';
import { ImportController } from './import-controller.js';
import { LayerVisibility } from './layer-visibility.js';
import { LayoutController } from './layout-controller.js';
import { MapLifecycleController } from './map-lifecycle.js';
import { PanelController } from './panel-controller.js';
import { PlanLoader } from './plan-loader.js';
import { styles } from './plan-map.styles.js';
import { PlanMapProperties } from './plan-map-properties.js';
import { Readiness } from './readiness.js';
import { RuntimeIssues } from './runtime-issues.js';
import { SearchController } from './search-controller.js';
import { drawnStatuses, mapStateOf, selectDetail } from './selection.js';
import { TreeController } from './tree-controller.js';

export type { PlanData } from './plan-loader.js';

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
 * @csspart sheet-handle - On a phone (the element under 600 px wide): the bottom sheet's handle (drag it, or ↑ ↓ Home End, Enter).
 * @csspart more - On a phone: the fold holding export, import, timeline, filters and layers.
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
export class PlanMap extends PlanMapProperties {
  static override styles = [unsafeCSS(maplibreCss), styles];

  /** What the controllers read from the element (one accessor per concept). */
  #ctx: PlanContext = {
    model: () => this._model,
    view: () => this.#view,
    lang: () => this.uiLang,
    selected: () => this.selected,
  };
  // The controllers: each owns one concern; the element wires them to its properties.
  #runtime = new RuntimeIssues(this, () => this.#allIssues);
  #announcer = new Announcer(this, this.#ctx);
  #loader = new PlanLoader(this, {
    args: () => [this.src, this.plan, this.remoteLayers] as const,
    started: () => this.#runtime.clear(),
    partial: (model) => {
      this._model = model;
    },
    validated: () => this.#map.show(),
    prepare: (model) => this.#filters.prepare(model),
    loaded: (model, issues) => this.#loaded(model, issues),
    failed: (failure) => {
      this._model = null;
      this._issues = [failure];
      this.#readiness.failed('the plan could not be loaded', [failure]);
      this.dispatchEvent(new PlanErrorEvent({ issues: this.#allIssues }));
    },
  });
  #layers = new LayerVisibility({
    // The plan's layers: those of the plan drawn while it is analysed (it replaces the
    // model's), else the model's.
    specs: () => (this.#loader.validatedPlan ?? this._model?.plan)?.manifest.layers ?? [],
    layers: () => this.layers,
    setLayers: (text) => {
      this.layers = text;
    },
    loaded: () => this._model !== null,
  });
  #map = new MapLifecycleController({
    host: this,
    model: () => this._model,
    container: () => this.renderRoot.querySelector<HTMLElement>('.map'),
    basemap: () => parseBasemap(this.basemap, this.tiandituKey).basemap,
    cooperative: () => this.cooperativeGesturesOn,
    state: () => this.#state,
    statuses: () => drawnStatuses(this.#view),
    pick: (id) => this.#selectFromUser(id, false),
    userCameraChange: (change) => this.dispatchEvent(new PlanViewChangeEvent(change)),
    cameraMoved: () => this.#hash.cameraMoved(),
    report: (found, key) => this.#runtime.report(found, key),
    fail: (message, found) => this.#readiness.failed(message, [found]),
    drawn: (model) => {
      // `plan-ready` for the complete plan, not for a partial one still awaiting layers.
      if (model !== this.#loader.partialModel) this.#readiness.drawn(model);
    },
    initialFit: (plan) => this.#layout.initialFit(planExtent(plan)),
    validatedPlan: () => this.#loader.validatedPlan,
  });
  #filters = new FilterController(this, {
    model: () => this._model,
    lang: () => this.uiLang,
    filter: () => this.filter,
    year: () => this.timelineYear,
    setFilter: (text) => {
      this.filter = text;
    },
    setYear: (year) => {
      this.year = year;
    },
  });
  #hash = new HashController(this, {
    enabled: () => this.hash,
    state: () =>
      hashStateOf(this, {
        visible: this.#layers.visible,
        lang: this.uiLang,
        camera: this.#map.camera(),
        year: this.timelineYear,
      }),
    extra: () => [['import', this.#import.active ? '1' : null]],
    apply: (state, reset) => {
      applyHashState(this, state, reset);
      if (state.camera) this.#map.jumpTo(state.camera);
    },
  });
  #search = new SearchController(this, {
    ...this.#ctx,
    choose: (id) => this.#selectFromUser(id, true),
  });
  #tree = new TreeController(this, {
    ...this.#ctx,
    root: () => this.renderRoot as ShadowRoot,
    select: (id) => this.#selectFromUser(id, true),
    preview: (id) => {
      this._preview = id;
    },
  });
  #exports = new ExportController(this, {
    ...this.#ctx,
    visible: () => this.#layers.visible,
    year: () => this.timelineYear,
    snapshot: () => this.#map.controller?.snapshot() ?? null,
    root: () => this.renderRoot,
    announce: (text) => this.#announcer.announce(text),
  });
  /** A planner's own list joined to the plan (src/plan-map/import-controller.ts). */
  #import = new ImportController(this, {
    model: () => this._model,
    show: (model, imported) => this.#showImport(model, imported),
  });
  /** The phone layout: bottom sheet, fits above it, back steps (src/plan-map/layout-controller.ts). */
  #layout = new LayoutController(this, {
    boundsOf: (id) => (this._model ? boundsOf(this._model, id) : null),
    selected: () => this.selected,
    fit: (bounds, padding) => this.#map.controller?.fitBounds(bounds, true, padding),
    keepInView: (bounds, padding) => this.#map.controller?.keepInView(bounds, padding),
    select: (id) => this.#selectFromUser(id, true),
  });

  /** The card, the layer list, the paged lists and the failure overlay. */
  #panel = new PanelController(this, {
    ...this.#ctx,
    visible: () => this.#layers.visible,
    issues: () => this.#allIssues,
    select: (id, fly) => this.#selectFromUser(id, fly),
    chosenFromCard: (from, to) => this.#layout.chosenFromCard(from, to),
    toggleLayer: (id, visible) => this.#toggleLayer(id, visible),
    fit: (bounds) => this.#map.controller?.fitBounds(bounds),
    retry: () => this.#loader.retry(),
  });

  /** `ready` and `plan-ready`. */
  #readiness = new Readiness(this, () => this.#allIssues);

  /**
   * Resolves with the detail of the first `plan-ready`; rejects when the first load fails
   * (no usable manifest, an internal failure, a map that cannot be created), with an error
   * whose `issues` lists why.
   */
  readonly ready: Promise<PlanReadyDetail> = this.#readiness.promise;

  /** The MapLibre map instance once the plan is drawn (an escape hatch for integrators and tests). */
  get map(): MapLibreMap | null {
    const controller = this.#map.controller;
    return controller?.model ? controller.map : null;
  }

  // --- Public methods ---

  /** Select a feature by id (or null to clear) without firing events. */
  select(id: string | null): void {
    this.selected = id;
  }

  /** Fit the map to a feature, or to the whole plan when no id is given. */
  fitTo(id?: string): void {
    const model = this._model;
    const controller = this.#map.controller;
    if (!model || !controller) return;
    const b = id ? boundsOf(model, id) : planExtent(model.plan);
    if (b) controller.fitBounds(b, true, this.#layout.padding() ?? 48);
  }

  /**
   * Show or hide a layer without firing events; `layers` follows. Before the plan has loaded
   * the change is kept and applied once it has.
   */
  setLayerVisible(id: string, visible: boolean): void {
    this.#layers.set(id, visible);
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
    return this.#exports.exportData(options);
  }

  /**
   * A PNG "planning sheet" of the map as it is drawn, once it is idle: title, the map with a
   * scale bar and a north arrow, the legend of the visible layers and item statuses, the selected
   * zone's item table, the sources and the date. Made in the browser; needs the map to be drawn.
   *
   * @throws Error (rejects) when the map is not drawn yet
   */
  exportImage(): Promise<Blob> {
    return this.#exports.exportImage();
  }

  // --- Derived state ---

  /** Every issue: the loader's, the attributes' (re-read on every render), and since loading. */
  get #allIssues(): PlanIssue[] {
    return [...this._issues, ...this.attributeIssues, ...this.#runtime.list];
  }

  /** What the filters and the year show (memoised: the map compares it by reference). */
  get #view(): PlanView | null {
    return this.#filters.view();
  }

  /** What the map draws. */
  get #state(): MapState {
    const { selected, _preview: preview } = this;
    return mapStateOf(this.#view, {
      lang: this.uiLang,
      visible: this.#layers.visible,
      selected,
      preview,
    });
  }

  // --- Lifecycle ---

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.hasAttribute('role')) this.setAttribute('role', 'region');
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Another selection starts its item list on the first page.
    if (changed.has('selected')) this.#panel.selectionChanged();
    // The URL hash is read before the first render with `hash` set: no flash of the defaults.
    if (changed.has('hash')) this.#hash.restoreOnce();
    // Announcements: changes after the first render only (the old value is then defined).
    const after = (key: 'selected' | 'filter' | 'year') =>
      changed.has(key) && changed.get(key) !== undefined;
    this.#announcer.changed({
      selection: after('selected'),
      view: after('filter') || after('year'),
    });
  }

  protected override updated(changed: PropertyValues<this>): void {
    // Another basemap: a new map on it (ensure() below); another model: drawn on this one.
    if (changed.has('basemap') || changed.has('tiandituKey')) this.#map.basemapChanged();
    else if (changed.has('_model')) this.#map.show();
    if (
      (['lang', 'layers', 'selected', '_preview', 'filter', 'year'] as const).some((k) =>
        changed.has(k),
      )
    ) {
      this.#map.update(changed.has('filter') || changed.has('year'));
    }
    const hashKeys = ['selected', 'layers', 'lang', 'year', 'filter', '_model'] as const;
    if (hashKeys.some((k) => changed.has(k))) this.#hash.write();
    if (changed.has('cooperativeGestures')) {
      this.#map.controller?.setCooperativeGestures(this.cooperativeGesturesOn);
    }
    if (changed.has('panel')) this.#map.controller?.resize();
    this.#map.ensure();
  }

  // --- Loading and drawing ---

  #loaded(model: PlanModel | null, issues: PlanIssue[]): void {
    this.#import.reset();
    this.#tree.reset();
    this.#panel.reset();
    this._issues = issues;
    this._model = model;
    if (model) this.#layers.applyPending();
    else this.#readiness.failed('the plan could not be loaded', issues);
    if (issues.some((i) => i.severity === 'error')) {
      this.dispatchEvent(new PlanErrorEvent({ issues: this.#allIssues }));
    }
  }

  /** The model with an import (or the plan's own back), keeping the camera where it is. */
  #showImport(model: PlanModel, imported: boolean): void {
    this._model = model;
    // An imported row that was selected is gone with its import.
    if (this.selected && !model.byId.has(this.selected)) this.selected = null;
    // With an explicit layer list the imported layer would start hidden: shown with its import.
    this.#layers.importChanged(imported);
  }

  // --- The user's actions ---

  #onKeydown = (e: KeyboardEvent): void => {
    if (e.key !== 'Escape' || !this.selected) return;
    // On a phone, from an item chosen in a zone's card: back to the zone (as the back gesture).
    if (!this.#layout.back()) this.#selectFromUser(null, false);
  };

  #toggleLayer(id: string, visible: boolean): void {
    const layers = this.#layers.change([[id, visible]]);
    this.dispatchEvent(new PlanLayerToggleEvent({ layer: id, visible, layers }));
  }

  #selectFromUser(id: string | null, fly: boolean): void {
    this.selected = id;
    const model = this._model;
    if (!model) return;
    // On a phone every selection by the user is shown above the sheet, its card in the sheet.
    if (id && this.#layout.phone) this.#layout.selectedByUser(id);
    else if (fly && id) this.fitTo(id);
    this.dispatchEvent(new PlanSelectEvent(selectDetail(model, id, this.uiLang)));
  }

  // --- Rendering ---

  protected override render() {
    try {
      return this.#renderAll();
    } catch (err) {
      // Never a blank element: the failure is listed (once) and Retry loads the plan again.
      const failure = internalIssue('drawing the panel', err);
      queueMicrotask(() => this.#runtime.report(failure));
      return this.#panel.renderFailure([failure]);
    }
  }

  #renderAll() {
    const lang = this.uiLang;
    const model = this._model;
    const title = model ? model.plan.manifest.title[lang] : t(lang, 'mapLabel');
    return html`
      <div class="frame" @keydown=${this.#onKeydown} @dragover=${this.#import.onDragOver} @drop=${this.#import.onDrop}>
        <aside class="panel" part="panel" aria-label=${title} ?hidden=${this.panel === 'none'}
          data-sheet=${this.#layout.phone ? this.#layout.sheet : nothing} @focusin=${this.#layout.onPanelFocusIn}>
          ${this.#layout.renderHandle(lang)}
          <slot name="header"></slot>
          <header class="title" part="title">
            <h2>${title}</h2>
            <button type="button" class="lang" title=${t(lang, 'languageLabel')} @click=${() => {
              this.lang = lang === 'zh' ? 'en' : 'zh';
            }}><span lang=${lang === 'zh' ? 'en' : 'zh'}>${t(lang, 'language')}</span></button>
          </header>
          ${
            this.#loader.pending.length > 0
              ? html`<p class="partial" role="status">${tf(lang, 'stillLoading', { layers: this.#loader.pending.join(', ') })}</p>`
              : nothing
          }
          ${model ? this.#search.render() : nothing}
          ${this.#panel.renderCard()}
          ${moreTools(
            this.#layout.phone,
            lang,
            html`${this.#exports.render() ?? nothing}
          ${model ? this.#import.render(lang) : nothing}
          ${this.#filters.renderTimeline() ?? nothing}
          ${this.#filters.renderFilters() ?? nothing}
          ${this.#panel.renderLayers()}`,
          )}
          ${this.#tree.render() ?? nothing}
          ${this.#panel.renderLists()}
          <slot name="panel-footer"></slot>
        </aside>
        <div class="map-wrap">
          <div class="map" part="map" role="application" aria-label=${t(lang, 'mapLabel')}></div>
          ${this.#loader.renderStatus(lang)}
          ${
            this.#map.paused
              ? html`<div class="overlay paused" part="status" role="status">${t(lang, 'paused')}</div>`
              : nothing
          }
          ${this.#loader.failed ? this.#panel.renderFailure(this.#allIssues) : nothing}
        </div>
        <div class="sr-only" part="announcer" aria-live="polite" aria-atomic="true">${this.#announcer.text}</div>
      </div>
    `;
  }
}
