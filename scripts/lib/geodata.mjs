// @ts-check
/**
 * Helpers shared by the geodata builders (build-basemap.mjs, build-corridor.mjs):
 * where the inputs live, how coordinates are rounded, and how an output file is checked
 * and written so that the same input always gives byte-identical output.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  booleanClockwise,
  coordAll,
  featureCollection,
  kinks,
  multiPolygon,
  rewind,
  union,
} from '@turf/turf';
import gjv from 'geojson-validation';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Where the builders write the plan package: \$GEODATA_OUT, else geodata/ in the repository.
 * A test builds into a temporary folder and compares it with the committed geodata/.
 */
export function outDir() {
  return process.env.GEODATA_OUT ? resolve(process.env.GEODATA_OUT) : resolve(REPO_ROOT, 'geodata');
}

/** The shared, read-only material every developer and CI run has beside the repo. */
const SHARED_DIR = resolve(REPO_ROOT, '../shared');

/** Digits kept in output coordinates: 1e-5° ≈ 1.1 m, far below every source's error. */
const DECIMALS = 5;
const SCALE = 10 ** DECIMALS;

/**
 * Absolute path of a file in ../shared, failing with a clear message when the folder is
 * not there (the builders cannot run without the reference data and the seeds).
 */
export function sharedPath(relPath) {
  const path = resolve(SHARED_DIR, relPath);
  if (!existsSync(path)) {
    throw new Error(
      `${path} not found. The geodata builders read the shared reference material from ` +
        `../shared beside the repository (${SHARED_DIR}); put it there and run again.`,
    );
  }
  return path;
}

export function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** Version of an installed package, for provenance strings. */
export function packageVersion(name) {
  return readJson(resolve(REPO_ROOT, 'node_modules', name, 'package.json')).version;
}

export function roundCoord(value) {
  return Math.round(value * SCALE) / SCALE;
}

export function roundPosition([lon, lat]) {
  return [roundCoord(lon), roundCoord(lat)];
}

/** The parts of a Polygon or MultiPolygon, as MultiPolygon coordinates. */
const polygonParts = ({ type, coordinates }) => (type === 'Polygon' ? [coordinates] : coordinates);

const onGrid = (geometry) => coordAll(geometry).every((c) => c.every((v) => roundCoord(v) === v));

/** Unsigned area of a ring in square degrees: enough to rank rings against each other. */
function ringArea(ring) {
  let twice = 0;
  for (let i = 1; i < ring.length; i += 1) {
    twice += ring[i - 1][0] * ring[i][1] - ring[i][0] * ring[i - 1][1];
  }
  return Math.abs(twice / 2);
}

/** Move a ring's vertex i one grid step (~1 m) toward the midpoint of its neighbours. */
function nudgeInward(ring, i) {
  const last = ring.length - 1;
  const prev = ring[i === 0 ? last - 1 : i - 1];
  const next = ring[i + 1];
  const dx = (prev[0] + next[0]) / 2 - ring[i][0];
  const dy = (prev[1] + next[1]) / 2 - ring[i][1];
  const steps = Math.hypot(dx, dy) * SCALE;
  ring[i] = [roundCoord(ring[i][0] + dx / steps), roundCoord(ring[i][1] + dy / steps)];
  if (i === 0) ring[last] = ring[0];
}

/**
 * Rings that touch at a single point: the source's 1/1024° grid pinches narrow necks into
 * such points (an islet on the mainland, a tiny enclave in a neighbouring district). The
 * OGC model allows it, but turf.booleanValid does not. At each touching point the largest
 * ring with a vertex there keeps it and every smaller ring moves its vertex one grid step
 * into its own inside; a ring that touches another's edge with its only vertex there moves
 * it too. Identical rings (an enclave and the hole it fills) move identically, so the
 * districts still tile the land. Anything this cannot separate fails the output check.
 */
