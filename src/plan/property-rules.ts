/**
 * The rules for a feature's `properties` — and for an unlocated entry, which goes through the
 * same rules — each a small function speaking from the message catalogue (`messages.ts`). A rule
 * reads the properties and returns findings — a code, the property key and a message — or
 * normalises an optional property in place; `validate.ts` and `load.ts` turn findings into
 * issues naming the file and the feature or entry.
 */
import { type Finding, finding } from './finding.js';
import { isRecord, isReservedKey } from './guards.js';
import type { PlanLimits } from './limits.js';
import { leftOut, MESSAGES, type Msg } from './messages.js';
import { hasMarkup, truncate } from './text.js';
import {
  ACCURACIES,
  FEATURE_KINDS,
  ID_PATTERN,
  ITEM_CATEGORIES,
  isItemKind,
  isPlausibleYear,
  MAX_ID_CHARS,
  STATUSES,
} from './types.js';

export type { Finding } from './finding.js';
export { describe, MESSAGES, type Msg } from './messages.js';
export { ID_PATTERN, MAX_ID_CHARS } from './types.js';

const KNOWN_KINDS: ReadonlySet<string> = new Set(FEATURE_KINDS);
const STATUS_SET: ReadonlySet<string> = new Set(STATUSES);
const CATEGORY_SET: ReadonlySet<string> = new Set(ITEM_CATEGORIES);
const ACCURACY_SET: ReadonlySet<string> = new Set(ACCURACIES);

/** Optional text properties: dropped when not text. */
const OPTIONAL_TEXT = [
  'summary_zh',
  'summary_en',
  'derivation',
  'position_note',
  'note_zh',
  'note_en',
  'reason',
] as const;

/**
 * Text a spreadsheet would run as a formula (`=HYPERLINK(…)`, `@SUM(…)`, `+cmd|…`). Signed
 * numbers (`-5`, `+86 411 …`) are not formulas.
 */
export function looksLikeFormula(s: string): boolean {
  return startsFormula(s.charCodeAt(0)) && !/^[+-]?\s*\d/.test(s);
}

/** `=`, `+`, `-`, `@`, tab or carriage return: how a formula starts. */
function startsFormula(c: number): boolean {
  return c === 0x3d || c === 0x2b || c === 0x2d || c === 0x40 || c === 0x09 || c === 0x0d;
}

// --- Required properties: each rule adds errors; the feature is left out when any is found.

const isMissing = (v: unknown) =>
  v === undefined || v === null || (typeof v === 'string' && isBlank(v));

/** Only white space, as `trim` sees it (not trimmed when it starts with a visible ASCII character). */
function isBlank(s: string): boolean {
  const c = s.charCodeAt(0);
  return !(c > 0x20 && c < 0x7f) && s.trim() === '';
}

/** A required text property, or undefined (with an error) when it is missing or not text. */
function requiredText(
  raw: Record<string, unknown>,
  key: string,
  out: Finding[],
): string | undefined {
  const v = raw[key];
  if (isMissing(v)) out.push(finding('missing-property', key, MESSAGES.missing(key)));
  else if (typeof v !== 'string')
    out.push(finding('bad-property-type', key, MESSAGES.notText(key, v)));
  else return v;
  return undefined;
}

function idRule(id: string | undefined, out: Finding[]): void {
  if (id === undefined) return;
  if (isReservedKey(id)) out.push(finding('bad-id', 'id', MESSAGES.reservedId(id)));
  else if (!ID_PATTERN.test(id) || id.length > MAX_ID_CHARS)
    out.push(finding('bad-id', 'id', MESSAGES.badId(id)));
}

function kindRule(kind: string | undefined, out: Finding[]): void {
  if (kind !== undefined && !KNOWN_KINDS.has(kind))
    out.push(finding('unknown-kind', 'kind', MESSAGES.unknownKind(kind)));
}

/** An item's status: one of {@link STATUSES}. */
export function statusRule(status: unknown): Finding | null {
  return typeof status === 'string' && STATUS_SET.has(status)
    ? null
    : finding('unknown-status', 'status', MESSAGES.unknownStatus(status));
}

/** An item's category: one of {@link ITEM_CATEGORIES}. */
export function categoryRule(category: unknown): Finding | null {
  return typeof category === 'string' && CATEGORY_SET.has(category)
    ? null
    : finding('unknown-category', 'category', MESSAGES.unknownCategory(category));
}

function push(out: Finding[], f: Finding | null): void {
  if (f) out.push(f);
}

function itemRules(raw: Record<string, unknown>, kind: string | undefined, out: Finding[]): void {
  if (!isItemKind(kind)) return;
  const status = requiredText(raw, 'status', out);
  if (status !== undefined) push(out, statusRule(status));
  const category = requiredText(raw, 'category', out);
  if (category !== undefined) push(out, categoryRule(category));
}

/** Every error about a feature's required properties (empty: the feature can be used). */
export function requiredRules(raw: Record<string, unknown>): Finding[] {
  const out: Finding[] = [];
  idRule(requiredText(raw, 'id', out), out);
  const kind = requiredText(raw, 'kind', out);
  kindRule(kind, out);
  requiredText(raw, 'name_zh', out);
  requiredText(raw, 'name_en', out);
  itemRules(raw, kind, out);
  return out;
}

