/**
 * The rules for a feature's `properties`, each a small function, and the message catalogue they
 * speak from (every text in both languages, in one place). A rule reads the properties and
 * returns findings — a code, the property key and a message — or normalises an optional
 * property in place; `validate.ts` turns findings into issues naming the file and the feature.
 */
import { isRecord, isReservedKey } from './guards.js';
import { examples, type IssueCode, show } from './issues.js';
import type { PlanLimits } from './limits.js';
import { hasMarkup, truncate } from './text.js';
import {
  ACCURACIES,
  CORRIDOR_KINDS,
  ITEM_CATEGORIES,
  ITEM_KINDS,
  isItemKind,
  isPlausibleYear,
  LAYOUT_KINDS,
  REFERENCE_KINDS,
  STATUSES,
  YEAR_RANGE,
} from './types.js';

/** A message in both languages. */
export interface Msg {
  en: string;
  zh: string;
}

/** What a rule found: a code, the property it is about, and what to say. */
export interface Finding {
  code: IssueCode;
  key: string;
  msg: Msg;
}

/** ASCII kebab-case, at most {@link MAX_ID_CHARS} characters. */
export const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const MAX_ID_CHARS = 100;

const KNOWN_KINDS: ReadonlySet<string> = new Set([
  ...LAYOUT_KINDS,
  ...ITEM_KINDS,
  ...CORRIDOR_KINDS,
  ...REFERENCE_KINDS,
]);
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
] as const;

const DESCRIBE_ZH: Record<string, string> = {
  number: '数字',
  string: '文本',
  boolean: '布尔值',
  object: '对象',
  undefined: '未定义',
};

/** A value's kind in words, for messages. */
export function describe(v: unknown): Msg {
  if (v === null) return { en: 'null', zh: 'null' };
  if (Array.isArray(v)) return { en: 'an array', zh: '数组' };
  return { en: typeof v, zh: DESCRIBE_ZH[typeof v] ?? typeof v };
}

/** The catalogue: every message the property rules give. */
export const MESSAGES = {
  missing: (key: string): Msg => ({ en: `"${key}" is missing`, zh: `缺少 "${key}"` }),
  notText: (key: string, v: unknown): Msg => ({
    en: `"${key}" must be text, not ${describe(v).en} (${show(v, 30)})`,
    zh: `"${key}" 必须是文本,而不是 ${describe(v).zh}(${show(v, 30)})`,
  }),
  reservedId: (id: string): Msg => ({
    en: `id ${show(id)} is the name of a JavaScript object member; choose another id`,
    zh: `id ${show(id)} 与 JavaScript 对象成员同名;请换一个 id`,
  }),
  badId: (id: string): Msg => ({
    en: `id ${show(id)} is not ASCII kebab-case (a–z, 0–9 and single hyphens, at most ${MAX_ID_CHARS} characters)`,
    zh: `id ${show(id)} 不是 ASCII 短横线格式(a–z、0–9 与单个连字符,最多 ${MAX_ID_CHARS} 个字符)`,
  }),
  unknownKind: (kind: string): Msg => ({
    en: `kind ${show(kind)} is unknown (known: ${[...KNOWN_KINDS].join(', ')})`,
    zh: `类型 kind ${show(kind)} 未知(可用:${[...KNOWN_KINDS].join('、')})`,
  }),
  unknownStatus: (status: unknown): Msg => ({
    en: `status ${show(status)} is unknown (known: ${STATUSES.join(', ')})`,
    zh: `状态 status ${show(status)} 未知(可用:${STATUSES.join('、')})`,
  }),
  unknownCategory: (category: unknown): Msg => ({
    en: `category ${show(category)} is unknown (known: ${ITEM_CATEGORIES.join(', ')})`,
    zh: `类别 category ${show(category)} 未知(可用:${ITEM_CATEGORIES.join('、')})`,
  }),
  reservedKeys: (keys: string[]): Msg => ({
    en: `propert${keys.length === 1 ? 'y' : 'ies'} ${examples(keys, 'en')} ${keys.length === 1 ? 'shares' : 'share'} the name of a JavaScript object member; renamed with a trailing "_"`,
    zh: `属性 ${examples(keys, 'zh')} 与 JavaScript 对象成员同名;已改名(末尾加 "_")`,
  }),
  optionalNotText: (key: string): Msg => ({
    en: `${key} is not text (dropped)`,
    zh: `${key} 不是文本(已忽略)`,
  }),
  badAccuracy: (v: unknown): Msg => ({
    en: `accuracy ${show(v, 30)} is not ${ACCURACIES.join(' / ')} ("schematic" used)`,
    zh: `accuracy ${show(v, 30)} 不是 ${ACCURACIES.join(' / ')}(按 "schematic")`,
  }),
  badAccuracyM: (v: unknown): Msg => ({
    en: `accuracy_m ${show(v, 30)} is not a number of metres ≥ 0 (0 used)`,
    zh: `accuracy_m ${show(v, 30)} 不是 ≥ 0 的米数(按 0)`,
  }),
  notArray: (key: string): Msg => ({
    en: `${key} is not an array (dropped)`,
    zh: `${key} 不是数组(已忽略)`,
  }),
  badSources: (n: number): Msg => ({
    en: `${n} sources entr(ies) are not { doc, where, quote } text (dropped)`,
    zh: `${n} 条 sources 不是 { doc, where, quote } 文本(已忽略)`,
  }),
  badHistory: (n: number): Msg => ({
    en: `${n} history step(s) are not { year, status, source } (dropped)`,
    zh: `${n} 条 history 不是 { year, status, source }(已忽略)`,
  }),
  badYears: (years: unknown[]): Msg => ({
    en: `history years ${examples(years, 'en')} are not whole years within ${YEAR_RANGE.min}–${YEAR_RANGE.max}; those steps are dropped`,
    zh: `history 年份 ${examples(years, 'zh')} 不是 ${YEAR_RANGE.min}–${YEAR_RANGE.max} 之间的整年;这些步骤已忽略`,
  }),
  notAnId: (key: string): Msg => ({
    en: `${key} is not an id (dropped)`,
    zh: `${key} 不是 id(已忽略)`,
  }),
  orderNotNumber: (): Msg => ({
    en: 'order is not a number (dropped)',
    zh: 'order 不是数字(已忽略)',
  }),
  parksNotArray: (): Msg => ({
    en: 'parks is not an array of ids (dropped)',
    zh: 'parks 不是 id 数组(已忽略)',
  }),
  parksNotIds: (): Msg => ({
    en: 'parks has entries that are not ids (dropped)',
    zh: 'parks 含非 id 条目(已忽略)',
  }),
  longText: (keys: string[], limits: PlanLimits): Msg => ({
    en: `${examples(keys, 'en')} too long: truncated to ${limits.maxNameChars} characters (names) / ${limits.maxTextChars} (other text)`,
    zh: `${examples(keys, 'zh')} 过长:已截断为 ${limits.maxNameChars} 字(名称)/ ${limits.maxTextChars} 字(其他文本)`,
  }),
  markup: (key: string, text: string): Msg => ({
    en: `${key} contains HTML markup (${show(text, 50)}); it is shown as literal text`,
    zh: `${key} 含 HTML 标记(${show(text, 50)});按原文显示,不作为 HTML`,
  }),
  unknownSources: (docs: string[]): Msg => ({
    en: `sources cite ${examples(docs, 'en')}, not listed in the manifest's sources`,
    zh: `sources 引用的 ${examples(docs, 'zh')} 未列入清单的 sources`,
  }),
  formula: (key: string, text: string): Msg => ({
    en: `${key} starts like a spreadsheet formula (${show(text, 40)}); CSV exports prefix it with an apostrophe`,
    zh: `${key} 以电子表格公式开头(${show(text, 40)});导出 CSV 时会在前面加撇号`,
  }),
} as const;

