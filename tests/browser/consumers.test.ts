/**
 * The package as portal owners meet it: `npm pack`, `npm install <tarball>` into small real apps
 * (tests/consumers/: vanilla Vite deployed under /portal/app/, React 19 + TS, Vue 3 + TS,
 * webpack 5), each type-checked and built by its own tools with no setting for our workers or
 * data (tests/consumers/prepare.mjs). Each build, and the vanilla app's Vite dev server, must
 * show the built-in plan: `plan-ready` with all its features, no `plan-error`, no failed request,
 * no console error, and a click on the map reaching the framework's `plan-select` handler.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module script without declarations
import { APPS, prepare } from '../consumers/prepare.mjs';
import { builtinModel } from '../plan/builtin.js';
import {
  CHROMIUM,
  collectProblems,
  launchChromium,
  pointsInside,
  recordWorkerJobs,
  serveStatic,
  workerJobs,
} from './harness.js';
import { type LargeLayerPlan, writeLargeLayerPlan } from './large-layer.js';

const CONSUMERS = join(import.meta.dirname, '../consumers');
const apps = APPS as Record<string, { out: string; base: string }>;
const model = builtinModel();

/** Points inside the 黄泥川 cluster on a grid, as click candidates. */
const clusterCandidates = (): [number, number][] =>
  pointsInside(model.byId.get('cluster-huangnichuan') as Feature<Polygon | MultiPolygon>, 10);

interface Visit {
  page: Page;
  problems: string[];
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

describe.skipIf(!CHROMIUM)('consumer apps built from the packed tarball (Chromium)', () => {
  let browser: Browser;
  let large: LargeLayerPlan;
  const closers: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    // PLAN_MAP_CONSUMERS_PREPARED=1 reuses the last prepared builds (for working on this file).
    if (!process.env.PLAN_MAP_CONSUMERS_PREPARED) prepare({ build: true });
    // A plan large enough (8,000 items) that its analysis runs in the membership worker, which
    // each consumer's bundler had to find and bundle on its own.
    large = writeLargeLayerPlan(8_000);
    browser = await launchChromium();
  }, 900_000);
  afterAll(async () => {
    await browser?.close();
    large?.remove();
    for (const close of closers) await close();
  });

  /** Opens `url` and records every console error, page error, failed request and plan-error. */
  async function visit(url: string): Promise<Visit> {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    // The browser's own favicon request is the static server's business, not the package's.
    const problems = collectProblems(page, (u) => u.endsWith('/favicon.ico'));
    // analyse.ts warns when the membership worker could not start.
    page.on('console', (m) => {
      if (m.type() === 'warning' && /worker/i.test(m.text())) problems.push(`warning: ${m.text()}`);
    });
    await recordWorkerJobs(page);
    await page.addInitScript(() => {
      document.addEventListener('plan-error', (e) => {
        console.error(`plan-error: ${JSON.stringify((e as CustomEvent).detail)}`);
      });
    });
    await page.goto(url);
    return { page, problems };
  }

  /** The app's own marker of `plan-ready` (its handler wrote the feature count). */
  async function readyCount(page: Page): Promise<number> {
    const handle = await page.waitForSelector('[data-ready]', { timeout: 90_000 });
    return Number(await handle.getAttribute('data-ready'));
  }

  /** Clicks the 黄泥川 cluster where it is the top feature; returns the framework's output. */
  async function clickCluster(page: Page): Promise<string> {
    await page.waitForFunction(() => {
      const map = document.querySelector('plan-map')?.map;
      return !!map && map.loaded() && !map.isMoving();
    });
    const target = await page.evaluate((candidates) => {
      const el = document.querySelector('plan-map')!;
      const map = el.map!;
      const rect = map.getCanvas().getBoundingClientRect();
      for (const c of candidates) {
        const p = map.project(c);
        if (p.x < 10 || p.y < 10 || p.x > rect.width - 10 || p.y > rect.height - 10) continue;
        const top = map.queryRenderedFeatures(p)[0];
        if (top?.properties.id === 'cluster-huangnichuan')
          return { x: rect.x + p.x, y: rect.y + p.y };
      }
      return null;
    }, clusterCandidates());
    expect(target, 'a visible point of the 黄泥川 cluster').not.toBeNull();
    await page.mouse.click(target!.x, target!.y);
    await expect
      .poll(() => page.locator('#selected').textContent(), { timeout: 20_000 })
      .toBe('cluster-huangnichuan');
    return (await page.locator('#selected').textContent()) ?? '';
  }

