/**
 * A large plan for the browser tests and `npm run bench:browser`: a copy of the built-in package
 * (geodata/) in a temporary folder plus `enterprises.geojson`, an item layer of `n` generated
 * points, listed in the copy's manifest. Nothing is written to the repository.
 *
 * Provenance of the generated layer: synthetic, from a seeded PRNG (mulberry32, default seed
 * 0x1a46e), so every run writes the same file. The points are spread uniformly over the plan's
 * bbox, like an enterprise register with no `zone` and no sources: most of them lie outside
 * every zone, so the analysis attaches them to the nearest zone within `attach_within_m` or to
 * none. Coordinates are rounded to 6 decimals (~0.1 m), so what the file holds is what the
 * engine in Node is given when a test recomputes the counts.
 *
 * Also served by tests/browser/large-layer.test.ts from a small static server (CORS open).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, normalize, sep } from 'node:path';
import type { Feature, Geometry } from 'geojson';
import { contentTypeOf } from '../../scripts/lib/content-types.mjs';
import type { ZoneInput } from '../../src/analysis/index.js';
import { LAYOUT_KINDS, type PlanManifest, STATUSES } from '../../src/plan/types.js';
import { mulberry32 } from '../analysis/points.js';

const GEODATA = new URL('../../geodata/', import.meta.url);

/** The generated layer's id and file. */
export const LARGE_LAYER_ID = 'enterprises';
export const LARGE_LAYER_FILE = 'enterprises.geojson';

const CATEGORIES = [
  'digital',
  'clean-energy',
  'life-health',
  'intelligent-manufacturing',
  'new-materials',
  'smart-ocean',
];

export interface LargeLayerOptions {
  /** PRNG seed. */
  seed?: number;
}

export interface LargeLayerPlan {
  /** Temporary folder holding plan.json, the built-in layers and enterprises.geojson. */
  dir: string;
  /** Manifest id of the copy: the built-in id + `-large-<n>`. */
  planId: string;
  /** Ids of the generated items, in file order (`ent-000000` …). */
  ids: string[];
  /** Longitude, latitude of every generated point, interleaved, exactly as written. */
  coords: Float64Array;
  /** The zones as the viewer's model takes them (areal layout zones but `expansion`). */
  zones: ZoneInput[];
  /** Delete the folder. */
  remove(): void;
}

/** Zone features of the plan the way `plan/model.ts` picks them: polygons of zone kinds. */
function planZones(manifest: PlanManifest): ZoneInput[] {
  const kinds = new Set<string>(LAYOUT_KINDS.filter((k) => k !== 'expansion'));
  const zones: ZoneInput[] = [];
  for (const layer of manifest.layers) {
    const fc = JSON.parse(readFileSync(new URL(layer.file, GEODATA), 'utf8')) as {
      features: Feature<Geometry, { id: string; kind: string; parent?: string }>[];
    };
    for (const f of fc.features) {
      const t = f.geometry?.type;
      if (kinds.has(f.properties.kind) && (t === 'Polygon' || t === 'MultiPolygon')) {
        zones.push({ ...f, properties: { id: f.properties.id, parent: f.properties.parent } });
      }
    }
  }
  return zones;
}

const round6 = (v: number): number => Math.round(v * 1e6) / 1e6;

/**
 * Write the large plan to a new temporary folder.
 *
 * @param n number of generated points
 */
export function writeLargeLayerPlan(n: number, options: LargeLayerOptions = {}): LargeLayerPlan {
  const rand = mulberry32(options.seed ?? 0x1a46e);
  const manifest = JSON.parse(readFileSync(new URL('plan.json', GEODATA), 'utf8')) as PlanManifest;
  const zones = planZones(manifest);
  const [w, s, e, nn] = manifest.bbox;
  const shuffled = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    shuffled[2 * i] = round6(w + rand() * (e - w));
    shuffled[2 * i + 1] = round6(s + rand() * (nn - s));
  }

  const ids: string[] = [];
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = `ent-${String(i).padStart(6, '0')}`;
    ids.push(id);
    const props = {
      id,
      kind: 'project',
      name_zh: `测试企业 ${i + 1}`,
      name_en: `Test enterprise ${i + 1}`,
      status: STATUSES[Math.floor(rand() * STATUSES.length)],
      category: CATEGORIES[Math.floor(rand() * CATEGORIES.length)],
      sources: [],
      accuracy: 'approximate',
      accuracy_m: 50,
    };
    lines.push(
      `{"type":"Feature","geometry":{"type":"Point","coordinates":[${shuffled[2 * i]},${shuffled[2 * i + 1]}]},"properties":${JSON.stringify(props)}}`,
    );
  }

  const dir = mkdtempSync(join(tmpdir(), 'plan-map-large-'));
  cpSync(new URL('.', GEODATA), dir, { recursive: true });
  writeFileSync(
    join(dir, LARGE_LAYER_FILE),
    `{"type":"FeatureCollection","features":[\n${lines.join(',\n')}\n]}\n`,
  );
  const planId = `${manifest.id}-large-${n}`;
  const large: PlanManifest = {
    ...manifest,
    id: planId,
    layers: [
      ...manifest.layers,
      {
        id: LARGE_LAYER_ID,
        kind: 'items',
        file: LARGE_LAYER_FILE,
        visible: true,
        color: '#455a64',
        title: { zh: '测试企业(生成)', en: 'Test enterprises (generated)' },
        attribution: `Synthetic test layer: ${n} seeded points (tests/browser/large-layer.ts)`,
      },
    ],
  };
  writeFileSync(join(dir, 'plan.json'), `${JSON.stringify(large, null, 2)}\n`);
  return {
    dir,
    planId,
    ids,
    coords: shuffled,
    zones,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * Serve a folder on 127.0.0.1 (a free port) with open CORS, so a page on another origin (the
 * Vite dev server) can fetch it. GET only; nothing outside the folder. Bodies go chunked, with
 * no Content-Length (as from a server compressing on the fly), unless `contentLength` (as from
 * a plain static server).
 */
export async function serveFolder(
  dir: string,
  { contentLength = false }: { contentLength?: boolean } = {},
): Promise<{ url: string; close(): Promise<void> }> {
  const root = normalize(dir + sep);
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = normalize(join(root, path));
    const headers = { 'access-control-allow-origin': '*', 'cache-control': 'no-store' };
    if (req.method !== 'GET' || !file.startsWith(root)) {
      res.writeHead(404, headers).end();
      return;
    }
    try {
      const body = readFileSync(file);
      res
        .writeHead(200, {
          ...headers,
          'content-type': contentTypeOf(file),
          ...(contentLength ? { 'content-length': String(body.byteLength) } : {}),
        })
        .end(body);
    } catch {
      res.writeHead(404, headers).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('folder server has no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
