/**
 * Validation and loading problems, returned as data (never thrown).
 *
 * Every problem the loader can report has a stable code. `ISSUE_CODES` below is the one list
 * (tests, the CLI and the docs read it); `ISSUE_SEVERITY` says whether the code is an **error**
 * (the file, layer or feature is left out; the rest of the plan still loads) or a **warning**
 * (the data is used, fixed where the description says so).
 *
 * | code | severity | meaning |
 * | --- | --- | --- |
 * | `fetch-failed` | error | the file could not be fetched: network error, offline, CORS refusal or an unusable URL |
 * | `fetch-timeout` | error | no complete answer within `LIMITS.fetchTimeoutMs` |
 * | `file-not-found` | error | HTTP 404 / 410, or no such file on disk |
 * | `http-error` | error | any other non-2xx HTTP status |
 * | `html-page` | error | an HTML page (error, login or directory page) came back instead of JSON |
 * | `not-json` | error | the body is not JSON (empty, truncated, comments, trailing commas …) |
 * | `file-too-large` | error | the file is larger than `LIMITS.maxFileBytes` (an item layer: `maxLargeLayerBytes`); refused unread |
 * | `bad-manifest` | error | the manifest is not an object with a `layers` array: nothing can be drawn |
 * | `bad-manifest-field` | error | `id`, `title`, `sources`, `view` or `attach_within_m` is malformed; a default is used |
 * | `bad-bbox` | error | `bbox` is not `[west, south, east, north]` in degrees; the data's extent is used and extent checks are skipped |
 * | `unknown-datum` | error | `datum` is not `WGS84`, `GCJ-02` or `BD-09`; coordinates are read as WGS84 |
 * | `too-many-layers` | error | more layers than `LIMITS.maxLayers`; the rest are skipped |
 * | `missing-layer-id` | error | a layer entry has no `id`; it is skipped |
 * | `duplicate-layer-id` | error | a layer id is used twice; the later entry is skipped |
 * | `bad-layer-spec` | error | a layer entry is not an object, has no usable `file`, or an unknown `kind`; it is skipped |
 * | `bad-layer-field` | warning | a layer's `title`, `color`, `visible`, `legend` or `attribution` is malformed; a default is used |
 * | `bad-unlocated` | error | the unlocated list or one of its entries is malformed; bad entries are left out |
 * | `not-feature-collection` | error | a layer file is not a GeoJSON FeatureCollection |
 * | `unsupported-crs` | error | the file declares a `crs` other than WGS84 longitude/latitude (e.g. a projected CAD export); refused |
 * | `projected-coordinates` | error | most coordinates are far beyond ±180° / ±90°: metres from a projected export; refused |
 * | `too-many-features` | error | the layer, or the plan so far, is over `LIMITS.maxFeaturesPerLayer` / `maxFeaturesTotal` (a large item layer: `maxLargeLayerFeatures`, or it needs a datum conversion); the layer is refused |
 * | `not-a-feature` | error | an entry of `features` is not a GeoJSON Feature |
 * | `empty-geometry` | error | the geometry is null or has no coordinates (list the item under `unlocated` instead) |
 * | `unknown-geometry-type` | error | the geometry type is not Point, LineString, Polygon or their Multi- forms |
 * | `bad-position` | error | a position is not an array of 2 or 3 numbers |
 * | `non-numeric-coordinate` | error | a coordinate is a string, null, NaN or infinite |
 * | `lon-out-of-range` | error | a longitude is outside −180…180 |
 * | `lat-out-of-range` | error | a latitude is outside −90…90 |
 * | `lonlat-swapped` | error | positions are [latitude, longitude]; swapped they fall in the plan's extent |
 * | `unclosed-ring` | error | a polygon ring's first and last positions differ |
 * | `too-few-positions` | error | a ring has fewer than 4 (distinct, closed) positions or a line fewer than 2 |
 * | `too-many-vertices` | error | a feature or a layer is over `LIMITS.maxVerticesPerFeature` / `maxVerticesPerLayer` |
 * | `self-intersection` | error | a polygon's rings cross or touch themselves (Turf `kinks`) |
 * | `outside-extent` | error | a position lies outside the manifest bbox grown by `LIMITS.extentMarginDeg` |
 * | `invalid-geojson` | error | anything else geojson-validation rejects |
 * | `wrong-winding` | warning | a ring is wound against RFC 7946 (outer counter-clockwise, holes clockwise); rewound |
 * | `missing-property` | error | a required property (`id`, `kind`, `name_zh`, `name_en`; items: `status`, `category`) is absent or empty |
 * | `bad-property-type` | error | a required property has the wrong type (e.g. `name_zh` is a number) |
 * | `bad-id` | error | the id is not ASCII kebab-case |
 * | `unknown-kind` | error | `kind` is not in the vocabulary |
 * | `unknown-status` | error | an item's `status` is not in the vocabulary |
 * | `unknown-category` | error | an item's `category` is not in the vocabulary |
 * | `duplicate-id` | error | the id is already used in the plan; the later feature is left out |
 * | `bad-optional-property` | warning | an optional property (summary, accuracy, sources, history, order, parks …) is malformed; dropped or defaulted |
 * | `unknown-zone` | warning | an item's `zone` names no zone of the plan; removed, Turf attaches the item by position |
 * | `unknown-parent` | warning | a zone's `parent` names no zone of the plan; removed |
 * | `parent-cycle` | warning | `parent` links form a loop; the link closing it is removed |
 * | `unknown-park` | warning | a corridor node's `parks` names an id that is not an item; that entry is removed |
 * | `unknown-source` | warning | `sources[].doc` is not a source listed in the manifest |
 * | `long-text` | warning | a text is over `LIMITS.maxNameChars` (names) / `maxTextChars` (other text); truncated |
 * | `markup-in-text` | warning | a text contains HTML markup; it is shown as literal text, never as HTML |
 * | `unsafe-link` | warning | a link in an attribution is not http(s); shown as text |
 * | `gcj02-suspected` | warning | a layer's points sit a median ≈ 500 m east-north-east of the reference places: GCJ-02 (AMap) coordinates read as WGS84 |
 * | `bd09-suspected` | warning | the same with the ≈ 1.3 km north-east offset of BD-09 (Baidu) coordinates |
 * | `bad-basemap` | warning | the element's `basemap` attribute is unusable; the offline basemap is used (reported by the element, not the loader) |
 * | `bad-source-row` | error | a row of a CSV source is malformed: wrong number of cells, no BOM, an unknown column, a reference to an item that is not there, or a second truth (reported by the geodata builder) |
 * | `quote-not-in-source` | error | a quote in a CSV source is not verbatim in its seed document (reported by the geodata builder) |
 * | `unsourced-position` | error | an item's position has no usable `position_source`, or its `accuracy_m` is smaller than the distance to that source or than half the extent of the thing (reported by the geodata builder) |
 * | `outside-package` | error | a layer or unlocated file resolves outside the plan package (a `file:` URL, an absolute path, a `../` escape, another origin without `remote-layers`, or the network in the CLI without `--allow-network`); it is not fetched |
 * | `bad-encoding` | error | the file is not UTF-8 (UTF-16, Latin-1, GBK …); save it as UTF-8 |
 * | `reserved-key` | warning | a property key or id collides with an `Object.prototype` member (`constructor`, `__proto__` …); the property is renamed with a trailing `_` (layer ids: the layer is skipped) |
 * | `bad-year` | warning | a year (history step, source date, the `year` attribute) is not a whole number within the plausible range; dropped |
 * | `formula-text` | warning | a text starts like a spreadsheet formula (`=`, `+`, `-`, `@`); exports neutralise it |
 * | `map-error` | warning | the map (MapLibre) reported an error: a tile, image or source failed, or a worker failed; the rest of the map is drawn (reported by the element) |
 * | `basemap-failed` | warning | the `basemap` style could not be loaded or used; the plan is drawn on the offline basemap instead (reported by the element) |
 * | `worker-failed` | error | MapLibre's worker script could not be started (a 404, an HTML page instead of the script, a CSP that forbids it): the map cannot draw; the message names the URL and how to point the element at the file (`setBasePath`) (reported by the element) |
 * | `map-unavailable` | error | the map could not be created: the browser has no usable WebGL (disabled, blocked, or out of contexts); the panel still works (reported by the element) |
 * | `internal-error` | error | the viewer itself failed (a bug, or the browser ran out of resources); the message says where, and Retry loads the plan again |
 */

