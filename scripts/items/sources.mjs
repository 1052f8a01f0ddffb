// @ts-check
/**
 * The plan's item inventory as planners keep it: UTF-8 CSV files with a BOM (Excel and WPS open
 * them in Chinese) in `geodata/sources/`, plus one GeoJSON file for the shapes a table cannot
 * hold (roads as lines, areas). This module reads and checks them and turns them into the item
 * layers; `build.mjs` writes the files.
 *
 *   items.csv          one row per item: id, kind, category, names, aliases, zone, geometry
 *                      (point / line / area / empty = unlocated), lon, lat, datum, accuracy,
 *                      accuracy_m, extent_m, position_source, position_note, unlocated_reason,
 *                      summaries
 *   history.csv        one row per status step: item_id, year, status, source, quote. An item's
 *                      status is its last dated step; an item with no dated step has exactly
 *                      one row with an empty year: its status, with the quote that says so
 *   citations.csv      one row per citation: item_id, source, quote, where (empty: computed)
 *   item-shapes.geojson  {id} → LineString / Polygon for items whose geometry is line / area
 *
 * Every problem is a PlanIssue with the loader's codes (src/plan/issues.ts), naming the file,
 * the row as a spreadsheet shows it (header = row 1) and the column (letter and name).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { booleanPointInPolygon, distance, point, pointToPolygonDistance } from '@turf/turf';
import gcoord from 'gcoord';
import Papa from 'papaparse';

/** @typedef {import('../../src/plan/issues.ts').PlanIssue} PlanIssue */
/** @typedef {import('../../src/plan/issues.ts').IssueCode} IssueCode */
/** @typedef {Record<string, string>} Row */
/**
 * @typedef {object} Table
 * @property {string} file  file name, as messages show it (e.g. `sources/items.csv`)
 * @property {string[]} columns
 * @property {{ row: number, values: Row }[]} rows  `row`: the spreadsheet row number (header = 1)
 */
/**
 * @typedef {object} Vocab
 * @property {readonly string[]} kinds
 * @property {readonly string[]} statuses
 * @property {readonly string[]} accuracies
 * @property {readonly string[]} categories
 * @property {readonly string[]} datums
 * @property {RegExp} idPattern  the plan's id rule (`ID_PATTERN`, src/plan/types.ts)
 * @property {typeof import('../../src/plan/issues.ts').issue} issue
 * @property {typeof import('../../src/plan/issues.ts').ISSUE_SEVERITY} severity
 */
/**
 * @typedef {object} Context
 * @property {Vocab} vocab
 * @property {[number, number, number, number]} bbox  the plan box (plan.json `bbox`)
 * @property {Record<string, number>} docYear  source id → year of the document
 * @property {Record<string, string>} seedText  source id → the seed's text
 * @property {Map<string, [number, number]>} gazetteer  name_zh → WGS84 position
 * @property {Map<string, import('geojson').Feature>} zones  zone / node id → feature
 * @property {(doc: string, quote: string) => string | null} [verbatim]  the seed's own form of a
 *   quote typed without its glosses (S002 keeps a pinyin gloss after many characters), or null
 */

export const FILES = {
  items: 'items.csv',
  history: 'history.csv',
  citations: 'citations.csv',
  shapes: 'item-shapes.geojson',
};

export const COLUMNS = {
  items: [
    'id',
    'kind',
    'category',
    'name_zh',
    'name_en',
    'aliases',
    'zone',
    'geometry',
    'lon',
    'lat',
    'datum',
    'accuracy',
    'accuracy_m',
    'extent_m',
    'position_source',
    'position_note',
    'unlocated_reason',
    'summary_zh',
    'summary_en',
  ],
  history: ['item_id', 'year', 'status', 'source', 'quote'],
  citations: ['item_id', 'source', 'quote', 'where'],
};

/** Earliest year a history step may have (the item checks use the same). */
export const MIN_YEAR = 2016;
/** How each item kind's ids start (the item checks use the same). */
export const ID_PREFIX = {
  project: ['project-', 'park-'],
  lab: ['lab-'],
  infrastructure: ['infra-'],
};
/** `;` or `；` separates the entries of a list cell (aliases, several gazetteer entries). */
const LIST = /[;；]/;
/** Items that are areas or lines by nature: drawn as a point they need `extent_m`. */
const EXTENDED_CATEGORIES = new Set(['park', 'road', 'urban-development']);
/** A point standing for an area or line of unknown size (`extent_m` = `?`) has at least this accuracy_m. */
const UNKNOWN_EXTENT_MIN_M = 1000;
/** A point placed at a gazetteer entry may not be closer to its GCJ-02 / BD-09 image than this share of the distance to the entry itself. */
const DATUM_RATIO = 0.35;
/** … and must be at least this far from the entry before a datum slip is suspected (m). */
const DATUM_MIN_M = 250;

const BOM = '\ufeff';

/** Spreadsheet column letter of a 0-based index: 0 → A, 26 → AA. */
export function columnLetter(i) {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26))
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/**
 * "row 4, column C (kind)" in both languages ('' when neither is known).
 * @param {Table | string} table @param {number | null} row @param {string | null} column
 */
