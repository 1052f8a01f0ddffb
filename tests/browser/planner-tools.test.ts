/**
 * The planner's tools in real Chromium, driven with the keyboard and the mouse: pinyin search,
 * filters and their counts, the timeline, a zone's charts, the keyboard tree and its
 * announcements, deep links in the URL hash, exports (GeoJSON, CSV with a BOM, the PNG sheet),
 * and English throughout.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanManifest } from '../../src/plan/types.js';
import { CHROMIUM, events, openViewer, type Session, startSession } from './harness.js';

const manifest: PlanManifest = JSON.parse(
  readFileSync(new URL('../../geodata/plan.json', import.meta.url), 'utf8'),
);

const host = (page: Page) => page.locator('plan-map');
const announcer = (page: Page) => page.locator('plan-map [aria-live="polite"]');
const treeRow = (page: Page, id: string) =>
  page.locator(`plan-map [role="treeitem"][data-id="${id}"]`).first();

/** Feature ids drawn on the whole canvas. */
function renderedIds(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const map = document.querySelector('plan-map')!.map!;
    return [...new Set(map.queryRenderedFeatures().map((f) => String(f.properties.id)))];
  });
}

/** Wait until the map has drawn everything it has to. */
function idle(page: Page): Promise<unknown> {
  return page.waitForFunction(
    () => {
      const map = document.querySelector('plan-map')?.map;
      return !!map && map.loaded() && map.areTilesLoaded() && !map.isMoving();
    },
    undefined,
    { timeout: 30_000 },
  );
}

/** The focused element inside the element's shadow root, described. */
function focused(
  page: Page,
): Promise<{ role: string | null; id: string | null; tag: string } | null> {
  return page.evaluate(() => {
    const a = document.querySelector('plan-map')!.shadowRoot!.activeElement as HTMLElement | null;
    return a ? { role: a.getAttribute('role'), id: a.dataset.id ?? null, tag: a.tagName } : null;
  });
}

/** Tab from the search box until the focus is in the tree (keyboard only). */
async function tabIntoTree(page: Page): Promise<void> {
  await page.locator('plan-map input[role="combobox"]').focus();
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    if ((await focused(page))?.role === 'treeitem') return;
  }
  throw new Error('Tab never reached the tree');
}

/** The card's item count (data-count of its item section). */
async function cardCount(page: Page): Promise<number> {
  return Number(
    await page.locator('plan-map .card [part="card-items"]').getAttribute('data-count'),
  );
}

