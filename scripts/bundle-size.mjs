#!/usr/bin/env node
/**
 * The bundle budget: gzip size of dist/, split into MapLibre and everything else (Lit, the Turf
 * functions used, our code). "Everything else" is measured by building the same entry a second
 * time with maplibre-gl left out, so nothing is estimated.
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

async function buildInto(extra) {
  const outDir = mkdtempSync(join(tmpdir(), 'plan-map-size-'));
  await build({
    configFile,
    logLevel: 'error',
    ...extra,
    build: { outDir, emptyOutDir: true, sourcemap: false, ...extra.build },
  });
  return outDir;
}

const full = await buildInto({});
const withoutMapLibre = await buildInto({
  build: { rollupOptions: { external: [/^maplibre-gl/] } },
});

const js = (dir) => files(dir).filter((p) => /\.m?js$/.test(p));
const rows = js(full).map((p) => ({ file: relative(full, p), gzip: gz(p) }));
const totalJs = rows.reduce((s, r) => s + r.gzip, 0);
const rest = js(withoutMapLibre)
  .filter((p) => !/maplibre-gl-worker/.test(p))
  .reduce((s, p) => s + gz(p), 0);
const maplibre = totalJs - rest;
const data = files(full)
  .filter((p) => p.includes(`${join(full, 'geodata')}`))
  .reduce((s, p) => s + gz(p), 0);

console.log('dist/ JavaScript (gzip -9):');
for (const r of rows) console.log(`  ${r.file.padEnd(44)} ${kb(r.gzip).padStart(8)} KB`);
console.log('');
console.log(`  MapLibre GL (main thread + worker)           ${kb(maplibre).padStart(8)} KB`);
console.log(
  `  everything else (Lit, Turf used, our code)   ${kb(rest).padStart(8)} KB   budget ${BUDGET_KB} KB: ${rest <= BUDGET_KB * 1024 ? 'within' : 'OVER'}`,
);
console.log(`  built-in plan data (geodata/, gzip)          ${kb(data).padStart(8)} KB`);
console.log(
  JSON.stringify({
    maplibreKb: Number(kb(maplibre)),
    restKb: Number(kb(rest)),
    budgetKb: BUDGET_KB,
    withinBudget: rest <= BUDGET_KB * 1024,
    geodataKb: Number(kb(data)),
  }),
);
