#!/usr/bin/env node
/**
 * Check plan files before publishing them: the same loader and checks as <plan-map>.
 *
 *   npm run validate -- path/to/plan.json            a whole plan: manifest, layers, unlocated
 *   npm run validate -- path/to/layer.geojson        one layer file on its own
 *   npm run validate -- a/plan.json b.geojson --json
 *
 * Options:
 *   --json     print { file, ok, errors, warnings, features, issues } per input, as JSON
 *   --lang=zh|en|both   message language (default both)
 *   --all      list every issue (default: 25 per file and code, then a count)
 *   --strict   warnings fail too
 *   --allow-network   fetch http(s) layer files a manifest names (default: refused, nothing is
 *              fetched over the network)
 *
 * Exit code: 0 when no input has errors (with --strict: nor warnings), 1 otherwise, 2 on bad
 * usage, 3 when the validator itself failed (a one-line message, never a stack trace). A file
 * is a layer when its name ends in .geojson or it holds a FeatureCollection; anything else is
 * read as a manifest.
 *
 * What it reads: the files named on the command line, and the files a manifest names **inside
 * its own folder** (after following symbolic links). Absolute paths, file: URLs and `../`
 * escapes in a manifest are refused with `outside-package` and never opened, so nothing outside
 * the package is read or quoted. http(s) layer URLs are refused too unless --allow-network is
 * given. TypeScript sources are loaded through Vite's `ssrLoadModule` (as scripts/bench.mjs
 * does): no build step.
 */
import { createReadStream } from 'node:fs';
import { open, realpath, stat } from 'node:fs/promises';
import { dirname, relative, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadSourceModules } from './lib/source-modules.mjs';

/** Exit codes. */
const EXIT = { ok: 0, invalid: 1, usage: 2, failed: 3 };

/** Writes to stdout and waits until it is flushed (a pipe must get the whole output). */
function writeOut(text) {
  return new Promise((resolveWrite) => {
    if (process.stdout.write(text)) resolveWrite();
    else process.stdout.once('drain', resolveWrite);
  });
}

/** Leaves once stdout and stderr are flushed: `process.exit()` would cut a piped --json short. */
async function finish(code) {
  await writeOut('');
  await new Promise((r) => process.stderr.write('', r));
  process.exitCode = code;
  // Vite's module loader may leave handles open; exit after the streams are drained.
  setImmediate(() => process.exit(code));
}

function usage(message) {
  if (message) console.error(`validate: ${message}`);
  console.error(
    'usage: npm run validate -- <plan.json | layer.geojson>... [--json] [--lang=zh|en|both] [--all] [--strict] [--allow-network]',
  );
  process.exit(EXIT.usage);
}

// Whatever goes wrong inside, the user gets one line and exit code 3, never a stack trace.
function fail(err) {
  const what = err instanceof Error ? err.message : String(err);
  process.stderr.write(`validate: internal error: ${what.split('\n')[0]}\n`, () =>
    process.exit(EXIT.failed),
  );
}
process.on('uncaughtException', fail);
process.on('unhandledRejection', fail);

const args = process.argv.slice(2);
const flags = new Set(args.filter((a) => a.startsWith('--')));
const files = args.filter((a) => !a.startsWith('--'));
const lang = (args.find((a) => a.startsWith('--lang=')) ?? '--lang=both').slice(7);
for (const f of flags) {
  if (!['--json', '--all', '--strict', '--allow-network'].includes(f) && !f.startsWith('--lang=')) {
    usage(`unknown option ${f}`);
  }
}
if (!['zh', 'en', 'both'].includes(lang)) usage(`--lang must be zh, en or both, not ${lang}`);
if (files.length === 0) usage('no file given');

const allowNetwork = flags.has('--allow-network');

/**
 * `fetch` for one input: file: URLs inside `root` (the input's folder, symbolic links
 * resolved) and — with --allow-network only — http(s). The loader already refuses names
 * outside the package; this is the second lock.
 */
function packageFetch(root) {
  return async (input, init) => {
    const url = new URL(String(input));
    if (url.protocol === 'http:' || url.protocol === 'https:') {
      if (!allowNetwork) throw new TypeError('network access is off (pass --allow-network)');
      return fetch(url, { ...init, redirect: 'follow' });
    }
    if (url.protocol !== 'file:') throw new TypeError(`${url.protocol} URLs are not read`);
    return readInPackage(url, root);
  };
}

const notFound = (why) => new Response('Not Found', { status: 404, statusText: why });

/** A file: URL answered from disk when it resolves inside the package (else 403 / 404). */
async function readInPackage(url, root) {
  let path;
  let info;
  try {
    path = await realpath(fileURLToPath(url));
    if (path !== root.file && !path.startsWith(root.dir + sep)) {
      return new Response('Forbidden', { status: 403, statusText: 'outside the plan package' });
    }
    info = await stat(path);
  } catch {
    return notFound('no such file');
  }
  if (!info.isFile()) return notFound('not a file');
  const body = Readable.toWeb(createReadStream(path));
  return new Response(body, { status: 200, headers: { 'content-length': String(info.size) } });
}

