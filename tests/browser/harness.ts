/**
 * Shared set-up for the browser tests: Debian's Chromium driven by playwright-core against a
 * Vite dev server on a free loopback port. No network: the plan and basemap are local files.
 */
import { existsSync } from 'node:fs';
import { bbox, booleanPointInPolygon, point } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { type Browser, type ConsoleMessage, chromium, type Page } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';
import { vi } from 'vitest';
import { contentTypeOf } from '../../scripts/lib/content-types.mjs';

/**
 * expect.poll's default (1 s) is shorter than a map's first frame on a loaded 2-core CI
 * machine; 15 s is generous yet still fails a test that never gets there in reasonable time.
 */
export const POLL_TIMEOUT_MS = 15_000;
vi.setConfig({ expect: { poll: { timeout: POLL_TIMEOUT_MS, interval: 100 } } });

/**
 * A barrier for "nothing happened" assertions: resolves once the map of the element matched by
 * `selector` is idle again (every change made so far drawn, camera animations over) and two
 * frames have passed, so any event the changes could cause has been dispatched.
 */
export async function settled(page: Page, selector = 'plan-map'): Promise<void> {
  await page.evaluate(
    (sel) =>
      new Promise<void>((resolve) => {
        const el = document.querySelector(sel) as
          | (Element & {
              map?: { once(t: string, f: () => void): void; triggerRepaint(): void } | null;
            })
          | null;
        const frames = () => requestAnimationFrame(() => requestAnimationFrame(() => resolve()));
        const map = el?.map;
        if (!map) {
          frames();
          return;
        }
        map.once('idle', frames);
        map.triggerRepaint();
      }),
    selector,
  );
}

/** CHROMIUM_PATH, when set, is the only candidate (so a missing browser can be simulated). */
const CANDIDATES = process.env.CHROMIUM_PATH
  ? [process.env.CHROMIUM_PATH]
  : ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** Path of a Chromium binary, or null. Under CI=true a missing browser is an error, not a skip. */
export function findChromium(): string | null {
  const found = CANDIDATES.find((p): p is string => !!p && existsSync(p)) ?? null;
  if (!found) {
    const msg =
      'No Chromium found (/usr/bin/chromium; set CHROMIUM_PATH to override): BROWSER TESTS SKIPPED. ' +
      'Install it with `apt-get install -y chromium fonts-noto-cjk`.';
    if (process.env.CI === 'true') throw new Error(`${msg} Under CI=true this is a failure.`);
    console.warn(`\n${'!'.repeat(78)}\n${msg}\n${'!'.repeat(78)}\n`);
  }
  return found;
}

export const CHROMIUM = findChromium();

export interface Session {
  browser: Browser;
  server: ViteDevServer;
  baseUrl: string;
  close(): Promise<void>;
}

export async function startSession(): Promise<Session> {
  const server = await createServer({
    configFile: new URL('../../vite.config.ts', import.meta.url).pathname,
    logLevel: 'error',
    server: { port: 0, host: '127.0.0.1', open: false },
  });
  await server.listen();
  const address = server.httpServer?.address();
  if (!address || typeof address === 'string') throw new Error('Vite server has no port');
  const browser = await launchChromium();
  return {
    browser,
    server,
    baseUrl: `http://127.0.0.1:${address.port}`,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/**
 * Everything that went wrong on a page as a portal owner would see it in dev tools: console
 * errors, page errors, HTTP answers ≥ 400 and failed requests. `ignore` drops URLs that are not
 * the package's business (say, the browser's own favicon request). Chromium reports a
 * `no-store` fetch whose stream was read to its end as ERR_ABORTED (microsoft/playwright#42742):
 * that one is not a failure; a real one shows as an HTTP status or a plan-error.
 */
export function collectProblems(
  page: Page,
  ignore: (url: string) => boolean = () => false,
): string[] {
  const problems: string[] = [];
  page.on('console', (m: ConsoleMessage) => {
    if (m.type() === 'error' && !ignore(m.location().url)) problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() >= 400 && !ignore(r.url())) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  page.on('requestfailed', (r) => {
    const why = r.failure()?.errorText ?? '';
    if (why !== 'net::ERR_ABORTED' && !ignore(r.url())) problems.push(`failed: ${r.url()} ${why}`);
  });
  return problems;
}

/** Points on an n × n grid over a polygon's box that lie inside it, as click candidates. */
export function pointsInside(zone: Feature<Polygon | MultiPolygon>, n: number): [number, number][] {
  const [w, s, e, north] = bbox(zone);
  const out: [number, number][] = [];
  for (let i = 1; i < n; i++) {
    for (let j = 1; j < n; j++) {
      const p: [number, number] = [w + ((e - w) * i) / n, s + ((north - s) * j) / n];
      if (booleanPointInPolygon(point(p), zone)) out.push(p);
    }
  }
  return out;
}

/** Console errors and page errors seen on a page, for "no console errors" assertions. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m: ConsoleMessage) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  return errors;
}

/** Record the element's events on window.__events so tests can read them back. */
export async function recordEvents(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __events: { type: string; detail: unknown }[] };
    w.__events = [];
    for (const type of [
      'plan-ready',
      'plan-select',
      'plan-layer-toggle',
      'plan-error',
      'plan-filter-change',
    ]) {
      document.addEventListener(type, (e) => {
        w.__events.push({ type, detail: JSON.parse(JSON.stringify((e as CustomEvent).detail)) });
      });
    }
  });
}

