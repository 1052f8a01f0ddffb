/**
 * The manifest (`plan.json`): checked and normalised before any layer is fetched. Only a
 * manifest that is not an object with a `layers` array stops the load; every other problem
 * skips the bad layer entry or falls back to a default, with an issue.
 */
import { parseDatum, toWgs84 } from './datum.js';
import type { BBox } from './geometry.js';
import { isRecord, isReservedKey } from './guards.js';
import { ISSUE_SEVERITY, type IssueCode, issue, type PlanIssue, show } from './issues.js';
import type { PlanLimits } from './limits.js';
import { hasMarkup, safeAttribution, truncate } from './text.js';
import {
  type Datum,
  LAYER_KINDS,
  type LayerKind,
  type LayerSpec,
  type LegendEntry,
  type LocalizedText,
  type PlanManifest,
  type PlanSource,
} from './types.js';
import { baseName, ID_PATTERN } from './validate.js';

const LAYER_KIND_SET = new Set<string>(LAYER_KINDS);

/** A layer entry ready to fetch: the spec plus its datum and resolved location. */
export interface CheckedLayer {
  spec: LayerSpec;
  /** Datum of the file's coordinates (the layer's own `datum`, else the manifest's). */
  datum: Datum;
  /** Where to fetch it: an absolute URL (or the bare name for an in-memory plan). */
  location: string;
}

/** Why a file name was refused: it points outside the plan package (both languages). */
export interface Refusal {
  refused: { en: string; zh: string };
}

/** Turns a layer's `file` into where to fetch it; null: not a usable name at all. */
export type Resolver = (name: string) => string | Refusal | null;

export interface CheckedManifest {
  /** Normalised; `bbox` is WGS84, or null when it had to be computed from the data. */
  manifest: Omit<PlanManifest, 'bbox'> & { bbox: BBox | null };
  layers: CheckedLayer[];
  /** `unlocated` as given: an array, a file name, or undefined. */
  unlocated: unknown;
  issues: PlanIssue[];
}

const HEX = /^#(?:[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i;
const FUNCTIONAL = /^(?:rgba?|hsla?)\(\s*[-+0-9.%\s,/]+\)$/i;
const NAMED = new Set([
  'transparent',
  'black',
  'white',
  'red',
  'green',
  'blue',
  'yellow',
  'orange',
  'purple',
  'gray',
  'grey',
  'brown',
  'pink',
  'cyan',
  'magenta',
  'navy',
  'teal',
  'olive',
  'maroon',
  'lime',
  'aqua',
  'fuchsia',
  'silver',
  'gold',
]);

/** A colour MapLibre's style spec accepts (hex, rgb[a], hsl[a] or a common name). */
export function isColor(v: unknown): v is string {
  return typeof v === 'string' && (HEX.test(v) || FUNCTIONAL.test(v) || NAMED.has(v.toLowerCase()));
}

const DEFAULT_COLOR = '#888888';
/** Longest layer `file` (a name or URL). */
const MAX_FILE_NAME = 500;

function localized(v: unknown): LocalizedText | null {
  if (!isRecord(v)) return null;
  const zh = typeof v.zh === 'string' && v.zh.trim() !== '' ? v.zh : undefined;
  const en = typeof v.en === 'string' && v.en.trim() !== '' ? v.en : undefined;
  if (zh === undefined && en === undefined) return null;
  return { zh: zh ?? en!, en: en ?? zh! };
}

function validBbox(v: unknown): BBox | null {
  if (!Array.isArray(v) || v.length !== 4) return null;
  if (!v.every((x) => typeof x === 'number' && Number.isFinite(x))) return null;
  const [w, s, e, n] = v as BBox;
  const ok = w >= -180 && e <= 180 && s >= -90 && n <= 90 && w < e && s < n;
  return ok ? [w, s, e, n] : null;
}

/**
 * Checks a parsed manifest. `file` names it in issues; `resolve` turns a layer's `file` into
 * where to fetch it (null: not a usable location).
 */
