#!/usr/bin/env node
/**
 * Screenshots of the phone layout for the README (docs/screenshots/): a 390 × 844 touch phone
 * at device scale 2, the standalone viewer on the dev server.
 *
 *   npm run screenshots     # writes docs/screenshots/phone-{peek,half-card,full-list}.png
 *
 * peek: as it opens; half-card: after a tap on the 黄泥川 cluster; full-list: the sheet pulled
 * up (its handle, from the keyboard) with no selection. Needs Debian's Chromium
 * (/usr/bin/chromium, or CHROMIUM_PATH) and fonts-noto-cjk.
 */
import { mkdirSync } from 'node:fs';
import { createServer } from 'vite';
import { launchChromium } from './lib/chromium.mjs';

const outDir = process.argv[2] ?? 'docs/screenshots';
const ZONE = 'cluster-huangnichuan';

/** Resolves once the element's map is idle and two frames have passed. */
function settled(page) {
  return page.evaluate(
    () =>
      new Promise((resolve) => {
        const map = document.querySelector('plan-map').map;
        const frames = () => requestAnimationFrame(() => requestAnimationFrame(resolve));
        if (!map) return frames();
        map.once('idle', frames);
        map.triggerRepaint();
      }),
  );
}

mkdirSync(outDir, { recursive: true });
const server = await createServer({
  logLevel: 'error',
  server: { port: 0, host: '127.0.0.1', open: false },
});
await server.listen();
const { port } = server.httpServer.address();
const browser = await launchChromium(['--use-angle=swiftshader', '--enable-unsafe-swiftshader']);
try {
  const context = await browser.newContext({
    viewport: {
      width: Number(process.env.PHONE_W ?? 390),
      height: Number(process.env.PHONE_H ?? 844),
    },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  });
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__planReady = new Promise((resolve) =>
      document.addEventListener('plan-ready', resolve, { once: true }),
    );
  });
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.evaluate(() => window.__planReady);
  await settled(page);
  await page.screenshot({ path: `${outDir}/phone-peek.png` });

  // A tap inside the zone, where nothing but zones is drawn.
  const spot = await page.evaluate((id) => {
    const el = document.querySelector('plan-map');
    const map = el.map;
    const canvas = map.getCanvas().getBoundingClientRect();
    const sheet = el.shadowRoot.querySelector('.panel').getBoundingClientRect();
    for (let y = canvas.top + 8; y < sheet.top - 8; y += 6) {
      for (let x = canvas.left + 8; x < canvas.right - 60; x += 6) {
        const p = [x - canvas.left, y - canvas.top];
        const hits = map.queryRenderedFeatures([
          [p[0] - 6, p[1] - 6],
          [p[0] + 6, p[1] + 6],
        ]);
        // Only the zone itself under the finger (the basemap's land and districts aside), and
        // no point or line within reach of it.
        const plan = (list) =>
          list.filter((h) => !['land', 'district'].includes(String(h.properties.kind)));
        const under = plan(map.queryRenderedFeatures(p)).map((h) => String(h.properties.id));
        const near = plan(hits).filter((h) => !h.geometry.type.endsWith('Polygon'));
        const zonesOnly = under.length === 1 && under[0] === id && near.length === 0;
        if (zonesOnly) return { x, y };
      }
    }
    return null;
  }, ZONE);
  if (!spot) throw new Error(`no spot to tap inside ${ZONE}`);
  await page.touchscreen.tap(spot.x, spot.y);
  await page.waitForFunction(
    (id) => document.querySelector('plan-map').getAttribute('selected') === id,
    ZONE,
  );
  await page.waitForFunction(() => !document.querySelector('plan-map').map.isMoving());
  await settled(page);
  await page.screenshot({ path: `${outDir}/phone-half-card.png` });

  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.querySelector('plan-map').getAttribute('selected'));
  const handle = page.locator('plan-map .sheet-handle');
  await handle.focus();
  await page.keyboard.press('End');
  await page.waitForFunction(
    () =>
      document.querySelector('plan-map').shadowRoot.querySelector('.panel').dataset.sheet ===
      'full',
  );
  await handle.evaluate((h) => h.blur());
  await settled(page);
  await page.screenshot({ path: `${outDir}/phone-full-list.png` });
  console.log(`wrote ${outDir}/phone-{peek,half-card,full-list}.png`);
} finally {
  await browser.close();
  await server.close();
}
