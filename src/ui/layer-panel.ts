import { html, type TemplateResult } from 'lit';
import { t } from '../i18n/strings.js';
import type { Lang, LayerSpec } from '../plan/types.js';
import { swatch } from './swatch.js';

export interface LayerPanelProps {
  layers: LayerSpec[];
  visible: ReadonlySet<string>;
  lang: Lang;
  onToggle: (id: string, visible: boolean) => void;
}

/** The layer list: one checkbox per toggleable layer, with its legend swatch. */
export function layerPanel({ layers, visible, lang, onToggle }: LayerPanelProps): TemplateResult {
  return html`
    <fieldset class="layers" part="layers">
      <legend>${t(lang, 'layers')}</legend>
      ${layers
        .filter((l) => l.kind !== 'basemap')
        .map(
          (l) => html`
            <label class="layer" data-layer=${l.id}>
              <input
                type="checkbox"
                .checked=${visible.has(l.id)}
                @change=${(e: Event) => onToggle(l.id, (e.target as HTMLInputElement).checked)}
              />
              ${swatch(l)}
              <span>${l.title[lang]}</span>
            </label>
          `,
        )}
    </fieldset>
  `;
}
