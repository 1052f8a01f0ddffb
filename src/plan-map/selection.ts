/**
 * Pure helpers for the element's selection, layer list and map: the `plan-select` detail of a
 * feature, the `layers` attribute read and changed in the manifest's order, and what the map
 * draws of the element's state.
 */
import type { PlanSelectDetail } from '../events/plan-select-event.js';
import type { MapState } from '../map/style.js';
import { itemsOf, nameOf, type PlanModel } from '../plan/model.js';
import type { ItemStatus, Lang, LayerSpec } from '../plan/types.js';
import type { PlanView } from '../plan/view-filter.js';

/** What the map draws: the element's state, with the items the filters and the year show. */
export function mapStateOf(view: PlanView | null, state: Omit<MapState, 'shown'>): MapState {
  return { ...state, shown: view && !view.neutral ? view.shownByLayer : null };
}

/** Item statuses to draw: as of the timeline's year, else null (the data's). */
export function drawnStatuses(view: PlanView | null): ReadonlyMap<string, ItemStatus> | null {
  return view && view.year !== null ? view.status : null;
}

/** What `plan-select` says about selecting `id` (null: the selection was cleared). */
export function selectDetail(model: PlanModel, id: string | null, lang: Lang): PlanSelectDetail {
  const f = id ? model.byId.get(id) : undefined;
  return {
    id: f ? id : null,
    kind: f?.properties.kind ?? null,
    name: f ? nameOf(f, lang) : null,
    areaKm2: id ? (model.areaKm2.get(id) ?? null) : null,
    items: id
      ? itemsOf(model, id).map((i) => ({
          id: i.properties.id,
          kind: i.properties.kind,
          name: nameOf(i, lang),
          status: i.properties.status,
        }))
      : [],
  };
}

/** The visible layer ids: the `layers` attribute, else the layers the manifest shows. */
export function visibleLayers(specs: readonly LayerSpec[], attr: string | null): Set<string> {
  if (attr === null) return new Set(specs.filter((l) => l.visible).map((l) => l.id));
  return new Set(
    attr
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
}

/**
 * The visible layers after `changes` (id → shown), in the manifest's order, so the attribute
 * reads the same way every time.
 */
export function layersWith(
  specs: readonly LayerSpec[],
  visible: ReadonlySet<string>,
  changes: Iterable<readonly [string, boolean]>,
): string[] {
  const next = new Set(visible);
  for (const [id, shown] of changes) {
    if (shown) next.add(id);
    else next.delete(id);
  }
  return specs.map((l) => l.id).filter((l) => next.has(l));
}
