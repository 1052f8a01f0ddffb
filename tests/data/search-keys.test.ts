/**
 * The pinyin search keys in geodata/ are current: every zone, corridor and item feature carries
 * `pinyin_full` / `pinyin_initials` equal to what its `name_zh` gives with pinyin-pro (the data
 * builders write them with scripts/lib/pinyin.mjs; the viewer ships no dictionary).
 */
import { readFileSync } from 'node:fs';
import type { FeatureCollection } from 'geojson';
import { pinyin } from 'pinyin-pro';
import { describe, expect, it } from 'vitest';
import { pinyinKeys as keysInScripts } from '../../scripts/lib/pinyin.mjs';
import { pinyinKeys } from '../../src/plan/search.js';
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

describe('pinyin search keys in geodata', () => {
  it.each(features.map((p) => [p.id, p]))('%s', (_id, p) => {
    const expected = pinyinKeys(
      pinyin(p.name_zh, { type: 'all', toneType: 'none', v: true, nonZh: 'consecutive' }).map(
        (t) => ({ pinyin: t.isZh ? t.pinyin : t.origin, zh: t.isZh }),
      ),
    );
    expect({ pinyin_full: p.pinyin_full, pinyin_initials: p.pinyin_initials }).toEqual(expected);
    // The builders' copy of the rule (plain JS, for scripts/) agrees with the viewer's.
    expect(keysInScripts(p.name_zh)).toEqual(expected);
  });
});

describe('pinyin of aliases in geodata', () => {
  const withAliases = features.filter((p) => p.aliases);
  it('some merged items carry aliases', () => {
    expect(withAliases.length).toBeGreaterThan(0);
  });
  it.each(withAliases.map((p) => [p.id, p]))('%s', (_id, p) => {
    expect(p.aliases_pinyin).toEqual(p.aliases!.map((a) => keysInScripts(a).pinyin_full));
  });
});
