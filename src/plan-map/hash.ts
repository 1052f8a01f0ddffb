/**
 * The viewer's state in the URL hash, so a view can be linked, bookmarked and restored:
 *
 *   #selected=<id>&layers=<id,id…>&lang=<zh|en>&view=<lng>,<lat>,<zoom>&year=<yyyy>&filter=<filter>
 *
 * `filter` uses the element's filter syntax (`kind:project,lab;status:planned`, see
 * plan/view-filter.ts). Every key is optional; unknown keys are kept, so a page can keep its own
 * state in the same hash. Parsing never throws: a malformed value is dropped. Pure (no DOM).
 */
import type { Camera } from '../map/camera.js';
import type { Lang } from '../plan/types.js';
import { formatFilter, type ItemFilter, parseFilter } from '../plan/view-filter.js';

export interface HashState {
  selected?: string;
  layers?: string[];
  lang?: Lang;
  /** The camera, written as the `view=` key. */
  camera?: Camera;
  year?: number;
  filter?: ItemFilter;
}

export interface ParsedHash {
  state: HashState;
  /** Keys this module does not own, in their order, raw (still percent-encoded). */
  rest: [string, string][];
}

/** The keys this module owns, in the order it writes them. */
export const HASH_KEYS = ['selected', 'layers', 'lang', 'view', 'year', 'filter'] as const;

const ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]*$/;

function decode(s: string): string | null {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return null;
  }
}

function parseView(s: string): Camera | undefined {
  const [lng, lat, zoom] = s.split(',').map(Number);
  if (lng === undefined || lat === undefined || zoom === undefined) return undefined;
  if (![lng, lat, zoom].every(Number.isFinite)) return undefined;
  if (Math.abs(lng) > 180 || Math.abs(lat) > 90 || zoom < 0 || zoom > 24) return undefined;
  return { center: [lng, lat], zoom };
}

/**
 * How each owned key is read: the decoded value (null when it cannot be decoded) → the state's
 * field, or undefined to drop a malformed value.
 */
const READERS: { [K in keyof HashState]-?: (value: string | null) => HashState[K] } = {
  selected: (value) => (value && ID.test(value) ? value : undefined),
  layers: (value) => (value === null ? undefined : value.split(',').filter((id) => ID.test(id))),
  lang: (value) => (value === 'zh' || value === 'en' ? value : undefined),
  camera: (value) => (value ? parseView(value) : undefined),
  year: (value) => (value && /^\d{4}$/.test(value) ? Number(value) : undefined),
  filter: (value) => (value === null ? undefined : parseFilter(value)),
};

/** The state field each owned URL key holds (the camera is written as `view`). */
const FIELD_OF: Record<(typeof HASH_KEYS)[number], keyof HashState> = {
  selected: 'selected',
  layers: 'layers',
  lang: 'lang',
  view: 'camera',
  year: 'year',
  filter: 'filter',
};

function isOwnedKey(key: string): key is (typeof HASH_KEYS)[number] {
  return Object.hasOwn(FIELD_OF, key);
}

/** Parse `location.hash` (with or without the leading `#`). */
export function parseHash(hash: string): ParsedHash {
  const state: Record<string, unknown> = {};
  const rest: [string, string][] = [];
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  for (const pair of body.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const key = eq < 0 ? pair : pair.slice(0, eq);
    const raw = eq < 0 ? '' : pair.slice(eq + 1);
    if (!isOwnedKey(key)) {
      rest.push([key, raw]);
      continue;
    }
    const field = FIELD_OF[key];
    const value = READERS[field](decode(raw));
    if (value !== undefined) state[field] = value;
  }
  return { state: state as HashState, rest };
}

/** Rounded for a URL: 5 decimals of a degree is about 1 m; zoom to 2 decimals. */
function formatView(v: Camera): string {
  const r = (n: number, d: number) => String(Number(n.toFixed(d)));
  return `${r(v.center[0], 5)},${r(v.center[1], 5)},${r(v.zoom, 2)}`;
}

/**
 * The hash for a state, with `rest` after it; `''` when there is nothing to write. Commas,
 * colons and semicolons are left readable (they are legal in a fragment).
 */
export function formatHash(state: HashState, rest: readonly [string, string][] = []): string {
  const enc = (s: string) => encodeURIComponent(s).replace(/%2C/gi, ',').replace(/%3A/gi, ':');
  const parts: string[] = [];
  if (state.selected) parts.push(`selected=${enc(state.selected)}`);
  if (state.layers) parts.push(`layers=${state.layers.map(enc).join(',')}`);
  if (state.lang) parts.push(`lang=${state.lang}`);
  if (state.camera) parts.push(`view=${formatView(state.camera)}`);
  if (state.year !== undefined) parts.push(`year=${state.year}`);
  const filter = state.filter ? formatFilter(state.filter) : '';
  if (filter) parts.push(`filter=${enc(filter).replace(/%3B/gi, ';')}`);
  for (const [k, v] of rest) parts.push(v === '' ? k : `${k}=${v}`);
  return parts.length > 0 ? `#${parts.join('&')}` : '';
}

/** The element's attributes the hash keeps (the element itself). */
export interface HashAttributes {
  selected: string | null;
  layers: string | null;
  lang: string;
  year: number | null;
  filter: string | null;
}

/**
 * The element's state as the hash writes it: `layers` only when the attribute is set (else the
 * plan's defaults apply); `now` gives the visible layers, the language, the camera and the
 * timeline's year (null when the attribute is not a plausible year: then it is not written).
 */
export function hashStateOf(
  el: HashAttributes,
  now: { visible: ReadonlySet<string>; lang: Lang; camera: Camera | null; year: number | null },
): HashState {
  return {
    selected: el.selected ?? undefined,
    layers: el.layers === null ? undefined : [...now.visible],
    lang: now.lang,
    camera: now.camera ?? undefined,
    year: now.year ?? undefined,
    filter: parseFilter(el.filter),
  };
}

/**
 * A hash read from the URL applied to the element's attributes (not the camera); `reset` clears
 * what it does not name (a `hashchange`), else those attributes are left as they are.
 */
export function applyHashState(el: HashAttributes, state: HashState, reset: boolean): void {
  if (state.selected !== undefined) el.selected = state.selected;
  else if (reset) el.selected = null;
  if (state.layers !== undefined) el.layers = state.layers.join(',');
  else if (reset) el.layers = null;
  if (state.lang !== undefined) el.lang = state.lang;
  if (state.year !== undefined) el.year = state.year;
  else if (reset) el.year = null;
  if (state.filter !== undefined) el.filter = formatFilter(state.filter) || null;
  else if (reset) el.filter = null;
}
