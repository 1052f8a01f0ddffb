#!/usr/bin/env node
/**
 * Builds the consumer projects the way a portal owner would meet the package: `npm run build`
 * and `npm pack` in the repo, `npm install <tarball>` here, then each app type-checked and built
 * with its own tool. tests/browser/consumers.test.ts opens the results.
 *
 *   node tests/consumers/prepare.mjs           # all apps
 *   node tests/consumers/prepare.mjs --no-build # reuse the repo's dist/ and cdn/
 *
 * Prints one line per step with its time; exits non-zero (with the tool's output) on a failure.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const here = import.meta.dirname;
const repo = join(here, '../..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const bin = (pkg, file) => join(here, 'node_modules', pkg, file);

/** The apps, each with its type-check and build commands (node + script + args, in `cwd`). */
export const APPS = {
  vanilla: {
    check: [bin('typescript', 'bin/tsc'), '-p', 'tsconfig.json'],
    build: [bin('vite', 'bin/vite.js'), 'build', '--logLevel', 'warn'],
    out: 'dist',
    base: '/portal/app/',
  },
  react: {
    check: [bin('typescript', 'bin/tsc'), '-p', 'tsconfig.json'],
    build: [bin('vite', 'bin/vite.js'), 'build', '--logLevel', 'warn'],
    out: 'dist',
    base: '/',
  },
  vue: {
    check: [bin('vue-tsc', 'bin/vue-tsc.js'), '-p', 'tsconfig.json'],
    build: [bin('vite', 'bin/vite.js'), 'build', '--logLevel', 'warn'],
    out: 'dist',
    base: '/',
  },
  webpack: {
    check: [bin('typescript', 'bin/tsc'), '-p', 'tsconfig.json'],
    build: [bin('webpack-cli', 'bin/cli.js'), '--config', 'webpack.config.mjs'],
    out: 'dist',
    base: '/',
  },
};

function step(label, fn) {
  const t0 = performance.now();
  try {
    return fn();
  } catch (err) {
    const out = [err.stdout, err.stderr].filter(Boolean).map(String).join('\n');
    console.error(`✗ ${label}\n${out || err.message}`);
    process.exit(1);
  } finally {
    console.log(`  ${label} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  }
}

/** Runs a command; the tools' production builds, but npm's NODE_ENV left alone (it prunes). */
const run = (cmd, args, cwd, env = {}) =>
  execFileSync(cmd, args, { cwd, stdio: 'pipe', env: { ...process.env, ...env } });
const production = { NODE_ENV: 'production' };

export function prepare({ build = true } = {}) {
  if (build) step('npm run build (repo)', () => run(npm, ['run', 'build'], repo));
  const packDir = mkdtempSync(join(tmpdir(), 'plan-map-pack-'));
  const tarball = step('npm pack', () => {
    const out = JSON.parse(
      String(run(npm, ['pack', '--json', '--pack-destination', packDir], repo)),
    );
    return join(packDir, out[0].filename);
  });
  const lock = JSON.parse(readFileSync(join(here, 'package-lock.json'), 'utf8'));
  const installed = existsSync(join(here, 'node_modules/.package-lock.json'));
  if (!installed || !existsSync(join(here, 'node_modules', 'vite'))) {
    step(`npm ci (consumers, ${Object.keys(lock.packages).length} packages)`, () =>
      run(npm, ['ci', '--no-audit', '--no-fund'], here),
    );
  }
  // The portal owner's command. --no-save: the tarball's name changes with every build.
  step('npm install <tarball>', () =>
    run(npm, ['install', '--no-save', '--no-audit', '--no-fund', tarball], here),
  );
  rmSync(packDir, { recursive: true, force: true });
  for (const [name, app] of Object.entries(APPS)) {
    const cwd = join(here, name);
    step(`${name}: type-check`, () => run(process.execPath, app.check, cwd));
    step(`${name}: build`, () => run(process.execPath, app.build, cwd, production));
    const files = readdirSync(join(cwd, app.out), { recursive: true });
    console.log(`  ${name}: ${files.length} files in ${name}/${app.out}/`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  prepare({ build: !process.argv.includes('--no-build') });
}
