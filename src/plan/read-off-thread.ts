/**
 * The page's side of reading a large item layer in the element's worker (the worker's side is
 * `read-layer.ts`): when an item layer's answer is at least {@link OFF_THREAD_MIN_BYTES}, its
 * body is handed to a worker, which reads, parses and validates it and sends the features back
 * in chunks. The page keeps the answer whenever the worker cannot take it — no `Worker`, a
 * worker that does not start (a CSP, a missing file) or not within {@link WORKER_START_MS}, a
 * browser that cannot transfer a stream — and then reads it itself, as before.
 * No DOM beyond `Worker`-like objects and `Response`: the tests drive it in Node with a worker
 * that runs `read-layer.ts` in the same thread.
 */
import { receiveIssues } from './issues.js';
import type { Fetched, ReadContext, ReadOffThread } from './load.js';
import {
  joined,
  type LayerRead,
  type ReadLayerReply,
  type ReadLayerRequest,
} from './read-layer.js';
import type { PlanFeatureOut } from './validate.js';

/**
 * Layer answers declaring fewer bytes are read on the page: starting a worker costs more than
 * reading a small file (the built-in plan's largest is 59 KB); 1 MB is about 3,500 points.
 */
export const OFF_THREAD_MIN_BYTES = 1_000_000;

/**
 * How long a worker may take to start before the page reads the file itself (a worker script
 * held up on a slow server must not hold up the plan). In `npm run bench:browser` it started
 * in about 40 ms.
 */
export const WORKER_START_MS = 3_000;

/** The part of a `Worker` the reader uses. Its first message is `{ type: 'ready' }`. */
export interface ReaderWorker {
  onmessage: ((e: MessageEvent) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
  postMessage(message: ReadLayerRequest, transfer: Transferable[]): void;
  terminate(): void;
}

/**
 * A {@link ReadOffThread} for `loadPlan` that starts a worker with `createWorker` for each large
 * item layer. An answer is large when it declares at least `minBytes`, or, declaring no length
 * (a server compressing on the fly sends none), when its first `minBytes` arrive before its end:
 * what the page has read then goes to the worker with the rest of the body. After one worker
 * fails to start, the reader leaves every answer to the page.
 */
export function offThreadReader(
  createWorker: () => ReaderWorker,
  minBytes = OFF_THREAD_MIN_BYTES,
): ReadOffThread {
  let unavailable = false;
  return async (url, response, ctx, signal) => {
    const declared = Number(response.headers.get('content-length') ?? Number.NaN);
    const body = response.body;
    if (unavailable || !body || declared < minBytes || declared > ctx.limits.maxFileBytes) {
      return response;
    }
    const head = Number.isFinite(declared) ? [] : await readHead(body, minBytes);
    // The whole body is in: small, for the page to read.
    if ('ended' in head) return answer(response, head.ended, null);
    const worker = await startWorker(createWorker, signal);
    if (!worker || !handOver(worker, request(url, response, head, body, ctx))) {
      unavailable = true;
      return answer(response, head, body);
    }
    return collect(worker, signal);
  };
}

/** A started worker, or null when it could not be created or did not start. */
async function startWorker(
  createWorker: () => ReaderWorker,
  signal: AbortSignal,
): Promise<ReaderWorker | null> {
  let worker: ReaderWorker;
  try {
    worker = createWorker();
  } catch {
    return null;
  }
  if (await started(worker, signal)) return worker;
  worker.terminate();
  return null;
}

/** Posts the request, its body and chunks transferred; false when they could not be. */
function handOver(worker: ReaderWorker, req: ReadLayerRequest): boolean {
  try {
    worker.postMessage(req, [req.body, ...new Set(req.head.map((c) => c.buffer))]);
    return true;
  } catch {
    // A browser that cannot transfer a stream (the body and the chunks are still the page's).
    worker.terminate();
    return false;
  }
}

/**
 * The body's first chunks, up to at least `minBytes`; `{ ended }` when the body ended before
 * (all of it). The body is left unlocked, its rest unread.
 */
async function readHead(
  body: ReadableStream<Uint8Array>,
  minBytes: number,
): Promise<Uint8Array[] | { ended: Uint8Array[] }> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < minBytes) {
      const { done, value } = await reader.read();
      if (done) return { ended: chunks };
      chunks.push(value);
      size += value.byteLength;
    }
    return chunks;
  } finally {
    reader.releaseLock();
  }
}

/** The answer again, for the page to read: `head` then the rest of `body` (null: nothing more). */
function answer(
  response: Response,
  head: Uint8Array[],
  body: ReadableStream<Uint8Array> | null,
): Response {
  return new Response(joined(head, body), {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}

/** What the worker found, as `fetchJson` gives a file. */
function fetched(read: LayerRead, features: PlanFeatureOut[]): Fetched {
  const { unread, issues, ...found } = read;
  if (unread) return { ok: false, ...unread };
  return { ok: true, data: null, read: { ...found, issues: receiveIssues(issues), features } };
}

/** The worker's request: where the file is from and how to check it, and its body. */
function request(
  url: string,
  response: Response,
  head: Uint8Array[],
  body: ReadableStream<Uint8Array>,
  ctx: ReadContext,
): ReadLayerRequest {
  const headers: [string, string][] = [];
  for (const name of ['content-type', 'content-length']) {
    const value = response.headers.get(name);
    if (value !== null) headers.push([name, value]);
  }
  return { type: 'read-layer', url, head, body, headers, ...ctx };
}

/**
 * Whether the worker started (its `ready` message) rather than failed (an error event) or took
 * longer than {@link WORKER_START_MS}.
 */
function started(worker: ReaderWorker, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      done();
      resolve(false);
    }, WORKER_START_MS);
    const done = (): void => {
      clearTimeout(timer);
      worker.onmessage = null;
      worker.onerror = null;
      signal.removeEventListener('abort', onAbort);
    };
    const onAbort = (): void => {
      done();
      worker.terminate();
      reject(signal.reason);
    };
    if (signal.aborted) {
      onAbort();
      return;
    }
    signal.addEventListener('abort', onAbort, { once: true });
    worker.onmessage = (e) => {
      done();
      resolve((e.data as { type?: unknown } | null)?.type === 'ready');
    };
    worker.onerror = (e) => {
      e.preventDefault?.();
      done();
      resolve(false);
    };
  });
}

/** The worker's replies gathered into the layer read; rejects on an abort or a worker failure. */
function collect(worker: ReaderWorker, signal: AbortSignal): Promise<Fetched> {
  return new Promise((resolve, reject) => {
    const features: PlanFeatureOut[] = [];
    const finish = (): void => {
      worker.onmessage = null;
      worker.onerror = null;
      worker.terminate();
      signal.removeEventListener('abort', onAbort);
    };
    const onAbort = (): void => {
      finish();
      reject(signal.reason);
    };
    if (signal.aborted) {
      onAbort();
      return;
    }
    signal.addEventListener('abort', onAbort, { once: true });
    worker.onmessage = (e: MessageEvent<ReadLayerReply>) => {
      const reply = e.data;
      if (reply.type === 'read-features') {
        for (const f of reply.features) features.push(f);
        return;
      }
      if (reply.type === 'error') {
        finish();
        reject(new Error(reply.message));
        return;
      }
      if (reply.type !== 'read-done') return;
      finish();
      resolve(fetched(reply.read, features));
    };
    worker.onerror = (e) => {
      finish();
      reject(new Error(`plan worker failed: ${e.message}`));
    };
  });
}
