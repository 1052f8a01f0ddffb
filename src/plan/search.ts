/**
 * One search over zones, corridor nodes and items: Chinese names, English names, and pinyin —
 * full (`huangnichuan`, also inside longer names such as 黄泥川新兴产业组团) and initials
 * (`hnc`). Keys are computed once per plan. The pinyin comes with the data (`pinyin_full`,
 * `pinyin_initials`, written by the data builders from pinyin-pro — see {@link pinyinKeys}), so
 * the viewer ships no pinyin dictionary. Pure: runs in Node.
 */
import type { PlanModel } from './model.js';
import { isItemKind, type PlanFeature } from './types.js';

export interface SearchEntry {
  id: string;
  kind: string;
  /** Ranking group: 0 zones, 1 subzones, 2 the industrial corridor and its nodes, 3 items. */
  group: number;
  name_zh: string;
  name_en: string;
  /** Lower-cased names. */
  zh: string;
  en: string;
  /** Full pinyin, no spaces or tones (`huangnichuanxinxingchanyezutuan`); '' without pinyin. */
  full: string;
  /** Offsets in `full` where a syllable starts. */
  starts: readonly number[];
  /** One letter per syllable (`hncxxcyzt`); runs of Latin letters or digits kept whole. */
  initials: string;
  /** The feature's other names (`aliases`), lower-cased, with their pinyin when the data has it. */
  aliases: readonly AliasKeys[];
}

export interface AliasKeys {
  text: string;
  full: string;
  starts: readonly number[];
}

/** Full pinyin without spaces and the offsets where syllables start, from `pinyin_full`. */
function joinTokens(pinyinFull: unknown): { full: string; starts: number[] } {
  const tokens = typeof pinyinFull === 'string' ? pinyinFull.split(' ').map(compact) : [];
  const starts: number[] = [];
  let full = '';
  for (const t of tokens) {
    if (!t) continue;
    starts.push(full.length);
    full += t;
  }
  return { full, starts };
}

export interface SearchIndex {
  entries: SearchEntry[];
}

const ZONE_LAYER_KINDS = new Set(['zones', 'corridor']);

/** {@link SearchEntry.group} of items. */
export const ITEM_GROUP = 3;

function groupOf(kind: string): number {
  if (isItemKind(kind)) return ITEM_GROUP;
  if (kind === 'corridor-node' || kind === 'industrial-corridor') return 2;
  return kind === 'subzone' ? 1 : 0;
}

