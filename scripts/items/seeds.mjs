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

/** S003: the chapter, and the section when the quote is in one. */
function whereS003(before) {
  const ch = [...before.matchAll(/\n(第[一二三四五六七八九十]+章 [^\n]*)/g)].pop();
  const sec = [...before.matchAll(/\n(第[一二三四五六七八九十]+节 [^\n]*)/g)].pop();
  if (!ch) return '前言';
  const secOk = sec && sec.index > ch.index;
  const chName = ch[1].split(' ')[0];
  return secOk ? `${chName} ${sec[1]}` : ch[1];
}

/** S001: the part, the numbered paragraph, and the short sentence that opens the theme. */
function whereS001(before, t, i) {
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

function whereS000(before) {
  const h = [...before.matchAll(/\n### ([^\n]*)/g)].pop();
  return h ? h[1] : '核心提示';
}

function whereS002(before) {
  const heads = before
    .split('\n')
    .filter((l) => /^\S+ \S+$/.test(l.trim()) && l.length < 80 && !l.startsWith('-'));
  const h = heads.pop();
  return h ? h.replace(new RegExp(PINYIN, 'g'), '') : '導語';
}

function whereS004(before) {
  const heads = before
    .split('\n')
    .filter((l) => l.trim() && l.length < 40 && / /.test(l) && !/[,。]/.test(l));
  return heads.pop() || '导语';
}

/** How each seed document is located in: (text before the quote, whole text, offset) → label. */
const WHERE_IN = {
  S000: whereS000,
  S001: whereS001,
  S002: whereS002,
  S003: whereS003,
  S004: whereS004,
};

/** A readable locator for the first occurrence of `quote` in the seed. */
export function whereOf(doc, quote) {
  const t = seedText[doc];
  const i = t.indexOf(quote);
  if (i < 0) throw new Error(`not found ${doc}: ${quote}`);
  const where = WHERE_IN[doc];
  return where ? where(t.slice(0, i), t, i) : '';
}

export { CN_NUM };
