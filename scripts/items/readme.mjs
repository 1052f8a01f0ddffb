// @ts-check
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { outDir, REPO_ROOT } from '../lib/geodata.mjs';
import { loadSourceModules } from '../lib/source-modules.mjs';
import { checkItems } from './checks.mjs';

const G = outDir();
const rd = (f) => JSON.parse(readFileSync(`${G}/${f}`, 'utf8'));
const labs = rd('labs.geojson').features.map((f) => f.properties);
const projects = rd('projects.geojson').features.map((f) => f.properties);
const infra = rd('infrastructure.geojson').features.map((f) => f.properties);
const unl = rd('unlocated.json');
const docs = (s) => [...new Set(s.map((x) => x.doc))].join(', ');
const esc = (t) => String(t).replace(/\|/g, '\\|');
const hist = (h) =>
  h?.length ? h.map((x) => `${x.year} ${x.status} (${x.source})`).join('; ') : '—';
const row = (p) =>
  `| ${esc(p.name_zh)} | ${esc(p.name_en)} | ${p.kind} | ${p.category} | ${p.status} | \`${p.id}\` | ${p.accuracy} ${p.accuracy_m} m | ${p.zone ?? '—'} | ${docs(p.sources)} | ${hist(p.history)} |`;
const head =
  '| name_zh | name_en | kind | category | status | in the data | accuracy | zone (declared) | sources | history |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |';
const urow = (u) =>
  `| ${esc(u.name_zh)} | ${esc(u.name_en)} | ${u.kind} | ${u.category ?? '—'} | ${u.status ?? '—'} | \`unlocated\` (\`${u.id}\`) | — | ${docs(u.sources)} | ${esc(u.reason)} |`;
const uhead =
  '| name_zh | name_en | kind | category | status | in the data | accuracy | sources | why unlocated |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- |';
const parks = projects.filter((p) => p.id.startsWith('park-'));
const projs = projects.filter((p) => !p.id.startsWith('park-'));
const [vocab] = /** @type {[import('./checks.mjs').CheckVocab]} */ (
  /** @type {unknown} */ (await loadSourceModules(['/src/plan/types.ts']))
);
const checked = checkItems({
  geodata: G,
  seedsDir: join(REPO_ROOT, '..', 'shared', 'seeds'),
  vocab,
});
const zoneLines = checked.report.join('\n');
const checkLine = `check-items: ${checked.features} features, ${checked.unlocated} unlocated — ${checked.failures.length} failure(s), ${checked.warnings.length} warning(s)`;

