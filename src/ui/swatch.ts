import { html, svg, type TemplateResult } from 'lit';
import type { LayerSpec } from '../plan/types.js';

/**
 * A legend swatch drawn with the same paint as the map layer (see map/style.ts): translucent
 * fill + solid outline for zones, a dot for items and places, a line for the corridor and
 * boundaries.
 */
export function swatch(spec: LayerSpec): TemplateResult {
  const c = spec.color;
  let shape: TemplateResult;
  switch (spec.kind) {
    case 'zones':
      shape = svg`<rect x="1.5" y="3.5" width="19" height="13" rx="2" fill=${c} fill-opacity="0.22" stroke=${c} stroke-width="2" />`;
      break;
    case 'items':
      shape = svg`<circle cx="11" cy="10" r="5" fill=${c} stroke="#fff" stroke-width="1.5" />`;
      break;
    case 'corridor':
      shape = svg`<line x1="2" y1="10" x2="20" y2="10" stroke=${c} stroke-width="4" stroke-linecap="round" /><circle cx="11" cy="10" r="3.5" fill="#fff" stroke=${c} stroke-width="2.5" />`;
      break;
    case 'reference':
      shape =
        spec.id === 'places'
          ? svg`<circle cx="11" cy="10" r="2.5" fill=${c} />`
          : svg`<line x1="2" y1="10" x2="20" y2="10" stroke=${c} stroke-width="1.5" stroke-dasharray="3 2" />`;
      break;
    default:
      shape = svg`<rect x="1.5" y="3.5" width="19" height="13" fill=${c} />`;
  }
  return html`<svg class="swatch" part="swatch" viewBox="0 0 22 20" width="22" height="20" aria-hidden="true">${shape}</svg>`;
}
