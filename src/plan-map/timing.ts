/**
 * User Timing marks (`plan-map:<step>`) for each step of a load, so a portal's performance
 * tools show where the time goes: load-start, map-created, validated, style-set (the plan's
 * style handed to MapLibre: right after validation, while the plan is analysed), analysed,
 * style-loaded, drawn.
 */
export type LoadStep =
  | 'load-start'
  | 'map-created'
  | 'validated'
  | 'style-set'
  | 'analysed'
  | 'style-loaded'
  | 'drawn';

export function mark(step: LoadStep): void {
  globalThis.performance?.mark?.(`plan-map:${step}`);
}
