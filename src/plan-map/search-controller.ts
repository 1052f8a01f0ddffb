/**
 * The search box's state: the query, the open list and its highlighted hit, over an index built
 * once per model. Items hidden by the filters or the year are not offered; zones and corridor
 * nodes always are.
 */
import type { ReactiveController, ReactiveControllerHost, TemplateResult } from 'lit';
import type { PlanModel } from '../plan/model.js';
import {
  buildSearchIndex,
  ITEM_GROUP,
  type SearchHit,
  type SearchIndex,
  search,
} from '../plan/search.js';
import { searchBox } from '../ui/search-box.js';
import type { PlanContext } from './context.js';

export interface SearchOptions extends Pick<PlanContext, 'model' | 'view' | 'lang'> {
  /** The user chose a hit: select it and fly to it. */
  choose(id: string): void;
}

export class SearchController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #opts: SearchOptions;
  #query = '';
  /** Highlighted hit, or -1. */
  #active = -1;
  #open = false;
  #memo: { model: PlanModel; index: SearchIndex } | null = null;

  constructor(host: ReactiveControllerHost, opts: SearchOptions) {
    this.#host = host;
    this.#opts = opts;
    host.addController(this);
  }

  hostConnected(): void {}

  /** The hits for the current query. */
  hits(): SearchHit[] {
    // The index is built at the first query, not with the panel (tens of ms at 100,000 items).
    if (!this.#query.trim()) return [];
    const index = this.#index();
    const view = this.#opts.view();
    if (!index || !view) return [];
    return search(index, this.#query, (e) => e.group !== ITEM_GROUP || view.status.has(e.id));
  }

  render(): TemplateResult {
    return searchBox({
      lang: this.#opts.lang(),
      query: this.#query,
      hits: this.hits(),
      active: this.#active,
      open: this.#open,
      onInput: (q) => this.#set({ query: q, open: true, active: -1 }),
      onActive: (i) => this.#set({ active: i }),
      onChoose: (hit) => this.#choose(hit),
      onOpen: (open) => this.#set(open ? { open } : { open, active: -1 }),
      onFocus: () => {
        if (this.#query) this.#set({ open: true });
      },
    });
  }

  #index(): SearchIndex | null {
    const model = this.#opts.model();
    if (!model) return null;
    if (this.#memo?.model !== model) this.#memo = { model, index: buildSearchIndex(model) };
    return this.#memo.index;
  }

  #choose(hit: SearchHit): void {
    const e = hit.entry;
    this.#set({
      query: this.#opts.lang() === 'en' ? e.name_en : e.name_zh,
      open: false,
      active: -1,
    });
    this.#opts.choose(e.id);
  }

  #set(next: { query?: string; open?: boolean; active?: number }): void {
    this.#query = next.query ?? this.#query;
    this.#open = next.open ?? this.#open;
    this.#active = next.active ?? this.#active;
    this.#host.requestUpdate();
  }
}
