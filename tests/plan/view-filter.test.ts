/**
 * The view filter: which items the filters and the year show, the status each is shown with
 * (the year rule), the facet counts and per-zone roll-ups, and the filter syntax.
 */
import { describe, expect, it } from 'vitest';
import type { PlanItem } from '../../src/plan/model.js';
import { ITEM_KINDS, type ItemStatus, STATUSES } from '../../src/plan/types.js';
import {
  allFilterOptions,
  type FilterableItem,
  filterOptions,
  firstYear,
  formatFilter,
  parseFilter,
  planView,
  shownStatus,
  statusAsOf,
  timelineYears,
  toggleFilterValue,
} from '../../src/plan/view-filter.js';
import { builtinModel } from './builtin.js';

const docYears = new Map([
  ['S000', 2020],
  ['S003', 2021],
  ['S001', 2025],
]);
const step = (year: number, status: ItemStatus) => ({ year, status });
type PlanItemProps = PlanItem['properties'];

describe('statusAsOf (the year rule)', () => {
  const dated: FilterableItem = {
    id: 'a',
    kind: 'project',
    category: 'digital',
    status: 'operating',
    history: [step(2021, 'planned'), step(2024, 'operating')],
    sources: [{ doc: 'S000' }],
  };
  it('is the current status when no year is chosen', () => {
    expect(statusAsOf(dated, null, docYears)).toBe('operating');
  });
  it('is the status of the last step up to the year; hidden before the first step', () => {
    expect(statusAsOf(dated, 2020, docYears)).toBeNull();
    expect(statusAsOf(dated, 2021, docYears)).toBe('planned');
    expect(statusAsOf(dated, 2023, docYears)).toBe('planned');
    expect(statusAsOf(dated, 2024, docYears)).toBe('operating');
    expect(statusAsOf(dated, 2030, docYears)).toBe('operating');
  });
  it('ignores the sources when the item has history (the first step decides)', () => {
    expect(firstYear(dated, docYears)).toBe(2021);
  });
  it('dates an item without history by the earliest document citing it, with its current status', () => {
    const undated: FilterableItem = {
      id: 'b',
      kind: 'infrastructure',
      status: 'completed',
      sources: [{ doc: 'S001' }, { doc: 'S003' }],
    };
    expect(firstYear(undated, docYears)).toBe(2021);
    expect(statusAsOf(undated, 2020, docYears)).toBeNull();
    expect(statusAsOf(undated, 2021, docYears)).toBe('completed');
  });
  it('shows an item with neither history nor a dated source only without a year', () => {
    const nothing: FilterableItem = { id: 'c', kind: 'lab', status: 'planned', sources: [] };
    expect(firstYear(nothing, docYears)).toBeNull();
    expect(statusAsOf(nothing, null, docYears)).toBe('planned');
    expect(statusAsOf(nothing, 2025, docYears)).toBeNull();
  });
  it('filters the status as of the year, not the current one', () => {
    const view = { filter: { status: ['planned'] }, year: 2022 };
    expect(shownStatus(dated, view, docYears)).toBe('planned');
    expect(shownStatus(dated, { ...view, year: null }, docYears)).toBeNull();
  });
  it('hides an item without a value in a filtered dimension', () => {
    const bare: FilterableItem = { id: 'd', kind: 'project', sources: [] };
    expect(shownStatus(bare, { filter: {}, year: null }, docYears)).toBe('none');
    expect(
      shownStatus(bare, { filter: { category: ['digital'] }, year: null }, docYears),
    ).toBeNull();
  });
});

