/**
 * Accessibility in a portal: axe-core (run inside the page, it walks the element's open shadow
 * root) finds no serious or critical violation in `<plan-map>` in its default state, with a zone
 * selected, in English, and under the README's dark theme. MapLibre's own controls speak the
 * element's language and follow `lang` changes.
 */
import { readFileSync } from 'node:fs';
import axe from 'axe-core';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, openViewer, type Session, startSession } from './harness.js';

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

interface Audit {
  violations: Violation[];
  /** Elements that passed a check, and those axe could not decide (e.g. text over an image). */
  passed: number;
  incomplete: number;
  /** The rules with undecided elements, for the log. */
  undecided: string[];
}

/** axe-core's results for the element (injected once per page), as plain data. */
async function audit(page: Page, options: Record<string, unknown> = {}): Promise<Audit> {
  const injected = await page.evaluate(() => 'axe' in window);
  if (!injected) await page.evaluate(axe.source);
  return page.evaluate(async (opts) => {
    type Results = Record<'violations' | 'passes' | 'incomplete', Violation[]>;
    const w = window as unknown as { axe: { run(ctx: Element, o: unknown): Promise<Results> } };
    const result = await w.axe.run(document.querySelector('plan-map')!, opts);
    const count = (list: Violation[]) => list.reduce((n, v) => n + v.nodes.length, 0);
    return {
      violations: result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
      })),
      passed: count(result.passes),
      incomplete: count(result.incomplete),
      undecided: result.incomplete.map((v) => `${v.id}×${v.nodes.length}`),
    };
  }, options);
}

/** One line per violation, for the failure message and the log. */
function describeViolations(violations: Violation[]): string {
  return violations
    .map(
      (v) =>
        `${v.impact ?? '?'} ${v.id}: ${v.help}\n${v.nodes
          .map((n) => `    ${JSON.stringify(n.target)} ${n.failureSummary?.split('\n').join(' ')}`)
          .join('\n')}`,
    )
    .join('\n');
}

function serious(violations: Violation[]): Violation[] {
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Waits until the element has rendered what its attributes now say, and the map is idle. */
async function settle(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const el = document.querySelector('plan-map')!;
    await el.updateComplete;
    const map = el.map;
    if (map && !map.loaded()) await new Promise((r) => map.once('idle', r));
  });
}

/** WCAG contrast ratio of a computed `rgb(…)` colour against white. */
function contrastOnWhite(rgb: string): number {
  const [r, g, b] = (rgb.match(/[\d.]+/g) ?? []).map(Number).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  const luminance = 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  return 1.05 / (luminance + 0.05);
}

/** The README's dark-theme example, as a portal would paste it. */
function readmeDarkCss(): string {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const block = [...readme.matchAll(/```css\n([\s\S]*?)```/g)]
    .map((m) => m[1]!)
    .find((css) => css.includes('plan-map.dark'));
  if (!block) throw new Error('README has no ```css block with the plan-map.dark example');
  return block;
}

/** Audits the element as it is now, logs what axe found. */
async function auditLogged(page: Page, state: string, options = {}): Promise<Audit> {
  await settle(page);
  const result = await audit(page, options);
  const { violations, passed, incomplete, undecided } = result;
  console.log(
    `[a11y] ${state}: ${violations.length} violation(s), ${passed} passed and ${incomplete} undecided check(s) [${undecided.join(' ')}]\n${describeViolations(violations)}`,
  );
  return result;
}

/** What MapLibre's own UI says inside the element. */
async function maplibreUi(page: Page) {
  return page.evaluate(() => {
    const root = document.querySelector('plan-map')!.shadowRoot!;
    const attr = (sel: string, name: string) => root.querySelector(sel)?.getAttribute(name) ?? null;
    return {
      zoomIn: attr('.maplibregl-ctrl-zoom-in', 'aria-label'),
      zoomInTitle: attr('.maplibregl-ctrl-zoom-in', 'title'),
      zoomOut: attr('.maplibregl-ctrl-zoom-out', 'aria-label'),
      canvas: attr('.maplibregl-canvas', 'aria-label'),
      gestureHint: root.querySelector('.maplibregl-desktop-message')?.textContent ?? null,
      controls: root.querySelectorAll('.maplibregl-ctrl').length,
    };
  });
}

async function selectHuangnichuan(page: Page): Promise<void> {
  await page.evaluate(() =>
    document.querySelector('plan-map')!.setAttribute('selected', 'cluster-huangnichuan'),
  );
  await expect
    .poll(() => page.locator('plan-map .card').getAttribute('data-id'))
    .toBe('cluster-huangnichuan');
}

