/**
 * The built cdn/plan-map.js (the self-contained build) in plain portal pages (not the dev app), served with a strict
 * Content-Security-Policy: no violations, hostile CSS kept out, independent instances, clean
 * detach/re-attach, lazy WebGL, hidden-then-shown sizing, context loss, events only for users.
 */
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDist, CHROMIUM, launchChromium, serveStatic, settled } from './harness.js';
import { type LargeLayerPlan, writeLargeLayerPlan } from './large-layer.js';

type PM = HTMLElementTagNameMap['plan-map'];
type Recorded = { type: string; target: string | null; detail: Record<string, unknown> };

describe.skipIf(!CHROMIUM)('embedding the built element (Chromium, strict CSP)', () => {
  let browser: Browser;
  let server: { url: string; close(): Promise<void> };

  let large: LargeLayerPlan;

  beforeAll(async () => {
    const dist = await buildDist();
    // A plan big enough (8,000 items) that its analysis runs in the membership worker.
    large = writeLargeLayerPlan(8_000);
    cpSync(large.dir, join(dist, 'large'), { recursive: true });
    server = await serveStatic({ '/pages/': join(import.meta.dirname, 'pages'), '/': dist });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    large?.remove();
  });

  it('analyses a large plan in the same-origin membership worker under the CSP', async () => {
    const { page, console } = await open('/pages/two.html');
    await drawn(page, 'a');
    await page.evaluate(() =>
      (document.getElementById('a') as HTMLElementTagNameMap['plan-map']).setAttribute(
        'src',
        '/large/plan.json',
      ),
    );
    await page.waitForFunction(
      (id) =>
        (window as unknown as { __events: Recorded[] }).__events.some(
          (e) => e.type === 'plan-ready' && e.target === 'a' && e.detail.planId === id,
        ),
      large.planId,
      { timeout: 60_000 },
    );
    const loaded = await page.evaluate(() =>
      performance.getEntriesByType('resource').map((r) => new URL(r.name).pathname),
    );
    expect(loaded).toContain('/membership-worker.js');
    expect(console.filter((c) => /worker did not start|error/i.test(c))).toEqual([]);
    const violations = await page.evaluate(
      () => (window as unknown as { __violations: string[] }).__violations,
    );
    expect(violations).toEqual([]);
    await page.close();
  });

  async function open(path: string): Promise<{ page: Page; console: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const console: string[] = [];
    page.on('console', (m) => console.push(`${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => console.push(`pageerror: ${e}`));
    await page.goto(`${server.url}${path}`);
    return { page, console };
  }

  const recorded = (page: Page, type?: string): Promise<Recorded[]> =>
    page.evaluate(
      (t) =>
        (window as unknown as { __events: Recorded[] }).__events.filter((e) => !t || e.type === t),
      type,
    );

  /** Wait until the element with this id has a drawn map. */
  async function drawn(page: Page, id: string): Promise<void> {
    await page.waitForFunction(
      (i) => {
        const el = document.getElementById(i) as HTMLElementTagNameMap['plan-map'] | null;
        return !!el?.map && el.map.loaded() && el.map.areTilesLoaded();
      },
      id,
      { timeout: 60_000 },
    );
  }

  it("loads cdn/plan-map.js under script-src, worker-src and style-src 'self' with no violations", async () => {
    const { page, console } = await open('/pages/two.html');
    await drawn(page, 'a');
    await drawn(page, 'b');
    const violations = await page.evaluate(
      () => (window as unknown as { __violations: string[] }).__violations,
    );
    expect(violations).toEqual([]);
    expect(console.filter((c) => /error|Refused/i.test(c))).toEqual([]);
    // The map really rendered plan content, so the worker ran.
    const ids = await page.evaluate(() =>
      (document.getElementById('a') as PM).map!.queryRenderedFeatures().map((f) => f.properties.id),
    );
    expect(ids).toContain('cluster-huangnichuan');
    // plan-ready fires on the map's first `idle`, which can follow the tiles being loaded.
    await expect
      .poll(async () => (await recorded(page, 'plan-ready')).map((e) => e.target).sort())
      .toEqual(['a', 'b']);
    await page.close();
  });

  it("the planner's tools work under the strict CSP: pinyin search, downloads, the PNG sheet", async () => {
    const { page, console } = await open('/pages/two.html');
    await drawn(page, 'a');
    await page.locator('#a input[role="combobox"]').click();
    await page.keyboard.type('hnc');
    const first = page.locator('#a [role="option"]').first();
    await expect
      .poll(() => first.getAttribute('data-id'), { timeout: 20_000 })
      .toBe('cluster-huangnichuan');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.locator('#a').getAttribute('selected'))
      .toBe('cluster-huangnichuan');
    const download = page.waitForEvent('download');
    await page.locator('#a button[data-export="csv"]').click();
    expect((await download).suggestedFilename()).toBe(
      'dalian-hitech-14th-fyp-cluster-huangnichuan.csv',
    );
    const png = await page.evaluate(async () => {
      const blob = await (document.getElementById('a') as PM).exportImage();
      return { type: blob.type, size: blob.size };
    });
    expect(png.type).toBe('image/png');
    expect(png.size).toBeGreaterThan(10_000);
    const violations = await page.evaluate(
      () => (window as unknown as { __violations: string[] }).__violations,
    );
    expect(violations).toEqual([]);
    expect(console.filter((c) => /error|Refused/i.test(c))).toEqual([]);
    await page.close();
  });

  it('registers under another tag name on request, and a second copy of the library warns instead of throwing', async () => {
    const { page, console } = await open('/pages/two.html');
    await drawn(page, 'a');
    // A string, not a function: Vitest would rewrite a dynamic import() inside a function.
    const r = await page.evaluate(`(async () => {
      const lib = await import('/plan-map.js');
      lib.define('zone-map');
      const el = document.createElement('zone-map');
      // A second copy of the module (another URL, as a second bundle would be).
      const copy = await import('/plan-map.js?second-copy');
      return {
        upgraded: el instanceof lib.PlanMap,
        sameTag: customElements.get('plan-map') === lib.PlanMap,
        copyIsOther: copy.PlanMap !== lib.PlanMap,
      };
    })()`);
    expect(r).toEqual({ upgraded: true, sameTag: true, copyIsOther: true });
    expect(
      console.filter((c) => c.startsWith('warning') && c.includes('<plan-map> is already defined')),
    ).toHaveLength(1);
    expect(console.filter((c) => c.startsWith('pageerror'))).toEqual([]);
    await page.close();
  });

  it('keeps hostile global CSS out: canvas sized to the element, panel text in its own style', async () => {
    const { page } = await open('/pages/hostile.html');
    await drawn(page, 'a');
    const m = await page.evaluate(() => {
      const el = document.getElementById('a') as PM;
      const canvas = el.map!.getCanvas();
      const panel = el.shadowRoot!.querySelector('.panel')!;
      const cs = getComputedStyle(canvas);
      const ps = getComputedStyle(panel);
      const wrap = el.shadowRoot!.querySelector('.map-wrap')!.getBoundingClientRect();
      return {
        canvasDisplay: cs.display,
        canvasW: canvas.getBoundingClientRect().width,
        wrapW: wrap.width,
        canvasH: canvas.getBoundingClientRect().height,
        hostH: el.getBoundingClientRect().height,
        fontSize: ps.fontSize,
        color: ps.color,
        textAlign: ps.textAlign,
        letterSpacing: ps.letterSpacing,
        checkboxVisible: getComputedStyle(panel.querySelector('input')!).visibility,
      };
    });
    expect(m.canvasDisplay).not.toBe('none');
    expect(m.canvasW).toBeCloseTo(m.wrapW, 0);
    expect(m.canvasH).toBeCloseTo(m.hostH, 0);
    expect(m.hostH).toBe(500);
    expect(m.fontSize).toBe('14px');
    expect(m.color).not.toBe('rgb(255, 0, 0)');
    expect(m.textAlign).not.toBe('right');
    expect(m.letterSpacing).toBe('normal');
    expect(m.checkboxVisible).toBe('visible');
    await page.close();
  });

  it('two instances on one page keep their own selection, layers and language', async () => {
    const { page } = await open('/pages/two.html');
    await drawn(page, 'a');
    await drawn(page, 'b');
    await page.locator('#a [role="treeitem"][data-id="cluster-huangnichuan"]').click();
    await page.locator('#b label[data-layer="clusters"] input').uncheck();
    const state = await page.evaluate(() => {
      const a = document.getElementById('a') as PM;
      const b = document.getElementById('b') as PM;
      return {
        aSelected: a.getAttribute('selected'),
        bSelected: b.getAttribute('selected'),
        aLayers: a.getAttribute('layers'),
        bLayers: b.getAttribute('layers'),
        aTitle: a.shadowRoot!.querySelector('h2')!.textContent,
        bTitle: b.shadowRoot!.querySelector('h2')!.textContent,
      };
    });
    expect(state.aSelected).toBe('cluster-huangnichuan');
    expect(state.bSelected).toBeNull();
    expect(state.aLayers).toBeNull();
    expect(state.bLayers?.split(',')).not.toContain('clusters');
    expect(state.aTitle).toContain('大连高新区');
    expect(state.bTitle).toContain('Dalian High-tech Zone');
    const selects = await recorded(page, 'plan-select');
    expect(selects.map((e) => e.target)).toEqual(['a']);
    const toggles = await recorded(page, 'plan-layer-toggle');
    expect(toggles.map((e) => e.target)).toEqual(['b']);
    await page.close();
  });

  it('fires events for user actions and never for attribute or method changes by the page', async () => {
    const { page } = await open('/pages/two.html');
    await drawn(page, 'a');
    await page.evaluate(() => {
      const a = document.getElementById('a') as PM;
      a.setAttribute('selected', 'center');
      a.setAttribute('lang', 'en');
      a.setAttribute('layers', 'corridor,center');
      a.select('science-city');
      a.setLayerVisible('clusters', true);
      a.fitTo('cluster-longwangtang');
      a.setAttribute('year', '2021');
      a.setAttribute('filter', 'kind:lab');
      a.year = 2020;
    });
    // Barrier: the map has applied every change (and finished fitTo's animation).
    await settled(page, '#a');
    expect(
      (await recorded(page)).filter((e) => e.target === 'a' && e.type !== 'plan-ready'),
    ).toEqual([]);
    // A user drag on the map does report the view change.
    const box = (await page.locator('#a .map').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 120, box.y + box.height / 2 + 40, { steps: 8 });
    await page.mouse.up();
    await expect.poll(async () => (await recorded(page, 'plan-view-change')).length).toBe(1);
    const view = (await recorded(page, 'plan-view-change'))[0]!;
    expect(view.target).toBe('a');
    expect(view.detail).toMatchObject({ zoom: expect.any(Number), center: expect.any(Array) });
    await page.close();
  });

  it('survives 20 detach/re-attach cycles without exhausting WebGL contexts, and works after', async () => {
    const { page, console } = await open('/pages/lifecycle.html');
    await drawn(page, 'cycled');
    for (let i = 0; i < 20; i++) {
      await page.evaluate(() => {
        const el = document.getElementById('cycled') as PM;
        const holder = document.getElementById('holder') as PM;
        el.remove();
        holder.append(el);
      });
      await drawn(page, 'cycled');
    }
    expect(console.filter((c) => /too many active webgl contexts/i.test(c))).toEqual([]);
    const ids = await page.evaluate(() =>
      (document.getElementById('cycled') as PM)
        .map!.queryRenderedFeatures()
        .map((f) => f.properties.id),
    );
    expect(ids).toContain('corridor');
    // Removing the element releases its map.
    const released = await page.evaluate(() => {
      const el = document.getElementById('cycled') as PM;
      el.remove();
      return el.map === null;
    });
    expect(released).toBe(true);
    await page.close();
  });

  it('an instance created hidden renders at full size once shown; a far-off one has no map until scrolled near', async () => {
    const { page } = await open('/pages/lifecycle.html');
    await drawn(page, 'cycled');
    expect(await page.evaluate(() => (document.getElementById('hidden') as PM).map)).toBeNull();
    expect(await page.evaluate(() => (document.getElementById('far') as PM).map)).toBeNull();
    await page.evaluate(() => (document.getElementById('hidden') as PM).removeAttribute('hidden'));
    await drawn(page, 'hidden');
    const size = await page.evaluate(() => {
      const el = document.getElementById('hidden') as PM;
      const c = el.map!.getCanvas().getBoundingClientRect();
      const wrap = el.shadowRoot!.querySelector('.map-wrap')!.getBoundingClientRect();
      return { cw: c.width, ch: c.height, ww: wrap.width, wh: wrap.height };
    });
    expect(size.cw).toBeCloseTo(size.ww, 0);
    expect(size.ch).toBeCloseTo(size.wh, 0);
    expect(size.ch).toBe(400);
    await page.evaluate(() => (document.getElementById('far') as PM).scrollIntoView());
    await drawn(page, 'far');
    await page.close();
  });

  it('shows "map paused" when the WebGL context is lost and recovers when it returns', async () => {
    const { page } = await open('/pages/two.html');
    await drawn(page, 'a');
    await page.evaluate(() => {
      const canvas = (document.getElementById('a') as PM).map!.getCanvas();
      const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl'))!;
      (window as unknown as { __lose: WEBGL_lose_context }).__lose =
        gl.getExtension('WEBGL_lose_context')!;
      (window as unknown as { __lose: WEBGL_lose_context }).__lose.loseContext();
    });
    const paused = page.locator('#a .overlay.paused');
    await expect.poll(() => paused.count()).toBe(1);
    await page.evaluate(() =>
      (window as unknown as { __lose: WEBGL_lose_context }).__lose.restoreContext(),
    );
    await expect.poll(() => paused.count()).toBe(0);
    await drawn(page, 'a');
    const ids = await page.evaluate(() =>
      (document.getElementById('a') as PM).map!.queryRenderedFeatures().map((f) => f.properties.id),
    );
    expect(ids).toContain('center');
    await page.close();
  });
});
