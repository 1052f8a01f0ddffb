/**
 * Rows of a planner's spreadsheet as plan items, each attached to its zone by the plan's own
 * membership analysis (`assignZones`, the function the element's analysis runs), with a report
 * of what happened to every row. Pure: no DOM, no map; runs in Node and the browser.
 */

import gcoord from 'gcoord';
import type { Feature, Point } from 'geojson';
import { assignZones, type Membership, type MembershipItem } from '../analysis/index.js';
import { detectDatumShift, toWgs84 } from '../plan/datum.js';
import { LIMITS } from '../plan/limits.js';
import type { PlanModel } from '../plan/model.js';
import {
  type Datum,
  type ItemKind,
  type ItemProps,
  type ItemStatus,
  isPlausibleYear,
} from '../plan/types.js';
import {
  type ColumnMapping,
  datumFromHeaders,
  guessMapping,
  IMPORT_FIELDS,
  type ImportField,
} from './columns.js';
import type { TextEncodingName } from './decode.js';
import { type ImportIssue, type ImportIssueCode, importIssue } from './issues.js';
import type { ImportFormat, ImportRow, ImportSource, ImportTable } from './read.js';
import { categoryOfWord, kindOfWord, statusOfWord } from './vocab.js';

/** What the import needs from the analysed plan. */
export interface ImportPlan {
  zones: { id: string; name_zh: string; name_en: string; parent?: string | undefined }[];
  index: PlanModel['index'];
  /** Distance for the nearest-zone fallback, metres: the plan's `attach_within_m`. */
  attachWithinM: number;
  /** [west, south, east, north]: positions outside it (grown by `LIMITS.extentMarginDeg`) are refused. */
  bbox: [number, number, number, number];
  /** The plan's reference places (WGS84), for the datum signature. */
  references: number[][];
}

export function importPlanOf(model: PlanModel): ImportPlan {
  const references = model.plan.layers
    .filter((l) => l.spec.kind === 'reference')
    .flatMap((l) => l.data.features)
    .filter((f) => f.properties.kind === 'place' && f.geometry?.type === 'Point')
    .map((f) => (f.geometry as Point).coordinates);
  return {
    zones: model.zones.map((z) => ({
      id: z.properties.id,
      name_zh: z.properties.name_zh,
      name_en: z.properties.name_en,
      parent: z.properties.parent,
    })),
    index: model.index,
    attachWithinM: model.attachWithinM,
    bbox: model.plan.manifest.bbox,
    references,
  };
}

/** Column chosen per field, by its header text (so one choice serves every sheet); null: none. */
export type ColumnChoice = Record<ImportField, string | null>;

export interface ImportOptions {
  /** Datum of the longitude/latitude columns. Default: what the headers name, else WGS84. */
  datum?: Datum;
  /** Columns per field, overriding the guesses. */
  columns?: Partial<ColumnChoice>;
}

/** What became of a row. */
export type RowOutcome = 'inside' | 'nearest' | 'zone-name' | 'no-zone' | 'rejected';

export interface ImportedItemProps extends ItemProps {
  imported: true;
  /** The file, sheet and row the item came from. */
  import_file: string;
  import_sheet?: string;
  import_row: number;
  /** False for a row attached by its zone name only: listed in the zone, not drawn. */
  located: boolean;
}

export type ImportedItem = Feature<Point | null, ImportedItemProps>;

export interface RowResult {
  sheet: string | null;
  row: number;
  outcome: RowOutcome;
  /** The item made from the row (absent when rejected). */
  itemId?: string;
  zone: string | null;
}

export interface ImportReport {
  file: string;
  format: ImportFormat;
  encoding: TextEncodingName | null;
  /** Datum the positions were read in, and the one their offset signature points to (null: cannot tell). */
  datum: Datum;
  detectedDatum: Datum | null;
  /** The columns used, by header text. */
  columns: ColumnChoice;
  /** Data rows read. */
  rows: number;
  counts: {
    /** Rows drawn on the map: inside + nearest + noZone. */
    placed: number;
    inside: number;
    nearest: number;
    zoneName: number;
    noZone: number;
    rejected: number;
  };
  results: RowResult[];
  /** Problems: the file's, then each rejected or doubtful row's (row, column, reason, zh + en). */
  issues: ImportIssue[];
}

