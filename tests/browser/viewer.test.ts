/**
 * The viewer in real Chromium: the built-in plan loads without console errors, every layout
 * zone and corridor node is drawn, a click on the 黄泥川 cluster opens its panel, layers toggle,
 * a zone is chosen from the keyboard tree.
 */
import { readFileSync } from 'node:fs';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CHROMIUM,
  events,
  openViewer,
  pointsInside,
  type Session,
  settled,
  startSession,
  waitForPlanReady,
} from './harness.js';

const LAYOUT_IDS = [
  'corridor',
  'center',
  'science-city',
  'cluster-huangnichuan',
  'cluster-longwangtang',
  'cluster-lingshuiwan',
  'cluster-xiaopingdao',
  'cluster-miaoling',
  'eco-core',
];
const NODE_IDS = [
  'node-qixianling',
  'node-huangnichuan',
  'node-longwangtang',
  'node-yinggeshi',
  'node-longtou',
];

function readGeo(name: string): FeatureCollection {
  return JSON.parse(readFileSync(new URL(`../../geodata/${name}`, import.meta.url), 'utf8'));
}

/** Points inside the 黄泥川 cluster on a grid, as click candidates. */
function clusterCandidates(): [number, number][] {
  const cluster = readGeo('clusters.geojson').features.find(
    (f) => f.properties?.id === 'cluster-huangnichuan',
  ) as Feature<Polygon | MultiPolygon>;
  return pointsInside(cluster, 12);
}

/** Gives the element a plan of the built-in clusters alone (as data) and waits until it is ready. */
async function setClustersOnlyPlan(page: Page, id: string): Promise<void> {
  const manifest = JSON.parse(
    readFileSync(new URL('../../geodata/plan.json', import.meta.url), 'utf8'),
  );
  const plan = {
    manifest: {
      ...manifest,
      id,
      unlocated: [],
      layers: manifest.layers.filter((l: { id: string }) => l.id === 'clusters'),
    },
    layers: { clusters: readGeo('clusters.geojson') },
  };
  await page.evaluate((p) => {
    (document.querySelector('plan-map') as HTMLElementTagNameMap['plan-map']).plan = p;
  }, plan);
  await waitForPlanReady(page, id, { timeout: 30_000 });
}

/** Rendered feature ids across the whole canvas. */
async function renderedIds(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const map = document.querySelector('plan-map')!.map!;
    return [...new Set(map.queryRenderedFeatures().map((f) => String(f.properties.id)))];
  });
}

