/**
 * The self-contained build (cdn/) as a portal deploys it: copied to /static/plan-map/ of a site
 * served with the strict policy portals are promised, not at the site's root. Every file it
 * loads must resolve relative to the module: plan-ready, zero CSP violations, zero 404s. The
 * page rule in plan-map.css reserves the element's box (no layout shift); `setBasePath` moves
 * the worker files elsewhere.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildDist,
  CHROMIUM,
  collectProblems,
  launchChromium,
  recordWorkerJobs,
  serveStatic,
  workerJobs,
} from './harness.js';
import { type LargeLayerPlan, writeLargeLayerPlan } from './large-layer.js';

/** The policy of the issue: nothing but the site itself, images also from data: and blob:. */
const FULL_STRICT_CSP =
  "default-src 'self'; script-src 'self'; worker-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'";

type Recorded = { type: string; target: string | null; detail: Record<string, unknown> };

describe.skipIf(!CHROMIUM)('cdn/ under a sub-path with a strict CSP (Chromium)', () => {
  let browser: Browser;
  let server: { url: string; close(): Promise<void> };
  let large: LargeLayerPlan;
  let elsewhere: string;
  let broken: string;

  beforeAll(async () => {
    const cdn = await buildDist();
    large = writeLargeLayerPlan(8_000);
    // A second copy of the folder (a portal's CDN, say), for setBasePath.
    elsewhere = mkdtempSync(join(tmpdir(), 'plan-map-elsewhere-'));
    cpSync(cdn, elsewhere, { recursive: true });
    // A careless deployment: the folder copied without MapLibre's worker file.
    broken = mkdtempSync(join(tmpdir(), 'plan-map-broken-'));
    cpSync(cdn, broken, { recursive: true });
    rmSync(join(broken, 'maplibre-gl-worker.mjs'));
    server = await serveStatic(
      {
        '/static/plan-map/': cdn,
        '/pages/': join(import.meta.dirname, 'pages'),
        '/large/': large.dir,
        '/elsewhere/': elsewhere,
        '/broken/plan-map/': broken,
      },
      FULL_STRICT_CSP,
    );
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    large?.remove();
    if (elsewhere) rmSync(elsewhere, { recursive: true, force: true });
    if (broken) rmSync(broken, { recursive: true, force: true });
  });

  async function open(path: string): Promise<{ page: Page; problems: string[]; loaded: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const problems = collectProblems(page);
    const loaded: string[] = [];
    page.on('response', (r) => loaded.push(new URL(r.url()).pathname));
    await recordWorkerJobs(page);
    await page.goto(`${server.url}${path}`);
    return { page, problems, loaded };
  }

  const recorded = (page: Page): Promise<Recorded[]> =>
    page.evaluate(() => (window as unknown as { __events: Recorded[] }).__events);
  const violations = (page: Page): Promise<string[]> =>
    page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);

  async function planReady(page: Page, planId?: string): Promise<Recorded> {
    await page.waitForFunction(
      (id) =>
        (window as unknown as { __events: Recorded[] }).__events.some(
          (e) => e.type === 'plan-ready' && (!id || e.detail.planId === id),
        ),
      planId,
      { timeout: 90_000 },
    );
    return (await recorded(page)).find(
      (e) => e.type === 'plan-ready' && (!planId || e.detail.planId === planId),
    )!;
  }

  it('draws the built-in plan from /static/plan-map/: plan-ready, no violation, no 404', async () => {
    const { page, problems, loaded } = await open('/pages/static.html');
    const ready = await planReady(page);
    expect(ready.detail.featureCount).toBeGreaterThan(40);
    expect(loaded).toContain('/static/plan-map/maplibre-gl-worker.mjs');
    expect(
      loaded.filter((p) => !p.startsWith('/static/plan-map/') && !p.startsWith('/pages/')),
    ).toEqual([]);
    // A plan large enough for the membership worker, loaded from beside the module.
    await page.evaluate(() =>
      document.getElementById('a')!.setAttribute('src', '/large/plan.json'),
    );
    await planReady(page, large.planId);
    expect(loaded).toContain('/static/plan-map/membership-worker.js');
    // Its 2.2 MB item file was read in that worker, under the page's strict CSP.
    expect(await workerJobs(page)).toContain('read-layer');
    expect(await violations(page)).toEqual([]);
    expect((await recorded(page)).filter((e) => e.type === 'plan-error')).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('the page rule reserves the element box: no layout shift when it is defined (a page without it shifts)', async () => {
    const shift = async (path: string): Promise<number> => {
      const { page } = await open(path);
      await planReady(page);
      // Shifts are reported after the frame they happen in: let two frames pass once the map
      // has drawn (its controls are added then).
      await page.evaluate(
        () =>
          new Promise((resolve) =>
            requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve))),
          ),
      );
      const value = await page.evaluate(
        () => (window as unknown as { __layoutShift: number }).__layoutShift,
      );
      await page.close();
      return value;
    };
    const withRule = await shift('/pages/static.html');
    const withoutRule = await shift('/pages/static-no-rule.html');
    console.log(
      `layout shift: ${withRule.toFixed(4)} with plan-map.css, ${withoutRule.toFixed(4)} without`,
    );
    expect(withRule).toBeLessThan(0.01);
    // The measurement can see a shift: the control page has one.
    expect(withoutRule).toBeGreaterThan(0.005);
  });

  it('setBasePath loads the worker files from another folder', async () => {
    const { page, problems, loaded } = await open('/pages/base-path.html');
    await planReady(page);
    expect(loaded).toContain('/elsewhere/maplibre-gl-worker.mjs');
    expect(loaded).not.toContain('/static/plan-map/maplibre-gl-worker.mjs');
    await page.evaluate(() =>
      document.getElementById('a')!.setAttribute('src', '/large/plan.json'),
    );
    await planReady(page, large.planId);
    expect(loaded).toContain('/elsewhere/membership-worker.js');
    expect(await violations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  /** What `ready` settled with, and the codes of every plan-error so far. */
  async function failure(page: Page): Promise<{ ready: string; codes: string[] }> {
    const ready = await page.evaluate(() =>
      (document.getElementById('a') as HTMLElementTagNameMap['plan-map']).ready.then(
        () => 'resolved',
        (e: Error & { issues?: { code: string }[] }) => `rejected: ${e.issues?.[0]?.code}`,
      ),
    );
    const codes = (await recorded(page))
      .filter((e) => e.type === 'plan-error')
      .flatMap((e) => (e.detail.issues as { code: string }[]).map((i) => i.code));
    return { ready, codes };
  }

  it('a missing MapLibre worker is not silent: worker-failed in plan-error and the panel, ready rejects', async () => {
    const { page } = await open('/pages/broken-worker.html');
    await page.waitForFunction(() =>
      (window as unknown as { __events: Recorded[] }).__events.some((e) => e.type === 'plan-error'),
    );
    const r = await failure(page);
    expect(r.ready).toBe('rejected: worker-failed');
    expect(r.codes).toContain('worker-failed');
    // The panel says so, in the element's language, and still lists the plan.
    const panel = await page.evaluate(() => {
      const root = document.getElementById('a')!.shadowRoot!;
      return {
        issues: root.querySelector('[part~="issues"]')?.textContent ?? '',
        zones: root.querySelectorAll('[part~="zones"] [role="treeitem"]').length,
      };
    });
    expect(panel.issues).toContain('maplibre-gl-worker.mjs');
    expect(panel.issues).toContain('无法启动');
    expect(panel.zones).toBeGreaterThan(0);
    await page.close();
  });

  it('no WebGL is not silent: map-unavailable in plan-error and the panel, ready rejects, the panel still works', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    await page.addInitScript(() => {
      const original = HTMLCanvasElement.prototype.getContext;
      HTMLCanvasElement.prototype.getContext = function (
        this: HTMLCanvasElement,
        type: string,
        ...rest: unknown[]
      ) {
        if (type.startsWith('webgl')) return null;
        return (original as (...a: unknown[]) => RenderingContext | null).call(this, type, ...rest);
      } as typeof HTMLCanvasElement.prototype.getContext;
    });
    await page.goto(`${server.url}/pages/static.html`);
    await page.waitForFunction(() =>
      (window as unknown as { __events: Recorded[] }).__events.some((e) => e.type === 'plan-error'),
    );
    const r = await failure(page);
    expect(r.ready).toBe('rejected: map-unavailable');
    expect(r.codes).toContain('map-unavailable');
    const text = await page.evaluate(
      () =>
        document.getElementById('a')!.shadowRoot!.querySelector('[part~="issues"]')?.textContent ??
        '',
    );
    expect(text).toContain('WebGL');
    await page.close();
  });
});
