/**
 * The import section of the panel: a button (and a drop on the map) to bring a list. The column
 * choices and the per-row report (ui/import-views.ts) come with the import module, fetched on
 * first use, so the element's bundle carries only this.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { ImportField } from '../import/columns.js';
import type { Datum, Lang } from '../plan/types.js';
import type { ImportState } from '../plan-map/import-controller.js';
import type { importBody } from './import-views.js';

const TEXT = {
  zh: {
    title: '导入清单',
    choose: '选择文件…',
    hint: 'CSV、TSV、Excel 或 GeoJSON,也可拖到地图上;数据不会上传。',
    reading: '正在读取…',
    imported: '已导入',
    zoneName: '按组团名称归属(未定位)',
    row: '行',
  },
  en: {
    title: 'Import a list',
    choose: 'Choose a file…',
    hint: 'CSV, TSV, Excel or GeoJSON, or drop it on the map; nothing is uploaded.',
    reading: 'Reading…',
    imported: 'Imported',
    zoneName: 'by zone name (not on the map)',
    row: 'row',
  },
} as const;

export type ImportTextKey = keyof (typeof TEXT)['en'];
export function importText(lang: Lang, key: ImportTextKey): string {
  return TEXT[lang][key];
}

/** The views loaded with the import module. */
export interface ImportViews {
  importBody: typeof importBody;
}

export interface ImportPanelProps {
  lang: Lang;
  state: ImportState;
  /** Null until the import module is loaded (the first file). */
  views: ImportViews | null;
  onFile: (file: File) => void;
  onColumn: (field: ImportField, header: string | null) => void;
  onDatum: (datum: Datum) => void;
  onConfirm: () => void;
  onCancel: () => void;
  onRemove: () => void;
}

function pick(e: Event, onFile: (f: File) => void): void {
  const input = e.target as HTMLInputElement;
  const f = input.files?.[0];
  input.value = '';
  if (f) onFile(f);
}

export function importPanel(p: ImportPanelProps): TemplateResult {
  const { lang, state, views } = p;
  const x = (k: ImportTextKey) => importText(lang, k);
  const idle = state.phase === 'idle' || state.phase === 'done';
  return html`<section class="import" part="import" aria-label=${x('title')}>
    <h3>${x('title')}</h3>
    ${
      idle
        ? html`<label><input type="file" class="import-file" accept=".csv,.tsv,.txt,.xlsx,.geojson,.json" @change=${(e: Event) => pick(e, p.onFile)} /><span class="import-button">${x('choose')}</span></label><p><small>${x('hint')}</small></p>`
        : nothing
    }
    ${
      views
        ? views.importBody(p)
        : state.error
          ? html`<p class="import-error" role="alert">${state.error[lang]}</p>`
          : state.phase === 'reading'
            ? html`<p role="status">${state.file} · ${x('reading')}</p>`
            : nothing
    }
  </section>`;
}
