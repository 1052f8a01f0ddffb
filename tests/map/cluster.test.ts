/**
 * Clustering of large item layers in the pure style, and the cluster click (zoomIntoCluster)
 * against a stand-in map.
 */
import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import type { Feature, Geometry } from 'geojson';
import { describe, expect, it, vi } from 'vitest';
import {
  buildStyle,
  CLUSTER_MAX_ZOOM,
  CLUSTER_MIN_POINTS,
  CLUSTER_RADIUS_PX,
  clickableLayerIds,
  clusterLayerIds,
  drawnData,
  isClusteredLayer,
  type MapState,
  shapesSourceId,
  styleLayerIds,
  TEXT_FONT,
} from '../../src/map/style.js';
import type { LayerSpec, LoadedLayer, LoadedPlan, PlanProps } from '../../src/plan/types.js';
import { type ClusterMap, zoomIntoCluster } from '../../src/plan-map/cluster-zoom.js';

const spec = (id: string, kind: LayerSpec['kind']): LayerSpec => ({
  id,
  kind,
  file: `${id}.geojson`,
  visible: true,
  color: '#123456',
  title: { zh: id, en: id },
});

const props = (i: number): PlanProps =>
  ({
    id: `p-${i}`,
    kind: 'project',
    name_zh: `项目 ${i}`,
    name_en: `Project ${i}`,
    sources: [],
    accuracy: 'approximate',
    accuracy_m: 10,
  }) as PlanProps;

function points(n: number, from = 0): Feature<Geometry, PlanProps>[] {
  return Array.from({ length: n }, (_, k) => ({
    type: 'Feature' as const,
    geometry: { type: 'Point' as const, coordinates: [121 + k * 1e-5, 38.9] },
    properties: props(from + k),
  }));
}

const line: Feature<Geometry, PlanProps> = {
  type: 'Feature',
  geometry: {
    type: 'LineString',
    coordinates: [
      [121, 38.9],
      [121.1, 38.95],
    ],
  },
  properties: props(-1),
};

function layer(id: string, kind: LayerSpec['kind'], features: Feature<Geometry, PlanProps>[]) {
  return { spec: spec(id, kind), data: { type: 'FeatureCollection', features } } as LoadedLayer;
}

function planOf(...layers: LoadedLayer[]): LoadedPlan {
  return {
    baseUrl: null,
    manifest: {
      id: 'p',
      title: { zh: 'p', en: 'p' },
      bbox: [121, 38.8, 121.6, 39],
      sources: [],
      layers: layers.map((l) => l.spec),
    },
    unlocated: [],
    layers,
  };
}

const state: MapState = { lang: 'zh', visible: new Set(['small', 'big']), selected: 'p-3' };

