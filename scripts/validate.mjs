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
 *
 * Exit code: 0 when no input has errors (with --strict: nor warnings), 1 otherwise, 2 on bad
 * usage. A file is a layer when its name ends in .geojson or it holds a FeatureCollection;
 * anything else is read as a manifest. Files beside a manifest are read from disk; http(s)
 * layer URLs in a local manifest are fetched. TypeScript sources are loaded through Vite's
 * `ssrLoadModule` (as scripts/bench.mjs does): no build step.
 */
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadSourceModules } from './lib/source-modules.mjs';

function usage(message) {
  if (message) console.error(`validate: ${message}`);
  console.error(
    'usage: npm run validate -- <plan.json | layer.geojson>... [--json] [--lang=zh|en|both] [--all] [--strict]',
  );
  process.exit(2);
}

const args = process.argv.slice(2);
const flags = new Set(args.filter((a) => a.startsWith('--')));
const files = args.filter((a) => !a.startsWith('--'));
const lang = (args.find((a) => a.startsWith('--lang=')) ?? '--lang=both').slice(7);
for (const f of flags) {
  if (!['--json', '--all', '--strict'].includes(f) && !f.startsWith('--lang=')) {
    usage(`unknown option ${f}`);
  }
}
if (!['zh', 'en', 'both'].includes(lang)) usage(`--lang must be zh, en or both, not ${lang}`);
if (files.length === 0) usage('no file given');

/** `fetch` for file: URLs (and the network for http(s) layers of a local manifest). */
async function fileFetch(input, init) {
  const url = new URL(String(input));
  if (url.protocol !== 'file:') return fetch(url, init);
  const path = fileURLToPath(url);
  let info;
  try {
    info = await stat(path);
  } catch {
    return new Response('Not Found', { status: 404, statusText: 'no such file' });
  }
  if (!info.isFile()) return new Response('Not a file', { status: 404, statusText: 'not a file' });
  const body = Readable.toWeb(createReadStream(path));
  return new Response(body, { status: 200, headers: { 'content-length': String(info.size) } });
}

/** Whether a path holds one layer (a FeatureCollection) rather than a manifest. */
async function isLayerFile(path) {
  if (/\.geojson$/i.test(path)) return true;
  try {
    const head = (await readFile(path, 'utf8')).slice(0, 2_000_000);
    return JSON.parse(head)?.type === 'FeatureCollection';
  } catch {
    return false;
  }
}

const useColor = process.stdout.isTTY && !process.env.NO_COLOR && !flags.has('--json');
const paint = (code, s) => (useColor ? `\x1b[${code}m${s}\x1b[0m` : s);
/** file: URLs in a text as paths (relative to the working directory when inside it). */
const local = (s) =>
  String(s).replace(/file:\/\/[^\s"'(),;]+/g, (url) => {
    const path = fileURLToPath(url);
    const rel = relative(process.cwd(), path);
    return rel.startsWith('..') ? path : rel;
  });

const [load] = await loadSourceModules(['/src/plan/load.ts']);

const limits = flags.has('--all') ? { maxIssuesPerCode: Number.POSITIVE_INFINITY } : {};
const results = [];
for (const file of files) {
  const path = resolve(file);
  const url = pathToFileURL(path).href;
  let features;
  let issues;
  let layers;
  let unlocated;
  if (await isLayerFile(path)) {
    ({ features, issues } = await load.loadLayer(url, { fetch: fileFetch, limits }));
    features = features.length;
  } else {
    const r = await load.loadPlan(url, { fetch: fileFetch, limits });
    issues = r.issues;
    layers = r.plan?.layers.length ?? 0;
    features = r.plan?.layers.reduce((n, l) => n + l.data.features.length, 0) ?? 0;
    unlocated = r.plan?.unlocated.length ?? 0;
  }
  const errors = issues.filter((i) => i.severity === 'error').length;
  const warnings = issues.length - errors;
  const ok = errors === 0 && !(flags.has('--strict') && warnings > 0);
  results.push({ file, ok, errors, warnings, features, layers, unlocated, issues });
}

if (flags.has('--json')) {
  console.log(
    JSON.stringify(
      results.map((r) => ({ ...r, issues: r.issues.map((i) => ({ ...i, file: local(i.file) })) })),
      null,
      2,
    ),
  );
} else {
  for (const r of results) {
    console.log(paint('1', r.file));
    const sorted = [
      ...r.issues.filter((i) => i.severity === 'error'),
      ...r.issues.filter((i) => i.severity !== 'error'),
    ];
    for (const i of sorted) {
      const tag = i.severity === 'error' ? paint('31;1', '✗ error  ') : paint('33;1', '! warning');
      const where = [local(i.file), i.path, i.featureId && `id ${i.featureId}`]
        .filter(Boolean)
        .join(' › ');
      console.log(`  ${tag} ${paint('1', i.code)}  ${paint('2', where)}`);
      if (lang !== 'zh') console.log(`            ${local(i.message_en)}`);
      if (lang !== 'en') console.log(`            ${local(i.message_zh)}`);
    }
    const n = (count, word) => `${count} ${word}${count === 1 ? '' : 's'}`;
    const usable =
      r.layers === undefined
        ? `${n(r.features, 'feature')} usable`
        : `${n(r.features, 'feature')} in ${n(r.layers, 'layer')} usable, ${n(r.unlocated, 'unlocated item')}`;
    const counts = `${n(r.errors, 'error')}, ${n(r.warnings, 'warning')}`;
    console.log(
      `  ${r.ok ? paint('32;1', '✓') : paint('31;1', '✗')} ${counts} — ${usable}${r.ok ? '' : ' — not ready to publish'}\n`,
    );
  }
}
process.exit(results.every((r) => r.ok) ? 0 : 1);
