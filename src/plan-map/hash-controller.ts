/**
 * The `hash` attribute: the element's state kept in the URL hash (see hash.ts for the syntax).
 * Read once before the first render with `hash` set (no flash of the defaults) and again on
 * every `hashchange`; written with `replaceState` as the user works (following the user must
 * not flood the Back button), the camera debounced. Keys of other owners are kept.
 */
import type { ReactiveController } from 'lit';
import { formatHash, type HashState, parseHash } from './hash.js';

/** The URL hash follows camera moves this long after the last one. */
export const HASH_CAMERA_DEBOUNCE_MS = 300;

export interface HashOptions {
  /** Whether the element keeps its state in the hash (the `hash` attribute). */
  enabled(): boolean;
  /** The element's state to write. */
  state(): HashState;
  /**
   * Keys the element owns besides its state (e.g. `import`): each replaces any key of that name
   * read from the URL; a null value removes it.
   */
  extra(): [string, string | null][];
  /** Applies a hash read from the URL; `reset` clears what it does not name. */
  apply(state: HashState, reset: boolean): void;
}

export class HashController implements ReactiveController {
  readonly #opts: HashOptions;
  #restored = false;
  /** Keys of other owners, as read. */
  #rest: [string, string][] = [];
  /** The hash last written, so our own `hashchange` is not read back. */
  #written: string | null = null;
  #cameraTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(host: { addController(c: ReactiveController): void }, opts: HashOptions) {
    this.#opts = opts;
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('hashchange', this.#onHashChange);
  }

  hostDisconnected(): void {
    window.removeEventListener('hashchange', this.#onHashChange);
    if (this.#cameraTimer) clearTimeout(this.#cameraTimer);
    this.#cameraTimer = null;
  }

  /** Reads the hash the first time it is enabled (call before rendering). */
  restoreOnce(): void {
    if (!this.#opts.enabled() || this.#restored) return;
    this.#restored = true;
    const parsed = parseHash(window.location.hash);
    this.#rest = parsed.rest;
    this.#opts.apply(parsed.state, false);
  }

  /** Writes the element's state to the hash (once it has been read). */
  write(): void {
    if (!this.#opts.enabled() || !this.#restored) return;
    const extra = this.#opts.extra();
    const own = new Set(extra.map(([k]) => k));
    const hash = formatHash(this.#opts.state(), [
      ...this.#rest.filter(([k]) => !own.has(k)),
      ...extra.filter((e): e is [string, string] => e[1] !== null),
    ]);
    this.#written = hash;
    if (hash === window.location.hash) return;
    const url = `${window.location.pathname}${window.location.search}${hash}`;
    window.history.replaceState(window.history.state, '', url);
  }

  /** The camera moved: written once it has rested for {@link HASH_CAMERA_DEBOUNCE_MS}. */
  cameraMoved(): void {
    if (!this.#opts.enabled()) return;
    if (this.#cameraTimer) clearTimeout(this.#cameraTimer);
    this.#cameraTimer = setTimeout(() => {
      this.#cameraTimer = null;
      this.write();
    }, HASH_CAMERA_DEBOUNCE_MS);
  }

  #onHashChange = (): void => {
    if (!this.#opts.enabled() || window.location.hash === this.#written) return;
    const parsed = parseHash(window.location.hash);
    this.#rest = parsed.rest;
    this.#opts.apply(parsed.state, true);
  };
}
