import { html, svg, type TemplateResult } from 'lit';
import { type PatternShape, patternMarks } from '../map/patterns.js';
import type { LayerSpec } from '../plan/types.js';

/** The hatching of a zone swatch, as vector marks (the map draws the same pattern). */
function hatch(pattern: PatternShape, color: string): TemplateResult {
  const { lines, dots } = patternMarks(pattern, 1.5, 3.5, 19, 13, 4.5);
  return svg`<g stroke=${color} fill=${color} stroke-width="1.1" opacity="0.8">${lines.map(
    ([x1, y1, x2, y2]) => svg`<line x1=${x1} y1=${y1} x2=${x2} y2=${y2} />`,
  )}${dots.map(([cx, cy]) => svg`<circle cx=${cx} cy=${cy} r="1" stroke="none" />`)}</g>`;
}

/**
 * A legend swatch drawn with the same paint as the map layer (see map/style.ts): translucent
 * fill, the kind's hatching and a solid outline for zones, a dot for items and places, a line
 * for the corridor and boundaries.
 *
 * @param pattern the hatching of the layer's zones (map/patterns.ts), if any
 */
export function swatch(spec: LayerSpec, pattern: PatternShape | null = null): TemplateResult {
  const c = spec.color;
  let shape: TemplateResult;
  switch (spec.kind) {
    case 'zones':
      shape = svg`<rect x="1.5" y="3.5" width="19" height="13" rx="2" fill=${c} fill-opacity="0.22" />${
        pattern ? hatch(pattern, c) : svg``
      }<rect x="1.5" y="3.5" width="19" height="13" rx="2" fill="none" stroke=${c} stroke-width="2" />`;
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
  return html`<svg class="swatch" part="swatch" viewBox="0 0 22 20" width="22" height="20" aria-hidden="true" data-pattern=${pattern ?? 'none'}>${shape}</svg>`;
}

/**
 * An item status glyph as the map draws items of that stage (map/style.ts `itemCirclePaint`):
 * a ring (planned), a faint fill in a ring (building), solid (done) — readable without colour.
 */
export function statusGlyph(
  stage: 'planned' | 'building' | 'done',
  color = '#666666',
): TemplateResult {
  const fill = stage === 'planned' ? '#ffffff' : color;
  const stroke = stage === 'done' ? '#ffffff' : color;
  return html`<svg class="glyph" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true"><circle cx="8" cy="8" r="5" fill=${fill} fill-opacity=${stage === 'building' ? 0.45 : 1} stroke=${stroke} stroke-width=${stage === 'done' ? 1.5 : 2.2} /></svg>`;
}
