/**
 * The pinyin search keys in geodata/ are current: every zone, corridor and item feature carries
 * `pinyin_full` / `pinyin_initials` equal to what its `name_zh` gives with pinyin-pro and the
 * viewer's rule (src/plan/search.ts, which the data builders load through scripts/lib/pinyin.mjs;
 * the viewer ships no dictionary).
 */
import { readFileSync } from 'node:fs';
import type { FeatureCollection } from 'geojson';
import { pinyin } from 'pinyin-pro';
import { describe, expect, it } from 'vitest';
import { PINYIN_OPTIONS, pinyinKeys, pinyinTokens } from '../../src/plan/search.js';
import type { PlanManifest } from '../../src/plan/types.js';

const GEODATA = new URL('../../geodata/', import.meta.url);
const manifest: PlanManifest = JSON.parse(readFileSync(new URL('plan.json', GEODATA), 'utf8'));
const features = manifest.layers
  .filter((l) => ['zones', 'corridor', 'items'].includes(l.kind))
  .flatMap(
    (l) =>
      (JSON.parse(readFileSync(new URL(l.file, GEODATA), 'utf8')) as FeatureCollection).features,
  )
  .map(
    (f) =>
      f.properties as {
        id: string;
        name_zh: string;
        pinyin_full?: string;
        pinyin_initials?: string;
        aliases?: string[];
        aliases_pinyin?: string[];
      },
  );

/** What the data builders write for a name (scripts/lib/pinyin.mjs calls the same three). */
const keysOf = (name: string) => pinyinKeys(pinyinTokens(pinyin(name, PINYIN_OPTIONS)));

describe('pinyin search keys in geodata', () => {
  it.each(features.map((p) => [p.id, p]))('%s', (_id, p) => {
    const expected = keysOf(p.name_zh);
    expect({ pinyin_full: p.pinyin_full, pinyin_initials: p.pinyin_initials }).toEqual(expected);
  });
});

describe('pinyin of aliases in geodata', () => {
  const withAliases = features.filter((p) => p.aliases);
  it('some merged items carry aliases', () => {
    expect(withAliases.length).toBeGreaterThan(0);
  });
  it.each(withAliases.map((p) => [p.id, p]))('%s', (_id, p) => {
    expect(p.aliases_pinyin).toEqual(p.aliases!.map((a) => keysOf(a).pinyin_full));
  });
});
