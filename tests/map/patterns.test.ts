/** Zone hatching (map, legend, sheet) and the sheet's scale bar. */
import { describe, expect, it } from 'vitest';
import {
  layerPattern,
  PATTERN_ALPHA,
  PATTERN_SIZE_PX,
  parsePatternImageId,
  patternImageId,
  patternMarks,
  patternOf,
  patternPixels,
  ZONE_PATTERNS,
  ZONE_TINT_ALPHA,
} from '../../src/map/patterns.js';
import { metresPerPixel, scaleBar } from '../../src/map/scale.js';

describe('zone patterns', () => {
  it('gives every zone kind its own pattern; subzones and arrows none', () => {
    const shapes = Object.values(ZONE_PATTERNS);
    expect(new Set(shapes).size).toBe(shapes.length);
    expect(patternOf('cluster')).toBe('diagonal');
    expect(patternOf('subzone')).toBeNull();
    expect(patternOf('expansion')).toBeNull();
    expect(patternOf('something-new')).toBe('reverse-diagonal');
  });

  it('names images by layer and kind, and reads the name back', () => {
    expect(patternImageId('clusters', 'cluster')).toBe('plan-pattern:clusters:cluster');
    expect(parsePatternImageId('plan-pattern:clusters:cluster')).toEqual({
      layerId: 'clusters',
      kind: 'cluster',
    });
    expect(parsePatternImageId('marker-15')).toBeNull();
  });

  it('lays the marks over a tint, composited as the two layers it replaces would be', () => {
    const img = patternPixels('horizontal', '#2b7bb9', 1, ZONE_TINT_ALPHA);
    const alphas = new Set<number>();
    for (let o = 3; o < img.data.length; o += 4) alphas.add(img.data[o]!);
    // Between the marks: the tint; on them: a mark "over" the tint.
    expect([...alphas].sort((a, b) => a - b)).toEqual([
      Math.round(255 * ZONE_TINT_ALPHA),
      Math.round(255 * (PATTERN_ALPHA + ZONE_TINT_ALPHA * (1 - PATTERN_ALPHA))),
    ]);
    // No marks (an expansion area): the tint alone.
    const plain = patternPixels(null, '#2b7bb9', 1, ZONE_TINT_ALPHA);
    for (let o = 3; o < plain.data.length; o += 4) {
      expect(plain.data[o]).toBe(Math.round(255 * ZONE_TINT_ALPHA));
    }
  });

  it('draws tileable pixels in the colour, transparent elsewhere', () => {
    for (const shape of [
      'diagonal',
      'reverse-diagonal',
      'horizontal',
      'vertical',
      'cross',
      'dots',
    ] as const) {
      const img = patternPixels(shape, '#2b7bb9', 2);
      expect(img.width).toBe(PATTERN_SIZE_PX * 2);
      expect(img.data).toHaveLength(img.width * img.height * 4);
      const px = (x: number, y: number) => [
        ...img.data.slice((y * img.width + x) * 4, (y * img.width + x) * 4 + 4),
      ];
      const marked = [];
      for (let y = 0; y < img.height; y++)
        for (let x = 0; x < img.width; x++) if (px(x, y)[3]! > 0) marked.push(px(x, y));
      expect(marked.length, shape).toBeGreaterThan(0);
      expect(marked.length, shape).toBeLessThan(img.width * img.height * 0.6);
      expect(marked.every(([r, g, b]) => r === 0x2b && g === 0x7b && b === 0xb9)).toBe(true);
      // Tileable: a column and a row wrap onto the opposite edge's neighbour consistently.
      const n = img.width;
      for (let y = 0; y < n; y++) {
        if (shape === 'diagonal') expect(px(0, y)[3]).toBe(px(n - 1, (y + 1) % n)[3]);
      }
    }
  });

  it('gives vector marks inside the swatch rectangle', () => {
    for (const shape of [
      'diagonal',
      'reverse-diagonal',
      'cross',
      'horizontal',
      'vertical',
    ] as const) {
      const { lines } = patternMarks(shape, 1.5, 3.5, 19, 13);
      expect(lines.length, shape).toBeGreaterThan(1);
      for (const [x1, y1, x2, y2] of lines) {
        for (const x of [x1, x2]) expect(x).toBeGreaterThanOrEqual(1.5 - 1e-9);
        for (const x of [x1, x2]) expect(x).toBeLessThanOrEqual(20.5 + 1e-9);
        for (const y of [y1, y2]) expect(y).toBeGreaterThanOrEqual(3.5 - 1e-9);
        for (const y of [y1, y2]) expect(y).toBeLessThanOrEqual(16.5 + 1e-9);
      }
    }
    expect(patternMarks('dots', 0, 0, 20, 10).dots.length).toBe(8);
  });

  it("a zone layer's swatch shows its first hatched kind", () => {
    const poly = { type: 'Polygon' };
    const layer = (kind: string, kinds: string[]) => ({
      spec: { kind },
      data: { features: kinds.map((k) => ({ properties: { kind: k }, geometry: poly })) },
    });
    expect(layerPattern(layer('zones', ['subzone', 'center']))).toBe('dots');
    expect(layerPattern(layer('items', ['cluster']))).toBeNull();
    expect(layerPattern(layer('zones', ['expansion']))).toBeNull();
  });
});

describe('scale', () => {
  it('metres per pixel: the equator at zoom 0 is 40,075 km over 512 px', () => {
    expect(metresPerPixel(0, 0)).toBeCloseTo(40_075_016.686 / 512, 3);
    expect(metresPerPixel(60, 1)).toBeCloseTo(40_075_016.686 / 512 / 4, 3);
  });
  it('picks a round bar that fits', () => {
    expect(scaleBar(10, 120)).toEqual({ metres: 1000, px: 100, label: '1 km' });
    expect(scaleBar(3, 120)).toEqual({ metres: 200, px: 200 / 3, label: '200 m' });
    expect(scaleBar(41, 120).label).toBe('2 km');
    expect(scaleBar(0.1, 120)).toMatchObject({ metres: 10, label: '10 m' });
  });
});
