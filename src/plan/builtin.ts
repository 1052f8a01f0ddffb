/**
 * The built-in plan package (geodata/), validated when it was built. It is a module of its own,
 * imported only when an element has neither `src` nor `plan` (vite.config.ts › builtinPlan):
 * bundlers split and place it like any other chunk, so it loads from wherever the element's
 * code was deployed.
 */
import type { LoadResult } from './load.js';

/**
 * The built-in plan and its issues, as `planFromObjects` gives them for the files in geodata/:
 * the build ran it, and tests/plan/builtin-module.test.ts checks the result against a run of
 * today's rules. A fresh copy for each call: an element may keep what it is given.
 */
export async function loadBuiltinPlan(): Promise<LoadResult> {
  const { default: json } = await import('virtual:plan-map/builtin-plan');
  return JSON.parse(json) as LoadResult;
}
