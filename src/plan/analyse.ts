/**
 * The analysed plan without blocking the page: {@link analysePlan} gives exactly what
 * `buildModel` gives (same code: `planParts` → `membershipReplies` → `finishModel`), but zone
 * membership — the only part whose cost grows with the item count — runs in chunks, in a Web
 * Worker once the plan has more than {@link WORKER_MIN_ITEMS} items. Abortable; reports progress.
 * Pure: imports neither lit nor maplibre-gl.
 */
import type { Membership } from '../analysis/index.js';
import {
  CHUNK_ITEMS,
  type MembershipReply,
  type MembershipRequest,
  membershipReplies,
} from '../analysis/membership-job.js';
import { createMembershipWorker } from '../assets/base-path.js';
import type { PlanIssue } from './issues.js';
import { type LargeLayerReply, type LargeLayerRequest, readLargeLayer } from './large-layer.js';
import { type PlanLimits, resolveLimits } from './limits.js';
import { checkExtent } from './load.js';
import {
  finishModel,
  membershipRequest,
  type PlanModel,
  type PlanParts,
  planParts,
  zoneInputs,
} from './model.js';
import { nextTask } from './next-task.js';
import type { LargeLayerSummary, LoadedLayer, LoadedPlan } from './types.js';

/**
 * Plans with more items than this analyse membership in a Web Worker. Below it the work takes
 * a few tens of milliseconds on the main thread (the built-in plan's 64 placed items: ~1 ms),
 * less than starting a worker, loading Turf into it and rebuilding the zone index there.
 */
export const WORKER_MIN_ITEMS = 5_000;

// Items per chunk (one progress step, one worker reply): the membership job's own constant.
export { CHUNK_ITEMS } from '../analysis/membership-job.js';

