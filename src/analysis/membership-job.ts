/**
 * The zone-membership job: the message the main thread sends, the replies, and the pure function
 * that computes them. `membership.worker.ts` is a thin `onmessage` wrapper around
 * {@link handleMembershipMessage}; `plan/model.ts` runs {@link membershipReplies} inline, so the
 * worker and the synchronous path share one code path.
 *
 * A {@link ZoneIndex} (Flatbush, Maps) does not survive `postMessage`, so the job carries the
 * zones themselves and the worker builds its own index. Items travel reduced to what
 * {@link assignZones} reads: ids, declared zones, `accuracy_m`, and points packed into one
 * transferable `Float64Array`; only lines, polygons and odd geometries go as GeoJSON.
 * No DOM: runs in Node, the browser and a Web Worker.
 */
import type { Geometry } from 'geojson';
import {
  assignPointZones,
  assignZones,
  type Membership,
  type MembershipItem,
  type MembershipOptions,
} from './membership';
import { buildZoneIndex, type ZoneIndex, type ZoneInput } from './zone-index';

/** Items reduced to what membership reads. Position `i` is the i-th item throughout. */
export interface PackedItems {
  /** Item ids, in input order. */
  ids: string[];
  /** Longitude, latitude of each Point item (degrees), interleaved; NaN, NaN for the others. */
  coords: Float64Array;
  /** `accuracy_m` of each item, metres; NaN when absent. */
  accuracyM: Float64Array;
  /** Declared zones (`properties.zone` when a string), sparse: [position, zone id]. */
  declared: [number, string][];
  /** Geometry of every item that is not a plain 2-D Point (or null), sparse: [position, geometry]. */
  shapes: [number, Geometry | null][];
}

/**
 * Items per chunk the element asks for: one progress step, and one reply from the worker
 * (`plan/analyse.ts` uses it; the benchmark reads it from here).
 */
export const CHUNK_ITEMS = 5_000;

/** Main thread → worker. */
export interface MembershipRequest {
  type: 'assign';
  /** Zones with properties `{ id, parent? }`, as given to {@link buildZoneIndex}. */
  zones: ZoneInput[];
  items: PackedItems;
  options: MembershipOptions;
  /** Items per reply: each reply is one step of progress. */
  chunkSize: number;
}

/** Worker → main thread. */
export type MembershipReply =
  | {
      type: 'chunk';
      /** Position of the first membership of this chunk. */
      start: number;
      /** One per item, for positions `start` … `done - 1`, as {@link assignZones} returns them. */
      memberships: Membership[];
      /** Items done so far (including this chunk). */
      done: number;
      total: number;
    }
  | { type: 'error'; message: string };

/** The properties of an item that membership reads. */
interface PackableProps {
  id: string;
  zone?: unknown;
  accuracy_m?: unknown;
}

/** Pack items for a {@link MembershipRequest}; the coordinates' buffer can be transferred. */
export function packItems(
  items: readonly { geometry: Geometry | null; properties: PackableProps }[],
): PackedItems {
  const n = items.length;
  const ids = new Array<string>(n);
  const coords = new Float64Array(2 * n).fill(Number.NaN);
  const accuracyM = new Float64Array(n).fill(Number.NaN);
  const declared: [number, string][] = [];
  const shapes: [number, Geometry | null][] = [];
  for (let i = 0; i < n; i++) {
    const { geometry: g, properties: p } = items[i]!;
    ids[i] = p.id;
    if (typeof p.zone === 'string') declared.push([i, p.zone]);
    if (typeof p.accuracy_m === 'number') accuracyM[i] = p.accuracy_m;
    const c = g?.type === 'Point' ? g.coordinates : undefined;
    if (c && c.length === 2 && Number.isFinite(c[0]) && Number.isFinite(c[1])) {
      coords[2 * i] = c[0]!;
      coords[2 * i + 1] = c[1]!;
    } else {
      shapes.push([i, g]);
    }
  }
  return { ids, coords, accuracyM, declared, shapes };
}

