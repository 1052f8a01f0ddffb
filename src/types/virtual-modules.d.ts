/** The built-in plan package as a module (vite.config.ts › builtinPlan). */
declare module 'virtual:plan-map/builtin-plan' {
  /** The plan validated when it was built: a `LoadResult` (plan/load.ts) as JSON text. */
  const result: string;
  export default result;
}