  async function checkApp(url: string, withLargePlan: boolean): Promise<void> {
    const { page, problems } = await visit(url);
    expect(await readyCount(page)).toBe(model.byId.size);
    expect(await clickCluster(page)).toBe('cluster-huangnichuan');
    if (withLargePlan) {
      const planId = await page.evaluate(
        (id) =>
          new Promise<string>((resolve) => {
            const el = document.querySelector('plan-map')!;
            el.addEventListener('plan-ready', (e) => {
              if (e.detail.planId === id) resolve(e.detail.planId);
            });
            el.setAttribute('src', '/large/plan.json');
          }),
        large.planId,
      );
      expect(planId).toBe(large.planId);
      // Its 2.2 MB item file was read, parsed and validated in the element's worker.
      expect(await workerJobs(page)).toContain('read-layer');
    }
    expect(problems).toEqual([]);
    await page.close();
  }

  for (const name of ['vanilla', 'react', 'vue', 'webpack']) {
    it(`${name}: the production build draws the built-in plan, hands a click to the app, runs the worker`, async () => {
      const app = apps[name]!;
      const server = await serveStatic(
        { [app.base]: join(CONSUMERS, name, app.out), '/large/': large.dir },
        '',
      );
      closers.push(server.close);
      await checkApp(`${server.url}${app.base}`, true);
    });
  }

  it('importing the installed package in Node (a server render) throws nothing', () => {
    // No DOM: Lit's Node build supplies a custom-element registry shim, which is all define() needs.
    const out = execFileSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const m = await import('dalian-plan-map');
         const manifest = await import('dalian-plan-map/custom-elements.json', { with: { type: 'json' } });
         const pkg = await import('dalian-plan-map/package.json', { with: { type: 'json' } });
         console.log(JSON.stringify({
           exports: Object.keys(m).sort(),
           dom: typeof document,
           modules: manifest.default.modules.length,
           version: pkg.default.version,
         }));`,
      ],
      { cwd: CONSUMERS, encoding: 'utf8' },
    );
    const r = JSON.parse(out.trim().split('\n').pop()!);
    expect(r.dom).toBe('undefined');
    expect(r.exports).toEqual(
      expect.arrayContaining([
        'PlanMap',
        'PlanSelectEvent',
        'PlanViewChangeEvent',
        'define',
        'setBasePath',
      ]),
    );
    expect(r.modules).toBeGreaterThan(0);
  });

  // Vite's dev server pre-bundles the package (its dependency optimizer), which is where a
  // worker addressed relative to the module used to get the SPA's index.html instead.
  for (const name of ['vanilla', 'react', 'vue']) {
    it(`${name}: the app under its Vite dev server works too`, async () => {
      const port = await freePort();
      const dev: ChildProcess = spawn(
        process.execPath,
        [
          join(CONSUMERS, 'node_modules/vite/bin/vite.js'),
          '--host',
          '127.0.0.1',
          '--port',
          String(port),
          '--strictPort',
        ],
        { cwd: join(CONSUMERS, name), stdio: ['ignore', 'pipe', 'pipe'] },
      );
      closers.push(async () => {
        dev.kill();
      });
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('vite dev did not start')), 60_000);
        dev.stdout?.on('data', (d: Buffer) => {
          if (String(d).includes(`${port}`)) {
            clearTimeout(timer);
            resolve();
          }
        });
      });
      await checkApp(`http://127.0.0.1:${port}${apps[name]!.base}`, false);
    });
  }
});
