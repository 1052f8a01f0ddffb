/**
 * The normalised, analysed plan the element renders: lookups by id, zone areas (Turf), and
 * every item attached to its zones (Turf containment, else nearest within a stated distance).
 * Pure: imports neither lit nor maplibre-gl.
 */
import { bbox } from '@turf/turf';
import type { Feature, Geometry, LineString, MultiPolygon, Point, Polygon } from 'geojson';
import {
  areaKm2,
  assignZones,
  buildZoneIndex,
  type Membership,
  type ZoneIndex,
} from '../analysis/index.js';
import {
  ITEM_KINDS,
  type ItemProps,
  LAYOUT_KINDS,
  type LoadedPlan,
  type PlanFeature,
  type PlanProps,
  type ZoneProps,
} from './types.js';

/** Default distance within which an item outside every zone is attached to the nearest one. */
export const DEFAULT_ATTACH_WITHIN_M = 1500;

const ZONE_KINDS = new Set<string>(LAYOUT_KINDS.filter((k) => k !== 'expansion'));
const ITEM_KIND_SET = new Set<string>(ITEM_KINDS);

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
  /** How each item is attached, by item id. */
  membership: Map<string, Membership>;
  /** Items counted in each zone (including those in its subzones), by zone id. */
  itemsByZone: Map<string, string[]>;
  /** Distance used for the nearest-zone fallback, metres. */
  attachWithinM: number;
  index: ZoneIndex;
}

function isZonePolygon(f: PlanFeature): f is ZonePolygon {
  const t = f.geometry?.type;
  return ZONE_KINDS.has(f.properties.kind) && (t === 'Polygon' || t === 'MultiPolygon');
}

function isItem(f: PlanFeature): f is PlanItem {
  const t = f.geometry?.type;
  return (
    ITEM_KIND_SET.has(f.properties.kind) && (t === 'Point' || t === 'LineString' || t === 'Polygon')
  );
}

export function buildModel(plan: LoadedPlan): PlanModel {
  const byId = new Map<string, PlanFeature>();
  const layerOf = new Map<string, string>();
  const zones: ZonePolygon[] = [];
  const items: PlanItem[] = [];
  for (const layer of plan.layers) {
    for (const f of layer.data.features as Feature<Geometry, PlanProps>[]) {
      byId.set(f.properties.id, f);
      layerOf.set(f.properties.id, layer.spec.id);
      if (isZonePolygon(f)) zones.push(f);
      else if (isItem(f)) items.push(f);
    }
  }

  const area = new Map(zones.map((z) => [z.properties.id, areaKm2(z)] as const));
  const children = new Map<string, string[]>();
  for (const z of zones) {
    const parent = z.properties.parent;
    if (parent) children.set(parent, [...(children.get(parent) ?? []), z.properties.id]);
  }

  const attachWithinM = plan.manifest.attach_within_m ?? DEFAULT_ATTACH_WITHIN_M;
  const index = buildZoneIndex(
    zones.map((z) => ({
      ...z,
      properties: { id: z.properties.id, parent: z.properties.parent },
    })),
  );
  const memberships = assignZones(
    items.map((i) => ({
      ...i,
      properties: {
        id: i.properties.id,
        zone: i.properties.zone,
        accuracy_m: i.properties.accuracy_m,
      },
    })),
    index,
    { nearestWithinM: attachWithinM },
  );
  const membership = new Map(memberships.map((m) => [m.itemId, m] as const));
  const itemsByZone = new Map<string, string[]>();
  for (const m of memberships) {
    for (const zoneId of m.zones) {
      itemsByZone.set(zoneId, [...(itemsByZone.get(zoneId) ?? []), m.itemId]);
    }
  }
  return {
    plan,
    byId,
    layerOf,
    zones,
    areaKm2: area,
    children,
    items,
    membership,
    itemsByZone,
    attachWithinM,
    index,
  };
}

/** Items of a zone, or the parks of a corridor node; empty for anything else. */
export function itemsOf(model: PlanModel, id: string): PlanItem[] {
  const f = model.byId.get(id);
  if (!f) return [];
  const ids =
    f.properties.kind === 'corridor-node'
      ? ((f.properties as { parks?: string[] }).parks ?? [])
      : (model.itemsByZone.get(id) ?? []);
  return ids
    .map((i) => model.byId.get(i))
    .filter((x): x is PlanFeature => x !== undefined && isItem(x)) as PlanItem[];
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
