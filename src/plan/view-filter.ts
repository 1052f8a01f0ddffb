/**
 * What the planner is looking at: the items that pass the kind / category / status filters,
 * and — on the timeline — the plan as of a year, each item with the status it had then.
 * One pure function decides this for the map, the legend, every count, the charts and the
 * exports, so they cannot disagree. Imports neither lit nor maplibre-gl.
 *
 * The year rule (documented in README "Timeline"):
 * - an item with dated history steps appears with its first step; as of year Y it has the
 *   status of its last step with `year ≤ Y`, and it is hidden when it has no step up to Y;
 * - an item without history appears from the year of the earliest dated document that cites
 *   it (its `sources`), with its current status — the documents say what it is, not when it
 *   became so; an item with neither is shown only when no year is chosen.
 */
import {
  type Membership,
  type RollupItemProps,
  rollupPairs,
  type ZoneRollup,
} from '../analysis/index.js';
import type { PlanItem, PlanModel } from './model.js';
import {
  ITEM_KINDS,
  type ItemStatus,
  isPlausibleYear,
  STATUSES,
  type UnlocatedItem,
} from './types.js';

/** The three dimensions a planner filters items by. */
export const FILTER_DIMENSIONS = ['kind', 'category', 'status'] as const;
export type FilterDimension = (typeof FILTER_DIMENSIONS)[number];

/**
 * Allowed values per dimension; an absent dimension allows everything. `{}` is no filter.
 * An empty list allows nothing.
 */
export type ItemFilter = Partial<Record<FilterDimension, readonly string[]>>;

export interface ViewFilter {
  filter: ItemFilter;
  /** The plan as of this year, or null for the current state (every item, current status). */
  year: number | null;
}

/** The item properties the filter reads: placed items and unlocated ones alike. */
export interface FilterableItem {
  id: string;
  kind: string;
  category?: string;
  status?: ItemStatus;
  history?: readonly { year: number; status: ItemStatus }[];
  sources?: readonly { doc: string }[];
}

/**
 * Year of each plan source document (`date` is ISO `yyyy-mm-dd`), by document id. A date
 * whose year is not plausible (`YEAR_RANGE`) gives none: it must not stretch the timeline.
 */
export function sourceYears(model: PlanModel): Map<string, number> {
  const out = new Map<string, number>();
  for (const s of model.plan.manifest.sources) {
    const m = /^(\d{4})(?:\b|-)/.exec(s.date ?? '');
    const y = m ? Number(m[1]) : Number.NaN;
    if (isPlausibleYear(y)) out.set(s.id, y);
  }
  return out;
}

/** The smallest and largest of some numbers without spreading them into a call. */
function range(values: Iterable<number>): { min: number; max: number } | null {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return min <= max ? { min, max } : null;
}

/**
 * The years the timeline offers: from the earliest to the latest year named by a history step
 * or a source document's date (2019–2025 for the built-in plan); null when there is none.
 */
export function timelineYears(model: PlanModel): { min: number; max: number } | null {
  const years = [...sourceYears(model).values()];
  const steps = (item: FilterableItem) => {
    for (const step of item.history ?? []) if (isPlausibleYear(step.year)) years.push(step.year);
  };
  for (const i of model.items) steps(i.properties);
  for (const u of model.plan.unlocated) steps(u);
  return range(years);
}

/** Year an item first appears in the documents (see the year rule above), or null if undated. */
export function firstYear(
  item: FilterableItem,
  docYears: ReadonlyMap<string, number>,
): number | null {
  const steps = item.history ?? [];
  if (steps.length > 0) return range(steps.map((s) => s.year))?.min ?? null;
  const years = (item.sources ?? [])
    .map((s) => docYears.get(s.doc))
    .filter((y): y is number => y !== undefined);
  return range(years)?.min ?? null;
}

/**
 * The item's status as of `year` (its current status when `year` is null); `null` when the item
 * is not yet in the documents then; `undefined` when it has no status at all.
 */
export function statusAsOf(
  item: FilterableItem,
  year: number | null,
  docYears: ReadonlyMap<string, number>,
): ItemStatus | null | undefined {
  if (year === null) return item.status;
  const steps = item.history ?? [];
  if (steps.length > 0) {
    let best: { year: number; status: ItemStatus } | undefined;
    // The last step up to the year; of two steps in one year, the later one listed.
    for (const s of steps) if (s.year <= year && (!best || s.year >= best.year)) best = s;
    return best ? best.status : null;
  }
  const first = firstYear(item, docYears);
  return first !== null && first <= year ? item.status : null;
}

