/**
 * Label fades while a plan is drawn: off until its first picture is complete, then MapLibre's
 * usual fade (unless the user prefers reduced motion).
 *
 * MapLibre fades labels in and out (`fadeDuration`) only after a map's first `idle`, so its
 * first picture appears at once. The element's map reaches that first idle with its waiting
 * style, before the plan has arrived, so without this every label of the plan faded in, and
 * each fade is more frames to paint before the map is idle: at 100,000 items, 14–21 frames
 * after `style-set` instead of 7–8, and `plan-ready` about 450 ms later (README › Performance).
 */
import type { Map as MapLibreMap } from 'maplibre-gl';

/** MapLibre's default `fadeDuration`, ms: the fade once the plan is drawn. */
export const LABEL_FADE_MS = 300;

/** The map options that start a map without label fades (MapLibre's `fadeDuration`). */
export const NO_LABEL_FADE = { fadeDuration: 0 } as const;

/** The part of MapLibre's map this reads and writes (declared in its typings). */
type Fading = Pick<MapLibreMap, '_fadeDuration'>;

/**
 * Labels fade (`on`) or appear at once. MapLibre sets `fadeDuration` only in its constructor:
 * this writes the field it reads at each frame. Should a later MapLibre rename it, labels
 * simply never fade (the constructor's {@link NO_LABEL_FADE} stays).
 */
export function setLabelFade(map: Fading, on: boolean): void {
  if (typeof map._fadeDuration !== 'number') return;
  map._fadeDuration = on && !prefersReducedMotion() ? LABEL_FADE_MS : 0;
}

function prefersReducedMotion(): boolean {
  return globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
}
