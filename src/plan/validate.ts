/**
 * Validates one layer file — GeoJSON structure and RFC 7946 rules (./geometry.ts, with
 * geojson-validation), the plan schema (./property-rules.ts), text — and then the plan as a
 * whole: unique ids, `zone` / `parent` / `parks` / `sources` references, and the datum signature
 * of each layer.
 *
 * Each check is a small rule returning a finding (a code, where, and a message from the
 * catalogue in ./messages.ts); the steps below run the rules and turn findings into issues
 * naming the file and the feature. A feature with an error is left out and listed; warnings
 * are fixed where they say so. Never throws on bad data.
 */

import { bbox as turfBbox } from '@turf/bbox';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { detectDatumShift } from './datum.js';
import { type Finding, finding, issueAt } from './finding.js';
import { type BBox, checkGeometry, countLayerPositions, firstPosition } from './geometry.js';
import { isRecord } from './guards.js';
import { IssueCollector, type IssueExtra, type PlanIssue, show } from './issues.js';
import { LIMITS, type PlanLimits } from './limits.js';
import { MESSAGES, type Msg, WHERE } from './messages.js';
import { checkProperties, citedSourcesRule } from './property-rules.js';
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
  /**
   * The array the valid features are pushed into as they are checked (the result's `features`),
   * so that a caller of {@link validateLayerSteps} can pass them on between steps.
   */
  into?: PlanFeatureOut[];
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

