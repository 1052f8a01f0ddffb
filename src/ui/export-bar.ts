/** The export buttons: GeoJSON, CSV and the PNG sheet of the selection or of everything visible. */
import { html, type TemplateResult } from 'lit';
import { t, tf } from '../i18n/strings.js';
import type { Lang } from '../plan/types.js';

export type ExportKind = 'geojson' | 'csv' | 'png';

export interface ExportBarProps {
  lang: Lang;
  /** The selected feature's name, or null: the buttons export everything visible. */
  selectionName: string | null;
  busy: boolean;
  onExport: (kind: ExportKind) => void;
}

export function exportBar({ lang, selectionName, busy, onExport }: ExportBarProps): TemplateResult {
  const scope = selectionName
    ? tf(lang, 'exportSelection', { name: selectionName })
    : t(lang, 'exportVisible');
  return html`<section class="export" part="export" aria-labelledby="export-title">
    <h3 id="export-title">${t(lang, 'export')}</h3>
    <p class="export-scope">${scope}</p>
    <div class="export-buttons" role="group" aria-labelledby="export-title">
      <button type="button" data-export="geojson" @click=${() => onExport('geojson')}>${t(lang, 'exportGeoJson')}</button>
      <button type="button" data-export="csv" @click=${() => onExport('csv')}>${t(lang, 'exportCsv')}</button>
      <button type="button" data-export="png" ?disabled=${busy} @click=${() => onExport('png')}>${busy ? t(lang, 'exportBusy') : t(lang, 'exportPng')}</button>
    </div>
  </section>`;
}