/** The part of a `Worker` that {@link analysePlan} uses (a fake one in tests). */
export interface MembershipWorker {
  onmessage: ((e: MessageEvent<MembershipReply>) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
  postMessage(message: MembershipRequest | LargeLayerRequest, transfer: Transferable[]): void;
  terminate(): void;
}

export interface AnalyseOptions {
  /** Aborting rejects with `signal.reason` and terminates the worker. */
  signal?: AbortSignal;
  /** Called after each chunk with the items done and the item total. */
  onProgress?: (done: number, total: number) => void;
  /** Item count above which a worker is used. Default {@link WORKER_MIN_ITEMS}. */
  workerMinItems?: number;
  /**
   * Starts the worker. Default: the membership worker module, same origin. Where `Worker` does
   * not exist (Node) the chunks run on the calling thread, yielding between chunks.
   */
  createWorker?: () => MembershipWorker;
  /** Limits the loader used (large layers are read under them). Default `LIMITS`. */
  limits?: Partial<PlanLimits>;
  /** Fetch for large layers read on this thread (tests). Default the global `fetch`. */
  fetch?: typeof fetch;
}

/** The membership worker where `Worker` exists (see src/assets/: which file, from where). */
function defaultWorker(): MembershipWorker | null {
  if (typeof Worker === 'undefined') return null;
  return createMembershipWorker();
}

/** The worker, or null where there is none or it cannot be created. */
function startWorker(create: (() => MembershipWorker) | undefined): MembershipWorker | null {
  try {
    return create ? create() : defaultWorker();
  } catch (err) {
    // E.g. a SecurityError when the script was loaded from another origin (a CDN) than the page.
    warnFallback(String(err));
    return null;
  }
}

function warnFallback(why: string): void {
  console.warn(
    `plan-map: the membership worker did not start (${why || 'no detail'}); analysing on the main thread.`,
  );
}

/** More features than {@link WORKER_MIN_ITEMS} (or `minItems`): worked through in several tasks. */
export function isLargePlan(plan: LoadedPlan, minItems = WORKER_MIN_ITEMS): boolean {
  return plan.layers.reduce((n, l) => n + l.data.features.length, 0) > minItems;
}

/**
 * The analysed plan: the same {@link PlanModel} as `buildModel(plan)`.
 *
 * @returns a promise that rejects with `signal.reason` when aborted
 */
export async function analysePlan(plan: LoadedPlan, opts: AnalyseOptions = {}): Promise<PlanModel> {
  const { signal } = opts;
  const minItems = opts.workerMinItems ?? WORKER_MIN_ITEMS;
  signal?.throwIfAborted();
  // A large plan: each step in a task of its own, not in the one that loaded and validated it.
  const large = isLargePlan(plan, minItems);
  if (large) await nextTask(signal);
  const parts = planParts(plan);
  // Large layers are read by workers of their own while the plan's items are analysed.
  const largeLayers = analyseLargeLayers(parts, opts);
  let memberships: Membership[] | null = null;
  if (parts.items.length > minItems) {
    const worker = startWorker(opts.createWorker);
    if (worker) memberships = await inWorker(worker, membershipRequest(parts, CHUNK_ITEMS), opts);
  }
  // A fresh request: the worker's, if any, had its buffers transferred away.
  memberships ??= await inline(parts, membershipRequest(parts, CHUNK_ITEMS), opts);
  if (large) await nextTask(signal);
  const read = await largeLayers;
  signal?.throwIfAborted();
  const model = finishModel({ ...parts, plan: read.plan }, memberships);
  if (read.issues.length > 0) model.issues = read.issues;
  // The page shows the model in a task of its own, not in the one that finished it.
  if (large) await nextTask(signal);
  return model;
}

/**
 * Every large layer of the plan read, validated and counted (in a worker each where workers
 * exist): the plan with each large layer's summary, and their issues.
 */
async function analyseLargeLayers(
  parts: PlanParts,
  opts: AnalyseOptions,
): Promise<{ plan: LoadedPlan; issues: PlanIssue[] }> {
  const { plan } = parts;
  if (!plan.layers.some((l) => l.large)) return { plan, issues: [] };
  const issues: PlanIssue[] = [];
  const layers = await Promise.all(
    plan.layers.map(async (layer): Promise<LoadedLayer> => {
      if (!layer.large) return layer;
      const got = await readLarge(largeLayerRequest(parts, layer, opts), opts);
      issues.push(...got.issues);
      return { ...layer, large: { ...layer.large, summary: got.summary } };
    }),
  );
  return { plan: { ...plan, layers }, issues };
}

/** What the worker needs to read one large layer of the plan. */
function largeLayerRequest(
  parts: PlanParts,
  layer: LoadedLayer,
  opts: AnalyseOptions,
): LargeLayerRequest {
  const limits = resolveLimits(opts.limits);
  return {
    type: 'large-layer',
    url: layer.large!.url,
    layerId: layer.spec.id,
    zones: zoneInputs(parts.zones),
    known: [...parts.byId.values()].map((f) => [f.properties.id, f.properties.kind]),
    sourceIds: parts.plan.manifest.sources.map((src) => src.id),
    nearestWithinM: parts.attachWithinM,
    extent: checkExtent(parts.plan.manifest.bbox, limits),
    limits,
  };
}

/** One large layer read in a worker, or on this thread where no worker starts (Node). */
async function readLarge(
  request: LargeLayerRequest,
  opts: AnalyseOptions,
): Promise<{ summary: LargeLayerSummary; issues: PlanIssue[] }> {
  const worker = startWorker(opts.createWorker);
  const inWorkerResult = worker ? await largeInWorker(worker, request, opts.signal) : null;
  return inWorkerResult ?? readLargeLayer(request, { signal: opts.signal, fetch: opts.fetch });
}

/** The large-layer job in a worker; null when the worker could not start. */
function largeInWorker(
  worker: MembershipWorker,
  request: LargeLayerRequest,
  signal: AbortSignal | undefined,
): Promise<{ summary: LargeLayerSummary; issues: PlanIssue[] } | null> {
  return workerJob(worker, request, [], signal, (reply) => {
    if (reply.type === 'error') throw new Error(reply.message);
    return reply.type === 'large-done'
      ? { summary: reply.summary, issues: reply.issues }
      : undefined;
  });
}

/**
 * One job in a worker: `take` sees each reply and returns the result once it is complete
 * (undefined: wait for more replies; a throw rejects). Resolves with null when the worker could
 * not start (blocked by a CSP, missing file): the caller then runs the job on this thread.
 * Aborting terminates the worker.
 */
function workerJob<T>(
  worker: MembershipWorker,
  message: MembershipRequest | LargeLayerRequest,
  transfer: Transferable[],
  signal: AbortSignal | undefined,
  take: (reply: MembershipReply | LargeLayerReply) => T | undefined,
): Promise<T | null> {
  return new Promise((resolve, reject) => {
    let heard = false;
    const finish = (): void => {
      worker.onmessage = null;
      worker.onerror = null;
      worker.terminate();
      signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = (): void => {
      finish();
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.onmessage = (e) => {
      heard = true;
      try {
        const done = take(e.data);
        if (done === undefined) return;
        finish();
        resolve(done);
      } catch (err) {
        finish();
        reject(err);
      }
    };
    worker.onerror = (e) => {
      finish();
      if (heard) reject(new Error(`plan worker failed: ${e.message}`));
      else {
        warnFallback(e.message);
        resolve(null);
      }
    };
    worker.postMessage(message, transfer);
  });
}

interface Collector {
  readonly memberships: Membership[];
  /** Takes the next chunk; true once the last one is in. */
  add(reply: Extract<MembershipReply, { type: 'chunk' }>): boolean;
}

/** Collects chunk replies in order; reports progress. */
function collector(onProgress?: (done: number, total: number) => void): Collector {
  const memberships: Membership[] = [];
  return {
    memberships,
    add(reply) {
      if (reply.start !== memberships.length) {
        throw new Error(`membership chunk at ${reply.start}, expected ${memberships.length}`);
      }
      for (const m of reply.memberships) memberships.push(m);
      onProgress?.(reply.done, reply.total);
      return reply.done >= reply.total;
    },
  };
}

/** The chunks on this thread, with a macrotask between them so the page can paint and react. */
async function inline(
  parts: PlanParts,
  request: MembershipRequest,
  { signal, onProgress }: AnalyseOptions,
): Promise<Membership[]> {
  const collect = collector(onProgress);
  for (const reply of membershipReplies(request, parts.index)) {
    if (reply.type === 'error') throw new Error(reply.message);
    if (collect.add(reply)) break;
    await nextTask(signal);
  }
  return collect.memberships;
}

/** The membership job in a worker; null when the worker could not start. */
function inWorker(
  worker: MembershipWorker,
  request: MembershipRequest,
  { signal, onProgress }: AnalyseOptions,
): Promise<Membership[] | null> {
  const collect = collector(onProgress);
  // The point coordinates move to the worker; nothing else here reads them afterwards.
  const transfer = [request.items.coords.buffer, request.items.accuracyM.buffer];
  return workerJob(worker, request, transfer, signal, (reply) => {
    if (reply.type === 'error') throw new Error(reply.message);
    if (reply.type !== 'chunk') return undefined;
    return collect.add(reply) ? collect.memberships : undefined;
  });
}
