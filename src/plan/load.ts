/**
 * Loads a plan package: the manifest, then every layer file beside it.
 * Never throws on bad input: whatever can be used is returned with a list of issues
 * (codes in ./issues.ts, limits in ./limits.ts). Only the caller's own abort signal rejects.
 */
import { bbox as turfBbox } from '@turf/bbox';
import type { BBox } from './geometry.js';
import {
  capIssues,
  ISSUE_SEVERITY,
  type IssueCode,
  issue,
  type PlanIssue,
  show,
} from './issues.js';
import { type PlanLimits, resolveLimits } from './limits.js';
import { type CheckedLayer, checkManifest } from './manifest.js';
import { hasMarkup, truncate } from './text.js';
import {
  ITEM_KINDS,
  type LoadedLayer,
  type LoadedPlan,
  type PlanManifest,
  type SourceRef,
  type UnlocatedItem,
} from './types.js';
import {
  baseName,
  checkDatumSignatures,
  checkReferences,
  dropDuplicateIds,
  type PlanFeatureOut,
  type PlanLayerForChecks,
  runSteps,
  validateLayer,
  validateLayerSteps,
} from './validate.js';

export interface LoadResult {
  /** Null only when the manifest itself could not be used. */
  plan: LoadedPlan | null;
  issues: PlanIssue[];
}

export interface LoadOptions {
  signal?: AbortSignal;
  fetch?: typeof fetch;
  /** Override limits (tests, the CLI); see `LIMITS`. */
  limits?: Partial<PlanLimits>;
}

type Fetched = { ok: true; data: unknown } | { ok: false; issue: PlanIssue };

const fileIssue = (code: IssueCode, url: string, en: string, zh: string): Fetched => ({
  ok: false,
  issue: issue(code, ISSUE_SEVERITY[code], url, en, zh),
});

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

class TooLarge {
  /** `declared`: the size from Content-Length; else reading stopped at `bytes`. */
  constructor(
    readonly bytes: number,
    readonly declared: boolean,
  ) {}
}

/** The body as text, refusing (and cancelling) it past `max` bytes. */
async function readCapped(response: Response, max: number): Promise<string | TooLarge> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > max) {
    await response.body?.cancel().catch(() => {});
    return new TooLarge(declared, true);
  }
  if (!response.body) {
    const text = await response.text();
    return text.length > max ? new TooLarge(text.length, true) : text;
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder('utf-8');
  let total = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => {});
      return new TooLarge(total, false);
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}

/** Line and column of a character offset, for "not JSON" messages. */
function lineCol(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, col: offset - before.lastIndexOf('\n') };
}

function parseBody(text: string, url: string, contentType: string): Fetched {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return { ok: true, data: JSON.parse(body) };
  } catch (err) {
    const head = body.trimStart().slice(0, 200);
    if (/^<(!doctype\s+html|html|head|body)\b/i.test(head) || contentType.includes('text/html')) {
      const t = /<title[^>]*>([^<]*)<\/title>/i.exec(body.slice(0, 4000))?.[1]?.trim();
      const titled = t ? ` titled ${show(t, 60)}` : '';
      return fileIssue(
        'html-page',
        url,
        `${url} returned an HTML page${titled} instead of JSON (an error, login or directory page?)`,
        `${url} 返回的是 HTML 页面${titled ? `(标题 ${show(t, 60)})` : ''},而不是 JSON(错误页、登录页或目录页?)`,
      );
    }
    if (body.trim() === '') {
      return fileIssue('not-json', url, `${url} is empty`, `${url} 是空文件`);
    }
    // V8 and SpiderMonkey name the offset or the line and column of the first bad character.
    const msg = String(err);
    const offset = /position (\d+)/.exec(msg);
    const lc = offset
      ? lineCol(body, Number(offset[1]))
      : /line (\d+) column (\d+)/.exec(msg)?.slice(1).map(Number);
    const at = Array.isArray(lc) ? { line: lc[0]!, col: lc[1]! } : lc;
    const end = /end of (JSON )?(input|data)/i.test(msg);
    return fileIssue(
      'not-json',
      url,
      `${url} is not valid JSON${at ? ` at line ${at.line}, column ${at.col}` : ''}${end ? ' (it ends too early: truncated?)' : ''}; it starts with ${show(body.slice(0, 40), 60)}`,
      `${url} 不是有效的 JSON${at ? `(第 ${at.line} 行第 ${at.col} 列)` : ''}${end ? '(提前结束:文件被截断?)' : ''};开头为 ${show(body.slice(0, 40), 60)}`,
    );
  }
}