/** Code → one-line meaning. The single list of issue codes (tests and docs read it). */
export const ISSUE_CODES = {
  'fetch-failed':
    'the file could not be fetched: network error, offline, CORS refusal or an unusable URL',
  'fetch-timeout': 'no complete answer within LIMITS.fetchTimeoutMs',
  'file-not-found': 'HTTP 404 / 410, or no such file on disk',
  'http-error': 'any other non-2xx HTTP status',
  'html-page': 'an HTML page (error, login or directory page) came back instead of JSON',
  'not-json': 'the body is not JSON (empty, truncated, comments, trailing commas …)',
  'file-too-large':
    'the file is larger than LIMITS.maxFileBytes (an item layer: maxLargeLayerBytes); refused unread',
  'bad-manifest': 'the manifest is not an object with a `layers` array: nothing can be drawn',
  'bad-manifest-field':
    '`id`, `title`, `sources`, `view` or `attach_within_m` is malformed; a default is used',
  'bad-bbox':
    "`bbox` is not [west, south, east, north] in degrees; the data's extent is used and extent checks are skipped",
  'unknown-datum': '`datum` is not WGS84, GCJ-02 or BD-09; coordinates are read as WGS84',
  'too-many-layers': 'more layers than LIMITS.maxLayers; the rest are skipped',
  'missing-layer-id': 'a layer entry has no `id`; it is skipped',
  'duplicate-layer-id': 'a layer id is used twice; the later entry is skipped',
  'bad-layer-spec':
    'a layer entry is not an object, has no usable `file`, or an unknown `kind`; it is skipped',
  'bad-layer-field':
    "a layer's `title`, `color`, `visible`, `legend` or `attribution` is malformed; a default is used",
  'bad-unlocated':
    'the unlocated list or one of its entries is malformed; bad entries are left out',
  'not-feature-collection': 'a layer file is not a GeoJSON FeatureCollection',
  'unsupported-crs':
    'the file declares a `crs` other than WGS84 longitude/latitude (e.g. a projected CAD export); refused',
  'projected-coordinates':
    'most coordinates are far beyond ±180° / ±90°: metres from a projected export; refused',
  'too-many-features':
    'the layer, or the plan so far, is over LIMITS.maxFeaturesPerLayer / maxFeaturesTotal; the layer is refused',
  'not-a-feature': 'an entry of `features` is not a GeoJSON Feature',
  'empty-geometry':
    'the geometry is null or has no coordinates (list the item under `unlocated` instead)',
  'unknown-geometry-type':
    'the geometry type is not Point, LineString, Polygon or their Multi- forms',
  'bad-position': 'a position is not an array of 2 or 3 numbers',
  'non-numeric-coordinate': 'a coordinate is a string, null, NaN or infinite',
  'lon-out-of-range': 'a longitude is outside −180…180',
  'lat-out-of-range': 'a latitude is outside −90…90',
  'lonlat-swapped': "positions are [latitude, longitude]; swapped they fall in the plan's extent",
  'unclosed-ring': "a polygon ring's first and last positions differ",
  'too-few-positions':
    'a ring has fewer than 4 (distinct, closed) positions or a line fewer than 2',
  'too-many-vertices':
    'a feature or a layer is over LIMITS.maxVerticesPerFeature / maxVerticesPerLayer',
  'self-intersection': "a polygon's rings cross or touch themselves (Turf `kinks`)",
  'outside-extent': 'a position lies outside the manifest bbox grown by LIMITS.extentMarginDeg',
  'invalid-geojson': 'anything else geojson-validation rejects',
  'wrong-winding':
    'a ring is wound against RFC 7946 (outer counter-clockwise, holes clockwise); rewound',
  'missing-property':
    'a required property (`id`, `kind`, `name_zh`, `name_en`; items: `status`, `category`) is absent or empty',
  'bad-property-type': 'a required property has the wrong type (e.g. `name_zh` is a number)',
  'bad-id': 'the id is not ASCII kebab-case',
  'unknown-kind': '`kind` is not in the vocabulary',
  'unknown-status': "an item's `status` is not in the vocabulary",
  'unknown-category': "an item's `category` is not in the vocabulary",
  'duplicate-id': 'the id is already used in the plan; the later feature is left out',
  'bad-optional-property':
    'an optional property (summary, accuracy, sources, history, order, parks …) is malformed; dropped or defaulted',
  'unknown-zone':
    "an item's `zone` names no zone of the plan; removed, Turf attaches the item by position",
  'unknown-parent': "a zone's `parent` names no zone of the plan; removed",
  'parent-cycle': '`parent` links form a loop; the link closing it is removed',
  'unknown-park':
    "a corridor node's `parks` names an id that is not an item; that entry is removed",
  'unknown-source': '`sources[].doc` is not a source listed in the manifest',
  'long-text': 'a text is over LIMITS.maxNameChars (names) / maxTextChars (other text); truncated',
  'markup-in-text': 'a text contains HTML markup; it is shown as literal text, never as HTML',
  'unsafe-link': 'a link in an attribution is not http(s); shown as text',
  'gcj02-suspected':
    "a layer's points sit a median ≈ 500 m east-north-east of the reference places: GCJ-02 (AMap) coordinates read as WGS84",
  'bd09-suspected': 'the same with the ≈ 1.3 km north-east offset of BD-09 (Baidu) coordinates',
  'bad-basemap':
    "the element's `basemap` attribute is unusable; the offline basemap is used (reported by the element, not the loader)",
  'bad-source-row':
    'a row of a CSV source is malformed: wrong number of cells, no BOM, an unknown column, a reference to an item that is not there, or a second truth (reported by the geodata builder)',
  'quote-not-in-source':
    'a quote in a CSV source is not verbatim in its seed document (reported by the geodata builder)',
  'unsourced-position':
    "an item's position has no usable `position_source`, or its `accuracy_m` is smaller than the distance to that source or than half the extent of the thing (reported by the geodata builder)",
  'outside-package':
    'a layer or unlocated file resolves outside the plan package (a `file:` URL, an absolute path, a `../` escape, another origin without `remote-layers`, or the network in the CLI without `--allow-network`); it is not fetched',
  'bad-encoding': 'the file is not UTF-8 (UTF-16, Latin-1, GBK …); save it as UTF-8',
  'reserved-key':
    'a property key or id collides with an `Object.prototype` member (`constructor`, `__proto__` …); the property is renamed with a trailing `_` (layer ids: the layer is skipped)',
  'bad-year':
    'a year (history step, source date, the `year` attribute) is not a whole number within the plausible range; dropped',
  'formula-text':
    'a text starts like a spreadsheet formula (`=`, `+`, `-`, `@`); exports neutralise it',
  'map-error':
    'the map (MapLibre) reported an error: a tile, image or source failed, or a worker failed; the rest of the map is drawn (reported by the element)',
  'basemap-failed':
    'the `basemap` style could not be loaded or used; the plan is drawn on the offline basemap instead (reported by the element)',
  'worker-failed':
    "MapLibre's worker script could not be started (a 404, an HTML page instead of the script, a CSP that forbids it): the map cannot draw; the message names the URL and how to point the element at the file (`setBasePath`) (reported by the element)",
  'map-unavailable':
    'the map could not be created: the browser has no usable WebGL (disabled, blocked, or out of contexts); the panel still works (reported by the element)',
  'internal-error':
    'the viewer itself failed (a bug, or the browser ran out of resources); the message says where, and Retry loads the plan again',
} as const;

