/**
 * Bad input in real Chromium: a plan with a broken layer shows the data-issues panel and still
 * draws every other layer; markup in the data is shown as text and runs nothing; a `src` that
 * answers 404 fires `plan-error` and offers a retry that works once the file is there.
 *
 * The plan files are served by Playwright request routing (`page.route`) under /rel/… from
 * geodata/, with per-test overrides; the element and its code come from the Vite dev server.
 */
import { readFileSync } from 'node:fs';
import type { Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanIssue } from '../../src/plan/issues.js';
import {
  CHROMIUM,
  collectErrors,
  events,
  recordEvents,
  type Session,
  settled,
  startSession,
} from './harness.js';

const GEODATA = new URL('../../geodata/', import.meta.url);
const FIXTURES = new URL('../fixtures/invalid/', import.meta.url);
const read = (url: URL) => readFileSync(url, 'utf8');
const manifest = JSON.parse(read(new URL('plan.json', GEODATA)));
const MARKUP = '<img src=x onerror="window.__pwned=1">';

type Served = string | { status: number; body?: string };

/** Serve a plan under /<prefix>/: `files` first (a function is asked on every request), then geodata/. */
async function servePlan(
  page: Page,
  prefix: string,
  files: Record<string, Served | (() => Served)> = {},
): Promise<void> {
  await page.route(`**/${prefix}/**`, async (route: Route) => {
    const name = new URL(route.request().url()).pathname.split('/').pop() ?? '';
    const o = Object.hasOwn(files, name) ? files[name] : undefined;
    const served = typeof o === 'function' ? o() : o;
    if (typeof served === 'object') {
      await route.fulfill({ status: served.status, body: served.body ?? '' });
      return;
    }
    let body = served;
    if (body === undefined) {
      try {
        body = read(new URL(name, GEODATA));
      } catch {
        await route.fulfill({ status: 404, body: 'Not Found' });
        return;
      }
    }
    await route.fulfill({ status: 200, body, contentType: 'application/json' });
  });
}

