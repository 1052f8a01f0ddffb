#!/usr/bin/env node
// @ts-check
/**
 * Builds the plan's layout layers (一心, 一城, 多组团, 生态核, 西拓/北延 and the industrial
 * corridor) from the schematic outlines below.
 *
 * Why a script and not hand-edited GeoJSON: the seed documents give no coordinates, so every
 * outline here is a sketch drawn around reference anchors (../shared/reference/gazetteer.geojson,
 * WGS84). Keeping the sketch, its anchors and its citations in one reviewed file — and deriving
 * the parent zones (center = CBD ∪ CID, science-city = 英歌石 ∪ 鲍鱼肚) and the land clipping with
 * Turf — makes the output reproducible and the reasoning auditable.
 *
 *   node scripts/build-layout.mjs        # writes geodata/{center,science-city,clusters,eco-core,expansion,industrial-corridor}.geojson
 *
 * Deterministic: same inputs → byte-identical outputs.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  booleanClockwise,
  destination,
  featureCollection,
  intersect,
  lineString,
  point,
  polygon,
  rewind,
  truncate,
  union,
} from '@turf/turf';
import { outDir } from './lib/geodata.mjs';
import { pinyinKeys } from './lib/pinyin.mjs';

const geodata = outDir();

const S003_LAYOUT = { doc: 'S003', where: '第七章 第一节' };
const S001_CORRIDOR = { doc: 'S001', where: '二、2025年工作安排' };

/**
 * Outline sketches, [lng, lat] WGS84, drawn around the anchors named in `anchors` (ZONES below).
 * They live in geodata/sources/zone-sketches.geojson — one Polygon per zone id, editable in QGIS —
 * and this script clips them to the land and derives the parent zones from them.
 */
const SKETCH_FILE = join(geodata, 'sources', 'zone-sketches.geojson');
/** @type {Map<string, number[][]>} zone id → closed outer ring */
const SKETCH = new Map();
for (const [i, f] of (JSON.parse(readFileSync(SKETCH_FILE, 'utf8')).features ?? []).entries()) {
  const ring = f?.geometry?.type === 'Polygon' ? f.geometry.coordinates?.[0] : null;
  const id = f?.properties?.id;
  const closed =
    Array.isArray(ring) &&
    ring.length >= 4 &&
    ring[0][0] === ring.at(-1)[0] &&
    ring[0][1] === ring.at(-1)[1];
  if (typeof id !== 'string' || !closed) {
    throw new Error(
      `${SKETCH_FILE} features[${i}]: needs properties.id and a Polygon with a closed ring of ≥ 4 positions`,
    );
  }
  SKETCH.set(id, ring);
}

