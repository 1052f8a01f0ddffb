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
} from '../i18n/strings.js';
import { itemsOf, nameOf, type PlanItem, type PlanModel } from '../plan/model.js';
import type {
  CorridorProps,
  ItemProps,
  Lang,
  PlanFeature,
  SourceRef,
  ZoneProps,
} from '../plan/types.js';

export interface CardProps {
  model: PlanModel;
  id: string;
  lang: Lang;
  /** The user chose another feature from the card (an item, a parent zone …). */
  onChoose: (id: string) => void;
  onClose: () => void;
}

function sourcesBlock(
  model: PlanModel,
  sources: SourceRef[],
  lang: Lang,
): TemplateResult | typeof nothing {
  if (sources.length === 0) return nothing;
  return html`
    <section part="card-sources">
      <h4>${t(lang, 'source')}</h4>
      ${sources.map((s) => {
        const doc = model.plan.manifest.sources.find((d) => d.id === s.doc);
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

function itemButton(
  model: PlanModel,
  item: PlanItem,
  lang: Lang,
  onChoose: (id: string) => void,
): TemplateResult {
  const m = model.membership.get(item.properties.id);
  const how =
    m?.method === 'nearest' && m.distanceM !== undefined
      ? `${label(METHOD_LABELS, 'nearest', lang)}, ${formatMetres(m.distanceM, lang)}`
      : m
        ? label(METHOD_LABELS, m.method, lang)
        : '';
  return html`<li>
    <button type="button" class="item" part="item" data-id=${item.properties.id} @click=${() => onChoose(item.properties.id)}>
      <span class="item-name">${nameOf(item, lang)}</span>
      <span class="status status-${item.properties.status}">${label(STATUS_LABELS, item.properties.status, lang)}</span>
    </button>
    <small class="attach">${how}</small>
  </li>`;
}

function itemsBlock(
  model: PlanModel,
  items: PlanItem[],
  lang: Lang,
  onChoose: (id: string) => void,
  heading: string,
): TemplateResult {
  if (items.length === 0) {
    return html`<section part="card-items"><h4>${heading}</h4><p class="empty">${t(lang, 'noItems')}</p></section>`;
  }
  const groups = new Map<string, PlanItem[]>();
  for (const item of items)
    groups.set(item.properties.kind, [...(groups.get(item.properties.kind) ?? []), item]);
  return html`<section part="card-items">
    <h4>${heading} (${items.length})</h4>
    ${[...groups].map(
      ([kind, list]) => html`<h5>${label(KIND_LABELS, kind, lang)} (${list.length})</h5>
        <ul class="items">${list.map((i) => itemButton(model, i, lang, onChoose))}</ul>`,
    )}
  </section>`;
}

function zoneBody(
  model: PlanModel,
  f: PlanFeature,
  lang: Lang,
  onChoose: (id: string) => void,
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
    ${p.kind === 'expansion' ? nothing : itemsBlock(model, itemsOf(model, p.id), lang, onChoose, t(lang, 'items'))}
  `;
}

function itemBody(
  model: PlanModel,
  f: PlanFeature,
  lang: Lang,
  onChoose: (id: string) => void,
): TemplateResult {
  const p = f.properties as ItemProps;
  const m = model.membership.get(p.id);
  const zone = m?.zone ? model.byId.get(m.zone) : undefined;
  return html`
    <dl class="facts">
      <dt>${t(lang, 'status')}</dt><dd><span class="status status-${p.status}">${label(STATUS_LABELS, p.status, lang)}</span></dd>
      <dt>${t(lang, 'category')}</dt><dd>${label(CATEGORY_LABELS, p.category, lang)}</dd>
      <dt>${t(lang, 'zone')}</dt>
      <dd>
        ${zone ? html`<button type="button" class="link" @click=${() => onChoose(zone.properties.id)}>${nameOf(zone, lang)}</button>` : '—'}
        ${m ? html`<br /><small class="attach">${label(METHOD_LABELS, m.method, lang)}${m.distanceM ? ` (${formatMetres(m.distanceM, lang)})` : ''}</small>` : nothing}
      </dd>
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
  f: PlanFeature,
  lang: Lang,
  onChoose: (id: string) => void,
): TemplateResult {
  const p = f.properties as CorridorProps;
  if (p.kind !== 'corridor-node') return html``;
  return itemsBlock(model, itemsOf(model, p.id), lang, onChoose, t(lang, 'parks'));
}

export function featureCard({ model, id, lang, onChoose, onClose }: CardProps): TemplateResult {
  const f = model.byId.get(id);
  if (!f) return html``;
  const p = f.properties;
  const summary = lang === 'en' ? p.summary_en : p.summary_zh;
  const kind = p.kind;
  const body =
    kind === 'project' || kind === 'lab' || kind === 'infrastructure'
      ? itemBody(model, f, lang, onChoose)
      : kind === 'corridor-node' || kind === 'industrial-corridor'
        ? nodeBody(model, f, lang, onChoose)
        : zoneBody(model, f, lang, onChoose);
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
