/**
 * The panel's own sections: the selected feature's card (and the page shown of a zone's long
 * item list), the layer list with the status key, the unlocated and issue lists (paged), and
 * the failure overlay with its Retry. The search box, the tree, the filters, export and import
 * render from their own controllers; the element places every section.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { t } from '../i18n/strings.js';
import type { Bounds } from '../map/fit.js';
import type { PlanIssue } from '../plan/issues.js';
import { featureCard } from '../ui/feature-card.js';
import { statusKey } from '../ui/filters.js';
import { layerPanel } from '../ui/layer-panel.js';
import { issuesList, LIST_PAGE, unlocatedList } from '../ui/lists.js';
import type { PlanContext } from './context.js';

export interface PanelOptions extends PlanContext {
  visible(): ReadonlySet<string>;
  /** Every issue the element lists. */
  issues(): PlanIssue[];
  /** The user chose a feature (in a card, in the issues): select it, and fly to it if `fly`. */
  select(id: string | null, fly: boolean): void;
  /** The user chose an item in the card of `from` (a phone keeps the way back). */
  chosenFromCard(from: string | null, to: string): void;
  /** The user switched a layer. */
  toggleLayer(id: string, visible: boolean): void;
  /** Show this box (an issue's feature that was left out). */
  fit(bounds: Bounds): void;
  /** Load the plan again. */
  retry(): void;
}

/** Entries shown of each paged list. */
interface ListLimits {
  issues: number;
  unlocated: number;
}

export class PanelController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #opts: PanelOptions;
  /** The page shown of the selected zone's item list. */
  #itemPage = 0;
  #limits: ListLimits = { issues: LIST_PAGE, unlocated: LIST_PAGE };

  constructor(host: ReactiveControllerHost, opts: PanelOptions) {
    this.#host = host;
    this.#opts = opts;
    host.addController(this);
  }

  hostConnected(): void {}

  /** Another selection: its item list starts on the first page. */
  selectionChanged(): void {
    this.#itemPage = 0;
  }

  /** Another plan: the lists start with their first page. */
  reset(): void {
    this.#limits = { issues: LIST_PAGE, unlocated: LIST_PAGE };
  }

  /** The selected feature's card, if it is in the plan. */
  renderCard() {
    const { model, view, selected, lang } = this.#now();
    if (!model || !view || !selected || !model.byId.has(selected)) return nothing;
    return featureCard({
      model,
      view,
      id: selected,
      lang,
      onChoose: (id) => {
        this.#opts.chosenFromCard(selected, id);
        this.#opts.select(id, true);
      },
      onClose: () => this.#opts.select(null, false),
      pager: {
        page: this.#itemPage,
        onPage: (page) =>
          this.#set(() => {
            this.#itemPage = page;
          }),
      },
    });
  }

  /** The layer list (with each layer's shown count) and the status key. */
  renderLayers() {
    const { model, view, lang } = this.#now();
    if (!model || !view) return nothing;
    return html`${layerPanel({
      layers: model.plan.layers,
      visible: this.#opts.visible(),
      lang,
      counts: new Map([...view.shownByLayer].map(([id, ids]) => [id, ids.length] as const)),
      filtered: !view.neutral,
      onToggle: (id, v) => this.#opts.toggleLayer(id, v),
    })}${statusKey(lang)}`;
  }

  /** The unlocated items and the issues, each a page at a time. */
  renderLists() {
    const { model, view, lang } = this.#now();
    if (!model || !view) return nothing;
    const limits = this.#limits;
    const more = (list: keyof ListLimits) => () =>
      this.#set(() => {
        this.#limits = { ...limits, [list]: limits[list] + LIST_PAGE };
      });
    return html`${unlocatedList(view.unlocated, lang, view.unlocatedTotal, {
      limit: limits.unlocated,
      onMore: more('unlocated'),
    })}${issuesList(this.#opts.issues(), lang, {
      pager: { limit: limits.issues, onMore: more('issues') },
      // A drawn feature is selected; one that was left out is shown where it is.
      onLocate: (i) => {
        if (i.featureId && model.byId.has(i.featureId)) this.#opts.select(i.featureId, true);
        else this.#opts.fit(i.bbox);
      },
      onRetry: () => this.#opts.retry(),
    })}`;
  }

  /** Why the plan cannot be shown (the first ten issues) and a Retry button. */
  renderFailure(issues: readonly PlanIssue[]) {
    const lang = this.#opts.lang();
    return html`<div class="overlay error" part="status" role="alert">
      <p>${t(lang, 'loadFailed')}</p>
      <ul>${issues.slice(0, 10).map((i) => html`<li data-code=${i.code}>${lang === 'en' ? i.message_en : i.message_zh}</li>`)}</ul>
      <button type="button" class="retry" @click=${() => this.#opts.retry()}>${t(lang, 'retry')}</button>
    </div>`;
  }

  #now() {
    const o = this.#opts;
    return { model: o.model(), view: o.view(), selected: o.selected(), lang: o.lang() };
  }

  #set(change: () => void): void {
    change();
    this.#host.requestUpdate();
  }
}
