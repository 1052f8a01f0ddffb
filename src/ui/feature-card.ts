/**
 * The selection panel: a zone with its area and items, an item with its status and history,
 * or a corridor node with its parks. Every string from data is rendered as text by Lit.
 */
import { html, nothing, type TemplateResult } from 'lit';
import {
  ACCURACY_LABELS,
  CATEGORY_LABELS,
  formatAreaKm2,
  formatMetres,
  KIND_LABELS,
  label,
  METHOD_LABELS,
  STATUS_LABELS,
  t,
  tf,
} from '../i18n/strings.js';
import { itemsOf, nameOf, type PlanItem, type PlanModel } from '../plan/model.js';
import type {
  CorridorProps,
  ItemProps,
  ItemStatus,
  Lang,
  PlanFeature,
  SourceRef,
  ZoneProps,
} from '../plan/types.js';
import type { PlanView } from '../plan/view-filter.js';
import { importText } from './import-panel.js';
import { formatCount } from './progress.js';
import { zoneStats } from './zone-stats.js';

export interface CardProps {
  model: PlanModel;
  /** The filters and year: the card lists and counts the items they show. */
  view: PlanView;
  id: string;
  lang: Lang;
  /** The user chose another feature from the card (an item, a parent zone …). */
  onChoose: (id: string) => void;
  onClose: () => void;
  /** The page shown of a long item list (see {@link PAGED_LIST_MIN_ITEMS}). */
  pager: ItemPager;
}

/** Quotes shown in a card's sources block. */
const MAX_QUOTES = 20;

function sourcesBlock(
  model: PlanModel,
  sources: SourceRef[],
  lang: Lang,
): TemplateResult | typeof nothing {
  if (sources.length === 0) return nothing;
  // A feature may cite thousands of passages: the first few are shown, the rest counted.
  const docs = new Map(model.plan.manifest.sources.map((d) => [d.id, d] as const));
  const shown = sources.slice(0, MAX_QUOTES);
  const more = sources.length - shown.length;
  return html`
    <section part="card-sources">
      <h4>${t(lang, 'source')}</h4>
      ${more > 0 ? html`<p class="more"><small>${tf(lang, 'listShown', { shown: String(shown.length), total: String(sources.length) })}</small></p>` : nothing}
      ${shown.map((s) => {
        const doc = docs.get(s.doc);
        return html`<figure class="quote">
          <blockquote lang="zh">${s.quote}</blockquote>
          <figcaption>${s.doc}${doc ? html` · <cite>${doc.title}</cite> (${doc.date})` : nothing} · ${s.where}</figcaption>
        </figure>`;
      })}
    </section>
  `;
}

function accuracyLine(f: PlanFeature, lang: Lang): TemplateResult {
  const p = f.properties as PlanFeature['properties'] & {
    derivation?: string;
    position_note?: string;
  };
  const how = p.derivation ?? p.position_note;
  return html`<p class="accuracy" part="card-accuracy">
    <strong>${t(lang, 'accuracy')}:</strong>
    ${label(ACCURACY_LABELS, p.accuracy, lang)}${p.accuracy_m ? html` (±${formatMetres(p.accuracy_m, lang)})` : nothing}
    ${how ? html`<br /><small>${how}</small>` : nothing}
  </p>`;
}

/**
 * Zones with more items than this list them a page at a time; smaller ones get the full list
 * grouped by kind. A couple of hundred buttons render in a few milliseconds; tens of thousands
 * would freeze the panel. (Paging rather than a virtual scroller: it keeps every row a plain,
 * focusable button and costs no library in the bundle budget.)
 */
export const PAGED_LIST_MIN_ITEMS = 200;
/** Items per page of a paged list. */
export const ITEM_PAGE_SIZE = 100;

/** Which page of a long item list is shown, and how the user turns it. */
export interface ItemPager {
  page: number;
  onPage: (page: number) => void;
}

/**
 * Shown item lists by view and zone: one array per zone and view, so the virtual list keeps its
 * items until the filters or the year change.
 */
const itemsCache = new WeakMap<PlanView, Map<string, PlanItem[]>>();

