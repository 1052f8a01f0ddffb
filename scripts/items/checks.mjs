// @ts-check
/**
 * The item checks (formerly scripts/items/check.mjs), as a function: run by the vitest suite
 * (tests/data/items.test.ts), by `npm run check:items` (scripts/items/check.mjs) and by the
 * inventory writer (readme.mjs, for the items-per-zone report).
 *
 * Checks geodata/{projects,labs,infrastructure}.geojson and geodata/unlocated.json: RFC 7946
 * validity (geojson-validation), unique kebab-case ids with the kind's prefix, required
 * properties and vocabularies, every quote verbatim in its seed document, history years within
 * [2016, the source document's year], the status equal to the last history step (one truth),
 * every placed item's position_source, and — for zone files that exist — that an item with
 * `zone` lies in that zone or within its `accuracy_m` of it. Warnings (long quotes, stacked
 * points, points off the land layer, …) do not fail.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  along,
  booleanPointInPolygon,
  flatten,
  length,
  lineString,
  point,
  pointToLineDistance,
  polygonToLine,
} from '@turf/turf';
import gjv from 'geojson-validation';
import { ID_PREFIX, MIN_YEAR } from './sources.mjs';

/**
 * @typedef {object} CheckVocab
 * @property {readonly string[]} ITEM_KINDS
 * @property {readonly string[]} STATUSES
 * @property {readonly string[]} ACCURACIES
 * @property {readonly string[]} ITEM_CATEGORIES
 * @property {RegExp} ID_PATTERN
 */

const FILE_KIND = {
  'projects.geojson': 'project',
  'labs.geojson': 'lab',
  'infrastructure.geojson': 'infrastructure',
};
const ZONE_FILES = {
  corridor: 'corridor.geojson',
  'corridor-east': 'corridor.geojson',
  'corridor-central': 'corridor.geojson',
  'corridor-west': 'corridor.geojson',
  center: 'center.geojson',
  'center-cbd': 'center.geojson',
  'center-cid': 'center.geojson',
  'science-city': 'science-city.geojson',
  'science-city-yinggeshi': 'science-city.geojson',
  'science-city-baoyudu': 'science-city.geojson',
  'cluster-huangnichuan': 'clusters.geojson',
  'cluster-longwangtang': 'clusters.geojson',
  'cluster-lingshuiwan': 'clusters.geojson',
  'cluster-xiaopingdao': 'clusters.geojson',
  'cluster-miaoling': 'clusters.geojson',
  'eco-core': 'eco-core.geojson',
};
const REQUIRED_IDS = [
  'park-huangnichuan-intelligent-manufacturing',
  'park-longtou-industrial-town',
];
/** Loose plan extent: anything outside is surely a typo or a datum slip. */
const EXTENT = [121.1, 38.7, 121.8, 39.1];
const GEOMETRY_TYPES = ['Point', 'LineString', 'Polygon'];
const REQUIRED_TEXT = [
  'name_zh',
  'name_en',
  'summary_zh',
  'summary_en',
  'position_note',
  'position_source',
];

/**
 * What every check shares: where the files are, the vocabularies, the seed texts, and the lists
 * the checks write to.
 * @typedef {object} Checks
 * @property {string} geodata
 * @property {string} seedsDir
 * @property {CheckVocab} vocab
 * @property {RegExp} idPattern  the plan's id rule (kebab-case, src/plan/types.ts)
 * @property {Record<string, number>} docMaxYear  latest year a source may report (its date)
 * @property {(doc: string) => string | null} seedText
 * @property {(msg: string) => void} fail
 * @property {(msg: string) => void} warn
 * @property {Map<string, string>} ids  id → the file it was first seen in
 */

// ── helpers ───────────────────────────────────────────────────────────────────
const readJson = (f) => JSON.parse(readFileSync(f, 'utf8'));
const isNonEmptyString = (v) => typeof v === 'string' && v.trim().length > 0;

function decimals(n) {
  const s = String(n);
  const i = s.indexOf('.');
  return i < 0 ? 0 : s.length - i - 1;
}

