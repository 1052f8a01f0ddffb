/**
 * A large item layer (see {@link LargeLayer}) read, validated and counted per zone away from the
 * page: the element's worker runs {@link handleLargeLayerMessage}; Node (the CLI, the tests)
 * and a page whose worker cannot start run {@link readLargeLayer} itself. Same loader, same
 * rules and same membership path as a layer held on the main thread; the answer is a
 * {@link LargeLayerSummary} and the issues: counts and ids, and of the features only the lines and
 * polygons (clustering draws points; these are drawn beside them).
 * No DOM: runs in Node, the browser and a Web Worker.
 */
import type { Feature, Geometry } from 'geojson';
import { membershipReplies, packItems } from '../analysis/membership-job.js';
import type { ZoneInput } from '../analysis/zone-index.js';
import type { BBox } from './geometry.js';
import { isRecord } from './guards.js';
import { capIssues, type PlanIssue } from './issues.js';
import type { PlanLimits } from './limits.js';
import { fetchJson } from './load.js';
import { isItemKind, type LargeLayerSummary, type PlanProps } from './types.js';
import {
  checkReferences,
  dropDuplicateIds,
  type PlanFeatureOut,
  runSteps,
  validateLayerSteps,
} from './validate.js';

/** Main thread → worker: read the large layer at `url`. */
export interface LargeLayerRequest {
  type: 'large-layer';
  url: string;
  /** Layer id, for the stub layer of the references check. */
  layerId: string;
  /** The plan's zones, as membership takes them. */
  zones: ZoneInput[];
  /** Id and kind of every feature held on the main thread: what a reference may point at. */
  known: [id: string, kind: string][];
  /** Source document ids of the manifest. */
  sourceIds: string[];
  nearestWithinM: number;
  /** Plan bbox grown by the extent margin, or null. */
  extent: BBox | null;
  limits: PlanLimits;
}

/** Worker → main thread. */
export type LargeLayerReply =
  | { type: 'large-progress'; done: number; total: number }
  | { type: 'large-done'; summary: LargeLayerSummary; issues: PlanIssue[] }
  | { type: 'error'; message: string };

/** Items counted per progress step. */
const CHUNK = 50_000;

/** The limits a large layer is read under: its own size and feature limits. */
function largeLimits(limits: PlanLimits): PlanLimits {
  return {
    ...limits,
    maxFileBytes: limits.maxLargeLayerBytes,
    maxFeaturesPerLayer: limits.maxLargeLayerFeatures,
    maxFeaturesTotal: limits.maxLargeLayerFeatures,
    maxVerticesPerLayer: Math.max(limits.maxVerticesPerLayer, limits.maxLargeLayerFeatures),
  };
}

/** Fetch, validate and count the layer. Bad input becomes issues; only `signal` rejects. */
export async function readLargeLayer(
  req: LargeLayerRequest,
  opts: {
    signal?: AbortSignal;
    fetch?: typeof fetch;
    onProgress?: (done: number, total: number) => void;
  } = {},
): Promise<{ summary: LargeLayerSummary; issues: PlanIssue[] }> {
  const limits = largeLimits(req.limits);
  const got = await fetchJson(req.url, { signal: opts.signal, fetch: opts.fetch }, limits);
  if (!got.ok) {
    return {
      summary: { features: 0, hidden: [], shapes: [], zoneCounts: {} },
      issues: [got.issue],
    };
  }
  const v = runSteps(
    validateLayerSteps(got.data, req.url, { extent: req.extent, datum: 'WGS84', limits }),
  );
  const layer = { file: req.url, kind: 'items', id: req.layerId, features: v.features };
  const issues = [...v.issues, ...dropDuplicateIds([layer])];
  const stubs = req.known.map(
    ([id, kind]) =>
      ({ type: 'Feature', geometry: null, properties: { id, kind, sources: [] } }) as never,
  );
  const others = { file: 'plan', kind: 'zones', id: '', features: stubs as PlanFeatureOut[] };
  issues.push(...checkReferences([others, layer], new Set(req.sourceIds)));
  const kept = new Set<string>();
  const shapes: PlanFeatureOut[] = [];
  for (const f of layer.features) {
    kept.add(f.properties.id);
    if (f.geometry?.type !== 'Point') shapes.push(f);
  }
  const summary: LargeLayerSummary = {
    features: layer.features.length,
    hidden: [...refusedIds(got.data, kept), ...shapes.map((f) => f.properties.id)],
    shapes,
    zoneCounts: countZones(layer.features, req, opts.onProgress),
  };
  return { summary, issues: capIssues(issues, limits.maxIssuesPerCode) };
}

/**
 * Ids of the file's features that validation refused (MapLibre draws the file as it is, so the
 * map hides them by id). A duplicate of a kept id is not listed: its id stays drawn.
 */
function refusedIds(data: unknown, kept: ReadonlySet<string>): string[] {
  const features = isRecord(data) && Array.isArray(data.features) ? data.features : [];
  const out = new Set<string>();
  for (const f of features) {
    const id = isRecord(f) && isRecord(f.properties) ? f.properties.id : undefined;
    if (typeof id === 'string' && !kept.has(id)) out.add(id);
  }
  return [...out];
}

/** Items per zone through the element's membership path (subzones roll up to their parent). */
function countZones(
  features: readonly Feature<Geometry, PlanProps>[],
  req: LargeLayerRequest,
  onProgress?: (done: number, total: number) => void,
): Record<string, number> {
  const items = features.filter((f) => isItemKind(f.properties.kind));
  const request = {
    type: 'assign' as const,
    zones: req.zones,
    items: packItems(items as Parameters<typeof packItems>[0]),
    options: { nearestWithinM: req.nearestWithinM },
    chunkSize: CHUNK,
  };
  const counts: Record<string, number> = {};
  for (const reply of membershipReplies(request)) {
    if (reply.type === 'error') throw new Error(reply.message);
    for (const m of reply.memberships) {
      for (const z of m.zones) counts[z] = (counts[z] ?? 0) + 1;
    }
    onProgress?.(reply.done, reply.total);
  }
  return counts;
}

function isRequest(data: unknown): data is LargeLayerRequest {
  return (
    isRecord(data) &&
    data.type === 'large-layer' &&
    typeof data.url === 'string' &&
    Array.isArray(data.zones) &&
    isRecord(data.limits)
  );
}

/** Whether a worker message asks for a large layer. */
export function isLargeLayerRequest(data: unknown): boolean {
  return isRecord(data) && data.type === 'large-layer';
}

/** What the worker does with a large-layer message: post progress, then the answer or an error. */
export async function handleLargeLayerMessage(
  data: unknown,
  post: (reply: LargeLayerReply) => void,
): Promise<void> {
  if (!isRequest(data)) {
    post({ type: 'error', message: 'plan worker: not a large-layer request' });
    return;
  }
  try {
    const result = await readLargeLayer(data, {
      onProgress: (done, total) => post({ type: 'large-progress', done, total }),
    });
    post({ type: 'large-done', ...result });
  } catch (err) {
    post({ type: 'error', message: `plan worker: ${String(err)}` });
  }
}
