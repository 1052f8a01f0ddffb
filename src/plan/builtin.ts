/**
 * Where the built-in plan package is served. In development Vite serves the repo's geodata/
 * folder; the build copies it beside the bundle (vite.config.ts), so both resolve relative to
 * this module and a portal that copies dist/ gets the plan with it.
 */
export const BUILTIN_PLAN_URL: string = new URL(
  import.meta.env.DEV ? '../../geodata/plan.json' : './geodata/plan.json',
  import.meta.url,
).href;
