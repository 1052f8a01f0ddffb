#!/usr/bin/env node
/**
 * Zone-membership benchmark of the path the element runs: `membershipReplies` from
 * src/analysis/membership-job.ts, the function the membership worker (and the inline path)
 * calls for a plan's items, nearest-zone fallback included, on packed items as
 * `plan/model.ts` builds them (chunks of 5,000, the worker's size).
 *
 *   node scripts/bench.mjs [--sizes=20000] [--dists=uniform,clustered,register]
 *                          [--reps=7] [--baseline-reps=3] [--baseline-max=100000]
 *
 * Zones: the 16 zone polygons of the built-in plan (geodata/, the kinds `plan/model.ts` takes
 * as zones). Points: tests/analysis/distributions.ts, seeded — `uniform` over the plan's box
 * (most points need the nearest search), `clustered` around the zones, `register` (an
 * enterprise register: hot spots, centroid duplicates, rounded and far-off geocodes).
 * Reach: the plan's `attach_within_m` (1,500 m).
 *
 * Per (size, distribution), in a fresh `node` process:
 *   cold   index build included: each repetition calls `membershipReplies(request)`, which
 *          builds its own zone index as the worker does; the first repetition is also the
 *          process's first call (JIT cold). Median and min–max over --reps.
 *   warm   the index built beforehand (as the inline path passes it), median and min–max.
 *   naive  naive Turf with a bbox pre-check: every zone's box, then `booleanPointInPolygon`;
 *          outside every zone, `pointToPolygonDistance` to every zone whose box is in reach.
 *   flatbush  the same with a Flatbush over the zone boxes picking the zones to test.
 *          (Both in tests/analysis/naive-membership.ts.) --baseline-reps each, for sizes up
 *          to --baseline-max; above it the engine is compared with naive Turf on a 20,000-point
 *          sample of the same points (marked "sample").
 *   identical  every point's zone, method, distance (to the last bit) and zone list are the
 *          same in the engine and both baselines.
 *
 * Each figure is given as wall time and as the process's CPU time (`process.cpuUsage`, every
 * thread, GC included): on a shared machine the wall time also counts waiting for a core.
 *
 * The code is bundled once with Vite (as the worker is) into a temporary folder and imported
 * natively. The last line of output is one JSON object with every row.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SAMPLE = 20_000;
const ZONE_KINDS = new Set(['corridor', 'center', 'city', 'cluster', 'subzone', 'eco-core']);

function arg(name, fallback) {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? hit.slice(name.length + 3) : fallback;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const r1 = (x) => Math.round(x * 10) / 10;
const stats = (xs) => ({
  median: r1(median(xs)),
  min: r1(Math.min(...xs)),
  max: r1(Math.max(...xs)),
  runs: xs.map(r1),
});

/**
 * The built-in plan's zones, as `plan/model.ts` hands them to the index, and its reach
 * (`attach_within_m`, else the engine's default, passed in from the bundle).
 */
function planZones(defaultWithinM) {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'geodata/plan.json'), 'utf8'));
  const zones = [];
  for (const layer of manifest.layers) {
    const fc = JSON.parse(readFileSync(join(ROOT, 'geodata', layer.file), 'utf8'));
    for (const f of fc.features ?? []) {
      const t = f.geometry?.type;
      if (ZONE_KINDS.has(f.properties?.kind) && (t === 'Polygon' || t === 'MultiPolygon')) {
        zones.push({ ...f, properties: { id: f.properties.id, parent: f.properties.parent } });
      }
    }
  }
  return { zones, bbox: manifest.bbox, withinM: manifest.attach_within_m ?? defaultWithinM };
}

// ---------------------------------------------------------------------------------------
// Child: one (size, distribution).

/** Wall time and process CPU time (all threads, GC included) of one call, ms. */
function time(fn) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const result = fn();
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { ms, cpuMs: (c.user + c.system) / 1000, result };
}

/** `reps` timed calls: wall and CPU times, and the first call's result. */
function timeReps(reps, fn) {
  const ms = [];
  const cpuMs = [];
  let first;
  for (let k = 0; k < reps; k++) {
    const t = time(fn);
    ms.push(t.ms);
    cpuMs.push(t.cpuMs);
    first ??= t.result;
  }
  return { ms, cpuMs, first };
}

/** The packed request the worker gets for `n` points of a distribution. */
function membershipRequest(job, distributions, zones, bbox, withinM, dist, n) {
  const coords = distributions.makeDistribution(dist, zones, n, 0x5eed ^ n, bbox);
  const items = new Array(n);
  for (let i = 0; i < n; i++) {
    items[i] = {
      geometry: { type: 'Point', coordinates: [coords[2 * i], coords[2 * i + 1]] },
      properties: { id: `p${i}` },
    };
  }
  const request = {
    type: 'assign',
    zones,
    items: job.packItems(items),
    options: { nearestWithinM: withinM },
    chunkSize: job.CHUNK_ITEMS,
  };
  return { coords, request };
}