export type IssueCode = keyof typeof ISSUE_CODES;
export type IssueSeverity = 'error' | 'warning';

/** Severity of every code: one severity per code (the compiler checks every code has one). */
export const ISSUE_SEVERITY = {
  'fetch-failed': 'error',
  'fetch-timeout': 'error',
  'file-not-found': 'error',
  'http-error': 'error',
  'html-page': 'error',
  'not-json': 'error',
  'file-too-large': 'error',
  'bad-manifest': 'error',
  'bad-manifest-field': 'error',
  'bad-bbox': 'error',
  'unknown-datum': 'error',
  'too-many-layers': 'error',
  'missing-layer-id': 'error',
  'duplicate-layer-id': 'error',
  'bad-layer-spec': 'error',
  'bad-layer-field': 'warning',
  'bad-unlocated': 'error',
  'not-feature-collection': 'error',
  'unsupported-crs': 'error',
  'projected-coordinates': 'error',
  'too-many-features': 'error',
  'not-a-feature': 'error',
  'empty-geometry': 'error',
  'unknown-geometry-type': 'error',
  'bad-position': 'error',
  'non-numeric-coordinate': 'error',
  'lon-out-of-range': 'error',
  'lat-out-of-range': 'error',
  'lonlat-swapped': 'error',
  'unclosed-ring': 'error',
  'too-few-positions': 'error',
  'too-many-vertices': 'error',
  'self-intersection': 'error',
  'outside-extent': 'error',
  'invalid-geojson': 'error',
  'wrong-winding': 'warning',
  'missing-property': 'error',
  'bad-property-type': 'error',
  'bad-id': 'error',
  'unknown-kind': 'error',
  'unknown-status': 'error',
  'unknown-category': 'error',
  'duplicate-id': 'error',
  'bad-optional-property': 'warning',
  'unknown-zone': 'warning',
  'unknown-parent': 'warning',
  'parent-cycle': 'warning',
  'unknown-park': 'warning',
  'unknown-source': 'warning',
  'long-text': 'warning',
  'markup-in-text': 'warning',
  'unsafe-link': 'warning',
  'gcj02-suspected': 'warning',
  'bd09-suspected': 'warning',
  'bad-basemap': 'warning',
  'bad-source-row': 'error',
  'quote-not-in-source': 'error',
  'unsourced-position': 'error',
  'outside-package': 'error',
  'bad-encoding': 'error',
  'reserved-key': 'warning',
  'bad-year': 'warning',
  'formula-text': 'warning',
  'map-error': 'warning',
  'basemap-failed': 'warning',
  'worker-failed': 'error',
  'map-unavailable': 'error',
  'internal-error': 'error',
} as const satisfies Record<IssueCode, IssueSeverity>;

