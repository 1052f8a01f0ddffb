/**
 * The import's working part, fetched with the import module on first use (see
 * import-controller.ts, the element's thin side): reads the file, guesses its columns, previews
 * what the planner's choices give, joins the rows to the plan as one more item layer, and puts
 * back the very model the plan had when the import is removed. Nothing is uploaded.
 */

import { datumFromHeaders } from '../import/columns.js';
import { planWithImport, withUnlocatedImports } from '../import/merge.js';
import type { ImportSource } from '../import/read.js';
import { readImportFile } from '../import/read.js';
import type { ColumnChoice, ImportOptions, ImportReport } from '../import/rows.js';
import { guessColumns, type ImportResult, importPlanOf, importRows } from '../import/rows.js';
import { analysePlan } from '../plan/analyse.js';
import type { PlanModel } from '../plan/model.js';
import type { Datum } from '../plan/types.js';
import { IDLE, type ImportControllerOptions, type ImportState } from './import-controller.js';

export interface ImportSessionOptions extends ImportControllerOptions {
  /** The element re-renders the panel. */
  update(): void;
}

export class ImportSession {
  state: ImportState = IDLE;
  readonly #opts: ImportSessionOptions;
  /** The plan's own model while an import is shown. */
  #base: PlanModel | null = null;
  #source: ImportSource | null = null;
  #result: ImportResult | null = null;
  /** The report of the import on the map. */
  #shownReport: ImportReport | null = null;
  /** Bumped by every new file, reset or removal: a late answer for an older one is dropped. */
  #generation = 0;

  constructor(opts: ImportSessionOptions) {
    this.#opts = opts;
  }

  /** Whether an import is shown on the map. */
  get active(): boolean {
    return this.#base !== null;
  }

  #set(patch: Partial<ImportState>): void {
    this.state = { ...this.state, ...patch };
    this.#opts.update();
  }

  /** The plan reloaded: an import made for the old one is forgotten (not restored). */
  reset(): void {
    this.#generation++;
    this.#base = null;
    this.#source = null;
    this.#result = null;
    this.#shownReport = null;
    this.state = IDLE;
  }

  /** Step 1 (user): read the file and guess its columns; the planner then confirms. */
  async open(file: Blob, name = fileName(file)): Promise<void> {
    const gen = ++this.#generation;
    this.#set({ ...IDLE, phase: 'reading', file: name });
    try {
      const source = await readImportFile(new Uint8Array(await file.arrayBuffer()), name);
      if (gen !== this.#generation) return;
      this.#source = source;
      const columns = guessColumns(source);
      const headers = source.tables[0]?.header.filter((h) => h !== '') ?? [];
      const hinted = datumFromHeaders(headers);
      this.#set({ phase: 'mapping', headers, columns, datum: hinted ?? 'WGS84' });
      await this.#preview(gen);
      // No hint in the headers: start from what the positions' offset signature says.
      const detected = this.state.report?.detectedDatum;
      if (!hinted && detected && detected !== this.state.datum && gen === this.#generation) {
        this.#set({ datum: detected });
        await this.#preview(gen);
      }
    } catch (err) {
      if (gen === this.#generation) {
        this.#set({ phase: 'idle', error: { zh: String(err), en: String(err) } });
      }
    }
  }

  async #preview(gen: number): Promise<void> {
    const plan = this.#baseModel();
    if (!this.#source || !plan || !this.state.columns) return;
    if (gen !== this.#generation) return;
    this.#result = importRows(this.#source, importPlanOf(plan), {
      columns: this.state.columns,
      datum: this.state.datum,
    });
    this.#set({ report: this.#result.report });
  }

  /** The planner changed a column choice (null: no column). */
  setColumn(field: keyof ColumnChoice, header: string | null): void {
    if (!this.state.columns) return;
    this.#set({ columns: { ...this.state.columns, [field]: header } });
    void this.#preview(this.#generation);
  }

  /** The planner chose the datum of the positions. */
  setDatum(datum: Datum): void {
    this.#set({ datum });
    void this.#preview(this.#generation);
  }

  /** Step 2 (user): the columns are confirmed; the rows join the plan. */
  async confirm(): Promise<ImportReport | null> {
    const result = this.#result;
    const file = this.state.file;
    if (this.state.phase !== 'mapping' || !result || file === null) return null;
    const gen = this.#generation;
    this.#set({ phase: 'applying' });
    await this.#apply(file, result, gen);
    return gen === this.#generation ? result.report : null;
  }

  cancel(): void {
    this.#generation++;
    this.#source = null;
    this.#result = null;
    this.#set(this.#base ? { ...this.state, phase: 'done', report: this.#shownReport } : IDLE);
  }

  /** The method: read, map with the guesses (or `options`), join; no confirmation step. */
  async importFile(
    file: Blob,
    options: ImportOptions = {},
    name = fileName(file),
  ): Promise<ImportReport> {
    const plan = this.#baseModel();
    if (!plan) throw new Error('importItems(): the plan is not loaded yet');
    const gen = ++this.#generation;
    const source = await readImportFile(new Uint8Array(await file.arrayBuffer()), name);
    const result = importRows(source, importPlanOf(plan), options);
    if (gen !== this.#generation) throw new Error('importItems(): superseded by another import');
    this.#source = source;
    this.#result = result;
    this.state = {
      ...IDLE,
      file: name,
      headers: source.tables[0]?.header.filter((h) => h !== '') ?? [],
      columns: result.report.columns,
      datum: result.report.datum,
      report: result.report,
    };
    await this.#apply(name, result, gen);
    return result.report;
  }

  async #apply(file: string, result: ImportResult, gen: number): Promise<void> {
    const base = this.#baseModel();
    if (!base) return;
    if (result.items.length === 0) {
      // Nothing usable: the map stays as it is (with an earlier import, if any) and says why.
      const first = result.report.issues.find((i) => i.severity === 'error');
      this.#set({
        phase: this.#base ? 'done' : 'idle',
        report: this.#base ? this.#shownReport : null,
        error: first
          ? { zh: first.message_zh, en: first.message_en }
          : { zh: `${file}:没有可导入的行`, en: `${file}: no rows to import` },
      });
      return;
    }
    const analysed = await analysePlan(planWithImport(base.plan, file, result.items));
    if (gen !== this.#generation) return;
    const model = withUnlocatedImports(analysed, result.items, result.memberships);
    this.#base = base;
    this.#shownReport = result.report;
    this.#set({ phase: 'done', error: null });
    this.#opts.show(model, true);
  }

  /** Remove the import: the plan's own model comes back, exactly as it was. */
  remove(): void {
    const base = this.#base;
    this.reset();
    this.#opts.update();
    if (base) this.#opts.show(base, false);
  }

  #baseModel(): PlanModel | null {
    return this.#base ?? this.#opts.model();
  }
}

function fileName(file: Blob): string {
  return (file as Partial<File>).name || 'import.csv';
}
