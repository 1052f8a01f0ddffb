// @ts-check
/**
 * Search keys for a plan feature's Chinese name, written into the geodata so the viewer can
 * match pinyin (`huangnichuan`) and initials (`hnc`) without shipping a pinyin dictionary
 * (pinyin-pro's is ~140 KB gzip; see README "Search"). The viewer derives the same keys in
 * `src/plan/search.ts` (`pinyinKeys`), and tests/data/search-keys.test.ts checks the data
 * against it.
 *
 *   pinyin_full      toneless pinyin, one token per Chinese character, runs of other letters
 *                    or digits as one lower-cased token, separated by spaces (ü written v):
 *                    黄泥川新兴产业组团 → "huang ni chuan xin xing chan ye zu tuan"
 *   pinyin_initials  the first letter of each Chinese token, other tokens whole: "hncxxcyzt"
 */
import { pinyin } from 'pinyin-pro';

export function pinyinKeys(nameZh) {
  const tokens = pinyin(nameZh, { type: 'all', toneType: 'none', v: true, nonZh: 'consecutive' })
    .map((p) => ({
      key: (p.isZh ? p.pinyin : p.origin)
        .replace(/ü/g, 'v')
        .toLowerCase()
        .replace(/[^\p{L}\p{N}]+/gu, ''),
      zh: p.isZh,
    }))
    .filter((t) => t.key);
  return {
    pinyin_full: tokens.map((t) => t.key).join(' '),
    pinyin_initials: tokens.map((t) => (t.zh ? t.key[0] : t.key)).join(''),
  };
}
