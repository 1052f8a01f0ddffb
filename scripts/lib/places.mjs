// @ts-check
/**
 * Reference labels for the map (geodata/places.geojson), taken from the shared gazetteer.
 *
 * Kept: area and landmark labels (gazetteer kind `place`), bays and the reservoir (`water`)
 * and metro/tram stations (`transit`), all as `kind: "place"` with a `category`.
 * Left out: the gazetteer's `poi` entries. They are either the evidence an area or landmark
 * label was derived from (大连理工大学, 东软信息学院 and 凌水派出所 sit exactly on the
 * labels they located) or single buildings (court, bureaus, schools, a bank, a mall) that
 * belong to the plan's item layers, not to the reference labels.
 *
 * Duplicates: several labels share a position with a station because the station is how
 * they were located (七贤岭, 黑石礁, 河口, 蔡大岭, 黄泥川, 龙王塘; 大连化物所 and the
 * 化物所 tram stop). They are different things, an area (±500 m) and a station node
 * (±30 m), so both are kept, with different ids and categories; the map can show areas at
 * low zoom and stations at high zoom. Two entries at one position with the same category
 * would be the same thing twice, and the build fails on them.
 */
import { roundPosition } from './geodata.mjs';

/** Gazetteer kinds taken into the places layer. */
const KEPT_KINDS = new Set(['place', 'water', 'transit']);

/** Categories whose position is an OpenStreetMap station node: the only surveyed ones. */
const STATION_CATEGORIES = new Set(['metro-station', 'tram-stop']);

/**
 * One row per kept gazetteer entry, keyed by its `name_zh`: the stable id slug (pinyin,
 * kebab-case), the category, an English name where the gazetteer's needs more than
 * dropping its "(…)" qualifier, and an error radius where the gazetteer's confidence gives
 * none (area labels placed on a station get the ±500 m the gazetteer gives the others).
 * A new gazetteer entry fails the build until it has a row here.
 */
const PLACES = {
  七贤岭: { slug: 'qixianling', category: 'area' },
  '凌水(街道)': { slug: 'lingshui', category: 'area' },
  '大连理工大学(凌水主校区,凌工路2号)': {
    slug: 'dalian-university-of-technology',
    category: 'landmark',
    name_en: 'Dalian University of Technology',
    note_en: 'Lingshui main campus, 2 Linggong Rd',
  },
  '大连海事大学(凌海路1号)': {
    slug: 'dalian-maritime-university',
    category: 'landmark',
    note_en: '1 Linghai Rd',
  },
  凌水湾: { slug: 'lingshui-bay', category: 'water', accuracy_m: 1000 },
  小平岛: { slug: 'xiaopingdao', category: 'area' },
  '黑石礁(高新区东缘)': {
    slug: 'heishijiao',
    category: 'area',
    note_en: 'east edge of the High-tech Zone',
    accuracy_m: 500,
  },
  星海湾: { slug: 'xinghai-bay', category: 'water', accuracy_m: 1000 },
  河口: { slug: 'hekou', category: 'area', accuracy_m: 500 },
  河口湾: { slug: 'hekou-bay', category: 'water', accuracy_m: 1000 },
  黄泥川: { slug: 'huangnichuan', category: 'area' },
  '龙王塘(街道/站)': { slug: 'longwangtang', category: 'area', accuracy_m: 500 },
  龙王塘樱花园: { slug: 'longwangtang-cherry-blossom-park', category: 'landmark' },
  龙王塘水库: { slug: 'longwangtang-reservoir', category: 'water' },
  '英歌石(村/植物园)': { slug: 'yinggeshi', category: 'area' },
  蔡大岭: { slug: 'caidaling', category: 'area', accuracy_m: 500 },
  金龙寺国家森林公园: { slug: 'jinlongsi-national-forest-park', category: 'landmark' },
  '大连化学物理研究所(中山路457号)': {
    slug: 'dalian-institute-of-chemical-physics',
    category: 'landmark',
    name_en: 'Dalian Institute of Chemical Physics (DICP)',
    note_en: 'old campus, 457 Zhongshan Rd',
  },
  '大连软件园/东软信息学院': {
    slug: 'dalian-software-park',
    category: 'landmark',
    name_en: 'Dalian Software Park / Neusoft University of Information',
    accuracy_m: 300,
  },
  '七贤岭(地铁1号线站)': { slug: 'qixianling-station', category: 'metro-station' },
  '海事大学(地铁站)': { slug: 'haishidaxue-station', category: 'metro-station' },
  '学苑广场(地铁站)': { slug: 'xueyuanguangchang-station', category: 'metro-station' },
  '黑石礁(地铁站)': { slug: 'heishijiao-station', category: 'metro-station' },
  '大医二院(地铁站)': { slug: 'dayieryuan-station', category: 'metro-station' },
  '星海广场(地铁站)': { slug: 'xinghaiguangchang-station', category: 'metro-station' },
  '河口(地铁1号线/12号线站)': { slug: 'hekou-station', category: 'metro-station' },
  '蔡大岭(12号线站)': { slug: 'caidaling-station', category: 'metro-station' },
  '黄泥川(12号线站)': { slug: 'huangnichuan-station', category: 'metro-station' },
  '龙王塘(12号线站)': { slug: 'longwangtang-station', category: 'metro-station' },
  '塔河湾(12号线站)': { slug: 'tahewan-station', category: 'metro-station' },
  '旅顺(12号线站)': { slug: 'lushun-station', category: 'metro-station' },
  '铁山(12号线站)': { slug: 'tieshan-station', category: 'metro-station' },
  '旅顺新港(12号线站)': { slug: 'lushunxingang-station', category: 'metro-station' },
  '小平岛前(202路电车站)': { slug: 'xiaopingdaoqian-tram', category: 'tram-stop' },
  '七贤岭(202路电车站)': { slug: 'qixianling-tram', category: 'tram-stop' },
  '中国华录(202路电车站)': { slug: 'zhongguohualu-tram', category: 'tram-stop' },
  '万达广场(202路电车站)': { slug: 'wandaguangchang-tram', category: 'tram-stop' },
  '星海公园(202路电车站)': { slug: 'xinghaigongyuan-tram', category: 'tram-stop' },
  '化物所(202路电车站)': { slug: 'huawusuo-tram', category: 'tram-stop' },
};

