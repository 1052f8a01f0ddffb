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
documents (S000–S004, see \`../../shared/seeds/README.md\`) name, and where it is in the data:

| file | what | count |
| --- | --- | --- |
| \`labs.geojson\` | labs, research platforms, institutes (kind \`lab\`) | ${labs.length} |
| \`projects.geojson\` | projects (kind \`project\`, id \`project-…\`) | ${projs.length} |
| \`projects.geojson\` | industrial parks and towns (kind \`project\`, id \`park-…\`) | ${parks.length} |
| \`infrastructure.geojson\` | roads, tunnels, metro, sewage, water, power, schools, health (kind \`infrastructure\`) | ${infra.length} |
| \`unlocated.json\` | items named without a usable place (shown in lists, not on the map) | ${unl.length} |

Checked by \`node scripts/items/check.mjs\` (add \`--report\` for the items in each zone). Last run:
\`${checkLine}\`.

### How to read the data

- **Sources.** Every feature and every unlocated item carries \`sources: [{ doc, where, quote }]\`.
  \`quote\` is copied character for character from the seed file (the checker fails the build
  otherwise). S002 is stored with a pinyin gloss after many traditional characters
  (\`聯(lián)創(chuàng)國(guó)際加速器\`); its quotes keep those glosses so that they are verbatim. \`where\`
  is the chapter/section (S003), the part and numbered paragraph plus its theme sentence (S001), or
  the article's sub-heading (S000, S002, S004).
- **Status** is the latest status the documents report, and \`history\` lists every dated step
  (\`{ year, status, source }\`). A status advances only on a reported fact: 签约/落户 → \`signed\`;
  摘牌/供地 → \`land-supplied\`; 开工/启动建设, or 推动/合作建设 in a *review* → \`under-construction\`;
  竣工/建成/完成 → \`completed\`; 投产/投用/建成使用/运营/揭牌/挂牌/启用/达标运行 → \`operating\`.
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
- **Positions.** The documents give no coordinates. Every position says how it was obtained in
  \`position_note\`; \`accuracy\` is \`approximate\` for an item put at an area or POI anchor and \`schematic\`
  for an item placed from the text and neighbouring anchors; none is \`surveyed\`. Anchors come from
  \`../../shared/reference/gazetteer.geojson\` (WGS84; OSM metro/tram stations ±30 m; Baidu POIs converted
  BD-09 → WGS84), the \`node-longtou\` sketch of \`industrial-corridor.geojson\`, and the zone sketches for
  places with no public coordinate (庙岭, 鲍鱼肚, 龙头). Items sharing an anchor sit on a deterministic ring
  (≤ 300 m) so they do not stack; the ring is far smaller than their \`accuracy_m\`. Points were checked to
  fall on land (AMap/echarts coastline converted GCJ-02 → WGS84). Roads are LineStrings drawn
  schematically: 河周路 and 凌川路 are read from their names (河[口]—周[水子], 凌[水]—[黄泥]川) and the
  sentence that ties them to 凌水湾/黄泥川 traffic; 顺龙路 from its name ([旅]顺—龙[王塘]); 黄泥川隧道 as a
  1 km piece of the 旅顺南路 proxy east of 黄泥川 station; 地铁1号线2期 through the OSM Line 1 stations in the
  zone. None of these alignments is sourced, and each \`position_note\` says so.
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
