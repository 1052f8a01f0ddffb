/**
 * The phone layout in real Chromium with touch (issue 15): 390 × 844 at device scale 3 and
 * 360 × 740 at device scale 2, `isMobile` and `hasTouch`, on the standalone viewer. A tap on a
 * zone opens its card in the half sheet with area and items in sight and the zone above the
 * sheet; the sheet goes to full and back by touch and by keyboard without hiding the zone; a
 * shared link opens with the card shown; Escape and the back gesture return from an item to its
 * zone; tap targets are 44 × 44 px and text 12 px or more; the first view fits the plan.
 */
import { readFileSync } from 'node:fs';
import { area } from '@turf/turf';
import axe from 'axe-core';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CHROMIUM,
  collectProblems,
  events,
  POLL_TIMEOUT_MS,
  pointsInside,
  recordEvents,
  type Session,
  settled,
  startSession,
  waitForPlanReady,
} from './harness.js';

interface Device {
  width: number;
  height: number;
  dsf: number;
}
const DEVICES: Device[] = [
  { width: 390, height: 844, dsf: 3 },
  { width: 360, height: 740, dsf: 2 },
];

function readGeo(name: string): FeatureCollection {
  return JSON.parse(readFileSync(new URL(`../../geodata/${name}`, import.meta.url), 'utf8'));
}
function zoneFeature(file: string, id: string): Feature<Polygon | MultiPolygon> {
  return readGeo(file).features.find((f) => f.properties?.id === id) as Feature<
    Polygon | MultiPolygon
  >;
}
function ringsOf(f: Feature<Polygon | MultiPolygon>): Position[] {
  const g = f.geometry;
  return g.type === 'Polygon' ? g.coordinates.flat() : g.coordinates.flat(2);
}

const ZONE = 'cluster-huangnichuan';
const zone = zoneFeature('clusters.geojson', ZONE);
const ZONE_FILES = [
  'eco-core.geojson',
  'corridor.geojson',
  'center.geojson',
  'science-city.geojson',
  'clusters.geojson',
  'expansion.geojson',
];
/** Every vertex of the plan's zone and corridor layers: what the first view must fit. */
function planCoordinates(): Position[] {
  return [...ZONE_FILES, 'industrial-corridor.geojson'].flatMap((f) =>
    readGeo(f).features.flatMap((feat) => {
      const g = feat.geometry;
      if (g.type === 'Point') return [g.coordinates];
      if (g.type === 'LineString') return g.coordinates;
      if (g.type === 'Polygon') return g.coordinates.flat();
      if (g.type === 'MultiPolygon') return g.coordinates.flat(2);
      return [];
    }),
  );
}

/** Zones larger than `id`: under a finger with it, the smallest zone wins (map-controller.ts). */
function largerZones(id: string): string[] {
  const polygons = ZONE_FILES.flatMap((f) => readGeo(f).features).filter((f) =>
    f.geometry.type.endsWith('Polygon'),
  );
  const own = area(polygons.find((f) => f.properties?.id === id)!);
  return polygons.filter((f) => area(f) > own).map((f) => String(f.properties?.id));
}

type Rect = { top: number; bottom: number; left: number; right: number };

async function openPhone(
  session: Session,
  device: Device,
  path = '/',
): Promise<{ page: Page; context: BrowserContext; problems: string[] }> {
  const context = await session.browser.newContext({
    viewport: { width: device.width, height: device.height },
    deviceScaleFactor: device.dsf,
    isMobile: true,
    hasTouch: true,
  });
  const page = await context.newPage();
  const problems = collectProblems(page, (url) => url.endsWith('/favicon.ico'));
  await recordEvents(page);
  await page.goto(`${session.baseUrl}${path}`);
  await waitForPlanReady(page);
  await settled(page);
  return { page, context, problems };
}

const panel = (page: Page) => page.locator('plan-map .panel');
const sheetSize = (page: Page) => panel(page).getAttribute('data-sheet');
async function sheetRect(page: Page): Promise<Rect> {
  return panel(page).evaluate((el) => el.getBoundingClientRect().toJSON() as Rect);
}

