/** Validation and loading problems, returned as data (never thrown). */
export interface PlanIssue {
  /** Stable machine-readable code, e.g. `fetch-failed`, `invalid-geojson`, `duplicate-id`. */
  code: string;
  severity: 'error' | 'warning';
  message_zh: string;
  message_en: string;
  /** The file (URL or name) the problem is in. */
  file: string;
  featureId?: string;
  /** JSON path inside the file, e.g. `features[3].properties.kind`. */
  path?: string;
}

export function issue(
  code: string,
  severity: PlanIssue['severity'],
  file: string,
  message_en: string,
  message_zh: string,
  extra: Pick<PlanIssue, 'featureId' | 'path'> = {},
): PlanIssue {
  return { code, severity, file, message_en, message_zh, ...extra };
}
