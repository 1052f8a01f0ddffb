/**
 * The hostile plan packages (scripts/hostile-fixtures.mjs) through the loader, the model, the
 * view, the tree and the export in Node: each case reports its codes, every issue is coded and
 * short, the good layers load, nothing outside the package is touched, and nothing throws.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { HOSTILE_DIR, writeHostileFixtures } from '../../scripts/hostile-fixtures.mjs';
import { exportGeoJson } from '../../src/plan/export.js';
import { RESERVED_KEYS } from '../../src/plan/guards.js';
import { isIssueCode, MAX_MESSAGE_CHARS } from '../../src/plan/issues.js';
import { loadPlan } from '../../src/plan/load.js';
import { buildModel } from '../../src/plan/model.js';
import { planView, timelineYears } from '../../src/plan/view-filter.js';
import { TREE_PAGE, visibleTreeNodes } from '../../src/ui/plan-tree.js';

const cases = writeHostileFixtures(join(HOSTILE_DIR, 'node'));

/** A fetch over the case folder only, recording every URL asked for. */
function folderFetch(folder: string, asked: string[]): typeof fetch {
  return (async (input: RequestInfo | URL) => {
    const url = new URL(String(input));
    asked.push(url.href);
    if (url.protocol !== 'file:' || !url.pathname.startsWith(pathToFileURL(folder).pathname)) {
      throw new TypeError(`test fetch: ${url.href} is outside the case folder`);
    }
    try {
      return new Response(await readFile(url), { status: 200 });
    } catch {
      return new Response('Not Found', { status: 404 });
    }
  }) as typeof fetch;
}

/** Every key of a JSON-like value, at any depth. */
function allKeys(v: unknown, out = new Set<string>()): Set<string> {
  const stack = [v];
  while (stack.length > 0) {
    const x = stack.pop();
    if (typeof x !== 'object' || x === null) continue;
    for (const k of Object.keys(x)) {
      out.add(k);
      stack.push((x as Record<string, unknown>)[k]);
    }
  }
  return out;
}

describe('hostile plan packages (Node)', () => {
  beforeAll(() => {
    expect(new Set(cases.map((c) => c.class))).toEqual(
      new Set(['silent', 'freeze', 'security', 'weak', 'messages']),
    );
    for (const k of ['silent', 'freeze', 'security', 'weak', 'messages']) {
      expect(cases.filter((c) => c.class === k).length).toBeGreaterThanOrEqual(3);
    }
  });

  it.each(cases.map((c) => [`${c.class}--${c.name}`, c] as const))(
    '%s: coded issues, good layers kept, no throw',
    async (_name, c) => {
      const asked: string[] = [];
      const url = pathToFileURL(join(c.folder, 'plan.json')).href;
      const r = await loadPlan(url, { fetch: folderFetch(c.folder, asked) });
      const codes = new Set(r.issues.map((i) => i.code));
      // Codes the element reports from attributes or the server are checked in the browser.
      if (!c.attributes && !c.serve) for (const code of c.codes) expect(codes).toContain(code);
      for (const i of r.issues) {
        expect(isIssueCode(i.code), i.code).toBe(true);
        expect(i.message_en.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
        expect(i.message_zh.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
        for (const secret of c.textMustNot ?? []) {
          expect(JSON.stringify(i)).not.toContain(secret);
        }
      }
      // Issues are capped as produced: a few per file and code.
      expect(r.issues.length).toBeLessThan(500);
      for (const fragment of c.requestsMustNot ?? []) {
        expect(asked.filter((a) => a.includes(fragment))).toEqual([]);
      }
      const plan = r.plan!;
      for (const id of c.goodLayers) {
        const layer = plan.layers.find((l) => l.spec.id === id);
        expect(layer?.data.features.length, id).toBeGreaterThan(0);
      }
      // The model, the view, the tree and the export take it too.
      const model = buildModel(plan);
      const view = planView(model, { filter: {}, year: null });
      const years = timelineYears(model);
      if (years) {
        expect(years.min).toBeGreaterThanOrEqual(1900);
        expect(years.max).toBeLessThanOrEqual(2100);
      }
      const roots = visibleTreeNodes(model, view, 'zh', new Set());
      const all = new Set(roots.map((n) => n.path));
      const opened = visibleTreeNodes(model, view, 'zh', all);
      // Every level is paged: a page of rows and a "more" row at most, per parent.
      const perParent = new Map<string, number>();
      for (const n of opened) {
        const key = n.parentPath ?? `/${n.level}`;
        perParent.set(key, (perParent.get(key) ?? 0) + 1);
      }
      const layersWithRoots = plan.layers.filter(
        (l) => l.spec.kind === 'zones' || l.spec.kind === 'corridor',
      ).length;
      for (const [parent, n] of perParent) {
        expect(n, parent).toBeLessThanOrEqual((TREE_PAGE + 1) * layersWithRoots);
      }
      const exported = exportGeoJson({
        model,
        view,
        scope: 'visible',
        selected: null,
        visible: new Set(plan.layers.map((l) => l.spec.id)),
        exportedAt: '2026-01-01T00:00:00Z',
      });
      const keys = allKeys(exported);
      for (const k of RESERVED_KEYS) expect(keys.has(k), k).toBe(false);
    },
    60_000,
  );

  it('no prototype was polluted by any case', () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.hasOwn(Object.prototype, 'polluted')).toBe(false);
  });
});
