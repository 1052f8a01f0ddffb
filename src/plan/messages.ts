/**
 * The message catalogue of the plan validator: every text the loader and its rules give, in
 * both languages, in one place. Rules (`property-rules.ts`, `validate.ts`, `geometry.ts`,
 * `manifest.ts`, `load.ts`) return findings — a code, where, and a message taken from here —
 * and never write a message themselves (tests/plan/messages.test.ts checks that no Chinese text
 * appears anywhere else in those files, and that every entry here speaks both languages).
 *
 * Values from the data are quoted through `show` / `examples` (short, JSON-quoted, capped).
 */
import { examples, show } from './issues.js';
import type { PlanLimits } from './limits.js';
import {
  ACCURACIES,
  FEATURE_KINDS,
  ITEM_CATEGORIES,
  ITEM_KINDS,
  LAYER_KINDS,
  MAX_ID_CHARS,
  STATUSES,
  YEAR_RANGE,
} from './types.js';

/** A message in both languages. */
export interface Msg {
  en: string;
  zh: string;
}

const DESCRIBE_ZH: Record<string, string> = {
  number: '数字',
  string: '文本',
  boolean: '布尔值',
  object: '对象',
  undefined: '未定义',
  bigint: '数字',
  symbol: '符号',
  function: '函数',
};

/** A value's kind in words, for messages. */
export function describe(v: unknown): Msg {
  if (v === null) return { en: 'null', zh: 'null' };
  if (Array.isArray(v)) return { en: 'an array', zh: '数组' };
  return { en: typeof v, zh: DESCRIBE_ZH[typeof v] ?? typeof v };
}

/** A coordinate-ish value in words: like {@link describe}, naming non-finite numbers and text. */
export function valueKind(v: unknown): Msg {
  if (typeof v === 'number' && !Number.isFinite(v)) return { en: String(v), zh: String(v) };
  if (typeof v === 'string') {
    const s = JSON.stringify(v.slice(0, 20));
    return { en: `the string ${s}`, zh: `文本 ${s}` };
  }
  return describe(v);
}

/** A position for messages: `[121.5, 38.9]`, six decimals at most. */
export function fmt(p: readonly number[]): string {
  return `[${p.map((v) => Number(v.toFixed(6))).join(', ')}]`;
}

/** `where: what` in both languages (the Chinese with a full-width colon). */
export function located(where: Msg, what: Msg): Msg {
  return { en: `${where.en}: ${what.en}`, zh: `${where.zh}:${what.zh}` };
}

/** A message with a consequence appended ("; left out"). */
export function leftOut(msg: Msg): Msg {
  return { en: `${msg.en}; left out`, zh: `${msg.zh};未载入` };
}

/** A `parent` loop for a message: the whole chain, or its ends when it is long. */
function chain(loop: readonly string[], lang: 'en' | 'zh'): string {
  const q = (ids: readonly string[]) => ids.map((s) => show(s, 40)).join(' → ');
  if (loop.length <= 8) return q(loop);
  const more = lang === 'en' ? `(${loop.length - 6} more) ` : `(另 ${loop.length - 6} 个)`;
  return `${q(loop.slice(0, 3))} → … ${more}→ ${q(loop.slice(-3))}`;
}

/** What was found where a FeatureCollection belongs. */
function foundInstead(data: unknown): Msg {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return describe(data);
  const d = data as Record<string, unknown>;
  const noFeatures = !Array.isArray(d.features);
  return {
    en: `an object with type ${show(d.type, 30)}${noFeatures ? ' and no features array' : ''}`,
    zh: `type 为 ${show(d.type, 30)} 的对象${noFeatures ? ',且没有 features 数组' : ''}`,
  };
}

