// @ts-check
/**
 * Builds geodata/corridor.geojson: the 一廊, 大连高新区科创大走廊, and its three sections.
 *
 * Run after build-basemap.mjs (it clips to geodata/land.geojson):
 *   node scripts/build-corridor.mjs
 * Deterministic: the same inputs give byte-identical output. Provenance and the derivation
 * parameters: geodata/README-basemap.md.
 *
 * S003 第七章 第一节 draws the corridor "沿旅顺南路一线" and gives its sections only as
 * 东部 / 中部 / 西部 with the areas each should develop. Nothing in the plan fixes a width or
 * a boundary, so the band is schematic: a buffer around the 旅顺南路 axis, clipped to land,
 * cut where the axis leaves the zone and split between the stations that anchor each
 * section's named areas.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  area,
  bboxPolygon,
  buffer,
  feature,
  featureCollection,
  intersect,
  lineString,
} from '@turf/turf';
import {
  countVertices,
  outDir,
  readJson,
  roundCoord,
  roundPolygonal,
  sharedPath,
  writeFeatureCollection,
} from './lib/geodata.mjs';
import { pinyinKeys } from './lib/pinyin.mjs';

/** Half-width of the band, in kilometres: the road ±0.7 km at least, given the axis is ±0.5 km off it. */
const HALF_WIDTH_KM = 1.2;

/**
 * The axis runs between these proxy stations: 黑石礁 is the zone's east edge; the zone does
 * not reach 旅顺 city, so it stops at 塔河湾, the last station before it.
 */
const EAST_END_STATION = 'heishijiao_metro';
const WEST_END_STATION = 'tahewan_metro';

/**
 * Section boundaries, east to west, each midway between two anchors (gazetteer names):
 * - east | central between 蔡大岭 and 黄泥川 stations: the east section is the urban
 *   七贤岭–凌水–河口 part with 小平岛 and 蔡大岭; the central one starts with 黄泥川, whose
 *   development the plan puts there.
 * - central | west between 龙王塘 station and the 英歌石 point: 龙王塘 is central in the plan,
 *   英歌石科学城 western. (Midway 龙王塘–塔河湾, 121.367°E, would leave the 英歌石 point,
 *   121.369°E, in the central section.) The 英歌石 point is ±2 km, so is this boundary.
 */
const SPLITS = [
  ['蔡大岭(12号线站)', '黄泥川(12号线站)'],
  ['龙王塘(12号线站)', '英歌石(村/植物园)'],
];

const SEED_S003 = 'seeds/003_2ae4c4ed632c0497.txt';
const WHERE = '第七章 第一节';

const SECTIONS = [
  {
    id: 'corridor-east',
    name_zh: '东部综合创新区段',
    name_en: 'East section (integrated innovation)',
    quote: '东部区域以综合创新为重点,依托相对成熟的城市形态、功能业态',
    summary_zh:
      '东部区域以综合创新为重点,依托相对成熟的城市形态、功能业态,加速完善创新创业生态,提升创新发展活力。',
    summary_en:
      'The east focuses on integrated innovation: building on its mature urban form and functions, it completes the innovation and start-up ecosystem and lifts innovation vitality.',
  },
  {
    id: 'corridor-central',
    name_zh: '中部产业创新区段',
    name_en: 'Central section (industrial innovation)',
    quote: '中部区域以产业创新为重点,加快黄泥川区域建设发展,推动龙王塘区域城市形态升级',
    summary_zh:
      '中部区域以产业创新为重点,加快黄泥川区域建设发展,推动龙王塘区域城市形态升级、产业腾笼换鸟。',
    summary_en:
      'The centre focuses on industrial innovation: speeding up the development of Huangnichuan and upgrading the urban form and industries of Longwangtang.',
  },
  {
    id: 'corridor-west',
    name_zh: '西部技术创新区段',
    name_en: 'West section (technological innovation)',
    quote: '西部区域以技术创新为重点,加快英歌石科学城建设',
    summary_zh: '西部区域以技术创新为重点,加快英歌石科学城建设。',
    summary_en:
      'The west focuses on technological innovation: speeding up the construction of Yinggeshi Science City.',
  },
];

// --- Inputs --------------------------------------------------------------------------

const proxy = readJson(sharedPath('reference/lushun-south-road-proxy.geojson')).features[0];
const gazetteer = readJson(sharedPath('reference/gazetteer.geojson'));
const seed = readFileSync(sharedPath(SEED_S003), 'utf8');
const land = readJson(resolve(outDir(), 'land.geojson')).features[0];

const { stations } = proxy.properties;
const coords = proxy.geometry.coordinates;
if (stations.length !== coords.length) {
  throw new Error('proxy line: expected one vertex per station in properties.stations');
}
const [first, last] = [stations.indexOf(EAST_END_STATION), stations.indexOf(WEST_END_STATION)];
if (first < 0 || last <= first) {
  throw new Error(`proxy line: ${EAST_END_STATION} must come before ${WEST_END_STATION}`);
}
const axis = lineString(coords.slice(first, last + 1));
const eastLon = axis.geometry.coordinates[0][0];
const westLon = /** @type {number[]} */ (axis.geometry.coordinates.at(-1))[0];

