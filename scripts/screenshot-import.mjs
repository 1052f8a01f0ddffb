#!/usr/bin/env node
/**
 * The README's import screenshot: tests/fixtures/import/gbk-excel.csv (GBK, GCJ-02 positions)
 * dropped on the viewer, its columns confirmed — the report in the panel, the rows on the map.
 *
 *   node scripts/screenshot-import.mjs     # writes public/import-screenshot.png
 *
 * Needs Debian's Chromium (/usr/bin/chromium, or CHROMIUM_PATH) and fonts-noto-cjk.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'vite';
import { launchChromium } from './lib/chromium.mjs';

const out = process.argv[2] ?? 'public/import-screenshot.png';
const file = 'gbk-excel.csv';
const bytes = [...readFileSync(new URL(`../tests/fixtures/import/${file}`, import.meta.url))];

const server = await createServer({
  logLevel: 'error',
  server: { port: 0, host: '127.0.0.1', open: false },
});
await server.listen();
const { port } = server.httpServer.address();
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.addInitScript(() => {
    window.__planReady = new Promise((resolve) =>
      document.addEventListener('plan-ready', resolve, { once: true }),
    );
    window.__imported = new Promise((resolve) =>
      document.addEventListener('plan-import', resolve, { once: true }),
    );
  });
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.evaluate(() => window.__planReady);
  // Drop the file on the map, as from the desktop.
  await page.evaluate(
    ({ bytes, file }) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(bytes)], file, { type: 'text/csv' }));
      const map = document.querySelector('plan-map').shadowRoot.querySelector('.map');
      const init = { dataTransfer: dt, bubbles: true, composed: true, cancelable: true };
      map.dispatchEvent(new DragEvent('dragover', init));
      map.dispatchEvent(new DragEvent('drop', init));
    },
    { bytes, file },
  );
  await page.locator('plan-map .import-confirm').click();
  await page.evaluate(() => window.__imported);
  // The map is redrawn with the import: wait until it has drawn everything.
  await page.waitForFunction(
    () => {
      const map = document.querySelector('plan-map')?.map;
      return !!map && map.loaded() && map.areTilesLoaded() && !map.isMoving();
    },
    undefined,
    { timeout: 60_000 },
  );
  await page.evaluate(() =>
    document.querySelector('plan-map').shadowRoot.querySelector('.import').scrollIntoView(),
  );
  await page.screenshot({ path: out });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
  await server.close();
}
