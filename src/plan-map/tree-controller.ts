/**
 * The tree of zones and their items (WAI-ARIA tree, roving tab stop): which rows are expanded,
 * which row holds the tab stop, how many pages of each long level are listed. A focused row
 * previews its feature on the map; activating it selects it.
 */
import type { ReactiveController, ReactiveControllerHost, TemplateResult } from 'lit';
import { planTree, type TreeNode, visibleTreeNodes } from '../ui/plan-tree.js';
import type { PlanContext } from './context.js';

export interface TreeOptions extends PlanContext {
  /** The element's shadow root, where the tree's rows are. */
  root(): ParentNode & { activeElement: Element | null };
  /** Select a row's feature and fly to it. */
  select(id: string): void;
  /** Preview a feature on the map (a focused row), or none. */
  preview(id: string | null): void;
}

export class TreeController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #opts: TreeOptions;
  #expanded: ReadonlySet<string> = new Set();
  /** The row holding the tab stop, by path. */
  #focus: string | null = null;
  #focusMoved = false;
  /** Pages listed per level, by the "more" row's key. */
  #pages: ReadonlyMap<string, number> = new Map();

  constructor(host: ReactiveControllerHost, opts: TreeOptions) {
    this.#host = host;
    this.#opts = opts;
    host.addController(this);
  }

  hostConnected(): void {}

  /** After a keyboard move, the row with the tab stop takes the focus. */
  hostUpdated(): void {
    if (!this.#focusMoved) return;
    this.#focusMoved = false;
    const path = this.#focus;
    const root = this.#opts.root();
    const tree = root.querySelector('[role="tree"]');
    const active = root.activeElement;
    if (!path || !tree || !active || !tree.contains(active)) return; // the focus is elsewhere
    const row = [...tree.querySelectorAll<HTMLElement>('[role="treeitem"]')].find(
      (r) => r.dataset.path === path,
    );
    if (row && row !== active) row.focus();
  }

  /** A new plan lists the first page of every level again. */
  reset(): void {
    this.#pages = new Map();
  }

  render(): TemplateResult | null {
    const model = this.#opts.model();
    const view = this.#opts.view();
    if (!model || !view) return null;
    const lang = this.#opts.lang();
    return planTree({
      lang,
      nodes: visibleTreeNodes(model, view, lang, this.#expanded, this.#pages),
      selected: this.#opts.selected(),
      focusPath: this.#focus,
      actions: {
        focus: (path) => this.#setFocus(path),
        expand: (path, open) => this.#expand(path, open),
        activate: (node) => this.#activate(node),
        preview: (id) => this.#opts.preview(id),
      },
    });
  }

  #setFocus(path: string): void {
    if (this.#focus === path) return;
    this.#focus = path;
    this.#focusMoved = true;
    this.#host.requestUpdate();
  }

  #expand(path: string, open: boolean): void {
    const next = new Set(this.#expanded);
    if (open) next.add(path);
    else next.delete(path);
    this.#expanded = next;
    this.#host.requestUpdate();
  }

  #activate(node: TreeNode): void {
    if (node.more > 0 && node.pageKey) {
      // A "more" row lists the next page of its level; the focus stays on the same position.
      const pages = new Map(this.#pages);
      pages.set(node.pageKey, (pages.get(node.pageKey) ?? 1) + 1);
      this.#pages = pages;
      this.#host.requestUpdate();
      return;
    }
    this.#setFocus(node.path);
    if (node.expandable && !node.expanded) this.#expand(node.path, true);
    this.#opts.select(node.id);
  }
}
