// @ts-check
/**
 * The browser every script drives: Debian's Chromium (Playwright's own download does not work
 * on the machines this project runs on), launched with the flags the project's brief names.
 * `tests/browser/harness.ts` launches the same for the tests.
 */
import { chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * Chromium with the project's flags, and `extra` after them.
 * @param {string[]} [extra]
 */
export function launchChromium(extra = []) {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_FLAGS, ...extra] });
}
