/** The URL hash: parse and format round-trip, other keys kept, bad values dropped. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatHash, type HashState, parseHash } from '../../src/plan-map/hash.js';

describe('URL hash', () => {
  const full =
    '#selected=cluster-huangnichuan&layers=clusters,projects&lang=en&view=121.45,38.9,12.5&year=2020&filter=kind:project,lab;status:planned';

  it('parses every key', () => {
    expect(parseHash(full)).toEqual({
      state: {
        selected: 'cluster-huangnichuan',
        layers: ['clusters', 'projects'],
        lang: 'en',
        camera: { center: [121.45, 38.9], zoom: 12.5 },
        year: 2020,
        filter: { kind: ['project', 'lab'], status: ['planned'] },
      },
      rest: [],
    });
  });

  it('formats what it parses, in its own key order and readable', () => {
    expect(formatHash(parseHash(full).state)).toBe(full);
    expect(formatHash(parseHash('year=2021&lang=zh').state)).toBe('#lang=zh&year=2021');
    expect(formatHash({})).toBe('');
  });

  it('keeps the keys of others, after its own', () => {
    const { state, rest } = parseHash('#tab=2&selected=eco-core&x');
    expect(rest).toEqual([
      ['tab', '2'],
      ['x', ''],
    ]);
    expect(formatHash(state, rest)).toBe('#selected=eco-core&tab=2&x');
  });

  it('rounds the view to 5 decimals (≈ 1 m) and zoom to 2', () => {
    expect(formatHash({ camera: { center: [121.123456789, 38.9876543], zoom: 11.23456 } })).toBe(
      '#view=121.12346,38.98765,11.23',
    );
  });

  it('drops malformed values without throwing', () => {
    const { state } = parseHash(
      '#selected=%E0%A4%A&lang=fr&view=500,1,2&year=20x0&layers=a,<b>,c&filter=nope',
    );
    expect(state).toEqual({ layers: ['a', 'c'], filter: {} });
    expect(parseHash('').state).toEqual({});
    expect(parseHash('#view=1,2').state).toEqual({});
  });

  it('round-trips any state it can hold (property test)', () => {
    const id = fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/);
    const state = fc.record(
      {
        selected: id,
        layers: fc.array(id, { maxLength: 5 }),
        lang: fc.constantFrom('zh' as const, 'en' as const),
        camera: fc.record({
          center: fc.tuple(
            fc.double({ min: -180, max: 180, noNaN: true }).map((n) => Number(n.toFixed(5))),
            fc.double({ min: -85, max: 85, noNaN: true }).map((n) => Number(n.toFixed(5))),
          ),
          zoom: fc.double({ min: 0, max: 22, noNaN: true }).map((n) => Number(n.toFixed(2))),
        }),
        year: fc.integer({ min: 1900, max: 2100 }),
        filter: fc.record(
          { kind: fc.array(id, { minLength: 1, maxLength: 3 }) },
          { requiredKeys: [] },
        ),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(state, (s) => {
        const normal = (x: HashState) => ({
          ...x,
          // Empty filters are not written; duplicate values are one value.
          filter:
            x.filter?.kind && x.filter.kind.length > 0
              ? { kind: [...new Set(x.filter.kind)] }
              : undefined,
          camera: x.camera
            ? { center: x.camera.center.map((n) => n + 0), zoom: x.camera.zoom + 0 }
            : undefined,
          layers: x.layers && x.layers.length > 0 ? x.layers : undefined,
        });
        const back = parseHash(formatHash(s)).state;
        expect(normal(back)).toEqual(normal(s));
      }),
    );
  });
});
