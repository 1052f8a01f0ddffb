import { html, type TemplateResult } from 'lit';
import { t } from '../i18n/strings.js';
import { nameOf, type PlanModel } from '../plan/model.js';
import type { Lang } from '../plan/types.js';

/** Every layout zone and corridor node as a button: the keyboard path to the map's content. */
export function zoneList(
  model: PlanModel,
  lang: Lang,
  selected: string | null,
  onChoose: (id: string) => void,
): TemplateResult {
  const entries = model.plan.layers
    .filter((l) => l.spec.kind === 'zones' || l.spec.kind === 'corridor')
    .flatMap((l) => l.data.features);
  return html`
    <nav class="zones" part="zones" aria-label=${t(lang, 'zones')}>
      <h4>${t(lang, 'zones')}</h4>
      <ul>
        ${entries.map(
          (f) => html`<li class="kind-${f.properties.kind}">
            <button type="button" class="zone" data-id=${f.properties.id} aria-pressed=${selected === f.properties.id ? 'true' : 'false'} @click=${() => onChoose(f.properties.id)}>
              ${nameOf(f, lang)}
            </button>
          </li>`,
        )}
      </ul>
    </nav>
  `;
}
