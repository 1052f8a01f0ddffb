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
    --_panel-width: var(--plan-map-panel-width, 20rem);
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
  .zones h4,
  .card h4 {
    margin: 0.75rem 0 0.25rem;
    font-size: 0.9rem;
  }
  .zones ul,
  ul.items {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .zones li.kind-subzone,
  .zones li.kind-corridor-node {
    padding-inline-start: 1rem;
  }
  button.zone,
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
  button.zone:hover,
  button.item:hover,
  button.zone[aria-pressed='true'] {
    background: #e8eef5;
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
    color: #555;
  }
  ul.items.virtual {
    border: 1px solid #eee;
    border-radius: 4px;
  }
  .overlay.error {
    inset: 1rem;
    margin: auto;
    height: fit-content;
    max-width: 32rem;
    border-color: #c62828;
  }
  @media (max-width: 640px) {
    .frame {
      grid-template-columns: 1fr;
      grid-template-rows: 1fr 45%;
    }
    .panel {
      order: 2;
      border-inline-end: none;
      border-block-start: 1px solid #ddd;
    }
  }
`;