/** Per-zone metadata: names, the plan's words, citations, honest accuracy and anchors. */
const ZONES = [
  {
    id: 'center',
    kind: 'center',
    parts: ['center-cbd', 'center-cid'],
    name_zh: '国际都市创新中心(一心)',
    name_en: 'International Urban Innovation Centre (One Centre)',
    summary_zh:
      '在七贤岭、凌水区域打造国际都市创新中心,重点发展数字技术产业、现代服务业,积极培育总部经济、现代金融等业态。',
    summary_en:
      'The urban innovation centre at Qixianling and Lingshui: digital technology, modern services, headquarters, finance and exhibitions.',
    quote: '在七贤岭、凌水区域打造国际都市创新中心',
    accuracy_m: 800,
    anchors: 'union of the CBD and CID subzones',
  },
  {
    id: 'center-cbd',
    kind: 'subzone',
    parent: 'center',
    name_zh: '七贤岭城市CBD',
    name_en: 'Qixianling CBD',
    summary_zh:
      '以七贤岭为核心,完善行政服务、商务会展、商住旅游、都市休闲及创新创业功能,构筑城市CBD。',
    summary_en:
      'Centred on Qixianling: administration, business and exhibitions, leisure and start-ups — the city CBD.',
    quote: '以七贤岭为核心,高度集中经济、科技、文化力量',
    accuracy_m: 800,
    anchors:
      '七贤岭 metro and tram stops (OSM), zone court, market bureau and exit-entry hall (Baidu POIs)',
  },
  {
    id: 'center-cid',
    kind: 'subzone',
    parent: 'center',
    name_zh: '凌水中央创新区(CID)',
    name_en: 'Lingshui Central Innovation District (CID)',
    summary_zh: '依托凌水高校院所资源,大力建设中央创新区(CID),为全区发展提供技术、智力和支撑。',
    summary_en:
      'Built on the universities and institutes of Lingshui: the central innovation district.',
    quote: '依托凌水高校院所资源,大力建设中央创新区(CID)',
    accuracy_m: 800,
    anchors:
      '大连理工大学, 大连海事大学, 凌水派出所, 软件园/东软 (Baidu POIs), 学苑广场 and 黑石礁 stations (OSM)',
  },
  {
    id: 'science-city',
    kind: 'city',
    parts: ['science-city-yinggeshi', 'science-city-baoyudu'],
    name_zh: '英歌石科学城(一城)',
    name_en: 'Yinggeshi Science City (One City)',
    summary_zh:
      '加快建设英歌石科学城,建设“具有全国影响力的科技创新新地标”,承载应用基础研究、科技成果转化、未来产业培育、高端人才集聚功能。',
    summary_en:
      'The science city: applied basic research, technology transfer, future industries and top talent — a nationally influential landmark.',
    quote: '加快建设英歌石科学城。包括英歌石区域和鲍鱼肚区域',
    accuracy_m: 2000,
    anchors: 'union of the 英歌石 and 鲍鱼肚 subzones',
  },
  {
    id: 'science-city-yinggeshi',
    kind: 'subzone',
    parent: 'science-city',
    name_zh: '英歌石区域',
    name_en: 'Yinggeshi area',
    summary_zh: '英歌石科学城的英歌石区域,集中布局重大创新平台。',
    summary_en:
      'The Yinggeshi part of the science city, where the major research platforms gather.',
    quote: '包括英歌石区域和鲍鱼肚区域',
    accuracy_m: 2000,
    anchors:
      '英歌石 village / botanical garden (third-party value, ±2 km); south of 旅顺中路 per its description',
  },
  {
    id: 'science-city-baoyudu',
    kind: 'subzone',
    parent: 'science-city',
    name_zh: '鲍鱼肚区域',
    name_en: 'Baoyudu area',
    summary_zh: '英歌石科学城的鲍鱼肚区域。',
    summary_en: 'The Baoyudu part of the science city.',
    quote: '包括英歌石区域和鲍鱼肚区域',
    accuracy_m: 3000,
    anchors:
      'no public coordinates for 鲍鱼肚: drawn between the 英歌石 area and the 龙王塘/塔河湾 coast',
  },
  {
    id: 'cluster-huangnichuan',
    kind: 'cluster',
    name_zh: '黄泥川新兴产业组团',
    name_en: 'Huangnichuan Emerging Industries Cluster',
    summary_zh:
      '高标准推动黄泥川区域开发建设,打造新兴产业增长极,重点发展数字技术、生命健康、智能制造等特色产业。',
    summary_en:
      'A growth pole for emerging industries: digital technology, life and health, intelligent manufacturing.',
    quote: '黄泥川新兴产业组团:高标准推动黄泥川区域开发建设,打造新兴产业增长极',
    accuracy_m: 1000,
    anchors: '黄泥川 and 蔡大岭 metro L12 stations (OSM)',
  },
  {
    id: 'cluster-longwangtang',
    kind: 'cluster',
    name_zh: '龙王塘未来产业新城组团',
    name_en: 'Longwangtang Future Industries New Town Cluster',
    summary_zh:
      '谋划建设未来产业新城,承载智能制造、新材料、生命健康产业化项目,建设滨海休闲新城区,服务英歌石科学城高端人才生活居住需求。',
    summary_en:
      'A future-industries new town: manufacturing, new materials and life-health projects, and a seaside district housing the science city’s talent.',
    quote: '龙王塘未来产业新城组团:加快推动城乡环境升级,谋划建设未来产业新城',
    accuracy_m: 1000,
    anchors:
      '龙王塘 metro L12 station (OSM), 官房村 bank (GCJ-02 → WGS84), 龙王塘樱花园 (estimate)',
  },
  {
    id: 'cluster-lingshuiwan',
    kind: 'cluster',
    name_zh: '凌水湾总部组团',
    name_en: 'Lingshui Bay Headquarters Cluster',
    summary_zh: '按照产业定位规划凌水湾总部组团,推动凌水湾填海地块开发建设。',
    summary_en: 'A headquarters cluster on the reclaimed land of Lingshui Bay.',
    quote: '按照产业定位规划凌水湾总部组团',
    accuracy_m: 1000,
    anchors:
      'the reclaimed shore between 七贤岭 and 黑石礁 stations (OSM), seaward of 海事大学; 凌水湾 water label',
  },
  {
    id: 'cluster-xiaopingdao',
    kind: 'cluster',
    name_zh: '小平岛传媒组团',
    name_en: 'Xiaopingdao Media Cluster',
    summary_zh: '按照产业定位规划小平岛传媒组团,推动小平岛区域开发建设。',
    summary_en: 'A media cluster on the Xiaopingdao peninsula.',
    quote: '小平岛传媒组团',
    accuracy_m: 800,
    anchors: '小平岛前 tram stop and 河口 station (OSM), 高新园区分局 and 第一中学 (Baidu POIs)',
  },
  {
    id: 'cluster-miaoling',
    kind: 'cluster',
    name_zh: '庙岭新材料组团',
    name_en: 'Miaoling New Materials Cluster',
    summary_zh: '按照产业定位规划庙岭新材料组团。',
    summary_en: 'A new-materials cluster at Miaoling.',
    quote: '庙岭新材料组团',
    accuracy_m: 3000,
    anchors:
      'no public coordinates for 庙岭: placed in 凌水街道 west of the 凌水 universities, where 庙岭小学 is reported beside 凌水小学 (S001); schematic',
  },
  {
    id: 'eco-core',
    kind: 'eco-core',
    name_zh: '中部自然生态核',
    name_en: 'Central Natural Ecological Core',
    summary_zh: '围绕金龙寺国家森林公园等区域,加强自然环境保护、生态景观建设,打造城市绿肺。',
    summary_en:
      'Around Jinlongsi National Forest Park: nature protection and landscape — the city’s green lung.',
    quote: '规划中部自然生态核,围绕金龙寺国家森林公园等区域',
    accuracy_m: 1500,
    anchors:
      '金龙寺国家森林公园 published extent E121°21′–121°25′, N38°55′–38°59′ (21.38 km²); outline drawn inside that box',
  },
];

