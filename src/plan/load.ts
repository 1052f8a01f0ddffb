/**
 * Loads a plan package: the manifest, then every layer file beside it.
 * Never throws on bad input: whatever can be used is returned with a list of issues
 * (codes in ./issues.ts, limits in ./limits.ts). Only the caller's own abort signal rejects.
 */
import { bbox as turfBbox } from '@turf/bbox';
import type { BBox } from './geometry.js';
import { isRecord } from './guards.js';
import {
  capIssues,
  ISSUE_SEVERITY,
  type IssueCode,
  IssueCollector,
  issue,
  type PlanIssue,
  redactUrl,
  show,
} from './issues.js';
import { type PlanLimits, resolveLimits } from './limits.js';
import { type CheckedLayer, checkManifest, type Resolver } from './manifest.js';
import { MESSAGES, type Msg } from './property-rules.js';
import { hasMarkup, truncate } from './text.js';
import {
  ITEM_CATEGORIES,
  isItemKind,
  isPlausibleYear,
  type LoadedLayer,
  type LoadedPlan,
  type PlanManifest,
  type SourceRef,
  STATUSES,
  type UnlocatedItem,
} from './types.js';
import {
  baseName,
  checkDatumSignatures,
  checkReferences,
  dropDuplicateIds,
  looksLikeFormula,
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
  /**
   * May layer (and unlocated) files come from other origins than the manifest's? Default
   * false: every file must resolve inside the package — the manifest's folder on its origin
   * (absolute paths, `file:` URLs and `../` escapes are refused with `outside-package`).
   * The element sets it from its `remote-layers` attribute, the CLI from `--allow-network`.
   */
  remoteLayers?: boolean;
  /**
   * Called at most once, with the plan made of the layers that have arrived, when others are
   * still on their way {@link PARTIAL_AFTER_MS} after the manifest: one stalled file must not
   * hold back the rest. Its issues are left for the final result; `pending` lists the layer ids
   * still awaited. Never called after `loadPlan` has settled.
   */
  onPartial?: (partial: { plan: LoadedPlan; pending: string[] }) => void;
}

/** How long the layers may keep the plan waiting before what has arrived is shown. */
export const PARTIAL_AFTER_MS = 1_500;

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

/** The body is not UTF-8: `what` names the encoding it looks like. */
class BadEncoding {
  constructor(readonly what: 'utf-16' | 'other') {}
}

/** A UTF-16 byte order mark, or the NUL bytes UTF-16 puts beside ASCII characters. */
function looksUtf16(head: Uint8Array): boolean {
  if (
    head.length >= 2 &&
    ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))
  ) {
    return true;
  }
  let nul = 0;
  const n = Math.min(head.length, 200);
  for (let i = 0; i < n; i++) if (head[i] === 0) nul++;
  return n >= 4 && nul * 4 >= n;
}

/** The body as UTF-8 text, refusing (and cancelling) it past `max` bytes or when not UTF-8. */
async function readCapped(
  response: Response,
  max: number,
): Promise<string | TooLarge | BadEncoding> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > max) {
    await response.body?.cancel().catch(() => {});
    return new TooLarge(declared, true);
  }
  if (!response.body) {
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (bytes.byteLength > max) return new TooLarge(bytes.byteLength, true);
    return decodeUtf8([bytes]);
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let total = 0;
  let text = '';
  let first = true;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (first && value.byteLength > 0) {
        first = false;
        if (looksUtf16(value)) {
          await reader.cancel().catch(() => {});
          return new BadEncoding('utf-16');
        }
      }
      total += value.byteLength;
      if (total > max) {
        await reader.cancel().catch(() => {});
        return new TooLarge(total, false);
      }
      text += decoder.decode(value, { stream: true });
    }
    return text + decoder.decode();
  } catch (err) {
    if (err instanceof TypeError && !(err.message || '').match(/abort|network|fetch/i)) {
      await reader.cancel().catch(() => {});
      return new BadEncoding('other');
    }
    throw err;
  }
}

function decodeUtf8(chunks: Uint8Array[]): string | BadEncoding {
  const head = chunks[0];
  if (head && looksUtf16(head)) return new BadEncoding('utf-16');
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    let text = '';
    for (const c of chunks) text += decoder.decode(c, { stream: true });
    return text + decoder.decode();
  } catch {
    return new BadEncoding('other');
  }
}

