/**
 * Property-based: the built-in plan, mutated at random (keys dropped or renamed, types swapped,
 * arrays truncated or duplicated, huge strings, markup, NaN, prototype keys), never makes the
 * loader throw; it always returns features or issues, every issue is well-formed, every kept
 * feature passes validation again, and the model the element builds from it does not throw
 * (checked on every fourth run: building it costs more than loading).
 *
 * Deterministic by default (fixed seed). Explore with `FC_SEED=<n>|random FC_RUNS=<n>`.
 * `npm test` runs a few hundred runs of each property; `npm run test:deep` (PLAN_MAP_DEEP=1)
 * runs 2,000 object-level runs and 10,000 JSON-level runs (text and bytes served to
 * `loadPlan`, then the model, the view and the export of whatever loaded).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportGeoJson } from '../../src/plan/export.js';
import { RESERVED_KEYS } from '../../src/plan/guards.js';
import { ISSUE_SEVERITY, isIssueCode, type PlanIssue } from '../../src/plan/issues.js';
import { LIMITS } from '../../src/plan/limits.js';
import { type LoadResult, loadPlan, planFromObjects } from '../../src/plan/load.js';
import { buildModel } from '../../src/plan/model.js';
import type { PlanManifest } from '../../src/plan/types.js';
import { validateLayer } from '../../src/plan/validate.js';
import { planView, timelineYears } from '../../src/plan/view-filter.js';
import { fakeFetch, PLAN_URL, readGeodata } from './fake-fetch.js';

const DEEP = process.env.PLAN_MAP_DEEP === '1';
const RUNS = Number(process.env.FC_RUNS ?? (DEEP ? 2000 : 300));
const JSON_RUNS = Number(process.env.FC_RUNS ?? (DEEP ? 10_000 : 200));
const SEED =
  process.env.FC_SEED === 'random' ? undefined : Number(process.env.FC_SEED ?? 20_251_121);

const manifest: PlanManifest = JSON.parse(readGeodata('plan.json'));
const pristine = {
  manifest,
  data: {
    ...Object.fromEntries(manifest.layers.map((l) => [l.id, JSON.parse(readGeodata(l.file))])),
    unlocated: JSON.parse(readGeodata('unlocated.json')),
  } as Record<string, unknown>,
};

type Op =
  | { kind: 'delete' }
  | { kind: 'replace'; value: unknown }
  | { kind: 'truncate'; keep: number }
  | { kind: 'swap-type' }
  | { kind: 'duplicate' }
  | { kind: 'rename'; to: string };

interface Mutation {
  /** Child choices from the root: a key, or a number taken modulo the number of children. */
  path: (number | string)[];
  op: Op;
}

const MARKUP = [
  '<img src=x onerror="window.__pwned=1">',
  '<script>window.__pwned=1</script>',
  '"><svg onload=alert(1)>',
  'javascript:alert(1)',
  '<a href="javascript:alert(1)">x</a>',
  '{{constructor.constructor("alert(1)")()}}',
  '\u0000\u202e\ud800',
];
const KEYS = ['__proto__', 'constructor', 'toString', 'prototype', 'hasOwnProperty', 'valueOf'];

const value: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, undefined, true, false, 0, -0, Number.NaN, Infinity, -Infinity, 1e308),
  fc.double(),
  fc.integer(),
  fc.string(),
  fc.constantFrom(...MARKUP, ...KEYS),
  fc.integer({ min: 5_000, max: 300_000 }).map((n) => '长'.repeat(n)),
  fc.array(fc.double(), { maxLength: 5 }),
  fc.jsonValue({ maxDepth: 3 }),
  fc.dictionary(
    fc.constantFrom(...KEYS, 'type', 'coordinates', 'id'),
    fc.jsonValue({ maxDepth: 2 }),
  ),
);

const op: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.constant<Op>({ kind: 'delete' }), weight: 3 },
  { arbitrary: value.map((v): Op => ({ kind: 'replace', value: v })), weight: 4 },
  { arbitrary: fc.nat(4).map((keep): Op => ({ kind: 'truncate', keep })), weight: 2 },
  { arbitrary: fc.constant<Op>({ kind: 'swap-type' }), weight: 3 },
  { arbitrary: fc.constant<Op>({ kind: 'duplicate' }), weight: 1 },
  {
    arbitrary: fc.constantFrom(...KEYS, 'id', 'kind').map((to): Op => ({ kind: 'rename', to })),
    weight: 1,
  },
);