/** 西拓 / 北延 — indicative directions, drawn as arrows. */
const EXPANSIONS = [
  {
    id: 'expansion-west',
    name_zh: '西拓',
    name_en: 'Westward expansion',
    summary_zh: '近期推进“西拓”布局,西部区域重点承载智能制造、洁净能源、生物医药等领域项目集聚。',
    summary_en:
      'Near term: expand west; the western area hosts intelligent manufacturing, clean energy and biomedicine.',
    quote: '近期,推进“西拓”布局',
    from: [121.345, 38.885],
    bearing: 270,
    lengthKm: 4.5,
  },
  {
    id: 'expansion-north',
    name_zh: '北延',
    name_en: 'Northward extension',
    summary_zh: '北部区域建设活力产业带,发展新一代信息技术、高端装备制造、生物医药等产业。',
    summary_en:
      'The northern area becomes a vibrant industrial belt: new-generation IT, high-end equipment, biomedicine.',
    quote: '北部区域建设活力产业带',
    from: [121.46, 38.875],
    bearing: 345,
    lengthKm: 6,
  },
];

/** The industrial corridor's five nodes, east → west, as the 2025 work plan lists them. */
const NODES = [
  {
    id: 'node-qixianling',
    name_zh: '七贤岭节点',
    name_en: 'Qixianling node',
    at: [121.52234, 38.85616],
    accuracy: 'approximate',
    accuracy_m: 800,
    anchor: '七贤岭 metro L1 station (OSM)',
  },
  {
    id: 'node-huangnichuan',
    name_zh: '黄泥川节点',
    name_en: 'Huangnichuan node',
    at: [121.44364, 38.85479],
    accuracy: 'approximate',
    accuracy_m: 800,
    anchor: '黄泥川 metro L12 station (OSM)',
    // S001 names the 智能制造产业园 here; S003 ch. 7 §1 puts four more parks in the 黄泥川 cluster.
    parks: [
      'park-huangnichuan-intelligent-manufacturing',
      'park-tiandi-software-park',
      'park-sino-japan-life-science-corridor',
      'park-semiconductor-industrial-park',
      'park-hitech-digital-town',
    ],
  },
  {
    id: 'node-longwangtang',
    name_zh: '龙王塘节点',
    name_en: 'Longwangtang node',
    at: [121.398, 38.83472],
    accuracy: 'approximate',
    accuracy_m: 800,
    anchor: '龙王塘 metro L12 station (OSM)',
  },
  {
    id: 'node-yinggeshi',
    name_zh: '英歌石节点',
    name_en: 'Yinggeshi node',
    at: [121.3688, 38.8872],
    accuracy: 'schematic',
    accuracy_m: 2000,
    anchor: '英歌石 village / botanical garden (third-party value, ±2 km)',
  },
  {
    id: 'node-longtou',
    name_zh: '龙头节点',
    name_en: 'Longtou node',
    at: [121.315, 38.875],
    accuracy: 'schematic',
    accuracy_m: 3000,
    anchor:
      'no public coordinates: 龙头 lies in 旅顺口区 west of 英歌石, its park along 郭水路 toward 水师营',
    parks: ['park-longtou-industrial-town'],
  },
];

