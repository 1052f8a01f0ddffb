/**
 * Where the element's own files are, in the bundler build (`dist/`): the placeholders below are
 * replaced after bundling (vite.config.ts › bundlerAssetUrls) by the literal patterns a
 * portal's bundler understands —
 * `new URL('../maplibre-gl-worker.mjs', import.meta.url)` (emitted as an asset) and
 * `new Worker(new URL('../analysis/membership.worker.js', import.meta.url), { type: 'module' })` (bundled
 * as a worker, its bare imports resolved from the portal's node_modules).
 */
declare const __PLAN_MAP_MAPLIBRE_WORKER_URL__: string;
declare const __PLAN_MAP_MEMBERSHIP_WORKER__: Worker;

export function defaultMaplibreWorkerUrl(): string {
  return __PLAN_MAP_MAPLIBRE_WORKER_URL__;
}

export function createDefaultMembershipWorker(): Worker {
  return __PLAN_MAP_MEMBERSHIP_WORKER__;
}