/** `NaN` or `Infinity` where a JSON value belongs (JavaScript writes them; JSON has no such tokens). */
const NON_JSON_NUMBER = /[:,[]\s*(-?Infinity|NaN)\b/;

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
    const token = NON_JSON_NUMBER.exec(body)?.[1];
    if (token) {
      const at = lineCol(body, body.indexOf(token, NON_JSON_NUMBER.exec(body)!.index));
      return fileIssue(
        'not-json',
        url,
        `${url} is not valid JSON: ${token} at line ${at.line}, column ${at.col} is not a JSON number (write null, or a number)`,
        `${url} 不是有效的 JSON:第 ${at.line} 行第 ${at.col} 列的 ${token} 不是 JSON 数字(请写 null 或数字)`,
      );
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
    if (text instanceof BadEncoding) {
      return text.what === 'utf-16'
        ? fileIssue(
            'bad-encoding',
            url,
            `${url} is UTF-16 text; GeoJSON and plan files must be UTF-8 — save it as "UTF-8" (without BOM)`,
            `${url} 是 UTF-16 编码;GeoJSON 和规划文件必须是 UTF-8,请另存为 "UTF-8"(无 BOM)`,
          )
        : fileIssue(
            'bad-encoding',
            url,
            `${url} is not UTF-8 (Latin-1, GBK or another legacy encoding?); GeoJSON and plan files must be UTF-8 — save it as "UTF-8"`,
            `${url} 不是 UTF-8 编码(可能是 GBK、Latin-1 等旧编码);GeoJSON 和规划文件必须是 UTF-8,请另存为 "UTF-8"`,
          );
    }
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
    const reason = errorText(err);
    if (/redirect/i.test(reason)) {
      return fileIssue(
        'fetch-failed',
        url,
        `Could not fetch ${url}: it redirects too often (a redirect loop?): ${truncate(reason, 200)}`,
        `无法获取 ${url}:重定向次数过多(重定向循环?):${truncate(reason, 200)}`,
      );
    }
    return fileIssue(
      'fetch-failed',
      url,
      `Could not fetch ${url}: ${truncate(reason, 200)} (offline, blocked by CORS, a redirect loop, or a wrong address?)`,
      `无法获取 ${url}:${truncate(reason, 200)}(离线、被 CORS 拦截、重定向循环或地址错误?)`,
    );
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', onAbort);
  }
}

/** An error's message with its causes (Node's fetch hides "redirect count exceeded" in `cause`). */
function errorText(err: unknown): string {
  const parts: string[] = [];
  let e: unknown = err;
  for (let depth = 0; e !== undefined && e !== null && depth < 4; depth++) {
    parts.push(e instanceof Error ? e.message : String(e));
    e = e instanceof Error ? (e as { cause?: unknown }).cause : undefined;
  }
  return parts.filter(Boolean).join(': ');
}

/**
 * Where the files a manifest names may come from: inside the package — the manifest's folder,
 * on its origin — and, with `remote`, http(s) URLs of other origins. Anything else is refused
 * before it is fetched, with the reason (see `outside-package`).
 */
