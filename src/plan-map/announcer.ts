/**
 * The visually hidden live region's text: selections, filter results and failed exports are
 * announced to screen readers. A repeated message still changes the region's text, so it is
 * read again.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { KIND_LABELS, label, t, tf } from '../i18n/strings.js';
import { itemsOf, nameOf, type PlanModel } from '../plan/model.js';
import type { Lang } from '../plan/types.js';
import type { PlanView } from '../plan/view-filter.js';
import { shownSummary } from '../ui/filters.js';
import { formatCount } from '../ui/progress.js';
import { yearText } from '../ui/timeline.js';
import type { PlanContext } from './context.js';

export class Announcer implements ReactiveController {
  /** The live region's text. */
  text = '';
  readonly #host: ReactiveControllerHost;
  readonly #ctx: PlanContext;
  #flip = false;

  constructor(host: ReactiveControllerHost, ctx: PlanContext) {
    this.#host = host;
    this.#ctx = ctx;
    host.addController(this);
  }

  hostConnected(): void {}

  /**
   * Announces what the user changed of a plan shown: the selection, else the filters or the
   * year (what is shown then).
   */
  changed(what: { selection: boolean; view: boolean }): void {
    const model = this.#ctx.model();
    if (!model || !(what.selection || what.view)) return;
    const view = this.#ctx.view();
    const lang = this.#ctx.lang();
    if (what.selection) {
      this.announce(selectionAnnouncement(model, view, this.#ctx.selected(), lang));
    } else if (view) {
      this.announce(`${yearText(view.year, lang)} · ${shownSummary(view, lang)}`);
    }
  }

  announce(text: string): void {
    this.#flip = !this.#flip;
    this.text = this.#flip ? text : `${text}\u00a0`;
    this.#host.requestUpdate();
  }
}

/** "Selected: 英歌石科学城 (zone) · 12 items", or "Selection cleared". */
export function selectionAnnouncement(
  model: PlanModel,
  view: PlanView | null,
  id: string | null,
  lang: Lang,
): string {
  const f = id ? model.byId.get(id) : undefined;
  if (!f) return t(lang, 'announceCleared');
  const kind = label(KIND_LABELS, f.properties.kind, lang);
  const n =
    f.properties.kind === 'corridor-node'
      ? itemsOf(model, f.properties.id).filter((i) => view?.status.has(i.properties.id)).length
      : view?.rollup.get(f.properties.id)?.total;
  const count = n === undefined ? '' : ` · ${tf(lang, 'itemCount', { n: formatCount(n, lang) })}`;
  return `${tf(lang, 'announceSelected', { name: nameOf(f, lang), kind })}${count}`;
}
