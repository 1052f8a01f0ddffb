/**
 * Which column holds what: guesses from the header, in Chinese and English, for the planner to
 * confirm or change. A header matches an alias when, lower-cased and with spaces, punctuation
 * and a trailing unit or note in brackets removed (`经度(GCJ-02)` → `经度`), it equals it.
 */
import type { Datum } from '../plan/types.js';

export const IMPORT_FIELDS = [
  'name',
  'nameEn',
  'lng',
  'lat',
  'status',
  'category',
  'kind',
  'zone',
  'year',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** Column index per field, or null when no column holds it. */
export type ColumnMapping = Record<ImportField, number | null>;

const ALIASES: Record<ImportField, readonly string[]> = {
  name: [
    '名称',
    '项目名称',
    '项目',
    '项目名',
    '企业名称',
    '单位名称',
    '平台名称',
    '名字',
    'name',
    'namezh',
    'projectname',
    'project',
    'title',
  ],
  nameEn: ['英文名称', '英文名', 'nameen', 'englishname'],
  lng: ['经度', 'lng', 'lon', 'long', 'longitude', 'x', '东经', '经度坐标', 'lngwgs84'],
  lat: ['纬度', 'lat', 'latitude', 'y', '北纬', '纬度坐标'],
  status: [
    '状态',
    '项目状态',
    '进展',
    '进度',
    '项目进展',
    '建设状态',
    '建设进度',
    'status',
    'stage',
  ],
  category: [
    '类别',
    '项目类别',
    '类型',
    '产业',
    '产业类别',
    '行业',
    '所属行业',
    '产业方向',
    '领域',
    'category',
    'industry',
    'sector',
  ],
  kind: ['种类', '性质', '项目性质', '项目类型', 'kind'],
  zone: [
    '所属组团',
    '组团',
    '所在组团',
    '片区',
    '所属片区',
    '区域',
    '所属区域',
    '园区',
    '所属园区',
    '功能区',
    'zone',
    'cluster',
    'area',
    'district',
  ],
  year: ['年份', '年度', '签约年份', '签约年度', '开工年份', '年', 'year'],
};

const ALIAS_TO_FIELD = new Map<string, ImportField>();
for (const f of IMPORT_FIELDS) for (const a of ALIASES[f]) ALIAS_TO_FIELD.set(a, f);

/** A header reduced for matching: no bracketed note, no spaces or punctuation, lower case. */
export function normaliseHeader(h: string): string {
  return h
    .normalize('NFKC')
    .replace(/[（(【[].*?[)）】\]]/g, '')
    .replace(/[\s_\-./:：·*]/g, '')
    .toLowerCase();
}

/** The field a header names, or null. */
export function fieldOfHeader(h: string): ImportField | null {
  const key = normaliseHeader(h);
  return key ? (ALIAS_TO_FIELD.get(key) ?? null) : null;
}

/** The guessed mapping: each field to the first column whose header names it. */
export function guessMapping(header: readonly string[]): ColumnMapping {
  const m = Object.fromEntries(IMPORT_FIELDS.map((f) => [f, null])) as ColumnMapping;
  header.forEach((h, i) => {
    const f = fieldOfHeader(h);
    if (f && m[f] === null) m[f] = i;
  });
  return m;
}

/**
 * A datum the headers name (`经度(高德)`, `lng_bd09`, `GCJ-02坐标`), or null. Only a hint: the
 * planner chooses, and the offset signature checks the choice.
 */
export function datumFromHeaders(header: readonly string[]): Datum | null {
  const text = header.join(' ').toLowerCase();
  if (/bd-?09|百度|baidu/.test(text)) return 'BD-09';
  if (/gcj-?02|高德|腾讯|amap|gaode|tencent|火星/.test(text)) return 'GCJ-02';
  if (/wgs-?84|gps|cgcs2000|天地图|tianditu/.test(text)) return 'WGS84';
  return null;
}