/** Every membership of the request, through the worker's reply generator. */
function runJob(job, request, index) {
  const out = [];
  for (const reply of index
    ? job.membershipReplies(request, index)
    : job.membershipReplies(request)) {
    if (reply.type !== 'chunk') throw new Error(reply.message);
    for (const m of reply.memberships) out.push(m);
  }
  return out;
}

/**
 * The two baselines on the same points (all of them, or a sample above --baseline-max): their
 * times into `row`, and whether every answer equals the engine's.
 */
function runBaselines(row, naive, b) {
  let identical = true;
  for (const [name, fn] of [
    ['naive', naive.naivePointMembership],
    ['flatbush', naive.flatbushTurfPointMembership],
  ]) {
    const t = timeReps(b.all ? b.reps : 1, () => fn(b.zones, b.points, b.withinM));
    const diff = naive.firstDifferentAnswer(t.first, b.engine);
    if (diff >= 0) {
      identical = false;
      row[`${name}FirstDifference`] = { at: diff, baseline: t.first[diff], engine: b.engine[diff] };
    }
    if (b.all) {
      row[`${name}Ms`] = stats(t.ms);
      row[`${name}CpuMs`] = stats(t.cpuMs);
    } else row[`${name}SampleMs`] = r1(t.ms[0]);
  }
  return identical;
}

/** How many times faster the engine is than each baseline (wall and CPU). */
function addRatios(row) {
  row.naiveOverCold = r1(row.naiveMs.median / row.coldMs.median);
  row.naiveOverWarm = r1(row.naiveMs.median / row.warmMs.median);
  row.flatbushOverCold = r1(row.flatbushMs.median / row.coldMs.median);
  row.flatbushOverWarm = r1(row.flatbushMs.median / row.warmMs.median);
  row.cpu = {
    naiveOverCold: r1(row.naiveCpuMs.median / row.coldCpuMs.median),
    naiveOverWarm: r1(row.naiveCpuMs.median / row.warmCpuMs.median),
    flatbushOverCold: r1(row.flatbushCpuMs.median / row.coldCpuMs.median),
    flatbushOverWarm: r1(row.flatbushCpuMs.median / row.warmCpuMs.median),
  };
}

async function child() {
  const [bundle, sizeArg, dist, repsArg, baseRepsArg, baseMaxArg] = process.argv.slice(3);
  const n = Number(sizeArg);
  const reps = Number(repsArg);
  const imp = (f) => import(pathToFileURL(join(bundle, f)).href);
  const [job, zi, naive, distributions, membership] = await Promise.all([
    imp('job.js'),
    imp('zone-index.js'),
    imp('naive.js'),
    imp('distributions.js'),
    imp('membership.js'),
  ]);
  const { zones, bbox, withinM } = planZones(membership.DEFAULT_NEAREST_WITHIN_M);
  const { coords, request } = membershipRequest(job, distributions, zones, bbox, withinM, dist, n);

  const cold = timeReps(reps, () => runJob(job, request, null));
  const engine = cold.first;
  const index = zi.buildZoneIndex(zones);
  runJob(job, request, index);
  const warm = timeReps(reps, () => runJob(job, request, index));
  const methods = {};
  for (const m of engine) methods[m.method] = (methods[m.method] ?? 0) + 1;

  const row = {
    points: n,
    distribution: dist,
    methods,
    coldMs: stats(cold.ms),
    warmMs: stats(warm.ms),
    coldCpuMs: stats(cold.cpuMs),
    warmCpuMs: stats(warm.cpuMs),
  };
  const all = n <= Number(baseMaxArg);
  row.identical = runBaselines(row, naive, {
    all,
    reps: Number(baseRepsArg),
    zones,
    withinM,
    points: all ? coords : coords.subarray(0, 2 * SAMPLE),
    engine: all ? engine : engine.slice(0, SAMPLE),
  });
  row.checked = all ? 'all points' : `first ${SAMPLE} points (sample)`;
  if (all) addRatios(row);
  process.stdout.write(`${JSON.stringify(row)}\n`);
}

// ---------------------------------------------------------------------------------------
// Parent.

