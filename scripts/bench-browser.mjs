#!/usr/bin/env node
/**
 * Browser benchmark: time to `plan-ready` for the BUILT `<plan-map>` against a bare MapLibre
 * page drawing the same GeoJSON files with the same labels (time to the map's first `idle`),
 * in real Chromium. A script that prints figures, not a timed test.
 *
 *   node scripts/bench-browser.mjs [--pairs=5] [--points=100000] [--no-build] [--build-dir=dist]
 *                                  [--at=/] [--cases=builtin,large] [--timeout=120000]
 *                                  [--mobile] [--profile=DIR] [--long-tasks] [--long-tasks-over=200]
 *
 * - Builds first (`npm run build`) unless --no-build, then serves the build folder as static
 *   files on 127.0.0.1 at --at (default `/pkg/`, a sub-path as a portal would host it; `/` for a
 *   build that only works at the root). Only `plan-map.js` is assumed; the files it loads
 *   (workers, chunks, the built-in plan) are whatever the build put beside it. The folder is the
 *   one holding `plan-map.js`: --build-dir, else `cdn/`, else `dist/`. Bench pages live under
 *   /__bench/.
 * - Cases: `builtin`, the element with no `src` (its built-in plan) against a bare page drawing
 *   geodata/'s files; `large`, the built-in plan plus an item layer of --points points spread
 *   uniformly over the plan's box (tests/browser/large-layer.ts: no `zone`, no sources), given to
 *   the element as `src` and drawn by the bare page from the same files.
 * - The bare page: maplibre-gl's own build from node_modules, one GeoJSON source per layer file
 *   (by URL: MapLibre's worker fetches and parses them), fills, lines, circles and a label layer
 *   per layer with the element's fonts (no glyph server: local TinySDF text), layers of more
 *   than 2,000 points clustered as the element clusters them.
 * - Each load is a fresh Chromium (scripts/lib/chromium.mjs: Debian's, the project's flags), one page,
 *   1280 × 800; the time is `performance.now()` at the event (from navigation start). Loads
 *   alternate element / bare, the first of each pair alternating too; medians over --pairs.
 * - --mobile: each load as Lighthouse 12's mobile preset with applied ("devtools") throttling —
 *   a 412 × 823 touch screen at device scale 1.75, slow 4G (562.5 ms request latency, 1,474.56
 *   kbit/s down, 675 up) and the CPU slowed 4× — so both pages load as on a mid-range phone.
 *
 * - With every load, the longest main-thread task up to the event (PerformanceObserver
 *   `longtask`, buffered), for both pages; for the element, the median time of each of its
 *   User Timing marks (`plan-map:<step>`, src/plan-map/timing.ts): where its time goes.
 *
 * - --long-tasks: with every load, each main-thread task over 200 ms (--long-tasks-over=MS) up
 *   to the event (its duration and start).
 * - --profile=DIR: each load also records a main-thread CPU profile (Chrome DevTools
 *   Protocol `Profiler`, 200 µs sampling), written to DIR as `.cpuprofile` (open it in DevTools'
 *   Performance panel). Profiling slows the loads: their figures are not for comparison.
 *
 * Prints every load, the medians and the ratios (element / bare), then one JSON line.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_PATH, launchChromium } from './lib/chromium.mjs';
import { contentTypeOf } from './lib/content-types.mjs';
import { loadSourceModules } from './lib/source-modules.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CHROMIUM = CHROMIUM_PATH;
const VIEWPORT = { width: 1280, height: 800 };
/** Lighthouse 12's mobile preset (constants.js: screenEmulation.mobile, throttling.mobileSlow4G, devtools). */
const MOBILE = process.argv.includes('--mobile');
const MOBILE_CONTEXT = {
  viewport: { width: 412, height: 823 },
  deviceScaleFactor: 1.75,
  isMobile: true,
  hasTouch: true,
};
const MOBILE_NETWORK = {
  offline: false,
  latency: 150 * 3.75,
  downloadThroughput: (1.6 * 1024 * 0.9 * 1024) / 8,
  uploadThroughput: (750 * 0.9 * 1024) / 8,
};
const MOBILE_CPU_SLOWDOWN = 4;
const LOAD_TIMEOUT_MS = Number(arg('timeout', '120000'));
/** --profile=DIR: a main-thread CPU profile of each load, written there (slows the loads). */
const PROFILE_DIR = arg('profile', '');
/** `--long-tasks` lists the tasks longer than this, ms (the longtask API reports from 50 ms). */
const LONG_OVER_MS = Number(arg('long-tasks-over', '200'));
/** Where the build folder is served: a sub-path, `/pkg/` unless `--at` says otherwise. */
const AT = arg('at', '/pkg/').replace(/\/?$/, '/');