/** Each filter list as a set, made once (a list may be long: lookups stay constant-time). */
const ALLOWED_SETS = new WeakMap<readonly string[], ReadonlySet<string>>();

function allows(filter: ItemFilter, dim: FilterDimension, value: string | undefined): boolean {
  const allowed = filter[dim];
  if (allowed === undefined) return true;
  if (value === undefined) return false;
  let set = ALLOWED_SETS.get(allowed);
  if (!set) {
    set = new Set(allowed);
    ALLOWED_SETS.set(allowed, set);
  }
  return set.has(value);
}

/**
 * The status an item is shown with, or null when the view hides it. `skip` leaves one
 * dimension out (for facet counts: how many each option would show given the other filters).
 */
export function shownStatus(
  item: FilterableItem,
  view: ViewFilter,
  docYears: ReadonlyMap<string, number>,
  skip?: FilterDimension,
): ItemStatus | 'none' | null {
  const status = statusAsOf(item, view.year, docYears);
  if (status === null) return null;
  if (skip !== 'kind' && !allows(view.filter, 'kind', item.kind)) return null;
  if (skip !== 'category' && !allows(view.filter, 'category', item.category)) return null;
  if (skip !== 'status' && !allows(view.filter, 'status', status)) return null;
  return status ?? 'none';
}

/** What a view shows: computed once per plan and filter, read by the map and the whole panel. */
export interface PlanView {
  filter: ItemFilter;
  year: number | null;
  /** True when nothing is filtered and no year is chosen: every item with its current status. */
  neutral: boolean;
  /** Placed items shown, by id, with the status they are shown with. */
  status: Map<string, ItemStatus>;
  /** Ids of the shown items of each item layer, in layer order. */
  shownByLayer: Map<string, string[]>;
  /** Placed items in the plan / shown. */
  total: number;
  shown: number;
  /** Unlocated items shown (with `status` as of the year), and how many there are in all. */
  unlocated: UnlocatedItem[];
  unlocatedTotal: number;
  /** Per-zone counts of the shown items, statuses as of the year (`rollupPairs`). */
  rollup: Map<string, ZoneRollup>;
  /** Shown placed items per option of each dimension, the other two dimensions applied. */
  facets: Record<FilterDimension, Map<string, number>>;
}

/** True when a filter restricts nothing. */
export function isEmptyFilter(filter: ItemFilter): boolean {
  return FILTER_DIMENSIONS.every((d) => filter[d] === undefined);
}

