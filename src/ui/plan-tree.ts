/**
 * The plan as a keyboard-navigable tree beside the map — zones → subzones → items, the
 * industrial corridor → nodes → parks — following the WAI-ARIA tree pattern: one tab stop
 * (roving tabindex), ↑ ↓ to move, → to open or enter, ← to close or go up, Home / End, Enter or
 * Space to select, typing a letter to jump. The tree is flat in the DOM (`aria-level`,
 * `aria-setsize`, `aria-posinset`), so each entry's accessible name is its own text. Counts and
 * items follow the filters and the year.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { label, STATUS_LABELS, t, tf } from '../i18n/strings.js';
import { itemsOf, nameOf, type PlanModel } from '../plan/model.js';
import { type ItemStatus, isItemKind, type Lang, type PlanFeature } from '../plan/types.js';
import type { PlanView } from '../plan/view-filter.js';
import { formatCount } from './progress.js';

/**
 * Rows listed per level of the tree (the roots, a zone's subzones and items, a corridor's
 * nodes) before a "more" row; activating it lists the next page. A plan may hold 200,000
 * features: every list is paged, so a render stays proportional to what is shown.
 */
export const TREE_PAGE = 200;
/** @deprecated the old name of {@link TREE_PAGE}. */
export const TREE_MAX_ITEMS = TREE_PAGE;

export interface TreeNode {
  /** Unique in the tree: the ids from the root, joined by `/` (an item may sit in two zones). */
  path: string;
  /** The feature id; for a "more" row, its zone's. */
  id: string;
  level: number;
  parentPath: string | null;
  name: string;
  kind: string;
  /** Items shown in a zone or at a node; null for items and the corridor line. */
  count: number | null;
  status?: ItemStatus;
  /** Rows not yet listed at this level (a "more" row), else 0. */
  more: number;
  /** A "more" row's key in the pages map (see {@link visibleTreeNodes}). */
  pageKey?: string;
  expandable: boolean;
  expanded: boolean;
  setSize: number;
  posInSet: number;
}

interface Child {
  f: PlanFeature;
  more?: number;
}

/** A feature's children in the tree (see the module comment). */
function childrenOf(model: PlanModel, view: PlanView, f: PlanFeature, layerId: string): Child[] {
  const id = f.properties.id;
  const kind = f.properties.kind;
  if (isItemKind(kind)) return [];
  if (kind === 'industrial-corridor') {
    const layer = model.plan.layers.find((l) => l.spec.id === layerId);
    return (layer?.data.features ?? [])
      .filter((n) => n.properties.kind === 'corridor-node')
      .sort(
        (a, b) =>
          ((a.properties as { order?: number }).order ?? 0) -
          ((b.properties as { order?: number }).order ?? 0),
      )
      .map((n) => ({ f: n }));
  }
  const shown = (i: PlanFeature) => view.status.has(i.properties.id);
  const subzones = (model.children.get(id) ?? [])
    .map((c) => model.byId.get(c))
    .filter((c): c is PlanFeature => c !== undefined);
  // Items in a subzone are listed under it, not again under its parent.
  const inSub = new Set(subzones.flatMap((z) => model.itemsByZone.get(z.properties.id) ?? []));
  const out: Child[] = subzones.map((z) => ({ f: z }));
  for (const i of itemsOf(model, id) as PlanFeature[]) {
    if (shown(i) && !inSub.has(i.properties.id)) out.push({ f: i });
  }
  return out;
}

/**
 * Whether a feature has children in the tree, without listing them (a zone of a large plan may
 * hold tens of thousands of items: they are listed only when the zone is opened).
 */
function hasChildren(model: PlanModel, f: PlanFeature, count: number | null): boolean {
  const { id, kind } = f.properties;
  if (isItemKind(kind)) return false;
  if (kind === 'industrial-corridor') return true;
  return (model.children.get(id)?.length ?? 0) > 0 || (count ?? 0) > 0;
}

function countOf(model: PlanModel, view: PlanView, f: PlanFeature): number | null {
  const { id, kind } = f.properties;
  if (isItemKind(kind) || kind === 'industrial-corridor') return null;
  if (kind === 'corridor-node') {
    return itemsOf(model, id).filter((i) => view.status.has(i.properties.id)).length;
  }
  return view.rollup.get(id)?.total ?? 0;
}

/** What building the rows needs, shared by every level. */
interface TreeWalk {
  model: PlanModel;
  view: PlanView;
  lang: Lang;
  expanded: ReadonlySet<string>;
  pages: ReadonlyMap<string, number>;
  out: TreeNode[];
}

/** A row before its place among its siblings is known. */
type RowBase = Omit<TreeNode, 'level' | 'expanded' | 'setSize' | 'posInSet'>;

