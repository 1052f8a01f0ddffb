import type { ItemFilter } from '../plan/view-filter.js';

/** Fired when the user changes the item filters or the timeline's year (also each step of play). */
export interface PlanFilterChangeDetail {
  /** The plan as of this year, or null for now. */
  year: number | null;
  /** Values shown per dimension (`kind`, `category`, `status`); a missing one shows all. */
  filter: ItemFilter;
  /** The same filter in the `filter` attribute's syntax (`kind:project;status:planned`). */
  filterText: string;
  /** Placed items shown / in the plan. */
  shown: number;
  total: number;
}

export class PlanFilterChangeEvent extends CustomEvent<PlanFilterChangeDetail> {
  static readonly eventName = 'plan-filter-change';
  constructor(detail: PlanFilterChangeDetail) {
    super(PlanFilterChangeEvent.eventName, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'plan-filter-change': PlanFilterChangeEvent;
  }
}