/** The membership items at positions `start` … `end - 1`, rebuilt from the packed form. */
function unpack(
  items: PackedItems,
  declared: ReadonlyMap<number, string>,
  shapes: ReadonlyMap<number, Geometry | null>,
  start: number,
  end: number,
): MembershipItem[] {
  const positions: number[] = [];
  for (let i = start; i < end; i++) positions.push(i);
  return unpackAt(items, declared, shapes, positions);
}

/** The membership items at these positions, rebuilt from the packed form. */
function unpackAt(
  items: PackedItems,
  declared: ReadonlyMap<number, string>,
  shapes: ReadonlyMap<number, Geometry | null>,
  positions: readonly number[],
): MembershipItem[] {
  const out: MembershipItem[] = [];
  for (const i of positions) {
    const properties: MembershipItem['properties'] = { id: items.ids[i]! };
    const zone = declared.get(i);
    if (zone !== undefined) properties.zone = zone;
    const accuracy = items.accuracyM[i]!;
    if (!Number.isNaN(accuracy)) properties.accuracy_m = accuracy;
    const geometry: Geometry | null = shapes.has(i)
      ? shapes.get(i)!
      : { type: 'Point', coordinates: [items.coords[2 * i]!, items.coords[2 * i + 1]!] };
    out.push({ type: 'Feature', geometry, properties });
  }
  return out;
}

/**
 * Run a membership job, one reply per `chunkSize` items (at least one reply, even for no items).
 * Items are independent, so the chunks concatenated equal one {@link assignZones} call.
 *
 * @param index the index of `request.zones` when the caller has built it already
 */
export function* membershipReplies(
  request: MembershipRequest,
  index: ZoneIndex = buildZoneIndex(request.zones),
): Generator<MembershipReply, void, undefined> {
  const { items, options } = request;
  const total = items.ids.length;
  const step = Math.max(1, Math.floor(request.chunkSize) || 1);
  const declared = new Map(items.declared);
  const shapes = new Map(items.shapes);
  let start = 0;
  do {
    const end = Math.min(total, start + step);
    yield { type: 'chunk', start, memberships: chunk(start, end), done: end, total };
    start = end;
  } while (start < total);

  /**
   * Plain points without a declared zone (most items of a large layer) take the packed path;
   * the others are rebuilt as features for {@link assignZones}. Same answers either way.
   */
  function chunk(from: number, to: number): Membership[] {
    const plain: number[] = [];
    const other: number[] = [];
    for (let i = from; i < to; i++) {
      if (declared.has(i) || shapes.has(i)) other.push(i);
      else plain.push(i);
    }
    if (other.length === 0) return assignPointZones(index, items.ids, items.coords, plain, options);
    if (plain.length === 0) {
      return assignZones(unpack(items, declared, shapes, from, to), index, options);
    }
    const fast = assignPointZones(index, items.ids, items.coords, plain, options);
    const slow = assignZones(unpackAt(items, declared, shapes, other), index, options);
    const out = new Array<Membership>(to - from);
    plain.forEach((i, k) => {
      out[i - from] = fast[k]!;
    });
    other.forEach((i, k) => {
      out[i - from] = slow[k]!;
    });
    return out;
  }
}

function isRequest(data: unknown): data is MembershipRequest {
  if (typeof data !== 'object' || data === null) return false;
  const r = data as Partial<MembershipRequest>;
  return (
    r.type === 'assign' &&
    Array.isArray(r.zones) &&
    typeof r.items === 'object' &&
    r.items !== null &&
    Array.isArray(r.items.ids) &&
    r.items.coords instanceof Float64Array
  );
}

/**
 * What the worker does with a message: run the job and post every reply; a bad message or a
 * failure is posted as an `error` reply, never thrown.
 */
export function handleMembershipMessage(
  data: unknown,
  post: (reply: MembershipReply) => void,
): void {
  if (!isRequest(data)) {
    post({ type: 'error', message: 'membership worker: not a membership request' });
    return;
  }
  try {
    for (const reply of membershipReplies(data)) post(reply);
  } catch (err) {
    post({ type: 'error', message: `membership worker: ${String(err)}` });
  }
}