describe.skipIf(!CHROMIUM)('accessibility (axe-core in Chromium)', () => {
  let session: Session;
  beforeAll(async () => {
    session = await startSession();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('default, selected and English states: no serious or critical violation, headings in order', async () => {
    const { page, errors } = await openViewer(session);
    const states: [string, () => Promise<void>][] = [
      ['default (built-in plan, plan-ready)', async () => {}],
      ['a zone selected', () => selectHuangnichuan(page)],
      [
        'English (lang="en"), the zone still selected',
        async () => {
          await page.evaluate(() => document.querySelector('plan-map')!.setAttribute('lang', 'en'));
          await expect
            .poll(() => page.locator('plan-map .card h3').textContent())
            .toContain('Huangnichuan');
        },
      ],
      [
        'English, nothing selected',
        async () => {
          await page.evaluate(() =>
            document.querySelector('plan-map')!.removeAttribute('selected'),
          );
          await expect.poll(() => page.locator('plan-map .card').count()).toBe(0);
        },
      ],
    ];
    for (const [state, enter] of states) {
      await enter();
      const { violations } = await auditLogged(page, state);
      const message = `${state}:\n${describeViolations(violations)}`;
      expect(serious(violations), message).toEqual([]);
      // Moderate in axe's scale, but a known defect of this element: headings go h2 → h3 → h4.
      expect(
        violations.map((v) => v.id),
        message,
      ).not.toContain('heading-order');
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it("the README's dark theme keeps every text at AA contrast", async () => {
    const { page } = await openViewer(session);
    await page.addStyleTag({ content: readmeDarkCss() });
    await page.evaluate(() => document.querySelector('plan-map')!.classList.add('dark'));
    // The secondary colour really comes from the README's rule (not the light default).
    expect(
      await page.evaluate(() =>
        getComputedStyle(document.querySelector('plan-map')!).getPropertyValue(
          '--plan-map-text-secondary',
        ),
      ),
    ).not.toBe('');
    const panel = await auditLogged(page, 'dark, default', { runOnly: ['color-contrast'] });
    expect(panel.violations, describeViolations(panel.violations)).toEqual([]);
    // The texts were measured, not skipped.
    expect(panel.passed).toBeGreaterThan(20);
    // axe cannot judge text over the canvas; MapLibre's attribution sits on a light veil there
    // and must not take the theme's light text colour.
    const attribution = await page.evaluate(
      () =>
        getComputedStyle(
          document.querySelector('plan-map')!.shadowRoot!.querySelector('.maplibregl-ctrl-attrib')!,
        ).color,
    );
    expect(contrastOnWhite(attribution)).toBeGreaterThanOrEqual(4.5);
    await selectHuangnichuan(page);
    const card = await auditLogged(page, 'dark, a zone selected', { runOnly: ['color-contrast'] });
    expect(card.violations, describeViolations(card.violations)).toEqual([]);
    expect(card.passed).toBeGreaterThan(panel.passed);
    await page.close();
  });

  it("MapLibre's controls speak the element's language and follow `lang`", async () => {
    const { page } = await openViewer(session);
    await page.evaluate(() =>
      document.querySelector('plan-map')!.setAttribute('cooperative-gestures', 'on'),
    );
    await settle(page);
    const zh = await maplibreUi(page);
    expect(zh).toEqual({
      zoomIn: '放大',
      zoomInTitle: '放大',
      zoomOut: '缩小',
      canvas: '地图',
      gestureHint: '按住 Ctrl 键并滚动鼠标以缩放地图',
      controls: zh.controls,
    });
    // Every string MapLibre knows, but its scale units, is in Chinese.
    const untranslated = await page.evaluate(() => {
      const locale = document.querySelector('plan-map')!.map!._locale;
      return Object.entries(locale)
        .filter(([key, text]) => !key.startsWith('ScaleControl.') && !/[\u4e00-\u9fff]/.test(text))
        .map(([key]) => key);
    });
    expect(untranslated).toEqual([]);

    await page.evaluate(() => document.querySelector('plan-map')!.setAttribute('lang', 'en'));
    await settle(page);
    expect(await maplibreUi(page)).toEqual({
      zoomIn: 'Zoom in',
      zoomInTitle: 'Zoom in',
      zoomOut: 'Zoom out',
      canvas: 'Map',
      gestureHint: 'Use Ctrl + scroll to zoom the map',
      controls: zh.controls, // the controls were replaced, not added twice
    });

    await page.locator('plan-map button.lang').click();
    await settle(page);
    expect(await maplibreUi(page)).toEqual(zh);
    await page.close();
  });

  it('keyboard focus shows a ring on the map canvas and on <summary>', async () => {
    const { page } = await openViewer(session);
    const ring = (selector: string) =>
      page.evaluate((sel) => {
        const el = document.querySelector('plan-map')!.shadowRoot!.querySelector<HTMLElement>(sel)!;
        el.focus();
        const s = getComputedStyle(el);
        return {
          focusVisible: el.matches(':focus-visible'),
          style: s.outlineStyle,
          width: Number.parseFloat(s.outlineWidth),
          offset: Number.parseFloat(s.outlineOffset),
          color: s.outlineColor,
        };
      }, selector);
    // Focus moved from the keyboard: Tab into the page first.
    await page.keyboard.press('Tab');
    const accent = 'rgb(43, 123, 185)'; // --plan-map-accent's default
    const canvas = await ring('.maplibregl-canvas');
    expect(canvas.focusVisible).toBe(true);
    expect(canvas).toMatchObject({ style: 'solid', color: accent });
    expect(canvas.width).toBeGreaterThanOrEqual(2);
    // The map clips its overflow: the ring must be drawn inside the canvas's edge.
    expect(canvas.offset).toBeLessThanOrEqual(-canvas.width);
    const summary = await ring('details.filters summary');
    expect(summary.focusVisible).toBe(true);
    expect(summary).toMatchObject({ style: 'solid', color: accent });
    expect(summary.width).toBeGreaterThanOrEqual(2);
    await page.close();
  });
});
