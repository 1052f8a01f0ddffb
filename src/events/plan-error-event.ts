import type { PlanIssue } from '../plan/issues.js';

/** Fired when loading the plan produced errors (a failed fetch, invalid features …). */
export interface PlanErrorDetail {
  issues: PlanIssue[];
}

export class PlanErrorEvent extends CustomEvent<PlanErrorDetail> {
  static readonly eventName = 'plan-error';
  constructor(detail: PlanErrorDetail) {
    super(PlanErrorEvent.eventName, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'plan-error': PlanErrorEvent;
  }
}