function arg(name, fallback) {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? hit.slice(name.length + 3) : fallback;
}
const flag = (name) => process.argv.includes(`--${name}`);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function buildDir() {
  const given = arg('build-dir', '');
  if (given) return join(ROOT, given);
  // cdn/ is the self-contained build (one script tag); older trees built it into dist/.
  const found = ['cdn', 'dist']
    .map((d) => join(ROOT, d))
    .find((d) => existsSync(join(d, 'plan-map.js')));
  if (!found) throw new Error('no plan-map.js in cdn/ or dist/: run npm run build');
  return found;
}

/** Static files: each mount maps a URL prefix to a folder; `pages` are generated HTML. */
async function serve(mounts, pages) {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const headers = { 'cache-control': 'no-store' };
    if (pages[path]) {
      res.writeHead(200, { ...headers, 'content-type': contentTypeOf(path) }).end(pages[path]);
      return;
    }
    for (const [prefix, dir] of Object.entries(mounts)) {
      if (!path.startsWith(prefix)) continue;
      const root = normalize(dir + sep);
      const file = normalize(join(root, path.slice(prefix.length)));
      if (!file.startsWith(root)) break;
      try {
        const body = readFileSync(file);
        res
          .writeHead(200, {
            ...headers,
            'content-type': contentTypeOf(file),
          })
          .end(body);
        return;
      } catch {
        break;
      }
    }
    res.writeHead(404, headers).end();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const PAGE_STYLE =
  '<style>html,body{margin:0;height:100%}#map,plan-map{display:block;width:100vw;height:100vh}</style>';

/** The element page: the built module from /pkg/, `plan-ready` timed. */
function elementPage(src) {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">${PAGE_STYLE}
<script>
  window.__done = null;
  document.addEventListener('plan-ready', () => { window.__done ??= performance.now(); });
  window.addEventListener('error', (e) => { window.__error = String(e.message); });
</script>
<script type="module" src="${AT}plan-map.js"></script></head>
<body><plan-map${src ? ` src="${src}"` : ''}></plan-map></body></html>`;
}

/**
 * The bare page: MapLibre (its ES module build, worker set beside it as the element sets it)
 * and the plan's files by URL, first `idle` timed.
 */
function barePage(style, textFont) {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">${PAGE_STYLE}
<link rel="stylesheet" href="/__bench/maplibre/maplibre-gl.css"></head>
<body><div id="map"></div><script>window.__done = null;</script><script type="module">
  import * as maplibregl from '/__bench/maplibre/maplibre-gl.mjs';
  maplibregl.setWorkerUrl(new URL('/__bench/maplibre/maplibre-gl-worker.mjs', location.href).href);
  const style = ${JSON.stringify(style)};
  const map = new maplibregl.Map({
    container: 'map',
    style,
    bounds: style.metadata.bbox,
    fitBoundsOptions: { padding: 24 },
    attributionControl: false,
    localIdeographFontFamily: ${JSON.stringify(textFont.slice(0, 2).join(', '))},
  });
  map.once('idle', () => { window.__done ??= performance.now(); });
  map.on('error', (e) => { window.__error = String(e.error && e.error.message); });
</script></body></html>`;
}

/**
 * The bare page's style for a plan folder served at `base`: every layer file a GeoJSON source
 * by URL; fills for polygons, lines, circles for points, a label per layer (`name_zh`).
 */
function bareStyle(manifest, base, clustered, sea, textFont, clusterRadius, clusterMaxZoom) {
  const sources = {};
  const layers = [{ id: 'sea', type: 'background', paint: { 'background-color': sea } }];
  const geom = (...types) => ['match', ['geometry-type'], types, true, false];
  for (const l of manifest.layers) {
    if (!l.file) continue;
    const id = l.id;
    const c = l.color ?? '#555';
    const cluster = clustered.has(id);
    sources[id] = {
      type: 'geojson',
      data: `${base}/${l.file}`,
      ...(cluster ? { cluster: true, clusterRadius, clusterMaxZoom } : {}),
    };
    if (l.kind === 'basemap') {
      layers.push({ id: `${id}:fill`, type: 'fill', source: id, paint: { 'fill-color': c } });
      continue;
    }
    layers.push(
      {
        id: `${id}:fill`,
        type: 'fill',
        source: id,
        filter: geom('Polygon', 'MultiPolygon'),
        paint: { 'fill-color': c, 'fill-opacity': 0.22 },
      },
      {
        id: `${id}:line`,
        type: 'line',
        source: id,
        filter: geom('Polygon', 'MultiPolygon', 'LineString'),
        paint: { 'line-color': c, 'line-width': 2 },
      },
    );
    if (cluster) {
      layers.push(
        {
          id: `${id}:cluster`,
          type: 'circle',
          source: id,
          filter: ['has', 'point_count'],
          paint: { 'circle-color': c, 'circle-radius': 16, 'circle-opacity': 0.8 },
        },
        {
          id: `${id}:cluster-count`,
          type: 'symbol',
          source: id,
          filter: ['has', 'point_count'],
          layout: {
            'text-field': ['get', 'point_count_abbreviated'],
            'text-font': textFont,
            'text-size': 12,
          },
        },
      );
    }
    layers.push(
      {
        id: `${id}:circle`,
        type: 'circle',
        source: id,
        filter: cluster ? ['all', geom('Point'), ['!', ['has', 'point_count']]] : geom('Point'),
        paint: {
          'circle-color': c,
          'circle-radius': 5,
          'circle-stroke-color': '#fff',
          'circle-stroke-width': 1,
        },
      },
      {
        id: `${id}:label`,
        type: 'symbol',
        source: id,
        ...(cluster ? { filter: ['!', ['has', 'point_count']] } : {}),
        layout: {
          'text-field': ['coalesce', ['get', 'name_zh'], ['get', 'name_en'], ''],
          'text-font': textFont,
          'text-size': 12,
          'text-max-width': 8,
        },
        paint: { 'text-color': '#222', 'text-halo-color': '#fff', 'text-halo-width': 1.4 },
      },
    );
  }
  return { version: 8, metadata: { bbox: manifest.bbox }, sources, layers };
}

/** Features of each Point-only layer, to cluster what the element clusters. */
function clusteredLayers(manifest, dir, minPoints) {
  const out = new Set();
  for (const l of manifest.layers) {
    if (l.kind !== 'items' || !l.file) continue;
    const fc = JSON.parse(readFileSync(join(dir, l.file), 'utf8'));
    const points = (fc.features ?? []).filter((f) => f.geometry?.type === 'Point').length;
    if (points > minPoints) out.add(l.id);
  }
  return out;
}

/** One load in a fresh Chromium: ms from navigation start to the page's event. */
async function load(url) {
  const browser = await launchChromium();
  const profiled = PROFILE_DIR !== '';
  try {
    const context = await browser.newContext(MOBILE ? MOBILE_CONTEXT : { viewport: VIEWPORT });
    const page = await context.newPage();
    if (MOBILE) {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', MOBILE_NETWORK);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: MOBILE_CPU_SLOWDOWN });
    }
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text());
    });
    page.on('requestfailed', (r) => errors.push(`${r.url()}: ${r.failure()?.errorText}`));
    // The longest main-thread task up to the event (PerformanceObserver 'longtask').
    await page.addInitScript(() => {
      window.__longest = 0;
      window.__tasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          window.__longest = Math.max(window.__longest, e.duration);
          window.__tasks.push([Math.round(e.startTime), Math.round(e.duration)]);
        }
      }).observe({ type: 'longtask', buffered: true });
    });
    const profiler = profiled ? await context.newCDPSession(page) : null;
    if (profiler) {
      await profiler.send('Profiler.enable');
      await profiler.send('Profiler.setSamplingInterval', { interval: 200 });
      await profiler.send('Profiler.start');
    }
    await page.goto(url);
    try {
      await page.waitForFunction(() => window.__done !== null || window.__error, undefined, {
        timeout: LOAD_TIMEOUT_MS,
        polling: 50,
      });
    } catch (e) {
      throw new Error(`${url}: ${String(e)}; page said: ${errors.join(' | ')}`);
    }
    const { done, error, longest, tasks, steps } = await page.evaluate(
      () =>
        new Promise((resolve) =>
          // Two frames: a long task that ended with the event has been reported.
          requestAnimationFrame(() =>
            requestAnimationFrame(() =>
              resolve({
                done: window.__done,
                error: window.__error,
                longest: window.__longest,
                tasks: window.__tasks.filter(([start]) => start < window.__done),
                steps: Object.fromEntries(
                  performance
                    .getEntriesByType('mark')
                    .filter((m) => m.name.startsWith('plan-map:'))
                    .map((m) => [m.name.slice(9), m.startTime]),
                ),
              }),
            ),
          ),
        ),
    );
    if (done === null) throw new Error(`${url}: ${error ?? errors.join('; ')}`);
    if (profiler) {
      const { profile } = await profiler.send('Profiler.stop');
      mkdirSync(PROFILE_DIR, { recursive: true });
      const name = `${url.split('/').pop()?.replace('.html', '')}-${Date.now()}.cpuprofile`;
      writeFileSync(join(PROFILE_DIR, name), JSON.stringify(profile));
    }
    return { ms: done, longest, tasks, steps };
  } finally {
    await browser.close();
  }
}