/** The listed page(s) of a level: its first rows, then a "more" row for the rest. */
function listedPage(all: Child[], pageKey: string, pages: ReadonlyMap<string, number>): Child[] {
  const limit = Math.max(1, pages.get(pageKey) ?? 1) * TREE_PAGE;
  if (all.length <= limit) return all;
  return [...all.slice(0, limit), { f: all[limit]!.f, more: all.length - limit }];
}

/** The row of a "more" entry: its level's next page. */
function moreRow(w: TreeWalk, child: Child, pageKey: string, parentPath: string | null): RowBase {
  const more = child.more!;
  return {
    path: `${pageKey}/+more`,
    id: child.f.properties.id,
    parentPath,
    name: tf(w.lang, 'treeMore', { n: formatCount(more, w.lang) }),
    kind: 'more',
    count: null,
    status: undefined,
    more,
    pageKey,
    expandable: false,
  };
}

/** The row of a feature. */
function featureRow(w: TreeWalk, f: PlanFeature, parentPath: string | null): RowBase {
  const id = f.properties.id;
  const count = countOf(w.model, w.view, f);
  return {
    path: parentPath ? `${parentPath}/${id}` : id,
    id,
    parentPath,
    name: nameOf(f, w.lang),
    kind: f.properties.kind,
    count,
    status: isItemKind(f.properties.kind) ? w.view.status.get(id) : undefined,
    more: 0,
    expandable: hasChildren(w.model, f, count),
  };
}

/** Lists one level's rows, and the rows under each expanded one. */
function visitLevel(
  w: TreeWalk,
  all: Child[],
  level: number,
  parentPath: string | null,
  layerId: string,
): void {
  const pageKey = parentPath ?? `/${layerId}`;
  const children = listedPage(all, pageKey, w.pages);
  children.forEach((child, i) => {
    const row = child.more
      ? moreRow(w, child, pageKey, parentPath)
      : featureRow(w, child.f, parentPath);
    const expanded = row.expandable && w.expanded.has(row.path);
    w.out.push({
      ...row,
      level,
      expanded,
      setSize: children.length,
      posInSet: i + 1,
    });
    if (expanded) {
      visitLevel(w, childrenOf(w.model, w.view, child.f, layerId), level + 1, row.path, layerId);
    }
  });
}

/**
 * The rows a tree shows with these entries expanded, in order. `pages`: how many pages of
 * {@link TREE_PAGE} rows each level lists, by the "more" row's `pageKey` (default 1).
 */
export function visibleTreeNodes(
  model: PlanModel,
  view: PlanView,
  lang: Lang,
  expanded: ReadonlySet<string>,
  pages: ReadonlyMap<string, number> = new Map(),
): TreeNode[] {
  const walk: TreeWalk = { model, view, lang, expanded, pages, out: [] };
  for (const layer of model.plan.layers) {
    if (layer.spec.kind !== 'zones' && layer.spec.kind !== 'corridor') continue;
    const roots = layer.data.features.filter(
      (f) => !(f.properties as { parent?: string }).parent && f.properties.kind !== 'corridor-node',
    );
    visitLevel(
      walk,
      roots.map((f) => ({ f })),
      1,
      null,
      layer.spec.id,
    );
  }
  // The top-level rows form one set across layers.
  const out = walk.out;
  const top = out.filter((n) => n.level === 1);
  top.forEach((n, i) => {
    n.setSize = top.length;
    n.posInSet = i + 1;
  });
  return out;
}

export interface TreeActions {
  /** Move the focus (roving tabindex) to a row. */
  focus: (path: string) => void;
  expand: (path: string, open: boolean) => void;
  /** Select a row's feature (Enter, Space, click). */
  activate: (node: TreeNode) => void;
  /** A row got or lost the focus: preview its feature on the map (null: none). */
  preview: (id: string | null) => void;
}

/** A key's move in the tree: the row to focus by index (clamped), or an action. */
type TreeKey = (
  at: number,
  node: TreeNode,
  nodes: readonly TreeNode[],
  a: TreeActions,
) => number | null;

const TREE_KEYS: Record<string, TreeKey> = {
  ArrowDown: (at) => at + 1,
  ArrowUp: (at) => at - 1,
  Home: () => 0,
  End: (_at, _node, nodes) => nodes.length - 1,
  ArrowRight: (at, node, _nodes, a) => {
    if (node.expandable && !node.expanded) a.expand(node.path, true);
    return node.expanded ? at + 1 : null;
  },
  ArrowLeft: (_at, node, _nodes, a) => {
    if (node.expanded) a.expand(node.path, false);
    else if (node.parentPath) a.focus(node.parentPath);
    return null;
  },
  Enter: (_at, node, _nodes, a) => {
    a.activate(node);
    return null;
  },
  ' ': (_at, node, _nodes, a) => {
    a.activate(node);
    return null;
  },
};