export interface ImportResult {
  items: ImportedItem[];
  /** One per item, as `assignZones` gave it. */
  memberships: Membership[];
  report: ImportReport;
}

/** The columns guessed from the first table's headers, by header text. */
export function guessColumns(source: ImportSource): ColumnChoice {
  const t = source.tables[0];
  const out = Object.fromEntries(IMPORT_FIELDS.map((f) => [f, null])) as ColumnChoice;
  if (!t) return out;
  const m = guessMapping(t.header);
  for (const f of IMPORT_FIELDS) {
    const i = m[f];
    if (i !== null) out[f] = t.header[i]!;
  }
  // GeoJSON: positions from the geometry, not from columns.
  if (t.geometry) {
    out.lng = null;
    out.lat = null;
  }
  return out;
}

function mappingFor(table: ImportTable, columns: ColumnChoice): ColumnMapping {
  const m = {} as ColumnMapping;
  for (const f of IMPORT_FIELDS) {
    const h = columns[f];
    const i = h === null ? -1 : table.header.indexOf(h);
    m[f] = i < 0 ? null : i;
  }
  return m;
}

/**
 * A coordinate from a cell: decimal degrees (`121.5234`, `121.5234°`, `E121.5234`, full-width
 * digits) or degrees-minutes-seconds (`121°31′24.2″`). NaN when it is none of these.
 */
