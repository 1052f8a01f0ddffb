/**
 * Map scale for the exported planning sheet: metres per pixel at a latitude and zoom, and a
 * scale bar of a round length. Pure.
 */

/** Earth's equatorial circumference in metres (WGS84), as Web Mercator uses it. */
const EARTH_CIRCUMFERENCE_M = 40_075_016.686;

/**
 * Metres on the ground per CSS pixel at `latDeg` and MapLibre `zoom` (Web Mercator; MapLibre's
 * world is 512 px wide at zoom 0).
 */
export function metresPerPixel(latDeg: number, zoom: number, tileSizePx = 512): number {
  return (EARTH_CIRCUMFERENCE_M * Math.cos((latDeg * Math.PI) / 180)) / (tileSizePx * 2 ** zoom);
}

export interface ScaleBar {
  /** Length the bar stands for, metres: 1, 2 or 5 × a power of ten. */
  metres: number;
  /** Its length on the map, pixels. */
  px: number;
  /** `500 m`, `2 km`. */
  label: string;
}

/** The longest round-length bar that fits in `maxPx` pixels at `metresPerPx`. */
export function scaleBar(metresPerPx: number, maxPx: number): ScaleBar {
  const maxM = metresPerPx * maxPx;
  const pow = 10 ** Math.floor(Math.log10(maxM));
  const metres = [5, 2, 1].map((m) => m * pow).find((m) => m <= maxM) ?? pow;
  const label = metres >= 1000 ? `${metres / 1000} km` : `${metres} m`;
  return { metres, px: metres / metresPerPx, label };
}