function placeOfCell(table, row, column) {
  const cols = typeof table === 'string' ? [] : table.columns;
  const ci = column ? cols.indexOf(column) : -1;
  const letter = ci >= 0 ? columnLetter(ci) : null;
  const colEn = !column ? '' : letter ? `column ${letter} (${column})` : `column ${column}`;
  const colZh = !column ? '' : letter ? `第 ${letter} 列(${column})` : `列 ${column}`;
  return {
    en: [row ? `row ${row}` : '', colEn].filter(Boolean).join(', '),
    zh: [row ? `第 ${row} 行` : '', colZh].filter(Boolean).join(','),
  };
}

/**
 * Collects issues naming file, row and column.
 * @param {Vocab} vocab
 */
export function issueSink(vocab) {
  /** @type {PlanIssue[]} */
  const issues = [];
  /**
   * @param {IssueCode} code
   * @param {Table | string} table
   * @param {number | null} row
   * @param {string | null} column
   * @param {string} en
   * @param {string} zh
   * @param {string} [featureId]
   */
  function add(code, table, row, column, en, zh, featureId) {
    const file = typeof table === 'string' ? table : table.file;
    const at = placeOfCell(table, row, column);
    const idEn = featureId ? ` ${featureId}` : '';
    issues.push(
      // The severity is the code's own; the builder treats every issue as fatal.
      vocab.issue(
        code,
        /** @type {never} */ (vocab.severity[code]),
        file,
        `${file}${at.en ? ` ${at.en}` : ''}${idEn}: ${en}`,
        `${file}${at.zh ? ` ${at.zh}` : ''}${idEn}:${zh}`,
        {
          ...(featureId ? { featureId } : {}),
          ...(at.en ? { path: at.en } : {}),
        },
      ),
    );
  }
  return { issues, add };
}

/**
 * The header names every expected column and no other.
 * @param {Table} table @param {string[]} expected @param {ReturnType<typeof issueSink>} sink
 */
function checkHeader(table, expected, sink) {
  const header = table.columns;
  for (const c of expected) {
    if (!header.includes(c)) {
      sink.add(
        'bad-source-row',
        table,
        1,
        c,
        `the header has no column "${c}"`,
        `表头缺少“${c}”列`,
      );
    }
  }
  for (const [i, h] of header.entries()) {
    if (!expected.includes(h)) {
      sink.add(
        'bad-source-row',
        table,
        1,
        columnLetter(i),
        `unknown column "${h}" (expected ${expected.join(', ')})`,
        `未知列“${h}”(应为 ${expected.join('、')})`,
      );
    }
  }
}

/**
 * The data rows, numbered as a spreadsheet shows them: record r (0 = the header) is row r + 1,
 * also when a quoted cell spans several lines (Excel and WPS keep such a cell in one row).
 * Empty rows are skipped; a row with the wrong number of cells is an issue.
 * @param {Table} table @param {string[][]} data @param {ReturnType<typeof issueSink>} sink
 */
function dataRows(table, data, sink) {
  const header = table.columns;
  /** @type {Table['rows']} */
  const rows = [];
  for (let r = 1; r < data.length; r++) {
    const cells = data[r] ?? [];
    const row = r + 1;
    if (cells.every((c) => c.trim() === '')) continue; // an empty row
    if (cells.length !== header.length) {
      sink.add(
        'bad-source-row',
        table,
        row,
        null,
        `has ${cells.length} cells, the header ${header.length}`,
        `有 ${cells.length} 个单元格,表头为 ${header.length} 个`,
      );
      continue;
    }
    /** @type {Row} */
    const values = {};
    for (const [i, h] of header.entries()) values[h] = (cells[i] ?? '').trim();
    rows.push({ row, values });
  }
  return rows;
}

/**
 * Parses one CSV source. Rows keep their spreadsheet numbers; structural problems are issues.
 * @param {string} dir
 * @param {string} name
 * @param {string[]} expected
 * @param {ReturnType<typeof issueSink>} sink
 * @returns {Table}
 */
export function readTable(dir, name, expected, sink) {
  const file = `sources/${name}`;
  /** @type {Table} */
  const table = { file, columns: expected, rows: [] };
  const path = join(dir, name);
  if (!existsSync(path)) {
    sink.add('file-not-found', file, null, null, `${path} does not exist`, `找不到 ${path}`);
    return table;
  }
  let text = readFileSync(path, 'utf8');
  if (!text.startsWith(BOM)) {
    sink.add(
      'bad-source-row',
      file,
      1,
      null,
      'the file has no UTF-8 BOM: save it as "CSV UTF-8" so Excel and WPS read the Chinese correctly',
      '文件缺少 UTF-8 BOM:请另存为“CSV UTF-8”,以便 Excel 和 WPS 正确显示中文',
    );
  } else text = text.slice(1);
  // Empty lines are kept (and skipped below) so that record i is spreadsheet row i + 1.
  const parsed = Papa.parse(text, { header: false, skipEmptyLines: false });
  const data = /** @type {string[][]} */ (parsed.data);
  const header = data[0] ?? [];
  table.columns = header;
  checkHeader(table, expected, sink);
  table.rows = dataRows(table, data, sink);
  for (const e of parsed.errors) {
    const row = typeof e.row === 'number' ? e.row + 1 : null;
    sink.add('bad-source-row', table, row, null, `CSV: ${e.message}`, `CSV 格式错误:${e.message}`);
  }
  return table;
}

