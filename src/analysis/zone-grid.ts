import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';

/**
 * A uniform lon/lat grid over the extent of all zones, each cell classified once per zone
 * as outside, inside or boundary. Points in cells where no zone's boundary passes get their
 * answer from the grid alone; only points in boundary cells need the exact Turf test.
 *
 * Exactness: Turf's `booleanPointInPolygon` (even-odd over the rings of each polygon, boundary
 * counts as inside, optional `bbox` pre-check) changes value only across a ring edge or a side
 * of the feature's declared `bbox`. A cell that no such segment touches, even after growing
 * the cell by {@link GRID_MARGIN_DEG} on every side, therefore has one answer for every point
 * in it, and that answer is the one Turf gives at the cell centre. The margin is many orders
 * of magnitude above the rounding of the cell arithmetic and of Turf's own `vertex - point`
 * subtraction (~1e-14°), so a point the grid maps to a clean cell is answered exactly as the
 * naive loop answers it; anything closer to a segment than the margin lands in a boundary cell
 * and goes through Turf.
 */
export interface ZoneGrid {
  /** Extent of the grid in degrees: the union of the zones' bounding boxes. */
  readonly west: number;
  readonly south: number;
  readonly east: number;
  readonly north: number;
  /** Number of columns (longitude) and rows (latitude). */
  readonly cols: number;
  readonly rows: number;
  /** Cells per degree of longitude / latitude. */
  readonly colsPerDeg: number;
  readonly rowsPerDeg: number;
  /**
   * Per cell (row-major): {@link CELL_NONE} when no zone touches the cell, {@link CELL_TEST}
   * when the candidates must be walked (the smallest candidate's boundary crosses the cell),
   * else `zoneIndex + CELL_ZONE0`, the answer for every point in the cell. The narrowest
   * array type that fits the zone count, so the table stays in cache.
   */
  readonly answer: Uint8Array | Uint16Array | Uint32Array;
  /** CSR offsets: the candidates of cell `c` are `entries[offsets[c] .. offsets[c + 1])`. */
  readonly offsets: Uint32Array;
  /**
   * Candidates, smallest zone first: `zoneIndex * 2 + 1` when the zone's boundary crosses the
   * cell (test with Turf), `zoneIndex * 2` when the cell is wholly inside the zone.
   */
  readonly entries: Int32Array;
  /** Statistics: cells crossed by at least one zone boundary, and cells with any candidate. */
  readonly boundaryCells: number;
  readonly coveredCells: number;
}

/** `answer` value: no zone contains any point of the cell. */
export const CELL_NONE = 0;
/** `answer` value: walk the cell's candidates. */
export const CELL_TEST = 1;
/** `answer` value of zone 0; zone `k` is `CELL_ZONE0 + k`. */
export const CELL_ZONE0 = 2;

/**
 * Clearance in degrees (~0.1 mm) that a cell must keep from every ring edge to be classified
 * without the exact test.
 */
export const GRID_MARGIN_DEG = 1e-9;

/** Cells along the longer side of the zones' extent when not given. */
export const DEFAULT_GRID_CELLS = 512;

/**
 * A grid resolution for assigning `points` points: a grid costs its cells to build and saves an
 * exact test per point, so a plan with a few dozen items takes a coarse one (built-in plan, in
 * Node: 0.5 ms to build at 128 cells, 6 ms at 512). The answers do not depend on it.
 */
export function gridCellsFor(points: number): number {
  return points >= 5_000 ? DEFAULT_GRID_CELLS : points >= 500 ? 256 : 128;
}

const OUTSIDE = 1;
const INSIDE = 2;
const BOUNDARY = 3;

/** A zone ready for the grid: its feature, bbox in degrees and area rank. */
export interface GridZone {
  readonly feature: Feature<Polygon | MultiPolygon>;
  /** [west, south, east, north] of the coordinates, degrees. */
  readonly bbox: readonly [number, number, number, number];
}