/** Codes only the geodata builder reports (about its CSV sources), never the loader. */
export const BUILDER_CODES: ReadonlySet<IssueCode> = new Set<IssueCode>([
  'bad-source-row',
  'quote-not-in-source',
  'unsourced-position',
]);

/** Codes the element reports (about the page's attributes and the map), never the loader. */
export const ELEMENT_CODES: ReadonlySet<IssueCode> = new Set<IssueCode>([
  'bad-basemap',
  'map-error',
  'basemap-failed',
  'worker-failed',
  'map-unavailable',
  'internal-error',
]);

/** Codes a retry may cure (the file may be there next time). */
export const RETRYABLE_CODES: ReadonlySet<IssueCode> = new Set<IssueCode>([
  'fetch-failed',
  'fetch-timeout',
  'file-not-found',
  'http-error',
  'html-page',
  'internal-error',
]);

export function isIssueCode(code: unknown): code is IssueCode {
  return typeof code === 'string' && Object.hasOwn(ISSUE_CODES, code);
}

/** Validation and loading problems, returned as data (never thrown). */
export interface PlanIssue {
  /** Stable machine-readable code: a key of `ISSUE_CODES`. */
  code: IssueCode;
  severity: IssueSeverity;
  message_zh: string;
  message_en: string;
  /** The file (URL or name) the problem is in. */
  file: string;
  featureId?: string;
  /** JSON path inside the file, e.g. `features[3].properties.kind`. */
  path?: string;
  /**
   * [west, south, east, north] of the feature's geometry (WGS84) when it has usable
   * coordinates, so the UI can show where it is — also for a feature that was left out.
   */
  bbox?: [number, number, number, number];
}

