/** The issue-code list is one source of truth: the JSDoc table, severities and vocabularies agree. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATEGORY_LABELS } from '../../src/i18n/strings.js';
import {
  capIssues,
  ISSUE_CODES,
  ISSUE_SEVERITY,
  type IssueCode,
  issue,
  RETRYABLE_CODES,
  show,
} from '../../src/plan/issues.js';
import { ITEM_CATEGORIES } from '../../src/plan/types.js';

const source = readFileSync(new URL('../../src/plan/issues.ts', import.meta.url), 'utf8');

describe('ISSUE_CODES', () => {
  it('the JSDoc table at the top of issues.ts lists exactly the codes, with their severity', () => {
    const rows = [...source.matchAll(/^ \* \| `([a-z0-9-]+)` \| (error|warning) \| (.+) \|$/gm)];
    expect(Object.fromEntries(rows.map((r) => [r[1], r[2]]))).toEqual(ISSUE_SEVERITY);
    expect(rows.map((r) => r[1])).toEqual(Object.keys(ISSUE_CODES));
  });

  it('every code has a one-line meaning and a severity', () => {
    for (const [code, meaning] of Object.entries(ISSUE_CODES)) {
      expect(meaning.length, code).toBeGreaterThan(10);
      expect(meaning, code).not.toContain('\n');
      expect(['error', 'warning']).toContain(ISSUE_SEVERITY[code as IssueCode]);
    }
    expect(Object.keys(ISSUE_SEVERITY).sort()).toEqual(Object.keys(ISSUE_CODES).sort());
  });

  it('retryable codes are fetch problems (errors)', () => {
    for (const c of RETRYABLE_CODES) expect(ISSUE_SEVERITY[c]).toBe('error');
  });
});

describe('vocabularies', () => {
  it('the UI labels exactly the categories the validator accepts', () => {
    expect(Object.keys(CATEGORY_LABELS).sort()).toEqual([...ITEM_CATEGORIES].sort());
  });
});

describe('issue helpers', () => {
  it('show() quotes data briefly and never throws', () => {
    expect(show('x'.repeat(1000)).length).toBeLessThanOrEqual(60);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(show(cyclic)).toBe('[object Object]');
    expect(show(Number.NaN)).toBe('NaN');
    expect(show(undefined)).toBe('undefined');
  });

  it('capIssues keeps the first N per file and code and counts the rest', () => {
    const many = Array.from({ length: 30 }, (_, i) =>
      issue('unknown-kind', 'error', 'a.geojson', `e${i}`, `z${i}`),
    );
    const other = issue('bad-id', 'error', 'a.geojson', 'x', 'x');
    const capped = capIssues([...many, other], 10);
    expect(capped).toHaveLength(12);
    expect(capped.filter((i) => i.code === 'unknown-kind')).toHaveLength(11);
    expect(capped.at(-1)!.message_en).toContain('20 more');
    expect(capped.at(-1)!.message_zh).toContain('20');
  });

  it('a long feature id is clipped in the issue', () => {
    const i = issue('bad-id', 'error', 'a', 'x', 'x', { featureId: 'x'.repeat(10_000) });
    expect(i.featureId!.length).toBeLessThanOrEqual(120);
  });
});
