/**
 * The timeline: a year slider over the years the documents cover, the year shown in words, a
 * play button that steps through the years, and "now" to leave the timeline.
 */
import { html, type TemplateResult } from 'lit';
import { t, tf } from '../i18n/strings.js';
import type { Lang } from '../plan/types.js';

export interface TimelineProps {
  lang: Lang;
  years: { min: number; max: number };
  /** The year shown, or null for now (every item, current status). */
  year: number | null;
  playing: boolean;
  onYear: (year: number | null) => void;
  onPlay: (play: boolean) => void;
}

export function yearText(year: number | null, lang: Lang): string {
  return year === null ? t(lang, 'timelineNow') : tf(lang, 'asOfYear', { year });
}

export function timeline({
  lang,
  years,
  year,
  playing,
  onYear,
  onPlay,
}: TimelineProps): TemplateResult {
  const value = year ?? years.max;
  return html`<fieldset class="timeline" part="timeline">
    <legend>${t(lang, 'timeline')}</legend>
    <div class="timeline-row">
      <input
        type="range"
        class="year"
        min=${years.min}
        max=${years.max}
        step="1"
        .value=${String(value)}
        aria-label=${t(lang, 'timelineYear')}
        aria-valuetext=${yearText(year, lang)}
        @input=${(e: Event) => onYear(Number((e.target as HTMLInputElement).value))}
      />
      <output class="year-text" data-year=${year ?? 'now'}>${yearText(year, lang)}</output>
    </div>
    <div class="timeline-row ticks" aria-hidden="true"><span>${years.min}</span><span>${years.max}</span></div>
    <div class="timeline-row">
      <button type="button" class="play" aria-pressed=${playing ? 'true' : 'false'} @click=${() => onPlay(!playing)}>
        ${playing ? `⏸ ${t(lang, 'pause')}` : `▶ ${t(lang, 'play')}`}
      </button>
      <button type="button" class="now" ?disabled=${year === null} @click=${() => onYear(null)}>${t(lang, 'showNow')}</button>
    </div>
    <small class="note">${t(lang, 'timelineNote')}</small>
  </fieldset>`;
}
