/**
 * `setBasePath`: where the element loads its own files from (MapLibre's worker, the membership
 * worker), for portals that host them elsewhere — a CDN, a versioned static folder. Unset, they
 * load from beside the module (`cdn/`) or from wherever the portal's bundler put them (`dist/`).
 * The built-in plan is part of the code (a lazily imported module) and needs no path.
 */
import { createDefaultMembershipWorker, defaultMaplibreWorkerUrl } from './defaults.js';

/** File names under a base path: those of `cdn/`. */
export const MAPLIBRE_WORKER_FILE = 'maplibre-gl-worker.mjs';
export const MEMBERSHIP_WORKER_FILE = 'membership-worker.js';

let basePath: string | null = null;

/**
 * Load the element's worker files from `url` (a folder holding `maplibre-gl-worker.mjs` and
 * `membership-worker.js`, as in `cdn/`), relative to the page. Call it before the first
 * `<plan-map>` draws its map; `null` returns to the default.
 *
 * @example setBasePath('https://static.example.cn/plan-map/0.2.0/cdn/')
 */
export function setBasePath(url: string | URL | null): void {
  if (url === null) {
    basePath = null;
    return;
  }
  const href = new URL(String(url), globalThis.document?.baseURI ?? globalThis.location?.href).href;
  basePath = href.endsWith('/') ? href : `${href}/`;
}

/** The base path set with {@link setBasePath}, or null for the default. */
export function getBasePath(): string | null {
  return basePath;
}

/** MapLibre's worker script. */
export function maplibreWorkerUrl(): string {
  return basePath ? new URL(MAPLIBRE_WORKER_FILE, basePath).href : defaultMaplibreWorkerUrl();
}

/**
 * Starts the membership worker. A worker script on another origin (a CDN) cannot be started
 * directly; as MapLibre does, it is then started from a same-origin `blob:` module that imports
 * it (the page's CSP must allow `worker-src blob:` for that case).
 */
export function createMembershipWorker(): Worker {
  if (!basePath) return createDefaultMembershipWorker();
  const url = new URL(MEMBERSHIP_WORKER_FILE, basePath).href;
  if (new URL(url).origin === globalThis.location?.origin)
    return new Worker(url, { type: 'module' });
  const blob = new Blob([`import ${JSON.stringify(url)};`], { type: 'text/javascript' });
  const blobUrl = URL.createObjectURL(blob);
  try {
    return new Worker(blobUrl, { type: 'module' });
  } finally {
    URL.revokeObjectURL(blobUrl);
  }
}
