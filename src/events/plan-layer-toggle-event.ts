/** Fired when the user switches a layer on or off in the layer panel. */
export interface PlanLayerToggleDetail {
  layer: string;
  visible: boolean;
  /** All visible layer ids after the toggle, as in the `layers` attribute. */
  layers: string[];
}

export class PlanLayerToggleEvent extends CustomEvent<PlanLayerToggleDetail> {
  static readonly eventName = 'plan-layer-toggle';
  constructor(detail: PlanLayerToggleDetail) {
    super(PlanLayerToggleEvent.eventName, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'plan-layer-toggle': PlanLayerToggleEvent;
  }
}