/** Fetch and parse one file. Bad answers become issues; only the caller's abort rejects. */
async function fetchJson(url: string, opts: LoadOptions, limits: PlanLimits): Promise<Fetched> {
  const doFetch = opts.fetch ?? globalThis.fetch;
  const ctrl = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    ctrl.abort(new Error('timeout'));
  }, limits.fetchTimeoutMs);
  const onAbort = () => ctrl.abort(opts.signal?.reason);
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  // Settles when anything aborts, so a fetch or body that ignores its signal cannot hang us.
  const aborted = new Promise<never>((_, reject) => {
    ctrl.signal.addEventListener('abort', () => reject(ctrl.signal.reason), { once: true });
  });
  aborted.catch(() => {});
  try {
    if (opts.signal?.aborted) throw opts.signal.reason;
    const response = await Promise.race([doFetch(url, { signal: ctrl.signal }), aborted]);
    if (!response.ok) {
      response.body?.cancel().catch(() => {});
      const status = `${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
      if (url.startsWith('file:') && response.status === 404) {
        return fileIssue(
          'file-not-found',
          url,
          `${url} does not exist: check the file name in the manifest`,
          `${url} 不存在:请检查清单中的文件名`,
        );
      }
      return response.status === 404 || response.status === 410
        ? fileIssue(
            'file-not-found',
            url,
            `${url} was not found (HTTP ${status}): check the file name and where it is published`,
            `找不到 ${url}(HTTP ${status}):请检查文件名和发布位置`,
          )
        : fileIssue(
            'http-error',
            url,
            `${url} answered HTTP ${status}`,
            `${url} 返回 HTTP ${status}`,
          );
    }
    const text = await Promise.race([readCapped(response, limits.maxFileBytes), aborted]);
    if (text instanceof TooLarge) {
      const limit = megabytes(limits.maxFileBytes);
      return text.declared
        ? fileIssue(
            'file-too-large',
            url,
            `${url} is ${megabytes(text.bytes)}, more than the limit of ${limit}; refused unread (split the layer or simplify its geometry)`,
            `${url} 大小为 ${megabytes(text.bytes)},超过 ${limit} 的上限;未读取(请拆分图层或简化几何)`,
          )
        : fileIssue(
            'file-too-large',
            url,
            `${url} is larger than the limit of ${limit}; reading stopped at ${megabytes(text.bytes)} (split the layer or simplify its geometry)`,
            `${url} 超过 ${limit} 的上限;读到 ${megabytes(text.bytes)} 时已停止(请拆分图层或简化几何)`,
          );
    }
    return parseBody(text, url, response.headers.get('content-type') ?? '');
  } catch (err) {
    if (opts.signal?.aborted) throw opts.signal.reason ?? err;
    if (timedOut) {
      return fileIssue(
        'fetch-timeout',
        url,
        `${url} did not arrive within ${limits.fetchTimeoutMs / 1000} s`,
        `${url} 在 ${limits.fetchTimeoutMs / 1000} 秒内未能加载完成`,
      );
    }
    const reason = err instanceof Error ? err.message : String(err);
    return fileIssue(
      'fetch-failed',
      url,
      `Could not fetch ${url}: ${truncate(reason, 200)} (offline, blocked by CORS, or a wrong address?)`,
      `无法获取 ${url}:${truncate(reason, 200)}(离线、被 CORS 拦截或地址错误?)`,
    );
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', onAbort);
  }
}

function resolver(manifestUrl: string): (name: string) => string | null {
  const base = new URL(manifestUrl);
  const allowed = base.protocol === 'file:' ? ['file:', 'http:', 'https:'] : ['http:', 'https:'];
  return (name) => {
    try {
      const u = new URL(name, base);
      return allowed.includes(u.protocol) ? u.href : null;
    } catch {
      return null;
    }
  };
}

/** Load the manifest at `url` and its layers (fetched in parallel). */
export async function loadPlan(url: string, opts: LoadOptions = {}): Promise<LoadResult> {
  const limits = resolveLimits(opts.limits);
  let manifestUrl: string;
  try {
    manifestUrl = new URL(url, globalThis.location?.href ?? 'http://localhost/').href;
  } catch {
    return {
      plan: null,
      issues: [
        issue(
          'fetch-failed',
          'error',
          String(url),
          `${show(url)} is not a URL`,
          `${show(url)} 不是有效的地址`,
        ),
      ],
    };
  }
  const got = await fetchJson(manifestUrl, opts, limits);
  if (!got.ok) return { plan: null, issues: [got.issue] };
  const checked = checkManifest(got.data, manifestUrl, limits, resolver(manifestUrl));
  if ('fatal' in checked) return { plan: null, issues: checked.fatal };

  const unlocatedFile =
    typeof checked.unlocated === 'string' && checked.unlocated.length <= 500
      ? resolver(manifestUrl)(checked.unlocated)
      : null;
  const [fetched, unlocatedGot] = await Promise.all([
    Promise.all(checked.layers.map((l) => fetchJson(l.location, opts, limits))),
    unlocatedFile ? fetchJson(unlocatedFile, opts, limits) : Promise.resolve(null),
  ]);
  const issues = [...checked.issues];
  const raws = checked.layers.map((layer, i) => {
    const f = fetched[i]!;
    if (!f.ok) issues.push(f.issue);
    return { layer, data: f.ok ? f.data : null };
  });
  let unlocated: unknown = checked.unlocated ?? [];
  let unlocatedName = manifestUrl;
  if (typeof checked.unlocated === 'string') {
    unlocatedName = unlocatedFile ?? manifestUrl;
    if (unlocatedGot?.ok) unlocated = unlocatedGot.data;
    else {
      if (unlocatedGot) issues.push(unlocatedGot.issue);
      else {
        issues.push(
          issue(
            'bad-unlocated',
            'error',
            manifestUrl,
            `Manifest ${baseName(manifestUrl)}: "unlocated" ${show(checked.unlocated)} is not a usable file name`,
            `清单 ${baseName(manifestUrl)}:"unlocated" ${show(checked.unlocated)} 不是可用的文件名`,
          ),
        );
      }
      unlocated = [];
    }
  }
  const plan = await runStepsAsync(
    assemble(checked.manifest, manifestUrl, raws, unlocated, unlocatedName, issues, limits),
    opts.signal,
  );
  return { plan, issues: capIssues(issues, limits.maxIssuesPerCode) };
}

/**
 * One layer file on its own (for data authors checking a file before it joins a plan): fetch,
 * parse and validate it — structure, geometry, schema, ids unique within the file. Checks that
 * need the plan (extent, references, datum signature) are not run.
 */
export async function loadLayer(
  url: string,
  opts: LoadOptions = {},
): Promise<{ features: PlanFeatureOut[]; issues: PlanIssue[] }> {
  const limits = resolveLimits(opts.limits);
  const got = await fetchJson(url, opts, limits);
  if (!got.ok) return { features: [], issues: [got.issue] };
  const v = validateLayer(got.data, url, { limits });
  const layer = { file: url, features: v.features };
  const issues = [...v.issues, ...dropDuplicateIds([layer])];
  return { features: layer.features, issues: capIssues(issues, limits.maxIssuesPerCode) };
}

/**
 * Use an in-memory plan: the manifest plus each layer's FeatureCollection keyed by layer id
 * (and optionally `unlocated`). Same checks as {@link loadPlan}, synchronously.
 */
export function planFromObjects(
  manifest: PlanManifest | unknown,
  data: Record<string, unknown>,
  opts: { limits?: Partial<PlanLimits> } = {},
): LoadResult {
  return runSteps(planFromObjectsSteps(manifest, data, opts));
}

/**
 * {@link planFromObjects} without blocking the page: validation yields to the event loop
 * between stretches of work (use it for large in-memory plans). Rejects only on `signal`.
 */
export function planFromObjectsAsync(
  manifest: PlanManifest | unknown,
  data: Record<string, unknown>,
  opts: { limits?: Partial<PlanLimits>; signal?: AbortSignal } = {},
): Promise<LoadResult> {
  return runStepsAsync(planFromObjectsSteps(manifest, data, opts), opts.signal);
}

function* planFromObjectsSteps(
  manifest: PlanManifest | unknown,
  data: Record<string, unknown>,
  opts: { limits?: Partial<PlanLimits> },
): Generator<void, LoadResult> {
  const limits = resolveLimits(opts.limits);
  const checked = checkManifest(manifest, 'plan', limits, (name) => name);
  if ('fatal' in checked) return { plan: null, issues: checked.fatal };
  const issues = [...checked.issues];
  const own = (key: string): unknown =>
    typeof data === 'object' && data !== null && Object.hasOwn(data, key) ? data[key] : undefined;
  const raws = checked.layers.map((layer) => {
    const d = own(layer.spec.id);
    if (d === undefined || d === null) {
      issues.push(
        issue(
          'file-not-found',
          'error',
          layer.spec.file,
          `No data for layer "${layer.spec.id}" (${layer.spec.file})`,
          `图层 "${layer.spec.id}"(${layer.spec.file})没有数据`,
        ),
      );
      return { layer, data: null };
    }
    return { layer, data: d };
  });
  const unlocated = own('unlocated') ?? checked.unlocated ?? [];
  const plan = yield* assemble(
    checked.manifest,
    null,
    raws,
    typeof unlocated === 'string' ? [] : unlocated,
    'unlocated',
    issues,
    limits,
  );
  return { plan, issues: capIssues(issues, limits.maxIssuesPerCode) };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The unlocated list: named items; bad entries are reported and left out. */
function checkUnlocated(
  data: unknown,
  file: string,
  limits: PlanLimits,
  issues: PlanIssue[],
): UnlocatedItem[] {
  const name = baseName(file);
  if (!Array.isArray(data)) {
    issues.push(
      issue(
        'bad-unlocated',
        'error',
        file,
        `${name}: the unlocated list is not an array (found ${show(data, 40)})`,
        `${name}:未定位项目列表不是数组(实际为 ${show(data, 40)})`,
      ),
    );
    return [];
  }
  const out: UnlocatedItem[] = [];
  const seen = new Set<string>();
  data.forEach((u: unknown, i: number) => {
    const path = `unlocated[${i}]`;
    const ok =
      isRecord(u) &&
      typeof u.id === 'string' &&
      u.id !== '' &&
      typeof u.name_zh === 'string' &&
      u.name_zh.trim() !== '' &&
      typeof u.name_en === 'string' &&
      u.name_en.trim() !== '';
    if (!ok || seen.has(u.id as string)) {
      const id = isRecord(u) && typeof u.id === 'string' ? u.id : undefined;
      issues.push(
        issue(
          'bad-unlocated',
          'error',
          file,
          ok
            ? `${name}, ${path}: id ${show(id)} is listed twice; left out`
            : `${name}, ${path}${id ? ` (${show(id)})` : ''}: needs text "id", "name_zh" and "name_en"; left out`,
          ok
            ? `${name} ${path}:id ${show(id)} 重复;未载入`
            : `${name} ${path}${id ? `(${show(id)})` : ''}:需要文本 "id"、"name_zh" 和 "name_en";未载入`,
          { path, ...(id ? { featureId: id } : {}) },
        ),
      );
      return;
    }
    const r = u as Record<string, unknown>;
    seen.add(r.id as string);
    const text = (v: unknown, max: number) => (typeof v === 'string' ? truncate(v, max) : '');
    const sources: SourceRef[] = Array.isArray(r.sources)
      ? r.sources
          .filter(
            (s: unknown): s is Record<string, unknown> => isRecord(s) && typeof s.doc === 'string',
          )
          .map((s) => ({
            doc: text(s.doc, limits.maxNameChars),
            where: text(s.where, limits.maxTextChars),
            quote: text(s.quote, limits.maxTextChars),
          }))
      : [];
    const item: UnlocatedItem = {
      id: truncate(r.id as string, 100),
      kind: (typeof r.kind === 'string' && (ITEM_KINDS as readonly string[]).includes(r.kind)
        ? r.kind
        : 'project') as UnlocatedItem['kind'],
      name_zh: text(r.name_zh, limits.maxNameChars),
      name_en: text(r.name_en, limits.maxNameChars),
      reason: text(r.reason, limits.maxTextChars),
      sources,
    };
    if (typeof r.status === 'string') item.status = r.status as UnlocatedItem['status'];
    if (typeof r.category === 'string') item.category = text(r.category, limits.maxNameChars);
    if (Array.isArray(r.history)) {
      item.history = r.history.filter(
        (h: unknown): h is NonNullable<UnlocatedItem['history']>[number] =>
          isRecord(h) && typeof h.year === 'number' && typeof h.status === 'string',
      );
    }
    if ([item.name_zh, item.name_en, item.reason].some(hasMarkup)) {
      issues.push(
        issue(
          'markup-in-text',
          'warning',
          file,
          `${name}, ${path} (${show(item.id)}): contains HTML markup; it is shown as literal text`,
          `${name} ${path}(${show(item.id)}):含 HTML 标记;按原文显示`,
          { path, featureId: item.id },
        ),
      );
    }
    out.push(item);
  });
  return out;
}

function dataBbox(layers: { features: PlanFeatureOut[] }[]): BBox {
  const features = layers.flatMap((l) => l.features);
  if (features.length === 0) return [-180, -85, 180, 85];
  const [w, s, e, n] = turfBbox({ type: 'FeatureCollection', features });
  const pad = 0.01;
  return [
    Math.max(-180, w - pad),
    Math.max(-90, s - pad),
    Math.min(180, e + pad),
    Math.min(90, n + pad),
  ];
}

/** Longest stretch of validation work between two yields to the page, milliseconds. */
const STEP_BUDGET_MS = 30;

/**
 * Runs a step generator, giving the event loop a turn whenever a stretch of steps has taken
 * {@link STEP_BUDGET_MS}: a large plan is validated without freezing the page. The caller's
 * abort is honoured between stretches.
 */
async function runStepsAsync<T>(steps: Generator<void, T>, signal?: AbortSignal): Promise<T> {
  let since = performance.now();
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    if (performance.now() - since > STEP_BUDGET_MS) {
      await new Promise<void>((resolve) => setTimeout(resolve, 0));
      if (signal?.aborted) throw signal.reason;
      since = performance.now();
    }
  }
}

function* assemble(
  manifest: ReturnType<typeof checkManifest> extends infer R
    ? R extends { manifest: infer M }
      ? M
      : never
    : never,
  baseUrl: string | null,
  raws: { layer: CheckedLayer; data: unknown }[],
  unlocated: unknown,
  unlocatedFile: string,
  issues: PlanIssue[],
  limits: PlanLimits,
): Generator<void, LoadedPlan> {
  const b = manifest.bbox;
  const m = limits.extentMarginDeg;
  const extent: BBox | null = b
    ? [
        Math.max(-180, b[0] - m),
        Math.max(-90, b[1] - m),
        Math.min(180, b[2] + m),
        Math.min(90, b[3] + m),
      ]
    : null;
  let budget = limits.maxFeaturesTotal;
  let layerMissing = false;
  const checked: (PlanLayerForChecks & { layer: CheckedLayer })[] = [];
  for (const { layer, data } of raws) {
    const base = { layer, file: layer.location, kind: layer.spec.kind, id: layer.spec.id };
    if (data === null) {
      layerMissing = true;
      checked.push({ ...base, features: [] });
      continue;
    }
    const v = yield* validateLayerSteps(data, layer.location, {
      extent,
      datum: layer.datum,
      limits,
      featureBudget: budget,
    });
    budget -= v.features.length;
    issues.push(...v.issues);
    // A whole-file refusal (not one entry of `features`).
    if (v.issues.some((i) => i.severity === 'error' && !/^features\[\d+\]/.test(i.path ?? ''))) {
      layerMissing = true;
    }
    checked.push({ ...base, features: v.features });
    yield;
  }
  issues.push(...dropDuplicateIds(checked));
  issues.push(
    ...checkReferences(checked, new Set(manifest.sources.map((s) => s.id)), { layerMissing }),
  );
  issues.push(...checkDatumSignatures(checked));
  const layers: LoadedLayer[] = checked.map((c) => ({
    spec: c.layer.spec,
    data: { type: 'FeatureCollection', features: c.features },
  }));
  const full: PlanManifest = { ...manifest, bbox: b ?? dataBbox(checked) };
  return {
    manifest: full,
    baseUrl,
    layers,
    unlocated: checkUnlocated(unlocated, unlocatedFile, limits, issues),
  };
}
