/**
 * The element's phone layout (README › On a phone): under {@link PHONE_MAX_WIDTH_PX} of its
 * own width — whatever the page's — the map fills the element and the panel becomes a bottom
 * sheet with three heights, moved by dragging its handle (touch, pen, mouse) or from the
 * keyboard. The sheet never hides the selection: a selection made by the user is fitted into
 * the map area above the sheet, and a sheet that grows over it moves the map.
 *
 * The CSS of the layout is in plan-map.styles.ts (a container query on the element); this
 * controller holds the state the template and the camera need: phone or not, the sheet's
 * height, and the "back" steps a phone visitor took from a card to one of its items.
 */
import { nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { type Bounds, type Padding, paddingAboveSheet } from '../map/fit.js';
import type { Lang } from '../plan/types.js';
import { type SheetSize, sheetHandle } from '../ui/bottom-sheet.js';

/** The element is laid out for a phone below this width (CSS pixels), as the container query says. */
export const PHONE_MAX_WIDTH_PX = 600;

/** The sheet's heights, smallest first. */
export const SHEET_SIZES: readonly SheetSize[] = ['peek', 'half', 'full'];

/** Share of the element's height the half sheet takes. */
const HALF_SHARE = 0.55;
/** The full sheet leaves this share of the map visible (within the px limits below). */
const FULL_GAP_SHARE = 0.2;
const FULL_GAP_MIN_PX = 120;
const FULL_GAP_MAX_PX = 200;
/** The peek sheet is never smaller than the handle plus a line of text. */
const PEEK_MIN_PX = 72;
/** A pointer that moved less than this is a tap on the handle, not a drag. */
const DRAG_SLOP_PX = 6;
/** Margin between a fitted shape and the edges of the visible map area. */
const FIT_MARGIN_PX = 16;

/** The `history.state` key under which a phone's back steps are kept. */
const HISTORY_KEY = 'plan-map:selected';

export interface LayoutHooks {
  /** The bounds of a feature, or null (not drawn, no geometry). */
  boundsOf(id: string): Bounds | null;
  /** The selected feature id, or null. */
  selected(): string | null;
  /** Fit `bounds` with `padding` now (animated); nothing when there is no map. */
  fit(bounds: Bounds, padding: Padding): void;
  /** Fit `bounds` with `padding` only if it is not already inside that area. */
  keepInView(bounds: Bounds, padding: Padding): void;
  /** Select `id` as the user would (the back step): event, card, fly. */
  select(id: string | null): void;
}

type Host = ReactiveControllerHost & HTMLElement & { renderRoot: HTMLElement | DocumentFragment };

export class LayoutController implements ReactiveController {
  /** Whether the element is laid out for a phone. */
  phone = false;
  /** The sheet's height when in phone layout. */
  sheet: SheetSize = 'peek';

  #host: Host;
  #hooks: LayoutHooks;
  #width = 0;
  #height = 0;
  #peekPx = 132;
  #observer: ResizeObserver | null = null;
  /** The selection seen at the last update, to open the sheet when a selection appears. */
  #lastSelected: string | null = null;
  /** A drag in progress: where it started and the height it has reached. */
  #drag: { pointerId: number; startY: number; startPx: number; px: number; moved: boolean } | null =
    null;
  /** The click that ends a drag is not a tap on the handle. */
  #swallowClick = false;
  /** Selections left for an item chosen in a card, each with a history entry (phone only). */
  #back: string[] = [];
  /** The height shown on the frame (px) while no drag is running. */
  #appliedPx: number | null = null;

  constructor(host: Host, hooks: LayoutHooks) {
    this.#host = host;
    this.#hooks = hooks;
    host.addController(this);
  }

  hostConnected(): void {
    this.#observer = new ResizeObserver((entries) => {
      const box = entries[entries.length - 1]?.contentRect;
      if (box) this.#measure(box.width, box.height);
    });
    this.#observer.observe(this.#host);
    // Known before the first render, so the first map is created for the right layout.
    const r = this.#host.getBoundingClientRect();
    this.#measure(r.width, r.height);
    window.addEventListener('popstate', this.#onPopState);
  }

  hostDisconnected(): void {
    this.#observer?.disconnect();
    this.#observer = null;
    window.removeEventListener('popstate', this.#onPopState);
    this.#drag = null;
    this.#back = [];
  }

  hostUpdate(): void {
    // A selection that appears (a tap, the page, a shared link) opens the sheet to show its card.
    const selected = this.#hooks.selected();
    if (selected !== this.#lastSelected) {
      this.#lastSelected = selected;
      if (selected && this.phone && this.sheet === 'peek') this.sheet = 'half';
    }
  }

  hostUpdated(): void {
    this.#measurePeek();
    this.#apply();
    if (this.#scrollToCard) {
      this.#scrollToCard = false;
      // The card sits under the title and the search box: from the list, scroll back up to it.
      const panel = this.#host.renderRoot.querySelector<HTMLElement>('.panel');
      if (panel) panel.scrollTop = 0;
    }
  }

  /** A selection by the user: the next update shows the sheet's top, where the card is. */
  #scrollToCard = false;

  #measure(width: number, height: number): void {
    if (width === 0 && height === 0) return; // hidden: keep the last layout
    const phone = width < PHONE_MAX_WIDTH_PX;
    const changed = phone !== this.phone || height !== this.#height;
    this.#width = width;
    this.#height = height;
    if (phone !== this.phone) {
      this.phone = phone;
      // Turned into a phone with a selection (a link read before the first layout): show its card.
      if (phone && this.#hooks.selected() && this.sheet === 'peek') this.sheet = 'half';
      this.#host.requestUpdate();
    } else if (changed) this.#apply();
  }

  /** Peek: the handle, the title and the search box, as laid out now. */
  #measurePeek(): void {
    if (!this.phone) return;
    const root = this.#host.renderRoot;
    const panel = root.querySelector<HTMLElement>('.panel');
    const last =
      root.querySelector<HTMLElement>('.panel .search input') ??
      root.querySelector<HTMLElement>('.panel .title');
    if (!panel || !last) return;
    const bottom =
      last.getBoundingClientRect().bottom - panel.getBoundingClientRect().top + panel.scrollTop;
    const px = Math.max(PEEK_MIN_PX, Math.ceil(bottom + 12));
    if (Math.abs(px - this.#peekPx) > 1) this.#peekPx = px;
  }

  /** The sheet's height in CSS pixels for a size (phone layout). */
  heightOf(size: SheetSize): number {
    const h = this.#height;
    const gap = Math.min(FULL_GAP_MAX_PX, Math.max(FULL_GAP_MIN_PX, h * FULL_GAP_SHARE));
    const full = Math.max(0, Math.round(h - gap));
    const peek = Math.min(this.#peekPx, Math.round(h * 0.45), full);
    if (size === 'peek') return peek;
    if (size === 'full') return full;
    return Math.min(full, Math.max(peek, Math.round(h * HALF_SHARE)));
  }

  /** The sheet's height now (during a drag: where the finger is). */
  get sheetPx(): number {
    return this.#drag ? this.#drag.px : this.heightOf(this.sheet);
  }

  /** Padding for fitting a shape into the visible map area: above the sheet on a phone. */
  padding(): Padding | null {
    if (!this.phone) return null;
    return paddingAboveSheet(
      { width: this.#width, height: this.#height },
      this.heightOf(this.sheet),
      FIT_MARGIN_PX,
    );
  }

  /** The first camera: on a phone, the selection (a shared link) or the plan above the sheet. */
  initialFit(plan: Bounds): { bounds: Bounds; padding: Padding | number } {
    if (!this.phone) return { bounds: plan, padding: 24 };
    const selected = this.#hooks.selected();
    const own = selected ? this.#hooks.boundsOf(selected) : null;
    return { bounds: own ?? plan, padding: this.padding()! };
  }

  /** The sheet height goes on the frame: the sheet, and the map controls riding on it, read it. */
  #apply(): void {
    const frame = this.#host.renderRoot.querySelector<HTMLElement>('.frame');
    if (!frame) return;
    if (!this.phone) {
      frame.style.removeProperty('--_sheet-h');
      this.#appliedPx = null;
      return;
    }
    const px = this.sheetPx;
    if (px === this.#appliedPx) return;
    this.#appliedPx = px;
    // CSSOM, not a style attribute: allowed under a CSP without 'unsafe-inline'.
    frame.style.setProperty('--_sheet-h', `${px}px`);
  }

  /** Set the sheet's height; the selection stays visible above it. */
  setSheet(size: SheetSize): void {
    if (size === this.sheet) return;
    this.sheet = size;
    this.#host.requestUpdate();
    this.#apply();
    this.#keepSelectionVisible();
  }

  #keepSelectionVisible(): void {
    const id = this.#hooks.selected();
    const bounds = id ? this.#hooks.boundsOf(id) : null;
    const padding = this.padding();
    if (bounds && padding) this.#hooks.keepInView(bounds, padding);
  }

  /**
   * A selection the user made on a phone (on the map, in the list, in a card, by search): its
   * card at the top of the half sheet, its shape above the sheet.
   */
  selectedByUser(id: string | null): void {
    if (!this.phone || !id) return;
    this.#lastSelected = id;
    this.#scrollToCard = true;
    this.#host.requestUpdate();
    if (this.sheet !== 'half') {
      this.sheet = 'half';
      this.#apply();
    }
    const bounds = this.#hooks.boundsOf(id);
    const padding = this.padding();
    if (bounds && padding) this.#hooks.fit(bounds, padding);
  }

  /** The bottom sheet's handle, in the phone layout only. */
  renderHandle(lang: Lang) {
    if (!this.phone) return nothing;
    return sheetHandle({
      lang,
      size: this.sheet,
      onClick: this.onHandleClick,
      onKeydown: this.onHandleKeydown,
      onPointerDown: this.onHandlePointerDown,
      onPointerMove: this.onHandlePointerMove,
      onPointerUp: this.onHandlePointerUp,
    });
  }

  /**
   * The user went from the card of `from` to `to` (an item of a zone): on a phone, a history
   * entry, so that the back gesture (or Escape) returns to `from`.
   */
  chosenFromCard(from: string | null, to: string): void {
    if (!this.phone || !from || from === to) return;
    const state = (history.state ?? {}) as Record<string, unknown>;
    history.replaceState({ ...state, [HISTORY_KEY]: from }, '');
    history.pushState({ ...state, [HISTORY_KEY]: to }, '');
    this.#back.push(from);
  }

  /** Escape on a phone after choosing from a card: one step back. False when there is none. */
  back(): boolean {
    if (!this.phone || this.#back.length === 0) return false;
    history.back();
    return true;
  }

  #onPopState = (e: PopStateEvent): void => {
    const id = (e.state as Record<string, unknown> | null)?.[HISTORY_KEY];
    if (typeof id !== 'string' || this.#back.length === 0) return;
    if (this.#back[this.#back.length - 1] === id) this.#back.pop();
    if (id !== this.#hooks.selected()) this.#hooks.select(id);
  };

  /** Keyboard focus moving into the folded sheet (search, tree …) opens it to half height. */
  onPanelFocusIn = (e: FocusEvent): void => {
    if (!this.phone || this.sheet !== 'peek') return;
    const target = e.target as HTMLElement | null;
    if (!target || target.closest('.sheet-handle, .title')) return;
    this.setSheet('half');
  };

  // --- The handle ---

  /** Tap or Enter / Space on the handle: the next height, round. */
  onHandleClick = (): void => {
    if (this.#swallowClick) {
      this.#swallowClick = false;
      return;
    }
    const i = SHEET_SIZES.indexOf(this.sheet);
    this.setSheet(SHEET_SIZES[(i + 1) % SHEET_SIZES.length]!);
  };

  /** ↑ / ↓ one height up or down, Home / End the smallest and the largest. */
  onHandleKeydown = (e: KeyboardEvent): void => {
    const i = SHEET_SIZES.indexOf(this.sheet);
    const last = SHEET_SIZES.length - 1;
    const next =
      e.key === 'ArrowUp'
        ? Math.min(last, i + 1)
        : e.key === 'ArrowDown'
          ? Math.max(0, i - 1)
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? last
              : null;
    if (next === null) return;
    e.preventDefault();
    this.setSheet(SHEET_SIZES[next]!);
  };

  onHandlePointerDown = (e: PointerEvent): void => {
    if (e.button !== 0) return;
    const handle = e.currentTarget as HTMLElement;
    handle.setPointerCapture?.(e.pointerId);
    const px = this.heightOf(this.sheet);
    this.#drag = { pointerId: e.pointerId, startY: e.clientY, startPx: px, px, moved: false };
    this.#swallowClick = false;
  };

  onHandlePointerMove = (e: PointerEvent): void => {
    const drag = this.#drag;
    if (!drag || e.pointerId !== drag.pointerId) return;
    const dy = e.clientY - drag.startY;
    if (!drag.moved && Math.abs(dy) < DRAG_SLOP_PX) return;
    drag.moved = true;
    e.preventDefault();
    const min = this.heightOf('peek');
    const max = this.heightOf('full');
    drag.px = Math.min(max, Math.max(min, drag.startPx - dy));
    this.#apply();
  };

  /** The drag ends at the nearest of the three heights. */
  onHandlePointerUp = (e: PointerEvent): void => {
    const drag = this.#drag;
    if (!drag || e.pointerId !== drag.pointerId) return;
    this.#drag = null;
    if (!drag.moved) {
      this.#apply();
      return;
    }
    // The click a mouse fires right after this pointerup is not a tap on the handle.
    this.#swallowClick = e.type === 'pointerup';
    setTimeout(() => {
      this.#swallowClick = false;
    }, 0);
    const nearest = [...SHEET_SIZES].sort(
      (a, b) => Math.abs(this.heightOf(a) - drag.px) - Math.abs(this.heightOf(b) - drag.px),
    )[0]!;
    if (nearest === this.sheet) {
      this.#apply();
      this.#keepSelectionVisible();
    } else this.setSheet(nearest);
  };
}
