import { cpSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vitest/config';

const root = import.meta.dirname;

/**
 * The built-in plan package (geodata/) is fetched at run time like any other plan. Vite's dev
 * server serves it from the repo; the build copies it to dist/geodata/, beside plan-map.js, where
 * the element looks for it (src/plan/builtin.ts).
 */
function geodataBesideBundle(): Plugin {
  let outDir = 'dist';
  return {
    name: 'plan-map:geodata',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      const src = join(root, 'geodata');
      // geodata/sources/ holds the planners' CSV sources the package is built from: not shipped.
      const sources = join(src, 'sources');
      if (existsSync(src)) {
        cpSync(src, join(outDir, 'geodata'), {
          recursive: true,
          filter: (from) => from !== sources && !from.startsWith(`${sources}/`),
        });
      }
    },
  };
}

/**
 * Pages in public/ (the embed demo) load `./plan-map.js` exactly as a portal would load the
 * built file; in development that name serves the source entry.
 */
function devEntryAlias(): Plugin {
  return {
    name: 'plan-map:dev-entry',
    apply: 'serve',
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        if (req.url === '/plan-map.js') req.url = '/src/index.ts';
        next();
      });
    },
  };
}

export default defineConfig({
  plugins: [geodataBesideBundle(), devEntryAlias()],
  // maplibre-gl loads its worker from a file beside its module; pre-bundling would move the
  // module away from that file. The worker URL is also set explicitly (map-controller.ts).
  optimizeDeps: { exclude: ['maplibre-gl'] },
  server: { port: 5173, strictPort: false },
  build: {
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
    // Never inline assets as data: URLs — the MapLibre worker must be a same-origin file for a
    // strict `worker-src 'self'` CSP.
    assetsInlineLimit: 0,
    // One ES module, dist/plan-map.js, that registers <plan-map> when imported; its worker(s) and
    // the built-in plan sit beside it. Not library mode: that would inline the workers.
    rollupOptions: {
      // The membership worker is an entry of its own so that it shares the analysis chunk with
      // the element (src/plan/analyse.ts loads it from beside plan-map.js).
      input: {
        'plan-map': resolve(root, 'src/index.ts'),
        'membership-worker': resolve(root, 'src/analysis/membership.worker.ts'),
      },
      preserveEntrySignatures: 'exports-only',
      output: {
        entryFileNames: '[name].js',
        chunkFileNames: 'assets/[name]-[hash].js',
        assetFileNames: 'assets/[name]-[hash][extname]',
      },
    },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/browser/**'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 180_000,
          // One Chromium and one server per file: run the browser files one after another.
          fileParallelism: false,
        },
      },
    ],
  },
});
