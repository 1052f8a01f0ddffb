/**
 * tests/fixtures/invalid/: every broken input gives exactly its issue code, the message names
 * the file (and the feature), and the rest of the plan still loads (see the folder's README).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BUILDER_CODES,
  ELEMENT_CODES,
  ISSUE_CODES,
  type IssueCode,
  isIssueCode,
} from '../../src/plan/issues.js';
import type { PlanLimits } from '../../src/plan/limits.js';
import { type LoadResult, loadPlan } from '../../src/plan/load.js';
import type { PlanManifest } from '../../src/plan/types.js';
import { baseName } from '../../src/plan/validate.js';
import { fakeFetch, PLAN_URL, type Respond, readGeodata } from './fake-fetch.js';

const DIR = join(import.meta.dirname, '../fixtures/invalid');
const FIXTURE_LAYER = 'fixture';

interface Fixture {
  name: string;
  code: string;
  target: string;
}

const fixtures: Fixture[] = readdirSync(DIR)
  .filter((f) => f !== 'README.md')
  .sort()
  .map((name) => {
    const dot = name.indexOf('.');
    return { name, code: name.slice(0, dot).split('--')[0]!, target: name.slice(dot + 1) };
  });

const builtin: PlanManifest = JSON.parse(readGeodata('plan.json'));

function ids(text: string | undefined): string[] {
  try {
    const fc = JSON.parse(text ?? '');
    return Array.isArray(fc?.features)
      ? fc.features
          .map((f: { properties?: { id?: unknown } }) => f?.properties?.id)
          .filter((id: unknown) => typeof id === 'string')
      : [];
  } catch {
    return [];
  }
}

/** Load the built-in plan with one fixture applied; also say what each file served held. */
async function loadWith(f: Fixture): Promise<{ result: LoadResult; served: Map<string, string> }> {
  const text = readFileSync(join(DIR, f.name), 'utf8');
  const overrides: Record<string, string | Respond> = {};
  let limits: Partial<PlanLimits> | undefined;
  let manifest = builtin;
  if (f.target === 'geojson') {
    manifest = {
      ...builtin,
      layers: [
        ...builtin.layers,
        {
          id: FIXTURE_LAYER,
          kind: 'items',
          file: f.name,
          visible: true,
          color: '#000000',
          title: { zh: '测试', en: 'Fixture' },
        },
      ],
    };
    overrides[f.name] = text;
  } else if (f.target === 'plan.json') {
    overrides['plan.json'] = text;
  } else if (f.target === 'case.json') {
    const c = JSON.parse(text) as { target?: string; respond?: Respond; limits?: PlanLimits };
    if (c.target && c.respond) overrides[c.target] = c.respond;
    limits = c.limits;
  } else {
    overrides[f.target] = text;
  }
  overrides['plan.json'] ??= JSON.stringify(manifest);
  const result = await loadPlan(PLAN_URL, { fetch: fakeFetch(overrides), limits });
  const served = new Map<string, string>();
  for (const l of manifest.layers) {
    const o = overrides[l.file];
    served.set(l.file, typeof o === 'string' ? o : o ? '' : readGeodata(l.file));
  }
  return { result, served };
}

describe('tests/fixtures/invalid', () => {
  it('holds at least 40 broken inputs, each named after a known issue code', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(40);
    for (const f of fixtures) expect(isIssueCode(f.code), f.name).toBe(true);
  });

  it('has a fixture for every code the loader can report', () => {
    const covered = new Set(fixtures.map((f) => f.code));
    const loaderCodes = (Object.keys(ISSUE_CODES) as IssueCode[]).filter(
      // ELEMENT_CODES are reported by the element, BUILDER_CODES by the geodata builder
      (c) => !ELEMENT_CODES.has(c) && !BUILDER_CODES.has(c),
    );
    expect(loaderCodes.filter((c) => !covered.has(c))).toEqual([]);
  });

  it.each(fixtures.map((f) => [f.name, f] as const))(
    '%s gives exactly its code, and the rest of the plan still loads',
    async (_name, f) => {
      const { result, served } = await loadWith(f);
      expect(result.issues.map((i) => i.code)).toEqual([f.code]);
      const [problem] = result.issues;
      if (process.env.PRINT_FIXTURES)
        console.log(
          `${f.name}\n  ${problem!.message_en}\n  ${problem!.message_zh}\n  ${JSON.stringify({ ...problem, message_en: undefined, message_zh: undefined })}`,
        );

      // The message names the file, the feature, and is in both languages.
      const file = baseName(problem!.file);
      expect(problem!.message_en).toContain(file);
      expect(problem!.message_zh).toContain(file);
      expect(problem!.message_zh).not.toEqual(problem!.message_en);
      if (problem!.featureId) {
        expect(problem!.message_en).toContain(problem!.featureId);
        expect(problem!.message_zh).toContain(problem!.featureId);
      }

      if (f.code === 'bad-manifest') {
        expect(result.plan).toBeNull();
        return;
      }
      const plan = result.plan!;
      expect(plan.layers.length).toBeGreaterThanOrEqual(builtin.layers.length - 1);
      // Every layer keeps every feature except what an error names (all of it, when the
      // error is about the whole file rather than one entry of `features`).
      for (const layer of plan.layers) {
        const url = new URL(layer.spec.file, PLAN_URL).href;
        const errors = result.issues.filter((i) => i.severity === 'error' && i.file === url);
        const wholeFile = errors.some(
          (e) => !e.featureId && !/^features\[\d+\]/.test(e.path ?? ''),
        );
        const expected = wholeFile
          ? []
          : ids(served.get(layer.spec.file)).filter(
              (id) => !errors.some((e) => e.featureId === id),
            );
        expect(
          layer.data.features.map((x) => x.properties.id),
          `${layer.spec.id} (${layer.spec.file})`,
        ).toEqual(expected);
      }
      if (f.target === 'geojson' && problem!.severity === 'error') {
        const layer = plan.layers.find((l) => l.spec.id === FIXTURE_LAYER);
        expect(layer?.data.features.map((x) => x.properties.id)).toContain('fixture-ok');
      }
    },
  );
});
