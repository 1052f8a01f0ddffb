import type { ItemStatus } from '../plan/types.js';

export interface PlanSelectItem {
  id: string;
  kind: string;
  name: string;
  status: ItemStatus;
}

/** Fired when the user selects a feature (map click, list, keyboard) or clears the selection. */
export interface PlanSelectDetail {
  /** Selected feature id, or null when the user cleared the selection. */
  id: string | null;
  kind: string | null;
  /** Name in the element's current language. */
  name: string | null;
  /** Geodesic area in km² for polygon zones, null for points and lines. */
  areaKm2: number | null;
  /** Items attached to the selected zone (or the parks of a corridor node). */
  items: PlanSelectItem[];
}

export class PlanSelectEvent extends CustomEvent<PlanSelectDetail> {
  static readonly eventName = 'plan-select';
  constructor(detail: PlanSelectDetail) {
    super(PlanSelectEvent.eventName, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'plan-select': PlanSelectEvent;
  }
}
