/**
 * A dropped file as tables of text cells: CSV and TSV (papaparse, after {@link decodeText}),
 * `.xlsx` (read-excel-file, loaded with `import()` only when an `.xlsx` arrives) and GeoJSON.
 * The header row is found, not assumed: titles above it are skipped and a two-row header with
 * merged cells (`位置` over `经度` `纬度`) reads as its lower cells.
 */
import type { Geometry } from 'geojson';
import Papa from 'papaparse';
import { fieldOfHeader } from './columns.js';
import { decodeText, type TextEncodingName } from './decode.js';
import { IMPORT_MAX_BYTES, IMPORT_MAX_ROWS, type ImportIssue, importIssue } from './issues.js';

export type ImportFormat = 'csv' | 'tsv' | 'xlsx' | 'geojson';

export interface ImportRow {
  /** Row number as the spreadsheet shows it (1-based, header included); GeoJSON: feature index + 1. */
  row: number;
  cells: string[];
  /** GeoJSON: the feature's geometry. */
  geometry?: Geometry | null;
}

export interface ImportTable {
  /** Sheet name (`.xlsx`), else null. */
  sheet: string | null;
  /** Column headers as written (for a merged two-row header, the lower cell where there is one). */
  header: string[];
  /** Row number of the (last) header row. */
  headerRow: number;
  rows: ImportRow[];
  /** GeoJSON: positions come from each row's geometry. */
  geometry: boolean;
}

export interface ImportSource {
  file: string;
  format: ImportFormat;
  /** Text files: the encoding read. */
  encoding: TextEncodingName | null;
  tables: ImportTable[];
  issues: ImportIssue[];
}

/** Rows looked at for the header. */
const HEADER_SEARCH_ROWS = 10;

const isBlank = (cells: readonly string[]) => cells.every((c) => c.trim() === '');
const isNumeric = (c: string) => c.trim() !== '' && Number.isFinite(Number(c.trim()));

/** Cell text: numbers in full, dates as ISO days, nothing as ''. */
function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  return String(v).trim();
}

/**
 * The header block of a sheet: the row naming most known fields among the first rows, with the
 * header-like rows right above and below it (a merged two-row header). Null when no row names
 * any field.
 */
export function findHeader(
  rows: readonly string[][],
): { header: string[]; first: number; last: number } | null {
  const scoreOf = (cells: readonly string[] | undefined) =>
    cells ? cells.filter((c) => fieldOfHeader(c) !== null).length : 0;
  const headerLike = (cells: readonly string[] | undefined) =>
    cells !== undefined && scoreOf(cells) > 0 && !cells.some(isNumeric);
  let best = -1;
  let bestScore = 0;
  for (let i = 0; i < Math.min(rows.length, HEADER_SEARCH_ROWS); i++) {
    const s = scoreOf(rows[i]);
    if (s > bestScore) {
      best = i;
      bestScore = s;
    }
  }
  if (best < 0) return null;
  let first = best;
  let last = best;
  while (first > 0 && headerLike(rows[first - 1])) first--;
  while (last + 1 < rows.length && headerLike(rows[last + 1])) last++;
  let width = 0;
  for (let r = first; r <= last; r++) width = Math.max(width, rows[r]?.length ?? 0);
  const header: string[] = [];
  for (let c = 0; c < width; c++) {
    let h = '';
    for (let r = last; r >= first && h === ''; r--) h = (rows[r]![c] ?? '').trim();
    header.push(h);
  }
  return { header, first, last };
}

/** The issue of a sheet (or file) without a header row: skipped when other sheets may have one. */
function noHeader(file: string, sheet: string | null, cells: string[][]): ImportIssue {
  const at = sheet === null ? {} : { sheet };
  if (sheet !== null && !isBlank(cells.flat())) {
    return importIssue(
      'import-sheet-skipped',
      file,
      at,
      `Sheet "${sheet}": no header row naming a known column (name, 经度/longitude, 纬度/latitude, 所属组团/zone …) in its first ${HEADER_SEARCH_ROWS} rows; skipped`,
      `工作表“${sheet}”:前 ${HEADER_SEARCH_ROWS} 行中没有可识别的表头(名称、经度、纬度、所属组团等),已跳过`,
    );
  }
  return importIssue(
    'import-empty',
    file,
    at,
    `${sheet === null ? file : `Sheet "${sheet}"`}: no header row naming a known column (name, 经度/longitude, 纬度/latitude, 所属组团/zone …)`,
    `${sheet === null ? file : `工作表“${sheet}”`}:没有可识别的表头(名称、经度、纬度、所属组团等)`,
  );
}

