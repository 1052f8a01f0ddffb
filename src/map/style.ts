/**
 * Pure MapLibre style-spec JSON from the plan and the map state (what is visible, selected, shown). No maplibre-gl import:
 * this runs (and is tested) in Node. The controller applies what it returns.
 */
import type {
  ExpressionSpecification,
  LayerSpecification,
  SourceSpecification,
  StyleSpecification,
} from '@maplibre/maplibre-gl-style-spec';
import type { Feature, FeatureCollection, GeoJSON } from 'geojson';
import {
  type ItemStatus,
  isContentLayerKind,
  type Lang,
  type LargeLayer,
  type LayerKind,
  type LayerSpec,
  type LoadedLayer,
  type LoadedPlan,
} from '../plan/types.js';
import { patternImageId } from './patterns.js';

/** Sea: the map's background; land is drawn over it from the basemap layer. */
export const SEA_COLOR = '#cfe2ee';
/** Local fonts only (no glyph server): MapLibre draws text with TinySDF from these families. */
export const TEXT_FONT = ['Noto Sans CJK SC', 'Noto Sans SC', 'Noto Sans', 'sans-serif'];
/** Fill opacity of zone polygons; subzones are outlined, not filled again. */
/** The preview highlight (a focused list entry): amber, wide and soft — unlike the selection. */
export const PREVIEW_COLOR = '#ffb300';

/**
 * Item layers with more Point features than this are clustered. Up to a few thousand circles
 * MapLibre draws every point legibly (the built-in layers hold dozens); beyond that they merge
 * into blots and their labels are mostly dropped by collision anyway, so counts say more.
 */
export const CLUSTER_MIN_POINTS = 2_000;
/** Item names appear from this zoom on; below it items are dots under the zone labels. */
export const ITEM_LABEL_MIN_ZOOM = 12;
/** Cluster radius, screen pixels: about two point circles with their labels. */
export const CLUSTER_RADIUS_PX = 50;
/**
 * Last zoom with clusters: at 15 and above every point is drawn alone. Below the zoom the
 * element flies to for one item (fitBounds maxZoom 15), so a chosen item is never hidden in a
 * cluster.
 */
export const CLUSTER_MAX_ZOOM = 14;

export interface MapState {
  lang: Lang;
  /** Visible plan layer ids. */
  visible: ReadonlySet<string>;
  /**
   * Selected feature id, or null. Drawn through feature state (the controller sets it; the
   * style only has the layers for it), like the preview.
   */
  selected: string | null;
  /**
   * Feature previewed (e.g. focused in the list): a highlight distinct from the selection, drawn
   * through feature state (the controller sets it; the style only has the layers for it).
   */
  preview?: string | null;
  /**
   * Ids of the items shown, per item layer id (the filters and the year, plan/view-filter.ts);
   * null or absent: every item. A layer missing from the map shows none of its items.
   */
  shown?: ReadonlyMap<string, readonly string[]> | null;
}

/** Metadata on every style layer: which plan layer it draws and its role. */
export interface StyleLayerMeta {
  'plan:layer': string;
  /**
   * `cluster` / `cluster-count`: the circles and counts of a clustered item layer; `preview`:
   * the highlight of a focused list entry.
   */
  'plan:role':
    | 'fill'
    | 'line'
    | 'circle'
    | 'label'
    | 'selected'
    | 'preview'
    | 'cluster'
    | 'cluster-count';
  /** True where a click selects the feature (plan content, not basemap or labels). */
  'plan:pickable': boolean;
}

const nameExpr = (lang: Lang): ExpressionSpecification => [
  'get',
  lang === 'en' ? 'name_en' : 'name_zh',
];

const geomIs = (...types: string[]): ExpressionSpecification => [
  'match',
  ['geometry-type'],
  types,
  true,
  false,
];

/** True for the feature whose feature state says it is previewed. */
const isPreviewed: ExpressionSpecification = ['boolean', ['feature-state', 'preview'], false];

/** True for the feature whose feature state says it is selected. */
const isSelected: ExpressionSpecification = ['boolean', ['feature-state', 'selected'], false];

/**
 * Filter of a selection-highlight layer: the geometry it draws. Which feature is selected is
 * feature state (`selected: true`, set by the map controller), not a filter: selecting another
 * feature restyles two features instead of re-filtering every tile of every source.
 */
