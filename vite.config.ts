import { copyFileSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import MagicString from 'magic-string';
import type { UserConfig } from 'vite';
import { defineConfig, type Plugin } from 'vitest/config';
import { planFromObjects } from './src/plan/load.js';

const root = import.meta.dirname;
const require = createRequire(import.meta.url);

/**
 * Two builds, one package (README › Embedding):
 *
 * - `vite build` → `cdn/`: self-contained, for one `<script type="module">` tag. Every file it
 *   loads (chunks, MapLibre's worker, the membership worker) is addressed relative to the module
 *   itself (`base: './'` → `new URL(…, import.meta.url)`), so the folder works from any path.
 * - `vite build --mode bundler` → `dist/`: ES modules for a portal's own bundler. `lit`,
 *   `maplibre-gl`, `@turf/*` … stay bare imports (one copy per page); the workers are written
 *   with the `new URL('./x', import.meta.url)` / `new Worker(new URL(…))` patterns that Vite and
 *   webpack pick up without configuration (see `bundlerAssetUrls`).
 *
 * In both, the built-in plan is a lazily imported module (`virtual:plan-map/builtin-plan`), not
 * a fetched file: bundlers handle `import()` everywhere, while a fetched `plan.json` gets inlined
 * as a `data:` URL by a consumer's bundler and its layer files are lost.
 */

/**
 * The built-in plan package in geodata/ as one module: validated here, when it is built, with
 * the rules every plan goes through at load (`planFromObjects`), so the page does not validate
 * its own shipped data again. The module holds the result (the plan and any issues, which the
 * build also prints) as JSON text; `loadBuiltinPlan` parses a fresh copy for each element.
 */
const BUILTIN_PLAN_ID = 'virtual:plan-map/builtin-plan';
function builtinPlan(): Plugin {
  const resolved = `\0${BUILTIN_PLAN_ID}`;
  return {
    name: 'plan-map:builtin-plan',
    resolveId(id) {
      return id === BUILTIN_PLAN_ID ? resolved : null;
    },
    load(id) {
      if (id !== resolved) return null;
      const dir = join(root, 'geodata');
      const read = (file: string): unknown => {
        const path = join(dir, file);
        this.addWatchFile(path);
        return JSON.parse(readFileSync(path, 'utf8'));
      };
      const manifest = read('plan.json') as {
        layers: { id: string; file?: string }[];
        unlocated?: unknown;
      };
      const layers: Record<string, unknown> = {};
      for (const layer of manifest.layers) if (layer.file) layers[layer.id] = read(layer.file);
      if (typeof manifest.unlocated === 'string') layers.unlocated = read(manifest.unlocated);
      const result = planFromObjects(manifest, layers);
      for (const issue of result.issues) {
        this.warn(`geodata/${issue.file}: ${issue.code} ${issue.path ?? ''} ${issue.message_en}`);
      }
      return `export default ${JSON.stringify(JSON.stringify(result))};`;
    },
  };
}

/**
 * The bundler build's asset addresses. The source asks `src/assets/defaults.ts` for them; here that
 * module is swapped for `defaults.bundler.ts`, whose placeholders become, after bundling, the
 * literal `new URL('../maplibre-gl-worker.mjs', import.meta.url)` and
 * `new Worker(new URL('../analysis/membership.worker.js', import.meta.url), { type: 'module' })` — written in
 * renderChunk so that this build leaves them for the consumer's bundler to resolve. MapLibre's
 * worker is copied beside them from the maplibre-gl we build against (the dependency is pinned
 * to that exact version, so the two always match).
 */
const DEFAULT_ASSETS = resolve(root, 'src/assets/defaults.ts');
function bundlerAssetUrls(): Plugin {
  let outDir = '';
  return {
    name: 'plan-map:bundler-asset-urls',
    enforce: 'pre',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    async resolveId(source, importer) {
      if (!importer || !/\/defaults(\.js)?$/.test(source)) return null;
      const r = await this.resolve(source, importer, { skipSelf: true });
      return r?.id === DEFAULT_ASSETS ? DEFAULT_ASSETS.replace(/\.ts$/, '.bundler.ts') : null;
    },
    renderChunk(code) {
      if (!code.includes('__PLAN_MAP_')) return null;
      const s = new MagicString(code);
      s.replaceAll(
        '__PLAN_MAP_MAPLIBRE_WORKER_URL__',
        "new URL('../maplibre-gl-worker.mjs', import.meta.url).href",
      );
      s.replaceAll(
        '__PLAN_MAP_MEMBERSHIP_WORKER__',
        "new Worker(new URL('../analysis/membership.worker.js', import.meta.url), { type: 'module' })",
      );
      return { code: s.toString(), map: s.generateMap({ hires: true }) };
    },
    closeBundle() {
      const worker = join(
        require.resolve('maplibre-gl/package.json').replace(/package\.json$/, ''),
        'dist/maplibre-gl-worker.mjs',
      );
      copyFileSync(worker, join(outDir, 'maplibre-gl-worker.mjs'));
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

/** Bare imports (`lit`, `maplibre-gl`, `@turf/area` …) stay imports in the bundler build. */
const isBareImport = (id: string): boolean => /^(@[\w.-]+\/)?\w[\w.-]*(\/[^?]*)?$/.test(id);

export default defineConfig(({ mode }) => {
  const bundler = mode === 'bundler';
  const build: UserConfig['build'] = bundler
    ? {
        outDir: 'dist',
        target: 'es2022',
        sourcemap: true,
        // The consumer minifies; readable modules are easier to debug in their dev tools.
        minify: false,
        // Library mode: no preload helper of Vite's in our modules (the consumer's bundler
        // adds its own, and two collide).
        lib: {
          entry: {
            index: resolve(root, 'src/index.ts'),
            'analysis/membership.worker': resolve(root, 'src/analysis/membership.worker.ts'),
          },
          formats: ['es'],
        },
        rollupOptions: {
          external: isBareImport,
          preserveEntrySignatures: 'exports-only',
          output: {
            format: 'es',
            // One module per source module (dist/plan-map/plan-map.js beside its .d.ts), as
            // component libraries ship for bundlers; custom-elements.json points at them.
            preserveModules: true,
            preserveModulesRoot: 'src',
            // MapLibre's CSS (inlined as a string module) would land in dist/node_modules/,
            // a folder npm leaves out of every package.
            entryFileNames: (chunk) =>
              chunk.name.includes('node_modules/')
                ? `vendor/${chunk.name.split('/').pop()}.js`
                : '[name].js',
          },
        },
      }
    : {
        outDir: 'cdn',
        target: 'es2022',
        sourcemap: true,
        chunkSizeWarningLimit: 1500,
        // Never inline assets as data: URLs — the MapLibre worker must be a same-origin file for
        // a strict `worker-src 'self'` CSP.
        assetsInlineLimit: 0,
        // One ES module, cdn/plan-map.js, that registers <plan-map> when imported; its workers
        // sit beside it under fixed names (so `setBasePath` can point at a copy elsewhere).
        // Not library mode: that would inline the workers.
        rollupOptions: {
          // The membership worker is an entry of its own so that it shares the analysis chunk
          // with the element (src/assets/defaults.ts loads it from beside plan-map.js).
          input: {
            'plan-map': resolve(root, 'src/index.ts'),
            'membership-worker': resolve(root, 'src/analysis/membership.worker.ts'),
          },
          preserveEntrySignatures: 'exports-only',
          output: {
            entryFileNames: '[name].js',
            // Flat, so that `new URL('./membership-worker.js', import.meta.url)` from any chunk
            // finds the worker.
            chunkFileNames: '[name]-[hash].js',
            assetFileNames: (asset) =>
              asset.names.some((n) => n.startsWith('maplibre-gl-worker'))
                ? 'maplibre-gl-worker.mjs'
                : 'assets/[name]-[hash][extname]',
          },
        },
      };
  return {
    plugins: [builtinPlan(), devEntryAlias(), ...(bundler ? [bundlerAssetUrls()] : [])],
    // maplibre-gl loads its worker from a file beside its module; pre-bundling would move the
    // module away from that file. The worker URL is also set explicitly (src/assets/).
    optimizeDeps: { exclude: ['maplibre-gl'] },
    server: { port: 5173, strictPort: false },
    // Relative asset URLs (`new URL(…, import.meta.url)`): the build works from any path.
    base: './',
    publicDir: bundler ? false : 'public',
    build,
    test: {
      projects: [
        {
          extends: true,
          test: {
            name: 'unit',
            include: ['tests/**/*.test.ts'],
            exclude: ['tests/browser/**', 'tests/consumers/**', 'tests/lighthouse/**'],
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
  };
});
