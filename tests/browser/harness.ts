/**
 * Shared set-up for the browser tests: Debian's Chromium driven by playwright-core against a
 * Vite dev server on a free loopback port. No network: the plan and basemap are local files.
 */
import { existsSync } from 'node:fs';
import { type Browser, type ConsoleMessage, chromium, type Page } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** Path of a Chromium binary, or null. Under CI=true a missing browser is an error, not a skip. */
export function findChromium(): string | null {
  const found = CANDIDATES.find((p): p is string => !!p && existsSync(p)) ?? null;
  if (!found) {
    const msg =
      'No Chromium found (/usr/bin/chromium; set CHROMIUM_PATH to override): BROWSER TESTS SKIPPED. ' +
      'Install it with `apt-get install -y chromium fonts-noto-cjk`.';
    if (process.env.CI === 'true') throw new Error(`${msg} Under CI=true this is a failure.`);
    console.warn(`\n${'!'.repeat(78)}\n${msg}\n${'!'.repeat(78)}\n`);
  }
  return found;
}

export const CHROMIUM = findChromium();

export interface Session {
  browser: Browser;
  server: ViteDevServer;
  baseUrl: string;
  close(): Promise<void>;
}

export async function startSession(): Promise<Session> {
  const server = await createServer({
    configFile: new URL('../../vite.config.ts', import.meta.url).pathname,
    logLevel: 'error',
    server: { port: 0, host: '127.0.0.1', open: false },
  });
  await server.listen();
  const address = server.httpServer?.address();
  if (!address || typeof address === 'string') throw new Error('Vite server has no port');
  const browser = await chromium.launch({
    executablePath: CHROMIUM ?? undefined,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
    ],
  });
  return {
    browser,
    server,
    baseUrl: `http://127.0.0.1:${address.port}`,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/** Console errors and page errors seen on a page, for "no console errors" assertions. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m: ConsoleMessage) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  return errors;
}

/** Record the element's events on window.__events so tests can read them back. */
export async function recordEvents(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __events: { type: string; detail: unknown }[] };
    w.__events = [];
    for (const type of ['plan-ready', 'plan-select', 'plan-layer-toggle', 'plan-error']) {
      document.addEventListener(type, (e) => {
        w.__events.push({ type, detail: JSON.parse(JSON.stringify((e as CustomEvent).detail)) });
      });
    }
  });
}

export async function events(page: Page, type: string): Promise<unknown[]> {
  return page.evaluate(
    (t) =>
      (window as unknown as { __events: { type: string; detail: unknown }[] }).__events
        .filter((e) => e.type === t)
        .map((e) => e.detail),
    type,
  );
}

/** Open a page and wait for the first plan-ready. */
export async function openViewer(
  session: Session,
  path = '/',
): Promise<{ page: Page; errors: string[] }> {
  const page = await session.browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors = collectErrors(page);
  await recordEvents(page);
  await page.goto(`${session.baseUrl}${path}`);
  await page.waitForFunction(
    () =>
      (window as unknown as { __events: { type: string }[] }).__events.some(
        (e) => e.type === 'plan-ready',
      ),
    undefined,
    { timeout: 60_000 },
  );
  return { page, errors };
}