/** Where a message is: the file, the feature or entry, the manifest, a layer entry. */
export const WHERE = {
  file: (name: string): Msg => ({ en: name, zh: name }),
  feature: (name: string, index: number, id: string | undefined): Msg =>
    id === undefined
      ? { en: `${name}, features[${index}]`, zh: `${name} features[${index}]` }
      : {
          en: `${name}, feature ${show(id, 80)} (features[${index}])`,
          zh: `${name} 要素 ${show(id, 80)}(features[${index}])`,
        },
  duplicate: (name: string, id: string): Msg => ({
    en: `${name}, feature ${show(id, 80)}`,
    zh: `${name} 要素 ${show(id, 80)}`,
  }),
  unlocated: (name: string, path: string, id: string | undefined): Msg =>
    id === undefined
      ? { en: `${name}, ${path}`, zh: `${name} ${path}` }
      : { en: `${name}, ${path} (${show(id)})`, zh: `${name} ${path}(${show(id)})` },
  manifest: (name: string): Msg => ({ en: `Manifest ${name}`, zh: `清单 ${name}` }),
  layer: (name: string, id: string): Msg => ({
    en: `Manifest ${name}: layer "${id}"`,
    zh: `清单 ${name}:图层 "${id}"`,
  }),
} as const;

/** The catalogue: every message the validator and the loader give. */
export const MESSAGES = {
  // --- Feature properties (property-rules.ts)
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
    en: `kind ${show(kind)} is unknown (known: ${FEATURE_KINDS.join(', ')})`,
    zh: `类型 kind ${show(kind)} 未知(可用:${FEATURE_KINDS.join('、')})`,
  }),
  notItemKind: (kind: unknown): Msg => ({
    en: `kind ${show(kind, 40)} is not an item kind (${ITEM_KINDS.join(', ')})`,
    zh: `类型 kind ${show(kind, 40)} 不是项目类型(${ITEM_KINDS.join('、')})`,
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

  // --- Unlocated entries (the same rules as features, plus these)
  unlocatedNotArray: (data: unknown): Msg => ({
    en: `the unlocated list is not an array (found ${show(data, 40)})`,
    zh: `未定位项目列表不是数组(实际为 ${show(data, 40)})`,
  }),
  unlocatedNeedsNames: (): Msg => ({
    en: 'needs text "id", "name_zh" and "name_en"; left out',
    zh: '需要文本 "id"、"name_zh" 和 "name_en";未载入',
  }),
  unlocatedTwice: (): Msg => ({
    en: 'the id is listed twice; left out',
    zh: 'id 重复;未载入',
  }),
  unlocatedOutside: (value: unknown, refusal: Msg): Msg => ({
    en: `"unlocated" ${show(value)} ${refusal.en}; not read`,
    zh: `"unlocated" ${show(value)} ${refusal.zh};未读取`,
  }),
  unlocatedNotFileName: (value: unknown): Msg => ({
    en: `"unlocated" ${show(value)} is not a usable file name`,
    zh: `"unlocated" ${show(value)} 不是可用的文件名`,
  }),
  unlocatedNeitherListNorFile: (): Msg => ({
    en: '"unlocated" is neither a list nor a file name; ignored',
    zh: '"unlocated" 既不是列表也不是文件名;已忽略',
  }),

  // --- A layer file as a whole (validate.ts): the file is refused
  notFeatureCollection: (data: unknown): Msg => ({
    en: `not a GeoJSON FeatureCollection (found ${foundInstead(data).en}); the layer is empty`,
    zh: `不是 GeoJSON FeatureCollection(实际为 ${foundInstead(data).zh});该图层为空`,
  }),
  foreignCrs: (crs: string): Msg => ({
    en: `declares crs ${crs}; GeoJSON (RFC 7946) must be WGS84 longitude/latitude — re-export it as WGS84 (EPSG:4326)`,
    zh: `声明了坐标系 crs ${crs};GeoJSON(RFC 7946)必须是 WGS84 经纬度,请以 WGS84(EPSG:4326)重新导出`,
  }),
  tooManyFeaturesInLayer: (n: number, max: number): Msg => ({
    en: `${n} features, more than the limit of ${max} per layer; the layer is refused (split it)`,
    zh: `含 ${n} 个要素,超过每图层 ${max} 个的上限;该图层未载入(请拆分)`,
  }),
  largeLayerDatum: (max: number, size: string, datum: string): Msg => ({
    en: `an item layer over ${max} features or ${size} is drawn from its file as it is, so it must be WGS84, not ${datum}; the layer is refused (convert it, or split it)`,
    zh: `超过 ${max} 个要素或 ${size} 的项目图层按原文件绘制,须为 WGS84 坐标,而非 ${datum};该图层未载入(请转换坐标或拆分)`,
  }),
  tooManyFeaturesInPlan: (n: number, max: number): Msg => ({
    en: `${n} features would take the plan past its limit of ${max}; the layer is refused`,
    zh: `${n} 个要素将使规划超过 ${max} 个要素的上限;该图层未载入`,
  }),
  tooManyLayerVertices: (max: number): Msg => ({
    en: `more than ${max} positions in the file (the limit per layer); simplify or split it`,
    zh: `文件坐标点超过 ${max} 个(每图层上限);请简化或拆分`,
  }),
  projected: (sample: unknown): Msg => ({
    en: `coordinates like ${show(sample)} are metres of a projected system, not degrees; re-export the file as WGS84 longitude/latitude (EPSG:4326)`,
    zh: `坐标如 ${show(sample)} 是投影坐标(米),不是经纬度;请以 WGS84 经纬度(EPSG:4326)重新导出`,
  }),

  // --- One feature (validate.ts)
  notAFeature: (f: unknown): Msg => {
    const isObj = typeof f === 'object' && f !== null && !Array.isArray(f);
    const type = isObj ? `type ${show((f as Record<string, unknown>).type, 30)}` : undefined;
    return {
      en: `not a GeoJSON Feature (found ${type ?? describe(f).en})`,
      zh: `不是 GeoJSON Feature(实际为 ${type ?? describe(f).zh})`,
    };
  },
  noProperties: (): Msg => ({
    en: 'has no properties object (id, kind, name_zh and name_en are required)',
    zh: '没有 properties 对象(id、kind、name_zh、name_en 为必填)',
  }),
  wrongWinding: (rings: string[]): Msg => ({
    en: `ring(s) ${examples(rings, 'en')} wound against RFC 7946 (outer rings counter-clockwise, holes clockwise); rewound`,
    zh: `环 ${examples(rings, 'zh')} 的方向不符合 RFC 7946(外环逆时针、内环顺时针);已自动纠正`,
  }),

  // --- Geometry (geometry.ts)
  nullGeometry: (): Msg => ({
    en: 'the geometry is null: nothing to draw (list the item under "unlocated" in the manifest instead)',
    zh: '几何为空,无法绘制(请改列入清单的 unlocated)',
  }),
  mustBeObject: (path: string, v: unknown): Msg => ({
    en: `${path} must be an object (found ${valueKind(v).en})`,
    zh: `${path} 必须是对象(实际为 ${valueKind(v).zh})`,
  }),
  mustBeString: (path: string, v: unknown): Msg => ({
    en: `${path} must be a string (found ${valueKind(v).en})`,
    zh: `${path} 必须是字符串(实际为 ${valueKind(v).zh})`,
  }),
  mustBeArray: (path: string, v: unknown): Msg => ({
    en: `${path} must be an array (found ${valueKind(v).en})`,
    zh: `${path} 必须是数组(实际为 ${valueKind(v).zh})`,
  }),
  unknownGeometryType: (type: string): Msg => {
    const shown = JSON.stringify(type.slice(0, 40));
    return {
      en: `geometry type ${shown} is not supported: use Point, LineString, Polygon, MultiPoint, MultiLineString or MultiPolygon`,
      zh: `不支持几何类型 ${shown}:请使用 Point、LineString、Polygon、MultiPoint、MultiLineString 或 MultiPolygon`,
    };
  },
  noCoordinates: (type: string): Msg => ({
    en: `the ${type} has no coordinates`,
    zh: `${type} 没有坐标(coordinates)`,
  }),
  emptyCoordinates: (type: string): Msg => ({
    en: `the ${type} has no coordinates (an empty array)`,
    zh: `${type} 的坐标为空数组`,
  }),
  polygonWithoutRings: (k: number): Msg => ({
    en: `polygon ${k} of the MultiPolygon has no rings`,
    zh: `MultiPolygon 的第 ${k} 个多边形没有环`,
  }),
  badPosition: (at: string, node: unknown): Msg => {
    const len = Array.isArray(node) ? node.length : undefined;
    return {
      en: `${at} is not a position [longitude, latitude] (found ${valueKind(node).en}${len === undefined ? '' : ` of length ${len}`})`,
      zh: `${at} 不是坐标 [经度, 纬度](实际为 ${valueKind(node).zh}${len === undefined ? '' : `,长度 ${len}`})`,
    };
  },
  notANumber: (at: string, v: unknown): Msg => ({
    en: `${at} is ${valueKind(v).en}, not a number`,
    zh: `${at} 是 ${valueKind(v).zh},不是数字`,
  }),
  tooManyFeatureVertices: (max: number): Msg => ({
    en: `the geometry has more than ${max} positions (the limit per feature); simplify it`,
    zh: `几何图形超过 ${max} 个坐标点(单个要素上限),请简化`,
  }),
  nestedTooDeep: (path: string): Msg => ({
    en: `${path} is nested too deeply`,
    zh: `${path} 嵌套过深`,
  }),
  emptyRing: (path: string): Msg => ({ en: `ring ${path} is empty`, zh: `环 ${path} 为空` }),
  unclosedRing: (path: string, first: number[], last: number[]): Msg => ({
    en: `ring ${path} is not closed: it starts at ${fmt(first)} and ends at ${fmt(last)} (repeat the first position at the end)`,
    zh: `环 ${path} 未闭合:起点 ${fmt(first)},终点 ${fmt(last)}(请在末尾重复起点)`,
  }),
  fewRingPositions: (path: string, distinct: number): Msg => ({
    en: `ring ${path} has ${distinct} distinct positions including the closing one; a ring needs at least 4`,
    zh: `环 ${path} 只有 ${distinct} 个不同坐标(含闭合点),至少需要 4 个`,
  }),
  fewLinePositions: (path: string): Msg => ({
    en: `line ${path} has fewer than 2 distinct positions`,
    zh: `线 ${path} 的不同坐标少于 2 个`,
  }),
  lonOutOfRange: (x: number, path: string): Msg => ({
    en: `longitude ${x} at ${path} is outside −180…180`,
    zh: `${path} 的经度 ${x} 超出 −180…180`,
  }),
  latOutOfRange: (y: number, path: string): Msg => ({
    en: `latitude ${y} at ${path} is outside −90…90`,
    zh: `${path} 的纬度 ${y} 超出 −90…90`,
  }),
  outsideExtent: (p: number[], path: string, extent: readonly number[]): Msg => ({
    en: `position ${fmt(p)} at ${path} is far outside the plan's extent (the manifest bbox grown by the margin: ${fmt(extent)}); fix the coordinate, or widen the bbox if the feature really is there`,
    zh: `${path} 的坐标 ${fmt(p)} 远在规划范围之外(清单 bbox 加边距:${fmt(extent)});请改正坐标,若确在该处请扩大 bbox`,
  }),
  lonLatSwapped: (p: number[], inPlan: boolean): Msg => ({
    en: `positions are [latitude, longitude]: ${fmt(p)} swapped is [${p[1]}, ${p[0]}], ${inPlan ? 'inside the plan' : 'a valid position'}; GeoJSON wants [longitude, latitude]`,
    zh: `坐标写成了 [纬度, 经度]:${fmt(p)} 交换后为 [${p[1]}, ${p[0]}],${inPlan ? '位于规划范围内' : '是有效坐标'};GeoJSON 要求 [经度, 纬度]`,
  }),
  invalidGeoJson: (detail: string): Msg => ({
    en: `the geometry is not valid GeoJSON: ${detail}`,
    zh: `几何不是有效的 GeoJSON:${detail}`,
  }),
  kinksFailed: (detail: string): Msg => ({
    en: `the polygon could not be checked for self-intersections: ${detail}`,
    zh: `无法检查多边形自相交:${detail}`,
  }),
  selfIntersection: (path: string, at: number[]): Msg => ({
    en: `the polygon ${path} crosses or touches itself near ${fmt(at)}`,
    zh: `多边形 ${path} 在 ${fmt(at)} 附近自相交或自接触`,
  }),

  // --- Across the plan (validate.ts)
  duplicateId: (firstFile: string): Msg => ({
    en: `the id is already used in ${firstFile}; this copy is left out`,
    zh: `该 id 已在 ${firstFile} 中使用;此要素未载入`,
  }),
  unknownZone: (zone: string, kind: string | undefined): Msg => ({
    en: `zone ${show(zone)} ${kind === undefined ? 'is not a feature of the plan' : `is a ${kind}, not a zone`}; removed, Turf attaches the item by its position`,
    zh: `zone ${show(zone)} ${kind === undefined ? '不是本规划中的要素' : `是 ${kind},不是区域`};已移除,由 Turf 按位置归属`,
  }),
  parentIsSelf: (parent: string): Msg => ({
    en: `parent ${show(parent)} is the feature itself; removed`,
    zh: `parent ${show(parent)} 是要素自身;已移除`,
  }),
  unknownParent: (parent: string, kind: string | undefined): Msg => ({
    en: `parent ${show(parent)} ${kind === undefined ? 'is not a feature of the plan' : `is a ${kind}, not a zone`}; removed`,
    zh: `parent ${show(parent)} ${kind === undefined ? '不是本规划中的要素' : `是 ${kind},不是区域`};已移除`,
  }),
  unknownParks: (bad: string[]): Msg => ({
    en: `parks ${examples(bad, 'en')} are not items of the plan; removed from the node`,
    zh: `parks ${examples(bad, 'zh')} 不是本规划中的项目;已从节点移除`,
  }),
  parentCycle: (parent: string, loop: string[]): Msg => ({
    en: `parent ${show(parent)} closes a loop (${chain(loop, 'en')}); removed`,
    zh: `parent ${show(parent)} 形成循环(${chain(loop, 'zh')});已移除`,
  }),
  datumSuspected: (s: {
    datum: 'GCJ-02' | 'BD-09';
    metres: number;
    offset: string;
    matched: number;
    layer: string;
  }): Msg => {
    const gcj = s.datum === 'GCJ-02';
    return {
      en: `its points sit a median ${s.metres} m ${gcj ? 'east-north-east' : 'north-east'} of the nearest reference places (${s.offset}, ${s.matched} points) — the offset of ${gcj ? 'GCJ-02 (AMap, Tencent)' : 'BD-09 (Baidu)'} coordinates read as WGS84. Convert the file to WGS84, or declare "datum": "${s.datum}" on layer "${s.layer}" in the manifest`,
      zh: `其点位中位数偏离最近的参考地名约 ${s.metres} 米(${gcj ? '东偏北' : '东北'},${s.offset},${s.matched} 个点)——这是 ${gcj ? 'GCJ-02(高德、腾讯)' : 'BD-09(百度)'}坐标被当作 WGS84 的特征。请将文件转换为 WGS84,或在清单的图层 "${s.layer}" 上声明 "datum": "${s.datum}"`,
    };
  },

  // --- The manifest (manifest.ts)
  manifestNotObject: (raw: unknown): Msg => ({
    en: `is not a JSON object (found ${show(raw, 40)})`,
    zh: `不是 JSON 对象(实际为 ${show(raw, 40)})`,
  }),
  manifestNoLayersArray: (): Msg => ({ en: 'has no "layers" array', zh: '缺少 "layers" 数组' }),
  manifestNoLayers: (): Msg => ({ en: 'lists no layers', zh: '"layers" 为空' }),
  nothingToDraw: (where: Msg, what: Msg): Msg => ({
    en: `${where.en} ${what.en}: nothing can be drawn`,
    zh: `${where.zh} ${what.zh}:无法绘制任何内容`,
  }),
  badPlanId: (v: unknown): Msg => ({
    en: `"id" ${show(v, 40)} is not a short text ("plan" used)`,
    zh: `"id" ${show(v, 40)} 不是简短文本(按 "plan")`,
  }),
  badPlanTitle: (v: unknown): Msg => ({
    en: `"title" must be { "zh": text, "en": text } (found ${show(v, 60)})`,
    zh: `"title" 必须是 { "zh": 文本, "en": 文本 }(实际为 ${show(v, 60)})`,
  }),
  longTitle: (max: number): Msg => ({
    en: `"title" is over ${max} characters; truncated`,
    zh: `"title" 超过 ${max} 字;已截断`,
  }),
  markupTitle: (): Msg => ({
    en: '"title" contains HTML markup; it is shown as literal text',
    zh: '"title" 含 HTML 标记;按原文显示',
  }),
  unknownDatum: (v: unknown): Msg => ({
    en: `datum ${show(v, 40)} is not WGS84, GCJ-02 or BD-09; coordinates are read as WGS84`,
    zh: `datum ${show(v, 40)} 不是 WGS84、GCJ-02 或 BD-09;按 WGS84 读取`,
  }),
  badBbox: (v: unknown): Msg => ({
    en: `"bbox" ${show(v, 60)} is not [west, south, east, north] in degrees (west < east, south < north); the extent of the data is used and features are not checked against it`,
    zh: `"bbox" ${show(v, 60)} 不是以度为单位的 [西, 南, 东, 北](西 < 东,南 < 北);改用数据范围,且不检查要素是否越界`,
  }),
  badView: (v: unknown): Msg => ({
    en: `"view" must be { "center": [lon, lat], "zoom": 0–24 } (found ${show(v, 60)}); dropped`,
    zh: `"view" 必须是 { "center": [经度, 纬度], "zoom": 0–24 }(实际为 ${show(v, 60)});已忽略`,
  }),
  sourcesNotArray: (): Msg => ({
    en: '"sources" is not an array; ignored',
    zh: '"sources" 不是数组;已忽略',
  }),
  sourceWithoutId: (i: number): Msg => ({
    en: `sources[${i}] has no "id"; ignored`,
    zh: `sources[${i}] 缺少 "id";已忽略`,
  }),
  badAttach: (v: unknown): Msg => ({
    en: `"attach_within_m" ${show(v, 30)} is not a distance in metres ≥ 0; the default is used`,
    zh: `"attach_within_m" ${show(v, 30)} 不是 ≥ 0 的米数;使用默认值`,
  }),
  tooManyLayers: (n: number, max: number): Msg => ({
    en: `${n} layers, more than the limit of ${max}; layers after the ${max}th are skipped`,
    zh: `共 ${n} 个图层,超过 ${max} 个的上限;第 ${max} 个之后的图层未载入`,
  }),
  layerNotObject: (path: string, v: unknown): Msg => ({
    en: `${path} is not an object (found ${show(v, 40)}); skipped`,
    zh: `${path} 不是对象(实际为 ${show(v, 40)});已跳过`,
  }),
  layerWithoutId: (path: string, file: unknown): Msg => ({
    en: `${path} (file ${show(file, 60)}) has no "id"; skipped`,
    zh: `${path}(文件 ${show(file, 60)})缺少 "id";已跳过`,
  }),
  badLayerId: (path: string, id: unknown): Msg => ({
    en: `${path}: layer id ${show(id, 40)} is not ASCII kebab-case; skipped`,
    zh: `${path}:图层 id ${show(id, 40)} 不是 ASCII 短横线格式;已跳过`,
  }),
  reservedLayerId: (path: string, id: string): Msg => ({
    en: `${path}: layer id ${show(id, 40)} is the name of a JavaScript object member (it would break the map); skipped — choose another id`,
    zh: `${path}:图层 id ${show(id, 40)} 与 JavaScript 对象成员同名(会使地图无法载入);已跳过,请换一个 id`,
  }),
  duplicateLayerId: (id: string, path: string, file: unknown): Msg => ({
    en: `layer id "${id}" is used twice; ${path} (file ${show(file, 60)}) is skipped`,
    zh: `图层 id "${id}" 重复;${path}(文件 ${show(file, 60)})已跳过`,
  }),
  layerFileOutside: (file: unknown, refusal: Msg): Msg => ({
    en: `"file" ${show(file, 60)} ${refusal.en}; skipped`,
    zh: `"file" ${show(file, 60)} ${refusal.zh};已跳过`,
  }),
  badLayerFile: (file: unknown): Msg => ({
    en: `"file" ${show(file, 60)} is not a usable file name or http(s) URL; skipped`,
    zh: `"file" ${show(file, 60)} 不是可用的文件名或 http(s) 地址;已跳过`,
  }),
  badLayerKind: (kind: unknown): Msg => ({
    en: `kind ${show(kind, 40)} is not one of ${LAYER_KINDS.join(', ')}; skipped`,
    zh: `kind ${show(kind, 40)} 不是 ${LAYER_KINDS.join('、')} 之一;已跳过`,
  }),
  badLayerTitle: (): Msg => ({
    en: '"title" must be { "zh": text, "en": text }; the id is shown instead',
    zh: '"title" 必须是 { "zh": 文本, "en": 文本 };改为显示 id',
  }),
  badColor: (v: unknown): Msg => ({
    en: `color ${show(v, 40)} is not a CSS colour (#rrggbb, rgb(), hsl()); grey used`,
    zh: `颜色 ${show(v, 40)} 不是 CSS 颜色(#rrggbb、rgb()、hsl());改用灰色`,
  }),
  badVisible: (v: unknown): Msg => ({
    en: `"visible" ${show(v, 20)} is not true or false; shown`,
    zh: `"visible" ${show(v, 20)} 不是 true 或 false;按显示处理`,
  }),
  badLegend: (): Msg => ({
    en: 'legend entries must be { label: { zh, en }, color }; bad entries dropped',
    zh: 'legend 条目必须是 { label: { zh, en }, color };已忽略错误条目',
  }),
  attributionNotText: (): Msg => ({
    en: '"attribution" is not text; dropped',
    zh: '"attribution" 不是文本;已忽略',
  }),
  unsafeLink: (): Msg => ({
    en: 'the attribution links to something other than http(s); shown as text',
    zh: '署名中的链接不是 http(s);按文本显示',
  }),
  attributionMarkup: (): Msg => ({
    en: 'the attribution contains HTML markup other than http(s) links; shown as literal text',
    zh: '署名含 http(s) 链接以外的 HTML 标记;按原文显示',
  }),
  unknownLayerDatum: (v: unknown, fallback: string): Msg => ({
    en: `datum ${show(v, 40)} is not WGS84, GCJ-02 or BD-09; the manifest's ${fallback} is used`,
    zh: `datum ${show(v, 40)} 不是 WGS84、GCJ-02 或 BD-09;按清单的 ${fallback}`,
  }),

  // --- Where files may come from (load.ts, packageResolver)
  fileUrl: (): Msg => ({
    en: 'is a file: URL; a plan names its files relative to the manifest',
    zh: '是 file: 地址;规划文件须用相对于清单的文件名',
  }),
  absolutePath: (): Msg => ({
    en: 'is an absolute path outside the plan package (name files relative to the manifest)',
    zh: '是规划包之外的绝对路径(请用相对于清单的文件名)',
  }),
  climbsOut: (): Msg => ({
    en: 'climbs out of the plan package ("../"); files must sit in the manifest\'s folder or below',
    zh: '跳出了规划包("../");文件必须位于清单所在文件夹或其子文件夹',
  }),
  onNetwork: (): Msg => ({
    en: 'is on the network; the validator fetches nothing over the network unless given --allow-network',
    zh: '位于网络上;校验工具默认不访问网络(需加 --allow-network)',
  }),
  otherOrigin: (origin: string): Msg => ({
    en: `is on another origin (${origin}); a plan loads files from other origins only when the element has the remote-layers attribute`,
    zh: `位于其他源(${origin});仅当元素设置 remote-layers 属性时才可从其他源加载文件`,
  }),

  // --- Fetching and reading a file (load.ts)
  notAUrl: (url: unknown): Msg => ({
    en: `${show(url)} is not a URL`,
    zh: `${show(url)} 不是有效的地址`,
  }),
  noLayerData: (id: string, file: string): Msg => ({
    en: `No data for layer "${id}" (${file})`,
    zh: `图层 "${id}"(${file})没有数据`,
  }),
  fileMissing: (url: string): Msg => ({
    en: `${url} does not exist: check the file name in the manifest`,
    zh: `${url} 不存在:请检查清单中的文件名`,
  }),
  notFound: (url: string, status: string): Msg => ({
    en: `${url} was not found (HTTP ${status}): check the file name and where it is published`,
    zh: `找不到 ${url}(HTTP ${status}):请检查文件名和发布位置`,
  }),
  httpError: (url: string, status: string): Msg => ({
    en: `${url} answered HTTP ${status}`,
    zh: `${url} 返回 HTTP ${status}`,
  }),
  utf16: (url: string): Msg => ({
    en: `${url} is UTF-16 text; GeoJSON and plan files must be UTF-8 — save it as "UTF-8" (without BOM)`,
    zh: `${url} 是 UTF-16 编码;GeoJSON 和规划文件必须是 UTF-8,请另存为 "UTF-8"(无 BOM)`,
  }),
  notUtf8: (url: string): Msg => ({
    en: `${url} is not UTF-8 (Latin-1, GBK or another legacy encoding?); GeoJSON and plan files must be UTF-8 — save it as "UTF-8"`,
    zh: `${url} 不是 UTF-8 编码(可能是 GBK、Latin-1 等旧编码);GeoJSON 和规划文件必须是 UTF-8,请另存为 "UTF-8"`,
  }),
  tooLargeDeclared: (url: string, size: string, limit: string): Msg => ({
    en: `${url} is ${size}, more than the limit of ${limit}; refused unread (split the layer or simplify its geometry)`,
    zh: `${url} 大小为 ${size},超过 ${limit} 的上限;未读取(请拆分图层或简化几何)`,
  }),
  tooLargeRead: (url: string, limit: string, read: string): Msg => ({
    en: `${url} is larger than the limit of ${limit}; reading stopped at ${read} (split the layer or simplify its geometry)`,
    zh: `${url} 超过 ${limit} 的上限;读到 ${read} 时已停止(请拆分图层或简化几何)`,
  }),
  timeout: (url: string, seconds: number): Msg => ({
    en: `${url} did not arrive within ${seconds} s`,
    zh: `${url} 在 ${seconds} 秒内未能加载完成`,
  }),
  redirectLoop: (url: string, reason: string): Msg => ({
    en: `Could not fetch ${url}: it redirects too often (a redirect loop?): ${reason}`,
    zh: `无法获取 ${url}:重定向次数过多(重定向循环?):${reason}`,
  }),
  fetchFailed: (url: string, reason: string): Msg => ({
    en: `Could not fetch ${url}: ${reason} (offline, blocked by CORS, a redirect loop, or a wrong address?)`,
    zh: `无法获取 ${url}:${reason}(离线、被 CORS 拦截、重定向循环或地址错误?)`,
  }),
  htmlPage: (url: string, title: string | undefined): Msg => ({
    en: `${url} returned an HTML page${title ? ` titled ${show(title, 60)}` : ''} instead of JSON (an error, login or directory page?)`,
    zh: `${url} 返回的是 HTML 页面${title ? `(标题 ${show(title, 60)})` : ''},而不是 JSON(错误页、登录页或目录页?)`,
  }),
  emptyFile: (url: string): Msg => ({ en: `${url} is empty`, zh: `${url} 是空文件` }),
  nonJsonNumber: (url: string, token: string, line: number, col: number): Msg => ({
    en: `${url} is not valid JSON: ${token} at line ${line}, column ${col} is not a JSON number (write null, or a number)`,
    zh: `${url} 不是有效的 JSON:第 ${line} 行第 ${col} 列的 ${token} 不是 JSON 数字(请写 null 或数字)`,
  }),
  notJson: (
    url: string,
    at: { line: number; col: number } | undefined,
    truncated: boolean,
    head: string,
  ): Msg => ({
    en: `${url} is not valid JSON${at ? ` at line ${at.line}, column ${at.col}` : ''}${truncated ? ' (it ends too early: truncated?)' : ''}; it starts with ${show(head, 60)}`,
    zh: `${url} 不是有效的 JSON${at ? `(第 ${at.line} 行第 ${at.col} 列)` : ''}${truncated ? '(提前结束:文件被截断?)' : ''};开头为 ${show(head, 60)}`,
  }),
} as const satisfies Record<string, (...args: never[]) => Msg>;

export type MessageKey = keyof typeof MESSAGES;
