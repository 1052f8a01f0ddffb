/**
 * Issues found after loading — map errors, a basemap fallback, a worker that did not start,
 * internal failures — listed once each (by code and key) and at most
 * {@link MAX_RUNTIME_ISSUES}; each new one fires `plan-error` with every issue the element has.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { PlanErrorEvent } from '../events/plan-error-event.js';
import type { PlanIssue } from '../plan/issues.js';

/** Issues found after loading kept at most; the rest are dropped. */
export const MAX_RUNTIME_ISSUES = 50;

export class RuntimeIssues implements ReactiveController {
  readonly #host: ReactiveControllerHost & EventTarget;
  /** Every issue the element has (the loader's, the attributes', these). */
  readonly #all: () => PlanIssue[];
  #list: PlanIssue[] = [];
  #seen = new Set<string>();

  constructor(host: ReactiveControllerHost & EventTarget, all: () => PlanIssue[]) {
    this.#host = host;
    this.#all = all;
    host.addController(this);
  }

  hostConnected(): void {}

  get list(): readonly PlanIssue[] {
    return this.#list;
  }

  /** Adds an issue (once per code and `key`) and fires `plan-error`. */
  report(found: PlanIssue, key = found.message_en): void {
    const tag = `${found.code}\u0000${key}`;
    if (this.#seen.has(tag) || this.#list.length >= MAX_RUNTIME_ISSUES) return;
    this.#seen.add(tag);
    this.#list = [...this.#list, found];
    this.#host.requestUpdate();
    this.#host.dispatchEvent(new PlanErrorEvent({ issues: this.#all() }));
  }

  /** A new load starts with none. */
  clear(): void {
    this.#list = [];
    this.#seen.clear();
    this.#host.requestUpdate();
  }
}
