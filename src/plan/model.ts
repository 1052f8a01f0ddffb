/**
 * The normalised, analysed plan the element renders: lookups by id, zone areas (Turf), and
 * every item attached to its zones (Turf containment, else nearest within a stated distance).
 * Pure: imports neither lit nor maplibre-gl.
 */
import { bbox } from '@turf/bbox';
import type { Feature, Geometry, LineString, MultiPolygon, Point, Polygon } from 'geojson';
import {
  areaKm2,
  buildZoneIndex,
  gridCellsFor,
  type Membership,
  type ZoneIndex,
  type ZoneInput,
} from '../analysis/index.js';
import {
  type MembershipRequest,
  membershipReplies,
  packItems,
} from '../analysis/membership-job.js';
import type { PlanIssue } from './issues.js';
import {
  DEFAULT_ATTACH_WITHIN_M,
  type ItemProps,
  isItemKind,
  LAYOUT_KINDS,
  type LoadedPlan,
  type PlanFeature,
  type PlanProps,
  type ZoneProps,
} from './types.js';

export { DEFAULT_ATTACH_WITHIN_M } from './types.js';

const ZONE_KINDS = new Set<string>(LAYOUT_KINDS.filter((k) => k !== 'expansion'));

export type ZonePolygon = Feature<Polygon | MultiPolygon, ZoneProps>;
export type PlanItem = Feature<Point | LineString | Polygon, ItemProps>;

export interface PlanModel {
  plan: LoadedPlan;
  /** Every feature by id. */
  byId: Map<string, PlanFeature>;
  /** Layer id of every feature. */
  layerOf: Map<string, string>;
  /** Zones with polygon geometry (membership targets), in manifest order. */
  zones: ZonePolygon[];
  /** Geodesic area of every polygon zone, km². */
  areaKm2: Map<string, number>;
  /** Subzones of each zone. */
  children: Map<string, string[]>;
  items: PlanItem[];
  /** Layer id of each item, in `items` order (as `layerOf` has it: none when it has none). */
  itemLayers: readonly (string | undefined)[];
  /** How each item is attached, by item id. */
  membership: Map<string, Membership>;
  /** How each item is attached, in `items` order. */
  itemMemberships: readonly Membership[];
  /** Items counted in each zone (including those in its subzones), by zone id. */
  itemsByZone: Map<string, string[]>;
  /** Distance used for the nearest-zone fallback, metres. */
  attachWithinM: number;
  index: ZoneIndex;
  /** Issues the analysis found: in large layers, which only the worker reads. */
  issues?: PlanIssue[];
}

function isZonePolygon(f: PlanFeature): f is ZonePolygon {
  const t = f.geometry?.type;
  return ZONE_KINDS.has(f.properties.kind) && (t === 'Polygon' || t === 'MultiPolygon');
}

function isItem(f: PlanFeature): f is PlanItem {
  const t = f.geometry?.type;
  return isItemKind(f.properties.kind) && (t === 'Point' || t === 'LineString' || t === 'Polygon');
}

/** Everything in a {@link PlanModel} but zone membership: sorted out on the main thread. */
export type PlanParts = Omit<PlanModel, 'membership' | 'itemMemberships' | 'itemsByZone'>;

/** Sort the plan's features into zones and items, compute zone areas, build the zone index. */
export function planParts(plan: LoadedPlan): PlanParts {
  const byId = new Map<string, PlanFeature>();
  const layerOf = new Map<string, string>();
  const zones: ZonePolygon[] = [];
  const items: PlanItem[] = [];
  const itemLayers: (string | undefined)[] = [];
  for (const layer of plan.layers) {
    for (const f of layer.data.features as Feature<Geometry, PlanProps>[]) {
      byId.set(f.properties.id, f);
      layerOf.set(f.properties.id, layer.spec.id);
      if (isZonePolygon(f)) zones.push(f);
      else if (isItem(f)) {
        items.push(f);
        itemLayers.push(layer.spec.id);
      }
    }
  }

  const area = new Map(zones.map((z) => [z.properties.id, areaKm2(z)] as const));
  const children = childrenOf(zones);
  const attachWithinM = plan.manifest.attach_within_m ?? DEFAULT_ATTACH_WITHIN_M;
  const index = buildZoneIndex(zoneInputs(zones), { gridCells: gridCellsFor(items.length) });
  return {
    plan,
    byId,
    layerOf,
    zones,
    areaKm2: area,
    children,
    items,
    itemLayers,
    attachWithinM,
    index,
  };
}