export function packageResolver(manifestUrl: string, remote = false): Resolver {
  const base = new URL(manifestUrl);
  const folder = new URL('.', base);
  const refuse = (en: string, zh: string) => ({ refused: { en, zh } });
  return (name) => {
    let u: URL;
    try {
      u = new URL(name, base);
    } catch {
      return null;
    }
    const remoteUrl = u.protocol === 'http:' || u.protocol === 'https:';
    if (/^\s*file:/i.test(name)) {
      return refuse(
        'is a file: URL; a plan names its files relative to the manifest',
        '是 file: 地址;规划文件须用相对于清单的文件名',
      );
    }
    if (u.origin === folder.origin && u.protocol === folder.protocol) {
      if (u.pathname.startsWith(folder.pathname)) return u.href;
      return /^\s*[/\\]|^[a-z]:/i.test(name)
        ? refuse(
            'is an absolute path outside the plan package (name files relative to the manifest)',
            '是规划包之外的绝对路径(请用相对于清单的文件名)',
          )
        : refuse(
            'climbs out of the plan package ("../"); files must sit in the manifest\'s folder or below',
            '跳出了规划包("../");文件必须位于清单所在文件夹或其子文件夹',
          );
    }
    if (u.protocol === 'file:') {
      return refuse(
        'is a file: URL; a plan names its files relative to the manifest',
        '是 file: 地址;规划文件须用相对于清单的文件名',
      );
    }
    if (!remoteUrl) return null;
    if (remote) return u.href;
    return base.protocol === 'file:'
      ? refuse(
          'is on the network; the validator fetches nothing over the network unless given --allow-network',
          '位于网络上;校验工具默认不访问网络(需加 --allow-network)',
        )
      : refuse(
          `is on another origin (${redactUrl(u.origin)}); a plan loads files from other origins only when the element has the remote-layers attribute`,
          `位于其他源(${redactUrl(u.origin)});仅当元素设置 remote-layers 属性时才可从其他源加载文件`,
        );
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
  const resolve = packageResolver(manifestUrl, opts.remoteLayers === true);
  const checked = checkManifest(got.data, manifestUrl, limits, resolve);
  if ('fatal' in checked) return { plan: null, issues: checked.fatal };

  const issues = new IssueCollector(limits.maxIssuesPerCode);
  issues.addAll(checked.issues);
  const unlocatedRef =
    typeof checked.unlocated === 'string' && checked.unlocated.length <= 500
      ? resolve(checked.unlocated)
      : null;
  const unlocatedFile = typeof unlocatedRef === 'string' ? unlocatedRef : null;
  const arrived: (Fetched | undefined)[] = [];
  const partial = { settled: false };
  const layersIn = Promise.all(
    checked.layers.map((l, i) =>
      fetchJson(l.location, opts, limits).then((f) => {
        arrived[i] = f;
        return f;
      }),
    ),
  );
  const timer = opts.onPartial
    ? setTimeout(() => {
        void publishPartial(checked, manifestUrl, arrived, limits, opts, partial).catch(() => {});
      }, PARTIAL_AFTER_MS)
    : null;
  let fetched: Fetched[];
  let unlocatedGot: Fetched | null;
  try {
    [fetched, unlocatedGot] = await Promise.all([
      layersIn,
      unlocatedFile ? fetchJson(unlocatedFile, opts, limits) : Promise.resolve(null),
    ]);
  } finally {
    partial.settled = true;
    if (timer) clearTimeout(timer);
  }
  const raws = checked.layers.map((layer, i) => {
    const f = fetched[i]!;
    if (!f.ok) issues.add(f.issue);
    return { layer, data: f.ok ? f.data : null };
  });
  let unlocated: unknown = checked.unlocated ?? [];
  let unlocatedName = manifestUrl;
  if (typeof checked.unlocated === 'string') {
    unlocatedName = unlocatedFile ?? manifestUrl;
    if (unlocatedGot?.ok) unlocated = unlocatedGot.data;
    else {
      if (unlocatedGot) issues.add(unlocatedGot.issue);
      else if (unlocatedRef !== null && typeof unlocatedRef === 'object') {
        issues.add(
          issue(
            'outside-package',
            'error',
            manifestUrl,
            `Manifest ${baseName(manifestUrl)}: "unlocated" ${show(checked.unlocated)} ${unlocatedRef.refused.en}; not read`,
            `清单 ${baseName(manifestUrl)}:"unlocated" ${show(checked.unlocated)} ${unlocatedRef.refused.zh};未读取`,
            { path: 'unlocated' },
          ),
        );
      } else {
        issues.add(
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
  return { plan, issues: issues.list() };
}

/**
 * The plan of the layers that have arrived, for {@link LoadOptions.onPartial}: validated as the
 * final load is (its issues are not reported: the final result will), with the awaited layers
 * empty. Nothing when every layer or none has arrived, or the load has settled meanwhile.
 */
async function publishPartial(
  checked: Extract<ReturnType<typeof checkManifest>, { layers: unknown }>,
  manifestUrl: string,
  arrived: readonly (Fetched | undefined)[],
  limits: PlanLimits,
  opts: LoadOptions,
  state: { settled: boolean },
): Promise<void> {
  const pending = checked.layers.filter((_, i) => arrived[i] === undefined).map((l) => l.spec.id);
  if (state.settled || pending.length === 0 || pending.length === checked.layers.length) return;
  const raws = checked.layers.map((layer, i) => {
    const f = arrived[i];
    return { layer, data: f?.ok ? f.data : null };
  });
  const ignored = new IssueCollector(0);
  const plan = await runStepsAsync(
    assemble(checked.manifest, manifestUrl, raws, [], manifestUrl, ignored, limits),
    opts.signal,
  );
  if (!state.settled) opts.onPartial?.({ plan, pending });
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
  const issues = new IssueCollector(limits.maxIssuesPerCode);
  issues.addAll(checked.issues);
  const own = (key: string): unknown =>
    typeof data === 'object' && data !== null && Object.hasOwn(data, key) ? data[key] : undefined;
  const raws = checked.layers.map((layer) => {
    const d = own(layer.spec.id);
    if (d === undefined || d === null) {
      issues.add(
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
  return { plan, issues: issues.list() };
}

/** The unlocated list: named items; bad entries are reported and left out. */
function checkUnlocated(
  data: unknown,
  file: string,
  limits: PlanLimits,
  sourceIds: ReadonlySet<string>,
  issues: IssueCollector,
): UnlocatedItem[] {
  const name = baseName(file);
  if (!Array.isArray(data)) {
    issues.add(
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
  for (let i = 0; i < data.length; i++) {
    const item = checkUnlocatedEntry(data[i], i, { file, name, limits, sourceIds, seen, issues });
    if (item) out.push(item);
  }
  return out;
}

interface UnlocatedContext {
  file: string;
  name: string;
  limits: PlanLimits;
  sourceIds: ReadonlySet<string>;
  seen: Set<string>;
  issues: IssueCollector;
}

const STATUS_SET: ReadonlySet<string> = new Set(STATUSES);
const CATEGORY_SET: ReadonlySet<string> = new Set(ITEM_CATEGORIES);

/**
 * One unlocated entry, with the checks a feature gets: required names, unique id, the kind,
 * status and category vocabularies, plausible history years, long, markup and formula-like
 * text, cited sources. Null (and an issue) when it must be left out.
 */
function checkUnlocatedEntry(u: unknown, i: number, c: UnlocatedContext): UnlocatedItem | null {
  const path = `unlocated[${i}]`;
  const rawId = isRecord(u) && typeof u.id === 'string' ? u.id : undefined;
  const say = (code: IssueCode, msg: Msg, key?: string) => report(code, msg.en, msg.zh, key);
  const report = (code: IssueCode, en: string, zh: string, key?: string) =>
    c.issues.add(
      issue(
        code,
        ISSUE_SEVERITY[code],
        c.file,
        `${c.name}, ${path}${rawId ? ` (${show(rawId)})` : ''}: ${en}`,
        `${c.name} ${path}${rawId ? `(${show(rawId)})` : ''}:${zh}`,
        { path: key ? `${path}.${key}` : path, ...(rawId ? { featureId: rawId } : {}) },
      ),
    );
  const named = (v: unknown) => typeof v === 'string' && v.trim() !== '';
  if (!isRecord(u) || !rawId || !named(u.name_zh) || !named(u.name_en)) {
    report(
      'bad-unlocated',
      'needs text "id", "name_zh" and "name_en"; left out',
      '需要文本 "id"、"name_zh" 和 "name_en";未载入',
    );
    return null;
  }
  if (c.seen.has(rawId)) {
    report('bad-unlocated', 'the id is listed twice; left out', 'id 重复;未载入');
    return null;
  }
  if (u.kind !== undefined && !isItemKind(u.kind)) {
    report(
      'unknown-kind',
      `kind ${show(u.kind, 40)} is not an item kind (project, lab, infrastructure); left out`,
      `类型 kind ${show(u.kind, 40)} 不是项目类型(project、lab、infrastructure);未载入`,
      'kind',
    );
    return null;
  }
  if (u.status !== undefined && !(typeof u.status === 'string' && STATUS_SET.has(u.status))) {
    const msg = MESSAGES.unknownStatus(u.status);
    say('unknown-status', { en: `${msg.en}; left out`, zh: `${msg.zh};未载入` }, 'status');
    return null;
  }
  if (
    u.category !== undefined &&
    !(typeof u.category === 'string' && CATEGORY_SET.has(u.category))
  ) {
    const msg = MESSAGES.unknownCategory(u.category);
    say('unknown-category', { en: `${msg.en}; left out`, zh: `${msg.zh};未载入` }, 'category');
    return null;
  }
  c.seen.add(rawId);
  const long: string[] = [];
  const text = (key: string, v: unknown, max: number): string => {
    if (typeof v !== 'string') return '';
    if (v.length > max) long.push(key);
    return truncate(v, max);
  };
  const { limits } = c;
  const sources: SourceRef[] = Array.isArray(u.sources)
    ? u.sources
        .filter(
          (s: unknown): s is Record<string, unknown> => isRecord(s) && typeof s.doc === 'string',
        )
        .map((s) => ({
          doc: text('sources.doc', s.doc, limits.maxNameChars),
          where: text('sources.where', s.where, limits.maxTextChars),
          quote: text('sources.quote', s.quote, limits.maxTextChars),
        }))
    : [];
  const item: UnlocatedItem = {
    id: truncate(rawId, 100),
    kind: isItemKind(u.kind) ? u.kind : 'project',
    name_zh: text('name_zh', u.name_zh, limits.maxNameChars),
    name_en: text('name_en', u.name_en, limits.maxNameChars),
    reason: text('reason', u.reason, limits.maxTextChars),
    sources,
  };
  if (typeof u.status === 'string') item.status = u.status as UnlocatedItem['status'];
  if (typeof u.category === 'string') item.category = u.category;
  if (Array.isArray(u.history)) item.history = unlocatedHistory(u.history, say);
  const unknownDocs = [...new Set(sources.map((s) => s.doc).filter((d) => !c.sourceIds.has(d)))];
  if (unknownDocs.length > 0) {
    say('unknown-source', MESSAGES.unknownSources(unknownDocs), 'sources');
  }
  if (long.length > 0) {
    say('long-text', MESSAGES.longText(long, limits), long[0]);
  }
  const texts: [string, string][] = [
    ['name_zh', item.name_zh],
    ['name_en', item.name_en],
    ['reason', item.reason],
  ];
  const markup = texts.find(([, v]) => hasMarkup(v));
  if (markup) {
    say('markup-in-text', MESSAGES.markup(markup[0], markup[1]), markup[0]);
  }
  const formula = texts.find(([, v]) => looksLikeFormula(v));
  if (formula) {
    say('formula-text', MESSAGES.formula(formula[0], formula[1]), formula[0]);
  }
  return item;
}

/** History steps of an unlocated entry: well-formed steps with plausible years; the rest reported. */
function unlocatedHistory(
  raw: unknown[],
  say: (code: IssueCode, msg: Msg, key?: string) => void,
): NonNullable<UnlocatedItem['history']> {
  const shaped = raw.filter(
    (
      h: unknown,
    ): h is { year: number; status: UnlocatedItem['status'] & string; source?: unknown } =>
      isRecord(h) &&
      typeof h.year === 'number' &&
      typeof h.status === 'string' &&
      STATUS_SET.has(h.status),
  );
  if (shaped.length !== raw.length) {
    say('bad-optional-property', MESSAGES.badHistory(raw.length - shaped.length), 'history');
  }
  const bad = shaped.filter((h) => !isPlausibleYear(h.year)).map((h) => h.year);
  if (bad.length > 0) {
    say('bad-year', MESSAGES.badYears(bad), 'history');
  }
  return shaped
    .filter((h) => isPlausibleYear(h.year))
    .map((h) => ({
      year: h.year,
      status: h.status,
      source: typeof h.source === 'string' ? h.source : '',
    }));
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
  issues: IssueCollector,
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
    issues.addAll(v.issues);
    // A whole-file refusal (not one entry of `features`).
    if (v.refused) layerMissing = true;
    checked.push({ ...base, features: v.features });
    yield;
  }
  const sourceIds = new Set(manifest.sources.map((s) => s.id));
  issues.addAll(dropDuplicateIds(checked));
  yield;
  issues.addAll(checkReferences(checked, sourceIds, { layerMissing }));
  yield;
  issues.addAll(checkDatumSignatures(checked));
  const layers: LoadedLayer[] = checked.map((c) => ({
    spec: c.layer.spec,
    data: { type: 'FeatureCollection', features: c.features },
  }));
  const full: PlanManifest = { ...manifest, bbox: b ?? dataBbox(checked) };
  return {
    manifest: full,
    baseUrl,
    layers,
    unlocated: checkUnlocated(unlocated, unlocatedFile, limits, sourceIds, issues),
  };
}
