/** UI strings in both languages. Data names come from the plan (`name_zh` / `name_en`). */
import type { ItemCategory, Lang, LocalizedText } from '../plan/types.js';

const STRINGS = {
  loading: { zh: '正在加载规划数据…', en: 'Loading the plan…' },
  loadFailed: { zh: '规划数据加载失败', en: 'The plan could not be loaded' },
  /** `{layers}`: ids of the layers still awaited while the others are drawn. */
  stillLoading: { zh: '仍在加载图层:{layers}', en: 'Still loading: {layers}' },
  retry: { zh: '重试', en: 'Retry' },
  layers: { zh: '图层', en: 'Layers' },
  zones: { zh: '空间布局', en: 'Plan zones' },
  close: { zh: '关闭', en: 'Close' },
  area: { zh: '面积', en: 'Area' },
  areaNote: {
    zh: '按地图上的多边形以 Turf 计算(椭球面)',
    en: 'computed with Turf from the polygon on the map (geodesic)',
  },
  role: { zh: '规划定位', en: 'Role in the plan' },
  source: { zh: '出处', en: 'Source' },
  accuracy: { zh: '位置精度', en: 'Positional accuracy' },
  items: { zh: '所含项目', en: 'Listed items' },
  noItems: { zh: '规划文件未在此列出项目。', en: 'The documents list no items here.' },
  largeLayers: { zh: '大型图层中的数量', en: 'Counted in large layers' },
  largeLayerNote: {
    zh: '大型图层按文件直接绘制,仅统计数量,不逐项列出,也不受筛选条件影响。',
    en: 'Large layers are drawn straight from their files: counted, not listed, and not filtered.',
  },
  status: { zh: '状态', en: 'Status' },
  history: { zh: '进展', en: 'History' },
  category: { zh: '类别', en: 'Category' },
  zone: { zh: '所属区域', en: 'Zone' },
  parks: { zh: '节点园区', en: 'Parks at this node' },
  partOf: { zh: '隶属', en: 'Part of' },
  subzones: { zh: '组成部分', en: 'Parts' },
  back: { zh: '返回', en: 'Back' },
  language: { zh: 'English', en: '中文' },
  /** The language button's tooltip (its accessible name is its visible text, `language`). */
  languageLabel: { zh: '切换到英文', en: 'Switch to Chinese' },
  mapLabel: { zh: '大连高新区规划地图', en: 'Dalian High-tech Zone plan map' },
  unlocated: { zh: '未定位项目', en: 'Items without a place' },
  dataIssues: { zh: '数据问题', en: 'Data issues' },
  issueError: { zh: '错误', en: 'Error' },
  issueWarning: { zh: '警告', en: 'Warning' },
  locate: { zh: '定位', en: 'Locate' },
  retryFailed: { zh: '重新加载失败的文件', en: 'Reload the files that failed' },
  selected: { zh: '已选择', en: 'Selected' },
  paused: {
    zh: '地图已暂停(图形上下文丢失),恢复后自动继续…',
    en: 'Map paused (graphics context lost); it resumes when the context returns…',
  },
  noArea: { zh: '示意方向,无面积', en: 'indicative direction, no area' },
  /** `{done}` and `{total}` are replaced with formatted counts (ui/progress.ts). */
  analysingItems: {
    zh: '正在分析 {done} / {total} 个项目',
    en: 'Analysing {done} / {total} items',
  },
  /** `{from}`, `{to}` and `{total}` are formatted counts (ui/feature-card.ts). */
  itemRange: { zh: '第 {from}–{to} 项,共 {total} 项', en: 'Items {from}–{to} of {total}' },
  previousPage: { zh: '上一页', en: 'Previous' },
  nextPage: { zh: '下一页', en: 'Next' },
  // Search (ui/search-box.ts). `{n}` is a count.
  searchLabel: { zh: '搜索区域、节点和项目', en: 'Search zones, nodes and items' },
  searchPlaceholder: { zh: '名称或拼音,如 hnc', en: 'Name or pinyin, e.g. hnc' },
  searchResults: { zh: '{n} 个结果', en: '{n} results' },
  searchNoResults: { zh: '没有匹配的区域或项目', en: 'No zone or item matches' },
  searchHint: {
    zh: '↑ ↓ 选择,Enter 确认,Esc 关闭',
    en: '↑ ↓ to choose, Enter to go, Esc to close',
  },
  // Filters (ui/filters.ts).
  filters: { zh: '筛选', en: 'Filters' },
  filterKind: { zh: '类型', en: 'Kind' },
  filterStatus: { zh: '状态', en: 'Status' },
  filterCategory: { zh: '类别', en: 'Category' },
  filterReset: { zh: '清除筛选', en: 'Clear filters' },
  /** `{shown}` and `{total}` are counts. */
  shownItems: {
    zh: '显示 {shown} / {total} 个已定位项目',
    en: 'Showing {shown} of {total} placed items',
  },
  // Timeline (ui/timeline.ts).
  timeline: { zh: '时间轴', en: 'Timeline' },
  timelineYear: { zh: '规划年份', en: 'Plan year' },
  timelineNow: { zh: '现状(全部年份)', en: 'Now (all years)' },
  /** `{year}`: a year. */
  asOfYear: { zh: '{year} 年', en: 'as of {year}' },
  play: { zh: '播放', en: 'Play' },
  pause: { zh: '暂停', en: 'Pause' },
  showNow: { zh: '现状', en: 'Now' },
  timelineNote: {
    zh: '项目自首次有年份记载起出现,并按当年状态显示',
    en: 'Items appear with their first dated step, styled by the status they had then',
  },
  // Item status key (ui/swatch.ts, the sheet).
  statusKey: { zh: '项目状态', en: 'Item status' },
  stagePlanned: { zh: '规划 / 已签约(空心)', en: 'Planned / signed (ring)' },
  stageBuilding: { zh: '已供地 / 在建(半透明)', en: 'Land supplied / building (faint)' },
  stageDone: { zh: '已建成 / 运营中(实心)', en: 'Completed / operating (solid)' },
  // Zone statistics (ui/zone-stats.ts).
  stats: { zh: '统计', en: 'Statistics' },
  statsByStatus: { zh: '按状态', en: 'By status' },
  statsByCategory: { zh: '按类别', en: 'By category' },
  statsDensity: { zh: '项目密度', en: 'Item density' },
  /** `{n}`: items per km². */
  perKm2: { zh: '每平方公里 {n} 个', en: '{n} per km²' },
  statsTable: { zh: '以表格查看', en: 'Show as a table' },
  count: { zh: '数量', en: 'Count' },
  total: { zh: '合计', en: 'Total' },
  /** `{title}`, `{parts}`: a chart's title and its bars in words. */
  chartLabel: { zh: '{title}:{parts}', en: '{title}: {parts}' },
  // The tree (ui/plan-tree.ts).
  tree: { zh: '区域与项目', en: 'Zones and items' },
  treeHint: {
    zh: '↑ ↓ 移动,→ 展开,← 收起,Enter 选择',
    en: '↑ ↓ to move, → to open, ← to close, Enter to select',
  },
  /** `{n}`: rows not listed yet at this level of the tree. */
  treeMore: {
    zh: '另有 {n} 项(按 Enter 显示更多)',
    en: '{n} more (Enter lists more)',
  },
  /** `{n}`: entries of a panel list not shown yet. */
  listMore: { zh: '再显示 {n} 项', en: 'Show {n} more' },
  /** `{shown}`, `{total}`. */
  listShown: { zh: '已显示 {shown} / {total} 项', en: '{shown} of {total} shown' },
  /** `{n}`: an item count. */
  itemCount: { zh: '{n} 个项目', en: '{n} items' },
  // Announcements (the aria-live region).
  /** `{name}`, `{kind}`. */
  announceSelected: { zh: '已选择 {name}({kind})', en: 'Selected {name} ({kind})' },
  announceCleared: { zh: '已取消选择', en: 'Selection cleared' },
  // Export (ui/export-bar.ts, the sheet).
  export: { zh: '导出', en: 'Export' },
  /** `{name}`: the selected feature. */
  exportSelection: { zh: '所选:{name}', en: 'Selection: {name}' },
  exportVisible: { zh: '全部可见内容', en: 'Everything visible' },
  exportGeoJson: { zh: 'GeoJSON', en: 'GeoJSON' },
  exportCsv: { zh: 'CSV(Excel)', en: 'CSV (Excel)' },
  exportPng: { zh: 'PNG 图纸', en: 'PNG sheet' },
  exportBusy: { zh: '正在生成图纸…', en: 'Making the sheet…' },
  exportFailed: { zh: '导出失败', en: 'The export failed' },
  sheetLegend: { zh: '图例', en: 'Legend' },
  /** `{name}`: the selected zone. */
  sheetItems: { zh: '{name} 所含项目', en: 'Items in {name}' },
  sheetSources: { zh: '资料来源', en: 'Sources' },
  /** `{date}`: yyyy-mm-dd. */
  sheetDate: {
    zh: '制图日期 {date} · 区域范围为示意,非测绘成果',
    en: 'Made on {date} · zone outlines are schematic, not surveyed',
  },
  /** `{n}`: rows left out. */
  sheetMore: { zh: '另有 {n} 项未列出', en: 'and {n} more not listed' },
  north: { zh: '北', en: 'N' },
  name: { zh: '名称', en: 'Name' },
  kind: { zh: '类型', en: 'Kind' },
  filtered: { zh: '已筛选', en: 'filtered' },
} satisfies Record<string, LocalizedText>;

