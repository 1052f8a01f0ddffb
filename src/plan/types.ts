/**
 * The plan package contract (see geodata/README.md for the prose version).
 * Types and the vocabularies (constant lists) only: importable from Node, a worker or the browser.
 */
import type {
  Feature,
  FeatureCollection,
  Geometry,
  LineString,
  MultiPolygon,
  Point,
  Polygon,
} from 'geojson';

export type Lang = 'zh' | 'en';

export interface LocalizedText {
  zh: string;
  en: string;
}

/** A seed document code, `S000` … `S004` for the built-in plan. */
export type SourceDocId = string;

export interface SourceRef {
  /** Seed document code, e.g. `S003`. */
  doc: SourceDocId;
  /** Chapter / section / paragraph, e.g. `第七章 第一节`. */
  where: string;
  /** Short verbatim quote from the document that names this feature. */
  quote: string;
}

export const ACCURACIES = ['surveyed', 'approximate', 'schematic'] as const;
export type Accuracy = (typeof ACCURACIES)[number];

export const LAYOUT_KINDS = [
  'corridor',
  'center',
  'city',
  'cluster',
  'subzone',
  'eco-core',
  'expansion',
] as const;
export type LayoutKind = (typeof LAYOUT_KINDS)[number];

export const ITEM_KINDS = ['project', 'lab', 'infrastructure'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];
const ITEM_KIND_SET: ReadonlySet<string> = new Set(ITEM_KINDS);
/** Whether a feature kind is an item kind (project, lab, infrastructure). */
export function isItemKind(kind: unknown): kind is ItemKind {
  return typeof kind === 'string' && ITEM_KIND_SET.has(kind);
}

export const CORRIDOR_KINDS = ['industrial-corridor', 'corridor-node'] as const;
export type CorridorKind = (typeof CORRIDOR_KINDS)[number];

/** Reference/basemap kinds: labels and boundaries that are not plan content. */
export const REFERENCE_KINDS = ['place', 'district', 'land'] as const;
export type ReferenceKind = (typeof REFERENCE_KINDS)[number];

export type FeatureKind = LayoutKind | ItemKind | CorridorKind | ReferenceKind;

/** Every feature kind a plan may use (the validator refuses any other). */
export const FEATURE_KINDS: readonly FeatureKind[] = [
  ...LAYOUT_KINDS,
  ...ITEM_KINDS,
  ...CORRIDOR_KINDS,
  ...REFERENCE_KINDS,
];

/** Ids (features, layers, unlocated entries): ASCII kebab-case, at most {@link MAX_ID_CHARS}. */
export const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const MAX_ID_CHARS = 100;

export const STATUSES = [
  'planned',
  'signed',
  'land-supplied',
  'under-construction',
  'completed',
  'operating',
] as const;
export type ItemStatus = (typeof STATUSES)[number];

/**
 * Item categories. The one list: the validator refuses any other value and the UI labels
 * (`CATEGORY_LABELS` in src/i18n/strings.ts) must cover exactly these.
 */
export const ITEM_CATEGORIES = [
  'digital',
  'clean-energy',
  'life-health',
  'intelligent-manufacturing',
  'new-materials',
  'smart-ocean',
  'culture-creative',
  'finance',
  'incubator',
  'research',
  'education',
  'health',
  'road',
  'water',
  'power',
  'sewage',
  'heating',
  'transit',
  'aviation',
  'park',
  'gas',
  'urban-development',
  'public-service',
] as const;
export type ItemCategory = (typeof ITEM_CATEGORIES)[number];

/**
 * Years a plan may name (history steps, source dates, the timeline): whole numbers in this
 * range. A wider span would only be a typo (99999) or a unit slip and would stretch the
 * timeline to nothing; the plan's documents span 2019–2025.
 */
export const YEAR_RANGE = { min: 1900, max: 2100 } as const;

export function isPlausibleYear(y: unknown): y is number {
  return typeof y === 'number' && Number.isInteger(y) && y >= YEAR_RANGE.min && y <= YEAR_RANGE.max;
}

/**
 * Default distance within which an item outside every zone is attached to the nearest one,
 * metres: the analysis engine's default, the one source of that number.
 */
export { DEFAULT_NEAREST_WITHIN_M as DEFAULT_ATTACH_WITHIN_M } from '../analysis/membership.js';

/** Geodetic datums a manifest may declare; GCJ-02 and BD-09 are converted to WGS84 on load. */
export const DATUMS = ['WGS84', 'GCJ-02', 'BD-09'] as const;
export type Datum = (typeof DATUMS)[number];

/** What a layer holds (`LayerSpec.kind`). */
export const LAYER_KINDS = ['zones', 'items', 'corridor', 'reference', 'basemap'] as const;
export type LayerKind = (typeof LAYER_KINDS)[number];

/**
 * Layer kinds that hold plan content (zones, the corridor, items): searched, exported, picked
 * on the map and keyed by plan id. Reference layers and the basemap are context, not content.
 */
export const CONTENT_LAYER_KINDS: readonly LayerKind[] = ['zones', 'corridor', 'items'];
const CONTENT_LAYER_KIND_SET: ReadonlySet<string> = new Set(CONTENT_LAYER_KINDS);
export function isContentLayerKind(kind: string): boolean {
  return CONTENT_LAYER_KIND_SET.has(kind);
}

export interface HistoryStep {
  year: number;
  status: ItemStatus;
  /** Seed document code the step is reported in. */
  source: SourceDocId;
}