/** `npm run build`, unless --no-build. */
function buildFirst() {
  if (flag('no-build')) return;
  console.log('npm run build …');
  const b = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8' });
  if (b.status !== 0) {
    console.error(b.stdout, b.stderr);
    throw new Error('npm run build failed');
  }
}

/**
 * The bench pages (element and bare, per case) and the folders they are served from; `large`
 * is the written large-layer plan (null without the case).
 */
async function benchSite(cases, points, pkg) {
  const [style, largeLayer] = await loadSourceModules([
    '/src/map/style.ts',
    '/tests/browser/large-layer.ts',
  ]);
  const geodata = join(ROOT, 'geodata');
  const manifest = JSON.parse(readFileSync(join(geodata, 'plan.json'), 'utf8'));
  const large = cases.includes('large') ? largeLayer.writeLargeLayerPlan(points) : null;
  const bare = (m, dir, base) =>
    barePage(
      bareStyle(
        m,
        base,
        clusteredLayers(m, dir, style.CLUSTER_MIN_POINTS),
        style.SEA_COLOR,
        style.TEXT_FONT,
        style.CLUSTER_RADIUS_PX,
        style.CLUSTER_MAX_ZOOM,
      ),
      style.TEXT_FONT,
    );
  const pages = {
    '/__bench/element-builtin.html': elementPage(null),
    '/__bench/bare-builtin.html': bare(manifest, geodata, '/__bench/geodata'),
  };
  if (large) {
    const largeManifest = JSON.parse(readFileSync(join(large.dir, 'plan.json'), 'utf8'));
    pages['/__bench/element-large.html'] = elementPage('/__bench/large/plan.json');
    pages['/__bench/bare-large.html'] = bare(largeManifest, large.dir, '/__bench/large');
  }
  // Bench files first, then the build folder at AT (matched last, as a catch-all when AT is /).
  const mounts = {
    '/__bench/geodata/': geodata,
    '/__bench/maplibre/': join(ROOT, 'node_modules/maplibre-gl/dist'),
    ...(large ? { '/__bench/large/': large.dir } : {}),
    [AT]: pkg,
  };
  return { pages, mounts, large };
}

