/** Types of checks.mjs (the item checks), for the TypeScript tests that run them. */
export interface CheckVocab {
  ITEM_KINDS: readonly string[];
  STATUSES: readonly string[];
  ACCURACIES: readonly string[];
  ITEM_CATEGORIES: readonly string[];
  /** The plan's id rule (src/plan/types.ts). */
  ID_PATTERN: RegExp;
}

export interface CheckResult {
  failures: string[];
  warnings: string[];
  /** One line per zone: the items inside it (`*`: the item declares that zone). */
  report: string[];
  features: number;
  unlocated: number;
}

export function checkItems(opts: {
  geodata: string;
  seedsDir: string;
  vocab: CheckVocab;
}): CheckResult;
