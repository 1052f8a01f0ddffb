/**
 * The timeline's play button: steps the year from the plan's first to its last, one year per
 * {@link PLAY_STEP_MS}, then stops. Any year the user picks stops it too.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** One step of the timeline's play button. */
export const PLAY_STEP_MS = 1200;

export interface PlaybackOptions {
  /** The plan's year range, or null when it has no dated steps. */
  years(): { min: number; max: number } | null;
  /** The year shown, or null for now. */
  year(): number | null;
  /** Shows `year` (as the user would, firing `plan-filter-change`). */
  step(year: number): void;
}

export class PlaybackController implements ReactiveController {
  /** Whether the timeline is playing. */
  playing = false;
  readonly #host: ReactiveControllerHost;
  readonly #opts: PlaybackOptions;
  #timer: ReturnType<typeof setInterval> | null = null;

  constructor(host: ReactiveControllerHost, opts: PlaybackOptions) {
    this.#host = host;
    this.#opts = opts;
    host.addController(this);
  }

  hostDisconnected(): void {
    this.stop();
  }

  /** Starts playing (from the first year when at the end or outside the range), or stops. */
  play(on: boolean): void {
    const years = this.#opts.years();
    if (!on || !years) {
      this.stop();
      return;
    }
    this.stop();
    this.playing = true;
    this.#host.requestUpdate();
    const year = this.#opts.year();
    if (year === null || year >= years.max || year < years.min) this.#opts.step(years.min);
    this.#timer = setInterval(() => {
      const next = (this.#opts.year() ?? years.min) + 1;
      if (next > years.max) {
        this.stop();
        return;
      }
      this.#opts.step(next);
      if (next === years.max) this.stop();
    }, PLAY_STEP_MS);
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    if (!this.playing) return;
    this.playing = false;
    this.#host.requestUpdate();
  }
}
