/**
 * The element's import: a file dropped on it or chosen in the panel is read (the import module
 * and, for an `.xlsx`, its reader are fetched on first use), its columns guessed for the planner
 * to confirm, then its rows joined to the plan as one more item layer. Removing the import puts
 * back the very model the plan had. Everything happens in the browser; nothing is uploaded.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ImportSource } from '../import/read.js';
import type { ColumnChoice, ImportOptions, ImportReport, ImportResult } from '../import/rows.js';
import { analysePlan } from '../plan/analyse.js';
import type { PlanModel } from '../plan/model.js';
import type { Datum } from '../plan/types.js';
import type { ImportViews } from '../ui/import-panel.js';

type ImportModule = typeof import('./import-lazy.js');

export type ImportPhase = 'idle' | 'reading' | 'mapping' | 'applying' | 'done';

export interface ImportState {
  phase: ImportPhase;
  /** The file being imported, or imported. */
  file: string | null;
  /** Header texts of the file's (first) table, for the column choices. */
  headers: string[];
  columns: ColumnChoice | null;
  datum: Datum;
  /** What the rows would give with the current choices (mapping), or gave (done). */
  report: ImportReport | null;
  /**
   * Why nothing was imported: the file could not be read, or no row could be used (the report's
   * first error); null otherwise.
   */
  error: { zh: string; en: string } | null;
}

export interface ImportControllerOptions {
  /** The element's current model (the plan's own, or one with an import). */
  model(): PlanModel | null;
  /** Shows this model: the plan's with the import, or the plan's own back. */
  show(model: PlanModel, imported: boolean): void;
}

const IDLE: ImportState = {
  phase: 'idle',
  file: null,
  headers: [],
  columns: null,
  datum: 'WGS84',
  report: null,
  error: null,
};

export class ImportController implements ReactiveController {
  state: ImportState = IDLE;
  /** The mapping and report views, once the import module is loaded. */
  views: ImportViews | null = null;
  readonly #host: ReactiveControllerHost;
  readonly #opts: ImportControllerOptions;
  /** The plan's own model while an import is shown. */
  #base: PlanModel | null = null;
  #source: ImportSource | null = null;
  #result: ImportResult | null = null;
  /** The report of the import on the map. */
  #shownReport: ImportReport | null = null;
  #module: Promise<ImportModule> | null = null;
  /** Bumped by every new file, reset or removal: a late answer for an older one is dropped. */
  #generation = 0;
  #dragging = false;

  constructor(host: ReactiveControllerHost, opts: ImportControllerOptions) {
    this.#host = host;
    this.#opts = opts;
    host.addController(this);
  }

  hostConnected(): void {}

  /** Whether a file is being dragged over the element (the map shows where to drop it). */
  get dragging(): boolean {
    return this.#dragging;
  }

  setDragging(on: boolean): void {
    if (on === this.#dragging) return;
    this.#dragging = on;
    this.#host.requestUpdate();
  }

  /** Whether an import is shown on the map. */
  get active(): boolean {
    return this.#base !== null;
  }

  #set(patch: Partial<ImportState>): void {
    this.state = { ...this.state, ...patch };
    this.#host.requestUpdate();
  }

  #load(): Promise<ImportModule> {
    this.#module ??= import('./import-lazy.js').then((mod) => {
      this.views = mod;
      return mod;
    });
    return this.#module;
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
      const mod = await this.#load();
      const source = await mod.readImportFile(new Uint8Array(await file.arrayBuffer()), name);
      if (gen !== this.#generation) return;
      this.#source = source;
      const columns = mod.guessColumns(source);
      const headers = source.tables[0]?.header.filter((h) => h !== '') ?? [];
      const hinted = mod.datumFromHeaders(headers);
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
    const mod = await this.#load();
    if (gen !== this.#generation) return;
    this.#result = mod.importRows(this.#source, mod.importPlanOf(plan), {
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
    const mod = await this.#load();
    const source = await mod.readImportFile(new Uint8Array(await file.arrayBuffer()), name);
    const result = mod.importRows(source, mod.importPlanOf(plan), options);
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
    const mod = await this.#load();
    const analysed = await analysePlan(mod.planWithImport(base.plan, file, result.items));
    if (gen !== this.#generation) return;
    const model = mod.withUnlocatedImports(analysed, result.items, result.memberships);
    this.#base = base;
    this.#shownReport = result.report;
    this.#set({ phase: 'done', error: null });
    this.#opts.show(model, true);
  }

  /** Remove the import: the plan's own model comes back, exactly as it was. */
  remove(): void {
    const base = this.#base;
    this.reset();
    this.#host.requestUpdate();
    if (base) this.#opts.show(base, false);
  }

  #baseModel(): PlanModel | null {
    return this.#base ?? this.#opts.model();
  }
}

function fileName(file: Blob): string {
  return (file as Partial<File>).name || 'import.csv';
}