export type StringKey = keyof typeof STRINGS;

export function t(lang: Lang, key: StringKey): string {
  return STRINGS[key][lang];
}

/** A string with `{name}` placeholders filled in: `tf('en', 'itemCount', { n: '8' })`. */
export function tf(lang: Lang, key: StringKey, vars: Record<string, string | number>): string {
  return STRINGS[key][lang].replace(/\{(\w+)\}/g, (m, k: string) =>
    k in vars ? String(vars[k]) : m,
  );
}

export const KIND_LABELS: Record<string, LocalizedText> = {
  corridor: { zh: '一廊', en: 'Corridor' },
  center: { zh: '一心', en: 'Centre' },
  city: { zh: '一城', en: 'Science city' },
  cluster: { zh: '组团', en: 'Cluster' },
  subzone: { zh: '片区', en: 'Subzone' },
  'eco-core': { zh: '生态核', en: 'Ecological core' },
  expansion: { zh: '拓展方向', en: 'Expansion direction' },
  'industrial-corridor': { zh: '产业走廊', en: 'Industrial corridor' },
  'corridor-node': { zh: '走廊节点', en: 'Corridor node' },
  project: { zh: '项目', en: 'Project' },
  lab: { zh: '实验室/平台', en: 'Lab / platform' },
  infrastructure: { zh: '基础设施', en: 'Infrastructure' },
  place: { zh: '地名', en: 'Place' },
  district: { zh: '行政区', en: 'District' },
};