export type IssueExtra = Pick<PlanIssue, 'featureId' | 'path' | 'bbox'>;

/** Longest feature id copied into an issue (ids come from the data and may be anything). */
const MAX_ID_IN_ISSUE = 120;
/**
 * Longest message. Messages name values from the data through {@link show} and
 * {@link examples}, so they stay far below this; the cap is the guarantee.
 */
export const MAX_MESSAGE_CHARS = 2_000;

/** Query parameters that carry a credential (API keys, tokens, passwords), compared lower-case. */
const SECRET_PARAMS =
  /^(?:tk|key|api[-_]?key|access[-_]?token|token|password|passwd|pwd|secret|sig|signature|auth|authorization|client[-_]?secret)$/i;

/**
 * A URL as it may be shown to people: user name and password removed, credential-like query
 * parameters (`tk`, `key`, `token` …) replaced by `***`. Text that is not a URL is returned as is.
 */
export function redactUrl(url: string): string {
  return redactUrls(url);
}

/** Every URL inside a text redacted as {@link redactUrl} does (for error messages). */
export function redactUrls(text: string): string {
  if (!text.includes('://') && !text.includes('=')) return text;
  return text
    .replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@"'<>]*@/gi, '$1')
    .replace(/([?&;])([^=&#\s"'<>]+)=([^&#\s"'<>]*)/g, (m, sep: string, k: string, v: string) =>
      SECRET_PARAMS.test(k) && v !== '' ? `${sep}${k}=***` : m,
    );
}

/**
 * Some values of a list for a message: the first `max`, each quoted by {@link show}, then how
 * many there are in all — "100000 ids, e.g. "a", "b", "c" …". Linear in `max`, not the list.
 */
export function examples(values: readonly unknown[], lang: 'en' | 'zh', max = 5): string {
  const sep = lang === 'en' ? ', ' : '、';
  const shown = values.slice(0, max).map((v) => show(v, 40));
  if (values.length <= max) return shown.join(sep);
  return lang === 'en'
    ? `${shown.join(sep)} … (${values.length} in all)`
    : `${shown.join(sep)} …(共 ${values.length} 个)`;
}

/**
 * Build an issue. `severity` must be the code's own (`ISSUE_SEVERITY`): the compiler checks it,
 * so a call reads as what it reports.
 */
export function issue<C extends IssueCode>(
  code: C,
  severity: (typeof ISSUE_SEVERITY)[C],
  file: string,
  message_en: string,
  message_zh: string,
  extra: IssueExtra = {},
): PlanIssue {
  const out: PlanIssue = {
    code,
    severity,
    file: redactUrls(file),
    message_en: clip(redactUrls(message_en), MAX_MESSAGE_CHARS),
    message_zh: clip(redactUrls(message_zh), MAX_MESSAGE_CHARS),
  };
  if (extra.featureId !== undefined) out.featureId = clip(extra.featureId, MAX_ID_IN_ISSUE);
  if (extra.path !== undefined) out.path = extra.path;
  if (extra.bbox !== undefined) out.bbox = extra.bbox;
  return out;
}

function clip(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** NaN and ±Infinity inside arrays and objects (JSON would print them as null). */
function nonFinite(_key: string, v: unknown): unknown {
  return typeof v === 'number' && !Number.isFinite(v) ? `\u0000${v}\u0000` : v;
}
const NON_FINITE = /"\\u0000(NaN|-?Infinity)\\u0000"/g;

/**
 * A value from the data, quoted for a message: JSON, cut to `max` characters. Data may hold
 * anything (megabytes of text, markup); messages stay short and are rendered as text.
 */
export function show(value: unknown, max = 60): string {
  let s: string;
  try {
    s =
      value === undefined
        ? 'undefined'
        : typeof value === 'number' && !Number.isFinite(value)
          ? String(value)
          : typeof value === 'string' && value.length > max * 4
            ? JSON.stringify(value.slice(0, max * 4))
            : (JSON.stringify(value, nonFinite)?.replace(NON_FINITE, '$1') ?? String(value));
  } catch {
    s = Object.prototype.toString.call(value);
  }
  return clip(s, max);
}

/**
 * Collects issues capped as they are produced: at most `max` per file and code are kept, the
 * rest only counted, so a file with a million broken features holds a million counters' worth
 * of memory at most, not a million messages. {@link IssueCollector.list} appends one summary
 * per folded file and code (as {@link capIssues} does).
 */
/** Summary issues made by a collector, with how many issues each one stands for. */
const FOLDED = new WeakMap<PlanIssue, number>();

export class IssueCollector {
  readonly #max: number;
  readonly #kept: PlanIssue[] = [];
  readonly #counts = new Map<string, number>();
  readonly #keptCounts = new Map<string, number>();

  constructor(max: number) {
    this.#max = max;
  }

  /** Adds an issue; a summary from another collector's list() adds the issues it stands for. */
  add(i: PlanIssue): void {
    const key = `${i.file}\u0000${i.code}`;
    const folded = FOLDED.get(i);
    this.#counts.set(key, (this.#counts.get(key) ?? 0) + (folded ?? 1));
    const kept = this.#keptCounts.get(key) ?? 0;
    if (folded === undefined && kept < this.#max) {
      this.#kept.push(i);
      this.#keptCounts.set(key, kept + 1);
    }
  }

  addAll(list: Iterable<PlanIssue>): void {
    for (const i of list) this.add(i);
  }

  /** How many issues were added, counted ones included. */
  get size(): number {
    let n = 0;
    for (const c of this.#counts.values()) n += c;
    return n;
  }

  /** The kept issues, then one summary per file and code that had more than `max`. */
  list(): PlanIssue[] {
    const out = this.#kept.slice();
    for (const [key, n] of this.#counts) {
      const kept = this.#keptCounts.get(key) ?? 0;
      if (n > kept) out.push(summaryIssue(key, n - kept, kept));
    }
    return out;
  }
}

/**
 * An issue list as it crosses to another thread: the issues, and which of them are summaries
 * and for how many (structured cloning keeps neither the objects nor what they stand for).
 */
export interface SentIssues {
  issues: PlanIssue[];
  /** Index in `issues` and the count of each summary issue. */
  folded: [index: number, more: number][];
}

/** A list from {@link IssueCollector.list} made ready to post to another thread. */
export function sendIssues(issues: PlanIssue[]): SentIssues {
  const folded: [number, number][] = [];
  issues.forEach((i, index) => {
    const more = FOLDED.get(i);
    if (more !== undefined) folded.push([index, more]);
  });
  return { issues, folded };
}

/** The list posted with {@link sendIssues}, its summaries standing for their issues again. */
export function receiveIssues(sent: SentIssues): PlanIssue[] {
  for (const [index, more] of sent.folded) {
    const i = sent.issues[index];
    if (i) FOLDED.set(i, more);
  }
  return sent.issues;
}

/** One issue standing for `more` issues of a file and code beyond the `listed` ones. */
function summaryIssue(key: string, more: number, listed: number): PlanIssue {
  const [file, code] = key.split('\u0000') as [string, IssueCode];
  const out = issue(
    code,
    ISSUE_SEVERITY[code],
    file,
    `… and ${more} more issue(s) "${code}" in ${file} (only ${listed} are listed)`,
    `… ${file} 中还有 ${more} 个同类问题“${code}”(仅列出 ${listed} 个)`,
  );
  FOLDED.set(out, more);
  return out;
}

/**
 * At most `max` issues per file and code; the rest become one summary issue with the same code,
 * so a file with 10,000 broken features gives a readable list (and says how many were folded).
 */
export function capIssues(issues: PlanIssue[], max: number): PlanIssue[] {
  if (!Number.isFinite(max)) return issues;
  const c = new IssueCollector(max);
  c.addAll(issues);
  return c.list();
}
