/**
 * Chinese map datums. GCJ-02 (AMap, Tencent) and BD-09 (Baidu) positions are WGS84 shifted by an
 * obfuscation formula — around Dalian about 500 m east-north-east (GCJ-02) or 1.3 km north-east
 * (BD-09). A declared datum is converted on load (gcoord); an undeclared one is recognised by
 * that shift against the plan's reference places.
 */
import gcoord from 'gcoord';
import { DATUMS, type Datum } from './types.js';

/** A position in `datum` as WGS84 (altitude kept). */
export function toWgs84(p: number[], datum: Datum): number[] {
  if (datum === 'WGS84') return p;
  const from = datum === 'GCJ-02' ? gcoord.GCJ02 : gcoord.BD09;
  const [x, y] = gcoord.transform([p[0]!, p[1]!] as [number, number], from, gcoord.WGS84);
  return p.length > 2 ? [x, y, ...p.slice(2)] : [x, y];
}

/** Reads a datum name leniently (`GCJ02`, `gcj-02`, `bd09` …); null when it is none of the three. */
export function parseDatum(v: unknown): Datum | null {
  if (typeof v !== 'string') return null;
  const key = v.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return DATUMS.find((d) => d.replace(/[^A-Z0-9]/g, '') === key) ?? null;
}

/**
 * Median offset windows (degrees, layer − reference) that betray an undeclared datum. Measured
 * with gcoord over the plan area (121.29–121.57 E, 38.81–38.99 N): GCJ-02 − WGS84 is
 * +0.0050…+0.0054° lon, +0.0008…+0.0011° lat; BD-09 − WGS84 +0.0114…+0.0118°, +0.0070…+0.0075°.
 * The windows hold that with a margin for the scatter of real positions around their place.
 */
export const DATUM_SIGNATURES = {
  'GCJ-02': { lon: [0.0045, 0.006], lat: [0.0005, 0.0015] },
  'BD-09': { lon: [0.0105, 0.013], lat: [0.006, 0.0085] },
} as const;

/** Points farther than this from every reference place say nothing about the datum. */
const MATCH_WITHIN_DEG = 0.03;
/** At least this many matched points before a verdict. */
const MIN_MATCHED = 3;
/** Points sampled per layer (evenly), so a 20,000-point layer costs what 500 do. */
const MAX_SAMPLED = 500;

export interface DatumSignature {
  datum: 'GCJ-02' | 'BD-09';
  /** Median offset from the nearest reference place, degrees. */
  dLon: number;
  dLat: number;
  /** Points that had a reference place nearby. */
  matched: number;
}

/**
 * The nearest reference place within {@link MATCH_WITHIN_DEG} of a point (longitude scaled by
 * cos latitude), from a grid of cells that size: a lookup reads the few cells around the point,
 * so matching n points against m places costs n + m, not n × m.
 */
function referenceGrid(references: readonly number[][]): (x: number, y: number) => number[] | null {
  const cell = MATCH_WITHIN_DEG;
  const cells = new Map<string, number[][]>();
  for (const r of references) {
    if (!Number.isFinite(r[0]) || !Number.isFinite(r[1])) continue;
    const key = `${Math.floor(r[0]! / cell)},${Math.floor(r[1]! / cell)}`;
    const list = cells.get(key);
    if (list) list.push(r);
    else cells.set(key, [r]);
  }
  /** The nearest reference in cell (i, j) closer than `best.d` (distances in scaled degrees²). */
  const nearestIn = (i: number, j: number, x: number, y: number, k: number, best: Nearest) => {
    for (const r of cells.get(`${i},${j}`) ?? []) {
      const dx = (x - r[0]!) * k;
      const dy = y - r[1]!;
      const d = dx * dx + dy * dy;
      if (d <= best.d && (best.r === null || d < best.d)) {
        best.d = d;
        best.r = r;
      }
    }
  };
  return (x, y) => {
    const k = Math.cos((y * Math.PI) / 180);
    // Within the radius, |Δlon| ≤ radius / cos(lat): that many cells either side.
    const spanX = Math.ceil(1 / Math.max(k, 0.01));
    const cx = Math.floor(x / cell);
    const cy = Math.floor(y / cell);
    const best: Nearest = { r: null, d: MATCH_WITHIN_DEG ** 2 };
    for (let i = cx - spanX; i <= cx + spanX; i++) {
      for (let j = cy - 1; j <= cy + 1; j++) nearestIn(i, j, x, y, k, best);
    }
    return best.r;
  };
}

interface Nearest {
  r: number[] | null;
  d: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * The datum a layer's points look like, compared with the reference places; null when they
 * look like WGS84 (or there is too little to tell).
 */
export function detectDatumShift(
  points: readonly number[][],
  references: readonly number[][],
): DatumSignature | null {
  if (points.length < MIN_MATCHED || references.length === 0) return null;
  const step = Math.max(1, Math.floor(points.length / MAX_SAMPLED));
  const near = referenceGrid(references);
  const dLon: number[] = [];
  const dLat: number[] = [];
  for (let i = 0; i < points.length; i += step) {
    const [x, y] = points[i] as [number, number];
    const best = near(x, y);
    if (best) {
      dLon.push(x - best[0]!);
      dLat.push(y - best[1]!);
    }
  }
  if (dLon.length < MIN_MATCHED) return null;
  const mx = median(dLon);
  const my = median(dLat);
  for (const datum of ['GCJ-02', 'BD-09'] as const) {
    const w = DATUM_SIGNATURES[datum];
    if (mx >= w.lon[0] && mx <= w.lon[1] && my >= w.lat[0] && my <= w.lat[1]) {
      return { datum, dLon: mx, dLat: my, matched: dLon.length };
    }
  }
  return null;
}
