import { html, nothing, type TemplateResult } from 'lit';
import { t } from '../i18n/strings.js';
import { layerPattern } from '../map/patterns.js';
import type { Lang, LoadedLayer } from '../plan/types.js';
import { formatCount } from './progress.js';
import { swatch } from './swatch.js';

export interface LayerPanelProps {
  layers: readonly LoadedLayer[];
  visible: ReadonlySet<string>;
  lang: Lang;
  /** Items shown per item layer under the filters and year; absent: the layer's full count. */
  counts: ReadonlyMap<string, number>;
  /** True when a filter or year hides items (the counts say "n / total"). */
  filtered: boolean;
  onToggle: (id: string, visible: boolean) => void;
}

/**
 * The layer list and legend: one checkbox per toggleable layer, with its swatch (zones with their
 * hatching) and, for item layers, how many items the filters show.
 */
export function layerPanel({
  layers,
  visible,
  lang,
  counts,
  filtered,
  onToggle,
}: LayerPanelProps): TemplateResult {
  return html`
    <fieldset class="layers" part="layers">
      <legend>${t(lang, 'layers')}</legend>
      ${layers
        .filter((l) => l.spec.kind !== 'basemap')
        .map((l) => {
          const total = l.data.features.length;
          const n = counts.get(l.spec.id) ?? 0;
          const count =
            l.spec.kind === 'items'
              ? html`<span class="count" data-count=${n}>${
                  filtered
                    ? `${formatCount(n, lang)} / ${formatCount(total, lang)}`
                    : formatCount(n, lang)
                }</span>`
              : nothing;
          return html`
            <label class="layer" data-layer=${l.spec.id}>
              <input
                type="checkbox"
                .checked=${visible.has(l.spec.id)}
                @change=${(e: Event) => onToggle(l.spec.id, (e.target as HTMLInputElement).checked)}
              />
              ${swatch(l.spec, layerPattern(l))}
              <span class="layer-name">${l.spec.title[lang]}</span>
              ${count}
            </label>
          `;
        })}
    </fieldset>
  `;
}
