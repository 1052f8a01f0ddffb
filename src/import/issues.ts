/**
 * The import catalogue: every problem an imported spreadsheet can have, with a stable code, like
 * the loader's in src/plan/issues.ts. Each row problem names the row (as the spreadsheet numbers
 * it), the column (its header as written) and the reason, in Chinese and English.
 *
 * | code | severity | meaning |
 * | --- | --- | --- |
 * | `import-unreadable` | error | the file is not CSV, TSV, `.xlsx` or GeoJSON, or is damaged; nothing imported |
 * | `import-file-too-large` | error | the file is larger than `IMPORT_MAX_BYTES`; refused unread |
 * | `import-empty` | error | the file (or sheet) has no header row or no data rows |
 * | `import-too-many-rows` | error | more rows than `IMPORT_MAX_ROWS`; the rest are left out |
 * | `import-no-name-column` | error | no column is mapped to the name; nothing imported |
 * | `import-no-position-columns` | warning | neither longitude/latitude nor zone columns are mapped: rows cannot be attached |
 * | `import-sheet-skipped` | warning | a sheet has no recognisable header (e.g. notes); it is skipped |
 * | `import-missing-name` | error | the row has no name; rejected |
 * | `import-bad-coordinate` | error | longitude or latitude is not a number (or out of range); the row is attached by its zone name if it has one, else rejected |
 * | `import-outside-plan` | error | the position lies outside the plan's extent (e.g. in Beijing); attached by zone name if it has one, else rejected |
 * | `import-lonlat-swapped` | warning | longitude and latitude are swapped (swapped they fall in the plan); swapped back |
 * | `import-no-zone` | warning | the position is in the plan's extent but in no zone nor within the attach distance: drawn, counted in no zone |
 * | `import-unknown-zone` | warning | the zone name matches no zone (or several); a row with no position is rejected |
 * | `import-zone-mismatch` | warning | the zone named in the row is not the zone its position falls in; the position wins |
 * | `import-unknown-status` | warning | the status word is not recognised; the row is shown as planned |
 * | `import-unknown-category` | warning | the category word is not recognised; kept as written |
 * | `import-unknown-kind` | warning | the kind word is not recognised; the row is a project |
 * | `import-bad-year` | warning | the year is not a year between 1900 and 2100; ignored |
 * | `import-unsupported-geometry` | error | a GeoJSON feature is not a Point; rejected (or attached by zone name) |
 * | `import-datum-suspected` | warning | the positions sit at the offset of another datum than the one chosen (GCJ-02 / BD-09 / WGS84) |
 */

/** Code → one-line meaning. The single list of import codes (tests and docs read it). */
export const IMPORT_ISSUE_CODES = {
  'import-unreadable':
    'the file is not CSV, TSV, .xlsx or GeoJSON, or is damaged; nothing imported',
  'import-file-too-large': 'the file is larger than IMPORT_MAX_BYTES; refused unread',
  'import-empty': 'the file (or sheet) has no header row or no data rows',
  'import-too-many-rows': 'more rows than IMPORT_MAX_ROWS; the rest are left out',
  'import-no-name-column': 'no column is mapped to the name; nothing imported',
  'import-no-position-columns':
    'neither longitude/latitude nor zone columns are mapped: rows cannot be attached',
  'import-sheet-skipped': 'a sheet has no recognisable header (e.g. notes); it is skipped',
  'import-missing-name': 'the row has no name; rejected',
  'import-bad-coordinate':
    'longitude or latitude is not a number (or out of range); attached by zone name if the row has one, else rejected',
  'import-outside-plan':
    "the position lies outside the plan's extent; attached by zone name if the row has one, else rejected",
  'import-lonlat-swapped':
    'longitude and latitude are swapped (swapped they fall in the plan); swapped back',
  'import-no-zone':
    "the position is in the plan's extent but in no zone nor within the attach distance: drawn, in no zone",
  'import-unknown-zone':
    'the zone name matches no zone (or several); a row with no position is rejected',
  'import-zone-mismatch':
    'the zone named in the row is not the zone its position falls in; the position wins',
  'import-unknown-status': 'the status word is not recognised; the row is shown as planned',
  'import-unknown-category': 'the category word is not recognised; kept as written',
  'import-unknown-kind': 'the kind word is not recognised; the row is a project',
  'import-bad-year': 'the year is not a year between 1900 and 2100; ignored',
  'import-unsupported-geometry':
    'a GeoJSON feature is not a Point; rejected (or attached by zone name)',
  'import-datum-suspected':
    'the positions sit at the offset of another datum than the one chosen (GCJ-02 / BD-09 / WGS84)',
} as const;

export type ImportIssueCode = keyof typeof IMPORT_ISSUE_CODES;
export type ImportIssueSeverity = 'error' | 'warning';

export const IMPORT_ISSUE_SEVERITY = {
  'import-unreadable': 'error',
  'import-file-too-large': 'error',
  'import-empty': 'error',
  'import-too-many-rows': 'error',
  'import-no-name-column': 'error',
  'import-no-position-columns': 'warning',
  'import-sheet-skipped': 'warning',
  'import-missing-name': 'error',
  'import-bad-coordinate': 'error',
  'import-outside-plan': 'error',
  'import-lonlat-swapped': 'warning',
  'import-no-zone': 'warning',
  'import-unknown-zone': 'warning',
  'import-zone-mismatch': 'warning',
  'import-unknown-status': 'warning',
  'import-unknown-category': 'warning',
  'import-unknown-kind': 'warning',
  'import-bad-year': 'warning',
  'import-unsupported-geometry': 'error',
  'import-datum-suspected': 'warning',
} as const satisfies Record<ImportIssueCode, ImportIssueSeverity>;

/**
 * Largest file read, bytes. A 20,000-row project list is a few megabytes as CSV and less as
 * .xlsx; a larger file is refused before it is decoded or unzipped, so it cannot freeze the tab.
 */
export const IMPORT_MAX_BYTES = 16 * 1024 * 1024;

/** Most rows read from one file. */
export const IMPORT_MAX_ROWS = 20_000;

/** A problem in an imported file: the file, and the row and column when it is one row's. */
export interface ImportIssue {
  code: ImportIssueCode;
  severity: ImportIssueSeverity;
  message_zh: string;
  message_en: string;
  /** The file name. */
  file: string;
  /** The sheet (`.xlsx` only). */
  sheet?: string;
  /** The row number as the spreadsheet shows it (the header row included), or the feature's index + 1 in GeoJSON. */
  row?: number;
  /** The column header as written in the file. */
  column?: string;
}

export interface ImportIssueAt {
  sheet?: string | undefined;
  row?: number | undefined;
  column?: string | undefined;
}

export function importIssue<C extends ImportIssueCode>(
  code: C,
  file: string,
  at: ImportIssueAt,
  message_en: string,
  message_zh: string,
): ImportIssue {
  const out: ImportIssue = {
    code,
    severity: IMPORT_ISSUE_SEVERITY[code],
    message_zh,
    message_en,
    file,
  };
  if (at.sheet !== undefined) out.sheet = at.sheet;
  if (at.row !== undefined) out.row = at.row;
  if (at.column !== undefined) out.column = at.column;
  return out;
}

export function isImportIssueCode(code: unknown): code is ImportIssueCode {
  return typeof code === 'string' && Object.hasOwn(IMPORT_ISSUE_CODES, code);
}
