import { Task, TaskStatus } from '@lit/task';
import { html, LitElement, nothing, type PropertyValues, unsafeCSS } from 'lit';
import type { Map as MapLibreMap } from 'maplibre-gl';
import maplibreCss from 'maplibre-gl/dist/maplibre-gl.css?inline';
import { PlanErrorEvent } from '../events/plan-error-event.js';
import { PlanLayerToggleEvent } from '../events/plan-layer-toggle-event.js';
import { PlanReadyEvent } from '../events/plan-ready-event.js';
import { PlanSelectEvent } from '../events/plan-select-event.js';
import { t } from '../i18n/strings.js';
import type { ViewState } from '../map/style.js';
import { BUILTIN_PLAN_URL } from '../plan/builtin.js';
import type { PlanIssue } from '../plan/issues.js';
import { loadPlan } from '../plan/load.js';
import { boundsOf, buildModel, itemsOf, nameOf, type PlanModel } from '../plan/model.js';
import type { Lang } from '../plan/types.js';
import { featureCard } from '../ui/feature-card.js';
import { layerPanel } from '../ui/layer-panel.js';
import { issuesList, unlocatedList } from '../ui/lists.js';
import { zoneList } from '../ui/zone-list.js';
import { MapController } from './map-controller.js';
import { styles } from './plan-map.styles.js';

/**
 * `<plan-map>` draws a spatial plan package — by default the built-in Dalian High-tech Zone
 * 14th Five-Year Plan (一廊一心一城多组团 and the 七贤岭—龙头 industrial corridor) — with MapLibre GL,
 * a layer panel and a panel for the selected zone, item or corridor node.
 *
 * @summary A planning map of the Dalian High-tech Zone as one HTML element.
 *
 * @attr src - URL of a plan manifest (`plan.json`); default: the built-in plan.
 * @attr lang - `zh` (default) or `en`: labels and UI language.
 * @attr layers - Comma-separated ids of the visible layers; reflected when the user toggles.
 * @attr selected - Id of the selected feature; set it to select, reflected on user clicks.
 *
 * @fires plan-ready - {PlanReadyEvent} The plan is loaded and drawn.
 * @fires plan-select - {PlanSelectEvent} The user selected a feature (or cleared the selection).
 * @fires plan-layer-toggle - {PlanLayerToggleEvent} The user switched a layer on or off.
 * @fires plan-error - {PlanErrorEvent} Loading produced errors; `detail.issues` lists them.
 *
 * @slot header - Content above the layer panel (e.g. a portal's own title).
 * @slot panel-footer - Content at the end of the panel.
 *
 * @csspart panel - The side panel.
 * @csspart layers - The layer list.
 * @csspart zones - The list of plan zones.
 * @csspart card - The selected feature's card.
 * @csspart unlocated - The list of items named without a place.
 * @csspart issues - The list of data problems found while loading.
 * @csspart map - The map container.
 *
 * @cssproperty [--plan-map-panel-width=20rem] - Width of the side panel.
 * @cssproperty [--plan-map-font=system-ui, "Noto Sans CJK SC", sans-serif] - UI font.
 * @cssproperty [--plan-map-accent=#2b7bb9] - Accent colour (focus rings, links).
 */
export class PlanMap extends LitElement {
  static override styles = [unsafeCSS(maplibreCss), styles];

  static override properties = {
    src: { type: String },
    lang: { type: String, reflect: true },
    layers: { type: String, reflect: true },
    selected: { type: String, reflect: true },
    _model: { state: true },
    _issues: { state: true },
  };

  /** URL of the plan manifest. Empty or absent: the built-in plan. */
  declare src: string;
  /** `zh` or `en`. */
  declare lang: string;
  /** Comma-separated visible layer ids, or null for the plan's defaults. */
  declare layers: string | null;
  /** Selected feature id, or null. */
  declare selected: string | null;
  declare _model: PlanModel | null;
  declare _issues: PlanIssue[];

  #controller: MapController | null = null;
  #resizeObserver: ResizeObserver | null = null;

  constructor() {
    super();
    this.src = '';
    this.lang = 'zh';
    this.layers = null;
    this.selected = null;
    this._model = null;
    this._issues = [];
  }

  /** The MapLibre map instance once the plan is drawn (an escape hatch for integrators and tests). */
  get map(): MapLibreMap | null {
    return this.#controller?.map ?? null;
  }