/**
 * @param {string} dir
 * @param {ReturnType<typeof issueSink>} sink
 */
export function readSources(dir, sink) {
  const items = readTable(dir, FILES.items, COLUMNS.items, sink);
  const history = readTable(dir, FILES.history, COLUMNS.history, sink);
  const citations = readTable(dir, FILES.citations, COLUMNS.citations, sink);
  /** @type {Map<string, import('geojson').Geometry>} */
  const shapes = new Map();
  const shapeFile = `sources/${FILES.shapes}`;
  const path = join(dir, FILES.shapes);
  if (existsSync(path)) {
    /** @type {any} */
    let fc;
    try {
      fc = JSON.parse(readFileSync(path, 'utf8'));
    } catch (e) {
      sink.add('not-json', shapeFile, null, null, String(e), `不是 JSON:${String(e)}`);
    }
    for (const [i, f] of (fc?.features ?? []).entries()) {
      const id = f?.properties?.id;
      if (typeof id !== 'string' || !f.geometry) {
        sink.add(
          'missing-property',
          shapeFile,
          null,
          `features[${i}]`,
          'needs properties.id and a geometry',
          '缺少 properties.id 或几何',
        );
      } else shapes.set(id, f.geometry);
    }
  }
  return { items, history, citations, shapes, shapeFile };
}

const r5 = (/** @type {number} */ x) => Math.round(x * 1e5) / 1e5;

/** @param {string} s */
const isInt = (s) => /^-?\d+$/.test(s);
/** @param {string} s */
const isNum = (s) => /^-?\d+(\.\d+)?$/.test(s);

/**
 * What the steps of one build share.
 * @typedef {object} Build
 * @property {ReturnType<typeof readSources>} src
 * @property {Context} ctx
 * @property {Vocab} vocab
 * @property {ReturnType<typeof issueSink>['add']} add
 * @property {(doc: string, quote: string) => string} whereOf
 */
/** @typedef {{ row: number, year: number | null, status: string, source: string, quote: string }} Step */
/** @typedef {{ doc: string, where: string, quote: string }} Cite */
/** @typedef {(code: IssueCode, col: string, en: string, zh: string) => void} Bad */

/**
 * Why an items.csv row cannot be an item (its id), or null.
 * @param {Build} b @param {{ row: number, values: Row }} r @param {Map<string, { row: number }>} byId
 */
function itemIdProblem(b, r, byId) {
  const T = b.src.items;
  const id = r.values.id ?? '';
  if (!id) {
    b.add('missing-property', T, r.row, 'id', 'id is empty', 'id 为空');
    return true;
  }
  if (!b.vocab.idPattern.test(id)) {
    b.add(
      'bad-id',
      T,
      r.row,
      'id',
      `id "${id}" is not ASCII kebab-case`,
      `id“${id}”不是 ASCII kebab-case`,
    );
    return true;
  }
  if (byId.has(id)) {
    const first = byId.get(id)?.row;
    b.add(
      'duplicate-id',
      T,
      r.row,
      'id',
      `id "${id}" is already used in row ${first}`,
      `id“${id}”已在第 ${first} 行使用`,
      id,
    );
    return true;
  }
  return false;
}

/** @param {Build} b */
function indexItems(b) {
  /** @type {Map<string, { row: number, values: Row }>} */
  const byId = new Map();
  for (const r of b.src.items.rows) if (!itemIdProblem(b, r, byId)) byId.set(r.values.id ?? '', r);
  return byId;
}

/**
 * A row of history.csv or citations.csv that names no item of items.csv.
 * @param {Build} b @param {Table} table @param {{ row: number }} r @param {string} id
 */
function unknownItemRow(b, table, r, id) {
  const T = b.src.items;
  b.add(
    'bad-source-row',
    table,
    r.row,
    'item_id',
    `item "${id}" is not in ${T.file}`,
    `条目“${id}”不在 ${T.file} 中`,
    id || undefined,
  );
}

/**
 * A history step's year: empty, or a whole year between MIN_YEAR and its document's year.
 * @param {Build} b @param {{ row: number }} r @param {string} year @param {string} source @param {string} id
 */
function yearOk(b, r, year, source, id) {
  const { docYear } = b.ctx;
  const H = b.src.history;
  if (year === '') return true;
  if (!isInt(year)) {
    b.add(
      'bad-optional-property',
      H,
      r.row,
      'year',
      `year "${year}" is not a whole year`,
      `年份“${year}”不是整数年份`,
      id,
    );
    return false;
  }
  if (Number(year) >= MIN_YEAR && !(source in docYear && Number(year) > (docYear[source] ?? 0)))
    return true;
  b.add(
    'bad-optional-property',
    H,
    r.row,
    'year',
    `year ${year} is outside ${MIN_YEAR}…${docYear[source] ?? '?'} (a step cannot be later than the document reporting it)`,
    `年份 ${year} 超出 ${MIN_YEAR}…${docYear[source] ?? '?'}(不能晚于报告它的文件)`,
    id,
  );
  return false;
}

/**
 * One history.csv row checked: its source, year, status and quote (all are reported).
 * @param {Build} b @param {{ row: number, values: Row }} r @param {string} id
 */
