#!/usr/bin/env node
/**
 * Zone-membership benchmark: indexed engine (`zoneOfPoints`) vs the naive loop
 * (`zoneOfPointsNaive`: Turf `booleanPointInPolygon` of every point against every zone).
 *
 *   node scripts/bench.mjs [--sizes=10000,100000,1000000] [--zones=auto|geodata|fixture] [--grid=N]
 *
 * Zones: the polygons of geodata/*.geojson whose kind is corridor, center, city, cluster,
 * subzone or eco-core; when there are none (or with --zones=fixture), the synthetic zones in
 * tests/fixtures/analysis/zones.geojson. Points (seeded, deterministic): half inside the
 * zones, 0.1 % exactly on vertices, 0.1 % on edges, the rest uniform over the plan's bbox
 * (geodata/plan.json) or the zones' box grown by 5 %.
 *
 * Each (size, method) runs in its own child process (`node --expose-gc`) so that memory
 * figures do not mix. Both methods' answers are written to a temp file and compared here.
 * TypeScript sources are loaded through Vite's `ssrLoadModule`: no build step.
 *
 * Memory reported per run, relative to a baseline taken after `gc()` just before the timed
 * call (points, zones and, for the indexed engine, the built index already in memory):
 *   peak RSS Δ   highest process RSS seen by a worker thread sampling every ~1 ms, minus RSS
 *                at the baseline (whole process: heap, typed arrays, code)
 *   heap Δ       V8 heapUsed right after the call (no GC in between) minus heapUsed at the
 *                baseline: the result plus whatever garbage was not yet collected
 * The last line of output is one JSON object for the 100k case.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { loadSourceModules } from './lib/source-modules.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ZONE_KINDS = new Set(['corridor', 'center', 'city', 'cluster', 'subzone', 'eco-core']);
const INDEXED_REPEATS = 7;
const WARM_RUNS = 5;

function arg(name, fallback) {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? hit.slice(name.length + 3) : fallback;
}

/** Zones for the bench and where they came from. */
function loadZones(which) {
  if (which !== 'fixture') {
    const dir = join(ROOT, 'geodata');
    const zones = [];
    const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.geojson')) : [];
    for (const file of files.sort()) {
      let fc;
      try {
        fc = JSON.parse(readFileSync(join(dir, file), 'utf8'));
      } catch {
        continue; // being written by someone else right now
      }
      for (const f of fc.features ?? []) {
        const t = f.geometry?.type;
        if (ZONE_KINDS.has(f.properties?.kind) && (t === 'Polygon' || t === 'MultiPolygon')) {
          zones.push(f);
        }
      }
    }
    if (zones.length > 0) return { zones, source: 'geodata' };
    if (which === 'geodata') throw new Error('no zones in geodata/*.geojson');
  }
  const fc = JSON.parse(readFileSync(join(ROOT, 'tests/fixtures/analysis/zones.geojson'), 'utf8'));
  return { zones: fc.features, source: 'fixture' };
}

function planExtent(source) {
  const manifest = join(ROOT, 'geodata/plan.json');
  if (source === 'geodata' && existsSync(manifest)) {
    try {
      const bbox = JSON.parse(readFileSync(manifest, 'utf8')).bbox;
      if (Array.isArray(bbox) && bbox.length === 4) return bbox;
    } catch {}
  }
  return undefined;
}

function vertexCount(f) {
  const g = f.geometry;
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  return polys.flat().reduce((s, r) => s + r.length - 1, 0);
}

// ---------------------------------------------------------------------------------------
// Child: one (size, method) run.

