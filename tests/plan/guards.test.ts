/** The shared guards and issue helpers: reserved keys, redaction, examples, capping as produced. */
import { describe, expect, it } from 'vitest';
import { isReservedKey, RESERVED_KEYS, withoutReservedKeys } from '../../src/plan/guards.js';
import {
  capIssues,
  examples,
  IssueCollector,
  issue,
  MAX_MESSAGE_CHARS,
  redactUrl,
  show,
} from '../../src/plan/issues.js';
import { renameReservedKeys } from '../../src/plan/validate.js';

describe('reserved keys', () => {
  it('are the Object.prototype members and "prototype"', () => {
    for (const k of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'prototype']) {
      expect(isReservedKey(k)).toBe(true);
    }
    expect(isReservedKey('name_zh')).toBe(false);
  });

  it('are dropped from exports at any depth, arrays kept, the input untouched', () => {
    const input = JSON.parse(
      '{"a":[{"__proto__":{"x":1},"b":2,"c":[{"constructor":3,"d":4}]}],"prototype":5,"e":null}',
    );
    const out = withoutReservedKeys(input);
    expect(JSON.stringify(out)).toBe('{"a":[{"b":2,"c":[{"d":4}]}],"e":null}');
    expect(Object.hasOwn(input, 'prototype')).toBe(true);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('deep nesting does not overflow the stack', () => {
    let v: unknown = { leaf: true };
    for (let i = 0; i < 100_000; i++) v = { next: v };
    expect(() => withoutReservedKeys(v)).not.toThrow();
  });

  it('are renamed in feature properties, with a trailing underscore that does not clash', () => {
    const props = JSON.parse('{"constructor":"中建八局","constructor_":"kept","__proto__":1}');
    expect(renameReservedKeys(props).sort()).toEqual(['__proto__', 'constructor']);
    expect(props).toEqual({ constructor_: 'kept', constructor__: '中建八局', __proto___: 1 });
    for (const k of Object.keys(props)) expect(RESERVED_KEYS.has(k)).toBe(false);
  });
});

describe('messages', () => {
  it('URLs lose their user, password and credential-like parameters', () => {
    expect(redactUrl('https://admin:hunter2@example.org/plan.json?tk=abc&x=1')).toBe(
      'https://example.org/plan.json?tk=***&x=1',
    );
    const i = issue(
      'fetch-failed',
      'error',
      'http://u:p@h/x',
      'see http://u:p@h/x',
      '见 http://u:p@h/x',
    );
    expect(JSON.stringify(i)).not.toContain('u:p@');
  });

  it('lists show a few examples and the count, and a message is never longer than the cap', () => {
    const ids = Array.from({ length: 100_000 }, (_, n) => `id-${n}`);
    expect(examples(ids, 'en')).toBe('"id-0", "id-1", "id-2", "id-3", "id-4" … (100000 in all)');
    const long = issue('long-text', 'warning', 'f', 'x'.repeat(1_600_000), '长'.repeat(1_600_000));
    expect(long.message_en.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
    expect(long.message_zh.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
  });

  it('Infinity and NaN are shown as such, not as null', () => {
    expect(show([Infinity, Number.NaN, -Infinity, 1])).toBe('[Infinity,NaN,-Infinity,1]');
  });
});

describe('IssueCollector', () => {
  const many = (n: number, file = 'a.geojson') =>
    Array.from({ length: n }, (_, k) => issue('bad-id', 'error', file, `e${k}`, `z${k}`));

  it('keeps the first n per file and code and counts the rest, as capIssues does', () => {
    const c = new IssueCollector(3);
    c.addAll(many(10));
    c.addAll(many(2, 'b.geojson'));
    expect(c.list()).toEqual(capIssues([...many(10), ...many(2, 'b.geojson')], 3));
    expect(c.list()).toHaveLength(3 + 1 + 2);
    expect(c.list().at(-1)!.message_en).toContain('7 more');
  });

  it('a summary passed on to another collector counts for what it stands for', () => {
    const inner = new IssueCollector(3);
    inner.addAll(many(10));
    const outer = new IssueCollector(5);
    outer.addAll(inner.list());
    outer.addAll(many(4));
    const out = outer.list();
    // 14 issues in all: 5 listed (3 from the inner list, then 2 of the later ones), 9 counted.
    expect(out.filter((i) => !i.message_en.startsWith('…'))).toHaveLength(5);
    expect(out.at(-1)!.message_en).toContain('… and 9 more');
  });
});
