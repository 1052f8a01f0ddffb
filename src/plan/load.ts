/**
 * Loads a plan package: the manifest, then every layer file beside it.
 * Never throws on bad input: whatever can be used is returned with a list of issues
 * (codes in ./issues.ts, limits in ./limits.ts). Only the caller's own abort signal rejects.
 */
import { bbox as turfBbox } from '@turf/bbox';
import { type Finding, finding, issueAt } from './finding.js';
import type { BBox } from './geometry.js';
import { isRecord } from './guards.js';
import { capIssues, type IssueCode, IssueCollector, type PlanIssue, redactUrl } from './issues.js';
import { type PlanLimits, resolveLimits } from './limits.js';
import { type CheckedLayer, checkManifest, type Resolver } from './manifest.js';
import { MESSAGES, type Msg, WHERE } from './messages.js';
import { nextTask } from './next-task.js';
import { checkProperties, citedSourcesRule, unlocatedRules } from './property-rules.js';
import type { LayerRead } from './read-layer.js';
import { truncate } from './text.js';
import {
  type Datum,
  isItemKind,
  type LargeLayer,
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
  type LayerValidation,
  type PlanFeatureOut,
  type PlanLayerForChecks,
  runSteps,
  validateLayer,
  validateLayerSteps,
  withinBudget,
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
  /**
   * Reads an item layer's answer away from this thread (the element passes the one of
   * `read-off-thread.ts`, which hands large bodies to its worker). It gives the file read and
   * validated, or the answer back for this thread to read. Absent (Node, the CLI): every file is
   * read here.
   */
  readOffThread?: ReadOffThread;
}

/** How a layer file is to be checked: its place in the plan. */
export interface ReadContext {
  /** Plan bbox grown by the extent margin, or null. */
  extent: BBox | null;
  datum: Datum;
  limits: PlanLimits;
}

/**
 * See {@link LoadOptions.readOffThread}: the file read, or an answer for this thread to read
 * (`response` itself, or the same answer rebuilt when the reader has read some of it). Rejects
 * only when `signal` aborts or the reader fails.
 */
export type ReadOffThread = (
  url: string,
  response: Response,
  ctx: ReadContext,
  signal: AbortSignal,
) => Promise<Fetched | Response>;

/** A layer read and validated off this thread: its features and what the reader found. */
export type OffThreadLayer = Omit<LayerRead, 'issues' | 'unread'> & {
  issues: PlanIssue[];
  features: PlanFeatureOut[];
};

/** How long the layers may keep the plan waiting before what has arrived is shown. */
export const PARTIAL_AFTER_MS = 1_500;

/**
 * A fetched file: its JSON (or, read off this thread, `data` null and the layer `read`), or the
 * issue; `oversize` when it was refused for its size.
 */
export type Fetched =
  | { ok: true; data: unknown; read?: OffThreadLayer }
  | { ok: false; issue: PlanIssue; oversize?: { bytes: number; declared: boolean } };

const fileIssue = (code: IssueCode, url: string, msg: Msg): Fetched => ({
  ok: false,
  issue: issueAt(code, url, null, msg),
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
  try {
    return await readStream(reader, max);
  } catch (err) {
    if (err instanceof TypeError && !(err.message || '').match(/abort|network|fetch/i)) {
      await reader.cancel().catch(() => {});
      return new BadEncoding('other');
    }
    throw err;
  }
}

/** Reads a body stream as UTF-8 (a decoding error throws a TypeError), stopping past `max`. */
async function readStream(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  max: number,
): Promise<string | TooLarge | BadEncoding> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let total = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const refusal =
      total === 0 && value.byteLength > 0 && looksUtf16(value)
        ? new BadEncoding('utf-16')
        : total + value.byteLength > max
          ? new TooLarge(total + value.byteLength, false)
          : null;
    if (refusal) {
      await reader.cancel().catch(() => {});
      return refusal;
    }
    total += value.byteLength;
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
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
    return notJson(body, url, contentType, String(err));
  }
}