function cachedItemsOf(model: PlanModel, view: PlanView, id: string): PlanItem[] {
  let byZone = itemsCache.get(view);
  if (!byZone) {
    byZone = new Map();
    itemsCache.set(view, byZone);
  }
  let items = byZone.get(id);
  if (!items) {
    items = itemsOf(model, id).filter((i) => view.status.has(i.properties.id));
    byZone.set(id, items);
  }
  return items;
}

/** The status an item is shown with: as of the timeline's year, else its own. */
function shownStatus(view: PlanView, item: PlanItem): ItemStatus {
  return view.status.get(item.properties.id) ?? item.properties.status;
}

/** Set on the items of an imported list (src/import/): `located` false when attached by zone name. */
interface ImportedMark {
  imported?: boolean;
  located?: boolean;
  import_file?: string;
  import_sheet?: string;
  import_row?: number;
}
const importedOf = (item: PlanFeature): ImportedMark | null =>
  (item.properties as ImportedMark).imported ? (item.properties as ImportedMark) : null;

function attachNote(model: PlanModel, item: PlanItem, lang: Lang): string {
  const imp = importedOf(item as PlanFeature);
  if (imp && imp.located === false) return importText(lang, 'zoneName');
  const m = model.membership.get(item.properties.id);
  if (m?.method === 'nearest' && m.distanceM !== undefined) {
    return `${label(METHOD_LABELS, 'nearest', lang)}, ${formatMetres(m.distanceM, lang)}`;
  }
  return m ? label(METHOD_LABELS, m.method, lang) : '';
}

function itemButton(
  model: PlanModel,
  view: PlanView,
  item: PlanItem,
  lang: Lang,
  onChoose: (id: string) => void,
): TemplateResult {
  const status = shownStatus(view, item);
  return html`
    <button type="button" class="item" part="item" data-id=${item.properties.id} @click=${() => onChoose(item.properties.id)}>
      <span class="item-name">${nameOf(item, lang)}</span>${
        importedOf(item as PlanFeature)
          ? html`<span class="imported-mark" data-imported>${importText(lang, 'imported')}</span>`
          : nothing
      }
      <span class="status status-${status}">${label(STATUS_LABELS, status, lang)}</span>
    </button>
    <small class="attach">${attachNote(model, item, lang)}</small>`;
}

function groupedItems(
  model: PlanModel,
  view: PlanView,
  items: PlanItem[],
  lang: Lang,
  onChoose: (id: string) => void,
): TemplateResult[] {
  const groups = new Map<string, PlanItem[]>();
  for (const item of items) {
    const list = groups.get(item.properties.kind);
    if (list) list.push(item);
    else groups.set(item.properties.kind, [item]);
  }
  return [...groups].map(
    ([
      kind,
      list,
    ]) => html`<h5>${label(KIND_LABELS, kind, lang)} (${formatCount(list.length, lang)})</h5>
      <ul class="items">${list.map((i) => html`<li>${itemButton(model, view, i, lang, onChoose)}</li>`)}</ul>`,
  );
}

function pagedItems(
  model: PlanModel,
  view: PlanView,
  items: PlanItem[],
  lang: Lang,
  onChoose: (id: string) => void,
  heading: string,
  pager: ItemPager,
): TemplateResult {
  const kinds = new Map<string, number>();
  for (const item of items)
    kinds.set(item.properties.kind, (kinds.get(item.properties.kind) ?? 0) + 1);
  const total = items.length;
  const pages = Math.ceil(total / ITEM_PAGE_SIZE);
  const page = Math.min(Math.max(pager.page, 0), pages - 1);
  const from = page * ITEM_PAGE_SIZE;
  const shown = items.slice(from, from + ITEM_PAGE_SIZE);
  const range = tf(lang, 'itemRange', {
    from: formatCount(from + 1, lang),
    to: formatCount(from + shown.length, lang),
    total: formatCount(total, lang),
  });
  return html`<p class="kinds">${[...kinds]
    .map(([kind, n]) => `${label(KIND_LABELS, kind, lang)} ${formatCount(n, lang)}`)
    .join(' · ')}</p>
    <nav class="pager" aria-label=${heading}>
      <button type="button" class="prev" ?disabled=${page === 0} @click=${() => pager.onPage(page - 1)}>‹ ${t(lang, 'previousPage')}</button>
      <span class="range" aria-live="polite">${range}</span>
      <button type="button" class="next" ?disabled=${page >= pages - 1} @click=${() => pager.onPage(page + 1)}>${t(lang, 'nextPage')} ›</button>
    </nav>
    <ul class="items paged" aria-label=${`${heading}: ${range}`}>${shown.map(
      (item, i) =>
        html`<li aria-setsize=${total} aria-posinset=${from + i + 1}>${itemButton(model, view, item, lang, onChoose)}</li>`,
    )}</ul>`;
}