function positionsOf(geom) {
  if (geom.type === 'Point') return [geom.coordinates];
  if (geom.type === 'LineString' || geom.type === 'MultiPoint') return geom.coordinates;
  if (geom.type === 'Polygon' || geom.type === 'MultiLineString') return geom.coordinates.flat();
  if (geom.type === 'MultiPolygon') return geom.coordinates.flat(2);
  return [];
}

/** The point that stands for an item: the point itself, a line's midpoint along its length. */
function representativePoint(geom) {
  if (geom.type === 'Point') return point(geom.coordinates);
  if (geom.type === 'LineString') {
    const line = lineString(geom.coordinates);
    return along(line, length(line, { units: 'meters' }) / 2, { units: 'meters' });
  }
  const ps = positionsOf(geom);
  const c = ps.reduce((a, p) => [a[0] + p[0] / ps.length, a[1] + p[1] / ps.length], [0, 0]);
  return point(c);
}

/** Shortest distance in metres from a point to any of some lines. */
function distanceToLines(pt, lines) {
  let best = Number.POSITIVE_INFINITY;
  for (const l of lines) {
    best = Math.min(best, pointToLineDistance(pt, /** @type {any} */ (l), { units: 'meters' }));
  }
  return best;
}

/** Distance in metres from a point to a zone (0 inside; polygons, multipolygons or lines). */
function distanceToZone(pt, zone) {
  const g = zone.geometry;
  if (g.type === 'Polygon' || g.type === 'MultiPolygon') {
    if (booleanPointInPolygon(pt, zone)) return 0;
    return distanceToLines(pt, flatten(polygonToLine(zone)).features);
  }
  if (g.type === 'LineString' || g.type === 'MultiLineString') {
    return distanceToLines(pt, flatten(zone).features);
  }
  return Number.POSITIVE_INFINITY;
}

// ── seeds ─────────────────────────────────────────────────────────────────────
/** Seed code → file name: the seeds' README table, then the manifest's sources. */
function seedFiles(geodata, seedsDir) {
  const map = {};
  const readme = join(seedsDir, 'README.md');
  if (existsSync(readme)) {
    for (const m of readFileSync(readme, 'utf8').matchAll(
      /^\|\s*(S\d{3})\s*\|\s*([^|\s]+)\s*\|/gm,
    )) {
      map[m[1]] = m[2];
    }
  }
  const plan = join(geodata, 'plan.json');
  if (existsSync(plan)) {
    for (const s of readJson(plan).sources || []) {
      if (s.file && !map[s.id]) map[s.id] = s.file;
    }
  }
  return map;
}

/** A reader of seed texts by code (null: not found), each read once. */
function seedReader(geodata, seedsDir) {
  const files = seedFiles(geodata, seedsDir);
  const cache = {};
  return (doc) => {
    if (!(doc in cache)) {
      const f = files[doc] && join(seedsDir, files[doc]);
      cache[doc] = f && existsSync(f) ? readFileSync(f, 'utf8') : null;
    }
    return cache[doc];
  };
}

// ── checks shared by features and unlocated items ─────────────────────────────
/** One `sources` entry: a seed code, a place, and a quote verbatim in the seed. */
function checkSource(c, at, s) {
  if (!s || typeof s !== 'object') {
    c.fail(`${at} is not an object`);
    return;
  }
  if (!(s.doc in c.docMaxYear)) c.fail(`${at}.doc "${s.doc}" is not a seed code`);
  if (!isNonEmptyString(s.where)) c.fail(`${at}.where is missing`);
  if (!isNonEmptyString(s.quote)) {
    c.fail(`${at}.quote is missing`);
    return;
  }
  const text = c.seedText(s.doc);
  if (text === null) c.fail(`${at}: seed file for ${s.doc} not found in ${c.seedsDir}`);
  else if (!text.includes(s.quote))
    c.fail(`${at}.quote not found verbatim in ${s.doc}: "${s.quote}"`);
  const n = [...s.quote.replace(/\([a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜńňǹ]*\)/g, '')].length;
  if (n < 4 || n > 80)
    c.warn(
      `${at}.quote has ${n} characters (aim for 10–80: the sentence that carries the fact, with its verb)`,
    );
}

function checkSources(c, where, sources) {
  if (!Array.isArray(sources) || sources.length === 0) {
    c.fail(`${where}: sources must be a non-empty array`);
    return;
  }
  for (const [i, s] of sources.entries()) checkSource(c, `${where}: sources[${i}]`, s);
}

