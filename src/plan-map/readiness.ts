/**
 * The element's `ready` promise and its `plan-ready` event. `ready` resolves with the first
 * `plan-ready` detail, or rejects when the first load fails (no usable manifest, an internal
 * failure, a map that cannot be created) with an error whose `issues` lists why; a promise
 * settles once, so later loads change only the events.
 */
import { type PlanReadyDetail, PlanReadyEvent } from '../events/plan-ready-event.js';
import type { PlanIssue } from '../plan/issues.js';
import type { PlanModel } from '../plan/model.js';
import { loadError } from './failures.js';

export class Readiness {
  readonly promise: Promise<PlanReadyDetail>;
  readonly #host: EventTarget;
  /** Every issue the element has (counted in `plan-ready`). */
  readonly #issues: () => readonly PlanIssue[];
  #resolve!: (detail: PlanReadyDetail) => void;
  #reject!: (error: Error) => void;

  constructor(host: EventTarget, issues: () => readonly PlanIssue[]) {
    this.#host = host;
    this.#issues = issues;
    this.promise = new Promise((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    // A page that never reads `ready` must not see an unhandled rejection.
    this.promise.catch(() => {});
  }

  /** The map drew the complete `model`: `plan-ready`. */
  drawn(model: PlanModel): void {
    const detail: PlanReadyDetail = {
      planId: model.plan.manifest.id,
      featureCount: model.plan.layers.reduce(
        (n, l) => n + (l.large?.summary?.features ?? 0),
        model.byId.size,
      ),
      issueCount: this.#issues().length,
    };
    this.#resolve(detail);
    this.#host.dispatchEvent(new PlanReadyEvent(detail));
  }

  /** The plan or the map failed: `ready` rejects with `message` and the issues that say why. */
  failed(message: string, issues: PlanIssue[]): void {
    this.#reject(loadError(message, issues));
  }
}
