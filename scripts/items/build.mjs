#!/usr/bin/env node
// @ts-check
/**
 * Builds geodata/{labs,projects,infrastructure}.geojson and geodata/unlocated.json from the
 * planners' CSV sources in geodata/sources/ (see sources.mjs for the columns).
 *
 *   node scripts/items/build.mjs [outDir]     # default: $GEODATA_OUT or geodata/
 *
 * Sources are read from <outDir>/sources, the plan box and documents from <outDir>/plan.json,
 * the zones from the zone layers already built in <outDir> (run after build-layout.mjs).
 * Every problem is printed with its issue code, file, row and column; any problem → exit 1 and
 * nothing is written.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { outDir } from '../lib/geodata.mjs';
import { pinyinKeys } from '../lib/pinyin.mjs';
import { loadSourceModules } from '../lib/source-modules.mjs';
import { exactQuote, seedText, whereOf } from './seeds.mjs';
import { buildItems, issueSink, readSources } from './sources.mjs';

const OUT = process.argv[2] || outDir();
const SHARED = new URL('../../../shared/reference/gazetteer.geojson', import.meta.url);
const ZONE_LAYERS = [
  'corridor',
  'center',
  'science-city',
  'clusters',
  'eco-core',
  'industrial-corridor',
];

const [types, issues] = await loadSourceModules(['/src/plan/types.ts', '/src/plan/issues.ts']);
/** @type {import('./sources.mjs').Vocab} */
const vocab = {
  kinds: types.ITEM_KINDS,
  statuses: types.STATUSES,
  accuracies: types.ACCURACIES,
  categories: types.ITEM_CATEGORIES,
  datums: types.DATUMS,
  idPattern: types.ID_PATTERN,
  issue: issues.issue,
  severity: issues.ISSUE_SEVERITY,
};

/** @param {string} f */
const readJson = (f) => JSON.parse(readFileSync(join(OUT, f), 'utf8'));
const manifest = readJson('plan.json');
/** @type {Map<string, import('geojson').Feature>} */
const zones = new Map();
for (const l of manifest.layers) {
  if (!ZONE_LAYERS.includes(l.id) || !existsSync(join(OUT, l.file))) continue;
  for (const f of readJson(l.file).features) zones.set(f.properties.id, f);
}
/** @type {Map<string, [number, number]>} */
const gazetteer = new Map(
  JSON.parse(readFileSync(SHARED, 'utf8')).features.map((/** @type {any} */ f) => [
    f.properties.name_zh,
    f.geometry.coordinates,
  ]),
);
/** @type {import('./sources.mjs').Context} */
const ctx = {
  vocab,
  bbox: manifest.bbox,
  docYear: Object.fromEntries(
    manifest.sources.map((/** @type {{id: string, date: string}} */ s) => [
      s.id,
      Number(s.date.slice(0, 4)),
    ]),
  ),
  seedText,
  gazetteer,
  zones,
  verbatim: (doc, quote) => {
    try {
      const found = exactQuote(doc, quote);
      return found === quote ? null : found;
    } catch {
      return null;
    }
  },
};

const sink = issueSink(vocab);
const src = readSources(join(OUT, 'sources'), sink);
const { layers, unlocated } = buildItems(src, ctx, sink, whereOf);

if (sink.issues.length) {
  for (const i of sink.issues)
    console.error(`${i.severity} ${i.code}: ${i.message_en}\n    ${i.message_zh}`);
  console.error(`${sink.issues.length} problem(s) in the CSV sources — nothing written.`);
  process.exit(1);
}

/** Pinyin keys right after the names, aliases' keys beside them (search matches them too). */
const withKeys = (/** @type {Record<string, any>} */ p) => {
  const { id, kind, name_zh, name_en, aliases, ...rest } = p;
  return {
    id,
    kind,
    name_zh,
    name_en,
    ...pinyinKeys(name_zh),
    ...(aliases
      ? {
          aliases,
          aliases_pinyin: aliases.map((/** @type {string} */ a) => pinyinKeys(a).pinyin_full),
        }
      : {}),
    ...rest,
  };
};

const fcText = (/** @type {import('geojson').Feature[]} */ features) =>
  `{\n"type": "FeatureCollection",\n"features": [\n${features
    .map((f) => JSON.stringify({ ...f, properties: withKeys(/** @type {any} */ (f.properties)) }))
    .join(',\n')}\n]\n}\n`;

writeFileSync(join(OUT, 'labs.geojson'), fcText(layers.lab ?? []));
writeFileSync(join(OUT, 'projects.geojson'), fcText(layers.project ?? []));
writeFileSync(join(OUT, 'infrastructure.geojson'), fcText(layers.infrastructure ?? []));
writeFileSync(
  join(OUT, 'unlocated.json'),
  `[\n${unlocated.map((u) => JSON.stringify(u)).join(',\n')}\n]\n`,
);

console.log(
  `labs ${layers.lab?.length}, projects ${layers.project?.length}, infrastructure ${layers.infrastructure?.length}, unlocated ${unlocated.length}`,
);
