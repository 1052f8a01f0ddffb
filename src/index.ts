/** Public entry: importing it registers `<plan-map>`. */
import './define.js';

export { define } from './define.js';
export { PlanErrorEvent, type PlanErrorDetail } from './events/plan-error-event.js';
export { PlanLayerToggleEvent, type PlanLayerToggleDetail } from './events/plan-layer-toggle-event.js';
export { PlanReadyEvent, type PlanReadyDetail } from './events/plan-ready-event.js';
export { PlanSelectEvent, type PlanSelectDetail, type PlanSelectItem } from './events/plan-select-event.js';
export type { PlanIssue } from './plan/issues.js';
export type * from './plan/types.js';
export { PlanMap } from './plan-map/plan-map.js';
