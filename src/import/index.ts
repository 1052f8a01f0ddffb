/**
 * Bring your own list: a planner's spreadsheet (CSV/TSV in UTF-8 or GBK, `.xlsx`, GeoJSON) read,
 * mapped to the plan's vocabulary and attached to the plan's zones, with a per-row report.
 * Pure: imports neither lit nor maplibre-gl; the element loads this module on first use.
 */

import { readImportFile } from './read.js';
import { type ImportOptions, type ImportPlan, type ImportResult, importRows } from './rows.js';

export type { ColumnMapping, ImportField } from './columns.js';
export { datumFromHeaders, fieldOfHeader, guessMapping, IMPORT_FIELDS } from './columns.js';
export type { DecodedText, TextEncodingName } from './decode.js';
export { decodeText } from './decode.js';
export type { ImportIssue, ImportIssueCode, ImportIssueSeverity } from './issues.js';
export {
  IMPORT_ISSUE_CODES,
  IMPORT_ISSUE_SEVERITY,
  IMPORT_MAX_BYTES,
  IMPORT_MAX_ROWS,
  importIssue,
  isImportIssueCode,
} from './issues.js';
export type { ImportFormat, ImportRow, ImportSource, ImportTable } from './read.js';
export { findHeader, readImportFile } from './read.js';
export type {
  ColumnChoice,
  ImportedItem,
  ImportedItemProps,
  ImportOptions,
  ImportPlan,
  ImportReport,
  ImportResult,
  RowOutcome,
  RowResult,
} from './rows.js';
export {
  detectDatum,
  guessColumns,
  importPlanOf,
  importRows,
  parseCoordinate,
  parseYear,
  zoneByName,
} from './rows.js';
export { categoryOfWord, kindOfWord, statusOfWord } from './vocab.js';

/** Read a file and import its rows in one step (the columns guessed unless given). */
export async function importFile(
  bytes: Uint8Array,
  fileName: string,
  plan: ImportPlan,
  options: ImportOptions = {},
): Promise<ImportResult> {
  return importRows(await readImportFile(bytes, fileName), plan, options);
}
export {
  IMPORT_COLOR,
  IMPORT_LAYER_ID,
  importLayerSpec,
  planWithImport,
  withUnlocatedImports,
} from './merge.js';