function stepOk(b, r, id) {
  const v = r.values;
  const H = b.src.history;
  const { docYear } = b.ctx;
  const source = v.source ?? '';
  let ok = true;
  if (!(source in docYear)) {
    b.add(
      'unknown-source',
      H,
      r.row,
      'source',
      `source "${source}" is not a document of plan.json (${Object.keys(docYear).join(', ')})`,
      `来源“${source}”不是 plan.json 中的文件`,
      id,
    );
    ok = false;
  }
  if (!yearOk(b, r, v.year ?? '', source, id)) ok = false;
  const statuses = b.vocab.statuses;
  if (!statuses.includes(v.status ?? '')) {
    b.add(
      'unknown-status',
      H,
      r.row,
      'status',
      `status "${v.status}" is not ${statuses.join(' / ')}`,
      `状态“${v.status}”不是 ${statuses.join(' / ')} 之一`,
      id,
    );
    ok = false;
  }
  return checkQuote(b, H, r.row, 'quote', source, v.quote ?? '', id) && ok;
}

/**
 * history.csv: one truth per fact. The checked steps per item.
 * @param {Build} b @param {Map<string, unknown>} byId
 */
function readSteps(b, byId) {
  /** @type {Map<string, Step[]>} */
  const steps = new Map();
  for (const r of b.src.history.rows) {
    const v = r.values;
    const id = v.item_id ?? '';
    if (!byId.has(id)) {
      unknownItemRow(b, b.src.history, r, id);
      continue;
    }
    if (!stepOk(b, r, id)) continue;
    const year = v.year ?? '';
    const list = steps.get(id) ?? [];
    list.push({
      row: r.row,
      year: year === '' ? null : Number(year),
      status: v.status ?? '',
      source: v.source ?? '',
      quote: v.quote ?? '',
    });
    steps.set(id, list);
  }
  return steps;
}

/**
 * citations.csv: the checked citations per item (`where` computed when empty).
 * @param {Build} b @param {Map<string, unknown>} byId
 */
function readCitations(b, byId) {
  /** @type {Map<string, Cite[]>} */
  const cites = new Map();
  const C = b.src.citations;
  for (const r of C.rows) {
    const v = r.values;
    const id = v.item_id ?? '';
    const source = v.source ?? '';
    if (!byId.has(id)) unknownItemRow(b, C, r, id);
    else if (!(source in b.ctx.docYear)) {
      b.add(
        'unknown-source',
        C,
        r.row,
        'source',
        `source "${source}" is not a document of plan.json`,
        `来源“${source}”不是 plan.json 中的文件`,
        id,
      );
    } else if (checkQuote(b, C, r.row, 'quote', source, v.quote ?? '', id)) {
      const quote = v.quote ?? '';
      const list = cites.get(id) ?? [];
      list.push({ doc: source, where: v.where || b.whereOf(source, quote), quote });
      cites.set(id, list);
    }
  }
  return cites;
}

/**
 * A quote: present, and verbatim in its seed document.
 * @param {Build} b @param {Table} table @param {number} row @param {string} col @param {string} doc @param {string} quote @param {string} id
 */
function checkQuote(b, table, row, col, doc, quote, id) {
  if (!quote) {
    b.add(
      'missing-property',
      table,
      row,
      col,
      'the quote is empty: cite the sentence that says it',
      '引文为空:请引用原文句子',
      id,
    );
    return false;
  }
  const text = b.ctx.seedText[doc];
  if (text === undefined || text.includes(quote)) return true;
  const seedForm = b.ctx.verbatim?.(doc, quote) ?? null;
  const hintEn = seedForm ? `; the seed writes it "${seedForm}"` : '';
  const hintZh = seedForm ? `;原文写作“${seedForm}”` : '';
  b.add(
    'quote-not-in-source',
    table,
    row,
    col,
    `the quote is not verbatim in ${doc}: "${quote.slice(0, 40)}"${hintEn}`,
    `引文未逐字出现在 ${doc} 中:“${quote.slice(0, 40)}”${hintZh}`,
    id,
  );
  return false;
}

/**
 * The kind (with its id prefix), the category and the names of an item row.
 * @param {Build} b @param {string} id @param {Row} v @param {Bad} bad
 */
function identityOk(b, id, v, bad) {
  let ok = true;
  const kind = v.kind ?? '';
  const prefixes = ID_PREFIX[/** @type {keyof typeof ID_PREFIX} */ (kind)];
  if (!b.vocab.kinds.includes(kind) || !(kind in ID_PREFIX)) {
    bad(
      'unknown-kind',
      'kind',
      `kind "${kind}" is not project / lab / infrastructure`,
      `类型“${kind}”不是 project / lab / infrastructure`,
    );
    ok = false;
  } else if (!prefixes.some((p) => id.startsWith(p))) {
    bad(
      'bad-id',
      'id',
      `a ${kind} id starts with ${prefixes.join(' or ')}`,
      `${kind} 的 id 应以 ${prefixes.join(' 或 ')} 开头`,
    );
    ok = false;
  }
  if (!b.vocab.categories.includes(v.category ?? '')) {
    bad(
      'unknown-category',
      'category',
      `category "${v.category}" is not in the vocabulary`,
      `类别“${v.category}”不在词表中`,
    );
    ok = false;
  }
  for (const c of ['name_zh', 'name_en']) {
    if (!v[c]) {
      bad('missing-property', c, `${c} is empty`, `${c} 为空`);
      ok = false;
    }
  }
  return ok;
}

