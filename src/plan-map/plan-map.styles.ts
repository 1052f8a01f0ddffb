import { css } from 'lit';

export const styles = css`
  :host {
    /* Inherited page styles (font, colour, alignment, spacing …) stop at the element. */
    all: initial;
    display: block;
    position: relative;
    contain: layout size;
    width: 100%;
    height: var(--plan-map-height, 32rem);
    font-family: var(--plan-map-font, system-ui, 'Noto Sans CJK SC', 'Noto Sans SC', sans-serif);
    font-size: 14px;
    line-height: 1.45;
    color: var(--plan-map-text, #1d1d1f);
    --_accent: var(--plan-map-accent, #2b7bb9);
    --_text-secondary: var(--plan-map-text-secondary, #555);
    --_panel-width: var(--plan-map-panel-width, 20rem);
    /* The phone layout below follows the element's own width, whatever the page's. */
    container: plan-map / inline-size;
  }
  :host([hidden]),
  [hidden] {
    display: none !important;
  }
  :host([panel='end']) .frame {
    grid-template-columns: 1fr var(--_panel-width);
  }
  :host([panel='end']) .panel {
    order: 2;
    border-inline-end: none;
    border-inline-start: 1px solid #ddd;
  }
  :host([panel='none']) .frame {
    grid-template-columns: 1fr;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  .frame {
    display: grid;
    grid-template-columns: var(--_panel-width) 1fr;
    width: 100%;
    height: 100%;
  }
  .panel {
    overflow-y: auto;
    background: var(--plan-map-panel-background, #fbfaf7);
    border-inline-end: 1px solid #ddd;
    padding: 0.75rem;
  }
  .map-wrap {
    position: relative;
    min-width: 0;
    /* What sits on the map (attribution, overlays) has light backgrounds whatever the theme. */
    color: #1d1d1f;
  }
  .map {
    position: absolute;
    inset: 0;
  }
  .title {
    display: flex;
    align-items: flex-start;
    gap: 0.5rem;
  }
  .title h2 {
    font-size: 1rem;
    margin: 0 0 0.5rem;
    flex: 1;
  }
  button {
    font: inherit;
    cursor: pointer;
  }
  button:focus-visible,
  input:focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  summary:focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
    border-radius: 2px;
  }
  /* The map clips its overflow: the canvas's ring is drawn inside its edge. */
  .map .maplibregl-canvas:focus-visible {
    outline: 3px solid var(--_accent);
    outline-offset: -3px;
  }
  .lang {
    border: 1px solid #bbb;
    background: #fff;
    color: #1d1d1f;
    border-radius: 4px;
    padding: 0.1rem 0.5rem;
  }
  fieldset.layers {
    border: 1px solid #ddd;
    border-radius: 6px;
    margin: 0.75rem 0;
    padding: 0.25rem 0.5rem 0.5rem;
  }
  fieldset.layers legend {
    font-weight: 600;
    padding: 0 0.25rem;
  }
  .layer {
    display: flex;
    align-items: center;
    gap: 0.4rem;
    padding: 0.15rem 0;
  }
  .swatch {
    flex: none;
  }
  .zones h3,
  .card h4 {
    margin: 0.75rem 0 0.25rem;
    font-size: 0.9rem;
  }
  ul.items {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  button.item {
    display: flex;
    width: 100%;
    justify-content: space-between;
    gap: 0.5rem;
    text-align: start;
    border: none;
    background: none;
    padding: 0.2rem 0.3rem;
    border-radius: 4px;
    color: inherit;
  }
  button.item:hover {
    background: #e8eef5;
    color: #1d1d1f;
  }
  button.link {
    border: none;
    background: none;
    padding: 0;
    color: var(--_accent);
    text-decoration: underline;
  }
  .card {
    position: relative;
    background: var(--plan-map-card-background, #fff);
    border: 1px solid #ddd;
    border-radius: 8px;
    padding: 0.75rem;
    margin: 0.5rem 0;
  }
  .card header h3 {
    margin: 0;
    font-size: 1.05rem;
    padding-inline-end: 1.5rem;
  }
  .card .kind {
    margin: 0;
    opacity: 0.7;
    font-size: 0.8rem;
  }
  .card .close {
    position: absolute;
    inset-block-start: 0.4rem;
    inset-inline-end: 0.4rem;
    border: none;
    background: none;
    font-size: 1.3rem;
    line-height: 1;
  }
  .card h5 {
    margin: 0.5rem 0 0.15rem;
    font-size: 0.85rem;
    opacity: 0.8;
  }
  .area-value {
    font-weight: 700;
  }
  .status {
    flex: none;
    align-self: flex-start;
    white-space: nowrap;
    color: #1d1d1f;
    font-size: 0.75rem;
    border-radius: 999px;
    padding: 0 0.45rem;
    background: #eee;
  }
  .status-completed,
  .status-operating {
    background: #dff0d8;
  }
  .status-under-construction,
  .status-land-supplied,
  .status-signed {
    background: #fcf0d2;
  }
  .attach {
    opacity: 0.7;
    padding-inline-start: 0.3rem;
  }
  .quote {
    margin: 0.25rem 0;
  }
  .quote blockquote {
    margin: 0;
    padding-inline-start: 0.5rem;
    border-inline-start: 3px solid #ccc;
  }
  .quote figcaption {
    font-size: 0.75rem;
    opacity: 0.7;
  }
  dl.facts {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 0.2rem 0.6rem;
    margin: 0.5rem 0;
  }
  dl.facts dt {
    font-weight: 600;
  }
  dl.facts dd {
    margin: 0;
  }
  ol.history {
    margin: 0;
    padding-inline-start: 1.2rem;
  }
  .empty {
    opacity: 0.7;
    font-style: italic;
  }
  details.unlocated,
  details.issues {
    margin: 0.75rem 0;
  }
  details summary {
    font-weight: 600;
    cursor: pointer;
  }
  details ul {
    margin: 0.25rem 0 0;
    padding-inline-start: 1rem;
  }
  details li small {
    display: block;
    opacity: 0.7;
  }
  .issues .issue-error b {
    color: #b71c1c;
  }
  .overlay {
    position: absolute;
    inset: auto 1rem 1rem auto;
    z-index: 2;
    background: rgba(255, 255, 255, 0.95);
    border: 1px solid #ccc;
    border-radius: 6px;
    padding: 0.5rem 0.75rem;
  }
  .overlay.progress progress {
    display: block;
    width: 100%;
    margin-top: 0.25rem;
  }
  .card .kinds {
    margin: 0 0 0.25rem;
    font-size: 0.8rem;
    color: var(--_text-secondary);
  }
  .pager {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem;
    margin: 0.25rem 0;
    font-size: 0.85rem;
  }
  .overlay.error {
    inset: 1rem;
    margin: auto;
    height: fit-content;
    max-width: 32rem;
    border-color: #c62828;
  }
  /* Read by screen readers, not shown. */
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
    border: 0;
  }
  small.hint,
  small.note {
    display: block;
    font-size: 0.75rem;
    color: var(--_text-secondary);
  }
  .count {
    margin-inline-start: auto;
    font-size: 0.75rem;
    color: var(--_text-secondary);
    font-variant-numeric: tabular-nums;
  }
  /* Search (ui/search-box.ts). */
  .search {
    position: relative;
    margin: 0.25rem 0 0.5rem;
  }
  .search-label {
    display: block;
    font-weight: 600;
    font-size: 0.85rem;
    margin-bottom: 0.15rem;
  }
  .search input {
    width: 100%;
    font: inherit;
    padding: 0.3rem 0.45rem;
    border: 1px solid #aaa;
    border-radius: 4px;
    background: #fff;
    color: #1d1d1f;
  }
  .search input:focus-visible,
  select:focus-visible,
  .treeitem:focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 1px;
  }
  /* Light highlights and the results list keep dark text whatever the theme's colours. */
  #search-results,
  .treeitem:hover,
  .treeitem[aria-selected='true'] {
    color: #1d1d1f;
    --_text-secondary: #555;
  }
  #search-results {
    list-style: none;
    margin: 0.15rem 0 0;
    padding: 0.15rem;
    border: 1px solid #ccc;
    border-radius: 4px;
    background: #fff;
    max-height: 16rem;
    overflow-y: auto;
  }
  .search-option {
    display: flex;
    justify-content: space-between;
    gap: 0.5rem;
    padding: 0.2rem 0.35rem;
    border-radius: 3px;
    cursor: pointer;
  }
  .search-option small {
    color: var(--_text-secondary);
    white-space: nowrap;
  }
  .search-option:hover,
  .search-option[aria-selected='true'] {
    background: #e8eef5;
    outline: 1px solid var(--_accent);
  }
  .search-status {
    display: block;
    font-size: 0.75rem;
    color: var(--_text-secondary);
    min-height: 1em;
  }
  /* Timeline, filters, status key. */
  fieldset.timeline,
  details.filters,
  fieldset.filter-group {
    border: 1px solid #ddd;
    border-radius: 6px;
    margin: 0.75rem 0;
    padding: 0.25rem 0.5rem 0.5rem;
  }
  fieldset.timeline legend,
  fieldset.filter-group legend {
    font-weight: 600;
    padding: 0 0.25rem;
  }
  .timeline-row {
    display: flex;
    align-items: center;
    gap: 0.5rem;
  }
  .timeline input[type='range'] {
    flex: 1;
    min-width: 0;
    accent-color: var(--_accent);
  }
  .timeline .year-text {
    min-width: 5.5rem;
    font-variant-numeric: tabular-nums;
    font-weight: 600;
  }
  .timeline .ticks {
    justify-content: space-between;
    font-size: 0.7rem;
    color: var(--_text-secondary);
    padding-inline-end: 6rem;
  }
  .timeline button,
  .export button {
    border: 1px solid #bbb;
    background: #fff;
    color: #1d1d1f;
    border-radius: 4px;
    padding: 0.1rem 0.55rem;
    margin-top: 0.25rem;
  }
  .timeline button[aria-pressed='true'] {
    background: #e8eef5;
    border-color: var(--_accent);
  }
  button:disabled {
    opacity: 0.55;
    cursor: default;
  }
  details.filters summary .summary-count {
    font-weight: 400;
    font-size: 0.8rem;
    color: var(--_text-secondary);
  }
  fieldset.filter-group {
    margin: 0.4rem 0;
  }
  .filter-option {
    display: flex;
    align-items: center;
    gap: 0.35rem;
    padding: 0.05rem 0;
  }
  .glyph {
    flex: none;
  }
  .status-key {
    margin: -0.25rem 0 0.75rem;
    font-size: 0.8rem;
  }
  .status-key .key-title {
    margin: 0;
    font-weight: 600;
  }
  .status-key ul {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .status-key li {
    display: flex;
    align-items: center;
    gap: 0.35rem;
  }
  /* The tree (ui/plan-tree.ts). */
  .tree {
    margin-top: 0.25rem;
  }
  .treeitem {
    display: flex;
    align-items: baseline;
    gap: 0.3rem;
    padding: 0.15rem 0.3rem;
    border-radius: 4px;
    cursor: pointer;
  }
  .treeitem:hover {
    background: #f0f3f7;
  }
  .treeitem[aria-selected='true'] {
    background: #e8eef5;
    font-weight: 600;
  }
  .treeitem[aria-level='2'] {
    padding-inline-start: 1.3rem;
  }
  .treeitem[aria-level='3'] {
    padding-inline-start: 2.3rem;
  }
  .treeitem[aria-level='4'] {
    padding-inline-start: 3.3rem;
  }
  .treeitem .twisty {
    flex: none;
    width: 0.9rem;
    text-align: center;
  }
  .treeitem .ti-name {
    flex: 1;
  }
  .treeitem .ti-count {
    font-size: 0.75rem;
    color: var(--_text-secondary);
    white-space: nowrap;
  }
  .treeitem.kind-more {
    font-style: italic;
    color: var(--_text-secondary);
  }
  /* Zone statistics (ui/zone-stats.ts). */
  .stats figure {
    margin: 0.25rem 0 0.5rem;
  }
  .stats figcaption {
    font-size: 0.8rem;
    font-weight: 600;
  }
  .stats svg {
    display: block;
    overflow: visible;
  }
  .stats .density {
    margin: 0.25rem 0;
    font-size: 0.85rem;
  }
  .stats table {
    border-collapse: collapse;
    margin: 0.25rem 0 0.5rem;
    font-size: 0.8rem;
    width: 100%;
  }
  .stats caption {
    text-align: start;
    font-weight: 600;
  }
  .stats th,
  .stats td {
    border-bottom: 1px solid #eee;
    padding: 0.1rem 0.3rem;
    text-align: start;
  }
  .stats td {
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
  /* Export (ui/export-bar.ts). */
  .export h3 {
    margin: 0.75rem 0 0.1rem;
    font-size: 0.9rem;
  }
  .export-scope {
    margin: 0;
    font-size: 0.8rem;
    color: var(--_text-secondary);
  }
  .export-buttons {
    display: flex;
    flex-wrap: wrap;
    gap: 0.35rem;
  }
  /* Import (ui/import-panel.ts; the mapping and report styles come with ui/import-views.ts). */
  .import-file {
    position: absolute;
    width: 1px;
    height: 1px;
    opacity: 0;
  }
  .import-button {
    display: inline-block;
    padding: 0.2rem 0.6rem;
    border: 1px solid #bbb;
    border-radius: 4px;
    background: #fff;
    color: #1d1d1f;
    cursor: pointer;
  }
  .import-file:focus-visible + .import-button {
    outline: 2px solid var(--_accent);
  }
  .imported-mark {
    margin-inline-start: 0.3rem;
    padding: 0 0.25rem;
    border: 1px solid #e8590c;
    border-radius: 3px;
    font-size: 0.7rem;
  }
  /* The phone layout (plan-map/layout-controller.ts holds its state; 600 px is its
     PHONE_MAX_WIDTH_PX): the map fills the element, the panel is a bottom sheet whose height
     (--_sheet-h) the controller sets on the frame. Tap targets 44 × 44 px, text 12 px or more. */
  .sheet-handle,
  .more-tools {
    display: none;
  }
  @container plan-map (max-width: 599.98px) {
    .frame {
      display: block;
      position: relative;
      overflow: hidden;
      --_sheet-h: 8.5rem;
    }
    .map-wrap {
      position: absolute;
      inset: 0;
    }
    .panel {
      position: absolute;
      z-index: 3;
      inset-inline: 0;
      inset-block-end: 0;
      height: var(--_sheet-h);
      max-height: 100%;
      padding: 0 0.75rem 0.75rem;
      border: none;
      border-radius: 14px 14px 0 0;
      box-shadow: 0 -2px 12px rgba(0, 0, 0, 0.25);
      overscroll-behavior: contain;
      font-size: 15px;
    }
    .panel[data-sheet='peek'] {
      overflow: hidden;
    }
    .sheet-handle {
      display: flex;
      position: sticky;
      inset-block-start: 0;
      z-index: 1;
      align-items: center;
      justify-content: center;
      width: calc(100% + 1.5rem);
      min-height: 44px;
      margin: 0 -0.75rem;
      padding: 0;
      border: none;
      border-radius: 14px 14px 0 0;
      background: var(--plan-map-panel-background, #fbfaf7);
      touch-action: none;
      cursor: grab;
    }
    .sheet-handle .grip {
      width: 40px;
      height: 5px;
      border-radius: 3px;
      background: #8a8a8a;
    }
    .title h2 {
      font-size: 16px;
      white-space: nowrap;
      overflow: hidden;
      text-overflow: ellipsis;
      margin: 0;
      align-self: center;
    }
    .more-tools {
      display: block;
      margin: 0.5rem 0;
    }
    .more-tools > summary {
      display: flex;
      align-items: center;
      min-height: 44px;
    }
    /* Map controls and overlays ride on the sheet. */
    .map .maplibregl-ctrl-bottom-right,
    .map .maplibregl-ctrl-bottom-left {
      bottom: var(--_sheet-h);
    }
    .overlay {
      inset-block-end: calc(var(--_sheet-h) + 0.5rem);
    }
    .map .maplibregl-ctrl-group button {
      width: 44px;
      height: 44px;
    }
    .map .maplibregl-ctrl-scale {
      font-size: 12px;
    }
    .map .maplibregl-ctrl-attrib.maplibregl-compact {
      min-height: 40px;
      padding-inline-end: 44px;
      font-size: 12px;
    }
    .map .maplibregl-ctrl-attrib-button {
      width: 44px;
      height: 44px;
      border-radius: 22px;
      background-position: center;
      background-repeat: no-repeat;
    }
    .map .maplibregl-ctrl-attrib.maplibregl-compact::after {
      display: none;
    }
    /* Tap targets. */
    button,
    .import-button,
    summary,
    .treeitem,
    .search-option,
    .layer,
    .filter-option {
      min-height: 44px;
    }
    button.lang,
    .card .close {
      min-width: 44px;
    }
    .layer,
    .filter-option,
    .treeitem,
    .search-option,
    summary,
    button.item {
      align-items: center;
    }
    .panel details summary {
      display: flex;
      align-items: center;
      gap: 0.35rem;
      list-style: none;
    }
    .panel details > summary::before {
      content: '▸';
      flex: none;
    }
    .panel details[open] > summary::before {
      content: '▾';
    }
    .panel details > summary::-webkit-details-marker {
      display: none;
    }
    /* A zone's card: what a visitor came for (area, items) first, in the half sheet. */
    .card {
      display: flex;
      flex-direction: column;
      padding: 0.5rem 0.75rem;
      margin: 0.25rem 0;
    }
    .card .area {
      margin: 0.25rem 0;
    }
    .card h4 {
      margin: 0.4rem 0 0.1rem;
    }
    .card h5 {
      margin: 0.25rem 0 0;
    }
    .card > * {
      order: 3;
    }
    .card > header {
      order: 0;
    }
    .card > .area {
      order: 1;
    }
    .card > [part='card-items'] {
      order: 2;
    }
    .card .close {
      width: 44px;
      height: 44px;
      inset-block-start: 0;
      inset-inline-end: 0;
    }
    /* A full sheet leaves a strip of map for the selection: the controls at the bottom step aside. */
    .frame:has(.panel[data-sheet='full']) .maplibregl-ctrl-bottom-right {
      display: none;
    }
    button.link {
      display: inline-flex;
      align-items: center;
      min-width: 44px;
    }
    .search input {
      min-height: 44px;
      font-size: 16px;
    }
    .search-label {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
    .search-status:empty {
      min-height: 0;
    }
    .layer input,
    .filter-option input {
      width: 22px;
      height: 22px;
    }
    .timeline input[type='range'] {
      min-height: 44px;
    }
    /* Text of 12 px or more (the page's root font size may be anything). */
    small,
    small.hint,
    small.note,
    .count,
    .status,
    .card .kind,
    .card .kinds,
    .quote figcaption,
    .search-status,
    .treeitem .ti-count,
    .timeline .ticks,
    .imported-mark,
    .export-scope,
    .status-key,
    .stats figcaption,
    .stats table,
    details.filters summary .summary-count {
      font-size: 12px;
    }
    .stats svg text {
      font-size: 12px;
    }
  }
`;
