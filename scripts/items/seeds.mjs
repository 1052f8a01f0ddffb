// @ts-check
// Seed text access: exact quotes, S002 pinyin-tolerant lookup, and automatic `where` labels.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SEED_DIR = fileURLToPath(new URL('../../../shared/seeds', import.meta.url));
export const SEED_FILES = {
  S000: '000_19b22fe43c6f00d9.txt',
  S001: '001_c04eb23ad991bba4.txt',
  S002: '002_657f7e85b939e0a6.txt',
  S003: '003_2ae4c4ed632c0497.txt',
  S004: '004_4bd1c87e0f82f8e9.txt',
};
export const seedText = Object.fromEntries(
  Object.entries(SEED_FILES).map(([k, f]) => [k, readFileSync(`${SEED_DIR}/${f}`, 'utf8')]),
);

const PINYIN = '\\([a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜńňǹ]*\\)';
const esc = (c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The verbatim substring of the seed that matches `plain` (S002: ignoring pinyin glosses); throws if none. */
export function exactQuote(doc, plain) {
  const t = seedText[doc];
  if (t.includes(plain)) return plain;
  if (doc === 'S002') {
    const re = new RegExp([...plain].map((c) => `${esc(c)}(?:${PINYIN})?`).join(''));
    const m = t.match(re);
    if (m) return m[0].replace(new RegExp(`${PINYIN}$`), (s) => s); // keep trailing gloss
  }
  throw new Error(`quote not found in ${doc}: ${plain}`);
}

const CN_NUM = '一二三四五六七八九十';

/** A readable locator for the first occurrence of `quote` in the seed. */
export function whereOf(doc, quote) {
  const t = seedText[doc];
  const i = t.indexOf(quote);
  if (i < 0) throw new Error(`not found ${doc}: ${quote}`);
  const before = t.slice(0, i);
  const lines = before.split('\n');
  if (doc === 'S003') {
    const ch = [...before.matchAll(/\n(第[一二三四五六七八九十]+章 [^\n]*)/g)].pop();
    const sec = [...before.matchAll(/\n(第[一二三四五六七八九十]+节 [^\n]*)/g)].pop();
    const chIdx = ch ? ch.index : -1;
    const secOk = sec && sec.index > chIdx;
    if (!ch) return '前言';
    const chName = ch[1].split(' ')[0];
    return secOk ? `${chName} ${sec[1]}` : ch[1];
  }
  if (doc === 'S001') {
    const part = [...before.matchAll(/\n?([一二]、[^\n]*)/g)].pop();
    const para = [...before.matchAll(/\n(\([一二三四五六]\)[^。\n]*)/g)].pop();
    const p = part ? part[1] : '';
    const q = para && (!part || para.index > part.index) ? para[1].split(',')[0] : '';
    // sub-heading: the short sentence that opens the quote's paragraph or theme (e.g. 大力发展新质生产力)
    const lineStart = before.lastIndexOf('\n') + 1;
    const sentStart = Math.max(before.lastIndexOf('。'), lineStart - 1) + 1;
    const lead = t.slice(sentStart, t.indexOf('。', sentStart));
    const sub = !lead.startsWith('(') && lead.length <= 14 && sentStart < i ? lead : '';
    const headSent = t.slice(lineStart, t.indexOf('。', lineStart));
    const head = !sub && !headSent.startsWith('(') && headSent.length <= 14 ? headSent : '';
    return [p, q, sub || head].filter(Boolean).join(' ');
  }
  if (doc === 'S000') {
    const h = [...before.matchAll(/\n### ([^\n]*)/g)].pop();
    return h ? h[1] : '核心提示';
  }
  if (doc === 'S002') {
    const heads = lines.filter(
      (l) => /^\S+ \S+$/.test(l.trim()) && l.length < 80 && !l.startsWith('-'),
    );
    const h = heads.pop();
    return h ? h.replace(new RegExp(PINYIN, 'g'), '') : '導語';
  }
  if (doc === 'S004') {
    const heads = lines.filter((l) => l.trim() && l.length < 40 && / /.test(l) && !/[,。]/.test(l));
    const h = heads.pop();
    return h || '导语';
  }
  return '';
}

export { CN_NUM };
