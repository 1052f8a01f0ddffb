/**
 * What the filters and the timeline show — the plan's {@link PlanView}, memoised per model,
 * filter and year (the map compares it by reference) — and the user's changes to them, each
 * firing `plan-filter-change`. The timeline's play button is a {@link PlaybackController}.
 */
import type { ReactiveController, ReactiveControllerHost, TemplateResult } from 'lit';
import { PlanFilterChangeEvent } from '../events/plan-filter-change-event.js';
import type { PlanModel } from '../plan/model.js';
import type { Lang } from '../plan/types.js';
import {
  allFilterOptions,
  type FilterDimension,
  formatFilter,
  type PlanView,
  parseFilter,
  planView,
  timelineYears,
  toggleFilterValue,
} from '../plan/view-filter.js';
import { filtersPanel } from '../ui/filters.js';
import { timeline } from '../ui/timeline.js';
import { PlaybackController } from './playback-controller.js';

export interface FilterControllerOptions {
  model(): PlanModel | null;
  lang(): Lang;
  /** The `filter` attribute. */
  filter(): string | null;
  /** The timeline's year when plausible, else null (now). */
  year(): number | null;
  setFilter(text: string | null): void;
  setYear(year: number | null): void;
}

/** What a plan offers the filters and the timeline: computed once per model. */
interface PlanOffer {
  model: PlanModel;
  options: Record<FilterDimension, readonly string[]>;
  years: { min: number; max: number } | null;
}

const NO_OPTIONS: Record<FilterDimension, readonly string[]> = {
  kind: [],
  category: [],
  status: [],
};

export class FilterController implements ReactiveController {
  readonly playback: PlaybackController;
  readonly #host: ReactiveControllerHost & EventTarget;
  readonly #opts: FilterControllerOptions;
  #view: { model: PlanModel; filter: string | null; year: number | null; view: PlanView } | null =
    null;
  #offer: PlanOffer | null = null;

  constructor(host: ReactiveControllerHost & EventTarget, opts: FilterControllerOptions) {
    this.#host = host;
    this.#opts = opts;
    host.addController(this);
    this.playback = new PlaybackController(host, {
      years: () => this.years(),
      year: () => opts.year(),
      step: (year) => this.#setYear(year, true),
    });
  }

  hostConnected(): void {}

  /** What the filters and the year show, or null before a plan is loaded. */
  view(): PlanView | null {
    const model = this.#opts.model();
    return model ? this.#viewOf(model) : null;
  }

  /**
   * Works out what a plan's model will show — its view, filter options and years — before the
   * element shows it, so that a large plan's first panel is not also the task that computes them.
   */
  prepare(model: PlanModel): void {
    this.#viewOf(model);
    this.#offerOf(model);
  }

  #viewOf(model: PlanModel): PlanView {
    const filter = this.#opts.filter();
    const year = this.#opts.year();
    const m = this.#view;
    if (m && m.model === model && m.filter === filter && m.year === year) return m.view;
    const view = planView(model, { filter: parseFilter(filter), year });
    this.#view = { model, filter, year, view };
    return view;
  }

  /** The plan's year range, or null when nothing in it is dated. */
  years(): { min: number; max: number } | null {
    return this.#offered()?.years ?? null;
  }

  renderTimeline(): TemplateResult | null {
    const years = this.years();
    if (!years) return null;
    return timeline({
      lang: this.#opts.lang(),
      years,
      year: this.#opts.year(),
      playing: this.playback.playing,
      onYear: (y) => this.#setYear(y, false),
      onPlay: (on) => this.playback.play(on),
    });
  }

  renderFilters(): TemplateResult | null {
    const view = this.view();
    if (!view) return null;
    const options = this.#offered()?.options ?? NO_OPTIONS;
    return filtersPanel({
      lang: this.#opts.lang(),
      view,
      options,
      onToggle: (dim, value, on) => {
        const current = parseFilter(this.#opts.filter());
        this.#setFilter(formatFilter(toggleFilterValue(current, dim, value, on, options[dim])));
      },
      onReset: () => this.#setFilter(null),
    });
  }

  #offered(): PlanOffer | null {
    const model = this.#opts.model();
    return model ? this.#offerOf(model) : null;
  }

  #offerOf(model: PlanModel): PlanOffer {
    if (this.#offer?.model !== model) {
      this.#offer = { model, options: allFilterOptions(model), years: timelineYears(model) };
    }
    return this.#offer;
  }

  #setFilter(text: string | null): void {
    this.#opts.setFilter(text || null);
    this.#changed();
  }

  #setYear(year: number | null, fromPlay: boolean): void {
    if (!fromPlay) this.playback.stop();
    this.#opts.setYear(year);
    this.#changed();
  }

  #changed(): void {
    const view = this.view();
    if (!view) return;
    this.#host.dispatchEvent(
      new PlanFilterChangeEvent({
        year: view.year,
        filter: view.filter,
        filterText: formatFilter(view.filter),
        shown: view.shown,
        total: view.total,
      }),
    );
  }
}
