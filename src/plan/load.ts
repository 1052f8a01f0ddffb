/**
 * Loads a plan package: the manifest, then every layer file beside it.
 * Never throws on bad input: whatever can be used is returned with a list of issues.
 */
import { issue, type PlanIssue } from './issues.js';
import type { LayerSpec, LoadedLayer, LoadedPlan, PlanManifest, UnlocatedItem } from './types.js';
import { dropDuplicateIds, validateLayer } from './validate.js';

export interface LoadResult {
  /** Null only when the manifest itself could not be used. */
  plan: LoadedPlan | null;
  issues: PlanIssue[];
}

export interface LoadOptions {
  signal?: AbortSignal;
  fetch?: typeof fetch;
}

type FetchJson = { ok: true; data: unknown } | { ok: false; issue: PlanIssue };

async function fetchJson(url: string, opts: LoadOptions): Promise<FetchJson> {
  const doFetch = opts.fetch ?? fetch;
  let response: Response;
  try {
    response = await doFetch(url, { signal: opts.signal });
  } catch (err) {
    if (opts.signal?.aborted) throw err;
    return {
      ok: false,
      issue: issue(
        'fetch-failed',
        'error',
        url,
        `Could not fetch ${url}: ${String(err)}`,
        `无法获取 ${url}:${String(err)}`,
      ),
    };
  }
  if (!response.ok) {
    return {
      ok: false,
      issue: issue(
        'http-error',
        'error',
        url,
        `${url} answered HTTP ${response.status}`,
        `${url} 返回 HTTP ${response.status}`,
      ),
    };
  }
  const text = await response.text();
  try {
    return { ok: true, data: JSON.parse(text) };
  } catch {
    return {
      ok: false,
      issue: issue(
        'not-json',
        'error',
        url,
        `${url} is not JSON (it starts with ${JSON.stringify(text.slice(0, 40))})`,
        `${url} 不是 JSON(开头为 ${JSON.stringify(text.slice(0, 40))})`,
      ),
    };
  }
}

function manifestIssues(m: unknown, file: string): PlanIssue[] {
  const bad = (what: string, zh: string) =>
    issue('bad-manifest', 'error', file, `Manifest ${what}`, `清单${zh}`);
  if (typeof m !== 'object' || m === null) return [bad('is not an object', '不是对象')];
  const man = m as Partial<PlanManifest>;
  const out: PlanIssue[] = [];
  if (!Array.isArray(man.layers)) out.push(bad('has no layers array', '缺少 layers 数组'));
  if (!man.title || typeof man.title.zh !== 'string') out.push(bad('has no title', '缺少 title'));
  if (!Array.isArray(man.bbox) || man.bbox.length !== 4)
    out.push(bad('has no bbox [w, s, e, n]', '缺少 bbox'));
  return out;
}

/** Load the manifest at `url` and its layers (fetched in parallel). */
export async function loadPlan(url: string, opts: LoadOptions = {}): Promise<LoadResult> {
  const manifestUrl = new URL(url, globalThis.location?.href ?? 'http://localhost/').href;
  const got = await fetchJson(manifestUrl, opts);
  if (!got.ok) return { plan: null, issues: [got.issue] };
  const problems = manifestIssues(got.data, manifestUrl);
  if (problems.length > 0) return { plan: null, issues: problems };
  const manifest = got.data as PlanManifest;
  const fetched = await Promise.all(
    manifest.layers.map(async (spec) => {
      const fileUrl = new URL(spec.file, manifestUrl).href;
      return { spec, fileUrl, got: await fetchJson(fileUrl, opts) };
    }),
  );
  const issues: PlanIssue[] = [];
  const raw = fetched.map(({ spec, fileUrl, got }) => {
    if (!got.ok) {
      issues.push(got.issue);
      return { spec, file: fileUrl, data: null };
    }
    return { spec, file: fileUrl, data: got.data };
  });
  let unlocated: unknown = manifest.unlocated ?? [];
  if (typeof unlocated === 'string') {
    const file = new URL(unlocated, manifestUrl).href;
    const gotUnlocated = await fetchJson(file, opts);
    if (gotUnlocated.ok) unlocated = gotUnlocated.data;
    else {
      issues.push(gotUnlocated.issue);
      unlocated = [];
    }
  }
  return { plan: assemble(manifest, manifestUrl, raw, unlocated, issues), issues };
}

/** Use an in-memory plan: the manifest plus each layer's FeatureCollection, keyed by layer id. */
export function planFromObjects(manifest: PlanManifest, data: Record<string, unknown>): LoadResult {
  const issues: PlanIssue[] = manifestIssues(manifest, 'plan');
  if (issues.length > 0) return { plan: null, issues };
  const raw = manifest.layers.map((spec) => ({
    spec,
    file: spec.file,
    data: data[spec.id] ?? null,
  }));
  for (const r of raw) {
    if (r.data === null) {
      issues.push(
        issue(
          'missing-layer-data',
          'error',
          r.file,
          `No data for layer ${r.spec.id}`,
          `图层 ${r.spec.id} 没有数据`,
        ),
      );
    }
  }
  return {
    plan: assemble(manifest, null, raw, data.unlocated ?? manifest.unlocated ?? [], issues),
    issues,
  };
}

/** The unlocated list: an array of named items; anything else is reported and ignored. */
function checkUnlocated(data: unknown, issues: PlanIssue[]): UnlocatedItem[] {
  if (!Array.isArray(data)) {
    issues.push(
      issue(
        'bad-unlocated',
        'error',
        'unlocated',
        'The unlocated list is not an array',
        '未定位项目列表不是数组',
      ),
    );
    return [];
  }
  return data.filter((u, i): u is UnlocatedItem => {
    const ok =
      typeof u === 'object' &&
      u !== null &&
      typeof u.id === 'string' &&
      typeof u.name_zh === 'string' &&
      typeof u.name_en === 'string';
    if (!ok) {
      issues.push(
        issue(
          'bad-unlocated',
          'error',
          'unlocated',
          `Unlocated item #${i} has no id or names`,
          `未定位项目 #${i} 缺少 id 或名称`,
          { path: `unlocated[${i}]` },
        ),
      );
    }
    return ok;
  });
}

function assemble(
  manifest: PlanManifest,
  baseUrl: string | null,
  raw: { spec: LayerSpec; file: string; data: unknown }[],
  unlocated: unknown,
  issues: PlanIssue[],
): LoadedPlan {
  const checked = raw.map((r) => {
    if (r.data === null) return { spec: r.spec, file: r.file, features: [] };
    const v = validateLayer(r.data, r.file);
    issues.push(...v.issues);
    return { spec: r.spec, file: r.file, features: v.features };
  });
  issues.push(...dropDuplicateIds(checked));
  const layers: LoadedLayer[] = checked.map((c) => ({
    spec: c.spec,
    data: { type: 'FeatureCollection', features: c.features },
  }));
  return { manifest, baseUrl, layers, unlocated: checkUnlocated(unlocated, issues) };
}
