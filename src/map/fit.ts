/**
 * Where the camera goes: the plan's own extent (its zones and corridor, not the basemap's box)
 * and the padding that fits a shape into the part of the map a bottom sheet leaves visible.
 * Pure: no lit, no maplibre-gl; the element and the map controller apply the numbers.
 */
import { bbox as turfBbox } from '@turf/bbox';
import type { LoadedPlan } from '../plan/types.js';

export type Bounds = [west: number, south: number, east: number, north: number];

/** Padding in CSS pixels, as MapLibre's `fitBounds` takes it. */
export interface Padding {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/**
 * The box of what the plan is about: every feature of its zone and corridor layers. A plan
 * without any (items only, say) falls back to the manifest's `bbox`.
 */
export function planExtent(plan: LoadedPlan): Bounds {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  for (const layer of plan.layers) {
    if (layer.spec.kind !== 'zones' && layer.spec.kind !== 'corridor') continue;
    for (const f of layer.data.features) {
      if (!f.geometry) continue;
      const [fw, fs, fe, fn] = turfBbox(f);
      if (![fw, fs, fe, fn].every(Number.isFinite)) continue;
      w = Math.min(w, fw);
      s = Math.min(s, fs);
      e = Math.max(e, fe);
      n = Math.max(n, fn);
    }
  }
  if (!Number.isFinite(w)) return [...plan.manifest.bbox] as Bounds;
  return [w, s, e, n];
}

/**
 * Padding that fits a shape into the map area above a bottom sheet `sheetPx` tall (0: no
 * sheet), `marginPx` from every edge of that area. When the sheet leaves less than
 * `minVisiblePx` of map, the bottom padding gives way so that the fit stays possible (MapLibre
 * refuses a padding larger than the canvas).
 */
export function paddingAboveSheet(
  map: { width: number; height: number },
  sheetPx: number,
  marginPx = 16,
  minVisiblePx = 48,
): Padding {
  const side = Math.max(0, Math.min(marginPx, (map.width - minVisiblePx) / 2));
  const top = Math.max(0, Math.min(marginPx, (map.height - minVisiblePx) / 2));
  const wanted = Math.max(0, sheetPx) + marginPx;
  const bottom = Math.max(0, Math.min(wanted, map.height - top - minVisiblePx));
  return { top, right: side, bottom, left: side };
}