/** A page with one <plan-map src=…>, its module from the dev server. */
async function openPlan(session: Session, src: string, setup: (page: Page) => Promise<void>) {
  const page = await session.browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors = collectErrors(page);
  await recordEvents(page);
  await setup(page);
  await page.route('**/rel-page.html', (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
        <script type="module" src="/src/index.ts"></script></head>
        <body style="margin:0"><plan-map src="${src}" style="display:block;height:760px"></plan-map></body></html>`,
    }),
  );
  await page.goto(`${session.baseUrl}/rel-page.html`);
  return { page, errors };
}

const waitFor = (page: Page, type: string) =>
  page.waitForFunction(
    (t) =>
      (window as unknown as { __events: { type: string }[] }).__events.some((e) => e.type === t),
    type,
    { timeout: 60_000 },
  );

async function renderedIds(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const map = document.querySelector('plan-map')!.map!;
    return [...new Set(map.queryRenderedFeatures().map((f) => String(f.properties.id)))];
  });
}

describe.skipIf(!CHROMIUM)('reliability (Chromium)', () => {
  let session: Session;
  beforeAll(async () => {
    session = await startSession();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('a plan with broken layers lists them in the data-issues panel and draws all the rest', async () => {
    const withFixture = {
      ...manifest,
      layers: [
        ...manifest.layers,
        {
          id: 'fixture',
          kind: 'items',
          file: 'fixture.geojson',
          visible: true,
          color: '#000000',
          title: { zh: '测试', en: 'Fixture' },
        },
      ],
    };
    const { page } = await openPlan(session, '/rel/plan.json', (p) =>
      servePlan(p, 'rel', {
        'plan.json': JSON.stringify(withFixture),
        'labs.geojson': read(new URL('html-page.labs.geojson', FIXTURES)),
        'fixture.geojson': read(new URL('self-intersection.geojson', FIXTURES)),
      }),
    );
    await waitFor(page, 'plan-ready');

    const panel = page.locator('plan-map details.issues');
    await expect.poll(() => panel.locator('summary').textContent()).toBe('数据问题 (2)');
    expect(await panel.locator('li[data-code="html-page"]').textContent()).toContain(
      'labs.geojson',
    );
    expect(await panel.locator('li[data-code="self-intersection"]').textContent()).toContain(
      'fixture-bad',
    );

    const errors = (await events(page, 'plan-error')) as { issues: PlanIssue[] }[];
    expect(errors).toHaveLength(1);
    expect(errors[0]!.issues.map((i) => i.code).sort()).toEqual(['html-page', 'self-intersection']);

    // Every other layer is drawn, and the good feature of the broken file too.
    const ids = await renderedIds(page);
    for (const id of ['cluster-huangnichuan', 'center', 'node-qixianling', 'fixture-ok']) {
      expect(ids, `${id} is drawn`).toContain(id);
    }
    expect(ids).not.toContain('fixture-bad');
    await page.close();
  });

  it('the panel locates an issue’s feature and retries failed files', async () => {
    let labsUp = false;
    const withFixture = {
      ...manifest,
      layers: [
        ...manifest.layers,
        {
          id: 'fixture',
          kind: 'items',
          file: 'fixture.geojson',
          visible: true,
          color: '#000000',
          title: { zh: '测试', en: 'Fixture' },
        },
      ],
    };
    const labs = read(new URL('labs.geojson', GEODATA));
    // One cluster wound clockwise: kept (rewound), with a warning that can locate it.
    const clusters = JSON.parse(read(new URL('clusters.geojson', GEODATA)));
    const wound = clusters.features[1];
    for (const ring of wound.geometry.coordinates) ring.reverse();
    const { page } = await openPlan(session, '/rel2/plan.json', (p) =>
      servePlan(p, 'rel2', {
        'plan.json': JSON.stringify(withFixture),
        'clusters.geojson': JSON.stringify(clusters),
        'labs.geojson': () => (labsUp ? labs : { status: 503, body: 'busy' }),
        'fixture.geojson': read(new URL('self-intersection.geojson', FIXTURES)),
      }),
    );
    await waitFor(page, 'plan-ready');
    const panel = page.locator('plan-map details.issues');

    // Locate a left-out feature: the map moves to where its geometry is.
    const before = await page.evaluate(() => document.querySelector('plan-map')!.map!.getCenter());
    const locate = panel.locator('li[data-code="self-intersection"] button.locate');
    expect(await locate.count(), 'plan-map.ts passes onLocate to issuesList').toBe(1);
    await locate.click();
    await expect
      .poll(async () => {
        const c = await page.evaluate(() => document.querySelector('plan-map')!.map!.getCenter());
        return Math.hypot(c.lng - 121.41, c.lat - 38.87);
      })
      .toBeLessThan(0.01);
    expect(before.lng).not.toBeCloseTo(121.41, 2);

    // Locate a drawn feature: it is selected (and its card opens).
    await panel.locator('li[data-code="wrong-winding"] button.locate').click();
    await expect
      .poll(() => page.locator('plan-map').getAttribute('selected'))
      .toBe(wound.properties.id);

    // Retry: the server is back; the issue goes away and the labs are drawn.
    expect(await panel.locator('li[data-code="http-error"]').count()).toBe(1);
    labsUp = true;
    const camera = () =>
      page.evaluate(() => {
        const map = document.querySelector('plan-map')!.map!;
        return map.isMoving() ? null : { ...map.getCenter(), zoom: map.getZoom() };
      });
    await expect.poll(camera).not.toBe(null);
    const kept = (await camera())!;
    const retry = panel.locator('button.retry');
    expect(await retry.count(), 'plan-map.ts passes onRetry to issuesList').toBe(1);
    await retry.click();
    await expect.poll(() => panel.locator('li[data-code="http-error"]').count()).toBe(0);
    // The retried plan is drawn on the same map, where the planner left the camera.
    const after = (await camera())!;
    expect(after.lng).toBeCloseTo(kept.lng, 6);
    expect(after.lat).toBeCloseTo(kept.lat, 6);
    expect(after.zoom).toBeCloseTo(kept.zoom, 6);
    const labId = JSON.parse(labs).features[0].properties.id;
    // Go to the lab to see it drawn.
    await page.evaluate((id) => document.querySelector('plan-map')!.fitTo(id), labId);
    await expect
      .poll(async () => (await renderedIds(page)).includes(labId), { timeout: 30_000 })
      .toBe(true);
    await page.close();
  });

  it('markup in the data is shown as literal text and runs nothing', async () => {
    const projects = JSON.parse(read(new URL('projects.geojson', GEODATA)));
    const target = projects.features[0].properties;
    target.name_zh = MARKUP;
    target.summary_zh = `<script>window.__pwned=2</script>${MARKUP}`;
    const clusters = JSON.parse(read(new URL('clusters.geojson', GEODATA)));
    clusters.features[0].properties.name_zh = `<b onmouseover="window.__pwned=3">${MARKUP}</b>`;
    const unlocated = JSON.parse(read(new URL('unlocated.json', GEODATA)));
    unlocated[0].name_zh = MARKUP;
    const hostileManifest = {
      ...manifest,
      title: { zh: `规划 ${MARKUP}`, en: `Plan ${MARKUP}` },
      layers: manifest.layers.map((l: { id: string }) =>
        l.id === 'projects'
          ? {
              ...l,
              attribution: `Projects ${MARKUP} <a href="javascript:window.__pwned=4">src</a>`,
            }
          : l,
      ),
    };
    const requests: string[] = [];
    const { page, errors } = await openPlan(session, '/rel3/plan.json', async (p) => {
      p.on('request', (r) => requests.push(new URL(r.url()).pathname));
      await servePlan(p, 'rel3', {
        'plan.json': JSON.stringify(hostileManifest),
        'projects.geojson': JSON.stringify(projects),
        'clusters.geojson': JSON.stringify(clusters),
        'unlocated.json': JSON.stringify(unlocated),
      });
    });
    await waitFor(page, 'plan-ready');
    await page.evaluate(
      (id) => document.querySelector('plan-map')!.setAttribute('selected', id),
      target.id,
    );

    const card = page.locator('plan-map .card');
    await expect.poll(() => card.getAttribute('data-id')).toBe(target.id);
    expect(await card.locator('h3').textContent()).toBe(MARKUP);
    expect(await page.locator('plan-map header.title h2').textContent()).toBe(`规划 ${MARKUP}`);
    expect(
      await page
        .locator(`plan-map [role="treeitem"][data-id="${clusters.features[0].properties.id}"]`)
        .textContent(),
    ).toContain(MARKUP);
    // The attribution (MapLibre renders it as HTML): the markup is text, the javascript: link is gone.
    const attribution = page.locator('plan-map .maplibregl-ctrl-attrib-inner');
    await expect.poll(() => attribution.textContent()).toContain(`Projects ${MARKUP}`);
    expect(await attribution.locator('img, a[href^="javascript"]').count()).toBe(0);
    // The issues panel names the markup, as text.
    expect(
      await page.locator('plan-map details.issues li[data-code="markup-in-text"]').count(),
    ).toBeGreaterThan(0);

    // Nothing ran, no image was requested, no element was created from the data.
    await page.mouse.move(200, 300);
    // Barrier: the hover was handled and the map drew again.
    await settled(page);
    expect(
      await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned),
    ).toBeUndefined();
    expect(requests.filter((r) => r.endsWith('/x'))).toEqual([]);
    const injected = await page.evaluate(() => {
      const root = document.querySelector('plan-map')!.shadowRoot!;
      return root.querySelectorAll('img, script, [onerror], [onmouseover]').length;
    });
    expect(injected).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a src that answers 404 fires plan-error and offers a retry that works', async () => {
    let published = false;
    const { page } = await openPlan(session, '/late/plan.json', (p) =>
      servePlan(p, 'late', {
        'plan.json': () =>
          published ? JSON.stringify(manifest) : { status: 404, body: 'Not Found' },
      }),
    );
    await waitFor(page, 'plan-error');
    const [error] = (await events(page, 'plan-error')) as { issues: PlanIssue[] }[];
    expect(error!.issues).toHaveLength(1);
    expect(error!.issues[0]).toMatchObject({ code: 'file-not-found', severity: 'error' });
    expect(error!.issues[0]!.file).toMatch(/\/late\/plan\.json$/);
    expect(error!.issues[0]!.message_zh).toContain('/late/plan.json');

    const alert = page.locator('plan-map [role="alert"]');
    await expect.poll(() => alert.textContent()).toContain('/late/plan.json');
    expect(await events(page, 'plan-ready')).toEqual([]);

    published = true;
    await alert.locator('button').click();
    await waitFor(page, 'plan-ready');
    await expect.poll(() => alert.count()).toBe(0);
    expect(await renderedIds(page)).toContain('cluster-huangnichuan');
    expect(await events(page, 'plan-error')).toHaveLength(1);
    await page.close();
  });
});
