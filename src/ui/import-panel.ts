/**
 * The import section of the panel: a button (and a drop on the map) to bring a list. The column
 * choices and the per-row report (ui/import-views.ts) come with the import module, fetched on
 * first use, so the element's bundle carries only this.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { ImportField } from '../import/columns.js';
import type { Datum, Lang } from '../plan/types.js';
import type { ImportState } from '../plan-map/import-controller.js';
import type { doneView, mappingView } from './import-views.js';

const TEXT = {
  zh: {
    title: '导入清单',
    choose: '选择文件…',
    hint: 'CSV(UTF-8 或 GBK)、TSV、Excel(.xlsx)或 GeoJSON;也可将文件拖到地图上。数据只在浏览器中处理,不会上传。',
    reading: '正在读取…',
    applying: '正在加入地图…',
    failed: '未导入',
    imported: '已导入',
    zoneName: '按组团名称归属(未定位)',
    row: '行',
  },
  en: {
    title: 'Import a list',
    choose: 'Choose a file…',
    hint: 'CSV (UTF-8 or GBK), TSV, Excel (.xlsx) or GeoJSON; or drop the file on the map. The data stays in the browser: nothing is uploaded.',
    reading: 'Reading…',
    applying: 'Adding to the map…',
    failed: 'Nothing imported',
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
  mappingView: typeof mappingView;
  doneView: typeof doneView;
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

export function importPanel(p: ImportPanelProps): TemplateResult {
  const { lang, state, views } = p;
  const x = (k: ImportTextKey) => importText(lang, k);
  let body: TemplateResult | typeof nothing = nothing;
  if (state.phase === 'reading' || state.phase === 'applying') {
    body = html`<p role="status">${state.file} · ${x(state.phase)}</p>`;
  } else if (state.phase === 'mapping' && state.columns && views) {
    body = views.mappingView(lang, state, p);
  } else if (state.phase === 'done' && state.report && views) {
    body = views.doneView(lang, state.report, p.onRemove);
  }
  const idle = state.phase === 'idle' || state.phase === 'done';
  return html`<section class="import" part="import" aria-label=${x('title')}>
    <h3>${x('title')}</h3>
    ${
      idle
        ? html`<label class="import-pick"><input
            type="file"
            class="import-file"
            accept=".csv,.tsv,.txt,.xlsx,.geojson,.json"
            @change=${(e: Event) => {
              const input = e.target as HTMLInputElement;
              const f = input.files?.[0];
              input.value = '';
              if (f) p.onFile(f);
            }}
          /><span class="import-button">${x('choose')}</span></label>
          <p class="import-hint"><small>${x('hint')}</small></p>`
        : nothing
    }
    ${state.error ? html`<p class="import-error" role="alert">${x('failed')}: ${state.error[lang]}</p>` : nothing}
    ${body}
  </section>`;
}