export function selectionFilter(layerType: 'line' | 'circle'): ExpressionSpecification {
  return layerType === 'circle' ? geomIs('Point') : geomIs('Polygon', 'MultiPolygon', 'LineString');
}

/** Style-layer ids that draw one plan layer, in drawing order. */
export function styleLayerIds(style: StyleSpecification, planLayerId: string): string[] {
  return style.layers
    .filter((l) => (l.metadata as StyleLayerMeta | undefined)?.['plan:layer'] === planLayerId)
    .map((l) => l.id);
}

/** Id of the source holding a clustered item layer's lines and polygons (not clustered). */
export function shapesSourceId(planLayerId: string): string {
  return `${planLayerId}:shapes`;
}

/** True when an item layer is drawn clustered: more than {@link CLUSTER_MIN_POINTS} points. */
export function isClusteredLayer(layer: LoadedLayer): boolean {
  if (layer.spec.kind !== 'items') return false;
  if (layer.large) return true;
  let points = 0;
  for (const f of layer.data.features) {
    if (f.geometry?.type === 'Point' && ++points > CLUSTER_MIN_POINTS) return true;
  }
  return false;
}

const notCluster: ExpressionSpecification = ['!', ['has', 'point_count']];

/**
 * How far along an item is, for its symbol: `planned` (planned, signed: a ring), `building`
 * (land supplied, under construction: a faint fill in a ring), `done` (completed, operating:
 * solid). Shape and fill say it, not only colour.
 */
export const STATUS_STAGE: Readonly<Record<ItemStatus, 'planned' | 'building' | 'done'>> = {
  planned: 'planned',
  signed: 'planned',
  'land-supplied': 'building',
  'under-construction': 'building',
  completed: 'done',
  operating: 'done',
};
const stageStatuses = (stage: string) =>
  Object.entries(STATUS_STAGE)
    .filter(([, s]) => s === stage)
    .map(([k]) => k);

/**
 * An item's status as drawn: the feature state `status` (set by the controller to the status as
 * of the timeline's year) if any, else the status in the data.
 */
export const drawnStatus: ExpressionSpecification = [
  'to-string',
  ['coalesce', ['feature-state', 'status'], ['get', 'status']],
];

/** Circle paint of an item layer in colour `c`, by stage (see {@link STATUS_STAGE}). */
export function itemCirclePaint(c: string) {
  const planned = stageStatuses('planned');
  const building = stageStatuses('building');
  return {
    'circle-radius': 5,
    'circle-color': ['match', drawnStatus, planned, '#ffffff', c] as ExpressionSpecification,
    'circle-opacity': ['match', drawnStatus, building, 0.45, 1] as ExpressionSpecification,
    'circle-stroke-color': [
      'match',
      drawnStatus,
      [...planned, ...building],
      c,
      '#ffffff',
    ] as ExpressionSpecification,
    'circle-stroke-width': [
      'match',
      drawnStatus,
      [...planned, ...building],
      2.2,
      1.5,
    ] as ExpressionSpecification,
  };
}

/** Line opacity of an item line by stage: planned roads are drawn faint. */
const itemLineOpacity = (): ExpressionSpecification => [
  'match',
  drawnStatus,
  stageStatuses('planned'),
  0.45,
  stageStatuses('building'),
  0.7,
  1,
];

/** A match on the feature id: true for the listed ids. MapLibre compiles it to a lookup. */
function idIn(ids: readonly string[]): ExpressionSpecification {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return ['boolean', false];
  return ['match', ['get', 'id'], unique, true, false];
}

/**
 * A style layer's filter restricted to the shown ids (`ids` null: unrestricted). Used for every
 * style layer of an item layer, so the filters and the year hide items without re-sending data.
 */
export function shownFilter(
  base: ExpressionSpecification | undefined,
  ids: readonly string[] | null,
): ExpressionSpecification | undefined {
  if (ids === null) return base;
  return base ? ['all', base, idIn(ids)] : idIn(ids);
}