/**
 * Dated steps in chronological order (each step out of order is reported).
 * @param {Build} b @param {string} id @param {Step[]} dated
 */
function chronological(b, id, dated) {
  let ok = true;
  for (let i = 1; i < dated.length; i++) {
    if (/** @type {number} */ (dated[i]?.year) < /** @type {number} */ (dated[i - 1]?.year)) {
      b.add(
        'bad-optional-property',
        b.src.history,
        dated[i]?.row ?? null,
        'year',
        `${id}: steps must be in chronological order`,
        `${id}:步骤须按年份排序`,
        id,
      );
      ok = false;
    }
  }
  return ok;
}

/**
 * The status: the last dated step, or the one undated row. '' with `ok` false when there is no
 * single truth.
 * @param {Build} b @param {string} id @param {Step[] | undefined} list @param {Bad} bad
 */
function statusOfSteps(b, id, list, bad) {
  const H = b.src.history;
  const steps = list ?? [];
  const dated = steps.filter((s) => s.year !== null);
  const undated = steps.filter((s) => s.year === null);
  if (list === undefined) {
    bad(
      'missing-property',
      'id',
      `no row in ${H.file}: give its status (a dated step, or one row with an empty year) and the quote that says so`,
      `${H.file} 中没有它的状态行:请给出状态(有年份的步骤,或一行空年份)及原文引文`,
    );
    return { status: '', dated, ok: false };
  }
  if (dated.length && undated.length) {
    for (const s of undated)
      b.add(
        'bad-source-row',
        H,
        s.row,
        'year',
        `${id} has dated steps, so its status is the last of them; this undated row would be a second truth — give it a year or delete it`,
        `${id} 已有带年份的步骤,其状态即最后一步;此空年份行将造成两个事实——请填写年份或删除`,
        id,
      );
    return { status: '', dated, ok: false };
  }
  if (undated.length > 1) {
    for (const s of undated.slice(1))
      b.add(
        'bad-source-row',
        H,
        s.row,
        'year',
        `${id} has more than one undated status row`,
        `${id} 有多于一行空年份的状态`,
        id,
      );
    return { status: '', dated, ok: false };
  }
  const ok = chronological(b, id, dated);
  const status = (dated.length ? dated[dated.length - 1] : undated[0])?.status ?? '';
  return { status, dated, ok };
}

/**
 * An item's sources: the history quotes first, then the other citations, each (doc, quote) once.
 * @param {Build} b @param {Step[]} steps @param {Cite[]} cites
 */
function sourcesOf(b, steps, cites) {
  /** @type {Map<string, Cite>} */
  const byKey = new Map();
  for (const s of [...steps.map((x) => ({ doc: x.source, where: '', quote: x.quote })), ...cites]) {
    const key = `${s.doc}\u0000${s.quote}`;
    const had = byKey.get(key);
    if (!had) byKey.set(key, { ...s });
    else if (!had.where && s.where) had.where = s.where;
  }
  const sources = [...byKey.values()];
  for (const s of sources) if (!s.where) s.where = b.whereOf(s.doc, s.quote);
  return sources;
}

/**
 * An item without geometry: it needs a reason and no position cells.
 * @param {Row} v @param {Bad} bad
 */
function unlocatedOk(v, bad) {
  let ok = true;
  if (!v.unlocated_reason) {
    bad(
      'missing-property',
      'unlocated_reason',
      'an item without geometry needs unlocated_reason (why it has no place)',
      '无几何的条目须填写 unlocated_reason(为何无位置)',
    );
    ok = false;
  }
  for (const c of ['lon', 'lat', 'zone', 'position_source']) {
    if (v[c]) {
      bad(
        'bad-source-row',
        c,
        `an unlocated item (geometry empty) has ${c}; set geometry or clear it`,
        `未定位条目(geometry 为空)不应有 ${c}`,
      );
      ok = false;
    }
  }
  return ok;
}

/**
 * Failures of a placed item's cells, kept as the checks run: `fail` reports and remembers.
 * A placed item has no unlocated_reason (checked first, as the issues list it).
 * @param {Row} v @param {Bad} bad
 */
function placedOk(v, bad) {
  let ok = true;
  /** @type {Bad} */
  const fail = (...args) => {
    bad(...args);
    ok = false;
  };
  if (v.unlocated_reason) {
    fail(
      'bad-source-row',
      'unlocated_reason',
      'a placed item has an unlocated_reason; clear it',
      '已定位条目不应有 unlocated_reason',
    );
  }
  return { ok: () => ok, fail };
}

/**
 * The rest of a placed item's cells, checked after its geometry (the order the issues list).
 * @param {Build} b @param {Row} v @param {ReturnType<typeof placedOk>} p
 */