/** 5 decimals ≈ 1 m: more would be false precision for sketched outlines. */
const round = (f) => truncate(f, { precision: 5, coordinates: 2, mutate: true });

function readLand() {
  try {
    const land = JSON.parse(readFileSync(join(geodata, 'land.geojson'), 'utf8'));
    return land.features[0] ?? null;
  } catch {
    return null;
  }
}

/** Clip a sketch to the coastline so zones do not cover the sea (reclaimed land excepted). */
function clipToLand(feature, land) {
  if (!land) return feature;
  const clipped = intersect(featureCollection([feature, land]));
  if (!clipped) throw new Error(`${feature.properties.id}: sketch lies entirely at sea`);
  clipped.properties = feature.properties;
  return clipped;
}

function zoneProps(z, derivation) {
  const props = {
    id: z.id,
    kind: z.kind,
    name_zh: z.name_zh,
    name_en: z.name_en,
    ...pinyinKeys(z.name_zh),
    summary_zh: z.summary_zh,
    summary_en: z.summary_en,
    sources: [{ ...S003_LAYOUT, quote: z.quote }],
    accuracy: 'schematic',
    accuracy_m: z.accuracy_m,
    derivation,
  };
  if (z.parent) /** @type {Record<string, unknown>} */ (props).parent = z.parent;
  return props;
}

/** Make a ring from a sketch: closed and counter-clockwise (RFC 7946 §3.1.6). */
function sketchPolygon(id, props) {
  const ring = SKETCH.get(id);
  if (!ring) throw new Error(`${SKETCH_FILE}: no sketch for zone ${id}`);
  const f = polygon([ring], props);
  return rewind(f, { mutate: true });
}

/** Reclaimed land (填海) is not in the coastline source, so these are not clipped. */
const RECLAIMED = new Set(['cluster-lingshuiwan']);

function buildZones(land) {
  const byId = new Map();
  for (const z of ZONES.filter((z) => !z.parts)) {
    const clip = land && !RECLAIMED.has(z.id);
    const derivation = `schematic outline drawn around: ${z.anchors}${clip ? '; clipped to the land of geodata/land.geojson' : ''}`;
    let f = sketchPolygon(z.id, zoneProps(z, derivation));
    if (clip) f = clipToLand(f, land);
    byId.set(z.id, round(f));
  }
  for (const z of ZONES.filter((z) => z.parts)) {
    const parts = z.parts ?? [];
    const merged = /** @type {any} */ (
      union(/** @type {any} */ (featureCollection(parts.map((p) => byId.get(p)))))
    );
    merged.properties = zoneProps(z, `union (Turf) of ${parts.join(' and ')}`);
    byId.set(z.id, round(rewind(merged, { mutate: true })));
  }
  return byId;
}