/** West, south, east, north around every zone's box. */
function extentOf(zones: readonly GridZone[]): [number, number, number, number] {
  let west = Number.POSITIVE_INFINITY;
  let south = Number.POSITIVE_INFINITY;
  let east = Number.NEGATIVE_INFINITY;
  let north = Number.NEGATIVE_INFINITY;
  for (const z of zones) {
    west = Math.min(west, z.bbox[0]);
    south = Math.min(south, z.bbox[1]);
    east = Math.max(east, z.bbox[2]);
    north = Math.max(north, z.bbox[3]);
  }
  return [west, south, east, north];
}

/** `gridCells` cells along the longer side of the extent, square-ish cells. */
function gridGeometry(
  west: number,
  south: number,
  east: number,
  north: number,
  gridCells: number,
): { geo: GridGeometry; spanX: number; spanY: number } {
  const n = Math.max(1, Math.floor(gridCells));
  // Degenerate (zero-width) extents still get a valid, if tiny, cell size.
  const spanX = Math.max(east - west, 1e-12);
  const spanY = Math.max(north - south, 1e-12);
  const cols = spanX >= spanY ? n : Math.max(1, Math.ceil((n * spanX) / spanY));
  const rows = spanY > spanX ? n : Math.max(1, Math.ceil((n * spanY) / spanX));
  return {
    geo: { west, south, cols, rows, cellW: spanX / cols, cellH: spanY / rows },
    spanX,
    spanY,
  };
}

/** Calls `f` for every grid cell a zone's window covers (inside or on its boundary). */
function forEachCovered(
  w: ZoneWindow,
  cols: number,
  f: (cell: number, boundary: boolean) => void,
): void {
  for (let r = 0; r < w.rows; r++) {
    for (let c = 0; c < w.cols; c++) {
      const s = w.state[r * w.cols + c];
      if (s === INSIDE || s === BOUNDARY) f((w.row0 + r) * cols + (w.col0 + c), s === BOUNDARY);
    }
  }
}

/** Each cell's answer: none, the one zone that holds all of it, or "test the candidates". */
function cellAnswers(
  offsets: Uint32Array,
  entries: Int32Array,
  boundaryAny: Uint8Array,
  zoneCount: number,
): { answer: ZoneGrid['answer']; boundaryCells: number; coveredCells: number } {
  const cellCount = boundaryAny.length;
  const maxCode = zoneCount + CELL_ZONE0;
  const answer =
    maxCode <= 0xff
      ? new Uint8Array(cellCount)
      : maxCode <= 0xffff
        ? new Uint16Array(cellCount)
        : new Uint32Array(cellCount);
  let boundaryCells = 0;
  let coveredCells = 0;
  for (let cell = 0; cell < cellCount; cell++) {
    const start = offsets[cell]!;
    if (boundaryAny[cell]) boundaryCells++;
    if (start === offsets[cell + 1]) {
      answer[cell] = CELL_NONE;
      continue;
    }
    coveredCells++;
    const first = entries[start]!;
    // The smallest candidate holds the whole cell: it wins for every point, whatever
    // the larger zones do.
    answer[cell] = (first & 1) === 0 ? (first >> 1) + CELL_ZONE0 : CELL_TEST;
  }
  return { answer, boundaryCells, coveredCells };
}

/**
 * Classify a grid over `zones`.
 *
 * @param zones the zones, in index order
 * @param order zone indices, smallest area first (ties: lower index first)
 * @param gridCells cells along the longer side of the extent (at least 1)
 */
