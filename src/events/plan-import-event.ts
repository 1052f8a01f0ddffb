import type { ImportReport } from '../import/rows.js';

/**
 * Fired when the user imported a list (dropped or chosen a file and confirmed the columns): the
 * per-row report — counts per outcome, and each rejected or doubtful row with its number, column
 * and reason in Chinese and English.
 */
export type PlanImportDetail = ImportReport;

export class PlanImportEvent extends CustomEvent<PlanImportDetail> {
  static readonly eventName = 'plan-import';
  constructor(detail: PlanImportDetail) {
    super(PlanImportEvent.eventName, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'plan-import': PlanImportEvent;
  }
}