describe.skipIf(!CHROMIUM)("planner's tools (Chromium)", () => {
  let session: Session;
  beforeAll(async () => {
    session = await startSession();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('search: pinyin `huangnichuan`, then initials `hnc`, ↓ Enter selects 黄泥川 and flies there', async () => {
    const { page, errors } = await openViewer(session);
    const input = page.locator('plan-map input[role="combobox"]');
    await input.click();
    await page.keyboard.type('huangnichuan');
    const firstOption = page.locator('plan-map [role="option"]').first();
    await expect.poll(() => firstOption.getAttribute('data-id')).toBe('cluster-huangnichuan');
    expect(await input.getAttribute('aria-expanded')).toBe('true');
    const ids = await page
      .locator('plan-map [role="option"]')
      .evaluateAll((os) => os.map((o) => o.getAttribute('data-id')));
    expect(ids).toContain('node-huangnichuan');
    expect(ids).toContain('park-huangnichuan-intelligent-manufacturing');

    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('hnc');
    await expect.poll(() => firstOption.getAttribute('data-id')).toBe('cluster-huangnichuan');
    const zoomBefore = await page.evaluate(() =>
      document.querySelector('plan-map')!.map!.getZoom(),
    );
    await page.keyboard.press('ArrowDown');
    expect(await input.getAttribute('aria-activedescendant')).toBe(
      await firstOption.getAttribute('id'),
    );
    expect(await firstOption.getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('Enter');

    await expect.poll(() => host(page).getAttribute('selected')).toBe('cluster-huangnichuan');
    expect(await page.locator('plan-map .card').getAttribute('data-id')).toBe(
      'cluster-huangnichuan',
    );
    const selects = (await events(page, 'plan-select')) as { id: string; kind: string }[];
    expect(selects).toEqual([
      expect.objectContaining({ id: 'cluster-huangnichuan', kind: 'cluster' }),
    ]);
    await expect.poll(() => announcer(page).textContent()).toContain('黄泥川新兴产业组团');
    expect(await input.getAttribute('aria-expanded')).toBe('false');
    // Flown to the zone.
    await expect
      .poll(() => page.evaluate(() => document.querySelector('plan-map')!.map!.getZoom()))
      .toBeGreaterThan(zoomBefore + 1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a status filter changes the counts: summary, legend, tree, card, charts, map — and is announced', async () => {
    const { page, errors } = await openViewer(session);
    await treeRow(page, 'cluster-huangnichuan').click();
    await expect.poll(() => cardCount(page)).toBeGreaterThan(0);
    const before = {
      card: await cardCount(page),
      tree: Number(
        await treeRow(page, 'cluster-huangnichuan').locator('.ti-count').getAttribute('data-count'),
      ),
      projects: Number(
        await page
          .locator('plan-map label[data-layer="projects"] .count')
          .getAttribute('data-count'),
      ),
      shown: Number(
        await page.locator('plan-map .filters .summary-count').getAttribute('data-shown'),
      ),
    };
    expect(before.tree).toBe(before.card);
    expect(await renderedIds(page)).toContain('park-tiandi-software-park'); // planned

    await page.locator('plan-map details.filters summary').click();
    await page
      .locator(
        'plan-map .filter-group[data-dim="status"] .filter-option[data-value="planned"] input',
      )
      .click();

    await expect.poll(() => cardCount(page)).toBeLessThan(before.card);
    const after = {
      card: await cardCount(page),
      tree: Number(
        await treeRow(page, 'cluster-huangnichuan').locator('.ti-count').getAttribute('data-count'),
      ),
      projects: Number(
        await page
          .locator('plan-map label[data-layer="projects"] .count')
          .getAttribute('data-count'),
      ),
      shown: Number(
        await page.locator('plan-map .filters .summary-count').getAttribute('data-shown'),
      ),
    };
    expect(after.tree).toBe(after.card);
    expect(after.projects).toBeLessThan(before.projects);
    expect(after.shown).toBeLessThan(before.shown);
    expect(Number(await page.locator('plan-map .stats').getAttribute('data-total'))).toBe(
      after.card,
    );
    await expect
      .poll(async () => (await renderedIds(page)).includes('park-tiandi-software-park'), {
        timeout: 15_000,
      })
      .toBe(false);
    // The options are the statuses the plan's items have (none is `signed`).
    expect(await host(page).getAttribute('filter')).toBe(
      'status:land-supplied,under-construction,completed,operating',
    );
    const changes = (await events(page, 'plan-filter-change')) as {
      shown: number;
      total: number;
    }[];
    expect(changes).toEqual([expect.objectContaining({ shown: after.shown, total: 59 })]);
    await expect.poll(() => announcer(page).textContent()).toContain(`${after.shown} / 59`);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the year control at 2020 hides items first reported in 2024, styled as of then; play steps', async () => {
    const { page, errors } = await openViewer(session);
    await idle(page);
    const all = await renderedIds(page);
    expect(all).toContain('lab-lingshuiwan-laboratory'); // first reported in 2024
    expect(all).toContain('lab-ucas-energy-college'); // reported in 2020

    const range = page.locator('plan-map .timeline input[type="range"]');
    await range.focus();
    await page.keyboard.press('Home'); // 2019
    await page.keyboard.press('ArrowRight'); // 2020
    await expect.poll(() => host(page).getAttribute('year')).toBe('2020');
    expect(await page.locator('plan-map .timeline output').textContent()).toContain('2020');
    await expect
      .poll(async () => (await renderedIds(page)).includes('lab-lingshuiwan-laboratory'), {
        timeout: 15_000,
      })
      .toBe(false);
    await idle(page);
    const in2020 = await renderedIds(page);
    expect(in2020).toContain('lab-ucas-energy-college');
    // Not in the tree or the card either.
    await treeRow(page, 'science-city').click();
    await expect
      .poll(() => page.locator('plan-map .card').getAttribute('data-id'))
      .toBe('science-city');
    expect(
      await page.locator('plan-map .card button.item[data-id="lab-ucas-energy-college"]').count(),
    ).toBe(1);
    expect(
      await page
        .locator('plan-map .card button.item[data-id="lab-lingshuiwan-laboratory"]')
        .count(),
    ).toBe(0);

    // 2022: the 河口 sewage plant is drawn as planned (2021), though it operates now (2024).
    await range.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => host(page).getAttribute('year')).toBe('2022');
    await expect
      .poll(
        () =>
          page.evaluate(
            () =>
              document
                .querySelector('plan-map')!
                .map!.getFeatureState({ source: 'infrastructure', id: 'infra-hekou-sewage-plant' })
                .status,
          ),
        { timeout: 15_000 },
      )
      .toBe('planned');

    // From now, play steps through the years from the first.
    await page.locator('plan-map .timeline button.now').click();
    await expect.poll(() => host(page).getAttribute('year')).toBe(null);
    await page.locator('plan-map .timeline button.play').click();
    await expect.poll(() => host(page).getAttribute('year')).toBe('2019');
    await expect.poll(() => host(page).getAttribute('year')).toBe('2020');
    await page.locator('plan-map .timeline button.play').click(); // pause
    expect(await page.locator('plan-map .timeline button.play').getAttribute('aria-pressed')).toBe(
      'false',
    );
    await page.locator('plan-map .timeline button.now').click();
    await expect.poll(() => host(page).getAttribute('year')).toBe(null);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("the zone panel's charts sum to its item count, as SVG with a table, following the filters", async () => {
    const { page } = await openViewer(session);
    await treeRow(page, 'center').click();
    await expect.poll(() => cardCount(page)).toBeGreaterThan(0);
    const sums = async () =>
      page.evaluate(() => {
        const card = document.querySelector('plan-map')!.shadowRoot!.querySelector('.card')!;
        const sum = (chart: string) =>
          [...card.querySelectorAll(`[data-chart="${chart}"] g.bar`)].reduce(
            (s, g) => s + Number(g.getAttribute('data-value')),
            0,
          );
        const table = [...card.querySelectorAll('.stats table')].map((t) =>
          [...t.querySelectorAll('tbody td')].reduce((s, td) => s + Number(td.textContent), 0),
        );
        const svg = card.querySelector('[data-chart="status"] svg')!;
        return {
          count: Number(card.querySelector('[part="card-items"]')!.getAttribute('data-count')),
          status: sum('status'),
          category: sum('category'),
          table,
          role: svg.getAttribute('role'),
          label: svg.getAttribute('aria-label'),
          title: svg.querySelector('title')?.textContent,
          density: Number(card.querySelector('.density')?.getAttribute('data-per-km2')),
        };
      });
    const s = await sums();
    expect(s.status).toBe(s.count);
    expect(s.category).toBe(s.count);
    expect(s.table).toEqual([s.count, s.count]);
    expect(s.role).toBe('img');
    expect(s.label).toMatch(/按状态/);
    expect(s.title).toBe(s.label);
    expect(s.density).toBeGreaterThan(0);
    // Filtered to projects: the charts still sum to the (smaller) count.
    await page.evaluate(() =>
      document.querySelector('plan-map')!.setAttribute('filter', 'kind:project'),
    );
    await expect.poll(async () => (await sums()).count).toBeLessThan(s.count);
    const f = await sums();
    expect(f.status).toBe(f.count);
    expect(f.category).toBe(f.count);
    await page.close();
  });

  it('the tree works with the keyboard alone, previews on the map and announces selections', async () => {
    const { page, errors } = await openViewer(session);
    await tabIntoTree(page);
    // One tab stop in the tree (roving tabindex).
    expect(await page.locator('plan-map [role="treeitem"][tabindex="0"]').count()).toBe(1);
    const start = await focused(page);
    expect(start?.role).toBe('treeitem');
    expect(
      await page.locator('plan-map [role="tree"]').getAttribute('aria-labelledby'),
    ).toBeTruthy();

    // Down to the clusters, by keys only.
    for (let i = 0; i < 20 && (await focused(page))?.id !== 'cluster-huangnichuan'; i++) {
      await page.keyboard.press('ArrowDown');
    }
    expect((await focused(page))?.id).toBe('cluster-huangnichuan');
    // Focus previews the entry on the map, apart from the selection.
    const previewed = (id: string) =>
      page.evaluate(
        (i) =>
          document.querySelector('plan-map')!.map!.getFeatureState({ source: 'clusters', id: i })
            .preview === true,
        id,
      );
    await expect.poll(() => previewed('cluster-huangnichuan')).toBe(true);
    expect(await previewed('cluster-longwangtang')).toBe(false);
    const row = treeRow(page, 'cluster-huangnichuan');
    expect(await row.getAttribute('aria-expanded')).toBe('false');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => row.getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('ArrowRight'); // into the first child
    const child = await focused(page);
    expect(child?.role).toBe('treeitem');
    expect(child?.id).not.toBe('cluster-huangnichuan');
    expect(
      await page
        .locator(`plan-map [role="treeitem"][data-id="${child!.id}"]`)
        .first()
        .getAttribute('aria-level'),
    ).toBe('2');
    await page.keyboard.press('Enter');
    await expect.poll(() => host(page).getAttribute('selected')).toBe(child!.id);
    await expect.poll(() => announcer(page).textContent()).toMatch(/已选择/);
    const selects = (await events(page, 'plan-select')) as { id: string }[];
    expect(selects.map((s) => s.id)).toEqual([child!.id]);
    // ← goes up to the zone, ← again closes it; Home / End.
    await page.keyboard.press('ArrowLeft');
    expect((await focused(page))?.id).toBe('cluster-huangnichuan');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => row.getAttribute('aria-expanded')).toBe('false');
    await page.keyboard.press('End');
    const last = await page.locator('plan-map [role="treeitem"]').last().getAttribute('data-id');
    expect((await focused(page))?.id).toBe(last);
    await page.keyboard.press('Home');
    expect((await focused(page))?.id).toBe(start?.id);
    await page.keyboard.press(' ');
    await expect.poll(() => host(page).getAttribute('selected')).toBe(start?.id);
    expect(await treeRow(page, start!.id!).getAttribute('aria-selected')).toBe('true');
    // Escape clears the selection, announced too.
    await page.keyboard.press('Escape');
    await expect.poll(() => host(page).getAttribute('selected')).toBe(null);
    await expect.poll(() => announcer(page).textContent()).toContain('已取消选择');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('zone fills do not rely on colour alone: hatched by kind on the map and in the legend', async () => {
    const { page } = await openViewer(session);
    await idle(page);
    const hatch = await page.evaluate(() => {
      const map = document.querySelector('plan-map')!.map!;
      return ['clusters', 'center', 'science-city', 'corridor', 'eco-core'].map((l) => ({
        layer: l,
        paint: JSON.stringify(map.getPaintProperty(`${l}:fill`, 'fill-pattern')),
      }));
    });
    for (const h of hatch) expect(h.paint).toContain(`plan-pattern:${h.layer}:`);
    expect(
      await page.evaluate(() =>
        document.querySelector('plan-map')!.map!.hasImage('plan-pattern:clusters:cluster'),
      ),
    ).toBe(true);
    const patterns = await page
      .locator('plan-map fieldset.layers svg.swatch')
      .evaluateAll((svgs) => svgs.map((s) => s.getAttribute('data-pattern')));
    expect(new Set(patterns.filter((p) => p !== 'none')).size).toBe(5);
    await page.close();
  });

  it('a URL hash restores selection, layers, language, year and view; the hash follows changes', async () => {
    const hash =
      '#selected=cluster-huangnichuan&layers=clusters,projects,industrial-corridor&lang=en&view=121.45,38.88,12&year=2021&filter=kind:project,infrastructure';
    const { page, errors } = await openViewer(session, `/${hash}`);
    const el = host(page);
    expect(await el.getAttribute('selected')).toBe('cluster-huangnichuan');
    expect(await el.getAttribute('layers')).toBe('clusters,projects,industrial-corridor');
    expect(await el.getAttribute('lang')).toBe('en');
    expect(await el.getAttribute('year')).toBe('2021');
    expect(await el.getAttribute('filter')).toBe('kind:project,infrastructure');
    expect(await page.locator('plan-map .card h3').textContent()).toContain('Huangnichuan');
    expect(await page.locator('plan-map .timeline input[type="range"]').inputValue()).toBe('2021');
    expect(await page.locator('plan-map label[data-layer="labs"] input').isChecked()).toBe(false);
    const camera = await page.evaluate(() => {
      const map = document.querySelector('plan-map')!.map!;
      return { zoom: map.getZoom(), center: map.getCenter().toArray() };
    });
    expect(camera.zoom).toBeCloseTo(12, 5);
    expect(camera.center[0]).toBeCloseTo(121.45, 5);
    expect(camera.center[1]).toBeCloseTo(38.88, 5);
    // Restoring is not a user action: no events.
    expect(await events(page, 'plan-select')).toEqual([]);

    const hashNow = () => page.evaluate(() => window.location.hash);
    await treeRow(page, 'cluster-longwangtang').click();
    await expect.poll(hashNow).toContain('selected=cluster-longwangtang');
    await page.locator('plan-map label[data-layer="labs"] input').check();
    await expect.poll(hashNow).toContain('layers=clusters,industrial-corridor,projects,labs');
    await page.locator('plan-map button.lang').click();
    await expect.poll(hashNow).toContain('lang=zh');
    // A drag moves the view in the hash (debounced), without adding history entries.
    const historyLength = await page.evaluate(() => history.length);
    const before = new URLSearchParams((await hashNow()).slice(1)).get('view');
    const box = (await page.locator('plan-map .map').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 - 150, box.y + box.height / 2 + 60, { steps: 8 });
    await page.mouse.up();
    await expect
      .poll(async () => new URLSearchParams((await hashNow()).slice(1)).get('view'))
      .not.toBe(before);
    expect(await page.evaluate(() => history.length)).toBe(historyLength);
    // Editing the hash (hashchange) applies it; keys left out return to the defaults.
    await page.evaluate(() => {
      window.location.hash = '#selected=eco-core&lang=en';
    });
    await expect.poll(() => el.getAttribute('selected')).toBe('eco-core');
    await expect.poll(() => el.getAttribute('year')).toBe(null);
    expect(await el.getAttribute('filter')).toBe(null);
    expect(await el.getAttribute('lang')).toBe('en');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('exports: the selected zone with its items as GeoJSON and CSV (BOM), a PNG sheet with its legend', async () => {
    const { page, errors } = await openViewer(session);
    await treeRow(page, 'cluster-huangnichuan').click();
    await expect.poll(() => cardCount(page)).toBeGreaterThan(0);
    const itemIds = await page
      .locator('plan-map .card button.item')
      .evaluateAll((bs) => bs.map((b) => b.getAttribute('data-id')));

    const data = await page.evaluate(async () => {
      const el = document.querySelector('plan-map')!;
      const geo = el.exportData({ format: 'geojson', scope: 'selection' });
      const csv = el.exportData({ format: 'csv', scope: 'selection' });
      const bytes = new Uint8Array(await csv.arrayBuffer());
      // blob.text() drops a BOM (UTF-8 decode); read it with the BOM kept.
      const csvText = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
      return {
        geoType: geo.type,
        geo: JSON.parse(await geo.text()),
        csvType: csv.type,
        firstBytes: [...bytes.slice(0, 3)],
        firstCharCode: csvText.charCodeAt(0),
        csvLines: csvText.slice(1).split('\r\n'),
      };
    });
    expect(data.geoType).toBe('application/geo+json');
    expect(data.geo.type).toBe('FeatureCollection');
    const features = data.geo.features as { properties: Record<string, unknown> }[];
    expect(features[0]!.properties).toMatchObject({ id: 'cluster-huangnichuan', role: 'zone' });
    expect(
      features
        .slice(1)
        .map((f) => f.properties.id)
        .sort(),
    ).toEqual([...itemIds].sort());
    expect(features.every((f) => Array.isArray(f.properties.sources))).toBe(true);
    expect(data.geo.sources.length).toBeGreaterThan(0);

    expect(data.csvType).toBe('text/csv;charset=utf-8');
    expect(data.firstBytes).toEqual([0xef, 0xbb, 0xbf]);
    expect(data.firstCharCode).toBe(0xfeff);
    expect(data.csvLines[0]).toMatch(/^"role","id","kind"/);
    expect(data.csvLines[1]).toContain('"cluster-huangnichuan"');
    expect(data.csvLines[1]).toContain('黄泥川新兴产业组团');
    for (const id of itemIds) expect(data.csvLines.join('\n')).toContain(`"${id}"`);

    // The panel's buttons download the same, with a name saying what it is.
    const download = page.waitForEvent('download');
    await page.locator('plan-map button[data-export="geojson"]').click();
    expect((await download).suggestedFilename()).toBe(
      'dalian-hitech-14th-fyp-cluster-huangnichuan.geojson',
    );

    // The PNG sheet: decoded in the page, not one colour; its legend has the layers' colours.
    const visible = manifest.layers.filter((l) => l.kind !== 'basemap' && l.visible);
    const sheet = await page.evaluate(
      async (colors) => {
        const el = document.querySelector('plan-map')!;
        const blob = await el.exportImage();
        const bitmap = await createImageBitmap(blob);
        const canvas = document.createElement('canvas');
        canvas.width = bitmap.width;
        canvas.height = bitmap.height;
        const ctx = canvas.getContext('2d')!;
        ctx.drawImage(bitmap, 0, 0);
        const mapCanvas = el.map!.getCanvas();
        const ratio = mapCanvas.width / mapCanvas.clientWidth;
        const px = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
        const distinct = new Set<number>();
        for (let i = 0; i < px.length; i += 4 * 97)
          distinct.add((px[i]! << 16) | (px[i + 1]! << 8) | px[i + 2]!);
        // The legend column: right of the map (16 px margins), below the 60 px title band.
        const x0 = Math.round(16 * ratio + mapCanvas.width + 16 * ratio);
        const legend = ctx.getImageData(
          x0,
          Math.round(60 * ratio),
          canvas.width - x0,
          mapCanvas.height,
        ).data;
        const has = (hex: string) => {
          const c = [1, 3, 5].map((o) => Number.parseInt(hex.slice(o, o + 2), 16));
          for (let i = 0; i < legend.length; i += 4) {
            if (
              Math.abs(legend[i]! - c[0]!) <= 3 &&
              Math.abs(legend[i + 1]! - c[1]!) <= 3 &&
              Math.abs(legend[i + 2]! - c[2]!) <= 3 &&
              legend[i + 3]! > 250
            )
              return true;
          }
          return false;
        };
        return {
          type: blob.type,
          width: canvas.width,
          height: canvas.height,
          mapWidth: mapCanvas.width,
          mapHeight: mapCanvas.height,
          distinct: distinct.size,
          missing: colors.filter((c) => !has(c)),
        };
      },
      visible.map((l) => l.color),
    );
    expect(sheet.type).toBe('image/png');
    expect(sheet.width).toBeGreaterThan(sheet.mapWidth);
    expect(sheet.height).toBeGreaterThan(sheet.mapHeight);
    expect(sheet.distinct).toBeGreaterThan(50);
    expect(sheet.missing).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('English throughout: the language button switches every tool and every data name', async () => {
    const { page } = await openViewer(session);
    await page.locator('plan-map button.lang').click();
    await expect.poll(() => host(page).getAttribute('lang')).toBe('en');
    const text = (sel: string) => page.locator(`plan-map ${sel}`).first().textContent();
    expect(await text('.search-label')).toBe('Search zones, nodes and items');
    expect(
      await page.locator('plan-map input[role="combobox"]').getAttribute('placeholder'),
    ).toContain('pinyin');
    expect(await text('.timeline legend')).toBe('Timeline');
    expect(await text('.timeline output')).toBe('Now (all years)');
    expect(await text('details.filters summary')).toContain('Showing 59 of 59 placed items');
    expect(await text('.export h3')).toBe('Export');
    expect(await text('.status-key .key-title')).toBe('Item status');
    expect(await text('nav.zones h3')).toBe('Zones and items');
    expect(await treeRow(page, 'cluster-huangnichuan').locator('.ti-name').textContent()).toBe(
      'Huangnichuan Emerging Industries Cluster',
    );
    // No Chinese left in the panel's own text, outside the plan's quotes and source titles.
    const chinese = await page.evaluate(() => {
      const panel = document.querySelector('plan-map')!.shadowRoot!.querySelector('.panel')!;
      const walker = document.createTreeWalker(panel, NodeFilter.SHOW_TEXT);
      const out: string[] = [];
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const t = n.textContent ?? '';
        if (/[\u4e00-\u9fff]/.test(t) && !n.parentElement?.closest('[lang="zh"], .reason'))
          out.push(t.trim());
      }
      return out;
    });
    expect(chinese).toEqual([]);
    // Reasons an item has no place are `中文 / English` in the data: the English half is shown
    // (it may name a Chinese place, so it was left out of the check above).
    const reasons = await page.locator('plan-map details.unlocated .reason').allTextContents();
    expect(reasons.length).toBeGreaterThan(50);
    expect(reasons.filter((r) => r.includes(' / '))).toEqual([]);
    expect(reasons[0]).toBe('the documents name it without a place');
    await page.close();
  });
});
