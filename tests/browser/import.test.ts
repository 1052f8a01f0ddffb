/**
 * Bring your own list, in real Chromium: each fixture of tests/fixtures/import/ dropped on the
 * element (a real `drop` event carrying a DataTransfer), its columns confirmed, its rows in the
 * zone cards with the counts the engine computes in Node, the report listing the bad rows, the
 * plan-import event, the CSV export with the zone column, and the removal restoring the plan.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ImportReport, importFile, importPlanOf } from '../../src/import/index.js';
import type { Datum } from '../../src/plan/types.js';
import { builtinModel } from '../plan/builtin.js';
import {
  buildDist,
  CHROMIUM,
  launchChromium,
  openViewer,
  type Session,
  serveStatic,
  startSession,
  waitForPlanReady,
} from './harness.js';

const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../fixtures/import/${name}`, import.meta.url)));

/** What the engine gives in Node for a fixture: the numbers the browser must show. */
async function inNode(name: string, datum?: Datum): Promise<ImportReport> {
  const opts = datum ? { datum } : {};
  return (await importFile(fixture(name), name, importPlanOf(builtinModel()), opts)).report;
}

/** Record plan-import and plan-ready on window.__imports / __ready. */
async function listen(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __imports: unknown[]; __ready: number };
    w.__imports = [];
    w.__ready = 0;
    document.addEventListener('plan-import', (e) => {
      w.__imports.push(JSON.parse(JSON.stringify((e as CustomEvent).detail)));
    });
    document.addEventListener('plan-ready', () => {
      w.__ready++;
    });
  });
}

/** Drop a file on the map, as the browser does when a file is dragged from the desktop. */
async function drop(page: Page, name: string, type: string): Promise<void> {
  await page.evaluate(
    async ({ bytes, name, type }) => {
      const file = new File([new Uint8Array(bytes)], name, { type });
      const dt = new DataTransfer();
      dt.items.add(file);
      const el = document.querySelector('plan-map')!;
      const target = el.shadowRoot!.querySelector('.map')!;
      const init = { dataTransfer: dt, bubbles: true, composed: true, cancelable: true };
      const over = new DragEvent('dragover', init);
      target.dispatchEvent(over);
      if (!over.defaultPrevented) throw new Error('dragover was not accepted');
      target.dispatchEvent(new DragEvent('drop', init));
      await el.updateComplete;
    },
    { bytes: [...fixture(name)], name, type },
  );
}

/** Confirm the mapping and wait until the import is drawn (plan-import, then the map idle). */
async function confirm(page: Page): Promise<ImportReport> {
  const before = await page.evaluate(() => (window as unknown as { __ready: number }).__ready);
  await page.locator('plan-map .import-confirm').click();
  await page.waitForFunction(
    (n) => {
      const w = window as unknown as { __imports: unknown[]; __ready: number };
      return w.__imports.length > 0 && w.__ready > n;
    },
    before,
    { timeout: 30_000 },
  );
  await idle(page);
  return page.evaluate(
    () => (window as unknown as { __imports: ImportReport[] }).__imports.at(-1)!,
  );
}

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

/** Selected option text of a mapping select. */
function chosen(page: Page, field: string): Promise<string> {
  return page
    .locator(`plan-map .import-field[data-field="${field}"] select`)
    .evaluate((s: HTMLSelectElement) => s.value);
}

/** Item ids listed in the card of a zone (selected first). */
async function cardItems(page: Page, zone: string): Promise<{ id: string; imported: boolean }[]> {
  await page.evaluate((z) => document.querySelector('plan-map')!.select(z), zone);
  await page.locator('plan-map .card [part="card-items"]').waitFor();
  return page.evaluate(() =>
    [
      ...document
        .querySelector('plan-map')!
        .shadowRoot!.querySelectorAll<HTMLElement>('.card [part="card-items"] .item'),
    ].map((b) => ({ id: b.dataset.id!, imported: !!b.querySelector('[data-imported]') })),
  );
}

/** Rows of the element's CSV export of everything visible, as header → value records. */
function exportCsvRows(page: Page): Promise<Record<string, string>[]> {
  return page.evaluate(async () => {
    const el = document.querySelector('plan-map')!;
    const text = (await el.exportData({ format: 'csv', scope: 'visible' }).text()).replace(
      /^\uFEFF/,
      '',
    );
    const lines = text.trim().split('\r\n');
    const parse = (l: string) => JSON.parse(`[${l}]`) as string[];
    const header = parse(lines[0]!);
    return lines.slice(1).map((l) => Object.fromEntries(parse(l).map((v, i) => [header[i]!, v])));
  });
}

const outcomeCounts = (page: Page) =>
  page.evaluate(() =>
    Object.fromEntries(
      [
        ...document
          .querySelector('plan-map')!
          .shadowRoot!.querySelectorAll<HTMLElement>('.import-report [data-outcome]'),
      ].map((li) => [li.dataset.outcome!, Number(li.dataset.count)]),
    ),
  );

