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

/** Earliest year a history step may have. */
export const MIN_YEAR = 2016;
const ID_PREFIX = { project: ['project-', 'park-'], lab: ['lab-'], infrastructure: ['infra-'] };
const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;
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
    const cols = typeof table === 'string' ? [] : table.columns;
    const ci = column ? cols.indexOf(column) : -1;
    const colText = column
      ? ci >= 0
        ? `column ${columnLetter(ci)} (${column})`
        : `column ${column}`
      : '';
    const colZh = column ? (ci >= 0 ? `第 ${columnLetter(ci)} 列(${column})` : `列 ${column}`) : '';
    const at = [row ? `row ${row}` : '', colText].filter(Boolean).join(', ');
    const atZh = [row ? `第 ${row} 行` : '', colZh].filter(Boolean).join(',');
    const idEn = featureId ? ` ${featureId}` : '';
    issues.push(
      // The severity is the code's own; the builder treats every issue as fatal.
      vocab.issue(
        code,
        /** @type {never} */ (vocab.severity[code]),
        file,
        `${file}${at ? ` ${at}` : ''}${idEn}: ${en}`,
        `${file}${atZh ? ` ${atZh}` : ''}${idEn}:${zh}`,
        {
          ...(featureId ? { featureId } : {}),
          ...(at ? { path: at } : {}),
        },
      ),
    );
  }
  return { issues, add };
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
  // The row a spreadsheet shows: record r (0 = the header) is row r + 1, also when a quoted
  // cell spans several lines (Excel and WPS keep such a cell in one row).
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
    table.rows.push({ row, values });
  }
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
 * Turns the tables into item features and unlocated entries, checking every cell.
 * @param {ReturnType<typeof readSources>} src
 * @param {Context} ctx
 * @param {ReturnType<typeof issueSink>} sink
 * @param {(doc: string, quote: string) => string} whereOf  locator of a quote in its seed
 */
