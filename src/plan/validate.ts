/**
 * Validates one layer file — GeoJSON structure and RFC 7946 rules (./geometry.ts, with
 * geojson-validation), the plan schema, text — and then the plan as a whole: unique ids,
 * `zone` / `parent` / `parks` / `sources` references, and the datum signature of each layer.
 *
 * Returns the usable features and the problems found. A feature with an error is left out and
 * listed; warnings are fixed where they say so. Never throws on bad data.
 */

import { bbox as turfBbox } from '@turf/bbox';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { detectDatumShift } from './datum.js';
import { type BBox, checkGeometry, countPositions, firstPosition } from './geometry.js';
import { isRecord } from './guards.js';
import {
  examples,
  ISSUE_SEVERITY,
  type IssueCode,
  IssueCollector,
  type IssueExtra,
  issue,
  type PlanIssue,
  show,
} from './issues.js';
import { LIMITS, type PlanLimits } from './limits.js';
import { checkProperties, describe, type Finding, MESSAGES } from './property-rules.js';
import { type Datum, ITEM_KINDS, LAYOUT_KINDS, type PlanProps } from './types.js';

const ITEM_KIND_SET = new Set<string>(ITEM_KINDS);
const LAYOUT_KIND_SET = new Set<string>(LAYOUT_KINDS);
/** Zones an item may name in `zone`: areal layout zones (not the expansion arrows). */
const ZONE_KIND_SET = new Set<string>(LAYOUT_KINDS.filter((k) => k !== 'expansion'));

export { ID_PATTERN, looksLikeFormula, renameReservedKeys } from './property-rules.js';

export type PlanFeatureOut = Feature<Geometry, PlanProps>;

export interface LayerValidation {
  features: PlanFeatureOut[];
  /** Capped as produced: `LIMITS.maxIssuesPerCode` per code, then one summary. */
  issues: PlanIssue[];
  /** The whole file was refused (not one of its features). */
  refused?: boolean;
}

export interface LayerContext {
  /** Plan bbox grown by the extent margin; absent or null: no extent checks. */
  extent?: BBox | null;
  /** Datum of the file's coordinates (converted to WGS84). Default WGS84. */
  datum?: Datum;
  limits?: PlanLimits;
  /** Features the plan can still take (`maxFeaturesTotal` minus what is loaded). */
  featureBudget?: number;
}

