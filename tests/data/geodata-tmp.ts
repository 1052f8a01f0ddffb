/**
 * Helpers for tests that rebuild the plan package: a temporary copy of geodata/, CSV cell edits
 * done the way a spreadsheet would save them (UTF-8 with BOM), and the builders run as
 * `npm run geodata` runs them.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Papa from 'papaparse';

export const ROOT = join(import.meta.dirname, '../..');
export const GEODATA = join(ROOT, 'geodata');
const run = promisify(execFile);

/** A fresh copy of geodata/ (sources included) in a temporary folder. */
export function copyGeodata(): string {
  const dir = mkdtempSync(join(tmpdir(), 'plan-geodata-'));
  cpSync(GEODATA, dir, { recursive: true });
  return dir;
}

export type CsvRow = Record<string, string>;

/** Reads a CSV source of `dir` (with or without its BOM) as rows keyed by the header. */
export function readCsv(dir: string, name: string): { text: string; rows: CsvRow[] } {
  const text = readFileSync(join(dir, 'sources', name), 'utf8');
  const rows = Papa.parse<CsvRow>(text.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: 'greedy',
  }).data;
  return { text, rows };
}

/**
 * Edits a CSV source in place: `edit` changes the rows (one per item, step or citation) and
 * the file is written back as a spreadsheet writes it: BOM, header, one line per row.
 * Returns the spreadsheet row number (header = 1) of the first row `edit` reported.
 */
export function editCsv(
  dir: string,
  name: string,
  edit: (rows: CsvRow[]) => number | undefined,
): number | undefined {
  const { rows } = readCsv(dir, name);
  const fields = Object.keys(rows[0] ?? {});
  const index = edit(rows);
  writeFileSync(
    join(dir, 'sources', name),
    `\uFEFF${Papa.unparse({ fields, data: rows }, { newline: '\n' })}\n`,
  );
  return index === undefined ? undefined : index + 2;
}

export interface BuildResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs one builder script with GEODATA_OUT=dir; never throws. */
export async function runScript(script: string, dir: string): Promise<BuildResult> {
  try {
    const { stdout, stderr } = await run('node', [join(ROOT, script)], {
      cwd: ROOT,
      env: { ...process.env, GEODATA_OUT: dir },
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: err.code ?? 1, stdout: err.stdout ?? '', stderr: err.stderr ?? '' };
  }
}

/** The builders of `npm run geodata`, in its order (package.json is the source of truth). */
export function geodataScripts(): string[] {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  return (pkg.scripts.geodata ?? '')
    .split('&&')
    .map((s) => s.trim().replace(/^node\s+/, ''))
    .filter(Boolean);
}