export function buildItems(src, ctx, sink, whereOf) {
  const { vocab } = ctx;
  const add = sink.add;
  /** @type {Map<string, { row: number, values: Row }>} */
  const byId = new Map();
  const T = src.items;
  for (const r of T.rows) {
    const v = r.values;
    const id = v.id ?? '';
    if (!id) {
      add('missing-property', T, r.row, 'id', 'id is empty', 'id 为空');
      continue;
    }
    if (!KEBAB.test(id)) {
      add(
        'bad-id',
        T,
        r.row,
        'id',
        `id "${id}" is not ASCII kebab-case`,
        `id“${id}”不是 ASCII kebab-case`,
      );
      continue;
    }
    if (byId.has(id)) {
      add(
        'duplicate-id',
        T,
        r.row,
        'id',
        `id "${id}" is already used in row ${byId.get(id)?.row}`,
        `id“${id}”已在第 ${byId.get(id)?.row} 行使用`,
        id,
      );
      continue;
    }
    byId.set(id, r);
  }

  // ── history: one truth per fact ────────────────────────────────────────────
  /** @type {Map<string, { row: number, year: number | null, status: string, source: string, quote: string }[]>} */
  const steps = new Map();
  const H = src.history;
  for (const r of H.rows) {
    const v = r.values;
    const id = v.item_id ?? '';
    if (!byId.has(id)) {
      add(
        'bad-source-row',
        H,
        r.row,
        'item_id',
        `item "${id}" is not in ${T.file}`,
        `条目“${id}”不在 ${T.file} 中`,
        id || undefined,
      );
      continue;
    }
    let ok = true;
    const year = v.year ?? '';
    const source = v.source ?? '';
    if (!(source in ctx.docYear)) {
      add(
        'unknown-source',
        H,
        r.row,
        'source',
        `source "${source}" is not a document of plan.json (${Object.keys(ctx.docYear).join(', ')})`,
        `来源“${source}”不是 plan.json 中的文件`,
        id,
      );
      ok = false;
    }
    if (year !== '') {
      if (!isInt(year)) {
        add(
          'bad-optional-property',
          H,
          r.row,
          'year',
          `year "${year}" is not a whole year`,
          `年份“${year}”不是整数年份`,
          id,
        );
        ok = false;
      } else if (
        Number(year) < MIN_YEAR ||
        (source in ctx.docYear && Number(year) > (ctx.docYear[source] ?? 0))
      ) {
        add(
          'bad-optional-property',
          H,
          r.row,
          'year',
          `year ${year} is outside ${MIN_YEAR}…${ctx.docYear[source] ?? '?'} (a step cannot be later than the document reporting it)`,
          `年份 ${year} 超出 ${MIN_YEAR}…${ctx.docYear[source] ?? '?'}(不能晚于报告它的文件)`,
          id,
        );
        ok = false;
      }
    }
    if (!vocab.statuses.includes(v.status ?? '')) {
      add(
        'unknown-status',
        H,
        r.row,
        'status',
        `status "${v.status}" is not ${vocab.statuses.join(' / ')}`,
        `状态“${v.status}”不是 ${vocab.statuses.join(' / ')} 之一`,
        id,
      );
      ok = false;
    }
    if (!checkQuote(H, r.row, 'quote', source, v.quote ?? '', id)) ok = false;
    if (!ok) continue;
    const list = steps.get(id) ?? [];
    list.push({
      row: r.row,
      year: year === '' ? null : Number(year),
      status: v.status ?? '',
      source,
      quote: v.quote ?? '',
    });
    steps.set(id, list);
  }

  /** @type {Map<string, { doc: string, where: string, quote: string }[]>} */
  const cites = new Map();
  const C = src.citations;
  for (const r of C.rows) {
    const v = r.values;
    const id = v.item_id ?? '';
    if (!byId.has(id)) {
      add(
        'bad-source-row',
        C,
        r.row,
        'item_id',
        `item "${id}" is not in ${T.file}`,
        `条目“${id}”不在 ${T.file} 中`,
        id || undefined,
      );
      continue;
    }
    const source = v.source ?? '';
    if (!(source in ctx.docYear)) {
      add(
        'unknown-source',
        C,
        r.row,
        'source',
        `source "${source}" is not a document of plan.json`,
        `来源“${source}”不是 plan.json 中的文件`,
        id,
      );
      continue;
    }
    if (!checkQuote(C, r.row, 'quote', source, v.quote ?? '', id)) continue;
    const quote = v.quote ?? '';
    const list = cites.get(id) ?? [];
    list.push({ doc: source, where: v.where || whereOf(source, quote), quote });
    cites.set(id, list);
  }

  /**
   * @param {Table} table @param {number} row @param {string} col @param {string} doc @param {string} quote @param {string} id
   */
  function checkQuote(table, row, col, doc, quote, id) {
    if (!quote) {
      add(
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
    const text = ctx.seedText[doc];
    if (text !== undefined && !text.includes(quote)) {
      const seedForm = ctx.verbatim?.(doc, quote) ?? null;
      const hintEn = seedForm ? `; the seed writes it "${seedForm}"` : '';
      const hintZh = seedForm ? `;原文写作“${seedForm}”` : '';
      add(
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
    return true;
  }

  // ── items ─────────────────────────────────────────────────────────────────
  /** @type {Record<string, import('geojson').Feature[]>} */
  const layers = { lab: [], project: [], infrastructure: [] };
  /** @type {Record<string, unknown>[]} */
  const unlocated = [];
  /** @type {Record<string, string>} */
  const statusOf = {};
  for (const [id, r] of byId) {
    const v = r.values;
    /** @type {(code: IssueCode, col: string, en: string, zh: string) => void} */
    const bad = (code, col, en, zh) => add(code, T, r.row, col, en, zh, id);
    let ok = true;
    const kind = v.kind ?? '';
    if (!vocab.kinds.includes(kind) || !(kind in ID_PREFIX)) {
      bad(
        'unknown-kind',
        'kind',
        `kind "${kind}" is not project / lab / infrastructure`,
        `类型“${kind}”不是 project / lab / infrastructure`,
      );
      ok = false;
    } else if (
      !ID_PREFIX[/** @type {keyof typeof ID_PREFIX} */ (kind)].some((p) => id.startsWith(p))
    ) {
      bad(
        'bad-id',
        'id',
        `a ${kind} id starts with ${ID_PREFIX[/** @type {keyof typeof ID_PREFIX} */ (kind)].join(' or ')}`,
        `${kind} 的 id 应以 ${ID_PREFIX[/** @type {keyof typeof ID_PREFIX} */ (kind)].join(' 或 ')} 开头`,
      );
      ok = false;
    }
    if (!vocab.categories.includes(v.category ?? '')) {
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
    // status: the last dated step, or the one undated row
    const list = steps.get(id) ?? [];
    const dated = list.filter((s) => s.year !== null);
    const undated = list.filter((s) => s.year === null);
    let status = '';
    if (list.length === 0 && !steps.has(id)) {
      bad(
        'missing-property',
        'id',
        `no row in ${H.file}: give its status (a dated step, or one row with an empty year) and the quote that says so`,
        `${H.file} 中没有它的状态行:请给出状态(有年份的步骤,或一行空年份)及原文引文`,
      );
      ok = false;
    } else if (dated.length && undated.length) {
      for (const s of undated)
        add(
          'bad-source-row',
          H,
          s.row,
          'year',
          `${id} has dated steps, so its status is the last of them; this undated row would be a second truth — give it a year or delete it`,
          `${id} 已有带年份的步骤,其状态即最后一步;此空年份行将造成两个事实——请填写年份或删除`,
          id,
        );
      ok = false;
    } else if (undated.length > 1) {
      for (const s of undated.slice(1))
        add(
          'bad-source-row',
          H,
          s.row,
          'year',
          `${id} has more than one undated status row`,
          `${id} 有多于一行空年份的状态`,
          id,
        );
      ok = false;
    } else {
      for (let i = 1; i < dated.length; i++) {
        if (/** @type {number} */ (dated[i]?.year) < /** @type {number} */ (dated[i - 1]?.year)) {
          add(
            'bad-optional-property',
            H,
            dated[i]?.row ?? null,
            'year',
            `${id}: steps must be in chronological order`,
            `${id}:步骤须按年份排序`,
            id,
          );
          ok = false;
        }
      }
      status = (dated.length ? dated[dated.length - 1] : undated[0])?.status ?? '';
    }
    statusOf[id] = status;
    const history = dated.map((s) => ({ year: s.year, status: s.status, source: s.source }));
    // sources: the history quotes first, then the other citations
    /** @type {{ doc: string, where: string, quote: string }[]} */
    const sources = [];
    const seen = new Set();
    for (const s of [
      ...list.map((x) => ({ doc: x.source, where: '', quote: x.quote })),
      ...(cites.get(id) ?? []),
    ]) {
      const key = `${s.doc}\u0000${s.quote}`;
      if (seen.has(key)) {
        const had = sources.find((x) => `${x.doc}\u0000${x.quote}` === key);
        if (had && !had.where && s.where) had.where = s.where;
        continue;
      }
      seen.add(key);
      sources.push({ ...s });
    }
    for (const s of sources) if (!s.where) s.where = whereOf(s.doc, s.quote);
    const aliases = (v.aliases ?? '')
      .split(LIST)
      .map((a) => a.trim())
      .filter(Boolean);
    const geometry = v.geometry ?? '';
    if (!geometry) {
      // unlocated
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
      if (!ok) continue;
      unlocated.push({
        id,
        kind,
        name_zh: v.name_zh,
        name_en: v.name_en,
        ...(aliases.length ? { aliases } : {}),
        reason: v.unlocated_reason,
        sources,
        status,
        category: v.category,
        history,
      });
      continue;
    }
    if (v.unlocated_reason) {
      bad(
        'bad-source-row',
        'unlocated_reason',
        'a placed item has an unlocated_reason; clear it',
        '已定位条目不应有 unlocated_reason',
      );
      ok = false;
    }
    const geom = placeOf(v, bad);
    if (!geom) ok = false;
    if (!vocab.accuracies.includes(v.accuracy ?? '')) {
      bad(
        'bad-optional-property',
        'accuracy',
        `accuracy "${v.accuracy}" is not ${vocab.accuracies.join(' / ')}`,
        `accuracy“${v.accuracy}”不是 ${vocab.accuracies.join(' / ')}`,
      );
      ok = false;
    }
    const accM = Number(v.accuracy_m);
    if (!isNum(v.accuracy_m ?? '') || !(accM > 0)) {
      bad(
        'bad-optional-property',
        'accuracy_m',
        `accuracy_m "${v.accuracy_m}" is not a number of metres > 0`,
        `accuracy_m“${v.accuracy_m}”不是大于 0 的米数`,
      );
      ok = false;
    }
    if (v.zone && !ctx.zones.has(v.zone)) {
      bad(
        'unknown-zone',
        'zone',
        `zone "${v.zone}" is not a zone of the plan (${[...ctx.zones.keys()].filter((z) => !z.startsWith('node-')).join(', ')})`,
        `分区“${v.zone}”不是规划中的分区`,
      );
      ok = false;
    }
    if (!v.position_note) {
      bad(
        'missing-property',
        'position_note',
        'position_note is empty: say how the position was drawn',
        'position_note 为空:请说明位置如何得出',
      );
      ok = false;
    }
    if (!geom || !ok) continue;
    if (!checkPositionSource(v, geom, accM, bad)) continue;
    const props = {
      id,
      kind,
      name_zh: v.name_zh,
      name_en: v.name_en,
      ...(aliases.length ? { aliases } : {}),
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
    layers[kind]?.push({ type: 'Feature', properties: props, geometry: geom });
  }
  return { layers, unlocated, statusOf };

  /**
   * The item's geometry from lon/lat (converted from its datum) or item-shapes.geojson.
   * @param {Row} v
   * @param {(code: IssueCode, col: string, en: string, zh: string) => void} bad
   * @returns {import('geojson').Geometry | null}
   */
  function placeOf(v, bad) {
    const g = v.geometry;
    const datum = v.datum || 'WGS84';
    if (!vocab.datums.includes(datum)) {
      bad(
        'unknown-datum',
        'datum',
        `datum "${datum}" is not ${vocab.datums.join(' / ')}`,
        `datum“${datum}”不是 ${vocab.datums.join(' / ')}`,
      );
      return null;
    }
    if (g === 'point') {
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
      const [w, s, e, n] = ctx.bbox;
      if (!((p[0] ?? 0) >= w && (p[0] ?? 0) <= e && (p[1] ?? 0) >= s && (p[1] ?? 0) <= n)) {
        bad(
          'outside-extent',
          (p[0] ?? 0) >= w && (p[0] ?? 0) <= e ? 'lat' : 'lon',
          `position ${v.lon}, ${v.lat} is outside the plan box [${ctx.bbox.join(', ')}] (lon/lat swapped? a typo?)`,
          `位置 ${v.lon}, ${v.lat} 超出规划范围 [${ctx.bbox.join(', ')}](经纬度颠倒?笔误?)`,
        );
        return null;
      }
      return { type: 'Point', coordinates: [r5(p[0] ?? 0), r5(p[1] ?? 0)] };
    }
    if (g === 'line' || g === 'area') {
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
      const [w, s, e, n] = ctx.bbox;
      const flat = /** @type {number[][]} */ (
        g === 'line'
          ? /** @type {any} */ (shape).coordinates
          : /** @type {any} */ (shape).coordinates.flat()
      );
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
    bad(
      'unknown-geometry-type',
      'geometry',
      `geometry "${g}" is not point / line / area (empty: unlocated)`,
      `geometry“${g}”不是 point / line / area(留空表示未定位)`,
    );
    return null;
  }

  /**
   * position_source says where the position comes from; accuracy_m must cover it.
   *   gazetteer:<name_zh>[;<name_zh>…]  entries of ../shared/reference/gazetteer.geojson
   *   zone:<zone id>                    a schematic point inside that zone's sketch
   *   public:<named public source>      e.g. a published address or report
   * @param {Row} v
   * @param {import('geojson').Geometry} geom
   * @param {number} accM
   * @param {(code: IssueCode, col: string, en: string, zh: string) => void} bad
   */
  function checkPositionSource(v, geom, accM, bad) {
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
    if (how === 'gazetteer') {
      const names = what.split(LIST).map((x) => x.trim());
      const unknown = names.filter((n) => !ctx.gazetteer.has(n));
      if (unknown.length) {
        bad(
          'unsourced-position',
          'position_source',
          `"${unknown.join('; ')}" is not an entry of the gazetteer (../shared/reference/gazetteer.geojson, by name_zh)`,
          `“${unknown.join(';')}”不是地名录条目`,
        );
        return false;
      }
      if (pt) {
        const refs = names.map((n) => /** @type {[number, number]} */ (ctx.gazetteer.get(n)));
        const d = Math.min(...refs.map((r) => distance(point(pt), point(r), { units: 'meters' })));
        if ((v.datum || 'WGS84') === 'WGS84' && d > DATUM_MIN_M) {
          for (const [code, crs] of /** @type {const} */ ([
            ['gcj02-suspected', gcoord.GCJ02],
            ['bd09-suspected', gcoord.BD09],
          ])) {
            const dShift = Math.min(
              ...refs.map((r) =>
                distance(point(pt), point(gcoord.transform(r, gcoord.WGS84, crs)), {
                  units: 'meters',
                }),
              ),
            );
            if (dShift < DATUM_RATIO * d) {
              bad(
                code,
                'lon',
                `declared WGS84, but it sits ${Math.round(d)} m from ${names.join('; ')} and ${Math.round(dShift)} m from that entry shifted to ${code === 'gcj02-suspected' ? 'GCJ-02' : 'BD-09'}: set datum to ${code === 'gcj02-suspected' ? 'GCJ-02' : 'BD-09'} or fix the position`,
                `声明为 WGS84,但距 ${names.join(';')} ${Math.round(d)} 米,距其 ${code === 'gcj02-suspected' ? 'GCJ-02' : 'BD-09'} 偏移位置仅 ${Math.round(dShift)} 米:请把 datum 设为 ${code === 'gcj02-suspected' ? 'GCJ-02' : 'BD-09'} 或改正位置`,
              );
              return false;
            }
          }
        }
        if (d > accM) {
          bad(
            'unsourced-position',
            'accuracy_m',
            `accuracy_m ${accM} is smaller than the ${Math.round(d)} m from its source ${names.join('; ')}`,
            `accuracy_m ${accM} 小于其到来源 ${names.join(';')} 的 ${Math.round(d)} 米`,
          );
          return false;
        }
      }
    } else if (how === 'zone') {
      const z = ctx.zones.get(what.trim());
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
      if (pt && /Polygon/.test(z.geometry.type)) {
        const inside = booleanPointInPolygon(pt, /** @type {any} */ (z));
        const d = inside
          ? 0
          : pointToPolygonDistance(pt, /** @type {any} */ (z), { units: 'meters' });
        if (d > accM) {
          bad(
            'unsourced-position',
            'accuracy_m',
            `${Math.round(d)} m outside ${what}, more than accuracy_m ${accM}`,
            `在 ${what} 之外 ${Math.round(d)} 米,超过 accuracy_m ${accM}`,
          );
          return false;
        }
      }
    }
    if (pt && (EXTENDED_CATEGORIES.has(v.category ?? '') || (v.id ?? '').startsWith('park-'))) {
      const ext = Number(v.extent_m);
      if (v.extent_m === '?') {
        if (v.accuracy !== 'schematic' || accM < UNKNOWN_EXTENT_MIN_M) {
          bad(
            'unsourced-position',
            'accuracy_m',
            `extent_m is unknown (?): a point for an area or line of unknown size is schematic with accuracy_m ≥ ${UNKNOWN_EXTENT_MIN_M}`,
            `extent_m 未知(?):表示未知尺度的面或线的点须为 schematic 且 accuracy_m ≥ ${UNKNOWN_EXTENT_MIN_M}`,
          );
          return false;
        }
        return true;
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
      if (accM < ext / 2) {
        bad(
          'unsourced-position',
          'accuracy_m',
          `accuracy_m ${accM} is smaller than half its extent (${ext} m): a point cannot say where in it`,
          `accuracy_m ${accM} 小于其尺度(${ext} 米)的一半`,
        );
        return false;
      }
    }
    return true;
  }
}