describe.skipIf(!CHROMIUM)('import a list (Chromium)', () => {
  let session: Session;
  beforeAll(async () => {
    session = await startSession();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('GBK CSV (GCJ-02): dropped, datum detected, confirmed; rows in their zone cards; CSV export with zones; removal restores the plan', async () => {
    const { page, errors } = await openViewer(session);
    await listen(page);
    await idle(page);
    const csvBefore = await exportCsvRows(page);
    const cardBefore = await cardItems(page, 'cluster-huangnichuan');
    await page.evaluate(() => document.querySelector('plan-map')!.select(null));

    await drop(page, 'gbk-excel.csv', 'text/csv');
    await page.locator('plan-map .import-mapping').waitFor();
    // The guesses, shown for confirmation; no datum in the headers, so the offset signature set it.
    expect(await chosen(page, 'name')).toBe('项目名称');
    expect(await chosen(page, 'lng')).toBe('经度');
    expect(await chosen(page, 'zone')).toBe('所属组团');
    expect(await chosen(page, 'datum')).toBe('GCJ-02');

    const report = await confirm(page);
    const expected = await inNode('gbk-excel.csv', 'GCJ-02');
    expect(report.counts).toEqual(expected.counts);
    expect(report.results).toEqual(expected.results);
    expect(report.encoding).toBe('gb18030');
    expect(await outcomeCounts(page)).toMatchObject({ inside: 10, rejected: 0 });

    // In the zone card, marked imported, beside the plan's own items.
    const card = await cardItems(page, 'cluster-huangnichuan');
    const ids = expected.results
      .filter((r) => r.zone === 'cluster-huangnichuan')
      .map((r) => r.itemId);
    expect(card.filter((c) => c.imported).map((c) => c.id)).toEqual(ids);
    expect(card.filter((c) => !c.imported)).toEqual(cardBefore);
    // Drawn on the map, in a layer with its own toggle.
    expect(await page.locator('plan-map .layer[data-layer="imported"] input').isChecked()).toBe(
      true,
    );
    const drawn = await page.evaluate(() => {
      const map = document.querySelector('plan-map')!.map!;
      return map.querySourceFeatures('imported').map((f) => String(f.properties.id));
    });
    expect(new Set(drawn)).toEqual(new Set(expected.results.map((r) => r.itemId)));

    // The export carries every imported row with its zone.
    const rows = await exportCsvRows(page);
    const imported = rows.filter((r) => r.layer === 'imported');
    expect(imported).toHaveLength(10);
    for (const r of imported) {
      expect(r.zone).toBe(expected.results.find((x) => x.itemId === r.id)!.zone);
    }
    expect(imported.find((r) => r.name_zh === '黄泥川氢能装备产业园')!.zone_name_zh).toBe(
      '黄泥川新兴产业组团',
    );
    // The URL notes the import, never its rows.
    expect(await page.evaluate(() => location.hash)).toMatch(/(^#|&)import=1(&|$)/);
    expect(await page.evaluate(() => location.hash)).not.toContain('%E9%BB%84'); // 黄

    // Removing it restores the plan: the same export, the same card, no layer, no note.
    await page.evaluate(() => document.querySelector('plan-map')!.select(null));
    await page.locator('plan-map .import-remove').click();
    await idle(page);
    expect(await page.locator('plan-map .layer[data-layer="imported"]').count()).toBe(0);
    expect(await exportCsvRows(page)).toEqual(csvBefore);
    expect(await cardItems(page, 'cluster-huangnichuan')).toEqual(cardBefore);
    expect(await page.evaluate(() => location.hash)).not.toContain('import=');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('UTF-8 BOM CSV with zone names: rows listed in their zones, not drawn; the unknown zone reported', async () => {
    const { page, errors } = await openViewer(session);
    await listen(page);
    await idle(page);
    await drop(page, 'utf8-bom-zones.csv', 'text/csv');
    await page.locator('plan-map .import-mapping').waitFor();
    expect(await chosen(page, 'lng')).toBe('');
    const report = await confirm(page);
    const expected = await inNode('utf8-bom-zones.csv');
    expect(report.counts).toEqual(expected.counts);
    expect(report.counts.zoneName).toBe(6);
    const issue = page.locator('plan-map .import-issues li[data-code="import-unknown-zone"]');
    expect(await issue.getAttribute('data-row')).toBe('8');
    expect(await issue.getAttribute('data-column')).toBe('所属组团');
    expect(await issue.textContent()).toContain('金州湾');
    const miaoling = expected.results.find((r) => r.zone === 'cluster-miaoling')!.itemId!;
    expect(await cardItems(page, 'cluster-miaoling')).toContainEqual({
      id: miaoling,
      imported: true,
    });
    // Listed, not drawn.
    const drawn = await page.evaluate(
      () => document.querySelector('plan-map')!.map!.querySourceFeatures('imported').length,
    );
    expect(drawn).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('.xlsx with two sheets (reader fetched on demand) and the bad-rows file: reports and counts as in Node', async () => {
    const { page, errors } = await openViewer(session);
    await listen(page);
    await idle(page);
    await drop(
      page,
      'two-sheets.xlsx',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    await page.locator('plan-map .import-mapping').waitFor({ timeout: 30_000 });
    expect(await chosen(page, 'lng')).toBe('经度');
    expect(await chosen(page, 'datum')).toBe('WGS84');
    const xlsx = await confirm(page);
    expect(xlsx.counts).toEqual((await inNode('two-sheets.xlsx')).counts);
    expect(xlsx.results.map((r) => r.sheet)).toEqual([
      '2025签约',
      '2025签约',
      '2025签约',
      '2024续建',
      '2024续建',
    ]);
    const cbd = await cardItems(page, 'center-cbd');
    expect(cbd.filter((c) => c.imported)).toHaveLength(2);

    // A second import replaces the first.
    await page.evaluate(() => document.querySelector('plan-map')!.select(null));
    await drop(page, 'bad-rows.csv', 'text/csv');
    await page.locator('plan-map .import-mapping').waitFor();
    const bad = await confirm(page);
    const expected = await inNode('bad-rows.csv');
    expect(bad.counts).toEqual(expected.counts);
    const listed = await page.evaluate(() =>
      [
        ...document
          .querySelector('plan-map')!
          .shadowRoot!.querySelectorAll<HTMLElement>('.import-issues li'),
      ].map((li) => [li.dataset.code, li.dataset.row, li.dataset.column]),
    );
    expect(listed).toEqual(expected.issues.map((i) => [i.code, String(i.row), i.column]));
    expect((await exportCsvRows(page)).filter((r) => r.layer === 'imported')).toHaveLength(3);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('importItems(blob) from a script: same report, no plan-import event; clearImport() restores', async () => {
    const { page, errors } = await openViewer(session);
    await listen(page);
    await idle(page);
    const result = await page.evaluate(
      async (bytes) => {
        const el = document.querySelector('plan-map')!;
        const blob = new Blob([new Uint8Array(bytes)], { type: 'text/csv' });
        const report = await el.importItems(blob, { datum: 'GCJ-02' });
        return {
          counts: report.counts,
          events: (window as unknown as { __imports: unknown[] }).__imports.length,
        };
      },
      [...fixture('gbk-excel.csv')],
    );
    expect(result.counts).toEqual((await inNode('gbk-excel.csv', 'GCJ-02')).counts);
    expect(result.events).toBe(0);
    await page.locator('plan-map .layer[data-layer="imported"]').waitFor();
    await page.evaluate(() => document.querySelector('plan-map')!.clearImport());
    await page.locator('plan-map .layer[data-layer="imported"]').waitFor({ state: 'detached' });

    // A file with no usable row changes nothing; the report and the panel say why.
    const codes = await page.evaluate(async () => {
      const el = document.querySelector('plan-map')!;
      const zip = new Blob([new Uint8Array([0x50, 0x4b, 0x03, 0x04, 9, 9, 9])], { type: '' });
      const report = await el.importItems(new File([zip], 'broken.xlsx'));
      return report.issues.map((i) => i.code);
    });
    expect(codes).toEqual(['import-unreadable']);
    expect(await page.locator('plan-map .import-error').textContent()).toContain('broken.xlsx');
    expect(await page.locator('plan-map .layer[data-layer="imported"]').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe.skipIf(!CHROMIUM)(
  'import from the built cdn/ under a sub-path and a strict CSP (Chromium)',
  () => {
    const CSP =
      "default-src 'self'; script-src 'self'; worker-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'";
    let browser: Browser;
    let server: { url: string; close(): Promise<void> };
    beforeAll(async () => {
      const cdn = await buildDist();
      server = await serveStatic(
        { '/static/plan-map/': cdn, '/pages/': join(import.meta.dirname, 'pages') },
        CSP,
      );
      browser = await launchChromium();
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    it('the on-demand chunks (import, views, .xlsx reader) load beside plan-map.js: no violation, no 404', async () => {
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      const problems: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(`console: ${m.text()}`);
      });
      page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
      page.on('response', (r) => {
        if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
      });
      await page.goto(`${server.url}/pages/static.html`);
      await waitForPlanReady(page);
      const report = await page.evaluate(
        async (bytes) => {
          const el = document.querySelector('plan-map')!;
          const file = new File([new Uint8Array(bytes)], 'two-sheets.xlsx');
          return el.importItems(file);
        },
        [...fixture('two-sheets.xlsx')],
      );
      expect(report.counts).toEqual((await inNode('two-sheets.xlsx')).counts);
      // The views and their adopted styles, under the same policy.
      await drop(page, 'gbk-excel.csv', 'text/csv');
      await page.locator('plan-map .import-mapping').waitFor();
      const gridColumns = await page
        .locator('plan-map .import-field[data-field="name"]')
        .evaluate((e) => getComputedStyle(e).display);
      expect(gridColumns).toBe('grid');
      expect(
        await page.evaluate(() => (window as unknown as { __violations: unknown[] }).__violations),
      ).toEqual([]);
      expect(problems).toEqual([]);
      await page.close();
    });
  },
);