export function checkManifest(
  raw: unknown,
  file: string,
  limits: PlanLimits,
  resolve: Resolver,
): CheckedManifest | { fatal: PlanIssue[] } {
  const issues: PlanIssue[] = [];
  const name = baseName(file);
  const add = (code: IssueCode, en: string, zh: string, path?: string) =>
    issues.push(
      issue(code, ISSUE_SEVERITY[code], file, `Manifest ${name}: ${en}`, `清单 ${name}:${zh}`, {
        path,
      }),
    );

  if (!isRecord(raw) || !Array.isArray(raw.layers) || raw.layers.length === 0) {
    const what = !isRecord(raw)
      ? {
          en: `is not a JSON object (found ${show(raw, 40)})`,
          zh: `不是 JSON 对象(实际为 ${show(raw, 40)})`,
        }
      : !Array.isArray(raw.layers)
        ? { en: 'has no "layers" array', zh: '缺少 "layers" 数组' }
        : { en: 'lists no layers', zh: '"layers" 为空' };
    return {
      fatal: [
        issue(
          'bad-manifest',
          'error',
          file,
          `Manifest ${name} ${what.en}: nothing can be drawn`,
          `清单 ${name} ${what.zh}:无法绘制任何内容`,
        ),
      ],
    };
  }

  // id, title
  let id = 'plan';
  if (typeof raw.id === 'string' && raw.id.trim() !== '' && raw.id.length <= 200) id = raw.id;
  else
    add(
      'bad-manifest-field',
      `"id" ${show(raw.id, 40)} is not a short text ("plan" used)`,
      `"id" ${show(raw.id, 40)} 不是简短文本(按 "plan")`,
      'id',
    );
  let title = localized(raw.title);
  if (
    title === null ||
    !(isRecord(raw.title) && typeof raw.title.zh === 'string' && typeof raw.title.en === 'string')
  ) {
    add(
      'bad-manifest-field',
      `"title" must be { "zh": text, "en": text } (found ${show(raw.title, 60)})`,
      `"title" 必须是 { "zh": 文本, "en": 文本 }(实际为 ${show(raw.title, 60)})`,
      'title',
    );
  }
  title ??= { zh: id, en: id };
  if (title.zh.length > limits.maxNameChars || title.en.length > limits.maxNameChars) {
    add(
      'long-text',
      `"title" is over ${limits.maxNameChars} characters; truncated`,
      `"title" 超过 ${limits.maxNameChars} 字;已截断`,
      'title',
    );
    title = {
      zh: truncate(title.zh, limits.maxNameChars),
      en: truncate(title.en, limits.maxNameChars),
    };
  }
  if (hasMarkup(title.zh) || hasMarkup(title.en)) {
    add(
      'markup-in-text',
      '"title" contains HTML markup; it is shown as literal text',
      '"title" 含 HTML 标记;按原文显示',
      'title',
    );
  }

  // datum
  let datum: Datum = 'WGS84';
  if (raw.datum !== undefined) {
    const d = parseDatum(raw.datum);
    if (d) datum = d;
    else
      add(
        'unknown-datum',
        `datum ${show(raw.datum, 40)} is not WGS84, GCJ-02 or BD-09; coordinates are read as WGS84`,
        `datum ${show(raw.datum, 40)} 不是 WGS84、GCJ-02 或 BD-09;按 WGS84 读取`,
        'datum',
      );
  }

  // bbox (in the manifest's datum; kept as WGS84)
  let bbox = validBbox(raw.bbox);
  if (bbox === null) {
    add(
      'bad-bbox',
      `"bbox" ${show(raw.bbox, 60)} is not [west, south, east, north] in degrees (west < east, south < north); the extent of the data is used and features are not checked against it`,
      `"bbox" ${show(raw.bbox, 60)} 不是以度为单位的 [西, 南, 东, 北](西 < 东,南 < 北);改用数据范围,且不检查要素是否越界`,
      'bbox',
    );
  } else if (datum !== 'WGS84') {
    const sw = toWgs84([bbox[0], bbox[1]], datum);
    const ne = toWgs84([bbox[2], bbox[3]], datum);
    bbox = [sw[0]!, sw[1]!, ne[0]!, ne[1]!];
  }

  // view
  let view: PlanManifest['view'];
  if (raw.view !== undefined) {
    const v = raw.view;
    const c = isRecord(v) ? v.center : undefined;
    const ok =
      isRecord(v) &&
      Array.isArray(c) &&
      c.length === 2 &&
      typeof c[0] === 'number' &&
      typeof c[1] === 'number' &&
      Math.abs(c[0]) <= 180 &&
      Math.abs(c[1]) <= 90 &&
      typeof v.zoom === 'number' &&
      v.zoom >= 0 &&
      v.zoom <= 24;
    if (ok) {
      const center = toWgs84(c as number[], datum);
      view = { center: [center[0]!, center[1]!], zoom: v.zoom as number };
    } else {
      add(
        'bad-manifest-field',
        `"view" must be { "center": [lon, lat], "zoom": 0–24 } (found ${show(v, 60)}); dropped`,
        `"view" 必须是 { "center": [经度, 纬度], "zoom": 0–24 }(实际为 ${show(v, 60)});已忽略`,
        'view',
      );
    }
  }

  // sources
  let sources: PlanSource[] = [];
  if (raw.sources !== undefined) {
    if (!Array.isArray(raw.sources)) {
      add(
        'bad-manifest-field',
        '"sources" is not an array; ignored',
        '"sources" 不是数组;已忽略',
        'sources',
      );
    } else {
      raw.sources.forEach((s: unknown, i: number) => {
        if (isRecord(s) && typeof s.id === 'string' && s.id !== '') {
          const src: PlanSource = {
            id: truncate(s.id, limits.maxNameChars),
            title: typeof s.title === 'string' ? truncate(s.title, limits.maxTextChars) : s.id,
            date: typeof s.date === 'string' ? truncate(s.date, 40) : '',
          };
          if (typeof s.file === 'string') src.file = truncate(s.file, limits.maxNameChars);
          sources.push(src);
        } else {
          add(
            'bad-manifest-field',
            `sources[${i}] has no "id"; ignored`,
            `sources[${i}] 缺少 "id";已忽略`,
            `sources[${i}]`,
          );
        }
      });
    }
  }
  const sourceIds = new Set<string>();
  sources = sources.filter((s) => !sourceIds.has(s.id) && sourceIds.add(s.id) !== undefined);

  // attach_within_m
  let attach: number | undefined;
  if (raw.attach_within_m !== undefined) {
    const a = raw.attach_within_m;
    if (typeof a === 'number' && Number.isFinite(a) && a >= 0) attach = a;
    else
      add(
        'bad-manifest-field',
        `"attach_within_m" ${show(a, 30)} is not a distance in metres ≥ 0; the default is used`,
        `"attach_within_m" ${show(a, 30)} 不是 ≥ 0 的米数;使用默认值`,
        'attach_within_m',
      );
  }

  // layers
  let entries = raw.layers as unknown[];
  if (entries.length > limits.maxLayers) {
    add(
      'too-many-layers',
      `${entries.length} layers, more than the limit of ${limits.maxLayers}; layers after the ${limits.maxLayers}th are skipped`,
      `共 ${entries.length} 个图层,超过 ${limits.maxLayers} 个的上限;第 ${limits.maxLayers} 个之后的图层未载入`,
      `layers[${limits.maxLayers}]`,
    );
    entries = entries.slice(0, limits.maxLayers);
  }
  const layers: CheckedLayer[] = [];
  const seen = new Set<string>();
  entries.forEach((l: unknown, i: number) => {
    const path = `layers[${i}]`;
    if (!isRecord(l)) {
      add(
        'bad-layer-spec',
        `${path} is not an object (found ${show(l, 40)}); skipped`,
        `${path} 不是对象(实际为 ${show(l, 40)});已跳过`,
        path,
      );
      return;
    }
    if (l.id === undefined || l.id === null || l.id === '') {
      add(
        'missing-layer-id',
        `${path} (file ${show(l.file, 60)}) has no "id"; skipped`,
        `${path}(文件 ${show(l.file, 60)})缺少 "id";已跳过`,
        `${path}.id`,
      );
      return;
    }
    if (typeof l.id !== 'string' || !ID_PATTERN.test(l.id) || l.id.length > 100) {
      add(
        'bad-layer-spec',
        `${path}: layer id ${show(l.id, 40)} is not ASCII kebab-case; skipped`,
        `${path}:图层 id ${show(l.id, 40)} 不是 ASCII 短横线格式;已跳过`,
        `${path}.id`,
      );
      return;
    }
    const lid = l.id;
    if (isReservedKey(lid)) {
      add(
        'bad-layer-spec',
        `${path}: layer id ${show(lid, 40)} is the name of a JavaScript object member (it would break the map); skipped — choose another id`,
        `${path}:图层 id ${show(lid, 40)} 与 JavaScript 对象成员同名(会使地图无法载入);已跳过,请换一个 id`,
        `${path}.id`,
      );
      return;
    }
    if (seen.has(lid)) {
      add(
        'duplicate-layer-id',
        `layer id "${lid}" is used twice; ${path} (file ${show(l.file, 60)}) is skipped`,
        `图层 id "${lid}" 重复;${path}(文件 ${show(l.file, 60)})已跳过`,
        `${path}.id`,
      );
      return;
    }
    const location =
      typeof l.file === 'string' && l.file.trim() !== '' && l.file.length <= MAX_FILE_NAME
        ? resolve(l.file)
        : null;
    if (typeof location === 'object' && location !== null) {
      add(
        'outside-package',
        `layer "${lid}": "file" ${show(l.file, 60)} ${location.refused.en}; skipped`,
        `图层 "${lid}":"file" ${show(l.file, 60)} ${location.refused.zh};已跳过`,
        `${path}.file`,
      );
      return;
    }
    if (location === null) {
      add(
        'bad-layer-spec',
        `layer "${lid}": "file" ${show(l.file, 60)} is not a usable file name or http(s) URL; skipped`,
        `图层 "${lid}":"file" ${show(l.file, 60)} 不是可用的文件名或 http(s) 地址;已跳过`,
        `${path}.file`,
      );
      return;
    }
    if (typeof l.kind !== 'string' || !LAYER_KIND_SET.has(l.kind)) {
      add(
        'bad-layer-spec',
        `layer "${lid}": kind ${show(l.kind, 40)} is not one of ${LAYER_KINDS.join(', ')}; skipped`,
        `图层 "${lid}":kind ${show(l.kind, 40)} 不是 ${LAYER_KINDS.join('、')} 之一;已跳过`,
        `${path}.kind`,
      );
      return;
    }
    seen.add(lid);
    const fieldFix = (key: string, en: string, zh: string) =>
      add('bad-layer-field', `layer "${lid}": ${en}`, `图层 "${lid}":${zh}`, `${path}.${key}`);

    let layerTitle = localized(l.title);
    if (layerTitle === null) {
      fieldFix(
        'title',
        `"title" must be { "zh": text, "en": text }; the id is shown instead`,
        `"title" 必须是 { "zh": 文本, "en": 文本 };改为显示 id`,
      );
      layerTitle = { zh: lid, en: lid };
    }
    layerTitle = {
      zh: truncate(layerTitle.zh, limits.maxNameChars),
      en: truncate(layerTitle.en, limits.maxNameChars),
    };
    let color = DEFAULT_COLOR;
    if (isColor(l.color)) color = l.color;
    else
      fieldFix(
        'color',
        `color ${show(l.color, 40)} is not a CSS colour (#rrggbb, rgb(), hsl()); grey used`,
        `颜色 ${show(l.color, 40)} 不是 CSS 颜色(#rrggbb、rgb()、hsl());改用灰色`,
      );
    let visible = true;
    if (typeof l.visible === 'boolean') visible = l.visible;
    else if (l.visible !== undefined)
      fieldFix(
        'visible',
        `"visible" ${show(l.visible, 20)} is not true or false; shown`,
        `"visible" ${show(l.visible, 20)} 不是 true 或 false;按显示处理`,
      );
    const spec: LayerSpec = {
      id: lid,
      title: layerTitle,
      file: l.file as string,
      kind: l.kind as LayerKind,
      visible,
      color,
    };
    if (l.legend !== undefined) {
      const legend = Array.isArray(l.legend)
        ? l.legend
            .filter(
              (e: unknown): e is Record<string, unknown> =>
                isRecord(e) && localized(e.label) !== null && isColor(e.color),
            )
            .map(
              (e): LegendEntry => ({
                ...(typeof e.value === 'string' ? { value: e.value } : {}),
                label: localized(e.label)!,
                color: e.color as string,
              }),
            )
        : [];
      if (!Array.isArray(l.legend) || legend.length !== l.legend.length) {
        fieldFix(
          'legend',
          'legend entries must be { label: { zh, en }, color }; bad entries dropped',
          'legend 条目必须是 { label: { zh, en }, color };已忽略错误条目',
        );
      }
      spec.legend = legend;
    }
    if (l.attribution !== undefined) {
      if (typeof l.attribution !== 'string') {
        fieldFix(
          'attribution',
          '"attribution" is not text; dropped',
          '"attribution" 不是文本;已忽略',
        );
      } else {
        const safe = safeAttribution(truncate(l.attribution, limits.maxTextChars));
        if (safe.unsafeLink) {
          add(
            'unsafe-link',
            `layer "${lid}": the attribution links to something other than http(s); shown as text`,
            `图层 "${lid}":署名中的链接不是 http(s);按文本显示`,
            `${path}.attribution`,
          );
        } else if (safe.markup) {
          add(
            'markup-in-text',
            `layer "${lid}": the attribution contains HTML markup other than http(s) links; shown as literal text`,
            `图层 "${lid}":署名含 http(s) 链接以外的 HTML 标记;按原文显示`,
            `${path}.attribution`,
          );
        }
        spec.attribution = safe.html;
      }
    }
    let layerDatum = datum;
    if (l.datum !== undefined) {
      const d = parseDatum(l.datum);
      if (d) layerDatum = d;
      else
        add(
          'unknown-datum',
          `layer "${lid}": datum ${show(l.datum, 40)} is not WGS84, GCJ-02 or BD-09; the manifest's ${datum} is used`,
          `图层 "${lid}":datum ${show(l.datum, 40)} 不是 WGS84、GCJ-02 或 BD-09;按清单的 ${datum}`,
          `${path}.datum`,
        );
      spec.datum = layerDatum;
    }
    layers.push({ spec, datum: layerDatum, location });
  });

  const unlocated = raw.unlocated;
  if (unlocated !== undefined && typeof unlocated !== 'string' && !Array.isArray(unlocated)) {
    add(
      'bad-unlocated',
      '"unlocated" is neither a list nor a file name; ignored',
      '"unlocated" 既不是列表也不是文件名;已忽略',
      'unlocated',
    );
  }

  const manifest: CheckedManifest['manifest'] = {
    id,
    title,
    bbox,
    datum,
    sources,
    layers: layers.map((l) => l.spec),
  };
  if (view) manifest.view = view;
  if (attach !== undefined) manifest.attach_within_m = attach;
  return {
    manifest,
    layers,
    unlocated: typeof unlocated === 'string' || Array.isArray(unlocated) ? unlocated : undefined,
    issues,
  };
}