/** Each zone's child zones (by `parent`), in plan order. */
function childrenOf(zones: readonly ZonePolygon[]): Map<string, string[]> {
  const children = new Map<string, string[]>();
  for (const z of zones) {
    const parent = z.properties.parent;
    if (!parent) continue;
    const list = children.get(parent);
    if (list) list.push(z.properties.id);
    else children.set(parent, [z.properties.id]);
  }
  return children;
}

/** Zones as the index (and the worker) needs them: geometry and `{ id, parent }`. */
export function zoneInputs(zones: readonly ZonePolygon[]): ZoneInput[] {
  // The feature itself (a declared `bbox` matters to Turf) with only the properties needed.
  return zones.map((z) => ({
    ...z,
    properties: { id: z.properties.id, parent: z.properties.parent },
  }));
}

/**
 * The membership job for a plan: zones and items reduced to what membership reads (see
 * `analysis/membership-job.ts`), for the worker or for {@link membershipReplies} inline.
 */
export function membershipRequest(parts: PlanParts, chunkSize: number): MembershipRequest {
  return {
    type: 'assign',
    zones: zoneInputs(parts.zones),
    items: packItems(parts.items),
    options: { nearestWithinM: parts.attachWithinM },
    chunkSize,
  };
}

/** The model from its parts and one membership per item (in `parts.items` order). */
export function finishModel(parts: PlanParts, memberships: readonly Membership[]): PlanModel {
  if (memberships.length !== parts.items.length) {
    throw new Error(`${memberships.length} memberships for ${parts.items.length} items`);
  }
  const membership = new Map<string, Membership>();
  const itemsByZone = new Map<string, string[]>();
  for (const m of memberships) {
    membership.set(m.itemId, m);
    for (const zoneId of m.zones) {
      const list = itemsByZone.get(zoneId);
      if (list) list.push(m.itemId);
      else itemsByZone.set(zoneId, [m.itemId]);
    }
  }
  return { ...parts, membership, itemMemberships: memberships, itemsByZone };
}

/**
 * The analysed plan, synchronously on the calling thread. `analysePlan` (analyse.ts) gives the
 * same model without blocking: in chunks, in a Web Worker for large plans.
 */
export function buildModel(plan: LoadedPlan): PlanModel {
  const parts = planParts(plan);
  const memberships: Membership[] = [];
  const request = membershipRequest(parts, Number.POSITIVE_INFINITY);
  for (const reply of membershipReplies(request, parts.index)) {
    if (reply.type === 'error') throw new Error(reply.message);
    for (const m of reply.memberships) memberships.push(m);
  }
  return finishModel(parts, memberships);
}

/** Items of a zone, or the parks of a corridor node; empty for anything else. */
export function itemsOf(model: PlanModel, id: string): PlanItem[] {
  const f = model.byId.get(id);
  if (!f) return [];
  const ids =
    f.properties.kind === 'corridor-node'
      ? ((f.properties as { parks?: string[] }).parks ?? [])
      : (model.itemsByZone.get(id) ?? []);
  // By kind, not geometry: an imported row attached by zone name is an item without a position.
  return ids
    .map((i) => model.byId.get(i))
    .filter(
      (x): x is PlanFeature => x !== undefined && isItemKind(x.properties.kind),
    ) as PlanItem[];
}

export function nameOf(f: PlanFeature, lang: 'zh' | 'en'): string {
  return lang === 'en' ? f.properties.name_en : f.properties.name_zh;
}

/** [west, south, east, north] of a feature, for fitting the map to it. */
export function boundsOf(model: PlanModel, id: string): [number, number, number, number] | null {
  const f = model.byId.get(id);
  if (!f?.geometry) return null;
  const [w, s, e, n] = bbox(f);
  return [w, s, e, n];
}
