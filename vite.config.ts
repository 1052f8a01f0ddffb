import { cpSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vitest/config';

const root = import.meta.dirname;

/**
 * The built-in plan package (geodata/) is fetched at run time like any other plan. Vite's dev
 * server serves it from the repo; the build copies it beside the bundled entry so the element
 * finds it relative to its own module (src/plan/builtin.ts).
 */
function geodataBesideBundle(): Plugin {
  let outDir = 'dist';
  let assetsDir = 'assets';
  return {
    name: 'plan-map:geodata',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
      assetsDir = config.build.assetsDir;
    },
    closeBundle() {
      const src = join(root, 'geodata');
      if (existsSync(src)) cpSync(src, join(outDir, assetsDir, 'geodata'), { recursive: true });
    },
  };
}

export default defineConfig({
  plugins: [geodataBesideBundle()],
  // maplibre-gl loads its worker from a file beside its module; pre-bundling would move the
  // module away from that file. The worker URL is also set explicitly (map-controller.ts).
  optimizeDeps: { exclude: ['maplibre-gl'] },
  server: { port: 5173, strictPort: false },
  build: { target: 'es2022', sourcemap: true, chunkSizeWarningLimit: 1500 },
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
          hookTimeout: 120_000,
          // One Chromium, one Vite server: run the browser files one after another.
          fileParallelism: false,
        },
      },
    ],
  },
});