function placedCells(b, v, p) {
  const { vocab, ctx } = b;
  if (!vocab.accuracies.includes(v.accuracy ?? '')) {
    p.fail(
      'bad-optional-property',
      'accuracy',
      `accuracy "${v.accuracy}" is not ${vocab.accuracies.join(' / ')}`,
      `accuracy“${v.accuracy}”不是 ${vocab.accuracies.join(' / ')}`,
    );
  }
  const accM = Number(v.accuracy_m);
  if (!isNum(v.accuracy_m ?? '') || !(accM > 0)) {
    p.fail(
      'bad-optional-property',
      'accuracy_m',
      `accuracy_m "${v.accuracy_m}" is not a number of metres > 0`,
      `accuracy_m“${v.accuracy_m}”不是大于 0 的米数`,
    );
  }
  if (v.zone && !ctx.zones.has(v.zone)) {
    p.fail(
      'unknown-zone',
      'zone',
      `zone "${v.zone}" is not a zone of the plan (${[...ctx.zones.keys()].filter((z) => !z.startsWith('node-')).join(', ')})`,
      `分区“${v.zone}”不是规划中的分区`,
    );
  }
  if (!v.position_note) {
    p.fail(
      'missing-property',
      'position_note',
      'position_note is empty: say how the position was drawn',
      'position_note 为空:请说明位置如何得出',
    );
  }
  return accM;
}

/**
 * One items.csv row as an item: a feature in its layer, or an unlocated entry (or nothing,
 * with issues).
 * @param {Build} b @param {string} id @param {{ row: number, values: Row }} r
 * @param {{ steps: Map<string, Step[]>, cites: Map<string, Cite[]> }} read
 * @param {{ layers: Record<string, import('geojson').Feature[]>, unlocated: Record<string, unknown>[], statusOf: Record<string, string> }} out
 */
function buildItem(b, id, r, read, out) {
  const v = r.values;
  /** @type {Bad} */
  const bad = (code, col, en, zh) => b.add(code, b.src.items, r.row, col, en, zh, id);
  const identity = identityOk(b, id, v, bad);
  const { status, dated, ok: truth } = statusOfSteps(b, id, read.steps.get(id), bad);
  out.statusOf[id] = status;
  const history = dated.map((s) => ({ year: s.year, status: s.status, source: s.source }));
  const sources = sourcesOf(b, read.steps.get(id) ?? [], read.cites.get(id) ?? []);
  const aliases = (v.aliases ?? '')
    .split(LIST)
    .map((a) => a.trim())
    .filter(Boolean);
  const kind = v.kind ?? '';
  const common = {
    id,
    kind,
    name_zh: v.name_zh,
    name_en: v.name_en,
    ...(aliases.length ? { aliases } : {}),
  };
  if (!v.geometry) {
    if (unlocatedOk(v, bad) && identity && truth) {
      const reason = v.unlocated_reason;
      out.unlocated.push({ ...common, reason, sources, status, category: v.category, history });
    }
    return;
  }
  const p = placedOk(v, bad);
  const geom = placeOf(b, v, bad);
  const accM = placedCells(b, v, p);
  if (!geom || !identity || !truth || !p.ok()) return;
  if (!checkPositionSource(b, v, geom, accM, bad)) return;
  const props = {
    ...common,
    summary_zh: v.summary_zh,
    summary_en: v.summary_en,
    category: v.category,
    status,
    history,
    ...(v.zone ? { zone: v.zone } : {}),
    sources,
    accuracy: v.accuracy,
    accuracy_m: accM,
    position_source: v.position_source,
    position_note: v.position_note,
  };
  out.layers[kind]?.push({ type: 'Feature', properties: props, geometry: geom });
}

/**
 * Turns the tables into item features and unlocated entries, checking every cell.
 * @param {ReturnType<typeof readSources>} src
 * @param {Context} ctx
 * @param {ReturnType<typeof issueSink>} sink
 * @param {(doc: string, quote: string) => string} whereOf  locator of a quote in its seed
 */
export function buildItems(src, ctx, sink, whereOf) {
  /** @type {Build} */
  const b = { src, ctx, vocab: ctx.vocab, add: sink.add, whereOf };
  const byId = indexItems(b);
  const read = { steps: readSteps(b, byId), cites: readCitations(b, byId) };
  const out = {
    /** @type {Record<string, import('geojson').Feature[]>} */
    layers: { lab: [], project: [], infrastructure: [] },
    /** @type {Record<string, unknown>[]} */
    unlocated: [],
    /** @type {Record<string, string>} */
    statusOf: {},
  };
  for (const [id, r] of byId) buildItem(b, id, r, read, out);
  return out;
}

/**
 * A point from lon/lat (converted from its datum to WGS84), inside the plan box.
 * @param {Build} b @param {Row} v @param {string} datum @param {Bad} bad
 * @returns {import('geojson').Geometry | null}
 */
function pointOf(b, v, datum, bad) {
  if (!isNum(v.lon ?? '') || !isNum(v.lat ?? '')) {
    bad(
      'non-numeric-coordinate',
      isNum(v.lon ?? '') ? 'lat' : 'lon',
      `lon "${v.lon}", lat "${v.lat}" are not decimal degrees`,
      `lon“${v.lon}”、lat“${v.lat}”不是十进制度数`,
    );
    return null;
  }
  let p = [Number(v.lon), Number(v.lat)];
  if (datum !== 'WGS84') {
    p = gcoord.transform(
      /** @type {[number, number]} */ (p),
      datum === 'GCJ-02' ? gcoord.GCJ02 : gcoord.BD09,
      gcoord.WGS84,
    );
  }
  const [w, s, e, n] = b.ctx.bbox;
  const [x = 0, y = 0] = p;
  if (!(x >= w && x <= e && y >= s && y <= n)) {
    bad(
      'outside-extent',
      x >= w && x <= e ? 'lat' : 'lon',
      `position ${v.lon}, ${v.lat} is outside the plan box [${b.ctx.bbox.join(', ')}] (lon/lat swapped? a typo?)`,
      `位置 ${v.lon}, ${v.lat} 超出规划范围 [${b.ctx.bbox.join(', ')}](经纬度颠倒?笔误?)`,
    );
    return null;
  }
  return { type: 'Point', coordinates: [r5(x), r5(y)] };
}