export const STATUS_LABELS: Record<string, LocalizedText> = {
  planned: { zh: '规划', en: 'Planned' },
  signed: { zh: '已签约', en: 'Signed' },
  'land-supplied': { zh: '已供地', en: 'Land supplied' },
  'under-construction': { zh: '在建', en: 'Under construction' },
  completed: { zh: '已建成', en: 'Completed' },
  operating: { zh: '运营中', en: 'Operating' },
};

export const ACCURACY_LABELS: Record<string, LocalizedText> = {
  surveyed: { zh: '实测', en: 'Surveyed' },
  approximate: { zh: '近似', en: 'Approximate' },
  schematic: { zh: '示意', en: 'Schematic' },
};

export const METHOD_LABELS: Record<string, LocalizedText> = {
  explicit: { zh: '规划文本指定', en: 'named by the plan text' },
  inside: { zh: '位于区内(Turf 判定)', en: 'inside the zone (Turf)' },
  nearest: { zh: '区外,就近归属(Turf)', en: 'outside, attached to the nearest zone (Turf)' },
  none: { zh: '未归属任何区域', en: 'not attached to any zone' },
};

/** Labels of exactly the categories in `ITEM_CATEGORIES` (src/plan/types.ts), the one list. */
export const CATEGORY_LABELS: Readonly<Record<ItemCategory, LocalizedText>> = {
  digital: { zh: '数字技术', en: 'Digital' },
  'clean-energy': { zh: '洁净能源', en: 'Clean energy' },
  'life-health': { zh: '生命健康', en: 'Life & health' },
  'intelligent-manufacturing': { zh: '智能制造', en: 'Intelligent manufacturing' },
  'new-materials': { zh: '新材料', en: 'New materials' },
  'smart-ocean': { zh: '智慧海洋', en: 'Smart ocean' },
  'culture-creative': { zh: '文化创意', en: 'Culture & creative' },
  finance: { zh: '金融', en: 'Finance' },
  incubator: { zh: '孵化载体', en: 'Incubator' },
  research: { zh: '科研', en: 'Research' },
  education: { zh: '教育', en: 'Education' },
  health: { zh: '医疗卫生', en: 'Health care' },
  road: { zh: '道路', en: 'Road' },
  water: { zh: '供水', en: 'Water' },
  power: { zh: '电力', en: 'Power' },
  sewage: { zh: '污水处理', en: 'Sewage' },
  heating: { zh: '供热', en: 'Heating' },
  transit: { zh: '交通', en: 'Transit' },
  aviation: { zh: '航空', en: 'Aviation' },
  park: { zh: '产业园', en: 'Industrial park' },
  gas: { zh: '燃气', en: 'Gas' },
  'urban-development': { zh: '城市开发', en: 'Urban development' },
  'public-service': { zh: '公共服务', en: 'Public service' },
};