async function bundleCode() {
  const { build } = await import('vite');
  const dir = mkdtempSync(join(tmpdir(), 'plan-map-bench-'));
  await build({
    root: ROOT,
    configFile: false,
    logLevel: 'error',
    build: {
      outDir: dir,
      emptyOutDir: true,
      minify: false,
      lib: {
        entry: {
          job: join(ROOT, 'src/analysis/membership-job.ts'),
          'zone-index': join(ROOT, 'src/analysis/zone-index.ts'),
          membership: join(ROOT, 'src/analysis/membership.ts'),
          naive: join(ROOT, 'tests/analysis/naive-membership.ts'),
          distributions: join(ROOT, 'tests/analysis/distributions.ts'),
        },
        formats: ['es'],
      },
    },
  });
  return dir;
}

async function main() {
  const sizes = arg('sizes', '20000').split(',').map(Number);
  const dists = arg('dists', 'uniform,clustered,register').split(',');
  const reps = Number(arg('reps', '7'));
  const baseReps = Number(arg('baseline-reps', '3'));
  const baseMax = Number(arg('baseline-max', '100000'));
  const bundle = await bundleCode();
  const membership = await import(pathToFileURL(join(bundle, 'membership.js')).href);
  const job = await import(pathToFileURL(join(bundle, 'job.js')).href);
  const { zones, withinM } = planZones(membership.DEFAULT_NEAREST_WITHIN_M);
  const load0 = loadavg();
  console.log(
    `zone membership, the worker's path (membershipReplies): ${zones.length} zones from geodata/, ` +
      `reach ${withinM} m, chunks of ${job.CHUNK_ITEMS}`,
  );
  console.log(
    `node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? '?'}, load average ` +
      `${load0.map((l) => l.toFixed(1)).join(' ')}; engine ${reps} reps, baselines ${baseReps} reps`,
  );
  const rows = [];
  try {
    for (const n of sizes) {
      for (const dist of dists) {
        const res = spawnSync(
          process.execPath,
          [
            '--max-old-space-size=6144',
            fileURLToPath(import.meta.url),
            '--child',
            bundle,
            String(n),
            dist,
            String(reps),
            String(baseReps),
            String(baseMax),
          ],
          { encoding: 'utf8', maxBuffer: 1 << 26 },
        );
        if (res.status !== 0) {
          console.error(res.stderr);
          throw new Error(`bench child ${n} ${dist} failed`);
        }
        const row = JSON.parse(res.stdout.trim().split('\n').at(-1));
        rows.push(row);
        printRow(row);
      }
    }
  } finally {
    rmSync(bundle, { recursive: true, force: true });
  }
  const load1 = loadavg();
  console.log(`load average after: ${load1.map((l) => l.toFixed(1)).join(' ')}`);
  console.log(
    JSON.stringify({
      node: process.version,
      cpus: cpus().length,
      loadavg: { before: load0, after: load1 },
      zones: zones.length,
      withinM,
      rows,
    }),
  );
}

const fmt = (s) => `${s.median} (${s.min}–${s.max})`;

function printRow(row) {
  const m = row.methods;
  console.log('');
  console.log(
    `points ${row.points.toLocaleString('en')}  distribution ${row.distribution}  ` +
      `(inside ${m.inside ?? 0}, nearest ${m.nearest ?? 0}, none ${m.none ?? 0})`,
  );
  console.log('  wall ms, median (min–max)                 | CPU ms, median (min–max)');
  const line = (name, wall, cpu) =>
    console.log(`  ${name.padEnd(40)} ${fmt(wall).padEnd(24)} | ${cpu ? fmt(cpu) : ''}`);
  line('engine cold (index build included):', row.coldMs, row.coldCpuMs);
  line('engine warm:', row.warmMs, row.warmCpuMs);
  if (row.naiveMs) {
    line('naive Turf + bbox pre-check:', row.naiveMs, row.naiveCpuMs);
    line('flatbush + Turf:', row.flatbushMs, row.flatbushCpuMs);
    console.log(
      `  ratios of wall medians: naive/cold ${row.naiveOverCold}×, naive/warm ${row.naiveOverWarm}×, ` +
        `flatbush/cold ${row.flatbushOverCold}×, flatbush/warm ${row.flatbushOverWarm}×`,
    );
    console.log(
      `  ratios of CPU medians:  naive/cold ${row.cpu.naiveOverCold}×, naive/warm ${row.cpu.naiveOverWarm}×, ` +
        `flatbush/cold ${row.cpu.flatbushOverCold}×, flatbush/warm ${row.cpu.flatbushOverWarm}×`,
    );
  } else {
    console.log(
      `  baselines not run at this size (--baseline-max); on the first ${SAMPLE} points: ` +
        `naive ${row.naiveSampleMs} ms, flatbush ${row.flatbushSampleMs} ms`,
    );
  }
  console.log(`  identical: ${row.identical} (${row.checked})`);
}

if (process.argv[2] === '--child') await child();
else await main();
