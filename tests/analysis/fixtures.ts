/** Fixture loading and golden-file comparison for the analysis tests. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { FeatureCollection, Geometry } from 'geojson';
import { expect } from 'vitest';

const FIXTURES = new URL('../fixtures/analysis/', import.meta.url);

/** A FeatureCollection from tests/fixtures/analysis/<path>. */
export function loadFixture<P = Record<string, unknown>>(
  path: string,
): FeatureCollection<Geometry, P> {
  return JSON.parse(readFileSync(new URL(path, FIXTURES), 'utf8')) as FeatureCollection<
    Geometry,
    P
  >;
}

/**
 * Plain JSON with every number rounded to `decimals` (Turf's golden-file habit), `Map`s as
 * objects, non-finite numbers as strings so they survive JSON.
 */
export function roundDeep(value: unknown, decimals = 4): unknown {
  const f = 10 ** decimals;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return String(value);
    const r = Math.round(value * f) / f;
    return Object.is(r, -0) ? 0 : r;
  }
  if (Array.isArray(value)) return value.map((v) => roundDeep(v, decimals));
  if (value instanceof Map) {
    return Object.fromEntries([...value].map(([k, v]) => [String(k), roundDeep(v, decimals)]));
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, roundDeep(v, decimals)]),
    );
  }
  return value;
}

/**
 * Compare `actual` (rounded) with tests/fixtures/analysis/out/<name>.json. With
 * `UPDATE_GOLDEN=1` the file is (re)written instead; review the diff before committing.
 */
export function expectGolden(name: string, actual: unknown): void {
  const url = new URL(`out/${name}.json`, FIXTURES);
  const rounded = roundDeep(actual);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(new URL('out/', FIXTURES), { recursive: true });
    writeFileSync(url, `${JSON.stringify(rounded, null, 2)}\n`);
    return;
  }
  if (!existsSync(url)) {
    throw new Error(`missing golden file out/${name}.json: run with UPDATE_GOLDEN=1 and review it`);
  }
  expect(rounded).toEqual(JSON.parse(readFileSync(url, 'utf8')));
}