export function buildZoneGrid(
  zones: readonly GridZone[],
  order: ArrayLike<number>,
  gridCells: number = DEFAULT_GRID_CELLS,
): ZoneGrid {
  if (zones.length === 0) {
    return emptyGrid();
  }
  const [west, south, east, north] = extentOf(zones);
  const { geo, spanX, spanY } = gridGeometry(west, south, east, north, gridCells);
  const { cols, rows } = geo;

  // Classify each zone over the window of cells its bbox covers.
  const windows = zones.map((z) => classifyZone(z, geo));

  const cellCount = cols * rows;
  const counts = new Uint32Array(cellCount + 1);
  const boundaryAny = new Uint8Array(cellCount);
  for (const w of windows) {
    forEachCovered(w, cols, (cell, boundary) => {
      counts[cell + 1]!++;
      if (boundary) boundaryAny[cell] = 1;
    });
  }
  const offsets = new Uint32Array(cellCount + 1);
  for (let i = 0; i < cellCount; i++) offsets[i + 1] = offsets[i]! + counts[i + 1]!;
  const entries = new Int32Array(offsets[cellCount]!);
  const fill = offsets.slice(0, cellCount);
  // Fill in area order so every cell's candidates come out smallest zone first.
  for (let k = 0; k < order.length; k++) {
    const zi = order[k]!;
    forEachCovered(windows[zi]!, cols, (cell, boundary) => {
      entries[fill[cell]!++] = zi * 2 + (boundary ? 1 : 0);
    });
  }
  const { answer, boundaryCells, coveredCells } = cellAnswers(
    offsets,
    entries,
    boundaryAny,
    zones.length,
  );
  return {
    west,
    south,
    east,
    north,
    cols,
    rows,
    colsPerDeg: cols / spanX,
    rowsPerDeg: rows / spanY,
    answer,
    offsets,
    entries,
    boundaryCells,
    coveredCells,
  };
}

/**
 * Cell index of a point, or -1 when the point is outside the grid (or not a number).
 * Must stay in step with the inlined copy in `zoneIndexOfPoints`.
 */
export function cellOf(grid: ZoneGrid, lng: number, lat: number): number {
  if (!(lng >= grid.west && lng <= grid.east && lat >= grid.south && lat <= grid.north)) return -1;
  let c = Math.floor((lng - grid.west) * grid.colsPerDeg);
  let r = Math.floor((lat - grid.south) * grid.rowsPerDeg);
  if (c >= grid.cols) c = grid.cols - 1;
  if (r >= grid.rows) r = grid.rows - 1;
  return r * grid.cols + c;
}

interface GridGeometry {
  west: number;
  south: number;
  cols: number;
  rows: number;
  cellW: number;
  cellH: number;
}

interface ZoneWindow {
  col0: number;
  row0: number;
  cols: number;
  rows: number;
  /** OUTSIDE | INSIDE | BOUNDARY per window cell, row-major. */
  state: Uint8Array;
}

function emptyGrid(): ZoneGrid {
  return {
    west: 0,
    south: 0,
    east: -1,
    north: -1,
    cols: 0,
    rows: 0,
    colsPerDeg: 0,
    rowsPerDeg: 0,
    answer: new Uint8Array(0),
    offsets: new Uint32Array(1),
    entries: new Int32Array(0),
    boundaryCells: 0,
    coveredCells: 0,
  };
}

function clampInt(v: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(v, hi));
}

function classifyZone(zone: GridZone, g: GridGeometry): ZoneWindow {
  const m = GRID_MARGIN_DEG;
  const col0 = clampInt(Math.floor((zone.bbox[0] - m - g.west) / g.cellW), 0, g.cols - 1);
  const col1 = clampInt(Math.floor((zone.bbox[2] + m - g.west) / g.cellW), 0, g.cols - 1);
  const row0 = clampInt(Math.floor((zone.bbox[1] - m - g.south) / g.cellH), 0, g.rows - 1);
  const row1 = clampInt(Math.floor((zone.bbox[3] + m - g.south) / g.cellH), 0, g.rows - 1);
  const w: ZoneWindow = {
    col0,
    row0,
    cols: col1 - col0 + 1,
    rows: row1 - row0 + 1,
    state: new Uint8Array((col1 - col0 + 1) * (row1 - row0 + 1)),
  };

  markRings(w, g, zone);
  fillRuns(w, g, zone);
  return w;
}