function layersFor(spec: LayerSpec, state: MapState, clustered = false): LayerSpecification[] {
  const visibility = state.visible.has(spec.id) || spec.kind === 'basemap' ? 'visible' : 'none';
  const content = isContentLayerKind(spec.kind);
  const meta = (role: StyleLayerMeta['plan:role']): StyleLayerMeta => ({
    'plan:layer': spec.id,
    'plan:role': role,
    'plan:pickable': content && (role === 'fill' || role === 'line' || role === 'circle'),
  });
  const source = spec.id;
  const c = spec.color;
  const label = (
    extra: Partial<LayerSpecification['layout']> = {},
    filter?: ExpressionSpecification,
  ): LayerSpecification => ({
    id: `${spec.id}:label`,
    type: 'symbol',
    source,
    metadata: meta('label'),
    ...(filter ? { filter } : {}),
    layout: {
      visibility,
      'text-field': nameExpr(state.lang),
      'text-font': TEXT_FONT,
      'text-size': 12,
      'text-max-width': 8,
      ...extra,
    },
    paint: { 'text-color': '#222', 'text-halo-color': '#fff', 'text-halo-width': 1.4 },
  });
  const selectedLine: LayerSpecification = {
    id: `${spec.id}:selected`,
    type: 'line',
    source,
    metadata: meta('selected'),
    filter: selectionFilter('line'),
    layout: { visibility },
    paint: { 'line-color': '#111', 'line-width': 3.5, 'line-opacity': ['case', isSelected, 1, 0] },
  };
  // The preview shows through feature state (`preview: true`, set by the controller): moving it
  // from entry to entry restyles two features instead of re-filtering every tile.
  const previewLine: LayerSpecification = {
    id: `${spec.id}:preview`,
    type: 'line',
    source,
    metadata: meta('preview'),
    filter: geomIs('Polygon', 'MultiPolygon', 'LineString'),
    layout: { visibility, 'line-join': 'round' },
    paint: {
      'line-color': PREVIEW_COLOR,
      'line-width': 7,
      'line-opacity': ['case', isPreviewed, 0.75, 0],
    },
  };
  const previewPoint: LayerSpecification = {
    id: `${spec.id}:preview-point`,
    type: 'circle',
    source,
    metadata: meta('preview'),
    filter: geomIs('Point'),
    layout: { visibility },
    paint: {
      'circle-radius': 13,
      'circle-color': 'rgba(0,0,0,0)',
      'circle-stroke-color': PREVIEW_COLOR,
      'circle-stroke-width': 4,
      'circle-stroke-opacity': ['case', isPreviewed, 0.85, 0],
    },
  };
  const selectedPoint: LayerSpecification = {
    id: `${spec.id}:selected-point`,
    type: 'circle',
    source,
    metadata: meta('selected'),
    filter: selectionFilter('circle'),
    layout: { visibility },
    paint: {
      'circle-radius': 10,
      'circle-color': 'rgba(0,0,0,0)',
      'circle-stroke-color': '#111',
      'circle-stroke-width': 3,
      'circle-stroke-opacity': ['case', isSelected, 1, 0],
    },
  };

  switch (spec.kind) {
    case 'basemap':
      return [
        {
          id: `${spec.id}:fill`,
          type: 'fill',
          source,
          metadata: meta('fill'),
          paint: { 'fill-color': c },
        },
      ];
    case 'reference':
      if (spec.id === 'places') {
        return [
          {
            id: `${spec.id}:circle`,
            type: 'circle',
            source,
            metadata: meta('circle'),
            layout: { visibility },
            paint: { 'circle-radius': 2.5, 'circle-color': c },
          },
          label({
            'text-size': 11,
            'text-offset': [0, 0.7],
            'text-anchor': 'top',
            'text-optional': true,
          }),
        ];
      }
      return [
        {
          id: `${spec.id}:line`,
          type: 'line',
          source,
          metadata: meta('line'),
          layout: { visibility },
          paint: { 'line-color': c, 'line-width': 1, 'line-dasharray': [3, 2] },
        },
        label({ 'text-size': 13, 'text-letter-spacing': 0.3 }),
      ];
    case 'zones':
      return [
        {
          // The translucent tint and the hatching of the zone's kind (map/patterns.ts: zones are
          // told apart without colour) in one image per kind, so one layer draws both.
          id: `${spec.id}:fill`,
          type: 'fill',
          source,
          metadata: meta('fill'),
          filter: ['all', geomIs('Polygon', 'MultiPolygon'), ['!=', ['get', 'kind'], 'subzone']],
          layout: { visibility },
          paint: {
            'fill-pattern': ['concat', patternImageId(spec.id, ''), ['get', 'kind']],
          },
        },
        {
          // Subzones are picked (clicked, queried) through an invisible fill of their own.
          id: `${spec.id}:subzone-fill`,
          type: 'fill',
          source,
          metadata: meta('fill'),
          filter: ['all', geomIs('Polygon', 'MultiPolygon'), ['==', ['get', 'kind'], 'subzone']],
          layout: { visibility },
          paint: { 'fill-color': c, 'fill-opacity': 0.08 },
        },
        {
          id: `${spec.id}:line`,
          type: 'line',
          source,
          metadata: meta('line'),
          layout: { visibility },
          paint: {
            'line-color': c,
            'line-width': ['match', ['get', 'kind'], 'subzone', 1, 'expansion', 3, 2],
            'line-dasharray': [
              'match',
              ['get', 'kind'],
              'subzone',
              ['literal', [2, 2]],
              'expansion',
              ['literal', [2, 1]],
              ['literal', [1, 0]],
            ],
          },
        },
        label({ 'text-size': ['match', ['get', 'kind'], 'subzone', 11, 13] }),
        previewLine,
        selectedLine,
      ];
    case 'corridor':
      return [
        {
          id: `${spec.id}:line`,
          type: 'line',
          source,
          metadata: meta('line'),
          filter: geomIs('LineString'),
          layout: { visibility, 'line-cap': 'round' },
          paint: { 'line-color': c, 'line-width': 4, 'line-opacity': 0.85 },
        },
        {
          id: `${spec.id}:circle`,
          type: 'circle',
          source,
          metadata: meta('circle'),
          filter: geomIs('Point'),
          layout: { visibility },
          paint: {
            'circle-radius': 7,
            'circle-color': '#fff',
            'circle-stroke-color': c,
            'circle-stroke-width': 3,
          },
        },
        label({
          'text-offset': [0, 1.1],
          'text-anchor': 'top',
          'text-size': 12,
          'symbol-placement': 'point',
        }),
        previewPoint,
        previewLine,
        selectedPoint,
        selectedLine,
      ];
    case 'items': {
      // Clustered: the points are in the layer's own source (clustered by MapLibre), lines
      // and polygons in a second, plain source.
      const shapes = clustered ? shapesSourceId(spec.id) : source;
      return [
        {
          id: `${spec.id}:line`,
          type: 'line',
          source: shapes,
          metadata: meta('line'),
          filter: geomIs('LineString'),
          layout: { visibility, 'line-cap': 'round' },
          paint: { 'line-color': c, 'line-width': 3, 'line-opacity': itemLineOpacity() },
        },
        {
          id: `${spec.id}:circle`,
          type: 'circle',
          source,
          metadata: meta('circle'),
          filter: clustered ? ['all', geomIs('Point'), notCluster] : geomIs('Point'),
          layout: { visibility },
          paint: itemCirclePaint(c),
        },
        ...(clustered ? clusterLayers(spec, visibility, meta) : []),
        {
          ...label(
            {
              'text-size': 11,
              'text-offset': [0, 0.8],
              'text-anchor': 'top',
              'text-optional': true,
            },
            clustered ? notCluster : undefined,
          ),
          // At the plan's overview zoom the zone names matter more than dozens of item names.
          minzoom: ITEM_LABEL_MIN_ZOOM,
        },
        previewPoint,
        { ...previewLine, source: shapes },
        selectedPoint,
        { ...selectedLine, source: shapes },
      ];
    }
  }
}

