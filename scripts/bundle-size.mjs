#!/usr/bin/env node
/**
 * The bundle budget, for both builds of the package:
 *
 * - cdn/ (self-contained): gzip size split into MapLibre and everything else (Lit, the Turf
 *   functions used, our code). "Everything else" is measured by building the same entry a
 *   second time with maplibre-gl left out, so nothing is estimated.
 * - dist/ (for bundlers): our own modules only — lit, maplibre-gl and @turf/* are the portal's
 *   bare imports — and the built-in plan module, loaded only when no plan is given.
 * - Chunks fetched on demand other than the plan (the list import and its .xlsx reader, on the
 *   first import) are counted apart, outside the budget.
 *
 *   npm run size        # prints a table; the last line is JSON
 */
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

const BUDGET_KB = 80;
const configFile = new URL('../vite.config.ts', import.meta.url).pathname;

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}
const gz = (p) => gzipSync(readFileSync(p), { level: 9 }).length;
const kb = (n) => (n / 1024).toFixed(1);

async function buildInto(extra, mode = 'production') {
  const outDir = mkdtempSync(join(tmpdir(), 'plan-map-size-'));
  await build({
    configFile,
    logLevel: 'error',
    mode,
    ...extra,
    build: { outDir, emptyOutDir: true, sourcemap: false, manifest: true, ...extra.build },
  });
  return outDir;
}

const full = await buildInto({});
const withoutMapLibre = await buildInto({
  build: { rollupOptions: { external: [/^maplibre-gl/] } },
});

const isPlan = (p) => /builtin-plan/.test(p);
const isWorker = (p) => /maplibre-gl-worker/.test(p);

/**
 * Chunks fetched only on demand (dynamic `import()`) other than the built-in plan and the
 * MapLibre worker: not reachable from an entry through static imports, per Vite's manifest.
 */
function onDemand(dir) {
  const manifest = JSON.parse(readFileSync(join(dir, '.vite/manifest.json'), 'utf8'));
  const staticFiles = new Set();
  const visit = (key) => {
    const chunk = manifest[key];
    if (!chunk || staticFiles.has(chunk.file)) return;
    staticFiles.add(chunk.file);
    for (const k of chunk.imports ?? []) visit(k);
  };
  for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key);
  return new Set(
    Object.values(manifest)
      .map((c) => c.file)
      .filter((f) => /\.m?js$/.test(f) && !staticFiles.has(f) && !isPlan(f) && !isWorker(f))
      .map((f) => join(dir, f)),
  );
}

const js = (dir) => files(dir).filter((p) => /\.m?js$/.test(p));
const rows = js(full).map((p) => ({ file: relative(full, p), gzip: gz(p) }));
const totalJs = rows.reduce((s, r) => s + r.gzip, 0);
const lazyFull = onDemand(full);
const lazyRest = onDemand(withoutMapLibre);
const lazy = [...lazyFull].reduce((s, p) => s + gz(p), 0);
const rest = js(withoutMapLibre)
  .filter((p) => !isWorker(p) && !lazyRest.has(p))
  .reduce((s, p) => s + gz(p), 0);
const maplibre = totalJs - rest - lazy;
const data = files(full)
  .filter(isPlan)
  .reduce((s, p) => s + gz(p), 0);
const restWithoutPlan = rest - data;

const bundler = await buildInto({}, 'bundler');
const bundlerJs = js(bundler).filter((p) => !/maplibre-gl-worker/.test(p));
const bundlerOurs = bundlerJs.filter((p) => !isPlan(p)).reduce((s, p) => s + gz(p), 0);

console.log('cdn/ JavaScript (gzip -9):');
for (const r of rows) {
  const tag = lazyFull.has(join(full, r.file)) ? '  (on demand)' : '';
  console.log(`  ${r.file.padEnd(44)} ${kb(r.gzip).padStart(8)} KB${tag}`);
}
console.log('');
console.log(`  MapLibre GL (main thread + worker)           ${kb(maplibre).padStart(8)} KB`);
console.log(
  `  everything else (Lit, Turf used, our code)   ${kb(restWithoutPlan).padStart(8)} KB   budget ${BUDGET_KB} KB: ${restWithoutPlan <= BUDGET_KB * 1024 ? 'within' : 'OVER'}`,
);
console.log(`  built-in plan module (loaded lazily)         ${kb(data).padStart(8)} KB`);
console.log(
  `  fetched on demand (list import, .xlsx reader, PNG sheet) ${kb(lazy).padStart(7)} KB   not in the budget`,
);
console.log('');
console.log('dist/ (for bundlers; lit, maplibre-gl, @turf/* … are the portal’s imports):');
console.log(
  `  our modules (${String(bundlerJs.length - 1).padStart(2)} files, unminified)         ${kb(bundlerOurs).padStart(8)} KB`,
);
console.log(
  JSON.stringify({
    maplibreKb: Number(kb(maplibre)),
    restKb: Number(kb(restWithoutPlan)),
    budgetKb: BUDGET_KB,
    withinBudget: restWithoutPlan <= BUDGET_KB * 1024,
    builtinPlanKb: Number(kb(data)),
    onDemandKb: Number(kb(lazy)),
    bundlerOwnKb: Number(kb(bundlerOurs)),
  }),
);