/** One case: `pairs` element / bare pairs (the first of each pair alternating), medians, ratio. */
async function runCase(server, c, pairs, points) {
  const label =
    c === 'builtin'
      ? 'built-in plan'
      : `built-in plan + ${points.toLocaleString('en')} uniform items`;
  const times = { element: [], bare: [] };
  const tasks = { element: [], bare: [] };
  const steps = [];
  for (let i = 0; i < pairs; i++) {
    const order = i % 2 === 0 ? ['element', 'bare'] : ['bare', 'element'];
    for (const which of order) {
      const {
        ms,
        longest,
        tasks: all,
        steps: marks,
      } = await load(`${server.url}/__bench/${which}-${c}.html`);
      if (which === 'element') steps.push(marks);
      times[which].push(ms);
      tasks[which].push(longest);
      console.log(
        `  ${label}: ${which} ${ms.toFixed(0)} ms, longest main-thread task ${longest.toFixed(0)} ms`,
      );
      // --long-tasks: when each task over 200 ms (or --long-tasks-over) started, how long it took.
      if (flag('long-tasks')) {
        const over = all.filter(([, d]) => d > LONG_OVER_MS).map(([t, d]) => `${d} ms at ${t}`);
        console.log(`    tasks over ${LONG_OVER_MS} ms: ${over.join(', ') || 'none'}`);
      }
    }
  }
  const { element, bare } = times;
  const row = {
    case: c,
    label,
    elementMs: { median: Math.round(median(element)), runs: element.map(Math.round) },
    bareMs: { median: Math.round(median(bare)), runs: bare.map(Math.round) },
    longestTaskMs: {
      element: { median: Math.round(median(tasks.element)), runs: tasks.element.map(Math.round) },
      bare: { median: Math.round(median(tasks.bare)), runs: tasks.bare.map(Math.round) },
    },
  };
  // The element's User Timing marks (src/plan-map/timing.ts), medians: where its time goes.
  const names = [...new Set(steps.flatMap((m) => Object.keys(m)))];
  row.elementSteps = Object.fromEntries(
    names
      .map((n) => [n, Math.round(median(steps.map((m) => m[n]).filter((v) => v !== undefined)))])
      .sort((a, b) => a[1] - b[1]),
  );
  row.ratio = Math.round((row.elementMs.median / row.bareMs.median) * 100) / 100;
  row.target = c === 'builtin' ? 1.2 : 1.3;
  const range = (xs) => `${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}`;
  console.log(
    `${label}: <plan-map> plan-ready median ${row.elementMs.median} ms ` +
      `(${range(element)}), bare MapLibre idle median ` +
      `${row.bareMs.median} ms (${range(bare)}); ` +
      `ratio ${row.ratio}× (target ≤ ${row.target}×); longest main-thread task median ` +
      `${row.longestTaskMs.element.median} ms (element) / ${row.longestTaskMs.bare.median} ms (bare)`,
  );
  console.log(
    `  element steps (median ms from navigation start): ${Object.entries(row.elementSteps)
      .map(([n, v]) => `${n} ${v}`)
      .join(', ')}`,
  );
  return row;
}