describe.skipIf(!CHROMIUM)('viewer (Chromium)', () => {
  let session: Session;
  beforeAll(async () => {
    session = await startSession();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('loads the built-in plan with no console errors and draws every layout zone and node', async () => {
    const { page, errors } = await openViewer(session);
    const ids = await renderedIds(page);
    for (const id of [...LAYOUT_IDS, ...NODE_IDS, 'industrial-corridor']) {
      expect(ids, `${id} is rendered`).toContain(id);
    }
    const ready = (await events(page, 'plan-ready')) as { featureCount: number }[];
    expect(ready).toHaveLength(1);
    expect(ready[0]!.featureCount).toBeGreaterThan(40);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('clicking the 黄泥川 cluster on the map shows its panel, area and items, and fires plan-select', async () => {
    const { page, errors } = await openViewer(session);
    const target = await page.evaluate((candidates) => {
      const map = document.querySelector('plan-map')!.map!;
      for (const c of candidates) {
        const p = map.project(c as [number, number]);
        const hits = map.queryRenderedFeatures([
          [p.x - 6, p.y - 6],
          [p.x + 6, p.y + 6],
        ]);
        const ids = hits.map((h) => String(h.properties.id));
        const kinds = hits.map((h) => String(h.properties.kind));
        const onlyZones = kinds.every((k) =>
          ['cluster', 'corridor', 'subzone', 'land', 'district'].includes(k),
        );
        if (onlyZones && ids.includes('cluster-huangnichuan')) {
          const r = map.getCanvas().getBoundingClientRect();
          return { x: r.left + p.x, y: r.top + p.y };
        }
      }
      return null;
    }, clusterCandidates());
    expect(target, 'a clickable spot inside the cluster').not.toBeNull();
    // The selection outline joins the map on first use (map/style.ts › withoutHighlights).
    const outline = () =>
      page.evaluate(() => {
        const map = document.querySelector('plan-map')!.map!;
        const layer = map.getLayer('clusters:selected');
        if (!layer) return null;
        const drawn = map
          .queryRenderedFeatures({ layers: ['clusters:selected'] })
          .filter((f) => f.state.selected === true)
          .map((f) => String(f.properties.id));
        return { visibility: map.getLayoutProperty('clusters:selected', 'visibility'), drawn };
      });
    expect(await outline()).toBe(null);
    await page.mouse.click(target!.x, target!.y);

    const card = page.locator('plan-map .card');
    await expect.poll(() => card.getAttribute('data-id')).toBe('cluster-huangnichuan');
    expect(await card.locator('h3').textContent()).toContain('黄泥川');
    const area = await card.locator('.area-value').textContent();
    expect(area).toMatch(/^\d+(\.\d+)? km²$/);
    const items = await card.locator('button.item').count();
    expect(items).toBeGreaterThan(0);
    await settled(page);
    const selectedOutline = await outline();
    expect(selectedOutline?.visibility).toBe('visible');
    expect(selectedOutline?.drawn).toContain('cluster-huangnichuan');

    const selects = (await events(page, 'plan-select')) as {
      id: string;
      kind: string;
      areaKm2: number;
      items: unknown[];
    }[];
    expect(selects).toHaveLength(1);
    expect(selects[0]!.id).toBe('cluster-huangnichuan');
    expect(selects[0]!.kind).toBe('cluster');
    expect(selects[0]!.areaKm2).toBeGreaterThan(1);
    expect(selects[0]!.items).toHaveLength(items);
    expect(Number.parseFloat(area!)).toBeCloseTo(selects[0]!.areaKm2, 1);
    expect(await page.locator('plan-map').getAttribute('selected')).toBe('cluster-huangnichuan');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('switching a layer off hides it on the map, reflects `layers` and fires plan-layer-toggle', async () => {
    const { page } = await openViewer(session);
    expect(await renderedIds(page)).toContain('cluster-miaoling');
    await page.locator('plan-map label[data-layer="clusters"] input').uncheck();
    await expect
      .poll(async () => (await renderedIds(page)).includes('cluster-miaoling'))
      .toBe(false);
    const layers = await page.locator('plan-map').getAttribute('layers');
    expect(layers?.split(',')).not.toContain('clusters');
    expect(layers?.split(',')).toContain('corridor');
    const toggles = (await events(page, 'plan-layer-toggle')) as {
      layer: string;
      visible: boolean;
    }[];
    expect(toggles).toEqual([expect.objectContaining({ layer: 'clusters', visible: false })]);
    await page.close();
  });

  it('the page setting `selected` and `lang` shows the card in English without firing plan-select', async () => {
    const { page } = await openViewer(session);
    await page.evaluate(() => {
      const el = document.querySelector('plan-map')!;
      el.setAttribute('lang', 'en');
      el.setAttribute('selected', 'science-city');
    });
    const card = page.locator('plan-map .card');
    await expect.poll(() => card.getAttribute('data-id')).toBe('science-city');
    expect(await card.locator('h3').textContent()).toContain('Yinggeshi Science City');
    expect(await events(page, 'plan-select')).toEqual([]);
    await page.close();
  });

  it('a zone chosen from the keyboard tree selects it', async () => {
    const { page } = await openViewer(session);
    const row = page.locator('plan-map [role="treeitem"][data-id="cluster-longwangtang"]');
    await row.focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.locator('plan-map .card').getAttribute('data-id'))
      .toBe('cluster-longwangtang');
    // The map highlights it through feature state, not by re-filtering its sources.
    const selectedState = (id: string) =>
      page.evaluate(
        (i) =>
          document.querySelector('plan-map')!.map!.getFeatureState({ source: 'clusters', id: i })
            .selected === true,
        id,
      );
    await expect.poll(() => selectedState('cluster-longwangtang')).toBe(true);
    expect(await selectedState('cluster-miaoling')).toBe(false);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('plan-map').getAttribute('selected')).toBe(null);
    await expect.poll(() => selectedState('cluster-longwangtang')).toBe(false);
    await page.close();
  });

  it('draws a plan given as data through the `plan` property', async () => {
    const { page } = await openViewer(session);
    await setClustersOnlyPlan(page, 'clusters-only');
    const ids = await renderedIds(page);
    expect(ids).toContain('cluster-miaoling');
    expect(ids).not.toContain('corridor');
    await page.close();
  });

  it("draws a plan's labels at once, then lets them fade, except with reduced motion", async () => {
    const { page } = await openViewer(session);
    // MapLibre's fade, read where MapLibre reads it at each frame.
    const fade = () =>
      page.evaluate(
        () =>
          (document.querySelector('plan-map')!.map as unknown as { _fadeDuration: number })
            ._fadeDuration,
      );
    expect(await fade()).toBe(300);
    // The fade at each frame of the next plan (the built-in plan's corridor gone) until its
    // first idle: its first picture.
    await page.evaluate(() => {
      const map = document.querySelector('plan-map')!.map!;
      const w = window as unknown as { __fades: number[]; __idle: boolean };
      w.__fades = [];
      w.__idle = false;
      const next = () => !map.getLayer('corridor:fill');
      map.on('render', () => {
        if (next() && !w.__idle)
          w.__fades.push((map as unknown as { _fadeDuration: number })._fadeDuration);
      });
      map.on('idle', () => {
        if (next()) w.__idle = true;
      });
    });
    await setClustersOnlyPlan(page, 'clusters-only');
    const fades = await page.evaluate(() => (window as unknown as { __fades: number[] }).__fades);
    expect(fades.length).toBeGreaterThan(0);
    expect(new Set(fades)).toEqual(new Set([0]));
    expect(await fade()).toBe(300);
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await setClustersOnlyPlan(page, 'clusters-only-again');
    expect(await fade()).toBe(0);
    await page.close();
  });
});