/** A cluster's circle (sized by its count) and its count, drawn with the local font. */
function clusterLayers(
  spec: LayerSpec,
  visibility: 'visible' | 'none',
  meta: (role: StyleLayerMeta['plan:role']) => StyleLayerMeta,
): LayerSpecification[] {
  return [
    {
      id: `${spec.id}:cluster`,
      type: 'circle',
      source: spec.id,
      metadata: meta('cluster'),
      filter: ['has', 'point_count'],
      layout: { visibility },
      paint: {
        'circle-color': spec.color,
        'circle-opacity': 0.85,
        'circle-radius': ['step', ['get', 'point_count'], 12, 100, 16, 1_000, 21, 10_000, 27],
        'circle-stroke-color': '#fff',
        'circle-stroke-width': 2,
      },
    },
    {
      id: `${spec.id}:cluster-count`,
      type: 'symbol',
      source: spec.id,
      metadata: meta('cluster-count'),
      filter: ['has', 'point_count'],
      layout: {
        visibility,
        'text-field': ['get', 'point_count_abbreviated'],
        'text-font': TEXT_FONT,
        'text-size': 11,
        'text-allow-overlap': true,
        'text-ignore-placement': true,
      },
      paint: { 'text-color': '#fff', 'text-halo-color': spec.color, 'text-halo-width': 1 },
    },
  ];
}

