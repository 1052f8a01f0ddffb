#!/usr/bin/env node
/**
 * Writes the spreadsheets of tests/fixtures/import/ the way planners' tools write them:
 *
 *   gbk-excel.csv       Excel on Chinese Windows, "CSV (逗号分隔)": GBK bytes, CRLF, Chinese
 *                       headers, GCJ-02 positions (picked on 高德) of real places in the 高新区
 *   utf8-bom-zones.csv  "CSV UTF-8": a BOM, zone names, no coordinates
 *   two-sheets.xlsx     two sheets, a merged title row and a two-row header with merged cells
 *                       (位置 over 经度 / 纬度), WGS84 positions
 *   bad-rows.csv        a missing name, text in the longitude, a position in Beijing, an unknown
 *                       status word
 *   points.geojson      a GeoJSON FeatureCollection of points with Chinese properties
 *
 * Positions are places of ../shared/reference/gazetteer.geojson (WGS84), converted to GCJ-02 with
 * gcoord where the file is meant to come from 高德. Project names are made up for the tests; they
 * are not a record of real projects. Run: `node scripts/import-fixtures.mjs` (deterministic).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import gcoord from 'gcoord';
import writeXlsxFile from 'write-excel-file/node';

const OUT = new URL('../tests/fixtures/import/', import.meta.url);
mkdirSync(OUT, { recursive: true });

const gazetteer = JSON.parse(
  readFileSync(new URL('../../shared/reference/gazetteer.geojson', import.meta.url), 'utf8'),
);
/** WGS84 position of a gazetteer entry, by its Chinese name (without the bracketed note if unique). */
function place(nameZh) {
  const f =
    gazetteer.features.find((g) => g.properties.name_zh === nameZh) ??
    gazetteer.features.find((g) => g.properties.name_zh.startsWith(`${nameZh}(`));
  if (!f) throw new Error(`no gazetteer place ${nameZh}`);
  return f.geometry.coordinates;
}
const r6 = (v) => Math.round(v * 1e6) / 1e6;
function gcj(nameZh) {
  const [x, y] = gcoord.transform(place(nameZh), gcoord.WGS84, gcoord.GCJ02);
  return [r6(x), r6(y)];
}

/**
 * A GBK encoder from the platform's GBK decoder: every two-byte GBK code decoded once, and
 * the table reversed. (Node's TextEncoder writes UTF-8 only.)
 */
function gbkEncoder() {
  const dec = new TextDecoder('gbk', { fatal: true });
  const table = new Map();
  for (let a = 0x81; a <= 0xfe; a++) {
    for (let b = 0x40; b <= 0xfe; b++) {
      if (b === 0x7f) continue;
      try {
        const ch = dec.decode(new Uint8Array([a, b]));
        if (ch.length === 1 && !table.has(ch)) table.set(ch, [a, b]);
      } catch {
        // not a GBK code
      }
    }
  }
  return (text) => {
    const out = [];
    for (const ch of text) {
      const c = ch.codePointAt(0);
      if (c < 0x80) out.push(c);
      else {
        const bytes = table.get(ch);
        if (!bytes) throw new Error(`not in GBK: ${ch}`);
        out.push(...bytes);
      }
    }
    return new Uint8Array(out);
  };
}

