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

/**
 * @typedef {object} CheckVocab
 * @property {readonly string[]} ITEM_KINDS
 * @property {readonly string[]} STATUSES
 * @property {readonly string[]} ACCURACIES
 * @property {readonly string[]} ITEM_CATEGORIES
 */

/**
 * @param {{ geodata: string, seedsDir: string, vocab: CheckVocab }} opts
 * @returns {{ failures: string[], warnings: string[], report: string[], features: number, unlocated: number }}
 */
export function checkItems({ geodata, seedsDir, vocab }) {
  /** @type {string[]} */
  const failures = [];
  /** @type {string[]} */
  const warnings = [];
  /** @type {string[]} */
  const report = [];
  const fail = (/** @type {string} */ msg) => failures.push(msg);
  const warn = (/** @type {string} */ msg) => warnings.push(msg);
  const { ITEM_KINDS: KINDS, STATUSES, ACCURACIES, ITEM_CATEGORIES: CATEGORIES } = vocab;
  // ── vocabularies ────────────────────────────────────────────────────────────
  // The vocabularies come from the element's own source (src/plan/types.ts): one list each.
  const FILE_KIND = {
    'projects.geojson': 'project',
    'labs.geojson': 'lab',
    'infrastructure.geojson': 'infrastructure',
  };
  const ID_PREFIX = { project: ['project-', 'park-'], lab: ['lab-'], infrastructure: ['infra-'] };
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
  /** Latest year a source may report (its publication date); earliest year for any step. */
  /** A history step may not be later than the date of the document that reports it. */
  const DOC_MAX_YEAR = Object.fromEntries(
    JSON.parse(readFileSync(join(geodata, 'plan.json'), 'utf8')).sources.map((s) => [
      s.id,
      Number(s.date.slice(0, 4)),
    ]),
  );
  const MIN_YEAR = 2016;
  const REQUIRED_IDS = [
    'park-huangnichuan-intelligent-manufacturing',
    'park-longtou-industrial-town',
  ];
  /** Loose plan extent: anything outside is surely a typo or a datum slip. */
  const EXTENT = [121.1, 38.7, 121.8, 39.1];
  const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;

  // ── seeds ───────────────────────────────────────────────────────────────────
  function seedFiles() {
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
      for (const s of JSON.parse(readFileSync(plan, 'utf8')).sources || []) {
        if (s.file && !map[s.id]) map[s.id] = s.file;
      }
    }
    return map;
  }
  const SEED_FILE = seedFiles();
  const seedCache = {};
  function seedText(doc) {
    if (!(doc in seedCache)) {
      const f = SEED_FILE[doc] && join(seedsDir, SEED_FILE[doc]);
      seedCache[doc] = f && existsSync(f) ? readFileSync(f, 'utf8') : null;
    }
    return seedCache[doc];
  }

  // ── helpers ─────────────────────────────────────────────────────────────────
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

  /** Distance in metres from a point to a zone (0 inside; polygons, multipolygons or lines). */
  function distanceToZone(pt, zone) {
    const g = zone.geometry;
    if (g.type === 'Polygon' || g.type === 'MultiPolygon') {
      if (booleanPointInPolygon(pt, zone)) return 0;
      let best = Number.POSITIVE_INFINITY;
      for (const l of flatten(polygonToLine(zone)).features) {
        best = Math.min(best, pointToLineDistance(pt, l, { units: 'meters' }));
      }
      return best;
    }
    if (g.type === 'LineString' || g.type === 'MultiLineString') {
      let best = Number.POSITIVE_INFINITY;
      for (const l of flatten(zone).features) {
        best = Math.min(best, pointToLineDistance(pt, /** @type {any} */ (l), { units: 'meters' }));
      }
      return best;
    }
    return Number.POSITIVE_INFINITY;
  }

  // ── checks shared by features and unlocated items ───────────────────────────
  function checkSources(where, sources) {
    if (!Array.isArray(sources) || sources.length === 0) {
      fail(`${where}: sources must be a non-empty array`);
      return;
    }
    for (const [i, s] of sources.entries()) {
      const at = `${where}: sources[${i}]`;
      if (!s || typeof s !== 'object') {
        fail(`${at} is not an object`);
        continue;
      }
      if (!(s.doc in DOC_MAX_YEAR)) fail(`${at}.doc "${s.doc}" is not a seed code`);
      if (!isNonEmptyString(s.where)) fail(`${at}.where is missing`);
      if (!isNonEmptyString(s.quote)) {
        fail(`${at}.quote is missing`);
        continue;
      }
      const text = seedText(s.doc);
      if (text === null) fail(`${at}: seed file for ${s.doc} not found in ${seedsDir}`);
      else if (!text.includes(s.quote))
        fail(`${at}.quote not found verbatim in ${s.doc}: "${s.quote}"`);
      const n = [...s.quote.replace(/\([a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜńňǹ]*\)/g, '')].length;
      if (n < 4 || n > 80)
        warn(
          `${at}.quote has ${n} characters (aim for 10–80: the sentence that carries the fact, with its verb)`,
        );
    }
  }

  function checkHistory(where, history, status) {
    if (history === undefined) return;
    if (!Array.isArray(history)) {
      fail(`${where}: history must be an array`);
      return;
    }
    let prev = 0;
    for (const [i, h] of history.entries()) {
      const at = `${where}: history[${i}]`;
      if (!Number.isInteger(h?.year)) {
        fail(`${at}.year must be an integer`);
        continue;
      }
      if (!STATUSES.includes(h.status)) fail(`${at}.status "${h.status}" not in vocabulary`);
      if (!(h.source in DOC_MAX_YEAR)) {
        fail(`${at}.source "${h.source}" is not a seed code`);
        continue;
      }
      if (h.year < MIN_YEAR) fail(`${at}.year ${h.year} is before ${MIN_YEAR}`);
      if (h.year > DOC_MAX_YEAR[h.source]) {
        fail(
          `${at}.year ${h.year} is later than its source ${h.source} (${DOC_MAX_YEAR[h.source]})`,
        );
      }
      if (h.year < prev) warn(`${at}: history is not in chronological order`);
      prev = h.year;
    }
    const last = history[history.length - 1];
    if (last && last.status !== status) {
      fail(
        `${where}: status "${status}" differs from the last history step "${last.status}" (one truth: the status is the last dated step)`,
      );
    }
  }

  // ── load ────────────────────────────────────────────────────────────────────
  const ids = new Map();
  const items = [];
  for (const [file, kind] of Object.entries(FILE_KIND)) {
    const path = join(geodata, file);
    if (!existsSync(path)) {
      fail(`${file}: missing`);
      continue;
    }
    let fc;
    try {
      fc = readJson(path);
    } catch (e) {
      fail(`${file}: not JSON (${e instanceof Error ? e.message : String(e)})`);
      continue;
    }
    for (const e of gjv.valid(fc, true)) fail(`${file}: geojson-validation: ${e}`);
    if (fc.type !== 'FeatureCollection') fail(`${file}: not a FeatureCollection`);
    if ('crs' in fc) fail(`${file}: has a "crs" member (RFC 7946 forbids it)`);
    for (const [i, f] of (fc.features || []).entries()) items.push({ file, kind, f, i });
  }

  for (const { file, kind, f, i } of items) {
    const p = f.properties || {};
    const where = `${file}#${i} ${p.id ?? '(no id)'}`;
    if (!isNonEmptyString(p.id)) fail(`${where}: id is missing`);
    else {
      if (!KEBAB.test(p.id)) fail(`${where}: id is not ASCII kebab-case`);
      if (!ID_PREFIX[kind].some((x) => p.id.startsWith(x))) {
        fail(`${where}: id must start with ${ID_PREFIX[kind].join(' or ')}`);
      }
      if (ids.has(p.id)) fail(`${where}: duplicate id (also in ${ids.get(p.id)})`);
      ids.set(p.id, file);
    }
    if (p.kind !== kind) fail(`${where}: kind "${p.kind}" does not belong in ${file}`);
    for (const k of [
      'name_zh',
      'name_en',
      'summary_zh',
      'summary_en',
      'position_note',
      'position_source',
    ]) {
      if (!isNonEmptyString(p[k])) fail(`${where}: ${k} is missing`);
    }
    if (!CATEGORIES.includes(p.category))
      fail(`${where}: category "${p.category}" not in vocabulary`);
    if (!STATUSES.includes(p.status)) fail(`${where}: status "${p.status}" not in vocabulary`);
    if (!Array.isArray(p.history)) fail(`${where}: history must be an array (may be empty)`);
    checkHistory(where, p.history, p.status);
    checkSources(where, p.sources);
    if (!ACCURACIES.includes(p.accuracy))
      fail(`${where}: accuracy "${p.accuracy}" not in vocabulary`);
    if (typeof p.accuracy_m !== 'number' || !(p.accuracy_m > 0))
      fail(`${where}: accuracy_m must be > 0`);
    if (p.accuracy === 'surveyed' && p.accuracy_m > 100)
      warn(`${where}: surveyed but accuracy_m ${p.accuracy_m}`);
    if (p.accuracy === 'schematic' && p.accuracy_m < 500)
      warn(`${where}: schematic with accuracy_m ${p.accuracy_m}`);
    if (p.zone !== undefined && !(p.zone in ZONE_FILES))
      fail(`${where}: zone "${p.zone}" is not a zone id`);

    const g = f.geometry;
    if (!g || !['Point', 'LineString', 'Polygon'].includes(g.type)) {
      fail(`${where}: geometry must be a Point, LineString or Polygon`);
      continue;
    }
    for (const [lon, lat] of positionsOf(g)) {
      if (lon < EXTENT[0] || lon > EXTENT[2] || lat < EXTENT[1] || lat > EXTENT[3]) {
        fail(`${where}: position [${lon}, ${lat}] is outside the plan extent`);
      }
      if (decimals(lon) > 5 || decimals(lat) > 5)
        fail(`${where}: coordinates must have ≤ 5 decimals`);
    }
  }

  for (const id of REQUIRED_IDS) if (!ids.has(id)) fail(`required id ${id} is missing`);

  // stacked points
  const seenAt = new Map();
  for (const { f } of items) {
    if (f.geometry?.type !== 'Point') continue;
    const key = f.geometry.coordinates.join(',');
    if (seenAt.has(key))
      warn(`${f.properties.id} sits on the same coordinate as ${seenAt.get(key)}`);
    else seenAt.set(key, f.properties.id);
  }

  // ── unlocated ───────────────────────────────────────────────────────────────
  const unlPath = join(geodata, 'unlocated.json');
  if (!existsSync(unlPath)) fail('unlocated.json: missing');
  else {
    const unl = readJson(unlPath);
    if (!Array.isArray(unl)) fail('unlocated.json: must be an array');
    else {
      for (const [i, u] of unl.entries()) {
        const where = `unlocated.json#${i} ${u?.id ?? '(no id)'}`;
        if (!KINDS.includes(u.kind)) fail(`${where}: kind "${u.kind}" not in vocabulary`);
        if (!isNonEmptyString(u.id) || !KEBAB.test(u.id))
          fail(`${where}: id is not ASCII kebab-case`);
        else {
          if (KINDS.includes(u.kind) && !ID_PREFIX[u.kind].some((x) => u.id.startsWith(x))) {
            fail(`${where}: id must start with ${ID_PREFIX[u.kind].join(' or ')}`);
          }
          if (ids.has(u.id)) fail(`${where}: duplicate id (also in ${ids.get(u.id)})`);
          ids.set(u.id, 'unlocated.json');
        }
        for (const k of ['name_zh', 'name_en', 'reason']) {
          if (!isNonEmptyString(u[k])) fail(`${where}: ${k} is missing`);
        }
        if (!STATUSES.includes(u.status)) {
          fail(`${where}: status "${u.status}" not in vocabulary`);
        }
        if (u.category !== undefined && !CATEGORIES.includes(u.category)) {
          fail(`${where}: category "${u.category}" not in vocabulary`);
        }
        checkHistory(where, u.history, u.status);
        checkSources(where, u.sources);
      }
    }
  }

  // ── zones ───────────────────────────────────────────────────────────────────
  const zones = new Map();
  const zoneFilesPresent = new Set();
  for (const file of new Set(Object.values(ZONE_FILES))) {
    const path = join(geodata, file);
    if (!existsSync(path)) continue;
    zoneFilesPresent.add(file);
    for (const z of readJson(path).features || []) {
      if (z.properties?.id && z.geometry) zones.set(z.properties.id, z);
    }
  }
  const skipped = new Set();
  for (const { file, f, i } of items) {
    const p = f.properties || {};
    if (!p.zone || !(p.zone in ZONE_FILES) || !f.geometry) continue;
    const zfile = ZONE_FILES[p.zone];
    if (!zoneFilesPresent.has(zfile)) {
      skipped.add(zfile);
      continue;
    }
    const zone = zones.get(p.zone);
    if (!zone) {
      fail(`${file}#${i} ${p.id}: zone "${p.zone}" not found in ${zfile}`);
      continue;
    }
    const d = distanceToZone(representativePoint(f.geometry), zone);
    if (d > (p.accuracy_m || 0)) {
      fail(
        `${file}#${i} ${p.id}: ${Math.round(d)} m outside zone ${p.zone} (accuracy_m ${p.accuracy_m})`,
      );
    }
  }
  for (const z of skipped)
    warn(`zone file ${z} not present yet: containment for its zones skipped`);

  // optional: points should be on land, if a land layer exists
  const landPath = join(geodata, 'land.geojson');
  if (existsSync(landPath)) {
    const land = readJson(landPath).features.filter((x) => /Polygon/.test(x.geometry?.type ?? ''));
    for (const { f } of items) {
      const pt = representativePoint(f.geometry);
      if (!land.some((l) => booleanPointInPolygon(pt, l))) {
        warn(`${f.properties.id}: its (mid)point is not on land.geojson`);
      }
    }
  }

  // ── report ──────────────────────────────────────────────────────────────────
  for (const [zid, zone] of zones) {
    if (!(zid in ZONE_FILES)) continue;
    const inside = items
      .filter(({ f }) => f.geometry && distanceToZone(representativePoint(f.geometry), zone) === 0)
      .map(({ f }) => `${f.properties.id}${f.properties.zone === zid ? '*' : ''}`);
    report.push(`  ${zid} (${inside.length}): ${inside.join(', ') || '—'}`);
  }
  const nUnl = existsSync(unlPath) ? readJson(unlPath).length : 0;
  return { failures, warnings, report, features: items.length, unlocated: nUnl };
}