/**
 * A line or area from item-shapes.geojson, inside the plan box.
 * @param {Build} b @param {Row} v @param {string} g @param {Bad} bad
 * @returns {import('geojson').Geometry | null}
 */
function shapeOf(b, v, g, bad) {
  const { src } = b;
  const shape = src.shapes.get(v.id ?? '');
  const want = g === 'line' ? 'LineString' : 'Polygon';
  if (!shape || shape.type !== want) {
    bad(
      'empty-geometry',
      'geometry',
      `geometry "${g}" needs a ${want} with properties.id "${v.id}" in ${src.shapeFile}`,
      `geometry“${g}”需要 ${src.shapeFile} 中 id 为“${v.id}”的 ${want}`,
    );
    return null;
  }
  if (v.lon || v.lat) {
    bad(
      'bad-source-row',
      'lon',
      `a ${g} takes its shape from ${src.shapeFile}; clear lon/lat`,
      `${g} 的形状来自 ${src.shapeFile},请清空 lon/lat`,
    );
    return null;
  }
  const [w, s, e, n] = b.ctx.bbox;
  const coords = /** @type {any} */ (shape).coordinates;
  const flat = /** @type {number[][]} */ (g === 'line' ? coords : coords.flat());
  if (flat.some(([x = 0, y = 0]) => x < w || x > e || y < s || y > n)) {
    bad(
      'outside-extent',
      'geometry',
      `its shape in ${src.shapeFile} leaves the plan box`,
      `${src.shapeFile} 中的形状超出规划范围`,
    );
    return null;
  }
  return shape;
}

/**
 * The item's geometry from lon/lat (converted from its datum) or item-shapes.geojson.
 * @param {Build} b @param {Row} v @param {Bad} bad
 * @returns {import('geojson').Geometry | null}
 */
function placeOf(b, v, bad) {
  const g = v.geometry ?? '';
  const datum = v.datum || 'WGS84';
  const datums = b.vocab.datums;
  if (!datums.includes(datum)) {
    bad(
      'unknown-datum',
      'datum',
      `datum "${datum}" is not ${datums.join(' / ')}`,
      `datum“${datum}”不是 ${datums.join(' / ')}`,
    );
    return null;
  }
  if (g === 'point') return pointOf(b, v, datum, bad);
  if (g === 'line' || g === 'area') return shapeOf(b, v, g, bad);
  bad(
    'unknown-geometry-type',
    'geometry',
    `geometry "${g}" is not point / line / area (empty: unlocated)`,
    `geometry“${g}”不是 point / line / area(留空表示未定位)`,
  );
  return null;
}

/**
 * A point declared WGS84 that sits where its gazetteer entries' GCJ-02 or BD-09 images are.
 * @param {Row} v @param {[number, number]} pt @param {[number, number][]} refs @param {string[]} names @param {number} d @param {Bad} bad
 */
function datumSlip(v, pt, refs, names, d, bad) {
  if ((v.datum || 'WGS84') !== 'WGS84' || d <= DATUM_MIN_M) return false;
  for (const [code, crs] of /** @type {const} */ ([
    ['gcj02-suspected', gcoord.GCJ02],
    ['bd09-suspected', gcoord.BD09],
  ])) {
    const dShift = Math.min(
      ...refs.map((r) =>
        distance(point(pt), point(gcoord.transform(r, gcoord.WGS84, crs)), { units: 'meters' }),
      ),
    );
    if (dShift < DATUM_RATIO * d) {
      const name = code === 'gcj02-suspected' ? 'GCJ-02' : 'BD-09';
      bad(
        code,
        'lon',
        `declared WGS84, but it sits ${Math.round(d)} m from ${names.join('; ')} and ${Math.round(dShift)} m from that entry shifted to ${name}: set datum to ${name} or fix the position`,
        `声明为 WGS84,但距 ${names.join(';')} ${Math.round(d)} 米,距其 ${name} 偏移位置仅 ${Math.round(dShift)} 米:请把 datum 设为 ${name} 或改正位置`,
      );
      return true;
    }
  }
  return false;
}

/**
 * `gazetteer:<name_zh>[;…]`: known entries, no datum slip, accuracy_m covering the distance.
 * @param {Build} b @param {Row} v @param {string} what @param {[number, number] | null} pt @param {number} accM @param {Bad} bad
 */
