/**
 * The import's mapping form and report (see import-panel.ts): fetched with the import module on
 * first use, so the element's bundle carries only the import button.
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import type { ImportField } from '../import/columns.js';
import type { ImportReport } from '../import/rows.js';
import { DATUMS, type Datum, type Lang } from '../plan/types.js';
import type { ImportState } from '../plan-map/import-controller.js';
import type { ImportPanelProps } from './import-panel.js';
import { formatCount } from './progress.js';

/** Styles of these views, adopted into the element's shadow root when they load. */
export const importStyles = css`
  .import-field {
    display: grid;
    grid-template-columns: 6rem 1fr;
    gap: 0.4rem;
    margin: 0.15rem 0;
    font-size: 0.85rem;
  }
  .import-counts {
    margin: 0.2rem 0;
    padding-inline-start: 1.1rem;
    font-size: 0.85rem;
  }
  .import-issues li {
    font-size: 0.8rem;
  }
  .import-issues .sev-error {
    color: #b00020;
  }
`;

const TEXT = {
  zh: {
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
    preview: '预览',
    imported: '已导入',
    reading: '正在读取…',
    applying: '正在加入地图…',
    failed: '未导入',
  },
  en: {
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
    preview: 'Preview',
    imported: 'Imported',
    reading: 'Reading…',
    applying: 'Adding to the map…',
    failed: 'Nothing imported',
  },
} as const;
type Key = keyof (typeof TEXT)['en'];

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

/** The section's body below the file button: progress, the choices, the report, an error. */
export function importBody(p: ImportPanelProps): TemplateResult {
  const { lang, state } = p;
  const x = (k: Key) => TEXT[lang][k];
  let body: TemplateResult | typeof nothing = nothing;
  if (state.phase === 'reading' || state.phase === 'applying') {
    body = html`<p role="status">${state.file} · ${x(state.phase)}</p>`;
  } else if (state.phase === 'mapping' && state.columns) {
    body = mappingView(lang, state, p);
  } else if (state.phase === 'done' && state.report) {
    body = doneView(lang, state.report, p.onRemove);
  }
  return html`${state.error ? html`<p class="import-error" role="alert">${x('failed')}: ${state.error[lang]}</p>` : nothing}${body}`;
}

export interface MappingActions {
  onColumn: (field: ImportField, header: string | null) => void;
  onDatum: (datum: Datum) => void;
  onConfirm: () => void;
  onCancel: () => void;
}

/** The column and datum choices, with what they would give (the report as a preview). */
export function mappingView(lang: Lang, state: ImportState, a: MappingActions): TemplateResult {
  const x = (k: Key) => TEXT[lang][k];
  const columns = state.columns!;
  return html`<form class="import-mapping" @submit=${(e: Event) => {
    e.preventDefault();
    a.onConfirm();
  }}>
    <p><strong>${state.file}</strong> · ${x('columns')}</p>
    ${FIELDS.map(
      (f) => html`<label class="import-field" data-field=${f}>
        <span>${FIELD_LABELS[f][lang]}</span>
        <select @change=${(e: Event) => {
          const v = (e.target as HTMLSelectElement).value;
          a.onColumn(f, v === '' ? null : v);
        }}>
          <option value="" ?selected=${columns[f] === null}>${x('none')}</option>
          ${state.headers.map((h) => html`<option value=${h} ?selected=${columns[f] === h}>${h}</option>`)}
        </select>
      </label>`,
    )}
    <label class="import-field" data-field="datum">
      <span>${x('datum')}</span>
      <select @change=${(e: Event) => a.onDatum((e.target as HTMLSelectElement).value as Datum)}>
        ${DATUMS.map((d) => html`<option value=${d} ?selected=${state.datum === d}>${DATUM_LABELS[d][lang]}</option>`)}
      </select>
    </label>
    ${state.report ? reportView(lang, state.report, x('preview')) : nothing}
    <div class="import-actions">
      <button type="submit" class="import-confirm">${x('confirm')}</button>
      <button type="button" class="import-cancel" @click=${a.onCancel}>${x('cancel')}</button>
    </div>
  </form>`;
}

/** The import's report and the button removing it. */
export function doneView(lang: Lang, report: ImportReport, onRemove: () => void): TemplateResult {
  return html`${reportView(lang, report, TEXT[lang].imported, true)}
    <button type="button" class="import-remove" @click=${onRemove}>${TEXT[lang].remove}</button>`;
}

/** Counts per outcome and the list of problems, each with its row, column and reason. */
function reportView(lang: Lang, r: ImportReport, heading: string, live = false): TemplateResult {
  const x = (k: Key) => TEXT[lang][k];
  const n = (v: number) => formatCount(v, lang);
  const counts: [string, Key, number][] = [
    ['placed', 'placed', r.counts.placed],
    ['inside', 'inside', r.counts.inside],
    ['nearest', 'nearest', r.counts.nearest],
    ['zone-name', 'zoneName', r.counts.zoneName],
    ['no-zone', 'noZone', r.counts.noZone],
    ['rejected', 'rejected', r.counts.rejected],
  ];
  return html`<div class="import-report" data-file=${r.file}>
    <p role=${live ? 'status' : 'none'}><strong>${heading}</strong>: ${r.file} · ${n(r.rows)} ${x('rows')}</p>
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