/** The last path segment of a file or URL, for messages. */
export function baseName(file: string): string {
  const clean = file.split(/[?#]/)[0] ?? file;
  const parts = clean.split(/[\\/]/).filter(Boolean);
  return parts[parts.length - 1] ?? file;
}

interface Where {
  file: string;
  index: number;
  id: string | undefined;
}

/** "projects.geojson, feature "x" (features[3])" in both languages. */
function at(w: Where): { en: string; zh: string } {
  const name = baseName(w.file);
  if (w.id === undefined) {
    return { en: `${name}, features[${w.index}]`, zh: `${name} features[${w.index}]` };
  }
  const id = show(w.id, 80);
  return {
    en: `${name}, feature ${id} (features[${w.index}])`,
    zh: `${name} 要素 ${id}(features[${w.index}])`,
  };
}

function featureIssue(
  code: IssueCode,
  w: Where,
  en: string,
  zh: string,
  extra: Omit<IssueExtra, 'featureId'> = {},
): PlanIssue {
  const a = at(w);
  const path = `features[${w.index}]${extra.path ? `.${extra.path}` : ''}`;
  const out: IssueExtra = { path };
  if (w.id !== undefined) out.featureId = w.id;
  if (extra.bbox) out.bbox = extra.bbox;
  // The severity is the code's own: looked up rather than repeated at every call.
  return issue(code, severityOf(code), w.file, `${a.en}: ${en}`, `${a.zh}:${zh}`, out);
}

function severityOf<C extends IssueCode>(code: C): (typeof ISSUE_SEVERITY)[C] {
  return ISSUE_SEVERITY[code];
}

/** A `crs` member that is not WGS84 longitude/latitude (RFC 7946 dropped `crs` altogether). */
function foreignCrs(crs: unknown): string | null {
  if (crs === undefined || crs === null) return null;
  const name = isRecord(crs) && isRecord(crs.properties) ? crs.properties.name : undefined;
  if (typeof name === 'string' && /(CRS84|EPSG:*4326|EPSG:*4490)$/i.test(name.trim())) return null;
  return show(typeof name === 'string' ? name : crs, 80);
}

/**
 * Validates one layer file. `file` names it in the issues; `ctx` gives the plan's extent,
 * the file's datum and the limits.
 */
export function validateLayer(
  data: unknown,
  file: string,
  ctx: LayerContext = {},
): LayerValidation {
  return runSteps(validateLayerSteps(data, file, ctx));
}

/** Features (or positions) validated between two chances to yield (see `validateLayerSteps`). */
export const FEATURES_PER_STEP = 512;
const VERTICES_PER_STEP = 50_000;

/** Runs a step generator to its end on this thread. */
export function runSteps<T>(steps: Generator<void, T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/**
 * {@link validateLayer} in steps: it yields every {@link FEATURES_PER_STEP} features, so an
 * async caller can give the page a frame between steps (a 100,000-feature layer would
 * otherwise block the main thread for a few hundred milliseconds).
 */
export function* validateLayerSteps(
  data: unknown,
  file: string,
  ctx: LayerContext = {},
): Generator<void, LayerValidation> {
  const limits = ctx.limits ?? LIMITS;
  const name = baseName(file);
  const issues = new IssueCollector(limits.maxIssuesPerCode);
  const refuse = (code: IssueCode, en: string, zh: string, path?: string): LayerValidation => ({
    features: [],
    issues: [issue(code, severityOf(code), file, `${name}: ${en}`, `${name}:${zh}`, { path })],
    refused: true,
  });

  if (!isRecord(data) || data.type !== 'FeatureCollection' || !Array.isArray(data.features)) {
    const found = isRecord(data)
      ? `an object with type ${show(data.type, 30)}${Array.isArray(data.features) ? '' : ' and no features array'}`
      : describe(data).en;
    const foundZh = isRecord(data)
      ? `type 为 ${show(data.type, 30)} 的对象${Array.isArray(data.features) ? '' : ',且没有 features 数组'}`
      : describe(data).zh;
    return refuse(
      'not-feature-collection',
      `not a GeoJSON FeatureCollection (found ${found}); the layer is empty`,
      `不是 GeoJSON FeatureCollection(实际为 ${foundZh});该图层为空`,
    );
  }
  const crs = foreignCrs(data.crs);
  if (crs !== null) {
    return refuse(
      'unsupported-crs',
      `declares crs ${crs}; GeoJSON (RFC 7946) must be WGS84 longitude/latitude — re-export it as WGS84 (EPSG:4326)`,
      `声明了坐标系 crs ${crs};GeoJSON(RFC 7946)必须是 WGS84 经纬度,请以 WGS84(EPSG:4326)重新导出`,
      'crs',
    );
  }
  const raw = data.features as unknown[];
  const budget = Math.min(
    limits.maxFeaturesPerLayer,
    ctx.featureBudget ?? Number.POSITIVE_INFINITY,
  );
  if (raw.length > budget) {
    const perLayer = raw.length > limits.maxFeaturesPerLayer;
    return refuse(
      'too-many-features',
      perLayer
        ? `${raw.length} features, more than the limit of ${limits.maxFeaturesPerLayer} per layer; the layer is refused (split it)`
        : `${raw.length} features would take the plan past its limit of ${limits.maxFeaturesTotal}; the layer is refused`,
      perLayer
        ? `含 ${raw.length} 个要素,超过每图层 ${limits.maxFeaturesPerLayer} 个的上限;该图层未载入(请拆分)`
        : `${raw.length} 个要素将使规划超过 ${limits.maxFeaturesTotal} 个要素的上限;该图层未载入`,
      'features',
    );
  }
  const positions = countPositions(
    raw.map((f) => (isRecord(f) && isRecord(f.geometry) ? f.geometry.coordinates : null)),
    limits.maxVerticesPerLayer,
  );
  if (positions > limits.maxVerticesPerLayer) {
    return refuse(
      'too-many-vertices',
      `more than ${limits.maxVerticesPerLayer} positions in the file (the limit per layer); simplify or split it`,
      `文件坐标点超过 ${limits.maxVerticesPerLayer} 个(每图层上限);请简化或拆分`,
      'features',
    );
  }
  // A projected export (metres) fails every range check; say so once, for the file.
  const firsts = raw
    .slice(0, 1000)
    .map((f) => (isRecord(f) ? firstPosition(f.geometry) : null))
    .filter((p): p is number[] => p?.every((v) => typeof v === 'number') === true);
  const metres = firsts.filter((p) => Math.abs(p[0]!) > 1000 || Math.abs(p[1]!) > 1000);
  if (metres.length > 0 && metres.length * 2 >= firsts.length) {
    return refuse(
      'projected-coordinates',
      `coordinates like ${show(metres[0])} are metres of a projected system, not degrees; re-export the file as WGS84 longitude/latitude (EPSG:4326)`,
      `坐标如 ${show(metres[0])} 是投影坐标(米),不是经纬度;请以 WGS84 经纬度(EPSG:4326)重新导出`,
      'features',
    );
  }

  const features: PlanFeatureOut[] = [];
  const geometryCtx = {
    extent: ctx.extent ?? null,
    datum: ctx.datum ?? 'WGS84',
    maxVertices: limits.maxVerticesPerFeature,
  };
  let vertices = 0;
  for (let index = 0; index < raw.length; index++) {
    if ((index > 0 && index % FEATURES_PER_STEP === 0) || vertices > VERTICES_PER_STEP) {
      vertices = 0;
      yield;
    }
    const f: unknown = raw[index];
    const props = isRecord(f) && isRecord(f.properties) ? f.properties : null;
    const w: Where = { file, index, id: typeof props?.id === 'string' ? props.id : undefined };
    if (!isRecord(f) || f.type !== 'Feature') {
      issues.add(
        featureIssue(
          'not-a-feature',
          w,
          `not a GeoJSON Feature (found ${isRecord(f) ? `type ${show(f.type, 30)}` : describe(f).en})`,
          `不是 GeoJSON Feature(实际为 ${isRecord(f) ? `type ${show(f.type, 30)}` : describe(f).zh})`,
        ),
      );
      continue;
    }
    const g = checkGeometry(f.geometry, geometryCtx);
    if (g.ok) vertices += g.vertexCount;
    const errors: PlanIssue[] = [];
    if (!g.ok) {
      errors.push(featureIssue(g.code, w, g.en, g.zh, { path: g.path, bbox: g.bbox }));
    }
    const bbox = g.ok ? g.bbox : g.bbox;
    if (props === null) {
      errors.push(
        featureIssue(
          'missing-property',
          w,
          `has no properties object (id, kind, name_zh and name_en are required)`,
          `没有 properties 对象(id、kind、name_zh、name_en 为必填)`,
          { path: 'properties', bbox },
        ),
      );
      for (const e of errors) issues.add(e);
      continue;
    }
    const p = checkProperties(props, limits);
    const toIssue = (f: Finding) =>
      featureIssue(f.code, w, f.msg.en, f.msg.zh, { path: `properties.${f.key}`, bbox });
    for (const e of p.errors) errors.push(toIssue(e));
    if (errors.length > 0 || !g.ok) {
      for (const e of errors) issues.add(e);
      continue;
    }
    if (g.rewound.length > 0) {
      issues.add(
        featureIssue(
          'wrong-winding',
          w,
          `ring(s) ${examples(g.rewound, 'en')} wound against RFC 7946 (outer rings counter-clockwise, holes clockwise); rewound`,
          `环 ${examples(g.rewound, 'zh')} 的方向不符合 RFC 7946(外环逆时针、内环顺时针);已自动纠正`,
          { path: g.rewound[0], bbox },
        ),
      );
    }
    for (const x of p.warnings) issues.add(toIssue(x));
    const out: PlanFeatureOut = {
      type: 'Feature',
      geometry: g.geometry,
      properties: p.props as unknown as PlanProps,
    };
    if (typeof f.id === 'string' || typeof f.id === 'number') out.id = f.id;
    features.push(out);
  }
  return { features, issues: issues.list() };
}

/** Bounds of a validated feature (for "show me where"). */
function boundsOf(f: PlanFeatureOut): BBox {
  const [w, s, e, n] = turfBbox(f);
  return [w, s, e, n];
}

/** Across the whole plan: ids must be unique; later duplicates are left out. */
export function dropDuplicateIds(
  layers: { file: string; features: Feature<Geometry, PlanProps>[] }[],
): PlanIssue[] {
  const seen = new Map<string, string>();
  const issues: PlanIssue[] = [];
  for (const layer of layers) {
    layer.features = layer.features.filter((f, index) => {
      const id = f.properties.id;
      const first = seen.get(id);
      if (first !== undefined) {
        const name = baseName(layer.file);
        issues.push(
          issue(
            'duplicate-id',
            'error',
            layer.file,
            `${name}, feature ${show(id, 80)}: the id is already used in ${baseName(first)}; this copy is left out`,
            `${name} 要素 ${show(id, 80)}:该 id 已在 ${baseName(first)} 中使用;此要素未载入`,
            { featureId: id, path: `features[${index}].properties.id`, bbox: boundsOf(f) },
          ),
        );
        return false;
      }
      seen.set(id, layer.file);
      return true;
    });
  }
  return issues;
}

export interface PlanLayerForChecks {
  file: string;
  kind: string;
  id: string;
  features: PlanFeatureOut[];
}

/**
 * Plan-wide checks after every layer is validated and duplicates are dropped: references
 * (`zone`, `parent`, `parks`, `sources[].doc`). Bad references are removed from the (already
 * copied) properties, with a warning — not listed when `layerMissing` (a whole layer failed to
 * load, so they would only repeat its error).
 */
export function checkReferences(
  layers: PlanLayerForChecks[],
  sourceIds: ReadonlySet<string>,
  { layerMissing = false }: { layerMissing?: boolean } = {},
): PlanIssue[] {
  const issues: PlanIssue[] = [];
  const byId = new Map<string, PlanFeatureOut>();
  const where = new Map<PlanFeatureOut, { file: string; index: number }>();
  for (const l of layers) {
    l.features.forEach((f, index) => {
      byId.set(f.properties.id, f);
      where.set(f, { file: l.file, index });
    });
  }
  const warn = (
    code: 'unknown-zone' | 'unknown-parent' | 'parent-cycle' | 'unknown-park' | 'unknown-source',
    f: PlanFeatureOut,
    key: string,
    en: string,
    zh: string,
  ) => {
    // With a whole layer missing, dangling references only repeat that layer's error: the
    // references are still removed, but not listed.
    if (layerMissing && code !== 'parent-cycle' && code !== 'unknown-source') return;
    const loc = where.get(f)!;
    issues.push(
      featureIssue(code, { file: loc.file, index: loc.index, id: f.properties.id }, en, zh, {
        path: `properties.${key}`,
        bbox: boundsOf(f),
      }),
    );
  };
  const kindOf = (id: string) => byId.get(id)?.properties.kind as string | undefined;

  for (const f of byId.values()) {
    const p = f.properties as unknown as Record<string, unknown>;
    const kind = p.kind as string;
    if (typeof p.zone === 'string') {
      const zk = kindOf(p.zone);
      if (zk === undefined || !ZONE_KIND_SET.has(zk)) {
        warn(
          'unknown-zone',
          f,
          'zone',
          `zone ${show(p.zone)} ${zk === undefined ? 'is not a feature of the plan' : `is a ${zk}, not a zone`}; removed, Turf attaches the item by its position`,
          `zone ${show(p.zone)} ${zk === undefined ? '不是本规划中的要素' : `是 ${zk},不是区域`};已移除,由 Turf 按位置归属`,
        );
        delete p.zone;
      }
    }
    if (typeof p.parent === 'string') {
      const pk = kindOf(p.parent);
      if (p.parent === p.id || pk === undefined || !LAYOUT_KIND_SET.has(pk)) {
        warn(
          'unknown-parent',
          f,
          'parent',
          `parent ${show(p.parent)} ${p.parent === p.id ? 'is the feature itself' : pk === undefined ? 'is not a feature of the plan' : `is a ${pk}, not a zone`}; removed`,
          `parent ${show(p.parent)} ${p.parent === p.id ? '是要素自身' : pk === undefined ? '不是本规划中的要素' : `是 ${pk},不是区域`};已移除`,
        );
        delete p.parent;
      }
    }
    if (kind === 'corridor-node' && Array.isArray(p.parks)) {
      const parks = p.parks as string[];
      const isPark = (id: string) => ITEM_KIND_SET.has(kindOf(id) ?? '');
      const bad = parks.filter((id) => !isPark(id));
      if (bad.length > 0) {
        warn(
          'unknown-park',
          f,
          'parks',
          `parks ${examples(bad, 'en')} are not items of the plan; removed from the node`,
          `parks ${examples(bad, 'zh')} 不是本规划中的项目;已从节点移除`,
        );
        p.parks = parks.filter(isPark);
      }
    }
    const sources = p.sources as { doc: string }[];
    const unknown = [...new Set(sources.map((s) => s.doc).filter((d) => !sourceIds.has(d)))];
    if (unknown.length > 0) {
      warn(
        'unknown-source',
        f,
        'sources',
        MESSAGES.unknownSources(unknown).en,
        MESSAGES.unknownSources(unknown).zh,
      );
    }
  }

  // Parent loops (a → b → a): the link that closes the loop is removed. Each feature is walked
  // once (a feature whose chain was already followed is `done`): linear in the plan.
  const done = new Set<string>();
  for (const f of byId.values()) {
    const path: string[] = [];
    const onPath = new Set<string>();
    let cur: PlanFeatureOut | undefined = f;
    while (cur && !done.has(cur.properties.id)) {
      const id = cur.properties.id;
      path.push(id);
      onPath.add(id);
      const parent = (cur.properties as { parent?: string }).parent;
      if (parent === undefined) break;
      if (onPath.has(parent)) {
        const loop = [...path, parent];
        const chain = (lang: 'en' | 'zh') =>
          loop.length <= 8
            ? loop.map((s) => show(s, 40)).join(' → ')
            : `${loop
                .slice(0, 3)
                .map((s) => show(s, 40))
                .join(
                  ' → ',
                )} → … ${lang === 'en' ? `(${loop.length - 6} more) ` : `(另 ${loop.length - 6} 个)`}→ ${loop
                .slice(-3)
                .map((s) => show(s, 40))
                .join(' → ')}`;
        warn(
          'parent-cycle',
          cur,
          'parent',
          `parent ${show(parent)} closes a loop (${chain('en')}); removed`,
          `parent ${show(parent)} 形成循环(${chain('zh')});已移除`,
        );
        delete (cur.properties as { parent?: string }).parent;
        break;
      }
      cur = byId.get(parent);
    }
    for (const id of path) done.add(id);
  }
  return issues;
}

/** Layers whose points look like GCJ-02 or BD-09 next to the plan's reference places. */
export function checkDatumSignatures(layers: PlanLayerForChecks[]): PlanIssue[] {
  const points = (l: PlanLayerForChecks) =>
    l.features
      .map((f) => f.geometry)
      .filter((g) => g.type === 'Point')
      .map((g) => (g as { coordinates: number[] }).coordinates);
  const references = layers
    .filter((l) => l.kind === 'reference')
    .flatMap((l) =>
      points({ ...l, features: l.features.filter((f) => f.properties.kind === 'place') }),
    );
  const issues: PlanIssue[] = [];
  for (const l of layers) {
    if (l.kind === 'reference' || l.kind === 'basemap') continue;
    const sig = detectDatumShift(points(l), references);
    if (!sig) continue;
    const name = baseName(l.file);
    const metres = Math.round(
      Math.hypot(sig.dLon * 111_320 * Math.cos((38.9 * Math.PI) / 180), sig.dLat * 110_574),
    );
    const d = `Δlon ${sig.dLon >= 0 ? '+' : ''}${sig.dLon.toFixed(4)}°, Δlat ${sig.dLat >= 0 ? '+' : ''}${sig.dLat.toFixed(4)}°`;
    const gcj = sig.datum === 'GCJ-02';
    const code = gcj ? 'gcj02-suspected' : 'bd09-suspected';
    issues.push(
      issue(
        code,
        'warning',
        l.file,
        `${name}: its points sit a median ${metres} m ${gcj ? 'east-north-east' : 'north-east'} of the nearest reference places (${d}, ${sig.matched} points) — the offset of ${gcj ? 'GCJ-02 (AMap, Tencent)' : 'BD-09 (Baidu)'} coordinates read as WGS84. Convert the file to WGS84, or declare "datum": "${sig.datum}" on layer "${l.id}" in the manifest`,
        `${name}:其点位中位数偏离最近的参考地名约 ${metres} 米(${gcj ? '东偏北' : '东北'},${d},${sig.matched} 个点)——这是 ${gcj ? 'GCJ-02(高德、腾讯)' : 'BD-09(百度)'}坐标被当作 WGS84 的特征。请将文件转换为 WGS84,或在清单的图层 "${l.id}" 上声明 "datum": "${sig.datum}"`,
      ),
    );
  }
  return issues;
}

export type { FeatureCollection };
