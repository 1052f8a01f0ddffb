import { PlanMap } from './plan-map/plan-map.js';

/**
 * Registers the element under `tagName` (default `plan-map`). Guarded: when the name is taken
 * (say, by a second copy of this library on the page) it warns instead of throwing. A portal may
 * register it under its own name as well; each extra name gets its own subclass, because one
 * constructor can be defined only once.
 */
/** Whether PlanMap itself is registered under some name already (by this module). */
let baseRegistered = false;

export function define(tagName = 'plan-map'): void {
  const existing = customElements.get(tagName);
  if (existing) {
    if (existing !== PlanMap && !(existing.prototype instanceof PlanMap)) {
      console.warn(
        `<${tagName}> is already defined by another script (perhaps a second copy of plan-map); keeping that one.`,
      );
    }
    return;
  }
  customElements.define(tagName, baseRegistered ? class extends PlanMap {} : PlanMap);
  baseRegistered = true;
}

// Server-side (Node, no DOM): importing registers nothing and throws nothing.
if (typeof customElements !== 'undefined') define();

declare global {
  interface HTMLElementTagNameMap {
    'plan-map': PlanMap;
  }
}
