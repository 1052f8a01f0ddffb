/**
 * The import section of the panel: a button (and a drop on the map) to bring a list, the column
 * choices to confirm, then the per-row report and a button removing the import.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { ImportField } from '../import/columns.js';
import type { ImportReport } from '../import/rows.js';
import { DATUMS, type Datum, type Lang } from '../plan/types.js';
import type { ImportState } from '../plan-map/import-controller.js';
import { formatCount } from './progress.js';

const TEXT = {
  zh: {
    title: '导入清单',
    choose: '选择文件…',
    hint: 'CSV(UTF-8 或 GBK)、TSV、Excel(.xlsx)或 GeoJSON;也可将文件拖到地图上。数据只在浏览器中处理,不会上传。',
    reading: '正在读取…',
    applying: '正在加入地图…',
    columns: '确认各列',
    none: '(无)',
    datum: '坐标系',
    confirm: '导入',
    cancel: '取消',
    remove: '移除导入',
    rows: '行',
    placed: '已定位',
    inside: '位于组团内',
    nearest: '就近归属',
    zoneName: '按组团名称归属(未定位)',
    noZone: '未归属任何组团',
    rejected: '未导入',
    problems: '问题',
    row: '行',
    failed: '无法读取该文件',
    preview: '预览',
    imported: '已导入',
  },
  en: {
    title: 'Import a list',
    choose: 'Choose a file…',
    hint: 'CSV (UTF-8 or GBK), TSV, Excel (.xlsx) or GeoJSON; or drop the file on the map. The data stays in the browser: nothing is uploaded.',
    reading: 'Reading…',
    applying: 'Adding to the map…',
    columns: 'Confirm the columns',
    none: '(none)',
    datum: 'Datum',
    confirm: 'Import',
    cancel: 'Cancel',
    remove: 'Remove the import',
    rows: 'rows',
    placed: 'placed',
    inside: 'inside a zone',
    nearest: 'nearest zone',
    zoneName: 'by zone name (not on the map)',
    noZone: 'in no zone',
    rejected: 'rejected',
    problems: 'Problems',
    row: 'row',
    failed: 'The file could not be read',
    preview: 'Preview',
    imported: 'Imported',
  },
} as const;

export type ImportTextKey = keyof (typeof TEXT)['en'];
export function importText(lang: Lang, key: ImportTextKey): string {
  return TEXT[lang][key];
}

const FIELD_LABELS: Record<ImportField, { zh: string; en: string }> = {
  name: { zh: '名称', en: 'Name' },
  nameEn: { zh: '英文名称', en: 'English name' },
  lng: { zh: '经度', en: 'Longitude' },
  lat: { zh: '纬度', en: 'Latitude' },
  zone: { zh: '所属组团', en: 'Zone' },
  status: { zh: '状态', en: 'Status' },
  category: { zh: '类别', en: 'Category' },
  kind: { zh: '种类', en: 'Kind' },
  year: { zh: '年份', en: 'Year' },
};
const FIELDS = Object.keys(FIELD_LABELS) as ImportField[];

const DATUM_LABELS: Record<Datum, { zh: string; en: string }> = {
  WGS84: { zh: 'WGS84(GPS、天地图)', en: 'WGS84 (GPS, Tianditu)' },
  'GCJ-02': { zh: 'GCJ-02(高德、腾讯)', en: 'GCJ-02 (AMap, Tencent)' },
  'BD-09': { zh: 'BD-09(百度)', en: 'BD-09 (Baidu)' },
};

export interface ImportPanelProps {
  lang: Lang;
  state: ImportState;
  onFile: (file: File) => void;
  onColumn: (field: ImportField, header: string | null) => void;
  onDatum: (datum: Datum) => void;
  onConfirm: () => void;
  onCancel: () => void;
  onRemove: () => void;
}

export function importPanel(p: ImportPanelProps): TemplateResult {
  const { lang, state } = p;
  const x = (k: ImportTextKey) => importText(lang, k);
  const picker = html`<label class="import-pick">
      <input
        type="file"
        class="import-file"
        accept=".csv,.tsv,.txt,.xlsx,.geojson,.json,text/csv,application/geo+json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        @change=${(e: Event) => {
          const input = e.target as HTMLInputElement;
          const f = input.files?.[0];
          input.value = '';
          if (f) p.onFile(f);
        }}
      /><span class="import-button" role="button">${x('choose')}</span></label>`;
  let body: TemplateResult | typeof nothing = nothing;
  if (state.phase === 'reading' || state.phase === 'applying') {
    body = html`<p role="status">${state.file} · ${x(state.phase)}</p>`;
  } else if (state.phase === 'mapping' && state.columns) {
    const columns = state.columns;
    body = html`<form class="import-mapping" @submit=${(e: Event) => {
      e.preventDefault();
      p.onConfirm();
    }}>
      <p><strong>${state.file}</strong> · ${x('columns')}</p>
      ${FIELDS.map(
        (f) => html`<label class="import-field" data-field=${f}>
          <span>${FIELD_LABELS[f][lang]}</span>
          <select @change=${(e: Event) => {
            const v = (e.target as HTMLSelectElement).value;
            p.onColumn(f, v === '' ? null : v);
          }}>
            <option value="" ?selected=${columns[f] === null}>${x('none')}</option>
            ${state.headers.map((h) => html`<option value=${h} ?selected=${columns[f] === h}>${h}</option>`)}
          </select>
        </label>`,
      )}
      <label class="import-field" data-field="datum">
        <span>${x('datum')}</span>
        <select @change=${(e: Event) => p.onDatum((e.target as HTMLSelectElement).value as Datum)}>
          ${DATUMS.map((d) => html`<option value=${d} ?selected=${state.datum === d}>${DATUM_LABELS[d][lang]}</option>`)}
        </select>
      </label>
      ${state.report ? reportView(state.report, lang, x('preview')) : nothing}
      <div class="import-actions">
        <button type="submit" class="import-confirm">${x('confirm')}</button>
        <button type="button" class="import-cancel" @click=${p.onCancel}>${x('cancel')}</button>
      </div>
    </form>`;
  } else if (state.phase === 'done' && state.report) {
    body = html`${reportView(state.report, lang, x('imported'))}
      <button type="button" class="import-remove" @click=${p.onRemove}>${x('remove')}</button>`;
  }
  return html`<section class="import" part="import" aria-label=${x('title')}>
    <h3>${x('title')}</h3>
    ${state.phase === 'idle' || state.phase === 'done' ? html`${picker}<p class="import-hint"><small>${x('hint')}</small></p>` : nothing}
    ${state.error ? html`<p class="import-error" role="alert">${x('failed')}: ${state.error}</p>` : nothing}
    ${body}
  </section>`;
}

/** Counts per outcome and the list of problems, each with its row, column and reason. */
function reportView(r: ImportReport, lang: Lang, heading: string): TemplateResult {
  const x = (k: ImportTextKey) => importText(lang, k);
  const n = (v: number) => formatCount(v, lang);
  const counts: [string, ImportTextKey, number][] = [
    ['placed', 'placed', r.counts.placed],
    ['inside', 'inside', r.counts.inside],
    ['nearest', 'nearest', r.counts.nearest],
    ['zone-name', 'zoneName', r.counts.zoneName],
    ['no-zone', 'noZone', r.counts.noZone],
    ['rejected', 'rejected', r.counts.rejected],
  ];
  return html`<div class="import-report" data-file=${r.file}>
    <p><strong>${heading}</strong>: ${r.file} · ${n(r.rows)} ${x('rows')}</p>
    <ul class="import-counts">
      ${counts.map(([k, key, v]) => html`<li data-outcome=${k} data-count=${v}>${x(key)}: <b>${n(v)}</b></li>`)}
    </ul>
    ${
      r.issues.length > 0
        ? html`<details class="import-issues" open>
          <summary>${x('problems')} (${n(r.issues.length)})</summary>
          <ul>${r.issues.map(
            (i) =>
              html`<li class="sev-${i.severity}" data-code=${i.code} data-row=${i.row ?? ''} data-column=${i.column ?? ''}>${lang === 'en' ? i.message_en : i.message_zh}</li>`,
          )}</ul>
        </details>`
        : nothing
    }
  </div>`;
}
