/**
 * What a validation rule returns — a code, where (a property key or JSON path) and a message from
 * the catalogue (`messages.ts`) — and how a finding becomes an issue naming the file and place.
 */
import {
  ISSUE_SEVERITY,
  type IssueCode,
  type IssueExtra,
  issue,
  type PlanIssue,
} from './issues.js';
import { located, type Msg } from './messages.js';

/** What a rule found: a code, the property key or path it is about, and what to say. */
export interface Finding {
  code: IssueCode;
  key: string;
  msg: Msg;
}

export function finding(code: IssueCode, key: string, msg: Msg): Finding {
  return { code, key, msg };
}

/**
 * An issue of `file` with the code's own severity: `where` (file, feature, manifest entry …)
 * then the message.
 */
export function issueAt(
  code: IssueCode,
  file: string,
  where: Msg | null,
  msg: Msg,
  extra: IssueExtra = {},
): PlanIssue {
  const m = where === null ? msg : located(where, msg);
  return issue(code, ISSUE_SEVERITY[code], file, m.en, m.zh, extra);
}