async function child() {
  const [, , , sizeArg, method, outFile, which, gridArg] = process.argv;
  const n = Number(sizeArg);
  const { zones, source } = loadZones(which);
  const extent = planExtent(source);

  // Memory sampler on another thread: process-wide RSS, max kept in shared memory.
  const shared = new SharedArrayBuffer(16);
  const ctl = new BigInt64Array(shared); // [0] = state (0 idle, 1 sampling, 2 stop), [1] = peak
  const sampler = new Worker(
    `const { workerData } = require('node:worker_threads');
     const ctl = new BigInt64Array(workerData);
     const nap = new Int32Array(new SharedArrayBuffer(4));
     for (;;) {
       const state = Atomics.load(ctl, 0);
       if (state === 2n) break;
       if (state === 1n) {
         const rss = BigInt(process.memoryUsage.rss());
         if (rss > Atomics.load(ctl, 1)) Atomics.store(ctl, 1, rss);
       }
       Atomics.wait(nap, 0, 0, 1);
     }`,
    { eval: true, workerData: shared },
  );

  const [analysis, { makePointLayer }] = await loadSourceModules([
    '/src/analysis/index.ts',
    '/tests/analysis/points.ts',
  ]);

  const coords = makePointLayer(zones, n, 0x5eed ^ n, {
    insideShare: 0.5,
    vertexShare: 0.001,
    edgeShare: 0.001,
    extent,
  });
  const warm = coords.subarray(0, 2 * Math.min(n, 100_000));

  /** One call with gc() before and the RSS sampler running: time and memory. */
  const measure = (fn) => {
    globalThis.gc();
    globalThis.gc();
    const rss0 = process.memoryUsage.rss();
    const heap0 = process.memoryUsage().heapUsed;
    Atomics.store(ctl, 1, BigInt(rss0));
    Atomics.store(ctl, 0, 1n);
    const t0 = performance.now();
    const result = fn();
    const ms = performance.now() - t0;
    const heap1 = process.memoryUsage().heapUsed;
    const rss1 = process.memoryUsage.rss();
    Atomics.store(ctl, 0, 0n);
    const peak = Math.max(Number(Atomics.load(ctl, 1)), rss1);
    return {
      result,
      ms,
      peakRssDeltaMB: (peak - rss0) / 2 ** 20,
      heapDeltaMB: (heap1 - heap0) / 2 ** 20,
    };
  };
  /** One call, time only: no forced GC before, no sampler (steady state). */
  const time = (fn) => {
    const t0 = performance.now();
    const result = fn();
    return { ms: performance.now() - t0, result };
  };

  const stats = { n, method, zones: zones.length, source };
  let answer;
  if (method === 'indexed') {
    // Build once untimed to warm the JIT, then time a fresh build.
    // Build: the first call in the process (cold JIT) is the memory run; then the median of
    // 5 more (warm).
    const options = gridArg ? { gridCells: Number(gridArg) } : {};
    const build = measure(() => analysis.buildZoneIndex(zones, options));
    const buildTimes = [];
    for (let k = 0; k < 5; k++)
      buildTimes.push(time(() => analysis.buildZoneIndex(zones, options)).ms);
    buildTimes.sort((a, b) => a - b);
    stats.buildWarmMs = buildTimes[2];
    const index = build.result;
    stats.buildMs = build.ms;
    stats.buildPeakRssDeltaMB = build.peakRssDeltaMB;
    stats.buildHeapDeltaMB = build.heapDeltaMB;
    stats.grid = `${index.grid.cols}x${index.grid.rows}`;
    stats.boundaryCellShare = index.grid.boundaryCells / (index.grid.cols * index.grid.rows);
    // The first call (cold: nothing compiled yet, fresh memory) is the memory run; then
    // WARM_RUNS untimed calls let the JIT finish tiering up; the reported time is the median
    // of the INDEXED_REPEATS calls after that.
    const cold = measure(() => analysis.zoneOfPoints(index, coords));
    stats.coldMs = cold.ms;
    stats.peakRssDeltaMB = cold.peakRssDeltaMB;
    stats.heapDeltaMB = cold.heapDeltaMB;
    answer = cold.result;
    for (let k = 0; k < WARM_RUNS; k++) analysis.zoneOfPoints(index, coords);
    const times = [];
    let last;
    for (let k = 0; k < INDEXED_REPEATS; k++) {
      const run = time(() => analysis.zoneOfPoints(index, coords));
      times.push(run.ms);
      last = run.result;
    }
    // Optimised code must answer as the cold run did.
    stats.warmSameAsCold = last.every((z, i) => z === answer[i]);
    stats.all = times.map((t) => Math.round(t * 10) / 10);
    times.sort((a, b) => a - b);
    stats.ms = times[Math.floor(times.length / 2)];
    stats.msMin = times[0];
    stats.runs = times.length;
  } else {
    analysis.zoneOfPointsNaive(zones, warm);
    const run = measure(() => analysis.zoneOfPointsNaive(zones, coords));
    stats.ms = run.ms;
    stats.runs = 1;
    stats.peakRssDeltaMB = run.peakRssDeltaMB;
    stats.heapDeltaMB = run.heapDeltaMB;
    answer = run.result;
  }
  Atomics.store(ctl, 0, 2n);
  await sampler.terminate();

  // Answers as zone positions (-1 for none) for the parent to compare.
  const pos = new Map(zones.map((z, i) => [z.properties.id, i]));
  const codes = Int32Array.from(answer, (id) => (id === null ? -1 : pos.get(id)));
  writeFileSync(outFile, new Uint8Array(codes.buffer));
  process.stdout.write(`${JSON.stringify(stats)}\n`);
}

// ---------------------------------------------------------------------------------------
// Parent: run the children, compare, print.

function runChild(size, method, outFile, which, grid) {
  const r = spawnSync(
    process.execPath,
    [
      '--expose-gc',
      fileURLToPath(import.meta.url),
      '--child',
      String(size),
      method,
      outFile,
      which,
      grid,
    ],
    { encoding: 'utf8', maxBuffer: 1 << 24 },
  );
  if (r.status !== 0) {
    process.stderr.write(r.stderr);
    throw new Error(`bench child ${size} ${method} failed (${r.status})`);
  }
  const lines = r.stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]);
}

function pad(s, w, right = false) {
  const t = String(s);
  return right ? t.padEnd(w) : t.padStart(w);
}