export async function events(page: Page, type: string): Promise<unknown[]> {
  return page.evaluate(
    (t) =>
      (window as unknown as { __events: { type: string; detail: unknown }[] }).__events
        .filter((e) => e.type === t)
        .map((e) => e.detail),
    type,
  );
}

/** Open a page and wait for the first plan-ready. */
export async function openViewer(
  session: Session,
  path = '/',
): Promise<{ page: Page; errors: string[] }> {
  const page = await session.browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors = collectErrors(page);
  await recordEvents(page);
  await page.goto(`${session.baseUrl}${path}`);
  await waitForPlanReady(page);
  return { page, errors };
}

/**
 * Waits until the page (with {@link recordEvents}) has recorded a `plan-ready` — of `planId`
 * when given, else of any plan.
 */
export async function waitForPlanReady(
  page: Page,
  planId: string | null = null,
  options: { timeout?: number; polling?: number } = {},
): Promise<void> {
  await page.waitForFunction(
    (id) =>
      (
        window as unknown as { __events: { type: string; detail: { planId?: string } }[] }
      ).__events.some((e) => e.type === 'plan-ready' && (id === null || e.detail.planId === id)),
    planId,
    {
      timeout: options.timeout ?? 60_000,
      ...(options.polling ? { polling: options.polling } : {}),
    },
  );
}

/**
 * Builds the self-contained cdn/ (into a temporary folder) as `npm run build` does, for tests that must
 * drive the shipped file rather than the dev app.
 */
export async function buildDist(): Promise<string> {
  const { build } = await import('vite');
  const { mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const outDir = mkdtempSync(join(tmpdir(), 'plan-map-dist-'));
  // Vitest runs with NODE_ENV=test, and Vite derives production mode (import.meta.env.DEV,
  // Lit's production build via export conditions) from NODE_ENV: build as `npm run build` does.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: new URL('../../vite.config.ts', import.meta.url).pathname,
      logLevel: 'error',
      mode: 'production',
      build: { outDir, emptyOutDir: true },
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  return outDir;
}

/** The strict policy portals are promised to work under. */
/** (MapLibre's control icons are data: SVGs in its CSS: a policy with default-src needs img-src data: too.) */
export const STRICT_CSP = "script-src 'self'; worker-src 'self'; style-src 'self'";

/**
 * A static file server on 127.0.0.1 for built files: `mounts` maps a URL prefix to a folder.
 * Every HTML response carries `csp` as its Content-Security-Policy.
 */
export async function serveStatic(
  mounts: Record<string, string>,
  csp: string = STRICT_CSP,
): Promise<{ url: string; close(): Promise<void> }> {
  const http = await import('node:http');
  const { readFile } = await import('node:fs/promises');
  const { join, normalize } = await import('node:path');
  const prefixes = Object.keys(mounts).sort((a, b) => b.length - a.length);
  const server = http.createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const prefix = prefixes.find((p) => path.startsWith(p));
    if (!prefix) {
      res.writeHead(404).end();
      return;
    }
    const rest = path.slice(prefix.length);
    const file = normalize(
      join(mounts[prefix]!, rest === '' || rest.endsWith('/') ? `${rest}index.html` : rest),
    );
    try {
      const body = await readFile(file);
      const type = contentTypeOf(file);
      const headers: Record<string, string> = { 'content-type': type, 'cache-control': 'no-store' };
      if (type.startsWith('text/html')) headers['content-security-policy'] = csp;
      res.writeHead(200, headers).end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('static server has no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM ?? undefined,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
    ],
  });
}

/** Records the `type` of every message the page posts to a Web Worker (from the next load). */
export async function recordWorkerJobs(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const jobs: string[] = [];
    (window as unknown as { __workerJobs: string[] }).__workerJobs = jobs;
    const post = Worker.prototype.postMessage as (this: Worker, ...args: unknown[]) => void;
    Worker.prototype.postMessage = function (this: Worker, ...args: unknown[]) {
      const type = (args[0] as { type?: unknown } | null)?.type;
      jobs.push(typeof type === 'string' ? type : typeof args[0]);
      post.apply(this, args);
    } as Worker['postMessage'];
  });
}

/**
 * The job types recorded by {@link recordWorkerJobs}: `read-layer` when a large item file went
 * to the element's worker.
 */
export async function workerJobs(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __workerJobs: string[] }).__workerJobs);
}
