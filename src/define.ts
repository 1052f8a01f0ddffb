import { PlanMap } from './plan-map/plan-map.js';

/**
 * Registers `<plan-map>` (or another tag name). A second copy of the library on the same page
 * warns instead of throwing, so two portals' bundles can coexist.
 */
export function define(tagName = 'plan-map'): void {
  const existing = customElements.get(tagName);
  if (existing) {
    if (existing !== PlanMap) {
      console.warn(
        `<${tagName}> is already defined by another copy of plan-map; keeping that one.`,
      );
    }
    return;
  }
  customElements.define(tagName, PlanMap);
}

define();

declare global {
  interface HTMLElementTagNameMap {
    'plan-map': PlanMap;
  }
}
