/** `npm run validate`: the same issues as the element, and an exit code a publishing script can use. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function validate(...args: string[]) {
  const r = spawnSync(process.execPath, ['scripts/validate.mjs', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('npm run validate', () => {
  it('passes the built-in plan: exit 0, no issues', () => {
    const r = validate('geodata/plan.json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('✓ 0 errors, 0 warnings');
  }, 60_000);

  it('fails broken files with their codes (exit 1), as JSON when asked', () => {
    const r = validate(
      'tests/fixtures/invalid/unclosed-ring.geojson',
      'tests/fixtures/invalid/wrong-winding.geojson',
      '--json',
    );
    expect(r.code).toBe(1);
    const out = JSON.parse(r.out) as {
      file: string;
      ok: boolean;
      issues: { code: string; file: string }[];
    }[];
    expect(out.map((o) => [o.ok, o.issues.map((i) => i.code)])).toEqual([
      [false, ['unclosed-ring']],
      [true, ['wrong-winding']],
    ]);
    expect(out[0]!.issues[0]!.file).toBe('tests/fixtures/invalid/unclosed-ring.geojson');
  }, 60_000);

  it('--strict fails on warnings too', () => {
    expect(validate('tests/fixtures/invalid/wrong-winding.geojson', '--strict').code).toBe(1);
  }, 60_000);

  it('bad usage exits 2 with a usage line', () => {
    const r = validate('--frobnicate');
    expect(r.code).toBe(2);
    expect(r.err).toContain('usage: npm run validate');
  });
});
