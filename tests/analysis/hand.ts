/**
 * Independent hand formulas on Turf's sphere (radius 6,371,008.8 m), used to check the golden
 * files rather than just record them.
 */
export const R_M = 6_371_008.8;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Area of a lon/lat rectangle (bounded by meridians and parallels), km². */
export function rectAreaKm2(w: number, s: number, e: number, n: number): number {
  return (R_M ** 2 * rad(e - w) * (Math.sin(rad(n)) - Math.sin(rad(s)))) / 1e6;
}

/** Great-circle distance from (lng, lat) to the meridian `lng0` (foot inside the segment), m. */
export function toMeridianM(lng: number, lat: number, lng0: number): number {
  return R_M * Math.asin(Math.cos(rad(lat)) * Math.sin(rad(Math.abs(lng - lng0))));
}

/** Length of `deg` degrees of a great circle, km. */
export function greatCircleKm(deg: number): number {
  return (R_M * rad(deg)) / 1000;
}