/**
 * A zone's (or a corridor node's) items under a heading with their count: grouped by kind, or,
 * above {@link PAGED_LIST_MIN_ITEMS}, one list of buttons a page at a time.
 */
function itemsBlock(
  model: PlanModel,
  view: PlanView,
  ownerId: string,
  lang: Lang,
  onChoose: (id: string) => void,
  heading: string,
  pager: ItemPager,
): TemplateResult {
  const items = cachedItemsOf(model, view, ownerId);
  if (items.length === 0) {
    return html`<section part="card-items" data-count="0"><h4>${heading}</h4><p class="empty">${t(lang, 'noItems')}</p></section>`;
  }
  return html`<section part="card-items" data-count=${items.length}>
    <h4>${heading} (${formatCount(items.length, lang)})</h4>
    ${
      items.length > PAGED_LIST_MIN_ITEMS
        ? pagedItems(model, view, items, lang, onChoose, heading, pager)
        : groupedItems(model, view, items, lang, onChoose)
    }
  </section>`;
}

function zoneBody(
  model: PlanModel,
  view: PlanView,
  f: PlanFeature,
  lang: Lang,
  onChoose: (id: string) => void,
  pager: ItemPager,
): TemplateResult {
  const p = f.properties as ZoneProps;
  const area = model.areaKm2.get(p.id);
  const parent = p.parent ? model.byId.get(p.parent) : undefined;
  const kids = (model.children.get(p.id) ?? [])
    .map((id) => model.byId.get(id))
    .filter((x) => x !== undefined);
  return html`
    <p class="area" part="card-area">
      <strong>${t(lang, 'area')}:</strong>
      ${area !== undefined ? html`<span class="area-value">${formatAreaKm2(area, lang)}</span> <small>${t(lang, 'areaNote')}</small>` : t(lang, 'noArea')}
    </p>
    ${parent ? html`<p><strong>${t(lang, 'partOf')}:</strong> <button type="button" class="link" @click=${() => onChoose(parent.properties.id)}>${nameOf(parent, lang)}</button></p>` : nothing}
    ${kids.length > 0 ? html`<p><strong>${t(lang, 'subzones')}:</strong> ${kids.map((k) => html`<button type="button" class="link" @click=${() => onChoose(k.properties.id)}>${nameOf(k, lang)}</button> `)}</p>` : nothing}
    ${p.kind === 'expansion' ? nothing : itemsBlock(model, view, p.id, lang, onChoose, t(lang, 'items'), pager)}
    ${p.kind === 'expansion' ? nothing : largeLayerCounts(model, p.id, lang)}
    ${p.kind === 'expansion' ? nothing : zoneStats(view.rollup.get(p.id), lang)}
  `;
}

/**
 * A zone's items in each large layer: counted by the worker, not listed (their features are
 * not held on the page, and the filters do not reach them).
 */
function largeLayerCounts(model: PlanModel, zoneId: string, lang: Lang) {
  const rows = model.plan.layers.filter((l) => l.large?.summary);
  if (rows.length === 0) return nothing;
  return html`<section part="card-large-layers">
    <h4>${t(lang, 'largeLayers')}</h4>
    <ul>${rows.map((l) => {
      const n = l.large!.summary!.zoneCounts[zoneId] ?? 0;
      return html`<li data-layer=${l.spec.id} data-count=${n}>${l.spec.title[lang]}: ${formatCount(n, lang)}</li>`;
    })}</ul>
    <p class="note">${t(lang, 'largeLayerNote')}</p>
  </section>`;
}