/** CSV as Excel writes it: fields quoted only when they need it, CRLF line ends. */
function csv(rows) {
  const field = (v) => {
    const s = String(v ?? '');
    return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  return `${rows.map((r) => r.map(field).join(',')).join('\r\n')}\r\n`;
}

// 1. GBK, GCJ-02: the investment office's list of this year's signed projects.
const gbkRows = [
  ['序号', '项目名称', '项目类别', '项目状态', '所属组团', '经度', '纬度', '签约年份'],
  [1, '七贤岭数字经济总部项目', '数字经济', '签约', '七贤岭', ...gcj('七贤岭'), 2025],
  [2, '凌水湾金融科技中心', '金融', '在建', '凌水湾总部组团', ...gcj('大连海事大学'), 2024],
  [3, '理工大学成果转化中试基地', '研发', '开工', '凌水', ...gcj('大连理工大学'), 2025],
  [4, '黄泥川氢能装备产业园', '氢能', '签约', '黄泥川组团', ...gcj('黄泥川'), 2025],
  [5, '蔡大岭智能制造基地', '智能制造', '已供地', '', ...gcj('蔡大岭'), 2024],
  [6, '龙王塘生命健康产业园', '生物医药', '签约', '龙王塘', ...gcj('龙王塘(街道/站)'), 2025],
  [
    7,
    '英歌石科学城大科学装置配套',
    '科研',
    '在建',
    '英歌石科学城',
    ...gcj('英歌石(村/植物园)'),
    2023,
  ],
  [8, '软件园人工智能创新中心', '人工智能', '投产', '', ...gcj('大连软件园/东软信息学院'), 2022],
  [9, '小平岛数字传媒基地', '文化创意', '运营', '小平岛', ...gcj('小平岛'), 2021],
  [10, '河口海洋科技孵化器', '海洋', '竣工', '', ...gcj('河口'), 2023],
];
writeFileSync(new URL('gbk-excel.csv', OUT), gbkEncoder()(csv(gbkRows)));

// 2. UTF-8 with BOM, zone names only.
const zoneRows = [
  ['项目名称', '所属组团', '状态', '类别'],
  ['黄泥川新能源电池材料项目', '黄泥川新兴产业组团', '签约', '新能源'],
  ['龙王塘未来产业孵化中心', '龙王塘组团', '开工', '孵化器'],
  ['英歌石科学城综合研发平台', '英歌石科学城', '在建', '科研'],
  ['凌水湾区域总部大厦', '凌水湾', '竣工', '金融'],
  ['小平岛融媒体中心', '小平岛传媒组团', '运营', '传媒'],
  ['庙岭高性能新材料项目', '庙岭', '投产', '新材料'],
  ['金州湾临港物流项目', '金州湾', '签约', ''],
];
writeFileSync(new URL('utf8-bom-zones.csv', OUT), `\uFEFF${csv(zoneRows)}`);

// 3. .xlsx: two sheets, a merged title row, a two-row header with merged cells; WGS84.
function sheet(title, rows) {
  const head = (value, extra = {}) => ({ value, fontWeight: 'bold', align: 'center', ...extra });
  return [
    [head(title, { columnSpan: 6 }), null, null, null, null, null],
    [
      head('项目名称', { rowSpan: 2 }),
      head('位置(WGS84)', { columnSpan: 2 }),
      null,
      head('状态', { rowSpan: 2 }),
      head('产业类别', { rowSpan: 2 }),
      head('年份', { rowSpan: 2 }),
    ],
    [null, head('经度'), head('纬度'), null, null, null],
    ...rows.map(([name, [x, y], status, category, year]) => [
      { value: name },
      { value: x, type: Number },
      { value: y, type: Number },
      { value: status },
      { value: category },
      { value: year, type: Number },
    ]),
  ];
}
const s2025 = sheet('高新区2025年签约项目清单', [
  ['中国华录数字影像产业园', place('中国华录(202路电车站)'), '签约', '文化创意', 2025],
  ['万达广场商业综合体改造', place('万达广场(202路电车站)'), '开工', '城市开发', 2025],
  ['黄泥川工业母机项目', place('黄泥川(12号线站)'), '签约', '高端装备', 2025],
]);
const s2024 = sheet('高新区2024年续建项目清单', [
  ['学苑广场创新街区', place('学苑广场(地铁站)'), '在建', '孵化器', 2024],
  ['海事大学智慧海洋研究院', place('海事大学(地铁站)'), '竣工', '智慧海洋', 2024],
]);
const columns = [
  { width: 28 },
  { width: 12 },
  { width: 12 },
  { width: 8 },
  { width: 12 },
  { width: 8 },
];
await writeXlsxFile([
  { data: s2025, sheet: '2025签约', columns },
  { data: s2024, sheet: '2024续建', columns },
]).toFile(new URL('two-sheets.xlsx', OUT).pathname);

// 4. Bad rows (UTF-8 without BOM, WGS84 — as a script or a web form exports it).
const bad = [
  ['name', 'lng', 'lat', 'status', 'category', 'zone'],
  ['七贤岭人工智能计算中心', ...place('七贤岭'), '签约', '数字技术', ''],
  ['', ...place('凌水(街道)'), '在建', '', ''],
  ['黄泥川储能电站', '见附件', place('黄泥川')[1], '开工', '储能', ''],
  ['中关村协同创新中心', 116.310316, 39.992707, '签约', '', ''],
  ['蔡大岭精密制造项目', ...place('蔡大岭'), '暂缓', '智能制造', ''],
  ['龙王塘康养综合体', '待定', '', '签约', '生命健康', '龙王塘未来产业新城组团'],
];
writeFileSync(new URL('bad-rows.csv', OUT), csv(bad).replaceAll('\r\n', '\n'));

// 5. GeoJSON (WGS84, RFC 7946) with Chinese properties.
const fc = {
  type: 'FeatureCollection',
  features: [
    ['大医二院科研楼', '大医二院(地铁站)', '在建', '医疗卫生'],
    ['星海广场会展中心改造', '星海广场(地铁站)', '规划', '公共服务'],
  ].map(([name, at, status, category]) => ({
    type: 'Feature',
    geometry: { type: 'Point', coordinates: place(at) },
    properties: { 名称: name, 状态: status, 类别: category },
  })),
};
fc.features.push({
  type: 'Feature',
  geometry: { type: 'LineString', coordinates: [place('河口'), place('蔡大岭')] },
  properties: { 名称: '河口至蔡大岭道路', 状态: '规划', 类别: '道路' },
});
writeFileSync(new URL('points.geojson', OUT), `${JSON.stringify(fc, null, 2)}\n`);
console.log(`wrote ${OUT.pathname}`);