describe('clustering in the style', () => {
  const small = layer('small', 'items', [...points(CLUSTER_MIN_POINTS), line]);
  const big = layer('big', 'items', [...points(CLUSTER_MIN_POINTS + 1, 10_000), line]);
  const style = buildStyle(planOf(small, big), state);
  const byId = (id: string) => style.layers.find((l) => l.id === id) as Record<string, unknown>;

  it(`clusters item layers with more than ${CLUSTER_MIN_POINTS} points, and only those`, () => {
    expect(isClusteredLayer(small)).toBe(false);
    expect(isClusteredLayer(big)).toBe(true);
    // Many points in a zone layer (or any layer that is not items) are never clustered.
    expect(isClusteredLayer(layer('z', 'zones', points(CLUSTER_MIN_POINTS + 1)))).toBe(false);
  });

  it('leaves a small item layer unclustered: one plain source, no cluster layers', () => {
    expect(style.sources.small).toEqual({
      type: 'geojson',
      data: drawnData(small.data, 'items'),
      attribution: undefined,
      promoteId: 'id',
    });
    expect(styleLayerIds(style, 'small')).toEqual([
      'small:line',
      'small:circle',
      'small:label',
      'small:preview-point',
      'small:preview',
      'small:selected-point',
      'small:selected',
    ]);
    for (const id of styleLayerIds(style, 'small')) expect(byId(id).source).toBe('small');
    expect(byId('small:label').filter).toBeUndefined();
    expect(byId('small:circle').filter).toEqual([
      'match',
      ['geometry-type'],
      ['Point'],
      true,
      false,
    ]);
  });

  it('gives a large layer a clustered source of its points and a plain one for its lines', () => {
    expect(style.sources.big).toMatchObject({
      type: 'geojson',
      cluster: true,
      clusterRadius: CLUSTER_RADIUS_PX,
      clusterMaxZoom: CLUSTER_MAX_ZOOM,
    });
    const data = (id: string) =>
      (style.sources[id] as { data: { features: Feature[] } }).data.features;
    expect(data('big')).toHaveLength(CLUSTER_MIN_POINTS + 1);
    expect(data('big').every((f) => f.geometry.type === 'Point')).toBe(true);
    expect(data(shapesSourceId('big')).map((f) => f.geometry.type)).toEqual(['LineString']);
    expect(style.sources[shapesSourceId('big')]).not.toHaveProperty('cluster');
    expect(byId('big:line').source).toBe(shapesSourceId('big'));
    expect(byId('big:selected').source).toBe(shapesSourceId('big'));
    expect(byId('big:preview').source).toBe(shapesSourceId('big'));
  });

  it('draws cluster circles and counts (local font), and single points apart from clusters', () => {
    expect(styleLayerIds(style, 'big')).toEqual([
      'big:line',
      'big:circle',
      'big:cluster',
      'big:cluster-count',
      'big:label',
      'big:preview-point',
      'big:preview',
      'big:selected-point',
      'big:selected',
    ]);
    expect(byId('big:cluster')).toMatchObject({ type: 'circle', filter: ['has', 'point_count'] });
    expect(byId('big:cluster-count')).toMatchObject({
      type: 'symbol',
      filter: ['has', 'point_count'],
      layout: { 'text-field': ['get', 'point_count_abbreviated'], 'text-font': TEXT_FONT },
    });
    const notCluster = ['!', ['has', 'point_count']];
    expect(byId('big:circle').filter).toEqual([
      'all',
      ['match', ['geometry-type'], ['Point'], true, false],
      notCluster,
    ]);
    expect(byId('big:label').filter).toEqual(notCluster);
  });

  it('cluster layers follow the layer toggle, are not pickable, and are listed for the click', () => {
    const hidden = buildStyle(planOf(small, big), { ...state, visible: new Set() });
    for (const id of ['big:cluster', 'big:cluster-count']) {
      expect(hidden.layers.find((l) => l.id === id)?.layout?.visibility).toBe('none');
    }
    expect(clusterLayerIds(style)).toEqual(['big:cluster']);
    expect(clickableLayerIds(style)).not.toContain('big:cluster');
    expect(clickableLayerIds(style)).not.toContain('big:cluster-count');
    expect(clickableLayerIds(style)).toContain('big:circle');
  });

  it('is a valid MapLibre style', () => {
    expect(validateStyleMin(style)).toEqual([]);
  });
});

describe('zoomIntoCluster', () => {
  const cluster = {
    source: 'big',
    geometry: { type: 'Point' as const, coordinates: [121.4, 38.9] },
    properties: { cluster: true, cluster_id: 42, point_count: 1234 },
  };

  function fakeMap(expansion: (id: number) => Promise<number>) {
    const getClusterExpansionZoom = vi.fn(expansion);
    const easeTo = vi.fn();
    const map = {
      getSource: (id: string) => (id === 'big' ? { getClusterExpansionZoom } : undefined),
      easeTo,
    } as unknown as ClusterMap;
    return { map, easeTo, getClusterExpansionZoom };
  }

  it('eases to the zoom where the cluster expands, centred on it', async () => {
    const { map, easeTo, getClusterExpansionZoom } = fakeMap(async () => 13);
    expect(await zoomIntoCluster(map, cluster)).toBe(true);
    expect(getClusterExpansionZoom).toHaveBeenCalledWith(42);
    expect(easeTo).toHaveBeenCalledWith({ center: [121.4, 38.9], zoom: 13 });
  });

  it('does nothing for a single point, a missing source or a cluster that is gone', async () => {
    const { map, easeTo } = fakeMap(async () => {
      throw new Error('No cluster with the specified id');
    });
    expect(await zoomIntoCluster(map, { ...cluster, properties: { id: 'p-1' } })).toBe(false);
    expect(await zoomIntoCluster(map, { ...cluster, source: 'gone' })).toBe(false);
    expect(await zoomIntoCluster(map, cluster)).toBe(false);
    expect(easeTo).not.toHaveBeenCalled();
  });
});