const rest = (max: number) => fc.array(fc.nat(), { maxLength: max });
/** Anywhere, or (mostly) inside a feature, a manifest layer entry or an unlocated item. */
const path: fc.Arbitrary<(number | string)[]> = fc.oneof(
  { arbitrary: fc.array(fc.nat(), { minLength: 1, maxLength: 9 }), weight: 2 },
  {
    arbitrary: fc
      .tuple(fc.constantFrom(...manifest.layers.map((l) => l.id)), fc.nat(), rest(5))
      .map(([layer, i, r]) => ['data', layer, 'features', i, ...r]),
    weight: 6,
  },
  {
    arbitrary: fc.tuple(fc.nat(), rest(2)).map(([i, r]) => ['manifest', 'layers', i, ...r]),
    weight: 1,
  },
  {
    arbitrary: fc.tuple(fc.nat(), rest(2)).map(([i, r]) => ['data', 'unlocated', i, ...r]),
    weight: 1,
  },
);

const mutation: fc.Arbitrary<Mutation> = fc.record({ path, op });

type Container = Record<string, unknown> | unknown[];
const isContainer = (v: unknown): v is Container => typeof v === 'object' && v !== null;
const keysOf = (c: Container): (string | number)[] =>
  Array.isArray(c) ? c.map((_, i) => i) : Object.keys(c);
const copy = (c: Container): Container => (Array.isArray(c) ? [...c] : { ...c });

function swapType(v: unknown): unknown {
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return Number(v) || [v];
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return Object.fromEntries(v.map((x, i) => [String(i), x]));
  if (isContainer(v)) return Object.values(v);
  return {};
}

/** Applies one mutation, copying only the containers on its path (the rest is shared). */
function apply(root: Container, m: Mutation): Container {
  const top = copy(root);
  let parent: Container = top;
  let key: string | number | undefined;
  for (let step = 0; step < m.path.length; step++) {
    const choice = m.path[step]!;
    const keys = keysOf(parent);
    if (keys.length === 0) break;
    key =
      typeof choice === 'string' && Object.hasOwn(parent, choice)
        ? choice
        : (keys[Number(choice) % keys.length] ?? keys[0]!);
    const child = (parent as Record<string | number, unknown>)[key];
    if (!isContainer(child) || step === m.path.length - 1) break;
    const next = copy(child);
    (parent as Record<string | number, unknown>)[key] = next;
    parent = next;
  }
  if (key === undefined) return top;
  const p = parent as Record<string | number, unknown>;
  const current = p[key];
  switch (m.op.kind) {
    case 'delete':
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete p[key];
      break;
    case 'replace':
      p[key] = m.op.value;
      break;
    case 'truncate':
      if (Array.isArray(current)) p[key] = current.slice(0, m.op.keep);
      else if (typeof current === 'string') p[key] = current.slice(0, m.op.keep);
      break;
    case 'swap-type':
      p[key] = swapType(current);
      break;
    case 'duplicate':
      if (Array.isArray(current)) p[key] = [...current, ...current.slice(0, 1)];
      else if (Array.isArray(parent)) parent.push(current);
      break;
    case 'rename':
      if (!Array.isArray(parent)) {
        delete p[key];
        Object.defineProperty(p, m.op.to, {
          value: current,
          enumerable: true,
          configurable: true,
          writable: true,
        });
      }
      break;
  }
  return top;
}

/** What is wrong with one issue (empty when it is well-formed). */
function issueProblems(i: PlanIssue): string[] {
  const out: string[] = [];
  if (!isIssueCode(i.code)) out.push(`unknown code ${String(i.code)}`);
  else if (i.severity !== ISSUE_SEVERITY[i.code]) out.push(`${i.code}: severity ${i.severity}`);
  for (const m of [i.message_en, i.message_zh]) {
    if (typeof m !== 'string' || m.length === 0 || m.length >= 3000) {
      out.push(
        `${i.code}: message ${typeof m} of length ${String(m).length}: ${String(m).slice(0, 200)}`,
      );
    }
  }
  if (typeof i.file !== 'string' || i.file.length > 2000) out.push(`${i.code}: file`);
  if (i.featureId !== undefined && i.featureId.length > 120) out.push(`${i.code}: featureId`);
  return out;
}

