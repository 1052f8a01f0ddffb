/** Types of scripts/hostile-fixtures.mjs (see that file). */
export interface HostileCaseMeta {
  class: 'silent' | 'freeze' | 'security' | 'weak' | 'messages';
  name: string;
  about: string;
  /** Issue codes that must be reported. */
  codes: string[];
  /** Layers that must still be drawn. */
  goodLayers: string[];
  /** Extra attributes for the element; `{origin}` stands for the page's origin. */
  attributes?: Record<string, string>;
  /** Per-file server behaviour: `redirectLoop`. */
  serve?: Record<string, 'redirectLoop'>;
  /** URL fragments no request may contain. */
  requestsMustNot?: string[];
  /** Text no issue may contain (a password in a URL). */
  textMustNot?: string[];
}
export const HOSTILE_DIR: string;
export function hostileCases(): (HostileCaseMeta & {
  manifest: unknown;
  files: Record<string, string | Uint8Array>;
})[];
/** Writes every case under `dir` (emptied first); returns the cases with their folders. */
export function writeHostileFixtures(dir?: string): (HostileCaseMeta & { folder: string })[];