/** One sheet's cells as a table, or an issue when it has no header or no rows. */
function tableOf(
  file: string,
  sheet: string | null,
  cells: string[][],
  issues: ImportIssue[],
): ImportTable | null {
  const found = findHeader(cells);
  if (!found) {
    issues.push(noHeader(file, sheet, cells));
    return null;
  }
  const rows: ImportRow[] = [];
  for (let i = found.last + 1; i < cells.length; i++) {
    const r = cells[i]!;
    if (!isBlank(r)) rows.push({ row: i + 1, cells: r.map((c) => c.trim()) });
  }
  if (rows.length === 0) {
    issues.push(
      importIssue(
        'import-empty',
        file,
        sheet === null ? {} : { sheet },
        `${sheet === null ? file : `Sheet "${sheet}"`}: a header but no data rows`,
        `${sheet === null ? file : `工作表“${sheet}”`}:只有表头,没有数据行`,
      ),
    );
    return null;
  }
  return { sheet, header: found.header, headerRow: found.last + 1, rows, geometry: false };
}

function capRows(t: ImportTable, file: string, issues: ImportIssue[], budget: number): number {
  if (t.rows.length > budget) {
    const dropped = t.rows.length - budget;
    t.rows = t.rows.slice(0, budget);
    issues.push(
      importIssue(
        'import-too-many-rows',
        file,
        t.sheet === null ? {} : { sheet: t.sheet },
        `More than ${IMPORT_MAX_ROWS} rows: the last ${dropped} were left out`,
        `超过 ${IMPORT_MAX_ROWS} 行:末尾 ${dropped} 行未导入`,
      ),
    );
  }
  return budget - t.rows.length;
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

function formatOf(bytes: Uint8Array, name: string, text: string | null): ImportFormat {
  if (ZIP_MAGIC.every((b, i) => bytes[i] === b)) return 'xlsx';
  const ext = name.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1] ?? '';
  if (ext === 'geojson' || ext === 'json') return 'geojson';
  if (text !== null && /^\s*\{/.test(text)) return 'geojson';
  if (ext === 'tsv' || ext === 'tab') return 'tsv';
  // "Unicode text" from Excel (.txt) and other tab-separated text: tabs in the first line, no commas.
  const firstLine = text?.split(/\r?\n/, 1)[0] ?? '';
  if (firstLine.includes('\t') && !firstLine.includes(',')) return 'tsv';
  return 'csv';
}

function unreadable(file: string, why_en: string, why_zh: string): ImportIssue {
  return importIssue(
    'import-unreadable',
    file,
    {},
    `${file}: ${why_en}; nothing was imported`,
    `${file}:${why_zh};未导入任何内容`,
  );
}

/** The file's tables, with the problems found reading it. Never throws for bad content. */
export async function readImportFile(bytes: Uint8Array, file: string): Promise<ImportSource> {
  const issues: ImportIssue[] = [];
  if (bytes.length > IMPORT_MAX_BYTES) {
    const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
    issues.push(
      importIssue(
        'import-file-too-large',
        file,
        {},
        `${file}: ${mb(bytes.length)} MB, over the ${mb(IMPORT_MAX_BYTES)} MB an import reads; nothing was imported`,
        `${file}:${mb(bytes.length)} MB,超过导入上限 ${mb(IMPORT_MAX_BYTES)} MB;未导入任何内容`,
      ),
    );
    return {
      file,
      format: formatOf(bytes.subarray(0, 4), file, null),
      encoding: null,
      tables: [],
      issues,
    };
  }
  const isZip = ZIP_MAGIC.every((b, i) => bytes[i] === b);
  const decoded = isZip ? null : decodeText(bytes);
  const format = formatOf(bytes, file, decoded?.text ?? null);
  const source: ImportSource = {
    file,
    format,
    encoding: decoded?.encoding ?? null,
    tables: [],
    issues,
  };
  if (format === 'xlsx') await readWorkbook(bytes, source);
  else if (format === 'geojson') addTable(source, geojsonTable(file, decoded!.text, issues));
  else readDelimited(decoded!.text, source);
  return source;
}

/** A table into the source, its rows capped at what the import reads. */
function addTable(source: ImportSource, t: ImportTable | null, budget = IMPORT_MAX_ROWS): number {
  if (!t || budget <= 0) return budget;
  source.tables.push(t);
  return capRows(t, source.file, source.issues, budget);
}

/** Every sheet of a workbook with a header row, the rows capped across the sheets. */
async function readWorkbook(bytes: Uint8Array, source: ImportSource): Promise<void> {
  let sheets: { sheet: string; data: unknown[][] }[];
  try {
    sheets = await readXlsx(bytes);
  } catch (err) {
    source.issues.push(
      unreadable(
        source.file,
        `not a readable .xlsx workbook (${String(err).slice(0, 200)})`,
        `不是可读取的 .xlsx 工作簿(${String(err).slice(0, 200)})`,
      ),
    );
    return;
  }
  let budget = IMPORT_MAX_ROWS;
  for (const s of sheets) {
    const cells = s.data.map((r) => r.map(cellText));
    budget = addTable(source, tableOf(source.file, s.sheet, cells, source.issues), budget);
  }
}

/** CSV or TSV text (the delimiter guessed for CSV). */
function readDelimited(text: string, source: ImportSource): void {
  if (text.includes('\u0000')) {
    source.issues.push(unreadable(source.file, 'binary data, not text', '是二进制数据,不是文本'));
    return;
  }
  const parsed = Papa.parse<string[]>(text, {
    delimiter: source.format === 'tsv' ? '\t' : '',
    delimitersToGuess: [',', ';', '\t', '|'],
    skipEmptyLines: false,
  });
  addTable(source, tableOf(source.file, null, parsed.data, source.issues));
}

/**
 * The workbook's sheets. The reader is its own chunk, fetched the first time an `.xlsx` arrives
 * (dynamic `import()`), so the element's bundle does not carry it.
 */
async function readXlsx(bytes: Uint8Array): Promise<{ sheet: string; data: unknown[][] }[]> {
  const { default: readXlsxFile } = await import('read-excel-file/universal');
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const sheets = await readXlsxFile(buffer as ArrayBuffer);
  return sheets.map((s) => ({ sheet: s.sheet, data: s.data as unknown[][] }));
}

/** A GeoJSON FeatureCollection as a table: one column per property key, positions kept aside. */
function geojsonTable(file: string, text: string, issues: ImportIssue[]): ImportTable | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    issues.push(
      unreadable(
        file,
        `not JSON (${String(err).slice(0, 120)})`,
        `不是 JSON(${String(err).slice(0, 120)})`,
      ),
    );
    return null;
  }
  const fc = json as { type?: unknown; features?: unknown };
  const features =
    fc?.type === 'FeatureCollection' && Array.isArray(fc.features)
      ? fc.features
      : fc?.type === 'Feature'
        ? [fc]
        : null;
  if (!features) {
    issues.push(
      unreadable(
        file,
        'not a GeoJSON FeatureCollection',
        '不是 GeoJSON 要素集合(FeatureCollection)',
      ),
    );
    return null;
  }
  const header: string[] = [];
  const seen = new Map<string, number>();
  const props = features.map((f) => {
    const p = (f as { properties?: unknown })?.properties;
    return p && typeof p === 'object' ? (p as Record<string, unknown>) : {};
  });
  for (const p of props) {
    for (const k of Object.keys(p)) {
      if (!seen.has(k)) {
        seen.set(k, header.length);
        header.push(k);
      }
    }
  }
  const rows: ImportRow[] = features.map((f, i) => {
    const p = props[i]!;
    const cells = header.map((k) => {
      const v = p[k];
      return v !== null && typeof v === 'object' ? JSON.stringify(v) : cellText(v);
    });
    const g = (f as { geometry?: unknown })?.geometry;
    return { row: i + 1, cells, geometry: g && typeof g === 'object' ? (g as Geometry) : null };
  });
  if (rows.length === 0) {
    issues.push(
      importIssue('import-empty', file, {}, `${file}: no features`, `${file}:没有任何要素`),
    );
    return null;
  }
  return { sheet: null, header, headerRow: 0, rows, geometry: true };
}