function separateTouchingRings(parts) {
  const rings = parts.flat().toSorted((a, b) => ringArea(b) - ringArea(a));
  const touches = kinks({ type: 'MultiPolygon', coordinates: parts }).features;
  for (const key of new Set(touches.map((k) => k.geometry.coordinates.join()))) {
    const holders = rings
      .map((ring) => [ring, ring.findIndex((v, i) => i < ring.length - 1 && v.join() === key)])
      .filter(([, i]) => i >= 0);
    for (const [ring, i] of holders.length === 1 ? holders : holders.slice(1)) nudgeInward(ring, i);
  }
}

/**
 * Round a (Multi)Polygon to the output grid and return it as a valid RFC 7946 MultiPolygon
 * (closed rings, outer rings counter-clockwise, no crossing or touching rings), or null when
 * nothing is left.
 *
 * Rounding can fold near-collinear vertices into zero-width spikes, so the rounded rings go
 * back through polyclip (a union of the geometry with itself), which drops such
 * degeneracies and collinear vertices. Polyclip only adds vertices where edges cross, so
 * after a pass or two every vertex sits on the grid.
 */
export function roundPolygonal(geometry) {
  let current = geometry;
  for (let pass = 0; pass < 5; pass += 1) {
    const rounded = multiPolygon(
      polygonParts(current).map((rings) => rings.map((ring) => ring.map(roundPosition))),
    );
    const cleaned = union(featureCollection([rounded, rounded]));
    if (!cleaned) return null;
    current = cleaned.geometry;
    if (onGrid(current)) {
      const parts = polygonParts(current);
      separateTouchingRings(parts);
      return rewind({ type: 'MultiPolygon', coordinates: parts });
    }
  }
  throw new Error('rounding did not settle on the coordinate grid after 5 passes');
}

export function countVertices(geometry) {
  return coordAll(geometry).length;
}

/**
 * Every problem found in a polygonal feature beyond what geojson-validation checks:
 * winding (RFC 7946: outer rings counter-clockwise, holes clockwise), ring closure and size,
 * and self-intersections or touching rings (turf.kinks, as turf.booleanValid sees them).
 */
function polygonIssues(f) {
  const issues = [];
  polygonParts(f.geometry).forEach((rings, p) => {
    rings.forEach((ring, r) => {
      const first = ring[0];
      const last = ring[ring.length - 1];
      if (ring.length < 4) issues.push(`part ${p} ring ${r}: fewer than 4 positions`);
      if (first[0] !== last[0] || first[1] !== last[1]) {
        issues.push(`part ${p} ring ${r}: not closed`);
      }
      if (booleanClockwise(ring) !== r > 0) {
        issues.push(
          `part ${p} ring ${r}: ${r === 0 ? 'outer ring clockwise' : 'hole counter-clockwise'}`,
        );
      }
    });
  });
  for (const k of kinks(f).features) {
    issues.push(`rings cross or touch at ${k.geometry.coordinates.join(',')}`);
  }
  return issues;
}

/**
 * Validate a FeatureCollection and write it with one feature per line: compact, yet a
 * change to one feature shows as a one-line diff. Throws, listing every problem, instead of
 * writing an invalid file.
 */
export function writeFeatureCollection(relPath, features) {
  const collection = featureCollection(features);
  const issues = gjv.valid(collection, true).map((e) => `geojson-validation: ${e}`);
  for (const f of features) {
    if (f.geometry.type === 'Polygon' || f.geometry.type === 'MultiPolygon') {
      for (const e of polygonIssues(f)) issues.push(`${f.properties.id}: ${e}`);
    }
  }
  const ids = features.map((f) => f.properties.id);
  for (const id of new Set(ids)) {
    if (ids.indexOf(id) !== ids.lastIndexOf(id)) issues.push(`duplicate id ${id}`);
  }
  if (issues.length > 0) throw new Error(`${relPath} is invalid:\n  ${issues.join('\n  ')}`);

  const lines = features.map((f) => JSON.stringify(f));
  const text = `{"type":"FeatureCollection","features":[\n${lines.join(',\n')}\n]}\n`;
  const path = relPath.startsWith('geodata/')
    ? resolve(outDir(), relPath.slice('geodata/'.length))
    : resolve(REPO_ROOT, relPath);
  writeFileSync(path, text);
  console.log(`wrote ${relative(REPO_ROOT, path)}: ${features.length} feature(s)`);
}