/** `七贤岭(地铁1号线站)` → name `七贤岭`, note `地铁1号线站` (full- or half-width brackets). */
function splitQualifier(text) {
  const m = /^(.*?)\s*[(（](.*)[)）]$/.exec(text);
  return m ? { name: m[1], note: m[2] } : { name: text, note: undefined };
}

/** Largest "±N m" / "±N km" in a gazetteer confidence string, in metres. */
function radiusFromConfidence(confidence) {
  const radii = [...confidence.matchAll(/±\s*([\d.]+)\s*(k?m)\b/g)].map(
    ([, n, unit]) => Number(n) * (unit === 'km' ? 1000 : 1),
  );
  return radii.length > 0 ? radii.reduce((a, b) => Math.max(a, b)) : undefined;
}

function placeFeature(entry) {
  const g = entry.properties;
  const row = PLACES[g.name_zh];
  if (!row) throw new Error(`gazetteer entry ${g.name_zh} has no row in scripts/lib/places.mjs`);
  const zh = splitQualifier(g.name_zh);
  const en = splitQualifier(g.name_en);
  const isStation = STATION_CATEGORIES.has(row.category);
  if (isStation && !g.source.startsWith('OSM')) {
    throw new Error(`${g.name_zh}: a station that is not an OSM node cannot be surveyed`);
  }
  const accuracy_m = radiusFromConfidence(g.confidence) ?? row.accuracy_m;
  if (accuracy_m === undefined) throw new Error(`${g.name_zh}: no error radius`);
  const note_zh = zh.note;
  const note_en = row.note_en ?? en.note;
  return {
    type: 'Feature',
    properties: {
      id: `place-${row.slug}`,
      kind: 'place',
      category: row.category,
      // A station is labelled as one (七贤岭站); its line goes to the note.
      name_zh: isStation ? `${zh.name}站` : zh.name,
      name_en: row.name_en ?? en.name,
      ...(note_zh && { note_zh }),
      ...(note_en && { note_en }),
      sources: [],
      accuracy: isStation ? 'surveyed' : 'approximate',
      accuracy_m,
      source: g.source,
      source_datum: g.source_datum,
      confidence: g.confidence,
      ...(g.derivation && { derivation: g.derivation }),
    },
    geometry: { type: 'Point', coordinates: roundPosition(entry.geometry.coordinates) },
  };
}

/** Pairs of places that share a position. */
export function colocatedPairs(places) {
  const pairs = [];
  places.forEach((a, i) => {
    for (const b of places.slice(i + 1)) {
      if (a.geometry.coordinates.join() === b.geometry.coordinates.join()) pairs.push([a, b]);
    }
  });
  return pairs;
}

/** Place features from the gazetteer, in gazetteer order; fails on a same-thing duplicate. */
export function buildPlaces(gazetteer) {
  const places = gazetteer.features
    .filter((f) => KEPT_KINDS.has(f.properties.kind))
    .map(placeFeature);
  for (const [a, b] of colocatedPairs(places)) {
    if (a.properties.category === b.properties.category) {
      throw new Error(`${a.properties.id} and ${b.properties.id} are one thing twice`);
    }
  }
  return places;
}
