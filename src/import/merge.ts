/**
 * An import joined to the plan as one more item layer, so imported rows go wherever the plan's
 * own items go (map, zone cards, search, filters, statistics, exports). Pure: no DOM, no map.
 *
 * Rows attached by zone name have no position: they sit in the layer's data (exports list them,
 * with an empty position; MapLibre draws nothing for a feature without geometry) and join the
 * analysed model's items with the membership the import computed — `explicit`, to the zone named.
 */
import type { FeatureCollection, Geometry } from 'geojson';
import type { Membership } from '../analysis/index.js';
import type { PlanItem, PlanModel } from '../plan/model.js';
import type { LayerSpec, LoadedPlan, PlanProps } from '../plan/types.js';
import type { ImportedItem } from './rows.js';

/** Layer id of the imported rows. */
export const IMPORT_LAYER_ID = 'imported';
/** Their colour: an orange no plan layer uses, so they stand apart from the plan's items. */
export const IMPORT_COLOR = '#e8590c';

export function importLayerSpec(file: string): LayerSpec {
  return {
    id: IMPORT_LAYER_ID,
    title: { zh: `导入:${file}`, en: `Imported: ${file}` },
    file,
    kind: 'items',
    visible: true,
    color: IMPORT_COLOR,
    legend: [{ label: { zh: '导入的条目', en: 'Imported rows' }, color: IMPORT_COLOR }],
  };
}

/** The plan with the imported items as its last layer (the plan itself is not changed). */
export function planWithImport(plan: LoadedPlan, file: string, items: ImportedItem[]): LoadedPlan {
  const spec = importLayerSpec(file);
  return {
    ...plan,
    manifest: { ...plan.manifest, layers: [...plan.manifest.layers, spec] },
    layers: [
      ...plan.layers,
      {
        spec,
        data: { type: 'FeatureCollection', features: items } as FeatureCollection<
          Geometry,
          PlanProps
        >,
      },
    ],
  };
}

/**
 * The model analysed from {@link planWithImport}, with the unlocated imported items (attached by
 * zone name) added to its items, memberships and zone lists.
 */
export function withUnlocatedImports(
  model: PlanModel,
  items: readonly ImportedItem[],
  memberships: readonly Membership[],
): PlanModel {
  const extra = items
    .map((item, i) => ({ item, m: memberships[i]! }))
    .filter(({ item }) => item.geometry === null);
  if (extra.length === 0) return model;
  const membership = new Map(model.membership);
  const itemsByZone = new Map<string, string[]>(
    [...model.itemsByZone].map(([k, v]) => [k, [...v]]),
  );
  for (const { m } of extra) {
    membership.set(m.itemId, m);
    for (const z of m.zones) {
      const list = itemsByZone.get(z);
      if (list) list.push(m.itemId);
      else itemsByZone.set(z, [m.itemId]);
    }
  }
  return {
    ...model,
    items: [...model.items, ...extra.map(({ item }) => item as unknown as PlanItem)],
    itemLayers: [
      ...model.itemLayers,
      ...extra.map(({ item }) => model.layerOf.get(item.properties.id)),
    ],
    membership,
    itemMemberships: [...model.itemMemberships, ...extra.map(({ m }) => m)],
    itemsByZone,
  };
}
