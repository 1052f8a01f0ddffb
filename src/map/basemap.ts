/**
 * Basemap choices. The plan style (style.ts) carries its own offline basemap (land over a sea
 * background); the online options swap that for raster tiles or merge the plan into a MapLibre
 * style. Pure: no maplibre-gl import, tested in Node.
 */
import type {
  LayerSpecification,
  SourceSpecification,
  StyleSpecification,
} from '@maplibre/maplibre-gl-style-spec';
import type { StyleLayerMeta } from './style.js';

export type Basemap =
  | { kind: 'offline' }
  | { kind: 'osm' }
  | { kind: 'tianditu'; key: string }
  | { kind: 'style'; url: string };

/**
 * Reads the `basemap` attribute: `offline` (default), `osm`, `tianditu` (needs a key), or a
 * MapLibre style URL (http(s) only). Anything else falls back to offline, with a reason.
 */
export function parseBasemap(
  value: string | null | undefined,
  tiandituKey: string | null | undefined,
): { basemap: Basemap; problem?: string } {
  const v = (value ?? '').trim();
  if (v === '' || v === 'offline') return { basemap: { kind: 'offline' } };
  if (v === 'osm') return { basemap: { kind: 'osm' } };
  if (v === 'tianditu') {
    if (!tiandituKey) {
      return {
        basemap: { kind: 'offline' },
        problem: 'basemap="tianditu" needs a tianditu-key attribute; using the offline basemap',
      };
    }
    return { basemap: { kind: 'tianditu', key: tiandituKey } };
  }
  try {
    const url = new URL(v, globalThis.location?.href ?? 'http://localhost/');
    if (url.protocol === 'http:' || url.protocol === 'https:') {
      return { basemap: { kind: 'style', url: url.href } };
    }
  } catch {
    // not a URL: fall through
  }
  return {
    basemap: { kind: 'offline' },
    problem: `basemap="${v}" is not offline, osm, tianditu or an http(s) style URL; using the offline basemap`,
  };
}

const OSM_ATTRIBUTION =
  '© <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors';
const TIANDITU_ATTRIBUTION = '© 天地图 · 国家地理信息公共服务平台';

/** 天地图 WMTS in Web Mercator ("_w"); CGCS2000 coordinates, within centimetres of WGS84 here. */
function tiandituTiles(layer: 'vec' | 'cva', key: string): string[] {
  return [0, 1, 2, 3, 4, 5, 6, 7].map(
    (n) =>
      `https://t${n}.tianditu.gov.cn/${layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=${layer}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILECOL={x}&TILEROW={y}&TILEMATRIX={z}&tk=${encodeURIComponent(key)}`,
  );
}

function isOfflineBasemapLayer(l: LayerSpecification): boolean {
  if (l.id === 'sea') return true;
  const meta = l.metadata as StyleLayerMeta | undefined;
  // Only a `basemap` layer draws an unpickable fill (see style.ts): that is the offline land.
  return meta?.['plan:role'] === 'fill' && !meta['plan:pickable'];
}

/** The plan style with its basemap replaced by raster tiles (osm / tianditu). */
export function withRasterBasemap(plan: StyleSpecification, basemap: Basemap): StyleSpecification {
  if (basemap.kind !== 'osm' && basemap.kind !== 'tianditu') return plan;
  const sources: Record<string, SourceSpecification> = { ...plan.sources };
  const base: LayerSpecification[] = [];
  if (basemap.kind === 'osm') {
    sources['basemap-osm'] = {
      type: 'raster',
      tiles: ['https://tile.openstreetmap.org/{z}/{x}/{y}.png'],
      tileSize: 256,
      maxzoom: 19,
      attribution: OSM_ATTRIBUTION,
    };
    base.push({ id: 'basemap-osm', type: 'raster', source: 'basemap-osm' });
  } else {
    for (const layer of ['vec', 'cva'] as const) {
      sources[`basemap-tianditu-${layer}`] = {
        type: 'raster',
        tiles: tiandituTiles(layer, basemap.key),
        tileSize: 256,
        maxzoom: 18,
        attribution: TIANDITU_ATTRIBUTION,
      };
      base.push({
        id: `basemap-tianditu-${layer}`,
        type: 'raster',
        source: `basemap-tianditu-${layer}`,
      });
    }
  }
  return {
    ...plan,
    sources,
    layers: [...base, ...plan.layers.filter((l) => !isOfflineBasemapLayer(l))],
  };
}

/** A fetched MapLibre style with the plan's sources and layers drawn over it. */
export function mergeIntoStyle(
  base: StyleSpecification,
  plan: StyleSpecification,
): StyleSpecification {
  return {
    ...base,
    sources: { ...base.sources, ...plan.sources },
    layers: [...base.layers, ...plan.layers.filter((l) => !isOfflineBasemapLayer(l))],
  };
}