function arrow(e) {
  // Shaft along the bearing, head as two barbs: a schematic direction, not a boundary.
  const tip = destination(point(e.from), e.lengthKm, e.bearing).geometry.coordinates;
  const barb = (side) =>
    destination(point(tip), e.lengthKm * 0.25, e.bearing + 180 + side).geometry.coordinates;
  return round(
    lineString([e.from, tip, barb(25), tip, barb(-25)], {
      id: e.id,
      kind: 'expansion',
      name_zh: e.name_zh,
      name_en: e.name_en,
      ...pinyinKeys(e.name_zh),
      summary_zh: e.summary_zh,
      summary_en: e.summary_en,
      sources: [
        { ...S003_LAYOUT, quote: e.quote },
        { ...S003_LAYOUT, quote: '西拓北延,差异发展' },
      ],
      accuracy: 'schematic',
      accuracy_m: 5000,
      derivation: `indicative arrow, ${e.lengthKm} km at bearing ${e.bearing}°: a direction, not an area`,
    }),
  );
}

function buildIndustrialCorridor() {
  const quote = '沿七贤岭—黄泥川—龙王塘—英歌石—龙头一线,逐个节点建设产业园';
  const line = round(
    lineString(
      NODES.map((n) => n.at),
      {
        id: 'industrial-corridor',
        kind: 'industrial-corridor',
        name_zh: '七贤岭—黄泥川—龙王塘—英歌石—龙头产业走廊',
        name_en: 'Qixianling–Huangnichuan–Longwangtang–Yinggeshi–Longtou industrial corridor',
        ...pinyinKeys('七贤岭—黄泥川—龙王塘—英歌石—龙头产业走廊'),
        summary_zh:
          '聚焦重点产业方向,沿此一线逐个节点建设产业园,推动产业楼宇建设,加快形成区域产业集聚。',
        summary_en:
          'Industrial parks built node by node along this line to cluster the zone’s industry (2025 work plan).',
        sources: [{ ...S001_CORRIDOR, quote }],
        accuracy: 'schematic',
        accuracy_m: 2000,
        derivation:
          'straight segments joining the five node positions in the order the text lists them',
      },
    ),
  );
  const nodes = NODES.map((n, i) =>
    round(
      point(n.at, {
        id: n.id,
        kind: 'corridor-node',
        order: i + 1,
        name_zh: n.name_zh,
        name_en: n.name_en,
        ...pinyinKeys(n.name_zh),
        summary_zh: `产业走廊第${i + 1}个节点:在此建设产业园。`,
        summary_en: `Node ${i + 1} of the industrial corridor: an industrial park is built here.`,
        sources: [{ ...S001_CORRIDOR, quote }],
        accuracy: n.accuracy,
        accuracy_m: n.accuracy_m,
        derivation: `at ${n.anchor}`,
        parks: n.parks ?? [],
      }),
    ),
  );
  return featureCollection([line, ...nodes]);
}

function write(name, fc) {
  for (const f of fc.features) {
    if (f.geometry.type === 'Polygon' && booleanClockwise(f.geometry.coordinates[0])) {
      throw new Error(`${f.properties.id}: outer ring is clockwise`);
    }
  }
  writeFileSync(join(geodata, name), `${JSON.stringify(fc, null, 1)}\n`);
  console.log(`wrote geodata/${name}: ${fc.features.length} features`);
}

const land = readLand();
if (!land) console.warn('geodata/land.geojson not found: zones are written unclipped');
const zones = buildZones(land);
const pick = (...ids) => featureCollection(ids.map((id) => zones.get(id)));
write('center.geojson', pick('center', 'center-cbd', 'center-cid'));
write(
  'science-city.geojson',
  pick('science-city', 'science-city-yinggeshi', 'science-city-baoyudu'),
);
write(
  'clusters.geojson',
  pick(
    'cluster-huangnichuan',
    'cluster-longwangtang',
    'cluster-lingshuiwan',
    'cluster-xiaopingdao',
    'cluster-miaoling',
  ),
);
write('eco-core.geojson', pick('eco-core'));
write('expansion.geojson', featureCollection(EXPANSIONS.map(arrow)));
write('industrial-corridor.geojson', buildIndustrialCorridor());