function lonOf(name) {
  const f = gazetteer.features.find((g) => g.properties.name_zh === name);
  if (!f) throw new Error(`anchor ${name} is not in the gazetteer`);
  return f.geometry.coordinates[0];
}
const splitLons = SPLITS.map(([a, b]) => roundCoord((lonOf(a) + lonOf(b)) / 2));
if (!(eastLon > splitLons[0] && splitLons[0] > splitLons[1] && splitLons[1] > westLon)) {
  throw new Error(`section boundaries ${splitLons} are not in order along the axis`);
}

// Quotes must be the seed's own characters (its commas are half-width: "一线,整体").
const CORRIDOR_QUOTE = '沿旅顺南路一线,整体上建设贯穿全区的大连高新区科创大走廊';
for (const quote of [CORRIDOR_QUOTE, ...SECTIONS.map((s) => s.quote)]) {
  if (!seed.includes(quote)) throw new Error(`quote not found verbatim in S003: ${quote}`);
}

// --- Band: buffer the axis, keep land, cut at the ends, split into sections --------------

/** Everything between two meridians, as a polygon to intersect with. */
const slab = (west, east) => bboxPolygon([west, -90, east, 90]);

const band = buffer(axis, HALF_WIDTH_KM, { units: 'kilometers' });
const onLand = intersect(featureCollection([band, land]));
// The buffer's round caps would reach 1.2 km past the end stations (east of 黑石礁 into
// 星海, west of 塔河湾 toward 旅顺): cut both ends square at the stations instead.
const corridorGeometry = roundPolygonal(
  /** @type {any} */ (
    intersect(
      /** @type {any} */ (featureCollection([/** @type {any} */ (onLand), slab(westLon, eastLon)])),
    )
  ).geometry,
);

const derivation =
  `Schematic. Axis: ../shared/reference/lushun-south-road-proxy.geojson (OSM metro stations ` +
  `along 旅顺南路, ±100–500 m off the road) from 黑石礁 (${eastLon}) west to 塔河湾 ` +
  `(${westLon}); turf.buffer ${HALF_WIDTH_KM} km each side; intersected with ` +
  `geodata/land.geojson; cut at the end stations' longitudes; sections split at ` +
  SPLITS.map(([a, b], i) => `${splitLons[i]}°E (midway ${a}–${b})`).join(' and ') +
  '. Built by scripts/build-corridor.mjs.';

const corridor = feature(/** @type {any} */ (corridorGeometry), {
  id: 'corridor',
  kind: 'corridor',
  name_zh: '大连高新区科创大走廊(一廊)',
  name_en: 'Science & Innovation Corridor (One Corridor)',
  ...pinyinKeys('大连高新区科创大走廊(一廊)'),
  summary_zh: '沿旅顺南路一线,整体上建设贯穿全区的大连高新区科创大走廊,打造全市创新策源中心。',
  summary_en:
    "Along the Lüshun South Road, the Dalian High-tech Zone Science & Innovation Corridor runs through the whole zone, making it the city's centre of original innovation.",
  sources: [{ doc: 'S003', where: WHERE, quote: CORRIDOR_QUOTE }],
  accuracy: 'schematic',
  // The axis is ±0.5 km off the road and the width is a choice, not a plan figure.
  accuracy_m: 1000,
  half_width_km: HALF_WIDTH_KM,
  west_lon: westLon,
  east_lon: eastLon,
  split_lons: splitLons,
  derivation,
});

// Meridians from east to west; section i lies between edges i + 1 and i.
const edges = [eastLon, ...splitLons, westLon];
const sections = SECTIONS.map(({ id, quote, ...names }, i) => {
  const [west, east] = [edges[i + 1], edges[i]];
  const part = /** @type {any} */ (
    intersect(/** @type {any} */ (featureCollection([corridor, slab(west, east)])))
  );
  return feature(/** @type {any} */ (roundPolygonal(part.geometry)), {
    id,
    kind: 'subzone',
    parent: 'corridor',
    ...names,
    ...pinyinKeys(names.name_zh),
    sources: [{ doc: 'S003', where: WHERE, quote }],
    accuracy: 'schematic',
    // The plan names the sections but draws no boundary between them.
    accuracy_m: 2000,
    west_lon: west,
    east_lon: east,
    derivation: `The corridor band between ${west}°E and ${east}°E.`,
  });
});
writeFeatureCollection('geodata/corridor.geojson', [corridor, ...sections]);

const km2 = (f) => (area(f) / 1e6).toFixed(1);
console.log(`axis: ${axis.geometry.coordinates.length} vertices, ${eastLon} → ${westLon}°E`);
console.log(`half-width ${HALF_WIDTH_KM} km; splits at ${splitLons.join(', ')}°E`);
for (const f of [corridor, ...sections]) {
  console.log(
    `  ${f.properties.id.padEnd(17)} ${String(countVertices(f)).padStart(4)} vertices ${km2(f).padStart(6)} km²`,
  );
}