/**
 * Text a spreadsheet would run as a formula (`=HYPERLINK(…)`, `@SUM(…)`, `+cmd|…`). Signed
 * numbers (`-5`, `+86 411 …`) are not formulas.
 */
export function looksLikeFormula(s: string): boolean {
  return /^[=+\-@\t\r]/.test(s) && !/^[+-]?\s*\d/.test(s);
}

// --- Required properties: each rule adds errors; the feature is left out when any is found.

const isMissing = (v: unknown) =>
  v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** A required text property, or undefined (with an error) when it is missing or not text. */
function requiredText(
  raw: Record<string, unknown>,
  key: string,
  out: Finding[],
): string | undefined {
  const v = raw[key];
  if (isMissing(v)) out.push({ code: 'missing-property', key, msg: MESSAGES.missing(key) });
  else if (typeof v !== 'string')
    out.push({ code: 'bad-property-type', key, msg: MESSAGES.notText(key, v) });
  else return v;
  return undefined;
}

function idRule(id: string | undefined, out: Finding[]): void {
  if (id === undefined) return;
  if (isReservedKey(id)) out.push({ code: 'bad-id', key: 'id', msg: MESSAGES.reservedId(id) });
  else if (!ID_PATTERN.test(id) || id.length > MAX_ID_CHARS)
    out.push({ code: 'bad-id', key: 'id', msg: MESSAGES.badId(id) });
}

function kindRule(kind: string | undefined, out: Finding[]): void {
  if (kind !== undefined && !KNOWN_KINDS.has(kind))
    out.push({ code: 'unknown-kind', key: 'kind', msg: MESSAGES.unknownKind(kind) });
}

function itemRules(raw: Record<string, unknown>, kind: string | undefined, out: Finding[]): void {
  if (!isItemKind(kind)) return;
  const status = requiredText(raw, 'status', out);
  if (status !== undefined && !STATUS_SET.has(status))
    out.push({ code: 'unknown-status', key: 'status', msg: MESSAGES.unknownStatus(status) });
  const category = requiredText(raw, 'category', out);
  if (category !== undefined && !CATEGORY_SET.has(category))
    out.push({
      code: 'unknown-category',
      key: 'category',
      msg: MESSAGES.unknownCategory(category),
    });
}

/** Every error about the required properties (empty: the feature can be used). */
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
  props.sources = (props.sources as Record<string, string>[]).map((s, i) => ({
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

/** Every rule over one feature's properties: required ones first, then the normalisers. */
export function checkProperties(raw: Record<string, unknown>, limits: PlanLimits): PropertyCheck {
  const errors = requiredRules(raw);
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