/** The whole style: one GeoJSON source per plan layer, drawn in manifest order. */
export function buildStyle(plan: LoadedPlan, state: MapState): StyleSpecification {
  const sources: Record<string, SourceSpecification> = {};
  const clustered = new Set<string>();
  for (const layer of plan.layers) {
    const { id, attribution } = layer.spec;
    // Plan content carries feature state keyed by its plan id: items their as-of status, every
    // feature the preview highlight.
    const content = isContentLayerKind(layer.spec.kind);
    const promote = content ? { promoteId: 'id' } : {};
    const data = content ? drawnData(layer.data, layer.spec.kind) : layer.data;
    if (layer.large) {
      clustered.add(id);
      sources[id] = largeLayerSource(layer.large, attribution);
      const shapes = layer.large.summary?.shapes ?? [];
      sources[shapesSourceId(id)] = {
        type: 'geojson',
        data: shapes.length > 0 ? { type: 'FeatureCollection', features: shapes } : EMPTY,
        promoteId: 'id',
      };
      continue;
    }
    if (!isClusteredLayer(layer)) {
      sources[id] = { type: 'geojson', data, attribution, ...promote };
      continue;
    }
    clustered.add(id);
    const points = data.features.filter((f) => f.geometry?.type === 'Point');
    const others = data.features.filter((f) => f.geometry?.type !== 'Point');
    sources[id] = {
      type: 'geojson',
      data: { type: 'FeatureCollection', features: points },
      attribution,
      cluster: true,
      clusterRadius: CLUSTER_RADIUS_PX,
      clusterMaxZoom: CLUSTER_MAX_ZOOM,
      ...promote,
    };
    sources[shapesSourceId(id)] = {
      type: 'geojson',
      data: { type: 'FeatureCollection', features: others },
      ...promote,
    };
  }
  const layers = plan.layers.flatMap((l) => {
    const specs = layersFor(l.spec, state, clustered.has(l.spec.id));
    // A large layer's items are not held here, so the filters do not reach them.
    if (l.spec.kind !== 'items' || !state.shown || l.large) return specs;
    const ids = state.shown.get(l.spec.id) ?? [];
    return specs.map((s) => withShown(s, ids));
  });
  return {
    version: 8,
    name: plan.manifest.id,
    sources,
    layers: withZoneLabelsOnTop(plan, layers),
  };
}

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

/**
 * The properties the style reads from a plan feature (the expressions above, `promoteId`): a
 * zone's `kind` picks its pattern, outline and label size; items and corridor nodes are drawn
 * without it.
 */
const DRAWN_PROPERTIES = ['id', 'status', 'name_zh', 'name_en'] as const;
const DRAWN_ZONE_PROPERTIES = ['id', 'kind', 'status', 'name_zh', 'name_en'] as const;

const drawnCache = new WeakMap<object, FeatureCollection>();

/**
 * A content layer's features as the map needs them: the geometry and the properties the style
 * reads. A plan item also carries summaries, pinyin, history and its sources with their quotes;
 * copying those to MapLibre's worker with every feature, and keeping them there, costs time and
 * memory for nothing drawn. Made once per layer data (the same data gives the same object).
 */