/** Counts an item in each dimension's facets (the item as shown with the other dimensions applied). */
function countFacets(
  p: PlanItem['properties'],
  view: ViewFilter,
  docYears: ReadonlyMap<string, number>,
  facets: PlanView['facets'],
): void {
  for (const dim of FILTER_DIMENSIONS) {
    const s = shownStatus(p, view, docYears, dim);
    if (s === null) continue;
    bumpFacet(facets[dim], dim === 'kind' ? p.kind : dim === 'category' ? p.category : s);
  }
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The unlocated items a view shows, each with its status as of the view's year. */
function shownUnlocated(
  model: PlanModel,
  view: ViewFilter,
  docYears: ReadonlyMap<string, number>,
): UnlocatedItem[] {
  const out: UnlocatedItem[] = [];
  for (const u of model.plan.unlocated) {
    const s = shownStatus(u, view, docYears);
    if (s !== null) out.push(s === 'none' ? u : { ...u, status: s });
  }
  return out;
}

/** Adds one to a facet's count of `value`. */
function bumpFacet(facet: Map<string, number>, value: string | undefined): void {
  if (value !== undefined) facet.set(value, (facet.get(value) ?? 0) + 1);
}

/** The view of a plan under a filter and year. */
export function planView(model: PlanModel, view: ViewFilter): PlanView {
  return viewOf(model, view, view.year === null && isEmptyFilter(view.filter));
}

/**
 * {@link planView} with every item through the filter rules, even when nothing is filtered
 * (exported for the test of the shortcut that skips them then).
 */
export function planViewByRules(model: PlanModel, view: ViewFilter): PlanView {
  return viewOf(model, view, false);
}

function viewOf(model: PlanModel, view: ViewFilter, neutral: boolean): PlanView {
  const docYears = sourceYears(model);
  const status = new Map<string, ItemStatus>();
  const shownByLayer = new Map<string, string[]>();
  const facets: PlanView['facets'] = { kind: new Map(), category: new Map(), status: new Map() };
  // The shown items as the roll-up counts them (status as shown, no history), with their zones.
  const counted: RollupItemProps[] = [];
  const zonesOf: Membership[] = [];
  let shownCount = 0;
  const { items, itemLayers, itemMemberships } = model;
  for (let i = 0; i < items.length; i++) {
    const p = items[i]!.properties;
    let s: ItemStatus | 'none' | null;
    if (neutral) {
      // Nothing filtered, no year: every item is shown with its status, in every facet.
      s = p.status ?? 'none';
      bumpFacet(facets.kind, p.kind);
      bumpFacet(facets.category, p.category);
      bumpFacet(facets.status, s);
    } else {
      countFacets(p, view, docYears, facets);
      s = shownStatus(p, view, docYears);
      if (s === null) continue;
    }
    const shown = s === 'none' ? p.status : s;
    status.set(p.id, shown);
    shownCount++;
    counted.push({ id: p.id, kind: p.kind, category: p.category, status: shown });
    zonesOf.push(itemMemberships[i]!);
    const layer = itemLayers[i];
    if (layer !== undefined) pushTo(shownByLayer, layer, p.id);
  }
  const unlocated = shownUnlocated(model, view, docYears);
  const rollup = rollupPairs(model.index, counted, zonesOf);
  return {
    filter: view.filter,
    year: view.year,
    neutral: view.year === null && isEmptyFilter(view.filter),
    status,
    shownByLayer,
    total: model.items.length,
    shown: shownCount,
    unlocated,
    unlocatedTotal: model.plan.unlocated.length,
    rollup,
    facets,
  };
}

/** The options a filter dimension offers for a plan: those its items use, in vocabulary order. */
export function filterOptions(model: PlanModel, dim: FilterDimension): string[] {
  return allFilterOptions(model)[dim];
}

/** {@link filterOptions} of every dimension, from one pass over the items. */
export function allFilterOptions(model: PlanModel): Record<FilterDimension, string[]> {
  const used = { kind: new Set<string>(), category: new Set<string>(), status: new Set<string>() };
  for (const i of model.items) {
    const p = i.properties;
    used.kind.add(p.kind);
    if (p.category !== undefined) used.category.add(p.category);
    if (p.status !== undefined) used.status.add(p.status);
  }
  const inOrder = (values: ReadonlySet<string>, order: readonly string[]) => [
    ...order.filter((v) => values.has(v)),
    ...[...values].filter((v) => !order.includes(v)).sort(),
  ];
  return {
    kind: inOrder(used.kind, ITEM_KINDS),
    category: inOrder(used.category, []),
    status: inOrder(used.status, STATUSES),
  };
}

const VALUE = /^[a-z0-9][a-z0-9-]*$/;

/**
 * Parse the filter syntax of the `filter` attribute and the URL hash:
 * `kind:project,lab;status:planned,completed` — per dimension the values shown. Unknown
 * dimensions and malformed values are ignored (a hand-edited URL never throws).
 */
export function parseFilter(text: string | null | undefined): ItemFilter {
  const out: { -readonly [K in FilterDimension]?: string[] } = {};
  for (const part of (text ?? '').split(';')) {
    const colon = part.indexOf(':');
    if (colon < 0) continue;
    const dim = part.slice(0, colon).trim() as FilterDimension;
    if (!FILTER_DIMENSIONS.includes(dim)) continue;
    const values = part
      .slice(colon + 1)
      .split(',')
      .map((v) => v.trim())
      .filter((v) => VALUE.test(v));
    out[dim] = [...new Set([...(out[dim] ?? []), ...values])];
  }
  return out;
}

/** The filter in the syntax {@link parseFilter} reads; `''` for no filter. Stable order. */
export function formatFilter(filter: ItemFilter): string {
  return FILTER_DIMENSIONS.filter((d) => filter[d] !== undefined)
    .map((d) => `${d}:${filter[d]!.join(',')}`)
    .join(';');
}

/**
 * The filter with one option switched on or off. `options` are every value the dimension offers:
 * when all are allowed again the dimension is dropped (no filter).
 */
export function toggleFilterValue(
  filter: ItemFilter,
  dim: FilterDimension,
  value: string,
  on: boolean,
  options: readonly string[],
): ItemFilter {
  const current = filter[dim] ?? options;
  const next = on
    ? options.filter((o) => o === value || current.includes(o))
    : current.filter((o) => o !== value);
  const out: ItemFilter = { ...filter };
  if (next.length === options.length && options.every((o) => next.includes(o))) delete out[dim];
  else out[dim] = next;
  return out;
}