/** Waits until the camera stopped, then: every vertex of the shape projected, in page pixels. */
async function projected(page: Page, coords: Position[]): Promise<{ x: number; y: number }[]> {
  await page
    .waitForFunction(() => !document.querySelector('plan-map')!.map!.isMoving(), undefined, {
      timeout: POLL_TIMEOUT_MS,
    })
    .catch((e: Error) => {
      throw new Error(`the map kept moving for ${POLL_TIMEOUT_MS} ms: ${e.message}`);
    });
  return page.evaluate((cs) => {
    const map = document.querySelector('plan-map')!.map!;
    const r = map.getCanvas().getBoundingClientRect();
    return cs.map((c) => {
      const p = map.project(c as [number, number]);
      return { x: r.left + p.x, y: r.top + p.y };
    });
  }, coords);
}

/** Whether every vertex lies in the map area the sheet leaves visible (and in the viewport). */
async function zoneAboveSheet(page: Page, coords: Position[]): Promise<boolean> {
  const points = await projected(page, coords);
  const sheet = await sheetRect(page);
  const width = await page.evaluate(() => window.innerWidth);
  return points.every((p) => p.x >= 0 && p.x <= width && p.y >= 0 && p.y <= sheet.top);
}

/**
 * A point of the zone above the sheet where a finger selects exactly it: no smaller zone under
 * it, and no point or line within 6 px.
 */
async function tapSpot(page: Page, id: string, candidates: [number, number][]) {
  return page.evaluate(
    ({ id, candidates, larger }) => {
      const el = document.querySelector('plan-map')!;
      const map = el.map!;
      const canvas = map.getCanvas().getBoundingClientRect();
      const sheetTop = el.shadowRoot!.querySelector('.panel')!.getBoundingClientRect().top;
      const plan = <T extends { properties: Record<string, unknown> }>(list: T[]) =>
        list.filter((h) => !['land', 'district'].includes(String(h.properties.kind)));
      for (const c of candidates) {
        const p = map.project(c as [number, number]);
        if (canvas.top + p.y > sheetTop - 8 || p.x < 8 || p.x > canvas.width - 60) continue;
        const under = new Set(
          plan(map.queryRenderedFeatures(p)).map((h) => String(h.properties.id)),
        );
        const near = plan(
          map.queryRenderedFeatures([
            [p.x - 6, p.y - 6],
            [p.x + 6, p.y + 6],
          ]),
        ).filter((h) => !h.geometry.type.endsWith('Polygon'));
        const others = [...under].filter((u) => u !== id && !larger.includes(u));
        if (under.has(id) && others.length === 0 && near.length === 0) {
          return { x: canvas.left + p.x, y: canvas.top + p.y };
        }
      }
      return null;
    },
    { id, candidates, larger: largerZones(id) },
  );
}

