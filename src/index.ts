/** Public entry: importing it registers `<plan-map>`. */
import './define.js';

export { getBasePath, setBasePath } from './assets/base-path.js';
export { define } from './define.js';
export { type PlanErrorDetail, PlanErrorEvent } from './events/plan-error-event.js';
export {
  type PlanFilterChangeDetail,
  PlanFilterChangeEvent,
} from './events/plan-filter-change-event.js';
export {
  type PlanLayerToggleDetail,
  PlanLayerToggleEvent,
} from './events/plan-layer-toggle-event.js';
export { type PlanReadyDetail, PlanReadyEvent } from './events/plan-ready-event.js';
export {
  type PlanSelectDetail,
  PlanSelectEvent,
  type PlanSelectItem,
} from './events/plan-select-event.js';
export {
  type PlanViewChangeDetail,
  PlanViewChangeEvent,
} from './events/plan-view-change-event.js';
export type { Basemap } from './map/basemap.js';
export type { ExportFormat, ExportOptions, ExportScope } from './plan/export.js';
export type { PlanIssue } from './plan/issues.js';
export type * from './plan/types.js';
export type { ItemFilter } from './plan/view-filter.js';
export { type PlanData, PlanMap } from './plan-map/plan-map.js';
