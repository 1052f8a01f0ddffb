#!/usr/bin/env node
/**
 * Regenerates the README screenshot: the viewer with the 黄泥川 cluster selected.
 *
 *   npm run screenshot            # writes public/screenshot.png
 *
 * Needs Debian's Chromium (/usr/bin/chromium, or CHROMIUM_PATH) and fonts-noto-cjk.
 */
import { createServer } from 'vite';
import { launchChromium } from './lib/chromium.mjs';

const out = process.argv[2] ?? 'public/screenshot.png';
const selected = process.argv[3] ?? 'cluster-huangnichuan';

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
  });
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.evaluate(() => window.__planReady);
  await page.evaluate(async (id) => {
    const el = document.querySelector('plan-map');
    el.setAttribute('selected', id);
    // updated() has applied the highlight once updateComplete resolves; wait for it to draw.
    await el.updateComplete;
    await new Promise((resolve) => el.map.once('idle', resolve));
  }, selected);
  await page.screenshot({ path: out });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
  await server.close();
}
