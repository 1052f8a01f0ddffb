/**
 * A click on a cluster of a clustered item layer (see `CLUSTER_MIN_POINTS` in ../map/style.ts)
 * zooms the map to where that cluster splits apart, as MapLibre's cluster example does.
 */
import type { GeoJSONSource, MapGeoJSONFeature, Map as MapLibreMap } from 'maplibre-gl';

/** The part of the map this needs (a fake one in tests). */
export type ClusterMap = Pick<MapLibreMap, 'getSource' | 'easeTo'>;

/** A rendered feature as `queryRenderedFeatures` returns it: its source id, geometry, properties. */
export type ClusterFeature = Pick<MapGeoJSONFeature, 'source' | 'geometry' | 'properties'>;

/**
 * Ease the map to the zoom at which `feature`'s cluster expands (MapLibre 6:
 * `GeoJSONSource.getClusterExpansionZoom` returns a promise), centred on the cluster.
 *
 * @returns true when the map moved; false for a feature that is not a cluster, a source that is
 *   gone (the map was rebuilt meanwhile) or a cluster that no longer exists
 */
export async function zoomIntoCluster(map: ClusterMap, feature: ClusterFeature): Promise<boolean> {
  const clusterId: unknown = feature.properties?.cluster_id;
  if (typeof clusterId !== 'number' || feature.geometry.type !== 'Point') return false;
  const source = map.getSource(feature.source) as GeoJSONSource | undefined;
  if (typeof source?.getClusterExpansionZoom !== 'function') return false;
  let zoom: number;
  try {
    zoom = await source.getClusterExpansionZoom(clusterId);
  } catch {
    // The source was reloaded (new data, new style) and the cluster id means nothing now.
    return false;
  }
  const [lng, lat] = feature.geometry.coordinates;
  if (lng === undefined || lat === undefined) return false;
  map.easeTo({ center: [lng, lat], zoom });
  return true;
}