export function parseCoordinate(cell: string): number {
  const s = cell
    .normalize('NFKC')
    // NFKC writes ″ as two primes.
    .replace(/′′/g, '″')
    .trim()
    .replace(/^(东经|北纬|[EN])\s*/i, '')
    .replace(/\s*[EN]$/i, '');
  if (s === '') return Number.NaN;
  const dms = s.match(
    /^(-?\d+(?:\.\d+)?)\s*[°度]\s*(?:(\d+(?:\.\d+)?)\s*['′分]\s*)?(?:(\d+(?:\.\d+)?)\s*["″秒]\s*)?$/,
  );
  if (dms) {
    const d = Number(dms[1]);
    const v = Math.abs(d) + Number(dms[2] ?? 0) / 60 + Number(dms[3] ?? 0) / 3600;
    return d < 0 ? -v : v;
  }
  return /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : Number.NaN;
}

/** A year from a cell (`2024`, `2024年`, `2024-05-01`), or null. */
export function parseYear(cell: string): number | null {
  const m = cell
    .normalize('NFKC')
    .trim()
    .match(/^(\d{4})(?:$|年|[-/.]\d)/);
  if (!m) return null;
  const y = Number(m[1]);
  return isPlausibleYear(y) ? y : null;
}

const normName = (s: string) =>
  s
    .normalize('NFKC')
    .replace(/[（(【[].*?[)）】\]]/g, '')
    .replace(/[\s·\-_]/g, '')
    .toLowerCase();

/**
 * The zone a name refers to: an id or a full name (zh / en, with or without its bracketed note),
 * else a short form — `黄泥川` for 黄泥川新兴产业组团, `英歌石科学城` for 英歌石科学城(一城). Of several
 * zones matching a short form, the outermost (a zone rather than its own subzone); null when
 * still ambiguous or nothing matches.
 */
export function zoneByName(name: string, zones: ImportPlan['zones']): string | null {
  const q = normName(name);
  if (q === '') return null;
  for (const z of zones) {
    if (normName(z.id) === q || normName(z.name_zh) === q || normName(z.name_en) === q) {
      return z.id;
    }
  }
  // `黄泥川组团` → `黄泥川`: a generic word after the place name says nothing more.
  const short = q.replace(/(新兴产业组团|产业组团|组团|片区|区域|园区|cluster|zone|area)$/, '');
  if (short !== q && short.length >= 2) return zoneByName(short, zones);
  if (q.length < 2) return null;
  const hits = zones.filter((z) => {
    const zh = normName(z.name_zh);
    const en = normName(z.name_en);
    return zh.startsWith(q) || q.startsWith(zh) || (q.length >= 4 && en.includes(q));
  });
  const ids = new Set(hits.map((z) => z.id));
  const outer = hits.filter((z) => !(z.parent && ids.has(z.parent)));
  return outer.length === 1 ? outer[0]!.id : null;
}

function inBox(p: readonly number[], b: readonly number[], margin: number): boolean {
  return (
    p[0]! >= b[0]! - margin &&
    p[0]! <= b[2]! + margin &&
    p[1]! >= b[1]! - margin &&
    p[1]! <= b[3]! + margin
  );
}

/**
 * The datum raw positions look like next to the plan's reference places: GCJ-02 or BD-09 by
 * their offset signature (src/plan/datum.ts), WGS84 when shifting them into GCJ-02 gives the
 * GCJ-02 signature, null when too few sit near a reference place to tell.
 */
export function detectDatum(
  raw: readonly number[][],
  references: readonly number[][],
): Datum | null {
  const sig = detectDatumShift(raw, references);
  if (sig) return sig.datum;
  const shifted = raw.map((p) =>
    gcoord.transform([p[0]!, p[1]!] as [number, number], gcoord.WGS84, gcoord.GCJ02),
  );
  return detectDatumShift(shifted, references)?.datum === 'GCJ-02' ? 'WGS84' : null;
}

const DATUM_ZH: Record<Datum, string> = {
  WGS84: 'WGS84(GPS、天地图)',
  'GCJ-02': 'GCJ-02(高德、腾讯)',
  'BD-09': 'BD-09(百度)',
};
const DATUM_EN: Record<Datum, string> = {
  WGS84: 'WGS84 (GPS, Tianditu)',
  'GCJ-02': 'GCJ-02 (AMap, Tencent)',
  'BD-09': 'BD-09 (Baidu)',
};

interface Draft {
  table: ImportTable;
  tableIndex: number;
  r: ImportRow;
  name: string;
  /** Raw position (in the chosen datum), when the row has a usable one. */
  raw: [number, number] | null;
  /** Whether the row had position cells at all. */
  hadPosition: boolean;
  zoneCell: string;
  zoneId: string | null;
  props: Omit<ImportedItemProps, 'id' | 'located'>;
}

/** What every step of one import shares. */
interface Run {
  file: string;
  plan: ImportPlan;
  columns: ColumnChoice;
  datum: Datum;
  issues: ImportIssue[];
  results: RowResult[];
}

/** An issue about one row (and column): "sheet "S", row 4, column "经度": …". */
function rowIssue(
  run: Run,
  code: ImportIssueCode,
  t: ImportTable,
  r: ImportRow,
  column: string | null,
  en: string,
  zh: string,
): void {
  const at = { sheet: t.sheet ?? undefined, row: r.row, column: column ?? undefined };
  const where_en = `${t.sheet ? `sheet "${t.sheet}", ` : ''}row ${r.row}${column ? `, column "${column}"` : ''}`;
  const where_zh = `${t.sheet ? `工作表“${t.sheet}”` : ''}第 ${r.row} 行${column ? `“${column}”列` : ''}`;
  run.issues.push(importIssue(code, run.file, at, `${where_en}: ${en}`, `${where_zh}:${zh}`));
}

function reject(run: Run, t: ImportTable, r: ImportRow): void {
  run.results.push({ sheet: t.sheet, row: r.row, outcome: 'rejected', zone: null });
}

/** One row being read: its table, its cells by field, and how to report on it. */
interface RowAt {
  t: ImportTable;
  r: ImportRow;
  cell: (f: ImportField) => string;
  say: (code: ImportIssueCode, column: string | null, en: string, zh: string) => void;
}

/** The file-level checks: a name column (else nothing imports), and something to place rows by. */
function columnsUsable(run: Run, source: ImportSource): boolean {
  const { columns } = run;
  if (source.tables.length === 0) return true;
  if (columns.name === null) {
    run.issues.push(
      importIssue(
        'import-no-name-column',
        run.file,
        {},
        `No column is chosen for the name (looked for 名称, 项目名称, name …); nothing was imported`,
        `未指定名称列(查找了“名称”“项目名称”“name”等);未导入任何内容`,
      ),
    );
    for (const t of source.tables) for (const r of t.rows) reject(run, t, r);
    return false;
  }
  const geometry = source.tables.some((t) => t.geometry);
  if (!geometry && (columns.lng === null || columns.lat === null) && columns.zone === null) {
    run.issues.push(
      importIssue(
        'import-no-position-columns',
        run.file,
        {},
        'No longitude/latitude columns and no zone column are chosen: the rows cannot be placed or attached',
        '未指定经度/纬度列,也未指定所属组团列:各行无法定位或归属',
      ),
    );
  }
  return true;
}

function rowStatus(at: RowAt, column: string | null): ItemStatus {
  const cell = at.cell('status');
  if (cell === '') return 'planned';
  const s = statusOfWord(cell);
  if (s) return s;
  at.say(
    'import-unknown-status',
    column,
    `status "${cell}" is not recognised (签约, 开工, 在建, 竣工, 投产, 运营 … or planned, signed, under-construction, completed, operating); shown as planned`,
    `状态“${cell}”无法识别(可用:签约、开工、在建、竣工、投产、运营等);按“规划”显示`,
  );
  return 'planned';
}

function rowCategory(at: RowAt, column: string | null): string {
  const cell = at.cell('category');
  if (cell === '') return '';
  const c = categoryOfWord(cell);
  if (c) return c;
  at.say(
    'import-unknown-category',
    column,
    `category "${cell}" is not one of the plan's; kept as written`,
    `类别“${cell}”不在规划的类别中;按原文保留`,
  );
  return cell;
}

function rowKind(at: RowAt, column: string | null): ItemKind {
  const cell = at.cell('kind');
  if (cell === '') return 'project';
  const k = kindOfWord(cell);
  if (k) return k;
  at.say(
    'import-unknown-kind',
    column,
    `kind "${cell}" is not recognised (项目, 实验室/平台, 基础设施); the row is a project`,
    `种类“${cell}”无法识别(可用:项目、实验室/平台、基础设施);按“项目”处理`,
  );
  return 'project';
}

function rowYear(at: RowAt, column: string | null): number | null {
  const cell = at.cell('year');
  if (cell === '') return null;
  const year = parseYear(cell);
  if (year === null) {
    at.say(
      'import-bad-year',
      column,
      `"${cell}" is not a year; ignored`,
      `“${cell}”不是年份;已忽略`,
    );
  }
  return year;
}

/** Status, category, kind, year: reported when not understood; the row still imports. */
function rowProps(run: Run, at: RowAt, name: string): Draft['props'] {
  const { columns, file } = run;
  const status = rowStatus(at, columns.status);
  const category = rowCategory(at, columns.category);
  const kind = rowKind(at, columns.kind);
  const year = rowYear(at, columns.year);
  const props: Draft['props'] = {
    kind,
    name_zh: name,
    name_en: at.cell('nameEn') || name,
    category,
    status,
    sources: [],
    // The spreadsheet states no accuracy: an approximate position, no error radius claimed.
    accuracy: 'approximate',
    accuracy_m: 0,
    imported: true,
    import_file: file,
    import_row: at.r.row,
  };
  if (at.t.sheet !== null) props.import_sheet = at.t.sheet;
  if (year !== null) props.history = [{ year, status, source: file }];
  return props;
}

interface Position {
  raw: [number, number] | null;
  hadPosition: boolean;
}

/** The position of a GeoJSON row: a Point's coordinates (other geometries are not imported). */
function geometryPosition(at: RowAt, zoneId: string | null): Position {
  const g = at.r.geometry;
  if (!g) return { raw: null, hadPosition: false };
  const c = g.type === 'Point' ? g.coordinates : null;
  if (c && Number.isFinite(c[0]) && Number.isFinite(c[1])) {
    return { raw: [c[0]!, c[1]!], hadPosition: true };
  }
  at.say(
    'import-unsupported-geometry',
    'geometry',
    `a ${g.type} geometry${g.type === 'Point' ? ' without numeric coordinates' : ''}: only points are imported${zoneId ? '; attached by its zone name' : '; the row is rejected'}`,
    `几何类型为 ${g.type}${g.type === 'Point' ? '(坐标不是数字)' : ''}:只导入点${zoneId ? ';按组团名称归属' : ';该行未导入'}`,
  );
  return { raw: null, hadPosition: true };
}

/** Latitude in the longitude column and the other way round (the plan's box says which). */
function swappedInPlan(x: number, y: number, bbox: ImportPlan['bbox']): boolean {
  const margin = LIMITS.extentMarginDeg;
  const swappedBox: [number, number, number, number] = [bbox[1], bbox[0], bbox[3], bbox[2]];
  return !inBox([x, y], bbox, margin) && inBox([x, y], swappedBox, margin);
}

/** The position of a row from its longitude/latitude cells. */
function columnPosition(run: Run, at: RowAt, zoneId: string | null): Position {
  const { columns } = run;
  const lngCell = at.cell('lng');
  const latCell = at.cell('lat');
  if (lngCell === '' && latCell === '') return { raw: null, hadPosition: false };
  let x = parseCoordinate(lngCell);
  let y = parseCoordinate(latCell);
  if (swappedInPlan(x, y, run.plan.bbox)) {
    at.say(
      'import-lonlat-swapped',
      columns.lng,
      `longitude ${x} and latitude ${y} are swapped; read as ${y}, ${x}`,
      `经度 ${x} 与纬度 ${y} 填反了;已按 ${y}, ${x} 读取`,
    );
    [x, y] = [y, x];
  }
  if (!(Math.abs(x) <= 180 && Math.abs(y) <= 90)) {
    notDegrees(run, at, !(Math.abs(x) <= 180) ? 'lng' : 'lat', zoneId);
    return { raw: null, hadPosition: true };
  }
  return { raw: [x, y], hadPosition: true };
}

/** A longitude or latitude cell that is not one in degrees. */
function notDegrees(run: Run, at: RowAt, field: 'lng' | 'lat', zoneId: string | null): void {
  const v = at.cell(field);
  const lng = field === 'lng';
  at.say(
    'import-bad-coordinate',
    run.columns[field],
    `"${v}" is not a ${lng ? 'longitude' : 'latitude'} in degrees${zoneId ? '; attached by its zone name instead' : '; the row is rejected'}`,
    `“${v}”不是以度为单位的${lng ? '经度' : '纬度'}${zoneId ? ';改按组团名称归属' : ';该行未导入'}`,
  );
}

/** The row's position, from the geometry or the columns; refused when outside the plan. */
function rowPosition(run: Run, at: RowAt, zoneId: string | null): Position {
  const pos = at.t.geometry ? geometryPosition(at, zoneId) : columnPosition(run, at, zoneId);
  const raw = pos.raw;
  if (!raw || inBox(toWgs84(raw, run.datum), run.plan.bbox, LIMITS.extentMarginDeg)) return pos;
  const box = run.plan.bbox.join(', ');
  at.say(
    'import-outside-plan',
    run.columns.lng ?? 'geometry',
    `position ${raw[0]}, ${raw[1]} lies outside the plan's area (${box})${zoneId ? '; attached by its zone name instead' : '; the row is rejected'}`,
    `坐标 ${raw[0]}, ${raw[1]} 不在规划范围内(${box})${zoneId ? ';改按组团名称归属' : ';该行未导入'}`,
  );
  return { raw: null, hadPosition: pos.hadPosition };
}

/** One row read into a draft item, or rejected (null) when it has no name. */
function draftRow(
  run: Run,
  t: ImportTable,
  tableIndex: number,
  r: ImportRow,
  m: ColumnMapping,
): Draft | null {
  const at: RowAt = {
    t,
    r,
    cell: (f) => {
      const i = m[f];
      return i === null ? '' : (r.cells[i] ?? '').trim();
    },
    say: (code, column, en, zh) => rowIssue(run, code, t, r, column, en, zh),
  };
  const name = at.cell('name');
  if (name === '') {
    at.say(
      'import-missing-name',
      run.columns.name,
      'no name; the row is rejected',
      '名称为空;该行未导入',
    );
    reject(run, t, r);
    return null;
  }
  const props = rowProps(run, at, name);
  const zoneCell = at.cell('zone');
  const zoneId = zoneCell === '' ? null : zoneByName(zoneCell, run.plan.zones);
  const { raw, hadPosition } = rowPosition(run, at, zoneId);
  if (zoneCell !== '' && zoneId === null && raw) {
    at.say(
      'import-unknown-zone',
      run.columns.zone,
      `zone "${zoneCell}" matches no zone of the plan (or several); placed by its position`,
      `组团“${zoneCell}”与规划中的组团都不对应(或对应多个);按坐标定位`,
    );
  }
  return { table: t, tableIndex, r, name, raw, hadPosition, zoneCell, zoneId, props };
}

/** The datum the raw positions look like next to the plan's reference places (said when it differs). */
function checkDatum(run: Run, drafts: readonly Draft[]): Datum | null {
  const rawPoints = drafts.filter((d) => d.raw).map((d) => d.raw!);
  const detected = detectDatum(rawPoints, run.plan.references);
  const datum = run.datum;
  if (detected !== null && detected !== datum) {
    run.issues.push(
      importIssue(
        'import-datum-suspected',
        run.file,
        {},
        `The positions were read as ${DATUM_EN[datum]}, but they sit at the offset of ${DATUM_EN[detected]} next to the plan's reference places (${rawPoints.length} positions): choose ${detected}`,
        `坐标按 ${DATUM_ZH[datum]} 读取,但与规划参考地名相比呈现 ${DATUM_ZH[detected]} 的偏移特征(${rawPoints.length} 个点):请改选 ${detected}`,
      ),
    );
  }
  return detected;
}

/** A draft with neither a usable position nor a known zone: rejected, saying why. */
function rejectDraft(run: Run, d: Draft): void {
  const { columns } = run;
  if (!d.hadPosition && d.zoneCell === '') {
    rowIssue(
      run,
      'import-bad-coordinate',
      d.table,
      d.r,
      columns.lng ?? columns.zone,
      'no position and no zone name; the row is rejected',
      '既无坐标也无组团名称;该行未导入',
    );
  } else if (d.zoneCell !== '') {
    rowIssue(
      run,
      'import-unknown-zone',
      d.table,
      d.r,
      columns.zone,
      `zone "${d.zoneCell}" matches no zone of the plan (or several), and the row has no usable position; rejected`,
      `组团“${d.zoneCell}”与规划中的组团都不对应(或对应多个),且该行没有可用坐标;未导入`,
    );
  }
  reject(run, d.table, d.r);
}

/** Items: placed rows with their position, unlocated rows with their named zone. */
function itemsOfDrafts(
  run: Run,
  drafts: readonly Draft[],
): { items: ImportedItem[]; kept: Draft[] } {
  const items: ImportedItem[] = [];
  const kept: Draft[] = [];
  for (const d of drafts) {
    const id = `import-${d.tableIndex + 1}-${d.r.row}`;
    if (d.raw) {
      const [x, y] = toWgs84(d.raw, run.datum);
      items.push({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [round7(x!), round7(y!)] },
        properties: { ...d.props, id, located: true },
      });
      kept.push(d);
    } else if (d.zoneId) {
      items.push({
        type: 'Feature',
        geometry: null,
        properties: { ...d.props, id, zone: d.zoneId, located: false },
      });
      kept.push(d);
    } else {
      rejectDraft(run, d);
    }
  }
  return { items, kept };
}

function outcomeOf(item: ImportedItem, m: Membership): RowOutcome {
  if (!item.properties.located) return 'zone-name';
  if (m.method === 'inside') return 'inside';
  if (m.method === 'nearest') return 'nearest';
  return 'no-zone';
}

/** What became of each kept row, with the doubts about its zone. */
function recordOutcome(run: Run, d: Draft, item: ImportedItem, m: Membership): void {
  const { plan, columns } = run;
  const outcome = outcomeOf(item, m);
  if (outcome === 'no-zone') {
    rowIssue(
      run,
      'import-no-zone',
      d.table,
      d.r,
      columns.lng,
      `the position is in no zone and farther than ${plan.attachWithinM} m from every zone: drawn, counted in no zone`,
      `该位置不在任何组团内,且距各组团均超过 ${plan.attachWithinM} 米:已绘制,不计入任何组团`,
    );
  }
  if (item.properties.located && d.zoneId && !m.zones.includes(d.zoneId)) {
    const zone = m.zone ? plan.zones.find((x) => x.id === m.zone) : undefined;
    rowIssue(
      run,
      'import-zone-mismatch',
      d.table,
      d.r,
      columns.zone,
      `the row names zone "${d.zoneCell}" but its position falls ${m.zone ? `in "${zone?.name_en ?? m.zone}"` : 'in no zone'}; the position wins`,
      `该行填写的组团为“${d.zoneCell}”,但其坐标${m.zone ? `位于“${zone?.name_zh ?? m.zone}”` : '不在任何组团内'};以坐标为准`,
    );
  }
  run.results.push({ sheet: d.table.sheet, row: d.r.row, outcome, itemId: m.itemId, zone: m.zone });
}

/**
 * The items and report for a read file. Rows without a name are rejected; rows with a usable
 * position are placed (converted from `datum` to WGS84) and attached by containment, else to the
 * nearest zone within the plan's distance; rows without one are attached by their zone name,
 * unlocated; everything else is rejected — each with a coded reason in both languages.
 */
export function importRows(
  source: ImportSource,
  plan: ImportPlan,
  options: ImportOptions = {},
): ImportResult {
  const columns: ColumnChoice = { ...guessColumns(source), ...options.columns };
  const firstHeader = source.tables[0]?.header ?? [];
  const run: Run = {
    file: source.file,
    plan,
    columns,
    datum: options.datum ?? datumFromHeaders(firstHeader) ?? 'WGS84',
    issues: [...source.issues],
    results: [],
  };
  let detectedDatum: Datum | null = null;
  const report = (): ImportReport => ({
    file: run.file,
    format: source.format,
    encoding: source.encoding,
    datum: run.datum,
    detectedDatum,
    columns,
    rows: source.tables.reduce((n, t) => n + t.rows.length, 0),
    counts: count(run.results),
    results: run.results,
    issues: run.issues,
  });
  if (!columnsUsable(run, source)) return { items: [], memberships: [], report: report() };

  const drafts: Draft[] = [];
  source.tables.forEach((t, tableIndex) => {
    const m = mappingFor(t, columns);
    for (const r of t.rows) {
      const d = draftRow(run, t, tableIndex, r, m);
      if (d) drafts.push(d);
    }
  });
  detectedDatum = checkDatum(run, drafts);
  const { items, kept } = itemsOfDrafts(run, drafts);
  const memberships = assignZones(items as MembershipItem[], plan.index, {
    nearestWithinM: plan.attachWithinM,
  });
  memberships.forEach((m, i) => {
    recordOutcome(run, kept[i]!, items[i]!, m);
  });
  const order = new Map(source.tables.map((t, i) => [t.sheet, i] as const));
  run.results.sort((a, b) => order.get(a.sheet)! - order.get(b.sheet)! || a.row - b.row);
  return { items, memberships, report: report() };
}

const round7 = (v: number) => Math.round(v * 1e7) / 1e7;

function count(results: readonly RowResult[]): ImportReport['counts'] {
  const c = { placed: 0, inside: 0, nearest: 0, zoneName: 0, noZone: 0, rejected: 0 };
  for (const r of results) {
    if (r.outcome === 'inside') c.inside++;
    else if (r.outcome === 'nearest') c.nearest++;
    else if (r.outcome === 'zone-name') c.zoneName++;
    else if (r.outcome === 'no-zone') c.noZone++;
    else c.rejected++;
  }
  c.placed = c.inside + c.nearest + c.noZone;
  return c;
}