/** What must hold for every load result (checked without `expect` per item: it runs 2,000×). */
function checkResult(r: LoadResult, { model = true } = {}): void {
  expect(Array.isArray(r.issues)).toBe(true);
  const problems = r.issues.flatMap(issueProblems);
  if (r.plan === null) {
    if (r.issues.length === 0) problems.push('no plan and no issues');
    expect(problems).toEqual([]);
    return;
  }
  const features = r.plan.layers.flatMap((l) => l.data.features);
  if (features.length === 0 && r.issues.length === 0) problems.push('no features and no issues');
  for (const l of r.plan.layers) {
    for (const i of validateLayer(l.data, l.spec.file).issues) {
      if (i.severity === 'error') problems.push(`kept feature fails again: ${i.message_en}`);
    }
  }
  for (const f of features) {
    const p = f.properties;
    if (typeof p.name_zh !== 'string' || typeof p.name_en !== 'string')
      problems.push(`${p.id}: names`);
    else if (p.name_en.length > LIMITS.maxNameChars) problems.push(`${p.id}: long name kept`);
  }
  for (const u of r.plan.unlocated) {
    if (typeof u.name_zh !== 'string' || !Array.isArray(u.sources))
      problems.push(`${u.id}: unlocated`);
  }
  if (typeof r.plan.manifest.title.zh !== 'string') problems.push('title');
  if (r.plan.manifest.bbox.length !== 4) problems.push('bbox');
  expect(problems).toEqual([]);
  // The element builds its model from whatever the loader kept: that must not throw either.
  if (model) buildModel(r.plan);
}

