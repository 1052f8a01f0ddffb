import { bbox as turfBbox } from '@turf/bbox';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import Flatbush from 'flatbush';
import type { Feature, Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import { areaKm2 } from './area';
import { buildZoneEdges, type ZoneEdges } from './zone-edges';
import { buildZoneGrid, CELL_NONE, cellOf, DEFAULT_GRID_CELLS, type ZoneGrid } from './zone-grid';

/** The properties a zone needs for the index: its id and, when nested, its parent's id. */
export interface ZoneLikeProps {
  id: string;
  parent?: string;
}

/** Any feature offered as a zone; only valid Polygon/MultiPolygon ones are indexed. */
export type ZoneInput = Feature<Geometry | null, ZoneLikeProps>;

/** A zone in the index. */
export interface IndexedZone {
  readonly id: string;
  readonly parent: string | undefined;
  readonly feature: Feature<Polygon | MultiPolygon, ZoneLikeProps>;
  /** Geodesic area, km². */
  readonly areaKm2: number;
  /** [west, south, east, north] of the coordinates, degrees. */
  readonly bbox: readonly [number, number, number, number];
}

/** A zone left out of the index, with the reason. */
export interface SkippedZone {
  readonly id: string;
  readonly reason: 'not-areal' | 'invalid-ring';
}

/**
 * Zones prepared for fast point queries. Build once per plan with {@link buildZoneIndex};
 * plain data plus typed arrays, so it can be built in a worker.
 */
export interface ZoneIndex {
  /** Indexed (areal) zones, in input order. */
  readonly zones: readonly IndexedZone[];
  /** Zone indices ordered by area, smallest first (ties: input order). */
  readonly order: Int32Array;
  /** Position of each zone in `order` (0 = smallest). */
  readonly rank: Int32Array;
  /** Zone id → index in `zones` (first zone wins for a duplicated id). */
  readonly byId: ReadonlyMap<string, number>;
  /** Zone id → parent id, for every zone offered, areal or not. */
  readonly parents: ReadonlyMap<string, string>;
  /** Ids of every zone offered, areal or not. */
  readonly allIds: ReadonlySet<string>;
  /** Flatbush over the zones' bounding boxes (degrees); null when no zone is indexed. */
  readonly tree: Flatbush | null;
  /** Per-cell classification used by the point queries. */
  readonly grid: ZoneGrid;
  /** The zones' outer-ring edges, indexed for the nearest-zone search. */
  readonly edges: ZoneEdges;
  /** Zones offered but not indexed (lines, points, malformed rings). */
  readonly skipped: readonly SkippedZone[];
}

/** Options for {@link buildZoneIndex}. */
export interface ZoneIndexOptions {
  /**
   * Grid resolution: cells along the longer side of the zones' extent (default 512).
   * Finer grids send fewer points to the exact Turf test (boundary cells shrink with the
   * cell size) and cost more memory and build time: ~5 bytes per cell plus 4 per cell and
   * zone covering it (512 → ~2 MB for the built-in plan; 1024 → ~6 MB).
   */
  gridCells?: number;
}

/**
 * The zones a point query considers: valid Polygon / MultiPolygon features. Rings must have
 * at least 4 positions and be closed, as Turf `booleanPointInPolygon` requires.
 */
export function isArealZone(
  f: Feature<Geometry | null>,
): f is Feature<Polygon | MultiPolygon, ZoneLikeProps> {
  const g = f.geometry;
  if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) return false;
  return zoneProblem(g) === null;
}

/** A ring Turf can test: at least 4 finite positions, closed. */
function isUsableRing(ring: Position[]): boolean {
  if (ring.length < 4) return false;
  const a = ring[0]!;
  const b = ring[ring.length - 1]!;
  if (a[0] !== b[0] || a[1] !== b[1]) return false;
  return ring.every((p) => Number.isFinite(p[0]) && Number.isFinite(p[1]));
}

function zoneProblem(g: Geometry | null): SkippedZone['reason'] | null {
  if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) return 'not-areal';
  const polys: Position[][][] = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  const usable =
    polys.length > 0 && polys.every((poly) => poly.length > 0 && poly.every(isUsableRing));
  return usable ? null : 'invalid-ring';
}

/**
 * Build the zone index once per plan.
 *
 * @param zones features with properties `{ id, parent? }`; Polygon / MultiPolygon ones are
 *   indexed, the others only contribute their parent links (see `skipped`)
 * @param options grid resolution
 */