function main() {
  const sizes = arg('sizes', '10000,100000,1000000').split(',').map(Number);
  const which = arg('zones', 'auto');
  const grid = arg('grid', '');
  const { zones, source } = loadZones(which);
  const extent = planExtent(source);
  const vertices = zones.map(vertexCount);
  console.log(
    `zones: ${zones.length} from ${source} (${Math.min(...vertices)}–${Math.max(...vertices)} vertices each, ${vertices.reduce((a, b) => a + b, 0)} in all)`,
  );
  console.log(
    `points: seeded; 50% inside zones, 0.1% on vertices, 0.1% on edges, rest over ${extent ? `plan bbox [${extent.join(', ')}]` : "the zones' box + 5%"}`,
  );
  console.log(`node ${process.version}, ${process.platform}/${process.arch}`);
  const dir = mkdtempSync(join(tmpdir(), 'plan-map-bench-'));
  const rows = [];
  try {
    for (const size of sizes) {
      const fi = join(dir, `indexed-${size}.bin`);
      const fn = join(dir, `naive-${size}.bin`);
      const indexed = runChild(size, 'indexed', fi, which, grid);
      const naive = runChild(size, 'naive', fn, which, grid);
      const a = readFileSync(fi);
      const b = readFileSync(fn);
      rows.push({
        size,
        indexed,
        naive,
        identical: indexed.warmSameAsCold && a.length === 4 * size && a.equals(b),
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const head = [
    pad('points', 9),
    pad('build ms cold/warm', 18),
    pad('indexed ms', 11),
    pad('cold ms', 8),
    pad('naive ms', 10),
    pad('ratio', 7),
    pad('identical', 10),
    pad('idx peak RSS Δ MB', 18),
    pad('idx heap Δ MB', 14),
    pad('naive peak RSS Δ MB', 20),
    pad('naive heap Δ MB', 16),
  ].join(' ');
  console.log('');
  console.log(head);
  console.log('-'.repeat(head.length));
  for (const r of rows) {
    console.log(
      [
        pad(r.size, 9),
        pad(`${r.indexed.buildMs.toFixed(1)} / ${r.indexed.buildWarmMs.toFixed(1)}`, 18),
        pad(r.indexed.ms.toFixed(1), 11),
        pad(r.indexed.coldMs.toFixed(1), 8),
        pad(r.naive.ms.toFixed(1), 10),
        pad(`${(r.naive.ms / r.indexed.ms).toFixed(1)}x`, 7),
        pad(r.identical, 10),
        pad(r.indexed.peakRssDeltaMB.toFixed(1), 18),
        pad(r.indexed.heapDeltaMB.toFixed(1), 14),
        pad(r.naive.peakRssDeltaMB.toFixed(1), 20),
        pad(r.naive.heapDeltaMB.toFixed(1), 16),
      ].join(' '),
    );
  }
  const first = rows[0];
  if (first) {
    console.log('');
    console.log(
      `index: grid ${first.indexed.grid} cells, ${(100 * first.indexed.boundaryCellShare).toFixed(1)}% boundary cells; build peak RSS Δ ${first.indexed.buildPeakRssDeltaMB.toFixed(1)} MB, heap Δ ${first.indexed.buildHeapDeltaMB.toFixed(1)} MB`,
    );
    console.log(
      `build ms = buildZoneIndex, first call in a fresh process / median of 5 more; indexed ms = median of ${first.indexed.runs} zoneOfPoints calls after ${WARM_RUNS} untimed warm-up calls, build not included; cold ms = the first call in a fresh process (the memory run); naive ms = 1 call after a warm-up call on (up to) the first 100,000 points`,
    );
    console.log(
      'memory, for the cold indexed call and the naive call: peak RSS Δ = max process RSS sampled every ~1 ms by a worker thread during the call minus RSS after gc() just before it; heap Δ = V8 heapUsed right after the call minus before it (no GC between: result + uncollected garbage)',
    );
  }
  const r100k = rows.find((r) => r.size === 100_000) ?? rows[rows.length - 1];
  const r1m = rows.find((r) => r.size === 1_000_000);
  if (r100k) {
    const ratio = r100k.naive.ms / r100k.indexed.ms;
    console.log(
      `targets: identical ${rows.every((r) => r.identical) ? 'yes' : 'NO'}; ratio at ${r100k.size} ${ratio.toFixed(1)}x (want ≥ 30x)${r1m ? `; 1M indexed ${r1m.indexed.ms.toFixed(1)} ms (want < 500 ms)` : ''}`,
    );
    console.log(
      JSON.stringify({
        points: r100k.size,
        zones: zones.length,
        indexedMs: Number(r100k.indexed.ms.toFixed(2)),
        naiveMs: Number(r100k.naive.ms.toFixed(2)),
        ratio: Number(ratio.toFixed(1)),
        identical: r100k.identical,
        buildMs: Number(r100k.indexed.buildMs.toFixed(2)),
        buildWarmMs: Number(r100k.indexed.buildWarmMs.toFixed(2)),
        zoneSource: source,
      }),
    );
  }
  if (!rows.every((r) => r.identical)) process.exitCode = 1;
}

if (process.argv[2] === '--child') {
  await child();
} else {
  main();
}
