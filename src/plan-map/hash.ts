/**
 * The viewer's state in the URL hash, so a view can be linked, bookmarked and restored:
 *
 *   #selected=<id>&layers=<id,id…>&lang=<zh|en>&view=<lng>,<lat>,<zoom>&year=<yyyy>&filter=<filter>
 *
 * `filter` uses the element's filter syntax (`kind:project,lab;status:planned`, see
 * plan/view-filter.ts). Every key is optional; unknown keys are kept, so a page can keep its own
 * state in the same hash. Parsing never throws: a malformed value is dropped. Pure (no DOM).
 */
import type { Lang } from '../plan/types.js';
import { formatFilter, type ItemFilter, parseFilter } from '../plan/view-filter.js';

export interface HashView {
  center: [number, number];
  zoom: number;
}

export interface HashState {
  selected?: string;
  layers?: string[];
  lang?: Lang;
  view?: HashView;
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

function parseView(s: string): HashView | undefined {
  const [lng, lat, zoom] = s.split(',').map(Number);
  if (lng === undefined || lat === undefined || zoom === undefined) return undefined;
  if (![lng, lat, zoom].every(Number.isFinite)) return undefined;
  if (Math.abs(lng) > 180 || Math.abs(lat) > 90 || zoom < 0 || zoom > 24) return undefined;
  return { center: [lng, lat], zoom };
}

/** Parse `location.hash` (with or without the leading `#`). */
export function parseHash(hash: string): ParsedHash {
  const state: HashState = {};
  const rest: [string, string][] = [];
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  for (const pair of body.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const key = eq < 0 ? pair : pair.slice(0, eq);
    const raw = eq < 0 ? '' : pair.slice(eq + 1);
    const value = decode(raw);
    switch (key) {
      case 'selected':
        if (value && ID.test(value)) state.selected = value;
        break;
      case 'layers':
        if (value !== null) state.layers = value.split(',').filter((id) => ID.test(id));
        break;
      case 'lang':
        if (value === 'zh' || value === 'en') state.lang = value;
        break;
      case 'view': {
        const view = value ? parseView(value) : undefined;
        if (view) state.view = view;
        break;
      }
      case 'year': {
        const year = value && /^\d{4}$/.test(value) ? Number(value) : Number.NaN;
        if (Number.isFinite(year)) state.year = year;
        break;
      }
      case 'filter':
        if (value !== null) state.filter = parseFilter(value);
        break;
      default:
        rest.push([key, raw]);
    }
  }
  return { state, rest };
}

/** Rounded for a URL: 5 decimals of a degree is about 1 m; zoom to 2 decimals. */
function formatView(v: HashView): string {
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
  if (state.view) parts.push(`view=${formatView(state.view)}`);
  if (state.year !== undefined) parts.push(`year=${state.year}`);
  const filter = state.filter ? formatFilter(state.filter) : '';
  if (filter) parts.push(`filter=${enc(filter).replace(/%3B/gi, ';')}`);
  for (const [k, v] of rest) parts.push(v === '' ? k : `${k}=${v}`);
  return parts.length > 0 ? `#${parts.join('&')}` : '';
}
