/**
 * An item layer's file read, parsed and validated in the element's worker, so that a large file
 * does not hold the page's thread. The page fetches the file; once the answer is known to be
 * large (`read-off-thread.ts`: its declared length, or its first 1 MB), the page hands what it
 * has read and the rest of the body (a transferable stream) to the worker, which reads it under
 * the same limits and rules as the page would ({@link fetchJson}, {@link validateLayerSteps})
 * and sends the valid features back in chunks of {@link FEATURES_PER_REPLY} as they are checked
 * (each chunk is one short task for the page to receive). The checks that need the whole plan — the plan's feature
 * budget, duplicate ids, references, datum signatures — stay with the page, which holds every
 * layer (`load.ts` `assemble`).
 * No DOM: runs in Node (the tests), the browser and a Web Worker.
 */
import type { BBox } from './geometry.js';
import { isRecord } from './guards.js';
import { type IssueCode, type PlanIssue, type SentIssues, sendIssues } from './issues.js';
import type { PlanLimits } from './limits.js';
import { fetchJson } from './load.js';
import type { Datum } from './types.js';
import { type PlanFeatureOut, validateLayerSteps } from './validate.js';

/** Page → worker: read this body. */
export interface ReadLayerRequest {
  type: 'read-layer';
  url: string;
  /** What the page read of the body before handing it over (transferred). */
  head: Uint8Array[];
  /** The rest of the answer's body (transferred). */
  body: ReadableStream<Uint8Array>;
  /** The answer's `content-type` and `content-length`, as they were sent. */
  headers: [string, string][];
  /** Plan bbox grown by the extent margin, or null. */
  extent: BBox | null;
  datum: Datum;
  limits: PlanLimits;
}

/** What the worker found, beside the features it sent. */
export interface LayerRead {
  /** The file could not be read or parsed: its issue (as the page's `fetchJson` gives it). */
  unread?: { issue: PlanIssue; oversize?: { bytes: number; declared: boolean } };
  /** Features in the file, valid or not (0 when it is not a FeatureCollection). */
  rawCount: number;
  /** More than `limits.maxFeaturesPerLayer`: a large layer, not validated here. */
  overLayerLimit: boolean;
  /** Validation's issues (capped per code, as on the page; see `receiveIssues`). */
  issues: SentIssues;
  /** The code of the issue that refused the whole file, if one did. */
  refusal?: IssueCode;
}

/** Worker → page. */
export type ReadLayerReply =
  | { type: 'read-features'; features: PlanFeatureOut[] }
  | { type: 'read-done'; read: LayerRead }
  | { type: 'error'; message: string };

/**
 * Features per reply: small enough that receiving one (a structured clone) is a short task on
 * the page. In `npm run bench:browser` at 100,000 items no main-thread task over 50 ms started
 * while the worker read and checked the file and sent most of its features (README, "100,000
 * items, the file read in the worker").
 */
export const FEATURES_PER_REPLY = 5_000;

/**
 * Reads, parses and validates the body; posts the valid features in chunks as they are checked,
 * then what it found.
 */
export async function readLayer(
  req: ReadLayerRequest,
  post: (reply: ReadLayerReply) => void,
): Promise<void> {
  const answer = new Response(joined(req.head, req.body), { status: 200, headers: req.headers });
  const got = await fetchJson(req.url, { fetch: () => Promise.resolve(answer) }, req.limits);
  if (!got.ok) {
    const unread = got.oversize
      ? { issue: got.issue, oversize: got.oversize }
      : { issue: got.issue };
    const read = { unread, rawCount: 0, overLayerLimit: false, issues: sendIssues([]) };
    post({ type: 'read-done', read });
    return;
  }
  const raw = isRecord(got.data) && Array.isArray(got.data.features) ? got.data.features : null;
  const rawCount = raw?.length ?? 0;
  if (rawCount > req.limits.maxFeaturesPerLayer) {
    const read = { rawCount, overLayerLimit: true, issues: sendIssues([]) };
    post({ type: 'read-done', read });
    return;
  }
  // The plan's budget is checked by the page, which knows the other layers' counts. The
  // features go as they are checked, so the page receives them while the rest are checked.
  const valid: PlanFeatureOut[] = [];
  const ctx = { extent: req.extent, datum: req.datum, limits: req.limits, into: valid };
  const steps = validateLayerSteps(got.data, req.url, ctx);
  let sent = 0;
  const send = (upTo: number): void => {
    for (; sent + FEATURES_PER_REPLY <= upTo; sent += FEATURES_PER_REPLY) {
      post({ type: 'read-features', features: valid.slice(sent, sent + FEATURES_PER_REPLY) });
    }
  };
  let step = steps.next();
  for (; !step.done; step = steps.next()) send(valid.length);
  const v = step.value;
  send(valid.length);
  if (sent < valid.length) post({ type: 'read-features', features: valid.slice(sent) });
  const read: LayerRead = { rawCount, overLayerLimit: false, issues: sendIssues(v.issues) };
  if (v.refused && v.issues[0]) read.refusal = v.issues[0].code;
  post({ type: 'read-done', read });
}

/**
 * One stream of `head`'s chunks, then the rest of `rest` (the page uses it too, to give back an
 * answer it has begun to read).
 */
export function joined(
  head: readonly Uint8Array[],
  rest: ReadableStream<Uint8Array> | null,
): ReadableStream<Uint8Array> {
  const reader = rest?.getReader();
  let i = 0;
  return new ReadableStream<Uint8Array>({
    async pull(ctrl) {
      if (i < head.length) {
        ctrl.enqueue(head[i++]!);
        return;
      }
      const next = reader ? await reader.read() : { done: true as const, value: undefined };
      if (next.done) ctrl.close();
      else ctrl.enqueue(next.value);
    },
    cancel: (reason) => reader?.cancel(reason),
  });
}

/** Whether a worker message asks for a layer to be read. */
export function isReadLayerRequest(data: unknown): data is ReadLayerRequest {
  return (
    isRecord(data) &&
    data.type === 'read-layer' &&
    typeof data.url === 'string' &&
    typeof ReadableStream !== 'undefined' &&
    data.body instanceof ReadableStream &&
    Array.isArray(data.head) &&
    isRecord(data.limits)
  );
}

/** What the worker does with a read-layer message: the replies, or an error. */
export async function handleReadLayerMessage(
  data: ReadLayerRequest,
  post: (reply: ReadLayerReply) => void,
): Promise<void> {
  try {
    await readLayer(data, post);
  } catch (err) {
    post({ type: 'error', message: `plan worker: ${String(err)}` });
  }
}