/** Why a body is not JSON: an HTML page, nothing, a NaN or Infinity token, or where it broke. */
function notJson(body: string, url: string, contentType: string, error: string): Fetched {
  const head = body.trimStart().slice(0, 200);
  if (/^<(!doctype\s+html|html|head|body)\b/i.test(head) || contentType.includes('text/html')) {
    const title = /<title[^>]*>([^<]*)<\/title>/i.exec(body.slice(0, 4000))?.[1]?.trim();
    return fileIssue('html-page', url, MESSAGES.htmlPage(url, title || undefined));
  }
  if (body.trim() === '') return fileIssue('not-json', url, MESSAGES.emptyFile(url));
  const token = NON_JSON_NUMBER.exec(body);
  if (token) {
    const at = lineCol(body, body.indexOf(token[1]!, token.index));
    return fileIssue('not-json', url, MESSAGES.nonJsonNumber(url, token[1]!, at.line, at.col));
  }
  const end = /end of (JSON )?(input|data)/i.test(error);
  return fileIssue(
    'not-json',
    url,
    MESSAGES.notJson(url, errorPosition(body, error), end, body.slice(0, 40)),
  );
}

/** V8 and SpiderMonkey name the offset, or the line and column, of the first bad character. */
function errorPosition(body: string, error: string): { line: number; col: number } | undefined {
  const offset = /position (\d+)/.exec(error);
  if (offset) return lineCol(body, Number(offset[1]));
  const lc = /line (\d+) column (\d+)/.exec(error);
  return lc ? { line: Number(lc[1]), col: Number(lc[2]) } : undefined;
}

