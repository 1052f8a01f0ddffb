/** Fired once the plan is loaded and drawn on the map. */
export interface PlanReadyDetail {
  /** The plan's id from its manifest. */
  planId: string;
  /** Number of features drawn (those of large layers included). */
  featureCount: number;
  /** Number of loading / validation issues (features with errors are left out). */
  issueCount: number;
}

export class PlanReadyEvent extends CustomEvent<PlanReadyDetail> {
  static readonly eventName = 'plan-ready';
  constructor(detail: PlanReadyDetail) {
    super(PlanReadyEvent.eventName, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'plan-ready': PlanReadyEvent;
  }
}