export function drawnData(data: FeatureCollection, kind: LayerKind): FeatureCollection {
  let out = drawnCache.get(data);
  if (!out) {
    const keys = kind === 'zones' ? DRAWN_ZONE_PROPERTIES : DRAWN_PROPERTIES;
    out = { type: 'FeatureCollection', features: data.features.map((f) => drawnFeature(f, keys)) };
    drawnCache.set(data, out);
  }
  return out;
}

/** Makes (and caches) every content layer's {@link drawnData} ahead of {@link buildStyle}. */
export function prepareDrawnData(plan: LoadedPlan): void {
  for (const layer of plan.layers) {
    if (isContentLayerKind(layer.spec.kind)) drawnData(layer.data, layer.spec.kind);
  }
}

function drawnFeature(f: Feature, keys: readonly string[]): Feature {
  const from = (f.properties ?? {}) as Record<string, unknown>;
  const properties: Record<string, unknown> = {};
  for (const key of keys) if (from[key] !== undefined) properties[key] = from[key];
  const out: Feature = { type: 'Feature', geometry: f.geometry, properties };
  if (f.id !== undefined) out.id = f.id;
  return out;
}

/**
 * A large layer's source: MapLibre fetches the file by URL and clusters it in its own worker.
 * The features the worker found unfit to cluster (refused by validation, or lines and polygons,
 * which its shapes source draws) are hidden here by id, and so is a feature without a string id. (A source filter sees the raw GeoJSON
 * feature, so `geometry-type` cannot be used in it.)
 */
function largeLayerSource(large: LargeLayer, attribution: string | undefined): SourceSpecification {
  const hidden = large.summary?.hidden ?? [];
  const filter: ExpressionSpecification = [
    'all',
    ['==', ['typeof', ['get', 'id']], 'string'],
    ...(hidden.length > 0
      ? [['!', ['in', ['get', 'id'], ['literal', hidden]]] as ExpressionSpecification]
      : []),
  ];
  return {
    type: 'geojson',
    data: large.url,
    attribution,
    cluster: true,
    clusterRadius: CLUSTER_RADIUS_PX,
    clusterMaxZoom: CLUSTER_MAX_ZOOM,
    promoteId: 'id',
    filter,
  };
}

/**
 * Whether `next` draws as `drawn` does, so the map keeps its style: the same layers and data,
 * its large layers at most summarised since, with nothing to hide and no shapes (their sources
 * are then the same: see `largeLayerSource`).
 */
export function drawsAlike(drawn: LoadedPlan, next: LoadedPlan): boolean {
  if (drawn.manifest !== next.manifest || drawn.layers.length !== next.layers.length) return false;
  return drawn.layers.every((a, i) => {
    const b = next.layers[i]!;
    if (a === b) return true;
    if (a.spec !== b.spec || a.data !== b.data || !a.large || !b.large) return false;
    const summary = b.large.summary;
    return (
      a.large.url === b.large.url &&
      !a.large.summary &&
      (summary?.hidden.length ?? 0) === 0 &&
      (summary?.shapes.length ?? 0) === 0
    );
  });
}

/** A highlight layer held back from the first style, and where it goes when it is needed. */
export interface HeldLayer {
  layer: LayerSpecification;
  /** The style layer it is drawn below (the next one of the full style), or none: on top. */
  beforeId: string | undefined;
}

/**
 * The style without its selection and preview highlight layers, and those layers by plan layer
 * with their place in the full style. They draw nothing until a feature of their plan layer is
 * selected or previewed, yet every one of them would lay out every feature of its source when
 * the map loads; the map controller adds a plan layer's highlights on its first use instead.
 */
export function withoutHighlights(style: StyleSpecification): {
  style: StyleSpecification;
  held: Map<string, HeldLayer[]>;
} {
  const role = (l: LayerSpecification) => (l.metadata as StyleLayerMeta | undefined)?.['plan:role'];
  const isHighlight = (l: LayerSpecification) => role(l) === 'selected' || role(l) === 'preview';
  const held = new Map<string, HeldLayer[]>();
  const layers = style.layers;
  layers.forEach((l, i) => {
    if (!isHighlight(l)) return;
    const next = layers.slice(i + 1).find((x) => !isHighlight(x));
    const planLayer = (l.metadata as StyleLayerMeta)['plan:layer'];
    const list = held.get(planLayer) ?? [];
    list.push({ layer: l, beforeId: next?.id });
    held.set(planLayer, list);
  });
  return { style: { ...style, layers: layers.filter((l) => !isHighlight(l)) }, held };
}