const named = (v: unknown) => typeof v === 'string' && v.trim() !== '';

/**
 * Every error about an unlocated entry's required properties: text id and names, then the
 * feature rules for the id, and for the kind (an item kind), status and category when given.
 * An entry with an error is left out (the messages say so).
 */
export function unlocatedRules(raw: Record<string, unknown>): Finding[] {
  if (!named(raw.id) || !named(raw.name_zh) || !named(raw.name_en)) {
    return [finding('bad-unlocated', '', MESSAGES.unlocatedNeedsNames())];
  }
  const out: Finding[] = [];
  idRule(raw.id as string, out);
  if (raw.kind !== undefined && !isItemKind(raw.kind)) {
    out.push(finding('unknown-kind', 'kind', MESSAGES.notItemKind(raw.kind)));
  }
  if (raw.status !== undefined) push(out, statusRule(raw.status));
  if (raw.category !== undefined) push(out, categoryRule(raw.category));
  return out.map((f) => ({ ...f, msg: leftOut(f.msg) }));
}

/** `sources[].doc` must name a source the manifest lists (features and unlocated entries). */
export function citedSourcesRule(
  sources: readonly { doc: string }[],
  sourceIds: ReadonlySet<string>,
): Finding | null {
  const unknown = new Set<string>();
  for (const s of sources) if (!sourceIds.has(s.doc)) unknown.add(s.doc);
  return unknown.size === 0
    ? null
    : finding('unknown-source', 'sources', MESSAGES.unknownSources([...unknown]));
}

// --- Optional properties: each normaliser fixes `props` in place and says what it fixed.

type Fix = (key: string, msg: Msg) => void;

function optionalText(props: Record<string, unknown>, fix: Fix): void {
  for (const key of OPTIONAL_TEXT) {
    if (props[key] !== undefined && typeof props[key] !== 'string') {
      fix(key, MESSAGES.optionalNotText(key));
      delete props[key];
    }
  }
}

function accuracy(props: Record<string, unknown>, fix: Fix): void {
  const a = props.accuracy;
  if (a !== undefined && !(typeof a === 'string' && ACCURACY_SET.has(a)))
    fix('accuracy', MESSAGES.badAccuracy(a));
  if (!(typeof a === 'string' && ACCURACY_SET.has(a))) props.accuracy = 'schematic';
  const m = props.accuracy_m;
  const ok = typeof m === 'number' && Number.isFinite(m) && m >= 0;
  if (m !== undefined && !ok) fix('accuracy_m', MESSAGES.badAccuracyM(m));
  if (!ok) props.accuracy_m = 0;
}

const isSourceRef = (s: unknown): s is Record<string, unknown> =>
  isRecord(s) &&
  typeof s.doc === 'string' &&
  (s.where === undefined || typeof s.where === 'string') &&
  (s.quote === undefined || typeof s.quote === 'string');

function sources(props: Record<string, unknown>, fix: Fix): void {
  const list = props.sources;
  if (list !== undefined && !Array.isArray(list)) fix('sources', MESSAGES.notArray('sources'));
  const all = Array.isArray(list) ? list : [];
  const ok = all.filter(isSourceRef);
  if (ok.length !== all.length) fix('sources', MESSAGES.badSources(all.length - ok.length));
  props.sources = ok.map((s) => ({
    doc: s.doc,
    where: typeof s.where === 'string' ? s.where : '',
    quote: typeof s.quote === 'string' ? s.quote : '',
  }));
}

const isStep = (h: unknown): h is Record<string, unknown> & { year: number } =>
  isRecord(h) &&
  typeof h.year === 'number' &&
  typeof h.status === 'string' &&
  STATUS_SET.has(h.status) &&
  (h.source === undefined || typeof h.source === 'string');

/** History steps: well-formed, with plausible years. Returns the implausible years found. */
function history(props: Record<string, unknown>, fix: Fix): unknown[] {
  const list = props.history;
  if (list === undefined) return [];
  if (!Array.isArray(list)) {
    fix('history', MESSAGES.notArray('history'));
    delete props.history;
    return [];
  }
  const shaped = list.filter(isStep);
  if (shaped.length !== list.length)
    fix('history', MESSAGES.badHistory(list.length - shaped.length));
  const bad = shaped.filter((h) => !isPlausibleYear(h.year)).map((h) => h.year);
  props.history = shaped
    .filter((h) => isPlausibleYear(h.year))
    .map((h) => ({ year: h.year, status: h.status, source: h.source ?? '' }));
  return bad;
}

function references(props: Record<string, unknown>, fix: Fix): void {
  for (const key of ['zone', 'parent'] as const) {
    if (props[key] !== undefined && typeof props[key] !== 'string') {
      fix(key, MESSAGES.notAnId(key));
      delete props[key];
    }
  }
  const order = props.order;
  if (order !== undefined && !(typeof order === 'number' && Number.isFinite(order))) {
    fix('order', MESSAGES.orderNotNumber());
    delete props.order;
  }
}

