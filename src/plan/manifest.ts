/**
 * The manifest (`plan.json`): checked and normalised before any layer is fetched. Only a
 * manifest that is not an object with a `layers` array stops the load; every other problem
 * skips the bad layer entry or falls back to a default, with an issue.
 */
import { parseDatum, toWgs84 } from './datum.js';
import { type Finding, finding, issueAt } from './finding.js';
import type { BBox } from './geometry.js';
import { isRecord, isReservedKey } from './guards.js';
import type { PlanIssue } from './issues.js';
import type { PlanLimits } from './limits.js';
import { MESSAGES, type Msg, WHERE } from './messages.js';
import { hasMarkup, safeAttribution, truncate } from './text.js';
import {
  type Datum,
  ID_PATTERN,
  LAYER_KINDS,
  type LayerKind,
  type LayerSpec,
  type LegendEntry,
  type LocalizedText,
  MAX_ID_CHARS,
  type PlanManifest,
  type PlanSource,
} from './types.js';
import { baseName } from './validate.js';

const LAYER_KIND_SET = new Set<string>(LAYER_KINDS);

/** A layer entry ready to fetch: the spec plus its datum and resolved location. */
export interface CheckedLayer {
  spec: LayerSpec;
  /** Datum of the file's coordinates (the layer's own `datum`, else the manifest's). */
  datum: Datum;
  /** Where to fetch it: an absolute URL (or the bare name for an in-memory plan). */
  location: string;
}