/** Lower case, letters and digits only: how pinyin and Latin queries are compared. */
function compact(s: string): string {
  return s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/** One run of a name: a Chinese character's toneless pinyin (`zh`), or a run of other text. */
export interface PinyinToken {
  pinyin: string;
  zh: boolean;
}

/**
 * The options the data builders give pinyin-pro's `pinyin(name, options)`: every token with
 * its details, no tones, ü written v, runs of other text kept together. The one source of the
 * rule: scripts/lib/pinyin.mjs and tests/data/search-keys.test.ts use these, {@link
 * pinyinTokens} and {@link pinyinKeys}.
 */
export const PINYIN_OPTIONS = {
  type: 'all',
  toneType: 'none',
  v: true,
  nonZh: 'consecutive',
} as const;

/** pinyin-pro's answer for {@link PINYIN_OPTIONS} as tokens (the viewer ships no dictionary). */
export function pinyinTokens(
  all: readonly { pinyin: string; origin: string; isZh: boolean }[],
): PinyinToken[] {
  return all.map((t) => ({ pinyin: t.isZh ? t.pinyin : t.origin, zh: t.isZh }));
}

/**
 * The search keys of a Chinese name, as the data carries them (scripts/lib/pinyin.mjs writes
 * them with this function and pinyin-pro; tests/data/search-keys.test.ts checks the geodata):
 * `pinyin_full` — one lower-case token per Chinese character, runs of other letters or digits as
 * one token, space-separated, ü as v; `pinyin_initials` — each Chinese token's first letter,
 * other tokens whole.
 *
 * @param tokens the name as pinyin tokens: `pinyinTokens(pinyin(name, PINYIN_OPTIONS))`
 */
export function pinyinKeys(tokens: readonly PinyinToken[]): {
  pinyin_full: string;
  pinyin_initials: string;
} {
  const keys = tokens
    .map((t) => ({ key: compact(t.pinyin.replace(/ü/g, 'v')), zh: t.zh }))
    .filter((t) => t.key);
  return {
    pinyin_full: keys.map((t) => t.key).join(' '),
    pinyin_initials: keys.map((t) => (t.zh ? t.key[0] : t.key)).join(''),
  };
}

/** The search entry of one feature, from its names and its pinyin keys (if it has them). */
export function searchEntry(f: PlanFeature): SearchEntry {
  const p = f.properties;
  const { full, starts } = joinTokens(p.pinyin_full);
  const names = Array.isArray(p.aliases) ? p.aliases : [];
  const pinyins = Array.isArray(p.aliases_pinyin) ? p.aliases_pinyin : [];
  const aliases: AliasKeys[] = [];
  names.forEach((a, i) => {
    if (typeof a === 'string' && a)
      aliases.push({ text: a.toLowerCase(), ...joinTokens(pinyins[i]) });
  });
  return {
    id: p.id,
    kind: p.kind,
    group: groupOf(p.kind),
    name_zh: p.name_zh,
    name_en: p.name_en,
    zh: p.name_zh.toLowerCase(),
    en: p.name_en.toLowerCase(),
    full,
    starts,
    initials: typeof p.pinyin_initials === 'string' ? compact(p.pinyin_initials) : '',
    aliases,
  };
}

/**
 * The search index of a plan: every feature of its zone and corridor layers, and every placed
 * item, in manifest order.
 */
export function buildSearchIndex(model: PlanModel): SearchIndex {
  const entries: SearchEntry[] = [];
  for (const layer of model.plan.layers) {
    if (ZONE_LAYER_KINDS.has(layer.spec.kind)) {
      for (const f of layer.data.features) entries.push(searchEntry(f));
    }
  }
  for (const item of model.items) entries.push(searchEntry(item as PlanFeature));
  return { entries };
}

/** How well a key matched, best first. */
export const MATCH = { exact: 0, prefix: 1, word: 2, inside: 3 } as const;
export type MatchQuality = (typeof MATCH)[keyof typeof MATCH];

export interface SearchHit {
  entry: SearchEntry;
  quality: MatchQuality;
  /** Which key matched (`alias`: one of the feature's other names, or its pinyin). */
  key: 'zh' | 'en' | 'pinyin' | 'initials' | 'alias';
}

function textMatch(text: string, q: string): MatchQuality | null {
  if (!q) return null;
  if (text === q) return MATCH.exact;
  if (text.startsWith(q)) return MATCH.prefix;
  const at = text.indexOf(q);
  if (at < 0) return null;
  // A word start in English ("bay" in "lingshui bay"), else anywhere (Chinese has no spaces).
  return /[\s\-–—(/&·,]/.test(text[at - 1] ?? '') ? MATCH.word : MATCH.inside;
}

function pinyinMatch(e: Pick<SearchEntry, 'full' | 'starts'>, q: string): MatchQuality | null {
  if (!q || !e.full) return null;
  if (e.full === q) return MATCH.exact;
  if (e.full.startsWith(q)) return MATCH.prefix;
  // Inside a longer name only from a syllable start: `xinxing` matches, `nxing` does not.
  for (const s of e.starts) if (s > 0 && e.full.startsWith(q, s)) return MATCH.word;
  return null;
}

function initialsMatch(e: SearchEntry, q: string): MatchQuality | null {
  // Two letters or more: a single letter would match half the plan.
  if (q.length < 2 || !e.initials) return null;
  if (e.initials === q) return MATCH.exact;
  if (e.initials.startsWith(q)) return MATCH.prefix;
  return e.initials.includes(q) ? MATCH.word : null;
}

function best(
  ...candidates: [MatchQuality | null, SearchHit['key']][]
): [MatchQuality, SearchHit['key']] | null {
  let out: [MatchQuality, SearchHit['key']] | null = null;
  for (const [q, key] of candidates) if (q !== null && (!out || q < out[0])) out = [q, key];
  return out;
}

/**
 * Entries matching `query`, best first: by match quality (an exact or prefix match is as good
 * as a whole name), then zones before subzones before the corridor and its nodes before items —
 * a planner typing a place means the zone — then exact before prefix, then shorter names, then
 * manifest order.
 *
 * @param accept entries to consider (e.g. only items the filters show); default all
 */
export function search(
  index: SearchIndex,
  query: string,
  accept: (e: SearchEntry) => boolean = () => true,
): SearchHit[] {
  const text = query.trim().toLowerCase().replace(/\s+/g, ' ');
  const q = compact(text);
  if (!q) return [];
  const hits: (SearchHit & { order: number })[] = [];
  index.entries.forEach((e, order) => {
    if (!accept(e)) return;
    const m = best(
      [textMatch(e.zh, text), 'zh'],
      [textMatch(e.en, text), 'en'],
      [pinyinMatch(e, q), 'pinyin'],
      [initialsMatch(e, q), 'initials'],
      ...e.aliases.flatMap((a): [MatchQuality | null, SearchHit['key']][] => [
        [textMatch(a.text, text), 'alias'],
        [pinyinMatch(a, q), 'alias'],
      ]),
    );
    if (m) hits.push({ entry: e, quality: m[0], key: m[1], order });
  });
  const tier = (h: SearchHit) => (h.quality <= MATCH.prefix ? 0 : h.quality);
  hits.sort(
    (a, b) =>
      tier(a) - tier(b) ||
      a.entry.group - b.entry.group ||
      a.quality - b.quality ||
      a.entry.name_zh.length - b.entry.name_zh.length ||
      a.order - b.order,
  );
  return hits.map(({ order: _order, ...h }) => h);
}