function parks(props: Record<string, unknown>, fix: Fix): void {
  const list = props.parks;
  if (list === undefined) return;
  if (!Array.isArray(list)) {
    fix('parks', MESSAGES.parksNotArray());
    delete props.parks;
  } else if (!list.every((p: unknown) => typeof p === 'string')) {
    fix('parks', MESSAGES.parksNotIds());
    props.parks = list.filter((p: unknown) => typeof p === 'string');
  }
}

// --- Text: long texts truncated; markup and formula-like text reported.

interface TextFindings {
  long: string[];
  markup?: string;
  formula?: string;
}

function checkText(key: string, s: string, max: number, t: TextFindings): string {
  if (t.markup === undefined && hasMarkup(s)) t.markup = key;
  if (t.formula === undefined && looksLikeFormula(s)) t.formula = key;
  if (s.length <= max) return s;
  t.long.push(key);
  return truncate(s, max);
}

function texts(props: Record<string, unknown>, limits: PlanLimits): TextFindings {
  const t: TextFindings = { long: [] };
  for (const key of Object.keys(props)) {
    const v = props[key];
    if (typeof v !== 'string') continue;
    const names = key === 'name_zh' || key === 'name_en';
    props[key] = checkText(key, v, names ? limits.maxNameChars : limits.maxTextChars, t);
  }
  const sources = props.sources as Record<string, string>[];
  if (sources.length === 0) return t;
  props.sources = sources.map((s, i) => ({
    doc: checkText(`sources[${i}].doc`, s.doc!, limits.maxNameChars, t),
    where: checkText(`sources[${i}].where`, s.where!, limits.maxTextChars, t),
    quote: checkText(`sources[${i}].quote`, s.quote!, limits.maxTextChars, t),
  }));
  return t;
}

/** The text of a property key like `sources[2].quote`, for a message. */
function textAt(props: Record<string, unknown>, key: string): string {
  const m = /^sources\[(\d+)\]\.(\w+)$/.exec(key);
  const v = m ? (props.sources as Record<string, string>[])[Number(m[1])]?.[m[2]!] : props[key];
  return String(v ?? '');
}

/**
 * Renames keys that collide with `Object.prototype` members (`constructor` → `constructor_`;
 * a key already taken gets more underscores). Returns the original names. Own keys only.
 */
export function renameReservedKeys(props: Record<string, unknown>): string[] {
  const renamed: string[] = [];
  for (const key of Object.keys(props)) {
    if (!isReservedKey(key)) continue;
    let to = `${key}_`;
    while (Object.hasOwn(props, to) || isReservedKey(to)) to += '_';
    const value = props[key];
    delete props[key];
    Object.defineProperty(props, to, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
    renamed.push(key);
  }
  return renamed;
}

export interface PropertyCheck {
  /** Errors: the feature is left out. */
  errors: Finding[];
  /** Warnings: the data is used, fixed. */
  warnings: Finding[];
  /** A normalised copy (the input is not changed). */
  props: Record<string, unknown>;
}

/**
 * Every rule over one feature's properties (or an unlocated entry's, with
 * `required` = {@link unlocatedRules}): the required ones first, then the normalisers.
 */
export function checkProperties(
  raw: Record<string, unknown>,
  limits: PlanLimits,
  required: (raw: Record<string, unknown>) => Finding[] = requiredRules,
): PropertyCheck {
  const errors = required(raw);
  if (errors.length > 0) return { errors, warnings: [], props: raw };
  const warnings: Finding[] = [];
  const props: Record<string, unknown> = { ...raw };
  const renamed = renameReservedKeys(props);
  if (renamed.length > 0) {
    warnings.push({ code: 'reserved-key', key: renamed[0]!, msg: MESSAGES.reservedKeys(renamed) });
  }
  const fixes: { key: string; msg: Msg }[] = [];
  const fix: Fix = (key, msg) => fixes.push({ key, msg });
  optionalText(props, fix);
  accuracy(props, fix);
  sources(props, fix);
  const badYears = history(props, fix);
  references(props, fix);
  parks(props, fix);
  if (badYears.length > 0) {
    warnings.push({ code: 'bad-year', key: 'history', msg: MESSAGES.badYears(badYears) });
  }
  if (fixes.length > 0) {
    warnings.push({
      code: 'bad-optional-property',
      key: fixes[0]!.key,
      msg: {
        en: fixes.map((f) => f.msg.en).join('; '),
        zh: fixes.map((f) => f.msg.zh).join(';'),
      },
    });
  }
  const t = texts(props, limits);
  if (t.long.length > 0) {
    warnings.push({ code: 'long-text', key: t.long[0]!, msg: MESSAGES.longText(t.long, limits) });
  }
  if (t.markup !== undefined) {
    const msg = MESSAGES.markup(t.markup, textAt(props, t.markup));
    warnings.push({ code: 'markup-in-text', key: t.markup, msg });
  }
  if (t.formula !== undefined) {
    const msg = MESSAGES.formula(t.formula, textAt(props, t.formula));
    warnings.push({ code: 'formula-text', key: t.formula, msg });
  }
  return { errors, warnings, props };
}