export function buildZoneIndex(
  zones: readonly ZoneInput[],
  options: ZoneIndexOptions = {},
): ZoneIndex {
  const indexed: IndexedZone[] = [];
  const skipped: SkippedZone[] = [];
  const parents = new Map<string, string>();
  const allIds = new Set<string>();
  for (const f of zones) {
    const id = f.properties.id;
    allIds.add(id);
    const parent = f.properties.parent;
    if (parent !== undefined && parent !== id && !parents.has(id)) parents.set(id, parent);
    const problem = zoneProblem(f.geometry);
    if (problem !== null) {
      skipped.push({ id, reason: problem });
      continue;
    }
    const feature = f as Feature<Polygon | MultiPolygon, ZoneLikeProps>;
    // Box of the coordinates themselves, ignoring any declared `feature.bbox`.
    const b = turfBbox(feature.geometry);
    indexed.push({
      id,
      parent,
      feature,
      areaKm2: areaKm2(feature),
      bbox: [b[0], b[1], b[2], b[3]],
    });
  }

  const order = Int32Array.from(indexed.keys()).sort((a, b) => {
    const d = indexed[a]!.areaKm2 - indexed[b]!.areaKm2;
    return d !== 0 ? d : a - b;
  });
  const rank = new Int32Array(indexed.length);
  order.forEach((zi, k) => {
    rank[zi] = k;
  });

  const byId = new Map<string, number>();
  indexed.forEach((z, i) => {
    if (!byId.has(z.id)) byId.set(z.id, i);
  });

  let tree: Flatbush | null = null;
  if (indexed.length > 0) {
    tree = new Flatbush(indexed.length);
    for (const z of indexed) tree.add(z.bbox[0], z.bbox[1], z.bbox[2], z.bbox[3]);
    tree.finish();
  }

  // The grid and the edges are built at their first query: an index made for its zones'
  // areas and order (the page's, while a worker assigns the items) never pays for them.
  let grid: ZoneGrid | null = null;
  let edges: ZoneEdges | null = null;
  const gridCells = options.gridCells ?? DEFAULT_GRID_CELLS;
  return {
    zones: indexed,
    order,
    rank,
    byId,
    parents,
    allIds,
    tree,
    get grid() {
      grid ??= buildZoneGrid(indexed, order, gridCells);
      return grid;
    },
    get edges() {
      edges ??= buildZoneEdges(indexed);
      return edges;
    },
    skipped,
  };
}

/**
 * Indices of the zones containing a point (boundary included), smallest area first.
 *
 * @param lngLat [longitude, latitude] in degrees
 */
export function zoneIndicesAtPoint(index: ZoneIndex, lngLat: readonly [number, number]): number[] {
  const grid = index.grid;
  const cell = cellOf(grid, lngLat[0], lngLat[1]);
  if (cell < 0 || grid.answer[cell] === CELL_NONE) return [];
  const out: number[] = [];
  const end = grid.offsets[cell + 1]!;
  const pt: [number, number] = [lngLat[0], lngLat[1]];
  for (let k = grid.offsets[cell]!; k < end; k++) {
    const e = grid.entries[k]!;
    const zi = e >> 1;
    if ((e & 1) === 0 || booleanPointInPolygon(pt, index.zones[zi]!.feature)) out.push(zi);
  }
  return out;
}

/**
 * Ids of the zones containing a point, most specific (smallest area) first. A point on a
 * zone's boundary is inside it, as in Turf `booleanPointInPolygon`.
 *
 * @param lngLat [longitude, latitude] in degrees
 */
export function zonesAtPoint(index: ZoneIndex, lngLat: readonly [number, number]): string[] {
  return zoneIndicesAtPoint(index, lngLat).map((zi) => index.zones[zi]!.id);
}

/**
 * Ancestor chain of a zone, nearest parent first (e.g. `center-cbd` → `['center']`).
 * Follows the `parent` links of every zone given to the index, areal or not; stops at a cycle.
 */
export function ancestorsOf(index: ZoneIndex, zoneId: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>([zoneId]);
  let p = index.parents.get(zoneId);
  while (p !== undefined && !seen.has(p)) {
    out.push(p);
    seen.add(p);
    p = index.parents.get(p);
  }
  return out;
}

/** The indexed zone with this id, or undefined. */
export function zoneById(index: ZoneIndex, zoneId: string): IndexedZone | undefined {
  const i = index.byId.get(zoneId);
  return i === undefined ? undefined : index.zones[i];
}