function itemBody(
  model: PlanModel,
  view: PlanView,
  f: PlanFeature,
  lang: Lang,
  onChoose: (id: string) => void,
): TemplateResult {
  const p = f.properties as ItemProps;
  const m = model.membership.get(p.id);
  const zone = m?.zone ? model.byId.get(m.zone) : undefined;
  const status = view.status.get(p.id) ?? p.status;
  return html`
    <dl class="facts">
      <dt>${t(lang, 'status')}</dt><dd><span class="status status-${status}">${label(STATUS_LABELS, status, lang)}</span>${
        view.year !== null
          ? html` <small>(${tf(lang, 'asOfYear', { year: view.year })})</small>`
          : nothing
      }</dd>
      <dt>${t(lang, 'category')}</dt><dd>${label(CATEGORY_LABELS, p.category, lang)}</dd>
      <dt>${t(lang, 'zone')}</dt>
      <dd>
        ${zone ? html`<button type="button" class="link" @click=${() => onChoose(zone.properties.id)}>${nameOf(zone, lang)}</button>` : '—'}
        ${m ? html`<br /><small class="attach">${importedOf(f)?.located === false ? importText(lang, 'zoneName') : label(METHOD_LABELS, m.method, lang)}${m.distanceM ? ` (${formatMetres(m.distanceM, lang)})` : ''}</small>` : nothing}
      </dd>
      ${(() => {
        const imp = importedOf(f);
        return imp
          ? html`<dt>${importText(lang, 'imported')}</dt><dd class="imported-from">${imp.import_file}${imp.import_sheet ? ` · ${imp.import_sheet}` : ''} · ${importText(lang, 'row')} ${imp.import_row}</dd>`
          : nothing;
      })()}
    </dl>
    ${
      p.history && p.history.length > 0
        ? html`<section part="card-history"><h4>${t(lang, 'history')}</h4>
          <ol class="history">${[...p.history].sort((a, b) => a.year - b.year).map((h) => html`<li><b>${h.year}</b> ${label(STATUS_LABELS, h.status, lang)} <small>${h.source}</small></li>`)}</ol></section>`
        : nothing
    }
  `;
}

function nodeBody(
  model: PlanModel,
  view: PlanView,
  f: PlanFeature,
  lang: Lang,
  onChoose: (id: string) => void,
  pager: ItemPager,
): TemplateResult {
  const p = f.properties as CorridorProps;
  if (p.kind !== 'corridor-node') return html``;
  return itemsBlock(model, view, p.id, lang, onChoose, t(lang, 'parks'), pager);
}

export function featureCard({
  model,
  view,
  id,
  lang,
  onChoose,
  onClose,
  pager,
}: CardProps): TemplateResult {
  const f = model.byId.get(id);
  if (!f) return html``;
  const p = f.properties;
  const summary = lang === 'en' ? p.summary_en : p.summary_zh;
  const kind = p.kind;
  const body =
    kind === 'project' || kind === 'lab' || kind === 'infrastructure'
      ? itemBody(model, view, f, lang, onChoose)
      : kind === 'corridor-node' || kind === 'industrial-corridor'
        ? nodeBody(model, view, f, lang, onChoose, pager)
        : zoneBody(model, view, f, lang, onChoose, pager);
  return html`
    <article class="card" part="card" aria-labelledby="card-title" data-id=${id}>
      <header>
        <p class="kind" part="card-kind">${label(KIND_LABELS, kind, lang)}</p>
        <h3 id="card-title" part="card-title">${nameOf(f, lang)}</h3>
        <button type="button" class="close" part="close" aria-label=${t(lang, 'close')} @click=${onClose}>×</button>
      </header>
      ${summary ? html`<p class="role" part="card-role"><strong>${t(lang, 'role')}:</strong> ${summary}</p>` : nothing}
      ${body}
      ${accuracyLine(f, lang)}
      ${sourcesBlock(model, p.sources, lang)}
    </article>
  `;
}
