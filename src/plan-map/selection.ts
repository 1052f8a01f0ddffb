/**
 * Pure helpers for the element's selection and layer list: the `plan-select` detail of a
 * feature, and the `layers` attribute read and changed in the manifest's order.
 */
import type { PlanSelectDetail } from '../events/plan-select-event.js';
import { itemsOf, nameOf, type PlanModel } from '../plan/model.js';
import type { Lang, LayerSpec } from '../plan/types.js';

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
