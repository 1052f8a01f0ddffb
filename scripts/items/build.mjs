// Generator for geodata/{labs,projects,infrastructure}.geojson and geodata/unlocated.json.
// The item data is authored in data-placed.mjs (items with a place) and data-unlocated.mjs;
// quotes are resolved against the seeds so they stay verbatim. Run: node scripts/items/build.mjs
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { pinyinKeys } from '../lib/pinyin.mjs';
import { A, ANCHOR_NOTES, PLACED } from './data-placed.mjs';
import { UNLOCATED } from './data-unlocated.mjs';
import { exactQuote, whereOf } from './seeds.mjs';

const OUT = process.argv[2] || fileURLToPath(new URL('../../geodata', import.meta.url));
const r5 = (x) => Math.round(x * 1e5) / 1e5;

function ringPoint(anchor, i, n, r) {
  const [lon, lat] = A[anchor];
  if (!r) return [r5(lon), r5(lat)];
  const a = (2 * Math.PI * i) / n; // 0 = north, clockwise
  const dLat = (r * Math.cos(a)) / 111320;
  const dLon = (r * Math.sin(a)) / (111320 * Math.cos((lat * Math.PI) / 180));
  return [r5(lon + dLon), r5(lat + dLat)];
}

function sourcesOf(list) {
  return list.map(([doc, plain, where]) => {
    const quote = exactQuote(doc, plain);
    return { doc, where: where || whereOf(doc, quote), quote };
  });
}

function geometryOf(it) {
  const g = it.geom;
  if (g.ring) {
    const [anchor, i, n, r] = g.ring;
    return { type: 'Point', coordinates: ringPoint(anchor, i, n, r) };
  }
  if (g.at) return { type: 'Point', coordinates: A[g.at].map(r5) };
  if (g.line) return { type: 'LineString', coordinates: g.line.map((c) => c.map(r5)) };
  throw new Error(`no geometry for ${it.id}`);
}

function positionNote(it) {
  const g = it.geom;
  let base;
  if (g.ring) {
    const [anchor, , , r] = g.ring;
    base = r
      ? `${ANCHOR_NOTES[anchor]}; offset ${r} m in a deterministic ring so items sharing the anchor do not stack`
      : ANCHOR_NOTES[anchor];
  } else if (g.at) base = ANCHOR_NOTES[g.at];
  else base = 'schematic line';
  return it.note ? `${it.note} — anchor: ${base}` : `${base}`;
}

const files = { lab: [], project: [], infrastructure: [] };
for (const it of PLACED) {
  const props = {
    id: it.id,
    kind: it.kind,
    name_zh: it.name_zh,
    name_en: it.name_en,
    ...pinyinKeys(it.name_zh),
    summary_zh: it.summary_zh,
    summary_en: it.summary_en,
    category: it.category,
    status: it.status,
    history: it.history,
    ...(it.zone ? { zone: it.zone } : {}),
    sources: sourcesOf(it.sources),
    accuracy: it.accuracy,
    accuracy_m: it.accuracy_m,
    position_note: it.geom.line ? it.note : positionNote(it),
  };
  files[it.kind].push({ type: 'Feature', properties: props, geometry: geometryOf(it) });
}

const fcText = (features) =>
  `{\n"type": "FeatureCollection",\n"features": [\n${features.map((f) => JSON.stringify(f)).join(',\n')}\n]\n}\n`;

writeFileSync(`${OUT}/labs.geojson`, fcText(files.lab));
writeFileSync(`${OUT}/projects.geojson`, fcText(files.project));
writeFileSync(`${OUT}/infrastructure.geojson`, fcText(files.infrastructure));

const unl = UNLOCATED.map((u) => ({
  id: u.id,
  kind: u.kind,
  name_zh: u.name_zh,
  name_en: u.name_en,
  reason: u.reason,
  sources: sourcesOf(u.sources),
  ...(u.status ? { status: u.status } : {}),
  ...(u.category ? { category: u.category } : {}),
  ...(u.history ? { history: u.history } : {}),
}));
writeFileSync(`${OUT}/unlocated.json`, `[\n${unl.map((u) => JSON.stringify(u)).join(',\n')}\n]\n`);

console.log(
  `labs ${files.lab.length}, projects ${files.project.length}, infrastructure ${files.infrastructure.length}, unlocated ${unl.length}`,
);