describe('loading a randomly damaged built-in plan', () => {
  it(`never throws and always returns features or issues (${RUNS} runs)`, () => {
    const stats = process.env.FC_STATS ? new Map<string, number>() : null;
    let run = 0;
    const t0 = performance.now();
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 6 }), (mutations) => {
        const root = mutations.reduce<Container>((r, m) => apply(r, m), pristine);
        const { manifest: m, data } = root as { manifest?: unknown; data?: unknown };
        const r = planFromObjects(m, isContainer(data) ? (data as Record<string, unknown>) : {});
        // The model (Turf membership, ~8 ms) is built for one run in four.
        checkResult(r, { model: run++ % 4 === 0 });
        if (stats) {
          if (r.issues.length === 0) stats.set('(none)', (stats.get('(none)') ?? 0) + 1);
          for (const c of new Set(r.issues.map((i) => i.code)))
            stats.set(c, (stats.get(c) ?? 0) + 1);
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );
    const seconds = (performance.now() - t0) / 1000;
    console.log(`property: ${RUNS} damaged plans loaded in ${seconds.toFixed(1)} s`);
    if (stats)
      console.log(
        [...stats]
          .sort((a, b) => b[1] - a[1])
          .map(([c, n]) => `${c} ${n}`)
          .join('\n'),
      );
  }, 300_000);

  it('the undamaged plan gives no issues (the baseline the mutations start from)', () => {
    const r = planFromObjects(pristine.manifest, pristine.data);
    expect(r.issues).toEqual([]);
  });

  it('damaged file bytes (truncated, spliced, wrong status) never make loadPlan throw', async () => {
    const names = [...manifest.layers.map((l) => l.file), 'plan.json', 'unlocated.json'];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...names),
        fc.oneof(
          fc.nat().map((n) => (t: string) => t.slice(0, n % (t.length + 1))),
          fc.tuple(fc.nat(), fc.string({ maxLength: 8 })).map(
            ([n, s]) =>
              (t: string) =>
                t.slice(0, n % (t.length + 1)) + s + t.slice(n % (t.length + 1)),
          ),
          fc.constant(() => '\ufeff<!doctype html><title>x</title>'),
          fc.uint8Array({ maxLength: 64 }).map((b) => () => new TextDecoder().decode(b)),
        ),
        fc.constantFrom(200, 200, 200, 204, 301, 403, 404, 500),
        async (name, damage, status) => {
          const body = damage(readGeodata(name));
          const r = await loadPlan(PLAN_URL, {
            fetch: fakeFetch({
              [name]: () => new Response(status === 204 ? null : body, { status }),
            }),
          });
          checkResult(r);
        },
      ),
      { numRuns: 200, seed: SEED },
    );
  }, 120_000);

  it(`JSON-level damage (keys, types, sizes, encodings) never throws and gives only coded issues (${JSON_RUNS} runs)`, async () => {
    const texts = new Map<string, string>([
      ['plan.json', readGeodata('plan.json')],
      ['unlocated.json', readGeodata('unlocated.json')],
      ...manifest.layers.map((l) => [l.file, readGeodata(l.file)] as const),
    ]);
    const names = [...texts.keys()];
    /** A text edit of a JSON file: a key renamed, a value retyped, a list blown up … */
    const textDamage = fc.oneof(
      fc
        .tuple(
          fc.constantFrom(
            '"id"',
            '"kind"',
            '"name_zh"',
            '"features"',
            '"layers"',
            '"file"',
            '"status"',
            '"year"',
            '"parent"',
            '"zone"',
            '"coordinates"',
          ),
          fc.constantFrom(...KEYS.map((k) => `"${k}"`), '"id"', '""'),
        )
        .map(
          ([from, to]) =>
            (t: string) =>
              t.split(from).join(to),
        ),
      fc
        .tuple(
          fc.constantFrom('"planned"', 'true', '"project"', '"WGS84"', '2021', '121.5'),
          fc.constantFrom(
            'null',
            '[]',
            '{}',
            '"x"',
            '1e309',
            '-0',
            '"NaN"',
            '99999',
            '2021.5',
            '"=1+1"',
            `"${'长'.repeat(6000)}"`,
          ),
        )
        .map(
          ([from, to]) =>
            (t: string) =>
              t.split(from).join(to),
        ),
      fc.nat().map((n) => (t: string) => {
        // One element of the first array duplicated many times (sizes near the limits).
        const at = t.indexOf('[{', n % Math.max(1, t.length));
        const end = at < 0 ? -1 : t.indexOf('}', at);
        if (at < 0 || end < 0) return t;
        const item = t.slice(at + 1, end + 1);
        return `${t.slice(0, at + 1)}${`${item},`.repeat(2000)}${t.slice(at + 1)}`;
      }),
      fc
        .tuple(fc.nat(), fc.constantFrom('NaN', 'Infinity', ',', ']', '}', '"', '\\u0000', '/*x*/'))
        .map(
          ([n, s]) =>
            (t: string) =>
              t.slice(0, n % (t.length + 1)) + s + t.slice(n % (t.length + 1)),
        ),
    );
    /** How the text becomes bytes on the wire. */
    const encoding = fc.constantFrom<(t: string) => Uint8Array>(
      (t) => new TextEncoder().encode(t),
      (t) => new TextEncoder().encode(`\ufeff${t}`),
      (t) => Buffer.from(`\ufeff${t}`, 'utf16le'),
      (t) => Buffer.from(t, 'latin1'),
      (t) => Uint8Array.from([...new TextEncoder().encode(t).slice(0, 200), 0xff, 0xfe, 0x80]),
    );
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.constantFrom(...names), textDamage), { minLength: 1, maxLength: 3 }),
        fc.constantFrom(...names),
        encoding,
        async (edits, encoded, encode) => {
          const files = new Map(texts);
          for (const [name, damage] of edits) files.set(name, damage(files.get(name)!));
          const served: Record<string, () => Response> = {};
          for (const [name, text] of files) {
            const bytes = name === encoded ? encode(text) : new TextEncoder().encode(text);
            served[name] = () => new Response(bytes as Uint8Array<ArrayBuffer>, { status: 200 });
          }
          const r = await loadPlan(PLAN_URL, { fetch: fakeFetch(served) });
          // Every issue coded and short; every kept feature valid; the model builds.
          checkResult(r, { model: false });
          if (!r.plan || run++ % 2 !== 0) return;
          const model = buildModel(r.plan);
          const view = planView(model, { filter: {}, year: null });
          timelineYears(model);
          const out = exportGeoJson({
            model,
            view,
            scope: 'visible',
            selected: null,
            visible: new Set(r.plan.layers.map((l) => l.spec.id)),
            exportedAt: '2026-01-01T00:00:00Z',
          });
          const text = JSON.stringify(out);
          for (const k of RESERVED_KEYS) {
            if (text.includes(`"${k}":`)) expect.fail(`export carries the key ${k}`);
          }
        },
      ),
      { numRuns: JSON_RUNS, seed: SEED },
    );
  }, 1_800_000);
});
