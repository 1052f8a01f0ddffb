/**
 * A planner's edit end to end: one row of the CSV sources changed in a copy of geodata/, the
 * package rebuilt with the real builder, and the viewer's card shows the change.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyGeodata, editCsv, runScript } from '../data/geodata-tmp.js';
import { CHROMIUM, openViewer, type Session, startSession, waitForPlanReady } from './harness.js';

const ID = 'infra-hekou-sewage-plant';

/** The plan in `dir` as data for the element's `plan` property. */
function planFrom(dir: string, id: string) {
  const read = (f: string) => JSON.parse(readFileSync(join(dir, f), 'utf8'));
  const manifest = read('plan.json');
  const layers = Object.fromEntries(
    manifest.layers.map((l: { id: string; file: string }) => [l.id, read(l.file)]),
  );
  return { manifest: { ...manifest, id, unlocated: read(manifest.unlocated) }, layers };
}

describe.skipIf(!CHROMIUM)('an edited CSV row reaches the viewer (Chromium)', () => {
  let session: Session;
  beforeAll(async () => {
    session = await startSession();
  }, 60_000);
  afterAll(async () => {
    await session?.close();
  });

  it('a history step changed in history.csv shows in the item card after a rebuild', async () => {
    const dir = copyGeodata();
    // 河口污水处理厂: 2021 planned (S003), 2024 operating (S001) → make the 2024 step "completed".
    editCsv(dir, 'history.csv', (rows) => {
      const i = rows.findIndex((r) => r.item_id === ID && r.year === '2024');
      rows[i]!.status = 'completed';
      return i;
    });
    const built = await runScript('scripts/items/build.mjs', dir);
    expect(built.code, built.stderr).toBe(0);

    const { page, errors } = await openViewer(session);
    for (const [planId, status, label] of [
      ['as-committed', 'operating', '运营中'],
      ['as-edited', 'completed', '已建成'],
    ] as const) {
      const plan = planFrom(
        planId === 'as-edited' ? dir : join(import.meta.dirname, '../../geodata'),
        planId,
      );
      await page.evaluate((p) => {
        (document.querySelector('plan-map') as HTMLElementTagNameMap['plan-map']).plan = p;
      }, plan);
      await waitForPlanReady(page, planId, { timeout: 30_000 });
      await page.evaluate((id) => document.querySelector('plan-map')!.select(id), ID);
      const card = page.locator(`plan-map .card[data-id="${ID}"]`);
      await card.waitFor({ timeout: 15_000 });
      const facts = card.locator('.facts .status');
      await expect.poll(() => facts.getAttribute('class')).toContain(`status-${status}`);
      expect(await facts.textContent()).toContain(label);
      const history = (await card.locator('ol.history li').allTextContents()).map((t) =>
        t.replace(/\s+/g, ' ').trim(),
      );
      expect(history).toEqual(['2021 规划 S003', `2024 ${label} S001`]);
    }
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});