/** axe-core on the element: the serious and critical violations, one line each. */
async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  return page.evaluate(async () => {
    type Result = {
      violations: { id: string; impact: string | null; nodes: { target: unknown }[] }[];
    };
    const w = window as unknown as { axe: { run(ctx: Element): Promise<Result> } };
    const result = await w.axe.run(document.querySelector('plan-map')!);
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(' ')}`);
  });
}

/** A touch drag on the sheet's handle to page height `toY`, as a finger would (CDP touch events). */
async function dragHandle(page: Page, context: BrowserContext, toY: number): Promise<void> {
  const box = (await page.locator('plan-map .sheet-handle').boundingBox())!;
  const x = box.x + box.width / 2;
  const y0 = box.y + box.height / 2;
  const cdp = await context.newCDPSession(page);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y: y0 }] });
  const steps = 8;
  for (let i = 1; i <= steps; i++) {
    const y = y0 + ((toY - y0) * i) / steps;
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y }] });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

describe.skipIf(!CHROMIUM)('phone layout (Chromium, touch)', () => {
  let session: Session;
  beforeAll(async () => {
    session = await startSession();
  });
  afterAll(async () => {
    await session?.close();
  });

  for (const device of DEVICES) {
    const name = `${device.width}×${device.height} @${device.dsf}x`;

    it(`${name}: a tap on a zone opens its card in the half sheet, area and items in sight, the zone above the sheet`, async () => {
      const { page, context, problems } = await openPhone(session, device);
      // The map fills the element; the sheet peeks with the title and the search box.
      const canvas = await page.evaluate(() =>
        document.querySelector('plan-map')!.map!.getCanvas().getBoundingClientRect().toJSON(),
      );
      expect(canvas.width).toBeCloseTo(device.width, 0);
      expect(canvas.height).toBeCloseTo(device.height, 0);
      expect(await sheetSize(page)).toBe('peek');
      const peek = await sheetRect(page);
      expect(peek.bottom).toBeCloseTo(device.height, 0);
      const search = await page.locator('plan-map .search input').boundingBox();
      expect(search!.y).toBeGreaterThanOrEqual(peek.top);
      expect(search!.y + search!.height).toBeLessThanOrEqual(device.height);
      // Export, timeline and filters are folded behind one control.
      expect(await page.locator('plan-map details.more-tools').getAttribute('open')).toBe(null);
      expect(await page.locator('plan-map .export').isVisible()).toBe(false);
      expect(await page.locator('plan-map .timeline').isVisible()).toBe(false);
      // The first view: the plan's zones and corridor, above the peeking sheet, across the width.
      const plan = await projected(page, planCoordinates());
      const xs = plan.map((p) => p.x);
      expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...xs)).toBeLessThanOrEqual(device.width);
      expect((Math.max(...xs) - Math.min(...xs)) / device.width).toBeGreaterThan(0.85);
      expect(Math.min(...plan.map((p) => p.y))).toBeGreaterThanOrEqual(0);
      expect(Math.max(...plan.map((p) => p.y))).toBeLessThanOrEqual(peek.top);

      const spot = await tapSpot(page, ZONE, pointsInside(zone, 40));
      expect(spot, 'a spot of the zone to tap, above the sheet').not.toBeNull();
      await page.touchscreen.tap(spot!.x, spot!.y);

      const card = page.locator('plan-map .card');
      await expect.poll(() => card.getAttribute('data-id')).toBe(ZONE);
      expect(await sheetSize(page)).toBe('half');
      const sheet = await sheetRect(page);
      expect(sheet.top).toBeGreaterThan(device.height * 0.3);
      expect(sheet.top).toBeLessThan(device.height * 0.7);
      // Area and the first items inside the sheet's visible part; the page itself does not scroll.
      const inSheet = async (selector: string) => {
        const b = (await page.locator(selector).first().boundingBox())!;
        return b.y >= sheet.top && b.y + b.height <= Math.min(sheet.bottom, device.height);
      };
      expect(await inSheet('plan-map .card .area-value'), 'area in sight').toBe(true);
      expect(await inSheet('plan-map .card button.item'), 'first item in sight').toBe(true);
      expect(
        await page.evaluate(() => ({
          y: window.scrollY,
          over: document.documentElement.scrollHeight - window.innerHeight,
        })),
      ).toEqual({ y: 0, over: 0 });
      // The zone is fitted into the map area above the sheet.
      await expect.poll(() => zoneAboveSheet(page, ringsOf(zone))).toBe(true);
      const selects = (await events(page, 'plan-select')) as { id: string }[];
      expect(selects.map((s) => s.id)).toEqual([ZONE]);
      expect(problems).toEqual([]);
      await context.close();
    });

    it(`${name}: the sheet goes to full and back by touch and by keyboard, never hiding the selected zone`, async () => {
      const { page, context, problems } = await openPhone(session, device, `/#selected=${ZONE}`);
      expect(await sheetSize(page)).toBe('half');

      await dragHandle(page, context, 10);
      await expect.poll(() => sheetSize(page), { message: 'dragged up: full' }).toBe('full');
      const full = await sheetRect(page);
      expect(full.top).toBeLessThan(device.height * 0.3);
      await expect
        .poll(() => zoneAboveSheet(page, ringsOf(zone)), { message: 'zone above the full sheet' })
        .toBe(true);

      await dragHandle(page, context, device.height * 0.5);
      await expect.poll(() => sheetSize(page), { message: 'dragged down: half' }).toBe('half');
      await dragHandle(page, context, device.height - 10);
      await expect.poll(() => sheetSize(page), { message: 'dragged down: peek' }).toBe('peek');
      expect((await sheetRect(page)).top).toBeGreaterThan(device.height * 0.7);

      // The keyboard: the handle is a button; ↑ ↓ Home End, Enter goes round.
      const handle = page.locator('plan-map .sheet-handle');
      await handle.focus();
      expect(await handle.getAttribute('aria-label')).toMatch(/面板高度/);
      await page.keyboard.press('ArrowUp');
      await expect.poll(() => sheetSize(page)).toBe('half');
      await page.keyboard.press('ArrowUp');
      await expect.poll(() => sheetSize(page)).toBe('full');
      await expect.poll(() => zoneAboveSheet(page, ringsOf(zone))).toBe(true);
      await page.keyboard.press('ArrowDown');
      await expect.poll(() => sheetSize(page)).toBe('half');
      await page.keyboard.press('Home');
      await expect.poll(() => sheetSize(page)).toBe('peek');
      await page.keyboard.press('End');
      await expect.poll(() => sheetSize(page)).toBe('full');
      await page.keyboard.press('Enter');
      await expect.poll(() => sheetSize(page)).toBe('peek');
      await page.keyboard.press('Enter');
      await expect.poll(() => sheetSize(page)).toBe('half');
      // Moving the sheet is not a selection.
      expect(await events(page, 'plan-select')).toEqual([]);
      expect(problems).toEqual([]);
      await context.close();
    });
  }

  it('a shared link (#selected=…) opens with the card in the half sheet and the zone above it', async () => {
    const id = 'cluster-longwangtang';
    const longwangtang = zoneFeature('clusters.geojson', id);
    const { page, context, problems } = await openPhone(session, DEVICES[0]!, `/#selected=${id}`);
    expect(await page.locator('plan-map .card').getAttribute('data-id')).toBe(id);
    expect(await sheetSize(page)).toBe('half');
    expect(await zoneAboveSheet(page, ringsOf(longwangtang))).toBe(true);
    const sheet = await sheetRect(page);
    const area = (await page.locator('plan-map .card .area-value').boundingBox())!;
    expect(area.y).toBeGreaterThanOrEqual(sheet.top);
    expect(area.y + area.height).toBeLessThanOrEqual(DEVICES[0]!.height);
    // Opening a link is not a user selection.
    expect(await events(page, 'plan-select')).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('an item chosen in the card flies to it; the back gesture and Escape return to the zone', async () => {
    const { page, context, problems } = await openPhone(session, DEVICES[1]!, `/#selected=${ZONE}`);
    const host = page.locator('plan-map');
    const item = page.locator('plan-map .card button.item').first();
    const itemId = (await item.getAttribute('data-id'))!;
    const zoomBefore = await page.evaluate(() =>
      document.querySelector('plan-map')!.map!.getZoom(),
    );
    await item.tap();
    await expect.poll(() => host.getAttribute('selected')).toBe(itemId);
    await expect.poll(() => page.locator('plan-map .card').getAttribute('data-id')).toBe(itemId);
    await page.waitForFunction(() => !document.querySelector('plan-map')!.map!.isMoving());
    expect(
      await page.evaluate(() => document.querySelector('plan-map')!.map!.getZoom()),
    ).toBeGreaterThan(zoomBefore);

    await page.goBack();
    await expect.poll(() => host.getAttribute('selected')).toBe(ZONE);
    await expect.poll(() => page.locator('plan-map .card').getAttribute('data-id')).toBe(ZONE);
    await expect.poll(() => zoneAboveSheet(page, ringsOf(zone))).toBe(true);

    await page.locator('plan-map .card button.item').first().tap();
    await expect.poll(() => host.getAttribute('selected')).toBe(itemId);
    await page.locator('plan-map .sheet-handle').focus();
    await page.keyboard.press('Escape');
    await expect.poll(() => host.getAttribute('selected')).toBe(ZONE);
    // With no step left, Escape clears the selection as on a desktop.
    await page.keyboard.press('Escape');
    await expect.poll(() => host.getAttribute('selected')).toBe(null);
    const ids = ((await events(page, 'plan-select')) as { id: string | null }[]).map((s) => s.id);
    expect(ids).toEqual([itemId, ZONE, itemId, ZONE, null]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('the search box opens the sheet; a zone chosen from the full list shows its card at the top of the half sheet', async () => {
    const { page, context, problems } = await openPhone(session, DEVICES[0]!);
    expect(await sheetSize(page)).toBe('peek');
    await page.locator('plan-map .search input').tap();
    await expect.poll(() => sheetSize(page)).toBe('half');
    await page.locator('plan-map .sheet-handle').focus();
    await page.keyboard.press('End');
    await expect.poll(() => sheetSize(page)).toBe('full');
    const row = page.locator(`plan-map [role="treeitem"][data-id="${ZONE}"]`);
    await row.scrollIntoViewIfNeeded();
    await row.tap();
    await expect.poll(() => page.locator('plan-map .card').getAttribute('data-id')).toBe(ZONE);
    await expect.poll(() => sheetSize(page)).toBe('half');
    const sheet = await sheetRect(page);
    const title = (await page.locator('plan-map .card h3').boundingBox())!;
    expect(title.y).toBeGreaterThanOrEqual(sheet.top);
    expect(title.y + title.height).toBeLessThanOrEqual(DEVICES[0]!.height);
    await expect.poll(() => zoneAboveSheet(page, ringsOf(zone))).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('tap targets are 44 × 44 px, text 12 px or more, nothing serious for axe; MapLibre speaks Chinese; the attribution is an ⓘ', async () => {
    const { page, context, problems } = await openPhone(session, DEVICES[1]!, `/#selected=${ZONE}`);
    // The card in the half sheet, then the full sheet with everything unfolded: axe finds nothing serious.
    expect(await axeViolations(page)).toEqual([]);
    await page.locator('plan-map .sheet-handle').focus();
    await page.keyboard.press('End');
    await expect.poll(() => sheetSize(page)).toBe('full');
    await page.locator('plan-map details.more-tools > summary').tap();
    await expect
      .poll(() => page.locator('plan-map details.more-tools').getAttribute('open'))
      .toBe('');
    await page.locator('plan-map details.filters > summary').tap();
    await settled(page);

    const report = await page.evaluate(() => {
      const root = document.querySelector('plan-map')!.shadowRoot!;
      const visible = (el: Element) => {
        const r = el.getBoundingClientRect();
        const s = getComputedStyle(el);
        return r.width > 1 && r.height > 1 && s.visibility !== 'hidden' && !el.closest('.sr-only');
      };
      const describe = (el: Element) =>
        `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} "${(el.textContent ?? '').trim().slice(0, 20)}"`;
      // What a finger hits: controls, and a check box's or radio's label.
      const targets = [
        ...root.querySelectorAll(
          'button, summary, select, a[href], [role="treeitem"], [role="option"], input:not([type="checkbox"]):not([type="radio"]):not(.import-file), label:has(input[type="checkbox"]), label:has(input[type="radio"]), .import-button',
        ),
      ].filter(visible);
      const small = targets
        .map((el) => ({ el, r: el.getBoundingClientRect() }))
        .filter(({ r }) => r.width < 44 - 0.5 || r.height < 44 - 0.5)
        .map(({ el, r }) => `${describe(el)} ${r.width.toFixed(0)}×${r.height.toFixed(0)}`);
      const tiny: string[] = [];
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      let texts = 0;
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const parent = n.parentElement;
        if (!parent || !(n.textContent ?? '').trim() || !visible(parent)) continue;
        if (parent.closest('style, script')) continue;
        texts++;
        const size = Number.parseFloat(getComputedStyle(parent).fontSize);
        if (size < 12) tiny.push(`${describe(parent)} ${size}px`);
      }
      const zoomIn = root.querySelector('.maplibregl-ctrl-zoom-in')?.getAttribute('aria-label');
      const attrib = root.querySelector('.maplibregl-ctrl-attrib')!;
      return {
        targets: targets.length,
        small,
        texts,
        tiny,
        zoomIn,
        attribCompact: attrib.classList.contains('maplibregl-compact'),
        attribOpen: attrib.classList.contains('maplibregl-compact-show'),
      };
    });
    expect(await axeViolations(page)).toEqual([]);
    expect(report.targets).toBeGreaterThan(30);
    expect(report.small).toEqual([]);
    expect(report.texts).toBeGreaterThan(50);
    expect(report.tiny).toEqual([]);
    expect(report.zoomIn).toBe('放大');
    expect(report.attribCompact).toBe(true);
    expect(report.attribOpen).toBe(false);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('desktop: the side panel as before, the first view fits the plan’s zones and corridor; a narrow column gets the phone layout', async () => {
    const context = await session.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await recordEvents(page);
    await page.goto(`${session.baseUrl}/`);
    await waitForPlanReady(page);
    expect(await page.locator('plan-map .sheet-handle').count()).toBe(0);
    expect(await page.locator('plan-map details.more-tools').count()).toBe(0);
    expect(await page.locator('plan-map .timeline').isVisible()).toBe(true);
    const panelBox = (await panel(page).boundingBox())!;
    expect(panelBox.x).toBe(0);
    expect(panelBox.height).toBeCloseTo(800, 0);
    // The extent of every zone and corridor feature, projected, fills the map in one direction
    // and lies inside it.
    const points = await projected(page, planCoordinates());
    const canvas = await page.evaluate(() =>
      document.querySelector('plan-map')!.map!.getCanvas().getBoundingClientRect().toJSON(),
    );
    const xs = points.map((p) => p.x);
    const ys = points.map((p) => p.y);
    const [minX, maxX, minY, maxY] = [
      Math.min(...xs),
      Math.max(...xs),
      Math.min(...ys),
      Math.max(...ys),
    ];
    expect(minX).toBeGreaterThanOrEqual(canvas.left);
    expect(maxX).toBeLessThanOrEqual(canvas.right);
    expect(minY).toBeGreaterThanOrEqual(canvas.top);
    expect(maxY).toBeLessThanOrEqual(canvas.bottom);
    const fill = Math.max((maxX - minX) / canvas.width, (maxY - minY) / canvas.height);
    // Fitted with 24 px of padding: the plan spans the map but for those margins.
    expect(fill).toBeGreaterThan(0.9);

    // The same page with the element in a 420 px column: the phone layout, whatever the page.
    await page.evaluate(() => {
      (document.querySelector('plan-map') as HTMLElement).style.width = '420px';
    });
    await expect.poll(() => page.locator('plan-map .sheet-handle').count()).toBe(1);
    expect(await sheetSize(page)).toBe('peek');
    const narrow = (await panel(page).boundingBox())!;
    expect(narrow.width).toBeCloseTo(420, 0);
    expect(narrow.y + narrow.height).toBeCloseTo(800, 0);
    // And back to the side panel when the column widens again.
    await page.evaluate(() => {
      (document.querySelector('plan-map') as HTMLElement).style.width = '';
    });
    await expect.poll(() => page.locator('plan-map .sheet-handle').count()).toBe(0);
    expect((await panel(page).boundingBox())!.height).toBeCloseTo(800, 0);
    await context.close();
  });
});
