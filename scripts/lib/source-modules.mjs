// @ts-check
/**
 * Loads the project's TypeScript modules in Node through Vite's `ssrLoadModule`, so scripts use
 * the same code (and vocabularies) as the element without a build step.
 */
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** @param {string[]} paths root-relative module paths, e.g. `/src/plan/load.ts` */
export async function loadSourceModules(paths) {
  const { createServer } = await import('vite');
  const server = await createServer({
    root: ROOT,
    configFile: false,
    logLevel: 'error',
    appType: 'custom',
    server: { middlewareMode: true, hmr: false, ws: false },
    optimizeDeps: { noDiscovery: true, include: [] },
  });
  try {
    return await Promise.all(paths.map((p) => server.ssrLoadModule(p)));
  } finally {
    await server.close();
  }
}