/** A GeoJSON source of at least this many features gets its data after the style (see {@link withDataApart}). */
export const DATA_APART_MIN_FEATURES = 5_000;

/**
 * The style with every GeoJSON source of at least `minFeatures` features left empty, and that
 * data by source id. MapLibre copies each source's data to its worker in the task that loads
 * the style; at 100,000 items that copy alone is about 200 ms. The map controller gives the
 * data (`setData`) in a task of its own once the style has loaded. Sources by URL are kept.
 */
export function withDataApart(
  style: StyleSpecification,
  minFeatures = DATA_APART_MIN_FEATURES,
): { style: StyleSpecification; apart: Map<string, FeatureCollection> } {
  const apart = new Map<string, FeatureCollection>();
  const sources = { ...style.sources };
  for (const [id, source] of Object.entries(sources)) {
    if (source.type !== 'geojson' || typeof source.data !== 'object') continue;
    const data = source.data as GeoJSON;
    if (data.type !== 'FeatureCollection' || data.features.length < minFeatures) continue;
    apart.set(id, data);
    sources[id] = { ...source, data: EMPTY };
  }
  return { style: apart.size > 0 ? { ...style, sources } : style, apart };
}

/**
 * Roles of an item layer's style layers that the shown ids restrict. Cluster circles and counts
 * are not: their source is re-filtered instead (a filter cannot reach inside a cluster).
 */
const SHOWN_ROLES = new Set<StyleLayerMeta['plan:role']>([
  'line',
  'circle',
  'label',
  'selected',
  'preview',
]);

/** Whether the shown ids of its plan layer restrict this style layer. */
export function isShownFiltered(layer: LayerSpecification): boolean {
  const role = (layer.metadata as StyleLayerMeta | undefined)?.['plan:role'];
  return role !== undefined && SHOWN_ROLES.has(role);
}

function withShown(layer: LayerSpecification, ids: readonly string[]): LayerSpecification {
  if (!isShownFiltered(layer) || layer.type === 'background') return layer;
  const filter = shownFilter(layer.filter as ExpressionSpecification | undefined, ids);
  return filter ? { ...layer, filter } : layer;
}

/**
 * Zone names are the map's headline: MapLibre places labels of higher style layers first, so
 * the zone label layers go last and win collisions with place and item labels at their spot.
 */
function withZoneLabelsOnTop(plan: LoadedPlan, layers: LayerSpecification[]): LayerSpecification[] {
  const zoneLayerIds = new Set(
    plan.layers.filter((l) => l.spec.kind === 'zones').map((l) => l.spec.id),
  );
  const isZoneLabel = (l: LayerSpecification) => {
    const m = l.metadata as StyleLayerMeta | undefined;
    return m?.['plan:role'] === 'label' && zoneLayerIds.has(m['plan:layer']);
  };
  return [
    { id: 'sea', type: 'background', paint: { 'background-color': SEA_COLOR } },
    ...layers.filter((l) => !isZoneLabel(l)),
    ...layers.filter(isZoneLabel),
  ];
}

/**
 * The style a map starts with before its plan has arrived: the sea background only. The map,
 * its WebGL context and MapLibre's workers are made while the plan is still loading.
 */
export function waitingStyle(): StyleSpecification {
  return {
    version: 8,
    sources: {},
    layers: [{ id: 'sea', type: 'background', paint: { 'background-color': SEA_COLOR } }],
  };
}

/** Cluster circles: a click on one zooms into it (plan-map/cluster-zoom.ts) rather than selecting. */
export function clusterLayerIds(style: StyleSpecification): string[] {
  return style.layers
    .filter((l) => (l.metadata as StyleLayerMeta | undefined)?.['plan:role'] === 'cluster')
    .map((l) => l.id);
}

/** Layers a click may select: zone fills, corridor, items (not labels or basemap). */
export function clickableLayerIds(style: StyleSpecification): string[] {
  return style.layers
    .filter((l) => (l.metadata as StyleLayerMeta | undefined)?.['plan:pickable'] === true)
    .map((l) => l.id);
}

export { nameExpr };