/** Why a file name was refused: it points outside the plan package (from the catalogue). */
export interface Refusal {
  refused: Msg;
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

// --- The rules. Each reads one field, reports what is wrong through `c.add`, and returns the
// field's usable value (or a default).

interface ManifestContext {
  file: string;
  name: string;
  limits: PlanLimits;
  resolve: Resolver;
  issues: PlanIssue[];
}

function add(c: ManifestContext, f: Finding, where: Msg = WHERE.manifest(c.name)): void {
  c.issues.push(issueAt(f.code, c.file, where, f.msg, { path: f.key }));
}

/** Why the manifest cannot be used at all, or null. */
function unusable(raw: unknown): Msg | null {
  if (!isRecord(raw)) return MESSAGES.manifestNotObject(raw);
  if (!Array.isArray(raw.layers)) return MESSAGES.manifestNoLayersArray();
  if (raw.layers.length === 0) return MESSAGES.manifestNoLayers();
  return null;
}

function planId(raw: Record<string, unknown>, c: ManifestContext): string {
  const id = raw.id;
  if (typeof id === 'string' && id.trim() !== '' && id.length <= 200) return id;
  add(c, finding('bad-manifest-field', 'id', MESSAGES.badPlanId(id)));
  return 'plan';
}

function planTitle(raw: Record<string, unknown>, id: string, c: ManifestContext): LocalizedText {
  const t = raw.title;
  const title = localized(t);
  if (title === null || !(isRecord(t) && typeof t.zh === 'string' && typeof t.en === 'string')) {
    add(c, finding('bad-manifest-field', 'title', MESSAGES.badPlanTitle(t)));
  }
  const { zh, en } = title ?? { zh: id, en: id };
  const max = c.limits.maxNameChars;
  if (zh.length > max || en.length > max) {
    add(c, finding('long-text', 'title', MESSAGES.longTitle(max)));
  }
  if (hasMarkup(zh) || hasMarkup(en))
    add(c, finding('markup-in-text', 'title', MESSAGES.markupTitle()));
  return { zh: truncate(zh, max), en: truncate(en, max) };
}

function planDatum(raw: Record<string, unknown>, c: ManifestContext): Datum {
  if (raw.datum === undefined) return 'WGS84';
  const d = parseDatum(raw.datum);
  if (!d) add(c, finding('unknown-datum', 'datum', MESSAGES.unknownDatum(raw.datum)));
  return d ?? 'WGS84';
}

/** `bbox` (in the manifest's datum), kept as WGS84. */
function planBbox(raw: Record<string, unknown>, datum: Datum, c: ManifestContext): BBox | null {
  const bbox = validBbox(raw.bbox);
  if (bbox === null) {
    add(c, finding('bad-bbox', 'bbox', MESSAGES.badBbox(raw.bbox)));
    return null;
  }
  if (datum === 'WGS84') return bbox;
  const sw = toWgs84([bbox[0], bbox[1]], datum);
  const ne = toWgs84([bbox[2], bbox[3]], datum);
  return [sw[0]!, sw[1]!, ne[0]!, ne[1]!];
}

const isLonLat = (c: unknown): c is [number, number] =>
  Array.isArray(c) &&
  c.length === 2 &&
  typeof c[0] === 'number' &&
  typeof c[1] === 'number' &&
  Math.abs(c[0]) <= 180 &&
  Math.abs(c[1]) <= 90;

function planView(
  raw: Record<string, unknown>,
  datum: Datum,
  c: ManifestContext,
): PlanManifest['view'] | undefined {
  const v = raw.view;
  if (v === undefined) return undefined;
  const ok =
    isRecord(v) && isLonLat(v.center) && typeof v.zoom === 'number' && v.zoom >= 0 && v.zoom <= 24;
  if (!ok) {
    add(c, finding('bad-manifest-field', 'view', MESSAGES.badView(v)));
    return undefined;
  }
  const center = toWgs84(v.center as number[], datum);
  return { center: [center[0]!, center[1]!], zoom: v.zoom as number };
}

function planSource(s: unknown, limits: PlanLimits): PlanSource | null {
  if (!isRecord(s) || typeof s.id !== 'string' || s.id === '') return null;
  const src: PlanSource = {
    id: truncate(s.id, limits.maxNameChars),
    title: typeof s.title === 'string' ? truncate(s.title, limits.maxTextChars) : s.id,
    date: typeof s.date === 'string' ? truncate(s.date, 40) : '',
  };
  if (typeof s.file === 'string') src.file = truncate(s.file, limits.maxNameChars);
  return src;
}

/** The manifest's sources, each id once. */
function planSources(raw: Record<string, unknown>, c: ManifestContext): PlanSource[] {
  if (raw.sources === undefined) return [];
  if (!Array.isArray(raw.sources)) {
    add(c, finding('bad-manifest-field', 'sources', MESSAGES.sourcesNotArray()));
    return [];
  }
  const byId = new Map<string, PlanSource>();
  raw.sources.forEach((s: unknown, i: number) => {
    const src = planSource(s, c.limits);
    if (src === null)
      add(c, finding('bad-manifest-field', `sources[${i}]`, MESSAGES.sourceWithoutId(i)));
    else if (!byId.has(src.id)) byId.set(src.id, src);
  });
  return [...byId.values()];
}

function attachWithin(raw: Record<string, unknown>, c: ManifestContext): number | undefined {
  const a = raw.attach_within_m;
  if (a === undefined) return undefined;
  if (typeof a === 'number' && Number.isFinite(a) && a >= 0) return a;
  add(c, finding('bad-manifest-field', 'attach_within_m', MESSAGES.badAttach(a)));
  return undefined;
}

// --- Layer entries: who the layer is (id), where its file is, what it holds, then its fields.

/** The entry's id, or a finding that skips the entry. */
function layerIdRule(l: unknown, path: string, seen: ReadonlySet<string>): string | Finding {
  if (!isRecord(l)) return finding('bad-layer-spec', path, MESSAGES.layerNotObject(path, l));
  const id = l.id;
  if (id === undefined || id === null || id === '') {
    return finding('missing-layer-id', `${path}.id`, MESSAGES.layerWithoutId(path, l.file));
  }
  if (typeof id !== 'string' || !ID_PATTERN.test(id) || id.length > MAX_ID_CHARS) {
    return finding('bad-layer-spec', `${path}.id`, MESSAGES.badLayerId(path, id));
  }
  if (isReservedKey(id))
    return finding('bad-layer-spec', `${path}.id`, MESSAGES.reservedLayerId(path, id));
  if (seen.has(id)) {
    return finding('duplicate-layer-id', `${path}.id`, MESSAGES.duplicateLayerId(id, path, l.file));
  }
  return id;
}

/** Where to fetch the entry's file, or a finding that skips the entry. */
function layerFileRule(
  l: Record<string, unknown>,
  path: string,
  resolve: Resolver,
): string | Finding {
  const file = l.file;
  const location =
    typeof file === 'string' && file.trim() !== '' && file.length <= MAX_FILE_NAME
      ? resolve(file)
      : null;
  if (location === null)
    return finding('bad-layer-spec', `${path}.file`, MESSAGES.badLayerFile(file));
  if (typeof location === 'object') {
    return finding(
      'outside-package',
      `${path}.file`,
      MESSAGES.layerFileOutside(file, location.refused),
    );
  }
  return location;
}

function layerKindRule(l: Record<string, unknown>, path: string): Finding | null {
  return typeof l.kind === 'string' && LAYER_KIND_SET.has(l.kind)
    ? null
    : finding('bad-layer-spec', `${path}.kind`, MESSAGES.badLayerKind(l.kind));
}

type Fix = (f: Finding) => void;

function layerTitle(
  l: Record<string, unknown>,
  lid: string,
  path: string,
  limits: PlanLimits,
  fix: Fix,
): LocalizedText {
  const title = localized(l.title);
  if (title === null) fix(finding('bad-layer-field', `${path}.title`, MESSAGES.badLayerTitle()));
  const { zh, en } = title ?? { zh: lid, en: lid };
  return { zh: truncate(zh, limits.maxNameChars), en: truncate(en, limits.maxNameChars) };
}

function layerColor(l: Record<string, unknown>, path: string, fix: Fix): string {
  if (isColor(l.color)) return l.color;
  fix(finding('bad-layer-field', `${path}.color`, MESSAGES.badColor(l.color)));
  return DEFAULT_COLOR;
}

function layerVisible(l: Record<string, unknown>, path: string, fix: Fix): boolean {
  if (typeof l.visible === 'boolean') return l.visible;
  if (l.visible !== undefined)
    fix(finding('bad-layer-field', `${path}.visible`, MESSAGES.badVisible(l.visible)));
  return true;
}

function legendEntry(e: unknown): LegendEntry | null {
  if (!isRecord(e) || !isColor(e.color)) return null;
  const label = localized(e.label);
  if (label === null) return null;
  return { ...(typeof e.value === 'string' ? { value: e.value } : {}), label, color: e.color };
}

function layerLegend(
  l: Record<string, unknown>,
  path: string,
  fix: Fix,
): LegendEntry[] | undefined {
  if (l.legend === undefined) return undefined;
  const all: unknown[] = Array.isArray(l.legend) ? l.legend : [];
  const legend = all.map(legendEntry).filter((e): e is LegendEntry => e !== null);
  if (!Array.isArray(l.legend) || legend.length !== all.length) {
    fix(finding('bad-layer-field', `${path}.legend`, MESSAGES.badLegend()));
  }
  return legend;
}

function layerAttribution(
  l: Record<string, unknown>,
  path: string,
  limits: PlanLimits,
  fix: Fix,
): string | undefined {
  const a = l.attribution;
  const at = `${path}.attribution`;
  if (a === undefined) return undefined;
  if (typeof a !== 'string') {
    fix(finding('bad-layer-field', at, MESSAGES.attributionNotText()));
    return undefined;
  }
  const safe = safeAttribution(truncate(a, limits.maxTextChars));
  if (safe.unsafeLink) fix(finding('unsafe-link', at, MESSAGES.unsafeLink()));
  else if (safe.markup) fix(finding('markup-in-text', at, MESSAGES.attributionMarkup()));
  return safe.html;
}

function layerDatum(l: Record<string, unknown>, path: string, datum: Datum, fix: Fix): Datum {
  if (l.datum === undefined) return datum;
  const d = parseDatum(l.datum);
  if (!d)
    fix(finding('unknown-datum', `${path}.datum`, MESSAGES.unknownLayerDatum(l.datum, datum)));
  return d ?? datum;
}

/** One layer entry: checked, or skipped with an issue (null). */
function layerEntry(
  l: unknown,
  i: number,
  seen: Set<string>,
  datum: Datum,
  c: ManifestContext,
): CheckedLayer | null {
  const path = `layers[${i}]`;
  const skip = (f: Finding, where?: Msg): null => {
    add(c, f, where);
    return null;
  };
  const lid = layerIdRule(l, path, seen);
  if (typeof lid !== 'string') return skip(lid);
  const entry = l as Record<string, unknown>;
  const where = WHERE.layer(c.name, lid);
  const location = layerFileRule(entry, path, c.resolve);
  if (typeof location !== 'string') return skip(location, where);
  const badKind = layerKindRule(entry, path);
  if (badKind) return skip(badKind, where);
  seen.add(lid);
  const fix: Fix = (f) => add(c, f, where);
  const spec: LayerSpec = {
    id: lid,
    title: layerTitle(entry, lid, path, c.limits, fix),
    file: entry.file as string,
    kind: entry.kind as LayerKind,
    visible: true,
    color: layerColor(entry, path, fix),
  };
  spec.visible = layerVisible(entry, path, fix);
  const legend = layerLegend(entry, path, fix);
  if (legend) spec.legend = legend;
  const attribution = layerAttribution(entry, path, c.limits, fix);
  if (attribution !== undefined) spec.attribution = attribution;
  const own = layerDatum(entry, path, datum, fix);
  if (entry.datum !== undefined) spec.datum = own;
  return { spec, datum: own, location };
}

function layerEntries(
  raw: Record<string, unknown>,
  datum: Datum,
  c: ManifestContext,
): CheckedLayer[] {
  const all = raw.layers as unknown[];
  const max = c.limits.maxLayers;
  if (all.length > max) {
    add(c, finding('too-many-layers', `layers[${max}]`, MESSAGES.tooManyLayers(all.length, max)));
  }
  const seen = new Set<string>();
  const layers: CheckedLayer[] = [];
  all.slice(0, max).forEach((l, i) => {
    const checked = layerEntry(l, i, seen, datum, c);
    if (checked) layers.push(checked);
  });
  return layers;
}

/** `unlocated`: a list, a file name, or absent. */
function unlocatedField(raw: Record<string, unknown>, c: ManifestContext): unknown {
  const u = raw.unlocated;
  if (u === undefined || typeof u === 'string' || Array.isArray(u)) return u;
  add(c, finding('bad-unlocated', 'unlocated', MESSAGES.unlocatedNeitherListNorFile()));
  return undefined;
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
  const name = baseName(file);
  const bad = unusable(raw);
  if (bad !== null || !isRecord(raw)) {
    const msg = MESSAGES.nothingToDraw(
      WHERE.manifest(name),
      bad ?? MESSAGES.manifestNotObject(raw),
    );
    return { fatal: [issueAt('bad-manifest', file, null, msg)] };
  }
  const c: ManifestContext = { file, name, limits, resolve, issues: [] };
  const id = planId(raw, c);
  const title = planTitle(raw, id, c);
  const datum = planDatum(raw, c);
  const bbox = planBbox(raw, datum, c);
  const view = planView(raw, datum, c);
  const sources = planSources(raw, c);
  const attach = attachWithin(raw, c);
  const layers = layerEntries(raw, datum, c);
  const unlocated = unlocatedField(raw, c);
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
  return { manifest, layers, unlocated, issues: c.issues };
}