  #load = new Task(this, {
    task: async ([src], { signal }) => {
      const result = await loadPlan(src || BUILTIN_PLAN_URL, { signal });
      signal.throwIfAborted();
      return result;
    },
    args: () => [this.src] as const,
    onComplete: (result) => {
      this._issues = result.issues;
      this._model = result.plan ? buildModel(result.plan) : null;
      if (result.issues.some((i) => i.severity === 'error')) {
        this.dispatchEvent(new PlanErrorEvent({ issues: result.issues }));
      }
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

  override connectedCallback(): void {
    super.connectedCallback();
    this.#resizeObserver = new ResizeObserver(() => this.#controller?.resize());
    this.#resizeObserver.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#resizeObserver?.disconnect();
    this.#resizeObserver = null;
    this.#controller?.destroy();
    this.#controller = null;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('_model')) this.#createMap();
    else if (
      this.#controller &&
      (changed.has('lang') || changed.has('layers') || changed.has('selected'))
    ) {
      this.#controller.update(this.#state);
    }
    // A re-attached element has a model but no map yet.
    if (!this.#controller && this._model && this.isConnected) this.#createMap();
  }

  #createMap(): void {
    this.#controller?.destroy();
    this.#controller = null;
    const model = this._model;
    const container = this.renderRoot.querySelector<HTMLElement>('.map');
    if (!model || !container) return;
    const controller = new MapController(
      {
        container,
        onPick: (id) => this.#selectFromUser(id, false),
      },
      model,
      this.#state,
    );
    this.#controller = controller;
    controller.ready.then(() => {
      if (this.#controller !== controller) return;
      this.dispatchEvent(
        new PlanReadyEvent({
          planId: model.plan.manifest.id,
          featureCount: model.byId.size,
          issueCount: this._issues.length,
        }),
      );
    });
  }

  /** Select a feature by id (or null to clear) without firing events, and show it. */
  select(id: string | null): void {
    this.selected = id;
  }

  #selectFromUser(id: string | null, fly: boolean): void {
    this.selected = id;
    const model = this._model;
    if (!model) return;
    if (fly && id) {
      const b = boundsOf(model, id);
      if (b) this.#controller?.fitBounds(b);
    }
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
    const next = this.#visible;
    if (visible) next.add(id);
    else next.delete(id);
    // Keep manifest order so the attribute reads the same way every time.
    const ordered = (this._model?.plan.manifest.layers ?? [])
      .map((l) => l.id)
      .filter((l) => next.has(l));
    this.layers = ordered.join(',');
    this.dispatchEvent(new PlanLayerToggleEvent({ layer: id, visible, layers: ordered }));
  }

  #onKeydown = (e: KeyboardEvent): void => {
    if (e.key === 'Escape' && this.selected) this.#selectFromUser(null, false);
  };

  protected override render() {
    const lang = this.#langCode;
    const model = this._model;
    const failed = this.#load.status === TaskStatus.COMPLETE && !model;
    return html`
      <div class="frame" @keydown=${this.#onKeydown}>
        <aside class="panel" part="panel" aria-label=${model ? model.plan.manifest.title[lang] : t(lang, 'mapLabel')}>
          <slot name="header"></slot>
          <header class="title">
            <h2>${model ? model.plan.manifest.title[lang] : t(lang, 'mapLabel')}</h2>
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
          ${model ? issuesList(this._issues, lang) : nothing}
          <slot name="panel-footer"></slot>
        </aside>
        <div class="map-wrap">
          <div class="map" part="map" role="region" aria-label=${t(lang, 'mapLabel')}></div>
          ${this.#load.render({
            pending: () => html`<div class="overlay" role="status">${t(lang, 'loading')}</div>`,
            error: (e) =>
              html`<div class="overlay error" role="alert">${t(lang, 'loadFailed')}: ${String(e)}
                <button type="button" @click=${() => this.#load.run()}>${t(lang, 'retry')}</button></div>`,
          })}
          ${
            failed
              ? html`<div class="overlay error" role="alert">
                  <p>${t(lang, 'loadFailed')}</p>
                  <ul>${this._issues.map((i) => html`<li>${lang === 'en' ? i.message_en : i.message_zh}</li>`)}</ul>
                  <button type="button" @click=${() => this.#load.run()}>${t(lang, 'retry')}</button>
                </div>`
              : nothing
          }
        </div>
      </div>
    `;
  }
}