/** Whether a path holds one layer (a FeatureCollection) rather than a manifest (reads 64 KB). */
async function isLayerFile(path) {
  if (/\.geojson$/i.test(path)) return true;
  let handle;
  try {
    handle = await open(path, 'r');
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(65_536), 0, 65_536, 0);
    const head = buffer.subarray(0, bytesRead).toString('utf8');
    return (
      /^\s*\{[\s\S]*?"type"\s*:\s*"FeatureCollection"/.test(head) && !/"layers"\s*:/.test(head)
    );
  } catch {
    return false;
  } finally {
    await handle?.close();
  }
}

const useColor = process.stdout.isTTY && !process.env.NO_COLOR && !flags.has('--json');
const paint = (code, s) => (useColor ? `\x1b[${code}m${s}\x1b[0m` : s);
/** file: URLs in a text as paths (relative to the working directory when inside it). */
const local = (s) =>
  String(s).replace(/file:\/\/[^\s"'(),;]+/g, (url) => {
    try {
      const path = fileURLToPath(url);
      const rel = relative(process.cwd(), path);
      return rel.startsWith('..') ? path : rel;
    } catch {
      return url;
    }
  });

/** One input through the loader: a layer file on its own, or a whole plan. */
async function validateOne(load, analyse, file, limits) {
  const path = resolve(file);
  const url = pathToFileURL(path).href;
  const real = await realpath(path).catch(() => path);
  const fetchInPackage = packageFetch({ file: real, dir: dirname(real) });
  const options = { fetch: fetchInPackage, limits, remoteLayers: allowNetwork };
  const counts = {};
  let issues;
  if (await isLayerFile(path)) {
    const r = await load.loadLayer(url, options);
    issues = r.issues;
    counts.features = r.features.length;
  } else {
    const r = await load.loadPlan(url, options);
    issues = r.issues;
    // A large layer (over 200,000 features or 64 MB) is read and validated by the analysis, as
    // the element's worker reads it: its issues and its feature count come from there.
    const plan = r.plan?.layers.some((l) => l.large)
      ? (await analyseLarge(analyse, r.plan, options, issues)).plan
      : r.plan;
    counts.layers = plan?.layers.length ?? 0;
    counts.features =
      plan?.layers.reduce(
        (n, l) => n + l.data.features.length + (l.large?.summary?.features ?? 0),
        0,
      ) ?? 0;
    counts.unlocated = plan?.unlocated.length ?? 0;
  }
  const errors = issues.filter((i) => i.severity === 'error').length;
  const warnings = issues.length - errors;
  const ok = errors === 0 && !(flags.has('--strict') && warnings > 0);
  const { features, layers, unlocated } = counts;
  return { file, ok, errors, warnings, features, layers, unlocated, issues };
}

/** The plan's large layers read and validated (on this thread); their issues join `issues`. */
async function analyseLarge(analyse, plan, options, issues) {
  const model = await analyse.analysePlan(plan, { fetch: options.fetch, limits: options.limits });
  issues.push(...(model.issues ?? []));
  return model;
}

/** The results as JSON, file: URLs shown as paths. */
function jsonReport(results) {
  const shown = results.map((r) => ({
    ...r,
    issues: r.issues.map((i) => ({
      ...i,
      file: local(i.file),
      message_en: local(i.message_en),
      message_zh: local(i.message_zh),
    })),
  }));
  return [`${JSON.stringify(shown, null, 2)}\n`];
}

/** One issue as text: severity, code and where, then the message in the chosen languages. */
function issueLines(i) {
  const tag = i.severity === 'error' ? paint('31;1', '✗ error  ') : paint('33;1', '! warning');
  const where = [local(i.file), i.path, i.featureId && `id ${i.featureId}`]
    .filter(Boolean)
    .join(' › ');
  const lines = [`  ${tag} ${paint('1', i.code)}  ${paint('2', where)}`];
  if (lang !== 'zh') lines.push(`            ${local(i.message_en)}`);
  if (lang !== 'en') lines.push(`            ${local(i.message_zh)}`);
  return lines;
}

/** One input's report as text: its issues (errors first) and a summary line. */
function textReport(r) {
  const sorted = [
    ...r.issues.filter((i) => i.severity === 'error'),
    ...r.issues.filter((i) => i.severity !== 'error'),
  ];
  const n = (count, word) => `${count} ${word}${count === 1 ? '' : 's'}`;
  const usable =
    r.layers === undefined
      ? `${n(r.features, 'feature')} usable`
      : `${n(r.features, 'feature')} in ${n(r.layers, 'layer')} usable, ${n(r.unlocated, 'unlocated item')}`;
  const counts = `${n(r.errors, 'error')}, ${n(r.warnings, 'warning')}`;
  const mark = r.ok ? paint('32;1', '✓') : paint('31;1', '✗');
  const summary = `  ${mark} ${counts} — ${usable}${r.ok ? '' : ' — not ready to publish'}\n`;
  return [paint('1', r.file), ...sorted.flatMap(issueLines), summary].map((line) => `${line}\n`);
}

/** Validates every input, prints the report and exits with its code. */
async function main() {
  const [load, analyse] = await loadSourceModules(['/src/plan/load.ts', '/src/plan/analyse.ts']);
  const limits = flags.has('--all') ? { maxIssuesPerCode: Number.POSITIVE_INFINITY } : {};
  const results = [];
  for (const file of files) results.push(await validateOne(load, analyse, file, limits));
  const out = flags.has('--json') ? jsonReport(results) : results.flatMap(textReport);
  for (const chunk of out) await writeOut(chunk);
  await finish(results.every((r) => r.ok) ? EXIT.ok : EXIT.invalid);
}

main().catch(fail);
