/** `npm run validate`: the same issues as the element, and an exit code a publishing script can use. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { HOSTILE_DIR, writeHostileFixtures } from '../../scripts/hostile-fixtures.mjs';
import { LARGE_LAYER_FILE, writeLargeLayerPlan } from '../browser/large-layer.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function validate(...args: string[]) {
  const r = spawnSync(process.execPath, ['scripts/validate.mjs', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 110_000,
    maxBuffer: 64 * 1024 * 1024,
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

  it('validates a large layer (over 200,000 features) as the element’s worker does', () => {
    const large = writeLargeLayerPlan(210_000);
    try {
      // One bad feature at the end: the CLI must read the whole file to find it.
      const file = join(large.dir, LARGE_LAYER_FILE);
      const text = readFileSync(file, 'utf8');
      const bad =
        '{"type":"Feature","geometry":{"type":"Point","coordinates":[100,10]},"properties":{"id":"far-away","kind":"project","name_zh":"远","name_en":"Far","status":"planned","category":"digital","sources":[],"accuracy":"approximate"}}';
      writeFileSync(file, text.replace(/\n\]\}\n$/, `,\n${bad}\n]}\n`));
      const r = validate(join(large.dir, 'plan.json'), '--json');
      expect(r.code).toBe(1);
      const [out] = JSON.parse(r.out) as {
        features: number;
        issues: { code: string; featureId?: string }[];
      }[];
      expect(out!.issues.map((i) => [i.code, i.featureId])).toEqual([
        ['outside-extent', 'far-away'],
      ]);
      // The built-in plan's features and the generated ones, the refused one left out.
      expect(out!.features).toBeGreaterThan(210_000);
    } finally {
      large.remove();
    }
  }, 120_000);

  it('bad usage exits 2 with a usage line', () => {
    const r = validate('--frobnicate');
    expect(r.code).toBe(2);
    expect(r.err).toContain('usage: npm run validate');
  });
});

/** The CLI with its stdout through a pipe (`| cat`), as a publishing script would read it. */
function validatePiped(...args: string[]) {
  const r = spawnSync(
    '/bin/sh',
    ['-c', `node scripts/validate.mjs ${args.map((a) => `'${a}'`).join(' ')} | cat`],
    {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
      timeout: 120_000,
      maxBuffer: 1 << 28,
    },
  );
  return { out: r.stdout, err: r.stderr };
}

const STACK = /\n\s+at .+:\d+:\d+/;

describe('npm run validate on hostile packages', () => {
  const cases = writeHostileFixtures(join(HOSTILE_DIR, 'cli'));
  const rel = (folder: string) => relative(ROOT, join(folder, 'plan.json'));

  it('gives complete JSON through a pipe, coded issues, exit 0/1, and never a stack trace', () => {
    const files = cases.map((c) => rel(c.folder));
    // One run over every case: a large report must arrive whole through the pipe.
    const piped = validatePiped(...files, '--json', '--all');
    expect(piped.err).not.toMatch(STACK);
    const report = JSON.parse(piped.out) as {
      file: string;
      ok: boolean;
      issues: { code: string; message_en: string }[];
    }[];
    expect(report.map((r) => r.file)).toEqual(files);
    expect(piped.out.length).toBeGreaterThan(100_000);
    for (const [i, c] of cases.entries()) {
      const codes = new Set(report[i]!.issues.map((x) => x.code));
      if (!c.attributes && !c.serve)
        for (const code of c.codes) expect(codes, c.name).toContain(code);
      for (const secret of c.textMustNot ?? [])
        expect(JSON.stringify(report[i])).not.toContain(secret);
    }
    const direct = validate(...files.slice(0, 3), '--json');
    expect([0, 1]).toContain(direct.code);
    expect(direct.err).not.toMatch(STACK);
  }, 180_000);

  it('refuses escapes and the network unless --allow-network, and quotes nothing from outside', () => {
    const c = cases.find((x) => x.name === 'dotdot-escape')!;
    const r = validate(rel(c.folder), '--json');
    expect(r.code).toBe(1);
    expect(r.out).not.toContain('root:');
    const issues = JSON.parse(r.out)[0].issues as { code: string }[];
    expect(issues.map((i) => i.code)).toContain('outside-package');
    const remote = cases.find((x) => x.name === 'other-origin-credentials')!;
    const off = JSON.parse(validate(rel(remote.folder), '--json').out)[0].issues as {
      code: string;
      message_en: string;
    }[];
    expect(off.find((i) => i.code === 'outside-package')?.message_en).toContain('--allow-network');
    expect(JSON.stringify(off)).not.toContain('hunter2');
    // With the network allowed the URL is fetched (port 9 refuses): a fetch failure, no password.
    const on = validate(rel(remote.folder), '--json', '--allow-network');
    expect(on.err).not.toMatch(STACK);
    const onIssues = JSON.parse(on.out)[0].issues as { code: string }[];
    expect(onIssues.map((i) => i.code)).toContain('fetch-failed');
    expect(on.out).not.toContain('hunter2');
  }, 120_000);

  it('does not follow a symbolic link out of the package', () => {
    const dir = join(HOSTILE_DIR, 'cli', 'symlink');
    mkdirSync(dir, { recursive: true });
    try {
      symlinkSync('/etc/passwd', join(dir, 'labs.geojson'));
    } catch {
      // already there
    }
    writeFileSync(
      join(dir, 'plan.json'),
      JSON.stringify({
        id: 'x',
        title: { zh: '链接', en: 'Link' },
        bbox: [121, 38.7, 122, 39.2],
        layers: [
          {
            id: 'labs',
            kind: 'items',
            file: 'labs.geojson',
            color: '#000',
            title: { zh: 'a', en: 'a' },
          },
        ],
      }),
    );
    const r = validate(relative(ROOT, join(dir, 'plan.json')), '--json');
    expect(r.code).toBe(1);
    expect(r.out).not.toContain('root:');
    expect(JSON.parse(r.out)[0].issues.map((i: { code: string }) => i.code)).toEqual([
      'http-error',
    ]);
  }, 60_000);

  it('a missing file or a directory is an issue, not a crash', () => {
    const r = validate('no/such/plan.json', 'tests', '--json');
    expect(r.code).toBe(1);
    expect(r.err).not.toMatch(STACK);
    expect(JSON.parse(r.out).map((x: { issues: { code: string }[] }) => x.issues[0]!.code)).toEqual(
      ['file-not-found', 'file-not-found'],
    );
  }, 60_000);
});
