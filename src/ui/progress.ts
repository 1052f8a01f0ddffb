/**
 * Progress of a long analysis (a large plan's zone membership, see plan/analyse.ts), shown over
 * the map while it runs.
 */
import { html, type TemplateResult } from 'lit';
import { t } from '../i18n/strings.js';
import type { Lang } from '../plan/types.js';

const COUNT_FORMATS: Record<Lang, Intl.NumberFormat> = {
  zh: new Intl.NumberFormat('zh-CN'),
  en: new Intl.NumberFormat('en'),
};

/** A whole count with the language's digit grouping: 12,000. */
export function formatCount(n: number, lang: Lang): string {
  return COUNT_FORMATS[lang].format(n);
}

/**
 * "正在分析 12,000 / 100,000 个项目" / "Analysing 12,000 / 100,000 items", with a progress bar.
 * A polite live region (role="status"), like the element's loading overlay.
 *
 * @param done items analysed so far
 * @param total items to analyse
 */
export function progressOverlay(done: number, total: number, lang: Lang): TemplateResult {
  const text = t(lang, 'analysingItems')
    .replace('{done}', formatCount(done, lang))
    .replace('{total}', formatCount(total, lang));
  return html`<div class="overlay progress" part="status" role="status">
    <span class="progress-text">${text}</span>
    <progress max=${Math.max(total, 1)} .value=${Math.min(done, total)} aria-hidden="true"></progress>
  </div>`;
}