/** One history step; returns its year (for the order check), or null when unusable. */
function checkStep(c, at, h) {
  if (!Number.isInteger(h?.year)) {
    c.fail(`${at}.year must be an integer`);
    return null;
  }
  if (!c.vocab.STATUSES.includes(h.status)) c.fail(`${at}.status "${h.status}" not in vocabulary`);
  if (!(h.source in c.docMaxYear)) {
    c.fail(`${at}.source "${h.source}" is not a seed code`);
    return null;
  }
  if (h.year < MIN_YEAR) c.fail(`${at}.year ${h.year} is before ${MIN_YEAR}`);
  if (h.year > c.docMaxYear[h.source]) {
    c.fail(`${at}.year ${h.year} is later than its source ${h.source} (${c.docMaxYear[h.source]})`);
  }
  return h.year;
}

function checkHistory(c, where, history, status) {
  if (history === undefined) return;
  if (!Array.isArray(history)) {
    c.fail(`${where}: history must be an array`);
    return;
  }
  let prev = 0;
  for (const [i, h] of history.entries()) {
    const at = `${where}: history[${i}]`;
    const year = checkStep(c, at, h);
    if (year === null) continue;
    if (year < prev) c.warn(`${at}: history is not in chronological order`);
    prev = year;
  }
  const last = history[history.length - 1];
  if (last && last.status !== status) {
    c.fail(
      `${where}: status "${status}" differs from the last history step "${last.status}" (one truth: the status is the last dated step)`,
    );
  }
}

/** A new id: kebab-case, with its kind's prefix, not seen before (then remembered). */
function checkNewId(c, where, id, kind, file) {
  if (!c.idPattern.test(id)) c.fail(`${where}: id is not ASCII kebab-case`);
  if (ID_PREFIX[kind] && !ID_PREFIX[kind].some((x) => id.startsWith(x))) {
    c.fail(`${where}: id must start with ${ID_PREFIX[kind].join(' or ')}`);
  }
  if (c.ids.has(id)) c.fail(`${where}: duplicate id (also in ${c.ids.get(id)})`);
  c.ids.set(id, file);
}

// ── placed items ──────────────────────────────────────────────────────────────
/** One item file, checked as a whole (null when missing or not JSON). */
function readItemFile(c, file) {
  const path = join(c.geodata, file);
  if (!existsSync(path)) {
    c.fail(`${file}: missing`);
    return null;
  }
  let fc;
  try {
    fc = readJson(path);
  } catch (e) {
    c.fail(`${file}: not JSON (${e instanceof Error ? e.message : String(e)})`);
    return null;
  }
  for (const e of gjv.valid(fc, true)) c.fail(`${file}: geojson-validation: ${e}`);
  if (fc.type !== 'FeatureCollection') c.fail(`${file}: not a FeatureCollection`);
  if ('crs' in fc) c.fail(`${file}: has a "crs" member (RFC 7946 forbids it)`);
  return fc;
}

/** The features of the item files, each with its file, kind and index. */
function loadItems(c) {
  const items = [];
  for (const [file, kind] of Object.entries(FILE_KIND)) {
    const fc = readItemFile(c, file);
    for (const [i, f] of (fc?.features || []).entries()) items.push({ file, kind, f, i });
  }
  return items;
}

/** An item's properties: id, kind, texts, vocabularies, history, sources, accuracy, zone. */
function checkItemProps(c, where, p, kind, file) {
  const { CATEGORIES, STATUSES, ACCURACIES } = {
    CATEGORIES: c.vocab.ITEM_CATEGORIES,
    STATUSES: c.vocab.STATUSES,
    ACCURACIES: c.vocab.ACCURACIES,
  };
  if (!isNonEmptyString(p.id)) c.fail(`${where}: id is missing`);
  else checkNewId(c, where, p.id, kind, file);
  if (p.kind !== kind) c.fail(`${where}: kind "${p.kind}" does not belong in ${file}`);
  for (const k of REQUIRED_TEXT) if (!isNonEmptyString(p[k])) c.fail(`${where}: ${k} is missing`);
  if (!CATEGORIES.includes(p.category))
    c.fail(`${where}: category "${p.category}" not in vocabulary`);
  if (!STATUSES.includes(p.status)) c.fail(`${where}: status "${p.status}" not in vocabulary`);
  if (!Array.isArray(p.history)) c.fail(`${where}: history must be an array (may be empty)`);
  checkHistory(c, where, p.history, p.status);
  checkSources(c, where, p.sources);
  if (!ACCURACIES.includes(p.accuracy))
    c.fail(`${where}: accuracy "${p.accuracy}" not in vocabulary`);
  checkAccuracy(c, where, p);
  if (p.zone !== undefined && !(p.zone in ZONE_FILES))
    c.fail(`${where}: zone "${p.zone}" is not a zone id`);
}

