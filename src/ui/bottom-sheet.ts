/**
 * The phone layout's pieces of template (see plan-map/layout-controller.ts): the bottom sheet's
 * handle and the "more" fold that keeps the tools a visitor rarely needs out of the way.
 */
import { html, type TemplateResult } from 'lit';
import type { Lang, LocalizedText } from '../plan/types.js';

export type SheetSize = 'peek' | 'half' | 'full';

const TEXT = {
  handle: { zh: '面板高度', en: 'Panel height' },
  peek: { zh: '收起', en: 'collapsed' },
  half: { zh: '半屏', en: 'half' },
  full: { zh: '全屏', en: 'full' },
  handleHint: {
    zh: '拖动,或按 ↑ ↓ 键调整;回车切换',
    en: 'Drag, or press ↑ ↓ to resize; Enter switches',
  },
  more: {
    zh: '更多:导出、导入、时间轴、筛选、图层',
    en: 'More: export, import, timeline, filters, layers',
  },
} satisfies Record<string, LocalizedText>;

export function sheetText(lang: Lang, key: keyof typeof TEXT): string {
  return TEXT[key][lang];
}

export interface SheetHandleProps {
  lang: Lang;
  size: SheetSize;
  onClick: () => void;
  onKeydown: (e: KeyboardEvent) => void;
  onPointerDown: (e: PointerEvent) => void;
  onPointerMove: (e: PointerEvent) => void;
  onPointerUp: (e: PointerEvent) => void;
}

/** The grab bar at the top of the sheet: a button (tap, Enter, Space) that also takes ↑ ↓ Home End and drags. */
export function sheetHandle(p: SheetHandleProps): TemplateResult {
  const label = `${sheetText(p.lang, 'handle')}: ${sheetText(p.lang, p.size)}`;
  return html`<button
    type="button"
    class="sheet-handle"
    part="sheet-handle"
    data-size=${p.size}
    aria-label=${label}
    aria-describedby="sheet-hint"
    aria-keyshortcuts="ArrowUp ArrowDown Home End"
    @click=${p.onClick}
    @keydown=${p.onKeydown}
    @pointerdown=${p.onPointerDown}
    @pointermove=${p.onPointerMove}
    @pointerup=${p.onPointerUp}
    @pointercancel=${p.onPointerUp}
  ><span class="grip" aria-hidden="true"></span></button>
  <span id="sheet-hint" class="sr-only">${sheetText(p.lang, 'handleHint')}</span>`;
}

/** On a phone, `tools` folded behind one control; elsewhere, `tools` as they are. */
export function moreTools(phone: boolean, lang: Lang, tools: unknown): unknown {
  if (!phone) return tools;
  return html`<details class="more-tools" part="more">
    <summary>${sheetText(lang, 'more')}</summary>
    ${tools}
  </details>`;
}