/** The issue of an HTTP answer that is not 2xx. */
function statusIssue(url: string, response: Response): Fetched {
  response.body?.cancel().catch(() => {});
  const status = `${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
  if (url.startsWith('file:') && response.status === 404) {
    return fileIssue('file-not-found', url, MESSAGES.fileMissing(url));
  }
  return response.status === 404 || response.status === 410
    ? fileIssue('file-not-found', url, MESSAGES.notFound(url, status))
    : fileIssue('http-error', url, MESSAGES.httpError(url, status));
}

/** The issue of a body that could not be read: not UTF-8, or too large. */
function unreadIssue(url: string, r: TooLarge | BadEncoding, maxBytes: number): Fetched {
  if (r instanceof BadEncoding) {
    return fileIssue(
      'bad-encoding',
      url,
      r.what === 'utf-16' ? MESSAGES.utf16(url) : MESSAGES.notUtf8(url),
    );
  }
  const refused = tooLargeIssue(url, r.bytes, r.declared, maxBytes);
  return { ...refused, oversize: { bytes: r.bytes, declared: r.declared } };
}

/** `file-too-large`: the file declared `bytes`, or reading stopped there, past `maxBytes`. */
function tooLargeIssue(url: string, bytes: number, declared: boolean, maxBytes: number) {
  const limit = megabytes(maxBytes);
  return fileIssue(
    'file-too-large',
    url,
    declared
      ? MESSAGES.tooLargeDeclared(url, megabytes(bytes), limit)
      : MESSAGES.tooLargeRead(url, limit, megabytes(bytes)),
  ) as Extract<Fetched, { ok: false }>;
}

/** The issue of a fetch that threw: timed out, redirected in a loop, or failed. */
function failureIssue(url: string, err: unknown, timedOut: boolean, limits: PlanLimits): Fetched {
  if (timedOut)
    return fileIssue('fetch-timeout', url, MESSAGES.timeout(url, limits.fetchTimeoutMs / 1000));
  const reason = errorText(err);
  const why = truncate(reason, 200);
  return /redirect/i.test(reason)
    ? fileIssue('fetch-failed', url, MESSAGES.redirectLoop(url, why))
    : fileIssue('fetch-failed', url, MESSAGES.fetchFailed(url, why));
}

/**
 * Fetch and parse one file (at most `limits.maxFileBytes`). Bad answers become issues; only the
 * caller's abort rejects.
 */
export async function fetchJson(
  url: string,
  opts: LoadOptions,
  limits: PlanLimits,
  offThread?: (response: Response, signal: AbortSignal) => Promise<Fetched | Response>,
): Promise<Fetched> {
  const maxBytes = limits.maxFileBytes;
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
    if (!response.ok) return statusIssue(url, response);
    const left = offThread
      ? await Promise.race([offThread(response, ctrl.signal), aborted])
      : response;
    if (!(left instanceof Response)) return left;
    const text = await Promise.race([readCapped(left, maxBytes), aborted]);
    if (typeof text !== 'string') return unreadIssue(url, text, maxBytes);
    return parseBody(text, url, left.headers.get('content-type') ?? '');
  } catch (err) {
    if (opts.signal?.aborted) throw opts.signal.reason ?? err;
    return failureIssue(url, err, timedOut, limits);
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
  return (name) => {
    let u: URL;
    try {
      u = new URL(name, base);
    } catch {
      return null;
    }
    const refusal = /^\s*file:/i.test(name)
      ? MESSAGES.fileUrl()
      : u.origin === folder.origin && u.protocol === folder.protocol
        ? insidePackage(name, u, folder)
        : otherPlace(u, base, remote);
    return refusal === null || typeof refusal === 'string' ? refusal : { refused: refusal };
  };
}

/** A name on the manifest's own origin: inside its folder (the URL), or why not. */
function insidePackage(name: string, u: URL, folder: URL): string | Msg {
  if (u.pathname.startsWith(folder.pathname)) return u.href;
  return /^\s*[/\\]|^[a-z]:/i.test(name) ? MESSAGES.absolutePath() : MESSAGES.climbsOut();
}

/** A name elsewhere: an http(s) URL when remote files are allowed, else why not (null: unusable). */
function otherPlace(u: URL, base: URL, remote: boolean): string | Msg | null {
  if (u.protocol === 'file:') return MESSAGES.fileUrl();
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  if (remote) return u.href;
  return base.protocol === 'file:'
    ? MESSAGES.onNetwork()
    : MESSAGES.otherOrigin(redactUrl(u.origin));
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
      issues: [issueAt('fetch-failed', String(url), null, MESSAGES.notAUrl(url))],
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
  const offThread = (l: CheckedLayer) => {
    const reader = opts.readOffThread;
    if (!reader || l.spec.kind !== 'items') return undefined;
    const bbox = checked.manifest.bbox;
    const ctx = { extent: bbox ? checkExtent(bbox, limits) : null, datum: l.datum, limits };
    return (response: Response, signal: AbortSignal) => reader(l.location, response, ctx, signal);
  };
  const layersIn = Promise.all(
    checked.layers.map((l, i) =>
      fetchJson(l.location, opts, limits, offThread(l)).then((f) => {
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
  const raws = checked.layers.map((layer, i) => rawLayer(layer, fetched[i]!, limits, issues));
  const u = unlocatedOf(checked.unlocated, manifestUrl, unlocatedRef, unlocatedGot, issues);
  // The last file was parsed in this task (a large one takes ~150 ms): validate in the next.
  await nextTask(opts.signal);
  const plan = await runStepsAsync(
    assemble(checked.manifest, manifestUrl, raws, u.data, u.file, issues, limits),
    opts.signal,
  );
  return { plan, issues: issues.list() };
}

/** A layer's file as `assemble` takes it: its JSON, or null; `large` for a {@link LargeLayer}. */
interface RawLayer {
  layer: CheckedLayer;
  data: unknown;
  large?: boolean;
  /** Read and validated off this thread (`data` is null then). */
  read?: OffThreadLayer;
}

/**
 * A fetched layer: its data, or null and its issue. An item layer refused only for its size
 * is a large layer instead (read by the worker), unless it declares more than
 * `maxLargeLayerBytes`.
 */
function rawLayer(
  layer: CheckedLayer,
  f: Fetched,
  limits: PlanLimits,
  issues: IssueCollector,
): RawLayer {
  if (f.ok) return f.read ? { layer, data: null, read: f.read } : { layer, data: f.data };
  const over = f.oversize;
  if (over && layer.spec.kind === 'items') {
    if (!over.declared || over.bytes <= limits.maxLargeLayerBytes) {
      return { layer, data: null, large: true };
    }
    issues.add(tooLargeIssue(layer.location, over.bytes, true, limits.maxLargeLayerBytes).issue);
    return { layer, data: null };
  }
  issues.add(f.issue);
  return { layer, data: null };
}

/** A layer validated off this thread, under the plan's feature budget as this thread applies it. */
function offThreadValidation(
  read: OffThreadLayer,
  file: string,
  budget: number,
  limits: PlanLimits,
): LayerValidation {
  const v = { features: read.features, issues: read.issues, refused: read.refusal !== undefined };
  return withinBudget({ ...v, refusal: read.refusal }, read.rawCount, file, budget, limits);
}

/** Whether a layer from a URL is a large layer: too large to read here, or too many features. */
function isLarge(raw: RawLayer, limits: PlanLimits): boolean {
  return (
    raw.large === true ||
    raw.read?.overLayerLimit === true ||
    (raw.layer.spec.kind === 'items' && overFeatureLimit(raw.data, limits))
  );
}

/** Whether parsed layer data holds more features than a layer may hold on the main thread. */
function overFeatureLimit(data: unknown, limits: PlanLimits): boolean {
  return (
    isRecord(data) &&
    Array.isArray(data.features) &&
    data.features.length > limits.maxFeaturesPerLayer
  );
}

/**
 * The unlocated list a manifest gives: inline, or read from its file (`got`); with an issue
 * when the file was refused, not usable or not read, and an empty list then.
 */
function unlocatedOf(
  given: unknown,
  manifestUrl: string,
  ref: ReturnType<Resolver>,
  got: Fetched | null,
  issues: IssueCollector,
): { data: unknown; file: string } {
  if (typeof given !== 'string') return { data: given ?? [], file: manifestUrl };
  const file = typeof ref === 'string' ? ref : manifestUrl;
  if (got?.ok) return { data: got.data, file };
  const where = WHERE.manifest(baseName(manifestUrl));
  if (got) issues.add(got.issue);
  else if (ref !== null && typeof ref === 'object') {
    const msg = MESSAGES.unlocatedOutside(given, ref.refused);
    issues.add(issueAt('outside-package', manifestUrl, where, msg, { path: 'unlocated' }));
  } else {
    issues.add(issueAt('bad-unlocated', manifestUrl, where, MESSAGES.unlocatedNotFileName(given)));
  }
  return { data: [], file };
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
  const raws = checked.layers.map((layer, i): RawLayer => {
    const f = arrived[i];
    return { layer, data: f?.ok ? f.data : null, ...(f?.ok && f.read ? { read: f.read } : {}) };
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
      const msg = MESSAGES.noLayerData(layer.spec.id, layer.spec.file);
      issues.add(issueAt('file-not-found', layer.spec.file, null, msg));
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

/**
 * The unlocated list: named items, each through the same rules as a feature's properties
 * (`checkProperties` with the unlocated entry's required rules), then the duplicate-id and
 * cited-source rules; bad entries are reported and left out.
 */
function checkUnlocated(
  data: unknown,
  file: string,
  limits: PlanLimits,
  sourceIds: ReadonlySet<string>,
  issues: IssueCollector,
): UnlocatedItem[] {
  const name = baseName(file);
  if (!Array.isArray(data)) {
    issues.add(issueAt('bad-unlocated', file, WHERE.file(name), MESSAGES.unlocatedNotArray(data)));
    return [];
  }
  const out: UnlocatedItem[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < data.length; i++) {
    const entry: unknown = data[i];
    const path = `unlocated[${i}]`;
    const id = isRecord(entry) && typeof entry.id === 'string' ? entry.id : undefined;
    const report = (f: Finding) => {
      const extra = { path: f.key ? `${path}.${f.key}` : path, ...(id ? { featureId: id } : {}) };
      issues.add(issueAt(f.code, file, WHERE.unlocated(name, path, id), f.msg, extra));
    };
    const item = unlocatedEntry(entry, seen, limits, sourceIds, report);
    if (item) out.push(item);
  }
  return out;
}

/** One unlocated entry: checked, reported, and returned when it can be used. */
function unlocatedEntry(
  entry: unknown,
  seen: Set<string>,
  limits: PlanLimits,
  sourceIds: ReadonlySet<string>,
  report: (f: Finding) => void,
): UnlocatedItem | null {
  const p = checkProperties(isRecord(entry) ? entry : {}, limits, unlocatedRules);
  const id = p.props.id as string;
  const errors =
    p.errors.length === 0 && seen.has(id)
      ? [finding('bad-unlocated', '', MESSAGES.unlocatedTwice())]
      : p.errors;
  if (errors.length > 0) {
    errors.forEach(report);
    return null;
  }
  seen.add(id);
  p.warnings.forEach(report);
  const item = unlocatedItem(p.props);
  const cited = citedSourcesRule(item.sources, sourceIds);
  if (cited) report(cited);
  return item;
}

/** An unlocated item from properties the rules have normalised. */
function unlocatedItem(props: Record<string, unknown>): UnlocatedItem {
  const item: UnlocatedItem = {
    id: props.id as string,
    kind: isItemKind(props.kind) ? props.kind : 'project',
    name_zh: props.name_zh as string,
    name_en: props.name_en as string,
    reason: typeof props.reason === 'string' ? props.reason : '',
    sources: props.sources as SourceRef[],
  };
  if (typeof props.status === 'string') item.status = props.status as UnlocatedItem['status'];
  if (typeof props.category === 'string') item.category = props.category;
  if (Array.isArray(props.history)) item.history = props.history as UnlocatedItem['history'];
  return item;
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

/**
 * Why a large layer cannot be drawn from its URL: MapLibre draws the file as it is, so its
 * coordinates must need no conversion.
 */
function largeLayerRefusal(layer: CheckedLayer, limits: PlanLimits): PlanIssue | null {
  if (layer.datum === 'WGS84') return null;
  const msg = MESSAGES.largeLayerDatum(
    limits.maxFeaturesPerLayer,
    megabytes(limits.maxFileBytes),
    layer.datum,
  );
  return issueAt('too-many-features', layer.location, WHERE.file(baseName(layer.location)), msg, {
    path: 'features',
  });
}

/** The box every position must lie in: the manifest's bbox grown by `extentMarginDeg`. */
export function checkExtent(bbox: BBox, limits: PlanLimits): BBox {
  const m = limits.extentMarginDeg;
  return [
    Math.max(-180, bbox[0] - m),
    Math.max(-90, bbox[1] - m),
    Math.min(180, bbox[2] + m),
    Math.min(90, bbox[3] + m),
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
      await nextTask(signal);
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
  raws: RawLayer[],
  unlocated: unknown,
  unlocatedFile: string,
  issues: IssueCollector,
  limits: PlanLimits,
): Generator<void, LoadedPlan> {
  const b = manifest.bbox;
  const extent = b ? checkExtent(b, limits) : null;
  let budget = limits.maxFeaturesTotal;
  let layerMissing = false;
  const checked: (PlanLayerForChecks & { layer: CheckedLayer })[] = [];
  const large = new Map<string, LargeLayer>();
  for (const raw of raws) {
    const { layer, data } = raw;
    const base = { layer, file: layer.location, kind: layer.spec.kind, id: layer.spec.id };
    // A large item layer from a URL: the worker reads it after the plan is assembled.
    if (baseUrl !== null && isLarge(raw, limits)) {
      const refusal = largeLayerRefusal(layer, limits);
      if (refusal) {
        issues.add(refusal);
        layerMissing = true;
      } else large.set(layer.spec.id, { url: layer.location });
      checked.push({ ...base, features: [] });
      continue;
    }
    if (data === null && !raw.read) {
      layerMissing = true;
      checked.push({ ...base, features: [] });
      continue;
    }
    const v: LayerValidation = raw.read
      ? offThreadValidation(raw.read, layer.location, budget, limits)
      : yield* validateLayerSteps(data, layer.location, {
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
  const layers: LoadedLayer[] = checked.map((c) => {
    const l: LoadedLayer = {
      spec: c.layer.spec,
      data: { type: 'FeatureCollection', features: c.features },
    };
    const big = large.get(c.layer.spec.id);
    if (big) l.large = big;
    return l;
  });
  const full: PlanManifest = { ...manifest, bbox: b ?? dataBbox(checked) };
  return {
    manifest: full,
    baseUrl,
    layers,
    unlocated: checkUnlocated(unlocated, unlocatedFile, limits, sourceIds, issues),
  };
}
