/**
 * Text from plan data: markup detection, truncation, and the one place where data becomes HTML
 * (layer attributions, which MapLibre's attribution control renders as HTML).
 */

/** Something that looks like an HTML tag, comment or doctype. */
const MARKUP = /<\s*[a-zA-Z!/?]/;

export function hasMarkup(s: string): boolean {
  return s.includes('<') && MARKUP.test(s);
}

/** `s` cut to `max` characters (by code point, so no half surrogate pair) with an ellipsis. */
export function truncate(s: string, max: number): string {
  if (s.length <= max) return s;
  const cut = Array.from(s.slice(0, max + 1)).slice(0, Math.max(0, max - 1));
  return `${cut.join('')}…`;
}

function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const LINK = /<a\s+href\s*=\s*"([^"]*)"\s*>([^<]*)<\/a\s*>/gi;
const ENTITY = /&(amp|lt|gt|quot|#39|#x27|nbsp|copy);/g;
const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  '#39': "'",
  '#x27': "'",
  nbsp: '\u00a0',
  copy: '©',
};

function decodeEntities(s: string): string {
  return s.replace(ENTITY, (_m, name: string) => ENTITIES[name] ?? '');
}

export interface SafeAttribution {
  /** HTML with every text escaped and only `<a href="http(s)://…">` links kept. */
  html: string;
  /** Markup other than an http(s) link was found (and escaped). */
  markup: boolean;
  /** A link whose target is not http(s) (`javascript:`, `data:` …) was found (and escaped). */
  unsafeLink: boolean;
}

/**
 * An attribution string as HTML that is safe to hand to MapLibre: `<a href="http(s)://…">text</a>`
 * is rebuilt from its parts (escaped, `rel="noopener noreferrer"`); everything else is text.
 */
export function safeAttribution(raw: string): SafeAttribution {
  let html = '';
  let markup = false;
  let unsafeLink = false;
  let last = 0;
  const plain = (s: string) => {
    if (hasMarkup(s)) markup = true;
    html += escapeHtml(decodeEntities(s));
  };
  for (const m of raw.matchAll(LINK)) {
    plain(raw.slice(last, m.index));
    last = m.index + m[0].length;
    const href = decodeEntities(m[1] ?? '').trim();
    const text = decodeEntities(m[2] ?? '');
    let ok = false;
    try {
      const u = new URL(href);
      ok = u.protocol === 'http:' || u.protocol === 'https:';
    } catch {
      ok = false;
    }
    if (ok) {
      html += `<a href="${escapeHtml(href)}" target="_blank" rel="noopener noreferrer">${escapeHtml(text)}</a>`;
    } else {
      unsafeLink = true;
      html += escapeHtml(m[0]);
    }
  }
  plain(raw.slice(last));
  return { html, markup, unsafeLink };
}
