/**
 * The issues the element itself raises — about its attributes, the map, MapLibre's worker and
 * its own exceptions — each in both languages, and the error `ready` rejects with. Pure: the
 * element and its controllers report what these return.
 */
import { parseBasemap } from '../map/basemap.js';
import { issue, type PlanIssue, redactUrl, show } from '../plan/issues.js';
import { isPlausibleYear, YEAR_RANGE } from '../plan/types.js';

/** A map that has not drawn its first frame this long after it was created is reported. */
export const MAP_DRAW_TIMEOUT_MS = 60_000;

/** What the element was doing when an exception reached it. */
export type Activity =
  | 'loading the plan'
  | 'creating the map'
  | 'updating the map'
  | 'removing the map'
  | 'drawing statuses'
  | 'drawing the plan'
  | 'drawing the panel';

const ACTIVITY_ZH: Record<Activity, string> = {
  'loading the plan': '载入规划',
  'creating the map': '创建地图',
  'updating the map': '更新地图',
  'removing the map': '移除地图',
  'drawing statuses': '绘制状态',
  'drawing the plan': '绘制规划',
  'drawing the panel': '绘制面板',
};

/** An `internal-error` issue for an exception while doing `where`. */
export function internalIssue(where: Activity, err: unknown): PlanIssue {
  const what = err instanceof Error ? `${err.name}: ${err.message}` : show(err, 200);
  return issue(
    'internal-error',
    'error',
    'plan-map',
    `The viewer failed while ${where}: ${what}. Retry, or report this with the plan that caused it`,
    `查看器在${ACTIVITY_ZH[where]}时出错:${what}。请重试,或连同引起问题的规划数据一并报告`,
  );
}

/** The error `ready` rejects with: a message and the issues that say why. */
export function loadError(message: string, issues: PlanIssue[]): Error & { issues: PlanIssue[] } {
  const first = issues.find((i) => i.severity === 'error') ?? issues[0];
  return Object.assign(new Error(first ? `${message}: ${first.message_en}` : message), {
    issues,
  });
}

/**
 * Issues of the `basemap` and `year` attributes (read on every render, so a change after
 * loading is reported too). `yearText` is the attribute as the page wrote it.
 */
export function attributeIssues(attrs: {
  basemap: string;
  tiandituKey: string;
  year: number | null;
  yearText: string | null;
}): PlanIssue[] {
  const out: PlanIssue[] = [];
  const problem = parseBasemap(attrs.basemap, attrs.tiandituKey).problem;
  if (problem) {
    const zh =
      attrs.basemap?.trim() === 'tianditu'
        ? 'basemap="tianditu" 需要 tianditu-key 属性;改用离线底图'
        : `basemap=${show(attrs.basemap, 80)} 不是 offline、osm、tianditu 或 http(s) 样式地址;改用离线底图`;
    out.push(issue('bad-basemap', 'warning', 'basemap', problem, zh, { path: 'basemap' }));
  }
  if (attrs.year !== null && !isPlausibleYear(attrs.year)) {
    const raw = show(attrs.yearText ?? attrs.year, 40);
    out.push(
      issue(
        'bad-year',
        'warning',
        'year',
        `The year attribute ${raw} is not a whole year within ${YEAR_RANGE.min}–${YEAR_RANGE.max}; the plan is shown as of now`,
        `year 属性 ${raw} 不是 ${YEAR_RANGE.min}–${YEAR_RANGE.max} 之间的整年;按当前状态显示`,
        { path: 'year' },
      ),
    );
  }
  return out;
}

/** The `basemap` style could not be used: the plan is drawn on the offline basemap. */
export function basemapFailedIssue(url: string, message: string): PlanIssue {
  const where = redactUrl(url);
  const text = redactUrl(message);
  return issue(
    'basemap-failed',
    'warning',
    where,
    `The basemap style ${where} could not be used (${text}); the plan is drawn on the offline basemap`,
    `底图样式 ${where} 无法使用(${text});规划改绘于离线底图上`,
    { path: 'basemap' },
  );
}

/** MapLibre reported an error about one source, or the map. */
export function mapErrorIssue(message: string, sourceId: string | undefined): PlanIssue {
  const text = redactUrl(message);
  const where = sourceId ? `source "${sourceId}"` : 'the map';
  const whereZh = sourceId ? `数据源 "${sourceId}"` : '地图';
  return issue(
    'map-error',
    'warning',
    sourceId ?? 'map',
    `${where} reported an error: ${text}; the rest of the map is drawn`,
    `${whereZh}报告错误:${text};地图其余部分照常绘制`,
  );
}

/** The map has not drawn its first frame in {@link MAP_DRAW_TIMEOUT_MS}. */
export function drawTimeoutIssue(): PlanIssue {
  const s = MAP_DRAW_TIMEOUT_MS / 1000;
  return issue(
    'map-error',
    'warning',
    'map',
    `The map has not finished drawing after ${s} s (a tile server or the map's worker does not answer?)`,
    `地图在 ${s} 秒后仍未绘制完成(瓦片服务器或地图的 worker 无响应?)`,
  );
}

/** MapLibre's worker did not start, so the map cannot draw. */
export function workerFailedIssue(url: string): PlanIssue {
  const where = redactUrl(url);
  return issue(
    'worker-failed',
    'error',
    where,
    `MapLibre's worker ${where} could not be started (missing, served as a web page, or blocked by the page's CSP), so the map cannot draw. Serve the file there, or call setBasePath() with the folder that holds maplibre-gl-worker.mjs`,
    `MapLibre 的 worker 脚本 ${where} 无法启动(文件缺失、返回的是网页,或被页面的 CSP 拦截),地图无法绘制。请在该地址提供此文件,或调用 setBasePath() 指向存放 maplibre-gl-worker.mjs 的文件夹`,
  );
}

/** The map could not be created: no usable WebGL, or an exception. */
export function mapCreationIssue(err: unknown): PlanIssue {
  if (!/webgl/i.test(String(err))) return internalIssue('creating the map', err);
  const what = show(String(err), 200);
  return issue(
    'map-unavailable',
    'error',
    'map',
    `The map could not be created: ${what}. This browser has no usable WebGL (disabled, blocked, or too many maps open); the panel still lists the plan`,
    `无法创建地图:${what}。此浏览器没有可用的 WebGL(已禁用、被拦截或打开的地图过多);面板仍列出规划内容`,
  );
}
