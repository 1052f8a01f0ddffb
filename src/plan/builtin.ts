/**
 * The built-in plan package (geodata/), as data. It is a module of its own, imported only when
 * an element has neither `src` nor `plan` (vite.config.ts › builtinPlan): bundlers split and
 * place it like any other chunk, so it loads from wherever the element's code was deployed.
 */
import type { PlanManifest } from './types.js';

/** The built-in plan: its manifest and each layer's data by layer id (`unlocated` too). */
export async function loadBuiltinPlan(): Promise<{
  manifest: PlanManifest;
  layers: Record<string, unknown>;
}> {
  return (await import('virtual:plan-map/builtin-plan')).default;
}
