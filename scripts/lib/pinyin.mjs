// @ts-check
/**
 * Search keys for a plan feature's Chinese name, written into the geodata so the viewer can
 * match pinyin (`huangnichuan`) and initials (`hnc`) without shipping a pinyin dictionary
 * (pinyin-pro's is ~140 KB gzip; see README "Search"). The rule — pinyin-pro's options, the
 * tokens and the keys — is the viewer's own (`src/plan/search.ts`: `PINYIN_OPTIONS`,
 * `pinyinTokens`, `pinyinKeys`), loaded through Vite as the other scripts load src/: one source.
 *
 *   pinyin_full      toneless pinyin, one token per Chinese character, runs of other letters
 *                    or digits as one lower-cased token, separated by spaces (ü written v):
 *                    黄泥川新兴产业组团 → "huang ni chuan xin xing chan ye zu tuan"
 *   pinyin_initials  the first letter of each Chinese token, other tokens whole: "hncxxcyzt"
 */
import { pinyin } from 'pinyin-pro';
import { loadSourceModules } from './source-modules.mjs';

/** @type {[typeof import('../../src/plan/search.ts')]} */
const [search] = await loadSourceModules(['/src/plan/search.ts']);

/** @param {string} nameZh */
export function pinyinKeys(nameZh) {
  return search.pinyinKeys(search.pinyinTokens(pinyin(nameZh, search.PINYIN_OPTIONS)));
}