const md = `## Plan items — inventory

Every project, park, lab/research platform, incubator and infrastructure work that the five seed
documents (S000–S004, see \`../../shared/seeds/README.md\`) name, and where it is in the data.
Generated from the CSV sources in \`sources/\` (see "Item sources" above) by \`npm run geodata\`:

| file | what | count |
| --- | --- | --- |
| \`labs.geojson\` | labs, research platforms, institutes (kind \`lab\`) | ${labs.length} |
| \`projects.geojson\` | projects (kind \`project\`, id \`project-…\`) | ${projs.length} |
| \`projects.geojson\` | industrial parks and towns (kind \`project\`, id \`park-…\`) | ${parks.length} |
| \`infrastructure.geojson\` | roads, tunnels, metro, sewage, water, power, schools, health (kind \`infrastructure\`) | ${infra.length} |
| \`unlocated.json\` | items named without a usable place (shown in lists, not on the map) | ${unl.length} |

Checked in \`npm test\` (tests/data/items.test.ts) and by \`npm run check:items\` (add \`-- --report\` for
the items in each zone). Last run: \`${checkLine}\`.

### How to read the data

- **Sources.** Every feature and every unlocated item carries \`sources: [{ doc, where, quote }]\`.
  \`quote\` is copied character for character from the seed file (the builder refuses it
  otherwise, \`quote-not-in-source\`). The history rows' quotes come first, then the other citations. S002 is stored with a pinyin gloss after many traditional characters
  (\`聯(lián)創(chuàng)國(guó)際加速器\`); its quotes keep those glosses so that they are verbatim. \`where\`
  is the chapter/section (S003), the part and numbered paragraph plus its theme sentence (S001), or
  the article's sub-heading (S000, S002, S004).
- **Status** is derived, never stored twice: it is the last dated step of \`history\`
  (\`{ year, status, source }\`, one row each in \`sources/history.csv\` with the quote that reports
  it); an item with no dated step has exactly one undated row, its status with its quote. A status
  advances only on a reported fact, and the quote carries the word (tests/data/items.test.ts checks
  it): 签约/落户/落地 → \`signed\`; 摘牌/供地 → \`land-supplied\`; 开工/启动建设/封顶, or 推进建设 in a
  *review* → \`under-construction\`; 竣工/建成/完成/完善 → \`completed\`; 投产/投用/建成使用/运营/揭牌/挂牌/
  启用/开通/通车/成立/现有 → \`operating\`. A cooperation (合作建设, 联手打造, 共建) is \`planned\`, not
  \`signed\`; a thing a plan relies on (依托) is \`planned\` with the plan's date unless another sentence
  reports more.
  Forward-looking plan language (S003; the 2025 part of S001; S000's plan for 2020: 加快/推进/推动/支持/
  谋划/规划/建设) is \`planned\`, dated to the document (S003 → 2021, S001 plan → 2025, S000 → 2020).
  S003's "十三五" achievements are \`completed\`/\`operating\` without a year (the text gives none), so
  their \`history\` is empty. Years never exceed the source's date (S000, S004 ≤ 2020/2021, S002 ≤ 2019,
  S003 ≤ 2021, S001 ≤ 2025) and are never before 2016.
- **Zone.** \`zone\` is set only where the text ties the item to a zone: (a) S003 ch. 7 §1 lists it in
  that zone (天地软件园 … in 黄泥川组团; 洁净能源创新研究院总部, 大连先进光源, 辽宁实验室 in 一城), (b) the text
  places it in 英歌石科学城 (→ \`science-city\`; the subzone is not given, so these points straddle the
  英歌石/鲍鱼肚 line), or (c) it carries the zone's own place name (七贤岭 → \`center-cbd\`, 凌水 →
  \`center-cid\`, 英歌石 → \`science-city-yinggeshi\`, 鲍鱼肚 → \`science-city-baoyudu\`, 黄泥川, 龙王塘, 凌水湾,
  小平岛, 庙岭 → their clusters; items in S003 ch. 3 §1 named 英歌石… belong to the whole science city).
  Names of other places (河口, 蔡大岭, the 凌水河 river, 龙头) set no zone: those items get their zone
  from Turf at load time.
- **Positions.** The documents give no coordinates. Every position says where it comes from in
  \`position_source\` (\`gazetteer:<entry>\` of \`../../shared/reference/gazetteer.geojson\`, \`zone:<id>\` — a
  schematic point in that zone's sketch —, or \`public:<named source>\`) and how it was drawn in
  \`position_note\`; the builder checks that \`accuracy_m\` covers the distance to a gazetteer source,
  that a zone point lies in its zone, and that a park, road or district drawn as a point has an
  \`accuracy_m\` of at least half its published size (\`extent_m\`; unknown size: schematic, ≥ 1,000 m); \`accuracy\` is \`approximate\` for an item put at an area or POI anchor and \`schematic\`
  for an item placed from the text and neighbouring anchors; none is \`surveyed\`. Anchors come from
  \`../../shared/reference/gazetteer.geojson\` (WGS84; OSM metro/tram stations ±30 m; Baidu POIs converted
  BD-09 → WGS84), the \`node-longtou\` sketch of \`industrial-corridor.geojson\`, and the zone sketches for
  places with no public coordinate (庙岭, 鲍鱼肚, 龙头). Items sharing an anchor sit on a deterministic ring
  (≤ 300 m) so they do not stack; the ring is far smaller than their \`accuracy_m\`. Points were checked to
  fall on land (AMap/echarts coastline converted GCJ-02 → WGS84). Lines and areas live in
  \`sources/item-shapes.geojson\` (edit them in QGIS; \`geometry\` = \`line\` / \`area\` in items.csv): 黄泥川隧道 as a
  1 km piece of the 旅顺南路 proxy east of 黄泥川 station (its position and length are not sourced);
  地铁1号线2期 through the OSM Line 1 stations in the zone (the phase runs 会展中心—河口, public source);
  龙王塘河污水管线 down the 龙王塘 valley. Roads known only by name (河周路, 凌川路, 顺龙路, 红凌路, 黄浦路) are
  unlocated: a reading of the name does not place a road.
- **Categories** added to the starting vocabulary: \`urban-development\` (area development, renewal,
  international communities, talent housing), \`public-service\` (service hall, refuse stations, sports
  and welfare facilities), \`gas\` (natural-gas conversion).

### Labs and research platforms (${labs.length})

${head}
${labs.map(row).join('\n')}

### Parks (${parks.length})

${head}
${parks.map(row).join('\n')}

### Projects (${projs.length})

${head}
${projs.map(row).join('\n')}

### Infrastructure (${infra.length})

${head}
${infra.map(row).join('\n')}

### Unlocated (${unl.length})

${uhead}
${unl.map(urow).join('\n')}

### Named in the seeds but not items (not mapped, listed so nothing named is lost)

| name | source | why not an item |
| --- | --- | --- |
| 上海张江“飞地园区” | S000 | an enclave park outside Dalian |
| 石河子市、六盘水市产业合作 (企业“走出去”建设产业园) | S000 | outside Dalian |
| 贵州水城县 3个产业项目 | S004 | poverty-relief projects in Guizhou |
| 英歌石科学城 (2024-10-15 开城), 一廊/一心/一城/组团, 未来产业新城 (= 龙王塘组团), 中部自然生态核/金龙寺国家森林公园 | S000–S003 | zones, drawn in the zone layers (\`science-city.geojson\`, \`clusters.geojson\`, \`eco-core.geojson\` …) |
| 前沿科技研发区、技术转移孵化区、新经济商务区、创新生态社区; 城市级场景试验场、数字孪生城市、零能耗建筑 | S003 ch. 7 | functional areas and pilots of the science city, no separate site |
| 火炬路沿线 创业生态/创新生态/数字文创 街区 | S003 ch. 7 §2 | parts of the 火炬路 street item |
| 人才创新中心、交流中心、生活苑 | S003 ch. 3 §1 | parts of 英歌石顶尖人才创新基地 |
| 产业园 “沿七贤岭—黄泥川—龙王塘—英歌石—龙头一线,逐个节点” | S001 | the industrial corridor and its nodes (\`industrial-corridor.geojson\`); the named parks are items |
| 国家双创示范基地, 国家数字服务出口基地, 国家知识产权示范园区/服务业集聚发展试验区, 国家高新区绿色发展示范园区, 国家创业创新示范街区试点 | S002–S004 | designations of the whole zone |
| 熊猫绿能产业基金, 高新区产业创投基金, 政府引导基金, “高新金汇”, 珠海景祥/中科新能源/汇金创富 基金 | S000, S001, S004 | funds, not places |
| 海创周, 数交会, 七贤荟, 网上推介会 | all | events and brands |
| 华信、东软、文思海辉、IBM、索尼、埃森哲, 心医国际, 优迅科技, 融科储能, 东软集团, 如是人集团, 东软教育科技集团, 大连奥托 (photo caption) | S000, S003, S004 | companies cited as examples, listings or captions, with no project |
| 国际化康养产业发展示范区; 人才港 | S001 | a development goal built on two listed items (东软旗舰康养综合体, 中山学院大健康产业园); a talent-service brand |
| 生命科学高等级实验室、成果转化平台、孵化基地、医疗大数据中心; 场景体验中心、智慧城市展示体验中心、示范街区、示范路段、场景沙箱、测试试验场; 产业技术研究院、产业育成中心 | S003 | kinds of facility the plan encourages, none named or placed |
| 沈大国家自主创新示范区, 国家科技成果转移转化示范区, 跨境电子商务综合试验区, 数字贸易国际枢纽港 | S000, S001, S003 | designations of the city or the zone |
| 78个事业单位 → 6大中心和2个小中心, 财政事务中心, 科学城发展服务办公室 | S001, S004 | administrative units |
| SAP “全球第二、亚洲第一支持中心” | S004 | the role of the SAP Dalian branch (an item) |
| 专科专病医联体, 医联体 | S001 | medical alliances, not places |
| 8个车联网项目, 数字赋能制造业标杆项目5个 / 第二批8个, 16个软件产业重大项目 (4 named ones are items), 亿元以上项目 | S001, S004 | unnamed project counts |
| 2个隔离点 | S004 | temporary COVID facilities |
| 理工大学西校区动迁, 通才计算机学校搬迁 | S004 | relocations resolved, not works |
| 老旧小区维修12个, 保障性住房8715套, 滨海景观廊道, 新填海区域用地收储, 10所以上普惠制幼儿园 (2 named ones are items), 2020年新建扩建学校4所/幼儿园4所/卫生服务站2个 | S001, S003 | generic programmes without a named work |

### Items per zone (by position; \`*\` = the item declares this zone)

\`\`\`
${zoneLines}
\`\`\`

\`eco-core\` (中部自然生态核, 金龙寺国家森林公园) has no item: S003 names it only as a protected green
core, with no project in it.

### How completeness was checked

All five seeds were read end to end (the first copy of S001 and S003; the second copy repeats the
first). Then each seed was searched for the words that name plan items — 项目, 实验室, 研究院, 研究中心,
创新中心, 中心, 平台, 装置, 产业园, 科技园, 软件园, 园区, 小镇, 走廊, 基地, 加速器, 孵化, 众创, 大厦, 街区,
社区, 污水, 自来水, 饮用水, 中水, 管网, 泵站, 变电站, 电网, 供热, 天然气, 隧道, 桥, 路, 地铁, 公交, 枢纽,
学校, 小学, 中学, 幼儿园, 医院, 卫生, 中医馆, 疾控, 科技馆, 体育 — and every phrase ending in one of
those words (a regular-expression sweep over 2–14 preceding characters, S002 with its pinyin glosses
stripped) was compared with the names and quotes in the data. What was left over is either an item
above or listed in "Named in the seeds but not items".
`;
// The inventory lives in geodata/README.md between two markers; the rest of that file is prose.
const START = '<!-- inventory:start (generated by node scripts/items/readme.mjs) -->';
const END = '<!-- inventory:end -->';
const readmePath = `${G}/README.md`;
const readme = readFileSync(readmePath, 'utf8');
const before = readme.includes(START)
  ? readme.slice(0, readme.indexOf(START))
  : `${readme.trimEnd()}\n\n`;
const after = readme.includes(END) ? readme.slice(readme.indexOf(END) + END.length) : '\n';
writeFileSync(readmePath, `${before}${START}\n${md}${END}${after}`);
console.log(`geodata/README.md: inventory written (${md.length} characters)`);