function checkAccuracy(c, where, p) {
  if (typeof p.accuracy_m !== 'number' || !(p.accuracy_m > 0))
    c.fail(`${where}: accuracy_m must be > 0`);
  if (p.accuracy === 'surveyed' && p.accuracy_m > 100)
    c.warn(`${where}: surveyed but accuracy_m ${p.accuracy_m}`);
  if (p.accuracy === 'schematic' && p.accuracy_m < 500)
    c.warn(`${where}: schematic with accuracy_m ${p.accuracy_m}`);
}

/** An item's geometry: a point, line or polygon inside the plan, at most 5 decimals. */
function checkItemGeometry(c, where, g) {
  if (!g || !GEOMETRY_TYPES.includes(g.type)) {
    c.fail(`${where}: geometry must be a Point, LineString or Polygon`);
    return;
  }
  for (const [lon, lat] of positionsOf(g)) {
    if (lon < EXTENT[0] || lon > EXTENT[2] || lat < EXTENT[1] || lat > EXTENT[3]) {
      c.fail(`${where}: position [${lon}, ${lat}] is outside the plan extent`);
    }
    if (decimals(lon) > 5 || decimals(lat) > 5)
      c.fail(`${where}: coordinates must have ≤ 5 decimals`);
  }
}

/** Points that share a coordinate (warned: one hides the other). */
function checkStacked(c, items) {
  const seenAt = new Map();
  for (const { f } of items) {
    if (f.geometry?.type !== 'Point') continue;
    const key = f.geometry.coordinates.join(',');
    if (seenAt.has(key))
      c.warn(`${f.properties.id} sits on the same coordinate as ${seenAt.get(key)}`);
    else seenAt.set(key, f.properties.id);
  }
}

// ── unlocated ─────────────────────────────────────────────────────────────────
function checkUnlocatedEntry(c, i, u) {
  const { ITEM_KINDS: KINDS, STATUSES, ITEM_CATEGORIES: CATEGORIES } = c.vocab;
  const where = `unlocated.json#${i} ${u?.id ?? '(no id)'}`;
  if (!KINDS.includes(u.kind)) c.fail(`${where}: kind "${u.kind}" not in vocabulary`);
  if (!isNonEmptyString(u.id) || !c.idPattern.test(u.id))
    c.fail(`${where}: id is not ASCII kebab-case`);
  else checkNewId(c, where, u.id, KINDS.includes(u.kind) ? u.kind : null, 'unlocated.json');
  for (const k of ['name_zh', 'name_en', 'reason']) {
    if (!isNonEmptyString(u[k])) c.fail(`${where}: ${k} is missing`);
  }
  if (!STATUSES.includes(u.status)) c.fail(`${where}: status "${u.status}" not in vocabulary`);
  if (u.category !== undefined && !CATEGORIES.includes(u.category)) {
    c.fail(`${where}: category "${u.category}" not in vocabulary`);
  }
  checkHistory(c, where, u.history, u.status);
  checkSources(c, where, u.sources);
}

/** The unlocated list; returns how many entries it has. */
function checkUnlocated(c) {
  const path = join(c.geodata, 'unlocated.json');
  if (!existsSync(path)) {
    c.fail('unlocated.json: missing');
    return 0;
  }
  const unl = readJson(path);
  if (!Array.isArray(unl)) {
    c.fail('unlocated.json: must be an array');
    return unl.length;
  }
  for (const [i, u] of unl.entries()) checkUnlocatedEntry(c, i, u);
  return unl.length;
}

