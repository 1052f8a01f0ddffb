/** Fired after the user (not the page's code) moved or zoomed the map. */
export interface PlanViewChangeDetail {
  /** [longitude, latitude] of the map centre. */
  center: [number, number];
  zoom: number;
  /** [west, south, east, north] of the visible area. */
  bounds: [number, number, number, number];
}

export class PlanViewChangeEvent extends CustomEvent<PlanViewChangeDetail> {
  static readonly eventName = 'plan-view-change';
  constructor(detail: PlanViewChangeDetail) {
    super(PlanViewChangeEvent.eventName, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'plan-view-change': PlanViewChangeEvent;
  }
}