/** 1. Mark every cell (grown by the margin) that a ring edge touches. */
function markRings(w: ZoneWindow, g: GridGeometry, zone: GridZone): void {
  const geom = zone.feature.geometry;
  const polys: Position[][][] = geom.type === 'Polygon' ? [geom.coordinates] : geom.coordinates;
  for (const poly of polys) {
    for (const ring of poly) {
      for (let i = 0; i + 1 < ring.length; i++) {
        const a = ring[i]!;
        const b = ring[i + 1]!;
        markSegment(w, g, a[0]!, a[1]!, b[0]!, b[1]!);
      }
    }
  }
  // Turf rejects points outside a declared `feature.bbox` before the ring test (it reads
  // indices 0..3 even for a 3D bbox), so the sides of that box are discontinuities too.
  const fb = zone.feature.bbox;
  if (fb && fb.length >= 4) {
    const [x0, y0, x1, y1] = [fb[0], fb[1], fb[2], fb[3]] as [number, number, number, number];
    markSegment(w, g, x0, y0, x1, y0);
    markSegment(w, g, x1, y0, x1, y1);
    markSegment(w, g, x1, y1, x0, y1);
    markSegment(w, g, x0, y1, x0, y0);
  }
}

/**
 * 2. Runs of unmarked cells along a row share one answer (the segment joining two
 * neighbouring centres stays inside the two clean cells, so it crosses no edge):
 * ask Turf once per run, at the centre of its first cell.
 */
function fillRuns(w: ZoneWindow, g: GridGeometry, zone: GridZone): void {
  const pt: [number, number] = [0, 0];
  for (let r = 0; r < w.rows; r++) {
    let runState = 0;
    pt[1] = g.south + (w.row0 + r + 0.5) * g.cellH;
    for (let c = 0; c < w.cols; c++) {
      const k = r * w.cols + c;
      if (w.state[k] === BOUNDARY) {
        runState = 0;
        continue;
      }
      if (runState === 0) {
        pt[0] = g.west + (w.col0 + c + 0.5) * g.cellW;
        runState = booleanPointInPolygon(pt, zone.feature) ? INSIDE : OUTSIDE;
      }
      w.state[k] = runState;
    }
  }
}

/** The x range of segment a→b (dy = by − ay) within the band yLo…yHi, or null when it misses it. */
function bandSpan(
  ax: number,
  ay: number,
  bx: number,
  dy: number,
  yLo: number,
  yHi: number,
): [number, number] | null {
  if (dy === 0) return ay < yLo || ay > yHi ? null : [ax, bx];
  let t0 = (yLo - ay) / dy;
  let t1 = (yHi - ay) / dy;
  if (t0 > t1) [t0, t1] = [t1, t0];
  if (t0 < 0) t0 = 0;
  if (t1 > 1) t1 = 1;
  if (t0 > t1) return null;
  return [ax + t0 * (bx - ax), ax + t1 * (bx - ax)];
}

/** Mark as BOUNDARY every window cell that segment a→b touches, cells grown by the margin. */
function markSegment(
  w: ZoneWindow,
  g: GridGeometry,
  ax: number,
  ay: number,
  bx: number,
  by: number,
): void {
  const m = GRID_MARGIN_DEG;
  const rLo = Math.max(w.row0, Math.floor((Math.min(ay, by) - m - g.south) / g.cellH));
  const rHi = Math.min(w.row0 + w.rows - 1, Math.floor((Math.max(ay, by) + m - g.south) / g.cellH));
  const dy = by - ay;
  for (let r = rLo; r <= rHi; r++) {
    // The part of the segment inside this row's band (grown by the margin).
    const yLo = g.south + r * g.cellH - m;
    const yHi = g.south + (r + 1) * g.cellH + m;
    const span = bandSpan(ax, ay, bx, dy, yLo, yHi);
    if (span === null) continue;
    const [xa, xb] = span;
    const xMin = Math.min(xa, xb) - m;
    const xMax = Math.max(xa, xb) + m;
    const cLo = Math.max(w.col0, Math.floor((xMin - g.west) / g.cellW));
    const cHi = Math.min(w.col0 + w.cols - 1, Math.floor((xMax - g.west) / g.cellW));
    const base = (r - w.row0) * w.cols - w.col0;
    for (let c = cLo; c <= cHi; c++) w.state[base + c] = BOUNDARY;
  }
}