function gazetteerSourceOk(b, v, what, pt, accM, bad) {
  const names = what.split(LIST).map((x) => x.trim());
  const unknown = names.filter((n) => !b.ctx.gazetteer.has(n));
  if (unknown.length) {
    bad(
      'unsourced-position',
      'position_source',
      `"${unknown.join('; ')}" is not an entry of the gazetteer (../shared/reference/gazetteer.geojson, by name_zh)`,
      `“${unknown.join(';')}”不是地名录条目`,
    );
    return false;
  }
  if (!pt) return true;
  const refs = names.map((n) => /** @type {[number, number]} */ (b.ctx.gazetteer.get(n)));
  const d = Math.min(...refs.map((r) => distance(point(pt), point(r), { units: 'meters' })));
  if (datumSlip(v, pt, refs, names, d, bad)) return false;
  if (d <= accM) return true;
  bad(
    'unsourced-position',
    'accuracy_m',
    `accuracy_m ${accM} is smaller than the ${Math.round(d)} m from its source ${names.join('; ')}`,
    `accuracy_m ${accM} 小于其到来源 ${names.join(';')} 的 ${Math.round(d)} 米`,
  );
  return false;
}

/**
 * `zone:<zone id>`: a known zone, a schematic accuracy, and accuracy_m covering the distance.
 * @param {Build} b @param {Row} v @param {string} what @param {[number, number] | null} pt @param {number} accM @param {Bad} bad
 */
function zoneSourceOk(b, v, what, pt, accM, bad) {
  const z = b.ctx.zones.get(what.trim());
  if (!z) {
    bad(
      'unsourced-position',
      'position_source',
      `"${what}" is not a zone or node id`,
      `“${what}”不是分区或节点 id`,
    );
    return false;
  }
  if (v.accuracy !== 'schematic') {
    bad(
      'unsourced-position',
      'accuracy',
      'a point drawn in a zone sketch is schematic',
      '按分区示意图绘制的点应为 schematic',
    );
    return false;
  }
  if (!pt || !/Polygon/.test(z.geometry.type)) return true;
  const inside = booleanPointInPolygon(pt, /** @type {any} */ (z));
  const d = inside ? 0 : pointToPolygonDistance(pt, /** @type {any} */ (z), { units: 'meters' });
  if (d <= accM) return true;
  bad(
    'unsourced-position',
    'accuracy_m',
    `${Math.round(d)} m outside ${what}, more than accuracy_m ${accM}`,
    `在 ${what} 之外 ${Math.round(d)} 米,超过 accuracy_m ${accM}`,
  );
  return false;
}

/**
 * An area or line drawn as a point (a park, road or district) says its size, and accuracy_m
 * covers half of it.
 * @param {Row} v @param {number} accM @param {Bad} bad
 */
function extentOk(v, accM, bad) {
  const ext = Number(v.extent_m);
  if (v.extent_m === '?') {
    if (v.accuracy === 'schematic' && accM >= UNKNOWN_EXTENT_MIN_M) return true;
    bad(
      'unsourced-position',
      'accuracy_m',
      `extent_m is unknown (?): a point for an area or line of unknown size is schematic with accuracy_m ≥ ${UNKNOWN_EXTENT_MIN_M}`,
      `extent_m 未知(?):表示未知尺度的面或线的点须为 schematic 且 accuracy_m ≥ ${UNKNOWN_EXTENT_MIN_M}`,
    );
    return false;
  }
  if (!isNum(v.extent_m ?? '') || !(ext > 0)) {
    bad(
      'unsourced-position',
      'extent_m',
      `a ${v.category} (park, road or district) drawn as a point needs extent_m: its size in metres from a public source, or ? when unknown; or draw it as a line / area`,
      `以点表示的 ${v.category}(园区、道路或片区)须填写 extent_m:公开来源给出的尺度(米),未知填 ?;或改画为线/面`,
    );
    return false;
  }
  if (accM >= ext / 2) return true;
  bad(
    'unsourced-position',
    'accuracy_m',
    `accuracy_m ${accM} is smaller than half its extent (${ext} m): a point cannot say where in it`,
    `accuracy_m ${accM} 小于其尺度(${ext} 米)的一半`,
  );
  return false;
}

/**
 * position_source says where the position comes from; accuracy_m must cover it.
 *   gazetteer:<name_zh>[;<name_zh>…]  entries of ../shared/reference/gazetteer.geojson
 *   zone:<zone id>                    a schematic point inside that zone's sketch
 *   public:<named public source>      e.g. a published address or report
 * @param {Build} b
 * @param {Row} v
 * @param {import('geojson').Geometry} geom
 * @param {number} accM
 * @param {Bad} bad
 */
function checkPositionSource(b, v, geom, accM, bad) {
  const ps = v.position_source ?? '';
  const m = /^(gazetteer|zone|public):\s*(.+)$/.exec(ps);
  if (!m) {
    bad(
      'unsourced-position',
      'position_source',
      `position_source "${ps}" must be gazetteer:<entry>, zone:<zone id> or public:<named source>`,
      `position_source“${ps}”须为 gazetteer:<条目>、zone:<分区 id> 或 public:<公开来源>`,
    );
    return false;
  }
  const [, how, what = ''] = m;
  const pt = geom.type === 'Point' ? /** @type {[number, number]} */ (geom.coordinates) : null;
  if (how === 'gazetteer' && !gazetteerSourceOk(b, v, what, pt, accM, bad)) return false;
  if (how === 'zone' && !zoneSourceOk(b, v, what, pt, accM, bad)) return false;
  const extended = EXTENDED_CATEGORIES.has(v.category ?? '') || (v.id ?? '').startsWith('park-');
  return !pt || !extended || extentOk(v, accM, bad);
}