describe('planView on the built-in plan', () => {
  const model = builtinModel();
  const all = planView(model, { filter: {}, year: null });

  it('shows every placed item with its current status when nothing is filtered', () => {
    expect(all.neutral).toBe(true);
    expect(all.shown).toBe(model.items.length);
    for (const i of model.items) expect(all.status.get(i.properties.id)).toBe(i.properties.status);
    expect(all.unlocated).toHaveLength(model.plan.unlocated.length);
  });

  it('offers the years the documents cover: 2019–2025', () => {
    expect(timelineYears(model)).toEqual({ min: 2019, max: 2025 });
  });

  it('as of 2020 hides the items first reported in 2024', () => {
    const v2020 = planView(model, { filter: {}, year: 2020 });
    expect(v2020.neutral).toBe(false);
    const reported2024 = model.items.filter((i) =>
      (i.properties.history ?? []).every((h) => h.year === 2024),
    );
    expect(reported2024.length).toBeGreaterThan(5);
    for (const i of reported2024) {
      if ((i.properties.history ?? []).length > 0)
        expect(v2020.status.has(i.properties.id)).toBe(false);
    }
    expect(v2020.status.get('lab-ucas-energy-college')).toBe('completed');
    expect(v2020.status.has('lab-lingshuiwan-laboratory')).toBe(false);
    // Reported as planned in 2021, operating in 2024.
    expect(planView(model, { filter: {}, year: 2022 }).status.get('infra-hekou-sewage-plant')).toBe(
      'planned',
    );
    expect(v2020.shown).toBeLessThan(all.shown);
  });

  it('offers the values the items use: kinds and statuses in vocabulary order, categories sorted', () => {
    const used = (read: (p: PlanItemProps) => string | undefined) =>
      new Set(model.items.map((i) => read(i.properties)).filter((v) => v !== undefined));
    const kinds = used((p) => p.kind);
    const statuses = used((p) => p.status);
    expect(allFilterOptions(model)).toEqual({
      kind: ITEM_KINDS.filter((k) => kinds.has(k)),
      category: [...used((p) => p.category)].sort(),
      status: STATUSES.filter((s) => statuses.has(s)),
    });
    expect(allFilterOptions(model).kind.length).toBeGreaterThan(2);
    for (const d of ['kind', 'category', 'status'] as const) {
      expect(filterOptions(model, d)).toEqual(allFilterOptions(model)[d]);
    }
  });

  it('a status filter changes the counts: per layer, per zone, and the facets', () => {
    const noPlanned = planView(model, {
      filter: { status: filterOptions(model, 'status').filter((s) => s !== 'planned') },
      year: null,
    });
    const planned = model.items.filter((i) => i.properties.status === 'planned').length;
    expect(noPlanned.shown).toBe(all.shown - planned);
    expect(noPlanned.rollup.get('cluster-huangnichuan')!.total).toBeLessThan(
      all.rollup.get('cluster-huangnichuan')!.total,
    );
    const perLayer = [...noPlanned.shownByLayer.values()].reduce((s, ids) => s + ids.length, 0);
    expect(perLayer).toBe(noPlanned.shown);
    // A facet counts what its option would show given the other filters.
    expect(noPlanned.facets.status.get('planned')).toBe(planned);
  });

  it("each zone's roll-up sums to its count, by status and by category", () => {
    for (const v of [all, planView(model, { filter: { kind: ['lab'] }, year: 2021 })]) {
      for (const r of v.rollup.values()) {
        const byStatus = Object.values(r.byStatus).reduce((s, n) => s + n, 0);
        const byCategory = Object.values(r.byCategory).reduce((s, n) => s + n, 0);
        expect(byStatus).toBe(r.total);
        expect(byCategory).toBe(r.total);
      }
    }
    expect(all.rollup.get('cluster-huangnichuan')!.total).toBe(
      model.itemsByZone.get('cluster-huangnichuan')!.length,
    );
  });
});

describe('filter syntax', () => {
  it('round-trips, in a stable order', () => {
    const f = { status: ['planned', 'completed'], kind: ['project'] };
    expect(formatFilter(f)).toBe('kind:project;status:planned,completed');
    expect(parseFilter(formatFilter(f))).toEqual({
      kind: ['project'],
      status: ['planned', 'completed'],
    });
    expect(formatFilter({})).toBe('');
    expect(parseFilter('')).toEqual({});
    expect(parseFilter('status:')).toEqual({ status: [] });
  });
  it('ignores what it does not know, never throws', () => {
    expect(parseFilter('colour:red;kind:lab,<b>;;status:planned,planned')).toEqual({
      kind: ['lab'],
      status: ['planned'],
    });
    expect(parseFilter(null)).toEqual({});
  });
  it('toggles one option; all options on again drops the dimension', () => {
    const options = ['project', 'lab', 'infrastructure'];
    const off = toggleFilterValue({}, 'kind', 'lab', false, options);
    expect(off).toEqual({ kind: ['project', 'infrastructure'] });
    expect(toggleFilterValue(off, 'kind', 'lab', true, options)).toEqual({});
  });
});