// ── zones ─────────────────────────────────────────────────────────────────────
/** The zones of the zone files present, by id. */
function loadZones(geodata) {
  const zones = new Map();
  const present = new Set();
  for (const file of new Set(Object.values(ZONE_FILES))) {
    const path = join(geodata, file);
    if (!existsSync(path)) continue;
    present.add(file);
    for (const z of readJson(path).features || []) {
      if (z.properties?.id && z.geometry) zones.set(z.properties.id, z);
    }
  }
  return { zones, present };
}

/** An item that names a zone lies in it, or within its accuracy_m of it. */
function checkContainment(c, items, { zones, present }) {
  const skipped = new Set();
  for (const { file, f, i } of items) {
    const p = f.properties || {};
    if (!p.zone || !(p.zone in ZONE_FILES) || !f.geometry) continue;
    const zfile = ZONE_FILES[p.zone];
    const zone = zones.get(p.zone);
    if (!present.has(zfile)) skipped.add(zfile);
    else if (!zone) c.fail(`${file}#${i} ${p.id}: zone "${p.zone}" not found in ${zfile}`);
    else {
      const d = distanceToZone(representativePoint(f.geometry), zone);
      if (d > (p.accuracy_m || 0)) {
        c.fail(
          `${file}#${i} ${p.id}: ${Math.round(d)} m outside zone ${p.zone} (accuracy_m ${p.accuracy_m})`,
        );
      }
    }
  }
  for (const z of skipped)
    c.warn(`zone file ${z} not present yet: containment for its zones skipped`);
}

/** Optional: points should be on land, if a land layer exists. */
function checkLand(c, items) {
  const landPath = join(c.geodata, 'land.geojson');
  if (!existsSync(landPath)) return;
  const land = readJson(landPath).features.filter((x) => /Polygon/.test(x.geometry?.type ?? ''));
  for (const { f } of items) {
    const pt = representativePoint(f.geometry);
    if (!land.some((l) => booleanPointInPolygon(pt, l))) {
      c.warn(`${f.properties.id}: its (mid)point is not on land.geojson`);
    }
  }
}

/** One line per zone: the items inside it (`*`: the item declares that zone). */
function zoneReport(items, zones) {
  const report = [];
  for (const [zid, zone] of zones) {
    if (!(zid in ZONE_FILES)) continue;
    const inside = items
      .filter(({ f }) => f.geometry && distanceToZone(representativePoint(f.geometry), zone) === 0)
      .map(({ f }) => `${f.properties.id}${f.properties.zone === zid ? '*' : ''}`);
    report.push(`  ${zid} (${inside.length}): ${inside.join(', ') || '—'}`);
  }
  return report;
}

/**
 * @param {{ geodata: string, seedsDir: string, vocab: CheckVocab }} opts
 * @returns {{ failures: string[], warnings: string[], report: string[], features: number, unlocated: number }}
 */
export function checkItems({ geodata, seedsDir, vocab }) {
  /** @type {string[]} */
  const failures = [];
  /** @type {string[]} */
  const warnings = [];
  // The vocabularies come from the element's own source (src/plan/types.ts): one list each.
  /** @type {Checks} */
  const c = {
    geodata,
    seedsDir,
    vocab,
    idPattern: vocab.ID_PATTERN,
    docMaxYear: Object.fromEntries(
      readJson(join(geodata, 'plan.json')).sources.map((s) => [s.id, Number(s.date.slice(0, 4))]),
    ),
    seedText: seedReader(geodata, seedsDir),
    fail: (msg) => failures.push(msg),
    warn: (msg) => warnings.push(msg),
    ids: new Map(),
  };
  const items = loadItems(c);
  for (const { file, kind, f, i } of items) {
    const p = f.properties || {};
    const where = `${file}#${i} ${p.id ?? '(no id)'}`;
    checkItemProps(c, where, p, kind, file);
    checkItemGeometry(c, where, f.geometry);
  }
  for (const id of REQUIRED_IDS) if (!c.ids.has(id)) c.fail(`required id ${id} is missing`);
  checkStacked(c, items);
  const unlocated = checkUnlocated(c);
  const zoneFiles = loadZones(geodata);
  checkContainment(c, items, zoneFiles);
  checkLand(c, items);
  const report = zoneReport(items, zoneFiles.zones);
  return { failures, warnings, report, features: items.length, unlocated };
}