async function main() {
  const pairs = Number(arg('pairs', '5'));
  const points = Number(arg('points', '100000'));
  const cases = arg('cases', 'builtin,large').split(',');
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}`);
  buildFirst();
  const pkg = buildDir();
  const { pages, mounts, large } = await benchSite(cases, points, pkg);
  const server = await serve(mounts, pages);
  const load0 = loadavg();
  console.log(
    `built <plan-map> from ${pkg.replace(ROOT, '')}/plan-map.js served at ${AT}; Chromium ${CHROMIUM}; ` +
      `${cpus().length} CPUs, load average ${load0.map((l) => l.toFixed(1)).join(' ')}; ${pairs} pairs per case` +
      (MOBILE ? '; Lighthouse mobile throttling (slow 4G, 4× CPU, 412 × 823)' : ''),
  );
  const results = [];
  try {
    for (const c of cases) results.push(await runCase(server, c, pairs, points));
  } finally {
    await server.close();
    large?.remove();
  }
  const load1 = loadavg();
  console.log(`load average after: ${load1.map((l) => l.toFixed(1)).join(' ')}`);
  console.log(
    JSON.stringify({
      pairs,
      points,
      mobile: MOBILE,
      loadavg: { before: load0, after: load1 },
      results,
    }),
  );
}

await main();