/** An issue about one feature: "projects.geojson, feature "x" (features[3]): …". */
function featureIssue(
  code: Finding['code'],
  w: Where,
  msg: Msg,
  extra: Omit<IssueExtra, 'featureId'> = {},
): PlanIssue {
  const path = `features[${w.index}]${extra.path ? `.${extra.path}` : ''}`;
  const out: IssueExtra = { path };
  if (w.id !== undefined) out.featureId = w.id;
  if (extra.bbox) out.bbox = extra.bbox;
  return issueAt(code, w.file, WHERE.feature(baseName(w.file), w.index, w.id), msg, out);
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

// --- Rules about the file as a whole: the first finding refuses the file.

interface FileFacts {
  data: Record<string, unknown>;
  features: unknown[];
  limits: PlanLimits;
  /** Features the plan can still take. */
  budget: number;
}

/** A `crs` member that is not WGS84 longitude/latitude (RFC 7946 dropped `crs` altogether). */
function crsRule({ data }: FileFacts): Finding | null {
  const crs = data.crs;
  if (crs === undefined || crs === null) return null;
  const name = isRecord(crs) && isRecord(crs.properties) ? crs.properties.name : undefined;
  if (typeof name === 'string' && /(CRS84|EPSG:*4326|EPSG:*4490)$/i.test(name.trim())) return null;
  return finding(
    'unsupported-crs',
    'crs',
    MESSAGES.foreignCrs(show(typeof name === 'string' ? name : crs, 80)),
  );
}

function featureCountRule({ features, limits, budget }: FileFacts): Finding | null {
  const n = features.length;
  if (n > limits.maxFeaturesPerLayer) {
    return finding(
      'too-many-features',
      'features',
      MESSAGES.tooManyFeaturesInLayer(n, limits.maxFeaturesPerLayer),
    );
  }
  return n > budget ? overPlanBudget(n, limits) : null;
}

/** A layer of `n` features is more than the plan can still take. */
function overPlanBudget(n: number, limits: PlanLimits): Finding {
  return finding(
    'too-many-features',
    'features',
    MESSAGES.tooManyFeaturesInPlan(n, limits.maxFeaturesTotal),
  );
}

function vertexCountRule({ features, limits }: FileFacts): Finding | null {
  const max = limits.maxVerticesPerLayer;
  return countLayerPositions(features, max) > max
    ? finding('too-many-vertices', 'features', MESSAGES.tooManyLayerVertices(max))
    : null;
}

/** A projected export (metres) fails every range check; said once, for the file. */
function projectedRule({ features }: FileFacts): Finding | null {
  const firsts = features
    .slice(0, 1000)
    .map((f) => (isRecord(f) ? firstPosition(f.geometry) : null))
    .filter((p): p is number[] => p?.every((v) => typeof v === 'number') === true);
  const metres = firsts.filter((p) => Math.abs(p[0]!) > 1000 || Math.abs(p[1]!) > 1000);
  return metres.length > 0 && metres.length * 2 >= firsts.length
    ? finding('projected-coordinates', 'features', MESSAGES.projected(metres[0]))
    : null;
}

const FILE_RULES: readonly ((facts: FileFacts) => Finding | null)[] = [
  crsRule,
  featureCountRule,
  vertexCountRule,
  projectedRule,
];

/** Why the whole file is refused, or null when its features can be checked one by one. */
function fileRefusal(data: unknown, limits: PlanLimits, budget: number): Finding | null {
  if (!isRecord(data) || data.type !== 'FeatureCollection' || !Array.isArray(data.features)) {
    return finding('not-feature-collection', '', MESSAGES.notFeatureCollection(data));
  }
  const facts: FileFacts = { data, features: data.features, limits, budget };
  for (const rule of FILE_RULES) {
    const f = rule(facts);
    if (f) return f;
  }
  return null;
}

// --- Rules about one feature: shape, geometry, properties.

interface FeatureContext {
  geometry: Parameters<typeof checkGeometry>[1];
  limits: PlanLimits;
  issues: IssueCollector;
  /** Positions checked since the last yield (for the step budget). */
  vertices: number;
}

type Props = Record<string, unknown>;

/** Adds findings about `properties.<key>` of one feature to the issues. */
function reportAll(
  c: FeatureContext,
  w: Where,
  list: readonly Finding[],
  prefix: string,
  bbox?: BBox,
): void {
  for (const x of list) {
    c.issues.add(featureIssue(x.code, w, x.msg, { path: `${prefix}${x.key}`, bbox }));
  }
}

/** The errors that leave a feature out: its geometry's, then its properties' (or their absence). */
function reportErrors(
  c: FeatureContext,
  w: Where,
  g: ReturnType<typeof checkGeometry>,
  p: ReturnType<typeof checkProperties> | null,
): void {
  if (!g.ok) reportAll(c, w, [finding(g.code, g.path, g.msg)], '', g.bbox);
  if (p === null) {
    const missing = finding('missing-property', 'properties', MESSAGES.noProperties());
    reportAll(c, w, [missing], '', g.bbox);
  } else reportAll(c, w, p.errors, 'properties.', g.bbox);
}

/** One entry of `features`: checked, reported, and returned when it can be used. */
function checkFeature(
  f: unknown,
  file: string,
  index: number,
  c: FeatureContext,
): PlanFeatureOut | null {
  const props = isRecord(f) && isRecord(f.properties) ? f.properties : null;
  const w: Where = { file, index, id: typeof props?.id === 'string' ? props.id : undefined };
  if (!isRecord(f) || f.type !== 'Feature') {
    c.issues.add(featureIssue('not-a-feature', w, MESSAGES.notAFeature(f)));
    return null;
  }
  const g = checkGeometry(f.geometry, c.geometry);
  if (g.ok) c.vertices += g.vertexCount;
  const p = props === null ? null : checkProperties(props, c.limits);
  if (!g.ok || p === null || p.errors.length > 0) {
    reportErrors(c, w, g, p);
    return null;
  }
  if (g.rewound.length > 0) {
    reportAll(
      c,
      w,
      [finding('wrong-winding', g.rewound[0]!, MESSAGES.wrongWinding(g.rewound))],
      '',
      g.bbox,
    );
  }
  if (p.warnings.length > 0) reportAll(c, w, p.warnings, 'properties.', g.bbox);
  const out: PlanFeatureOut = {
    type: 'Feature',
    geometry: g.geometry,
    properties: p.props as unknown as PlanProps,
  };
  if (typeof f.id === 'string' || typeof f.id === 'number') out.id = f.id;
  return out;
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
  const budget = Math.min(
    limits.maxFeaturesPerLayer,
    ctx.featureBudget ?? Number.POSITIVE_INFINITY,
  );
  const refusal = fileRefusal(data, limits, budget);
  if (refusal) return refusedFile(refusal, file);
  const raw = (data as { features: unknown[] }).features;
  const c: FeatureContext = {
    geometry: {
      extent: ctx.extent ?? null,
      datum: ctx.datum ?? 'WGS84',
      maxVertices: limits.maxVerticesPerFeature,
    },
    limits,
    issues: new IssueCollector(limits.maxIssuesPerCode),
    vertices: 0,
  };
  const features: PlanFeatureOut[] = ctx.into ?? [];
  for (let index = 0; index < raw.length; index++) {
    if ((index > 0 && index % FEATURES_PER_STEP === 0) || c.vertices > VERTICES_PER_STEP) {
      c.vertices = 0;
      yield;
    }
    const feature = checkFeature(raw[index], file, index, c);
    if (feature) features.push(feature);
  }
  return { features, issues: c.issues.list() };
}

/** The validation of a file refused as a whole. */
function refusedFile(refusal: Finding, file: string): LayerValidation {
  const path = refusal.key === '' ? undefined : refusal.key;
  const i = issueAt(refusal.code, file, WHERE.file(baseName(file)), refusal.msg, { path });
  return { features: [], issues: [i], refused: true };
}

/**
 * A layer validated elsewhere (the worker, `read-layer.ts`) without the plan's feature budget,
 * as {@link validateLayerSteps} with `featureBudget` would have left it: refused when its
 * `rawCount` features are more than `budget`, unless a rule checked before the count (not a
 * FeatureCollection, a foreign `crs`) refused it already.
 */
export function withinBudget(
  v: LayerValidation & { refusal?: string },
  rawCount: number,
  file: string,
  budget: number,
  limits: PlanLimits,
): LayerValidation {
  const earlier = v.refusal === 'not-feature-collection' || v.refusal === 'unsupported-crs';
  if (earlier || rawCount <= budget) return v;
  return refusedFile(overPlanBudget(rawCount, limits), file);
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
      if (first === undefined) {
        seen.set(id, layer.file);
        return true;
      }
      const where = WHERE.duplicate(baseName(layer.file), id);
      const extra = { featureId: id, path: `features[${index}].properties.id`, bbox: boundsOf(f) };
      issues.push(
        issueAt('duplicate-id', layer.file, where, MESSAGES.duplicateId(baseName(first)), extra),
      );
      return false;
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

// --- Reference rules: each checks one reference of a feature and removes it when it is bad.

type KindOf = (id: string) => string | undefined;

function zoneRule(p: Props, kindOf: KindOf): Finding | null {
  if (typeof p.zone !== 'string') return null;
  const zk = kindOf(p.zone);
  if (zk !== undefined && ZONE_KIND_SET.has(zk)) return null;
  const f = finding('unknown-zone', 'zone', MESSAGES.unknownZone(p.zone, zk));
  delete p.zone;
  return f;
}

function parentRule(p: Props, kindOf: KindOf): Finding | null {
  if (typeof p.parent !== 'string') return null;
  const pk = kindOf(p.parent);
  if (p.parent !== p.id && pk !== undefined && LAYOUT_KIND_SET.has(pk)) return null;
  const msg =
    p.parent === p.id ? MESSAGES.parentIsSelf(p.parent) : MESSAGES.unknownParent(p.parent, pk);
  delete p.parent;
  return finding('unknown-parent', 'parent', msg);
}

function parksRule(p: Props, kindOf: KindOf): Finding | null {
  if (p.kind !== 'corridor-node' || !Array.isArray(p.parks)) return null;
  const parks = p.parks as string[];
  const isPark = (id: string) => ITEM_KIND_SET.has(kindOf(id) ?? '');
  const bad = parks.filter((id) => !isPark(id));
  if (bad.length === 0) return null;
  p.parks = parks.filter(isPark);
  return finding('unknown-park', 'parks', MESSAGES.unknownParks(bad));
}

const REFERENCE_RULES: readonly ((p: Props, kindOf: KindOf) => Finding | null)[] = [
  zoneRule,
  parentRule,
  parksRule,
];

/**
 * Parent loops (a → b → a): for each, the feature whose link closes it, that link, and the
 * loop. Each feature is walked once (a feature whose chain was already followed is `done`):
 * linear in the plan.
 */
function* parentLoops(
  byId: ReadonlyMap<string, PlanFeatureOut>,
): Generator<{ f: PlanFeatureOut; parent: string; loop: string[] }> {
  const done = new Set<string>();
  for (const start of byId.values()) {
    // Most features (every item) have no parent: no chain to follow, nothing to allocate.
    if ((start.properties as { parent?: string }).parent === undefined) continue;
    const path: string[] = [];
    const onPath = new Set<string>();
    for (let cur: PlanFeatureOut | undefined = start; cur && !done.has(cur.properties.id); ) {
      const id = cur.properties.id;
      path.push(id);
      onPath.add(id);
      const parent: string | undefined = (cur.properties as { parent?: string }).parent;
      if (parent !== undefined && onPath.has(parent)) {
        yield { f: cur, parent, loop: [...path, parent] };
        break;
      }
      cur = parent === undefined ? undefined : byId.get(parent);
    }
    for (const id of path) done.add(id);
  }
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
  for (const l of layers) for (const f of l.features) byId.set(f.properties.id, f);
  // Where each feature sits, for the messages: made at the first warning (most plans have none).
  let where: Map<PlanFeatureOut, { file: string; index: number }> | null = null;
  const locate = (f: PlanFeatureOut) => {
    where ??= new Map(
      layers.flatMap((l) => l.features.map((g, index) => [g, { file: l.file, index }] as const)),
    );
    return where.get(f)!;
  };
  const warn = (f: PlanFeatureOut, x: Finding) => {
    // With a whole layer missing, dangling references only repeat that layer's error: the
    // references are still removed, but not listed.
    if (layerMissing && x.code !== 'parent-cycle' && x.code !== 'unknown-source') return;
    const loc = locate(f);
    const w = { file: loc.file, index: loc.index, id: f.properties.id };
    issues.push(featureIssue(x.code, w, x.msg, { path: `properties.${x.key}`, bbox: boundsOf(f) }));
  };
  const kindOf: KindOf = (id) => byId.get(id)?.properties.kind as string | undefined;
  for (const f of byId.values()) {
    const p = f.properties as unknown as Props;
    for (const rule of REFERENCE_RULES) {
      const x = rule(p, kindOf);
      if (x) warn(f, x);
    }
    const cited = citedSourcesRule(p.sources as { doc: string }[], sourceIds);
    if (cited) warn(f, cited);
  }
  for (const { f, parent, loop } of parentLoops(byId)) {
    warn(f, finding('parent-cycle', 'parent', MESSAGES.parentCycle(parent, loop)));
    delete (f.properties as { parent?: string }).parent;
  }
  return issues;
}

/** Points of a layer's Point features (for the datum signature). */
function pointsOf(features: PlanFeatureOut[]): number[][] {
  const out: number[][] = [];
  for (const f of features) {
    if (f.geometry.type === 'Point') out.push(f.geometry.coordinates);
  }
  return out;
}

/** A layer's points sit where GCJ-02 or BD-09 coordinates of the reference places would. */
function datumRule(l: PlanLayerForChecks, references: number[][]): Finding | null {
  if (l.kind === 'reference' || l.kind === 'basemap') return null;
  const sig = detectDatumShift(pointsOf(l.features), references);
  if (!sig) return null;
  const metres = Math.round(
    Math.hypot(sig.dLon * 111_320 * Math.cos((38.9 * Math.PI) / 180), sig.dLat * 110_574),
  );
  const signed = (v: number) => `${v >= 0 ? '+' : ''}${v.toFixed(4)}°`;
  const offset = `Δlon ${signed(sig.dLon)}, Δlat ${signed(sig.dLat)}`;
  const code = sig.datum === 'GCJ-02' ? 'gcj02-suspected' : 'bd09-suspected';
  const msg = MESSAGES.datumSuspected({
    datum: sig.datum,
    metres,
    offset,
    matched: sig.matched,
    layer: l.id,
  });
  return finding(code, '', msg);
}

/** Layers whose points look like GCJ-02 or BD-09 next to the plan's reference places. */
export function checkDatumSignatures(layers: PlanLayerForChecks[]): PlanIssue[] {
  const references = layers
    .filter((l) => l.kind === 'reference')
    .flatMap((l) => pointsOf(l.features.filter((f) => f.properties.kind === 'place')));
  const issues: PlanIssue[] = [];
  for (const l of layers) {
    const x = datumRule(l, references);
    if (x) issues.push(issueAt(x.code, l.file, WHERE.file(baseName(l.file)), x.msg));
  }
  return issues;
}

export type { FeatureCollection };