/** Properties shared by every plan feature. */
export interface BaseProps {
  id: string;
  kind: FeatureKind;
  name_zh: string;
  name_en: string;
  summary_zh?: string;
  summary_en?: string;
  /**
   * Search keys of `name_zh` (optional, written by the data builders, scripts/lib/pinyin.mjs):
   * toneless pinyin, one space-separated token per character (`huang ni chuan`), and the
   * initials (`hnc`). Without them the search matches Chinese and English names only.
   */
  pinyin_full?: string;
  pinyin_initials?: string;
  /**
   * Other names the documents or public sources use for the same thing (after a merge, e.g.
   * 辽宁黄海实验室 for 辽宁实验室智能制造研究中心); searched like the names. Optional.
   */
  aliases?: string[];
  /** `pinyin_full` of each alias, same order (written by the data builders). Optional. */
  aliases_pinyin?: string[];
  sources: SourceRef[];
  accuracy: Accuracy;
  /** Estimated error radius in metres. */
  accuracy_m: number;
}

export interface ZoneProps extends BaseProps {
  kind: LayoutKind;
  /** Parent zone id for nested zones (subzone → its zone). */
  parent?: string;
}

export interface ItemProps extends BaseProps {
  kind: ItemKind;
  category: string;
  status: ItemStatus;
  history?: HistoryStep[];
  /** Zone id the plan text ties the item to; when absent it is computed. */
  zone?: string;
}

export interface CorridorProps extends BaseProps {
  kind: CorridorKind;
  /** Order of a node along the industrial corridor, 1-based. */
  order?: number;
  /** Ids of the items (parks) the seeds place at a node. */
  parks?: string[];
}

export type PlanProps = ZoneProps | ItemProps | CorridorProps | BaseProps;

export type ZoneFeature = Feature<Polygon | MultiPolygon | LineString, ZoneProps>;
export type ItemFeature = Feature<Point | LineString | Polygon, ItemProps>;
export type PlanFeature = Feature<Geometry, PlanProps>;

export interface LegendEntry {
  /** Value of `match` property this swatch stands for (e.g. a kind or a category). */
  value?: string;
  label: LocalizedText;
  color: string;
}

export interface LayerSpec {
  /** Layer id, stable (`corridor`, `clusters`, `projects`, …). */
  id: string;
  title: LocalizedText;
  /** File name relative to the manifest. */
  file: string;
  /** What the layer holds: `zones`, `items`, `corridor`, `reference`, `basemap`. */
  kind: LayerKind;
  /** Shown when the element has no `layers` attribute. */
  visible: boolean;
  /** Paint colour for the layer's features (fill / line / circle). */
  color: string;
  legend?: LegendEntry[];
  /** Datum of this file's coordinates when it differs from the manifest's; converted on load. */
  datum?: Datum;
  /**
   * Optional attribution shown on the map when the layer is drawn. After loading it is
   * HTML-safe (MapLibre's attribution control renders HTML): text is escaped and only
   * `<a href="http(s)://…">` links are kept.
   */
  attribution?: string;
}

export interface PlanSource {
  id: SourceDocId;
  title: string;
  date: string;
  file?: string;
}

export interface UnlocatedItem {
  id: string;
  kind: ItemKind;
  name_zh: string;
  name_en: string;
  reason: string;
  sources: SourceRef[];
  /** Other names of the same thing (see {@link BaseProps.aliases}). */
  aliases?: string[];
  status?: ItemStatus;
  category?: string;
  history?: HistoryStep[];
}

export interface PlanManifest {
  id: string;
  title: LocalizedText;
  /** [west, south, east, north] in WGS84 degrees. */
  bbox: [number, number, number, number];
  view?: { center: [number, number]; zoom: number };
  /** Datum of every coordinate in the package (default WGS84); converted to WGS84 on load. */
  datum?: Datum;
  sources: PlanSource[];
  layers: LayerSpec[];
  /** Items named without a place: inline, or the name of a JSON file beside the manifest. */
  unlocated?: UnlocatedItem[] | string;
  /** Distance in metres within which an item outside every zone is attached to the nearest. */
  attach_within_m?: number;
}

export interface LoadedLayer {
  spec: LayerSpec;
  /** The features held on the main thread; empty for a {@link LargeLayer}. */
  data: FeatureCollection<Geometry, PlanProps>;
  /** Set when the layer is too large to hold here: drawn from its URL, counted in a worker. */
  large?: LargeLayer;
}

/**
 * An item layer over `LIMITS.maxFeaturesPerLayer` features or `maxFileBytes` bytes, loaded from
 * a URL: MapLibre fetches and draws it (clustered) in its own worker, and the element's worker
 * reads, validates and counts it per zone (`plan/large-layer.ts`). The main thread keeps only
 * this summary, never the features.
 */
export interface LargeLayer {
  /** Absolute URL of the file (MapLibre fetches it). */
  url: string;
  /** After the analysis: what the worker found. */
  summary?: LargeLayerSummary;
}

export interface LargeLayerSummary {
  /** Features that passed validation (they are drawn and counted). */
  features: number;
  /**
   * Ids the map hides in the file (it draws the file as it is): features refused by
   * validation, and lines and polygons (clustering takes points only; they are in `shapes`).
   */
  hidden: string[];
  /** The layer's valid lines and polygons, drawn beside the clustered points. */
  shapes: Feature<Geometry, PlanProps>[];
  /** Items counted in each zone (subzones roll up to their parent), by zone id. */
  zoneCounts: Record<string, number>;
}

export interface LoadedPlan {
  manifest: PlanManifest;
  /** Absolute URL the manifest came from (null for an in-memory plan). */
  baseUrl: string | null;
  layers: LoadedLayer[];
  /** Items the documents name without a place (listed, not drawn). */
  unlocated: UnlocatedItem[];
}
