/**
 * Zone fills that do not rely on colour alone: each zone kind has its own hatch pattern, drawn
 * on the map (`fill-pattern`, images generated here as pixels — no network), in the legend
 * swatches (SVG) and on the exported sheet (canvas), all from the same definitions. Pure.
 */

export type PatternShape =
  | 'diagonal'
  | 'reverse-diagonal'
  | 'horizontal'
  | 'vertical'
  | 'cross'
  | 'dots';

/** Pattern of each zone kind; subzones are outlined (dashed), not hatched again. */
export const ZONE_PATTERNS: Readonly<Record<string, PatternShape>> = {
  corridor: 'horizontal',
  center: 'dots',
  city: 'cross',
  cluster: 'diagonal',
  'eco-core': 'vertical',
};

/** Zone kinds without a pattern of their own (outlines or arrows only). */
const UNPATTERNED = new Set(['subzone', 'expansion']);

/** The pattern of a zone kind; kinds this plan vocabulary does not know get `reverse-diagonal`. */
export function patternOf(kind: string): PatternShape | null {
  if (UNPATTERNED.has(kind)) return null;
  return ZONE_PATTERNS[kind] ?? 'reverse-diagonal';
}

/** MapLibre image id of a zone layer's pattern for one kind (`fill-pattern` names it). */
export function patternImageId(layerId: string, kind: string): string {
  return `plan-pattern:${layerId}:${kind}`;
}

/** The layer and kind of a pattern image id, or null for any other image. */
export function parsePatternImageId(id: string): { layerId: string; kind: string } | null {
  const m = /^plan-pattern:(.+):([^:]+)$/.exec(id);
  return m ? { layerId: m[1]!, kind: m[2]! } : null;
}

/** Pattern repeat, CSS pixels. */
export const PATTERN_SIZE_PX = 8;
/** Opacity of the pattern's marks. */
export const PATTERN_ALPHA = 0.7;
/** Opacity of a zone's tint, under its marks. */
export const ZONE_TINT_ALPHA = 0.22;

function rgb(hex: string): [number, number, number] {
  const h = hex.replace('#', '');
  const full = h.length === 3 ? [...h].map((c) => c + c).join('') : h.padEnd(6, '0');
  const n = Number.parseInt(full.slice(0, 6), 16);
  return Number.isFinite(n) ? [(n >> 16) & 255, (n >> 8) & 255, n & 255] : [0, 0, 0];
}

/** Whether pixel (x, y) of one repeat (size `s`) is part of the pattern's marks. */
function inMark(shape: PatternShape, x: number, y: number, s: number, w: number): boolean {
  const mod = (v: number) => ((v % s) + s) % s;
  switch (shape) {
    case 'diagonal':
      return mod(x + y) < w;
    case 'reverse-diagonal':
      return mod(x - y) < w;
    case 'horizontal':
      return mod(y) < w;
    case 'vertical':
      return mod(x) < w;
    case 'cross':
      return mod(x + y) < w || mod(x - y) < w;
    case 'dots': {
      const dx = mod(x) + 0.5 - s / 2;
      const dy = mod(y) + 0.5 - s / 2;
      return dx * dx + dy * dy <= (w * 1.1) ** 2;
    }
  }
}

/**
 * RGBA pixels of one tileable repeat of a pattern in a colour, for `map.addImage(id, image,
 * { pixelRatio })` or a canvas `ImageData`.
 *
 * @param shape the marks, or null for none (the tint alone)
 * @param pixelRatio device pixels per CSS pixel (the image is `8 × pixelRatio` square)
 * @param tint opacity of the colour under the marks (0: transparent between them)
 */
export function patternPixels(
  shape: PatternShape | null,
  color: string,
  pixelRatio = 1,
  tint = 0,
): { width: number; height: number; data: Uint8ClampedArray } {
  const r = Math.max(1, Math.round(pixelRatio));
  const s = PATTERN_SIZE_PX * r;
  const w = 1.5 * r;
  const [cr, cg, cb] = rgb(color);
  // A mark drawn over the tint: the two opacities composited ("over").
  const markAlpha = PATTERN_ALPHA + tint * (1 - PATTERN_ALPHA);
  const data = new Uint8ClampedArray(s * s * 4);
  for (let y = 0; y < s; y++) {
    for (let x = 0; x < s; x++) {
      const mark = shape !== null && inMark(shape, x, y, s, w);
      if (!mark && tint === 0) continue;
      const o = (y * s + x) * 4;
      data[o] = cr;
      data[o + 1] = cg;
      data[o + 2] = cb;
      data[o + 3] = Math.round(255 * (mark ? markAlpha : tint));
    }
  }
  return { width: s, height: s, data };
}

export interface PatternMarks {
  /** Line segments `[x1, y1, x2, y2]`. */
  lines: [number, number, number, number][];
  /** Dot centres `[x, y]`. */
  dots: [number, number][];
}

/**
 * The pattern's marks inside a rectangle, as vector lines and dots — for a legend swatch (SVG)
 * or the sheet's legend (canvas), where a repeat of pixels would be blurry.
 */
export function patternMarks(
  shape: PatternShape,
  x0: number,
  y0: number,
  width: number,
  height: number,
  spacing = 5,
): PatternMarks {
  const x1 = x0 + width;
  const y1 = y0 + height;
  const lines: PatternMarks['lines'] = [];
  const dots: PatternMarks['dots'] = [];
  const diag = () => {
    for (let c = x0 + y0 + spacing / 2; c < x1 + y1; c += spacing) {
      const ax = Math.max(x0, c - y1);
      const bx = Math.min(x1, c - y0);
      if (bx > ax) lines.push([ax, c - ax, bx, c - bx]);
    }
  };
  const reverse = () => {
    for (let c = x0 - y1 + spacing / 2; c < x1 - y0; c += spacing) {
      const ax = Math.max(x0, c + y0);
      const bx = Math.min(x1, c + y1);
      if (bx > ax) lines.push([ax, ax - c, bx, bx - c]);
    }
  };
  switch (shape) {
    case 'diagonal':
      diag();
      break;
    case 'reverse-diagonal':
      reverse();
      break;
    case 'cross':
      diag();
      reverse();
      break;
    case 'horizontal':
      for (let y = y0 + spacing / 2; y < y1; y += spacing) lines.push([x0, y, x1, y]);
      break;
    case 'vertical':
      for (let x = x0 + spacing / 2; x < x1; x += spacing) lines.push([x, y0, x, y1]);
      break;
    case 'dots':
      for (let y = y0 + spacing / 2; y < y1; y += spacing) {
        for (let x = x0 + spacing / 2; x < x1; x += spacing) dots.push([x, y]);
      }
      break;
  }
  return { lines, dots };
}

/**
 * The pattern a zone layer's legend swatch shows: that of its first hatched zone (a layer holds
 * one kind of zone and its subzones); null for other layers.
 */
export function layerPattern(layer: {
  spec: { kind: string };
  data: {
    features: readonly { properties: { kind: string }; geometry: { type: string } | null }[];
  };
}): PatternShape | null {
  if (layer.spec.kind !== 'zones') return null;
  for (const f of layer.data.features) {
    const t = f.geometry?.type;
    if (t !== 'Polygon' && t !== 'MultiPolygon') continue;
    const p = patternOf(f.properties.kind);
    if (p) return p;
  }
  return null;
}