/**
 * MapLibre's own UI strings (control tooltips and labels, the cooperative-gestures hint, the
 * canvas's name), by MapLibre's locale key (`defaultLocale` in maplibre-gl.d.ts). Scale units
 * (km, m …) stay as they are in both languages.
 */
export const MAPLIBRE_UI: Readonly<Record<string, LocalizedText>> = {
  'AttributionControl.ToggleAttribution': { zh: '显示/隐藏版权信息', en: 'Toggle attribution' },
  'AttributionControl.MapFeedback': { zh: '地图反馈', en: 'Map feedback' },
  'FullscreenControl.Enter': { zh: '进入全屏', en: 'Enter fullscreen' },
  'FullscreenControl.Exit': { zh: '退出全屏', en: 'Exit fullscreen' },
  'GeolocateControl.FindMyLocation': { zh: '查找我的位置', en: 'Find my location' },
  'GeolocateControl.LocationNotAvailable': { zh: '无法获取位置', en: 'Location not available' },
  'LogoControl.Title': { zh: 'MapLibre 标志', en: 'MapLibre logo' },
  'Map.Title': { zh: '地图', en: 'Map' },
  'Marker.Title': { zh: '地图标记', en: 'Map marker' },
  'NavigationControl.ResetBearing': {
    zh: '拖动以旋转地图,单击恢复正北',
    en: 'Drag to rotate map, click to reset north',
  },
  'NavigationControl.ZoomIn': { zh: '放大', en: 'Zoom in' },
  'NavigationControl.ZoomOut': { zh: '缩小', en: 'Zoom out' },
  'Popup.Close': { zh: '关闭弹窗', en: 'Close popup' },
  'GlobeControl.Enable': { zh: '启用地球视图', en: 'Enable globe' },
  'GlobeControl.Disable': { zh: '关闭地球视图', en: 'Disable globe' },
  'TerrainControl.Enable': { zh: '启用地形', en: 'Enable terrain' },
  'TerrainControl.Disable': { zh: '关闭地形', en: 'Disable terrain' },
  'CooperativeGesturesHandler.WindowsHelpText': {
    zh: '按住 Ctrl 键并滚动鼠标以缩放地图',
    en: 'Use Ctrl + scroll to zoom the map',
  },
  'CooperativeGesturesHandler.MacHelpText': {
    zh: '按住 ⌘ 键并滚动以缩放地图',
    en: 'Use ⌘ + scroll to zoom the map',
  },
  'CooperativeGesturesHandler.MobileHelpText': {
    zh: '使用双指移动地图',
    en: 'Use two fingers to move the map',
  },
};

/** MapLibre's `locale` option (a patch over its English defaults) in one language. */
export function maplibreLocale(lang: Lang): Record<string, string> {
  return Object.fromEntries(Object.entries(MAPLIBRE_UI).map(([key, text]) => [key, text[lang]]));
}

/** Label from a vocabulary, falling back to the raw value for terms the UI does not know. */
export function label(vocab: Record<string, LocalizedText>, value: string, lang: Lang): string {
  return vocab[value]?.[lang] ?? value;
}

/** Area in km² with locale-appropriate grouping; two decimals below 10 km², one above. */
export function formatAreaKm2(areaKm2: number, lang: Lang): string {
  const digits = areaKm2 < 10 ? 2 : 1;
  const n = new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(areaKm2);
  return `${n} km²`;
}

export function formatMetres(m: number, lang: Lang): string {
  if (m >= 1000) {
    return `${new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en', { maximumFractionDigits: 1 }).format(m / 1000)} km`;
  }
  return `${Math.round(m)} m`;
}
