/** The built-in plan package as a module (vite.config.ts › builtinPlan). */
declare module 'virtual:plan-map/builtin-plan' {
  import type { PlanManifest } from '../plan/types.js';

  const plan: { manifest: PlanManifest; layers: Record<string, unknown> };
  export default plan;
}
