/**
 * Exports: `exportData()` (GeoJSON, CSV), `exportImage()` (the PNG planning sheet, whose
 * drawing code is fetched on first use) and the panel's export buttons, which download the
 * selection if there is one, else everything visible.
 */
import type { ReactiveController, ReactiveControllerHost, TemplateResult } from 'lit';
import { t } from '../i18n/strings.js';
import {
  type ExportInput,
  type ExportOptions,
  type ExportScope,
  exportCsv,
  exportFileName,
  exportGeoJson,
} from '../plan/export.js';
import { nameOf } from '../plan/model.js';
import { type ExportKind, exportBar } from '../ui/export-bar.js';
import type { PlanContext } from './context.js';
import type { MapSnapshot } from './map-controller.js';

/** An export's object URL is released this long after its download started. */
const REVOKE_AFTER_MS = 10_000;

export interface ExportControllerOptions extends PlanContext {
  visible(): ReadonlySet<string>;
  /** The timeline's year, for file names; null for now. */
  year(): number | null;
  /** The map's picture once idle, or null when the map is not drawn. */
  snapshot(): Promise<MapSnapshot> | null;
  /** Where the download link is put for its click. */
  root(): Node;
  /** Tells the user (a live region) that an export failed. */
  announce(text: string): void;
}

export class ExportController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #opts: ExportControllerOptions;
  /** Whether the PNG sheet is being made. */
  #busy = false;

  constructor(host: ReactiveControllerHost, opts: ExportControllerOptions) {
    this.#host = host;
    this.#opts = opts;
    host.addController(this);
  }

  hostConnected(): void {}

  /** See `PlanMap.exportData`. */
  exportData(options: ExportOptions): Blob {
    const input = this.#input(options.scope);
    if (options.format === 'csv') {
      return new Blob([exportCsv(input)], { type: 'text/csv;charset=utf-8' });
    }
    return new Blob([JSON.stringify(exportGeoJson(input), null, 2)], {
      type: 'application/geo+json',
    });
  }

  /** See `PlanMap.exportImage`. */
  async exportImage(): Promise<Blob> {
    const model = this.#opts.model();
    const view = this.#opts.view();
    const snapshot = this.#opts.snapshot();
    if (!snapshot || !model || !view) throw new Error('exportImage(): the map is not drawn yet');
    const [shot, { sheetPng }, { sheetContent }] = await Promise.all([
      snapshot,
      import('./sheet.js'),
      import('./sheet-content.js'),
    ]);
    return sheetPng(
      sheetContent({
        model,
        view,
        lang: this.#opts.lang(),
        visible: this.#opts.visible(),
        selected: this.#opts.selected(),
        snapshot: shot,
        date: new Date().toISOString().slice(0, 10),
      }),
    );
  }

  /** The export buttons. */
  render(): TemplateResult | null {
    const model = this.#opts.model();
    if (!model) return null;
    const lang = this.#opts.lang();
    const id = this.#opts.selected();
    const selected = id ? model.byId.get(id) : undefined;
    return exportBar({
      lang,
      selectionName: selected && this.#scope() === 'selection' ? nameOf(selected, lang) : null,
      busy: this.#busy,
      onExport: (kind) => void this.#fromUser(kind),
    });
  }

  #input(scope: ExportScope): ExportInput {
    const model = this.#opts.model();
    const view = this.#opts.view();
    if (!model || !view) throw new Error('exportData(): the plan is not loaded yet');
    return {
      model,
      view,
      scope,
      selected: this.#opts.selected(),
      visible: this.#opts.visible(),
      exportedAt: new Date().toISOString(),
    };
  }

  /** The selection if it is a plan feature (not a reference or basemap one), else the visible. */
  #scope(): ExportScope {
    const model = this.#opts.model();
    const id = this.#opts.selected();
    if (!model || !id || !model.byId.has(id)) return 'visible';
    const layer = model.plan.layers.find((l) => l.spec.id === model.layerOf.get(id));
    return layer && layer.spec.kind !== 'reference' && layer.spec.kind !== 'basemap'
      ? 'selection'
      : 'visible';
  }

  async #fromUser(kind: ExportKind): Promise<void> {
    const model = this.#opts.model();
    if (!model) return;
    const scope = this.#scope();
    const ext = kind === 'geojson' ? 'geojson' : kind;
    const name = exportFileName(
      model.plan.manifest.id,
      scope,
      this.#opts.selected(),
      this.#opts.year(),
      ext,
    );
    try {
      let blob: Blob;
      if (kind === 'png') {
        this.#setBusy(true);
        blob = await this.exportImage();
      } else blob = this.exportData({ format: kind, scope });
      this.#download(blob, name);
    } catch (e) {
      this.#opts.announce(`${t(this.#opts.lang(), 'exportFailed')}: ${(e as Error).message}`);
    } finally {
      this.#setBusy(false);
    }
  }

  #setBusy(busy: boolean): void {
    if (this.#busy === busy) return;
    this.#busy = busy;
    this.#host.requestUpdate();
  }

  #download(blob: Blob, name: string): void {
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    a.hidden = true;
    this.#opts.root().appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
  }
}
