import type { Feature, Geometry } from 'geojson';
import type { Membership } from './membership';
import type { ZoneIndex } from './zone-index';

/** Per-zone counts of the items that count toward a zone. */
export interface ZoneRollup {
  zoneId: string;
  /** Geodesic area, km² (0 for a zone without area, e.g. a line). */
  areaKm2: number;
  /** Items counting toward the zone (its own, its subzones', declared ones). */
  total: number;
  /** Items per `kind`. */
  byKind: Record<string, number>;
  /** Items per `status` (items without one are not counted here). */
  byStatus: Record<string, number>;
  /** Items per `category` (items without one are not counted here). */
  byCategory: Record<string, number>;
  /** `total / areaKm2`, items per km²; 0 when the zone has no area. */
  itemsPerKm2: number;
  /** Year → number of dated history steps of the zone's items in that year. */
  historyByYear: Record<string, number>;
}

/** The item properties a roll-up reads. */
export interface RollupItemProps {
  id: string;
  kind: string;
  status?: string;
  category?: string;
  history?: readonly { year: number; status: string }[];
}

/** Counts one item in a zone's roll-up. */
function count(r: ZoneRollup, p: RollupItemProps): void {
  r.total++;
  bump(r.byKind, p.kind);
  if (p.status !== undefined) bump(r.byStatus, p.status);
  if (p.category !== undefined) bump(r.byCategory, p.category);
  for (const step of p.history ?? []) bump(r.historyByYear, String(step.year));
}

/**
 * Per-zone counts, using `Membership.zones` so an item in a subzone also counts toward its
 * parent. Every indexed zone gets an entry (zeros when empty), in index order, followed by any
 * other zone id the memberships name (e.g. a parent that is a line), with area 0.
 *
 * @param items the items that were assigned; matched to `memberships` by id
 * @param memberships from `assignZones`
 */
export function rollupByZone(
  index: ZoneIndex,
  items: readonly Feature<Geometry | null, RollupItemProps>[],
  memberships: readonly Membership[],
): Map<string, ZoneRollup> {
  const itemsById = new Map<string, RollupItemProps>();
  for (const item of items) {
    if (!itemsById.has(item.properties.id)) itemsById.set(item.properties.id, item.properties);
  }
  const props: RollupItemProps[] = [];
  const matched: Membership[] = [];
  for (const m of memberships) {
    const p = itemsById.get(m.itemId);
    if (!p) continue;
    props.push(p);
    matched.push(m);
  }
  return rollupPairs(index, props, matched);
}

/**
 * {@link rollupByZone} for items already paired with their memberships (`props[i]` with
 * `memberships[i]`): no lookup by id, for callers that hold both in order (a plan's view).
 */
export function rollupPairs(
  index: ZoneIndex,
  props: readonly RollupItemProps[],
  memberships: readonly Membership[],
): Map<string, ZoneRollup> {
  const out = new Map<string, ZoneRollup>();
  const entry = (zoneId: string, areaKm2: number): ZoneRollup => {
    let r = out.get(zoneId);
    if (!r) {
      r = {
        zoneId,
        areaKm2,
        total: 0,
        byKind: {},
        byStatus: {},
        byCategory: {},
        itemsPerKm2: 0,
        historyByYear: {},
      };
      out.set(zoneId, r);
    }
    return r;
  };
  for (const z of index.zones) entry(z.id, z.areaKm2);
  for (let i = 0; i < memberships.length; i++) {
    const zones = memberships[i]!.zones;
    const p = props[i]!;
    // An item counts once per zone, whatever the membership lists twice.
    if (zones.length === 1) count(entry(zones[0]!, 0), p);
    else for (const zoneId of new Set(zones)) count(entry(zoneId, 0), p);
  }
  for (const r of out.values()) r.itemsPerKm2 = r.areaKm2 > 0 ? r.total / r.areaKm2 : 0;
  return out;
}

function bump(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}
