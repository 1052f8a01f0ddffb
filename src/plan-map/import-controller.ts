/**
 * The element's import: a file dropped on it or chosen in the panel is read (the import module
 * and, for an `.xlsx`, its reader are fetched on first use), its columns guessed for the planner
 * to confirm, then its rows joined to the plan as one more item layer. Removing the import puts
 * back the very model the plan had. Everything happens in the browser; nothing is uploaded.
 *
 * This is the element's thin side, in its bundle; the work is done by an {@link ImportSession}
 * (import-session.ts) that comes with the import module.
 */
import type { ReactiveController, ReactiveControllerHost, TemplateResult } from 'lit';
import { PlanImportEvent } from '../events/plan-import-event.js';
import type { ColumnChoice, ImportOptions, ImportReport } from '../import/rows.js';
import type { PlanModel } from '../plan/model.js';
import type { Datum, Lang } from '../plan/types.js';
import { type ImportViews, importPanel } from '../ui/import-panel.js';

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

export const IDLE: ImportState = {
  phase: 'idle',
  file: null,
  headers: [],
  columns: null,
  datum: 'WGS84',
  report: null,
  error: null,
};

type ImportSession = import('./import-session.js').ImportSession;

export class ImportController implements ReactiveController {
  /** The mapping and report views, once the import module is loaded. */
  views: ImportViews | null = null;
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #opts: ImportControllerOptions;
  #session: ImportSession | null = null;
  #loading: Promise<ImportSession> | null = null;
  /** Shown while the module loads for the first file. */
  #pending: ImportState | null = null;

  constructor(host: ReactiveControllerHost & HTMLElement, opts: ImportControllerOptions) {
    this.#host = host;
    this.#opts = opts;
    host.addController(this);
  }

  hostConnected(): void {}

  get state(): ImportState {
    return this.#pending ?? this.#session?.state ?? IDLE;
  }

  /** Whether an import is shown on the map. */
  get active(): boolean {
    return this.#session?.active ?? false;
  }

  #load(): Promise<ImportSession> {
    this.#loading ??= import('./import-lazy.js').then((mod) => {
      this.views = mod;
      // The views' styles join the element's (a constructed sheet: fine under a strict CSP).
      const root = this.#host.shadowRoot;
      const sheet = mod.importStyles.styleSheet;
      if (root && sheet && !root.adoptedStyleSheets.includes(sheet)) {
        root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
      }
      this.#session = new mod.ImportSession({
        ...this.#opts,
        update: () => this.#host.requestUpdate(),
      });
      return this.#session;
    });
    return this.#loading;
  }

  /** The plan reloaded: an import made for the old one is forgotten (not restored). */
  reset(): void {
    this.#pending = null;
    this.#session?.reset();
  }

  /** Step 1 (user): read the file and guess its columns; the planner then confirms. */
  async open(file: Blob): Promise<void> {
    if (!this.#session) {
      this.#pending = { ...IDLE, phase: 'reading', file: (file as Partial<File>).name ?? null };
      this.#host.requestUpdate();
    }
    try {
      const session = await this.#load();
      this.#pending = null;
      await session.open(file);
    } catch (err) {
      this.#pending = { ...IDLE, error: { zh: String(err), en: String(err) } };
      this.#host.requestUpdate();
    }
  }

  setColumn(field: keyof ColumnChoice, header: string | null): void {
    this.#session?.setColumn(field, header);
  }

  setDatum(datum: Datum): void {
    this.#session?.setDatum(datum);
  }

  /** Step 2 (user): the columns are confirmed; the rows join the plan. */
  confirm(): Promise<ImportReport | null> {
    return this.#session?.confirm() ?? Promise.resolve(null);
  }

  cancel(): void {
    this.#session?.cancel();
  }

  /** The method: read, map with the guesses (or `options`), join; no confirmation step. */
  async importFile(file: Blob, options: ImportOptions = {}): Promise<ImportReport> {
    return (await this.#load()).importFile(file, options);
  }

  /** Remove the import: the plan's own model comes back, exactly as it was. */
  remove(): void {
    this.#session?.remove();
  }

  /** The import section of the panel. Confirming fires `plan-import` with the report. */
  render(lang: Lang): TemplateResult {
    return importPanel({
      lang,
      state: this.state,
      views: this.views,
      onFile: (file) => void this.open(file),
      onColumn: (field, header) => this.setColumn(field, header),
      onDatum: (datum) => this.setDatum(datum),
      onConfirm: () => void this.#confirmFromUser(),
      onCancel: () => this.cancel(),
      onRemove: () => this.remove(),
    });
  }

  /** A file dragged over the element (with a plan loaded) may be dropped. */
  readonly onDragOver = (e: DragEvent): void => {
    if (!this.#opts.model() || !e.dataTransfer?.types.includes('Files')) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  };

  /** A file dropped on the element starts an import. */
  readonly onDrop = (e: DragEvent): void => {
    const file = e.dataTransfer?.files[0];
    if (!this.#opts.model() || !file) return;
    e.preventDefault();
    void this.open(file);
  };

  async #confirmFromUser(): Promise<void> {
    // The panel's report announces itself (role="status"); the page hears the event.
    const report = await this.confirm();
    if (report) this.#host.dispatchEvent(new PlanImportEvent(report));
  }
}
