#!/usr/bin/env node
/**
 * Lighthouse 12 (pinned in this folder's package.json, installed here so the root install stays
 * lean) on the built `cdn/`: the standalone viewer page and the embed demo, with Lighthouse's
 * mobile preset (its default: a Moto G Power–sized screen, simulated slow 4G and 4× CPU).
 *
 *   npm run lighthouse                 # build cdn/ into a temporary folder, audit both pages
 *   npm run lighthouse -- --devtools   # also: the standalone page under applied (devtools)
 *                                      # throttling, to time `plan-ready` (the built-in plan
 *                                      # interactive) under the same conditions
 *
 * Prints the category scores, the metrics, and fails (exit 1) when accessibility is below 100
 * or the "font-size" audit (Lighthouse 12 has no "tap-targets" audit any more; the
 * accessibility category's "target-size" is its successor) fails. Reports are written to
 * tests/lighthouse/reports/ (not committed). Chromium: CHROME_PATH, default /usr/bin/chromium.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, normalize } from 'node:path';
import { contentTypeOf } from '../../scripts/lib/content-types.mjs';

const here = import.meta.dirname;
const repo = join(here, '../..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

if (!existsSync(join(here, 'node_modules/lighthouse'))) {
  console.log('installing Lighthouse into tests/lighthouse/ (npm ci) …');
  execFileSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: here, stdio: 'inherit' });
}
const { default: lighthouse } = await import('lighthouse');
const chromeLauncher = await import('chrome-launcher');

const devtools = process.argv.includes('--devtools');
const chromePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';
/** Headless Chromium with a software WebGL (the map needs one; no GPU here). */
const CHROME_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu-sandbox',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

// 1. Build cdn/ as `npm run build` does (the cdn half), into a temporary folder.
const outDir = mkdtempSync(join(tmpdir(), 'plan-map-lighthouse-'));
{
  const { build } = await import(join(repo, 'node_modules/vite/dist/node/index.js'));
  process.env.NODE_ENV = 'production';
  await build({
    root: repo,
    configFile: join(repo, 'vite.config.ts'),
    logLevel: 'warn',
    mode: 'production',
    build: { outDir, emptyOutDir: true },
  });
}
// The standalone page (index.html) pointing at the built module instead of the source, and a
// mark when the plan is drawn (`plan-ready`), read back from the trace as a user timing.
const index = readFileSync(join(repo, 'index.html'), 'utf8')
  .replace('href="/favicon.svg"', 'href="./favicon.svg"')
  .replace('href="/page.css"', 'href="./page.css"')
  .replace(
    '<script type="module" src="/src/index.ts"></script>',
    '<link rel="stylesheet" href="./plan-map.css" />\n    <script type="module" src="./plan-map.js"></script>\n    <script type="module" src="./lh-mark.js"></script>',
  );
writeFileSync(join(outDir, 'standalone.html'), index);
const mark =
  "document.addEventListener('plan-ready', () => performance.mark('plan-ready'), { once: true });\n";
writeFileSync(join(outDir, 'lh-mark.js'), mark);
// The embed demo marks its first plan-ready too (two maps: the first one drawn).
const demo = readFileSync(join(outDir, 'embed-demo.html'), 'utf8').replace(
  '<script type="module" src="./embed-demo.js"></script>',
  '<script type="module" src="./embed-demo.js"></script>\n    <script type="module" src="./lh-mark.js"></script>',
);
writeFileSync(join(outDir, 'embed-demo.html'), demo);

// 2. Serve it on 127.0.0.1.
const server = createServer((req, res) => {
  const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  const file = normalize(join(outDir, path === '/' ? 'standalone.html' : path));
  if (!file.startsWith(outDir)) return res.writeHead(403).end();
  try {
    const body = readFileSync(file);
    res
      .writeHead(200, {
        'content-type': contentTypeOf(file),
        'cache-control': 'max-age=3600',
      })
      .end(body);
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  }
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${server.address().port}`;

// 3. Audit.
const reports = join(here, 'reports');
mkdirSync(reports, { recursive: true });
const chrome = await chromeLauncher.launch({ chromePath, chromeFlags: CHROME_FLAGS });
const pct = (s) => (s === null || s === undefined ? '–' : String(Math.round(s * 100)));
const ms = (a) => (a?.numericValue === undefined ? '–' : `${Math.round(a.numericValue)} ms`);
const rows = [];
let failed = false;
try {
  const runs = [
    { name: 'standalone', url: `${base}/standalone.html`, throttling: 'simulate' },
    { name: 'embed-demo', url: `${base}/embed-demo.html`, throttling: 'simulate' },
    ...(devtools
      ? [{ name: 'standalone (devtools)', url: `${base}/standalone.html`, throttling: 'devtools' }]
      : []),
  ];
  for (const run of runs) {
    const t0 = performance.now();
    const result = await lighthouse(run.url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      throttlingMethod: run.throttling,
      onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'],
    });
    const lhr = result.lhr;
    writeFileSync(join(reports, `${run.name.replace(/\W+/g, '-')}.json`), result.report);
    const a = lhr.audits;
    const timings = a['user-timings']?.details?.items ?? [];
    const ready = timings.find((t) => t.name === 'plan-ready');
    const row = {
      page: run.name,
      throttling: run.throttling,
      performance: pct(lhr.categories.performance?.score),
      accessibility: pct(lhr.categories.accessibility?.score),
      'best-practices': pct(lhr.categories['best-practices']?.score),
      seo: pct(lhr.categories.seo?.score),
      FCP: ms(a['first-contentful-paint']),
      LCP: ms(a['largest-contentful-paint']),
      TBT: ms(a['total-blocking-time']),
      TTI: ms(a.interactive),
      CLS: a['cumulative-layout-shift']?.displayValue ?? '–',
      'plan-ready (observed)': ready ? `${Math.round(ready.startTime)} ms` : '–',
      'font-size': a['font-size']
        ? `${pct(a['font-size'].score)} (${a['font-size'].displayValue ?? ''})`
        : 'absent',
      'target-size': a['target-size'] ? pct(a['target-size'].score) : 'absent',
      'tap-targets': a['tap-targets'] ? pct(a['tap-targets'].score) : 'absent in Lighthouse 12',
      seconds: ((performance.now() - t0) / 1000).toFixed(0),
    };
    rows.push(row);
    console.log(JSON.stringify(row));
    const a11yFailures = Object.values(a).filter(
      (x) =>
        lhr.categories.accessibility.auditRefs.some((r) => r.id === x.id && r.weight > 0) &&
        x.score !== null &&
        x.score < 1,
    );
    for (const x of a11yFailures) console.log(`  accessibility: ${x.id} — ${x.title}`);
    if (lhr.categories.accessibility.score < 1) failed = true;
    if (a['font-size'] && a['font-size'].score !== null && a['font-size'].score < 1) {
      console.log(`  font-size: ${a['font-size'].displayValue}`);
      failed = true;
    }
    if (a['tap-targets'] && a['tap-targets'].score !== null && a['tap-targets'].score < 1) {
      failed = true;
    }
  }
} finally {
  await chrome.kill();
  await new Promise((resolve) => server.close(resolve));
}
console.log(`\nLighthouse ${rows.length ? 'results' : ''} (reports in tests/lighthouse/reports/):`);
console.table(rows);
if (failed) {
  console.error('✗ accessibility below 100, or a font-size / tap-targets failure');
  process.exit(1);
}