/** Type-ahead: the next row (after `at`, wrapping) whose name starts with `ch`. */
function typeAhead(nodes: readonly TreeNode[], at: number, ch: string): TreeNode | undefined {
  for (let k = 1; k <= nodes.length; k++) {
    const n = nodes[(at + k) % nodes.length]!;
    if (n.name.toLowerCase().startsWith(ch)) return n;
  }
  return undefined;
}

/** The keyboard of the tree pattern, over the visible rows. */
export function onTreeKeydown(
  e: KeyboardEvent,
  nodes: readonly TreeNode[],
  focusPath: string,
  actions: TreeActions,
): void {
  const at = nodes.findIndex((n) => n.path === focusPath);
  const node = nodes[at];
  if (!node) return;
  if (Object.hasOwn(TREE_KEYS, e.key)) {
    const to = TREE_KEYS[e.key]!(at, node, nodes, actions);
    const n = to === null ? undefined : nodes[Math.max(0, Math.min(nodes.length - 1, to))];
    if (n) actions.focus(n.path);
  } else {
    if (e.key.length !== 1 || e.ctrlKey || e.metaKey || e.altKey) return;
    const n = typeAhead(nodes, at, e.key.toLowerCase());
    if (n) actions.focus(n.path);
  }
  if (e.key !== 'Tab') e.preventDefault();
}

export interface TreeProps {
  lang: Lang;
  nodes: readonly TreeNode[];
  selected: string | null;
  focusPath: string | null;
  actions: TreeActions;
}

/** One row: its twisty, its name, and its count (a zone, a node) or status (an item). */
function treeRow(
  n: TreeNode,
  c: { lang: Lang; selected: string | null; tabStop: string | null; actions: TreeActions },
): TemplateResult {
  const { actions } = c;
  return html`<div
    role="treeitem"
    class="treeitem kind-${n.kind}"
    data-id=${n.id}
    data-path=${n.path}
    aria-level=${n.level}
    aria-setsize=${n.setSize}
    aria-posinset=${n.posInSet}
    aria-expanded=${n.expandable ? String(n.expanded) : nothing}
    aria-selected=${n.more === 0 && n.id === c.selected ? 'true' : 'false'}
    tabindex=${n.path === c.tabStop ? 0 : -1}
    @focus=${() => {
      actions.focus(n.path);
      actions.preview(n.more ? null : n.id);
    }}
    @click=${() => actions.activate(n)}
  ><span
      class="twisty"
      aria-hidden="true"
      @click=${(e: Event) => {
        if (!n.expandable) return;
        e.stopPropagation();
        actions.expand(n.path, !n.expanded);
      }}
    >${twisty(n)}</span
    ><span class="ti-name">${n.name}</span>${rowEnd(n, c.lang)}</div>`;
}

function twisty(n: TreeNode): string {
  if (!n.expandable) return '';
  return n.expanded ? '▾' : '▸';
}

function rowEnd(n: TreeNode, lang: Lang): TemplateResult | typeof nothing {
  if (n.count !== null) {
    return html`<span class="ti-count" data-count=${n.count}>${tf(lang, 'itemCount', { n: formatCount(n.count, lang) })}</span>`;
  }
  if (!n.status) return nothing;
  return html`<span class="status status-${n.status}">${label(STATUS_LABELS, n.status, lang)}</span>`;
}

export function planTree({ lang, nodes, selected, focusPath, actions }: TreeProps): TemplateResult {
  const tabStop = nodes.some((n) => n.path === focusPath) ? focusPath : (nodes[0]?.path ?? null);
  const onKeydown = (e: KeyboardEvent) => {
    const row = (e.target as Element).closest?.('[role="treeitem"]');
    if (row) onTreeKeydown(e, nodes, row.getAttribute('data-path') ?? '', actions);
  };
  const onFocusOut = (e: FocusEvent) => {
    const tree = e.currentTarget as Element;
    if (!(e.relatedTarget instanceof Node) || !tree.contains(e.relatedTarget))
      actions.preview(null);
  };
  return html`<nav class="zones" part="zones" aria-label=${t(lang, 'tree')}>
    <h3 id="tree-title">${t(lang, 'tree')}</h3>
    <small class="hint">${t(lang, 'treeHint')}</small>
    <div class="tree" role="tree" aria-labelledby="tree-title" @keydown=${onKeydown} @focusout=${onFocusOut}>
      ${repeat(
        nodes,
        (n) => n.path,
        (n) => treeRow(n, { lang, selected, tabStop, actions }),
      )}
    </div>
  </nav>`;
}
