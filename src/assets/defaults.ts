/**
 * Where the element's own files are, for the development server and the self-contained `cdn/`
 * build. The bundler build (`dist/`) swaps this module for `defaults.bundler.ts`
 * (vite.config.ts › bundlerAssetUrls). Both builds address files relative to the module that
 * asks (`import.meta.url`), never to the site root, so a copied folder works from any path.
 */
import maplibreWorker from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';

/**
 * The membership worker: in development Vite serves the source module; in `cdn/` it is an entry
 * of its own beside `plan-map.js`, sharing the analysis chunk with the element instead of
 * carrying its own copy. (A variable, so that Vite's worker plugin, which would bundle a second
 * copy, leaves the expression alone.)
 */
const MEMBERSHIP_WORKER = import.meta.env.DEV
  ? '../analysis/membership.worker.ts'
  : './membership-worker.js';

/** MapLibre's worker script: beside this module in `cdn/` (`base: './'`). */
export function defaultMaplibreWorkerUrl(): string {
  return new URL(maplibreWorker, import.meta.url).href;
}

/** Starts the zone-membership worker. */
export function createDefaultMembershipWorker(): Worker {
  return new Worker(new URL(MEMBERSHIP_WORKER, import.meta.url), { type: 'module' });
}
