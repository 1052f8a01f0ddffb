/**
 * The validator's message catalogue (src/plan/messages.ts) and its rules: every entry speaks
 * both languages and names the values it is given; the rule files write no message of their
 * own; unlocated entries go through the same rules as features.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ISSUE_CODES } from '../../src/plan/issues.js';
import { LIMITS } from '../../src/plan/limits.js';
import { planFromObjects } from '../../src/plan/load.js';
import { located, MESSAGES, type MessageKey, type Msg, WHERE } from '../../src/plan/messages.js';
import {
  categoryRule,
  citedSourcesRule,
  statusRule,
  unlocatedRules,
} from '../../src/plan/property-rules.js';
import type { ItemProps } from '../../src/plan/types.js';

const refusal: Msg = { en: 'is somewhere else', zh: '在别处' };

/**
 * Arguments for every catalogue entry. Typed per entry, so a new entry does not compile until it
 * has a sample here (and is then checked below). Text and numbers are distinct markers, so the
 * test can tell that each one is named in both languages.
 */
const SAMPLES: { [K in MessageKey]: Parameters<(typeof MESSAGES)[K]> } = {
  missing: ['name_zh'],
  notText: ['name_en', 41],
  reservedId: ['constructor'],
  badId: ['Bad Id'],
  unknownKind: ['spaceport'],
  notItemKind: ['zonelike'],
  unknownStatus: ['dreamt'],
  unknownCategory: ['mystery'],
  reservedKeys: [['__proto__', 'toString']],
  optionalNotText: ['summary_zh'],
  badAccuracy: ['exactish'],
  badAccuracyM: [-3],
  notArray: ['history'],
  badSources: [3],
  badHistory: [4],
  badYears: [[99999, 12.5]],
  notAnId: ['zone'],
  orderNotNumber: [],
  parksNotArray: [],
  parksNotIds: [],
  longText: [['name_zh', 'summary_en'], LIMITS],
  markup: ['name_en', '<b>bold</b>'],
  unknownSources: [['doc-x', 'doc-y']],
  formula: ['note_en', '=HYPERLINK(x)'],
  unlocatedNotArray: [{ a: 1 }],
  unlocatedNeedsNames: [],
  unlocatedTwice: [],
  unlocatedOutside: ['../up.json', refusal],
  unlocatedNotFileName: ['::'],
  unlocatedNeitherListNorFile: [],
  notFeatureCollection: [{ type: 'Topology' }],
  foreignCrs: ['EPSG:3857'],
  tooManyFeaturesInLayer: [2001, 2000],
  largeLayerDatum: [200000, '64.0 MB', 'GCJ-02'],
  tooManyFeaturesInPlan: [3001, 3000],
  tooManyLayerVertices: [777],
  projected: [[500000, 4300000]],
  notAFeature: [[1, 2]],
  noProperties: [],
  wrongWinding: [['geometry.coordinates[0]']],
  nullGeometry: [],
  mustBeObject: ['geometry', 'text-geometry'],
  mustBeString: ['geometry.type', null],
  mustBeArray: ['geometry.coordinates', 'text-coords'],
  unknownGeometryType: ['Circle'],
  noCoordinates: ['Polygon'],
  emptyCoordinates: ['MultiPolygon'],
  polygonWithoutRings: [6],
  badPosition: ['geometry.coordinates[2]', [1]],
  notANumber: ['geometry.coordinates[1]', Number.NaN],
  tooManyFeatureVertices: [888],
  nestedTooDeep: ['geometry.coordinates'],
  emptyRing: ['geometry.coordinates[3]'],
  unclosedRing: ['geometry.coordinates[0]', [121.1, 38.1], [121.2, 38.2]],
  fewRingPositions: ['geometry.coordinates[1]', 3],
  fewLinePositions: ['geometry.coordinates[4]'],
  lonOutOfRange: [190.5, 'geometry.coordinates[5]'],
  latOutOfRange: [95.5, 'geometry.coordinates[7]'],
  outsideExtent: [[10, 10], 'geometry.coordinates[8]', [120, 38, 122, 40]],
  lonLatSwapped: [[38.9, 121.6], true],
  invalidGeoJson: ['gjv-detail'],
  kinksFailed: ['kinks-detail'],
  selfIntersection: ['geometry.coordinates[9]', [121.5, 38.9]],
  duplicateId: ['first.geojson'],
  unknownZone: ['zone-x', 'project'],
  parentIsSelf: ['self-id'],
  unknownParent: ['parent-x', undefined],
  unknownParks: [['park-x']],
  parentCycle: ['loop-b', ['loop-a', 'loop-b', 'loop-a']],
  datumSuspected: [
    { datum: 'GCJ-02', metres: 512, offset: 'Δlon +0.0050°', matched: 9, layer: 'lay-x' },
  ],
  manifestNotObject: [[1]],
  manifestNoLayersArray: [],
  manifestNoLayers: [],
  nothingToDraw: [WHERE.manifest('plan.json'), { en: 'is odd', zh: '很怪' }],
  badPlanId: [42],
  badPlanTitle: ['just-text'],
  longTitle: [201],
  markupTitle: [],
  unknownDatum: ['NAD27'],
  badBbox: ['bbox-text'],
  badView: ['view-text'],
  sourcesNotArray: [],
  sourceWithoutId: [11],
  badAttach: [-5],
  tooManyLayers: [65, 64],
  layerNotObject: ['layers[2]', 'layer-text'],
  layerWithoutId: ['layers[3]', 'a.geojson'],
  badLayerId: ['layers[4]', 'Bad Layer'],
  reservedLayerId: ['layers[5]', 'constructor'],
  duplicateLayerId: ['lay-d', 'layers[6]', 'd.geojson'],
  layerFileOutside: ['/etc/x.geojson', refusal],
  badLayerFile: [''],
  badLayerKind: ['roads'],
  badLayerTitle: [],
  badColor: ['blurple'],
  badVisible: ['yes'],
  badLegend: [],
  attributionNotText: [],
  unsafeLink: [],
  attributionMarkup: [],
  unknownLayerDatum: ['NAD83', 'GCJ-02'],
  fileUrl: [],
  absolutePath: [],
  climbsOut: [],
  onNetwork: [],
  otherOrigin: ['https://other.example'],
  notAUrl: ['http://[bad'],
  noLayerData: ['lay-n', 'n.geojson'],
  fileMissing: ['file:///p/missing.geojson'],
  notFound: ['https://x.example/nf.geojson', '404 Not Found'],
  httpError: ['https://x.example/e.geojson', '503'],
  utf16: ['https://x.example/u16.geojson'],
  notUtf8: ['https://x.example/l1.geojson'],
  tooLargeDeclared: ['https://x.example/big.geojson', '70.0 MB', '64.0 MB'],
  tooLargeRead: ['https://x.example/big2.geojson', '64.0 MB', '64.1 MB'],
  timeout: ['https://x.example/slow.geojson', 30],
  redirectLoop: ['https://x.example/r.geojson', 'redirect count exceeded'],
  fetchFailed: ['https://x.example/f.geojson', 'ECONNREFUSED'],
  htmlPage: ['https://x.example/h.geojson', 'Login'],
  emptyFile: ['https://x.example/empty.geojson'],
  nonJsonNumber: ['https://x.example/nan.geojson', 'NaN', 12, 34],
  notJson: ['https://x.example/bad.geojson', { line: 5, col: 9 }, true, '{type:'],
};

const CJK = /[\u3400-\u9fff\uff00-\uffef]/;

describe('the message catalogue', () => {
  const entries = Object.entries(MESSAGES) as [MessageKey, (...a: unknown[]) => Msg][];

  it.each(entries)('%s speaks English and Chinese', (key, make) => {
    const msg = make(...(SAMPLES[key] as unknown[]));
    expect(msg.en.trim()).not.toBe('');
    expect(msg.zh.trim()).not.toBe('');
    expect(msg.en, 'the English text has no Chinese').not.toMatch(CJK);
    expect(msg.zh, 'the Chinese text is Chinese').toMatch(CJK);
  });

  it.each(entries)('%s names every text and number it is given, in both languages', (key, make) => {
    const args = SAMPLES[key] as unknown[];
    const msg = make(...args);
    for (const a of args) {
      if (typeof a !== 'string' && !(typeof a === 'number' && Number.isFinite(a))) continue;
      expect(msg.en, `${key}: ${a}`).toContain(String(a).slice(0, 20));
      expect(msg.zh, `${key}: ${a}`).toContain(String(a).slice(0, 20));
    }
  });

  it('places name the file and the feature or entry in both languages', () => {
    const at = located(WHERE.feature('items.geojson', 3, 'lab-x'), MESSAGES.missing('kind'));
    for (const text of [at.en, at.zh]) {
      expect(text).toContain('items.geojson');
      expect(text).toContain('"lab-x"');
      expect(text).toContain('features[3]');
    }
    const u = located(WHERE.unlocated('unlocated.json', 'unlocated[2]', 'u-x'), refusal);
    for (const text of [u.en, u.zh]) {
      expect(text).toContain('unlocated.json');
      expect(text).toContain('unlocated[2]');
      expect(text).toContain('"u-x"');
    }
  });
});

/** The files whose rules must speak only from the catalogue. */
const RULE_FILES = [
  'finding.ts',
  'geometry.ts',
  'load.ts',
  'manifest.ts',
  'property-rules.ts',
  'validate.ts',
];

describe('the rules write no message of their own', () => {
  it.each(RULE_FILES)('%s holds no Chinese text and builds no message inline', (name) => {
    const source = readFileSync(join(import.meta.dirname, '../../src/plan', name), 'utf8');
    // Every Chinese text lives in messages.ts: a message written inline would need one.
    expect(source.split('\n').filter((l) => CJK.test(l))).toEqual([]);
    // Issues are made from findings (`issueAt`, in finding.ts), never from loose strings
    // (`issue(…)`), and no object literal carries its own `en:` / `zh:` text.
    if (name !== 'finding.ts') expect(source).not.toMatch(/\bissue\(/);
    expect(source).not.toMatch(/\b(en|zh):\s*[`'"]/);
  });
});

describe('rules', () => {
  it('status and category rules accept the vocabulary and name what they refuse', () => {
    expect(statusRule('planned')).toBeNull();
    expect(statusRule('dreamt')).toMatchObject({ code: 'unknown-status', key: 'status' });
    expect(statusRule(5)?.msg.en).toContain('5');
    expect(categoryRule('digital')).toBeNull();
    expect(categoryRule('mystery')).toMatchObject({ code: 'unknown-category', key: 'category' });
  });

  it('the cited-sources rule names each unknown document once', () => {
    expect(citedSourcesRule([{ doc: 'a' }], new Set(['a']))).toBeNull();
    const f = citedSourcesRule([{ doc: 'x' }, { doc: 'x' }, { doc: 'a' }], new Set(['a']));
    expect(f).toMatchObject({ code: 'unknown-source', key: 'sources' });
    expect(f!.msg.en.match(/"x"/g)).toHaveLength(1);
  });

  it('an unlocated entry needs text id and names; its other errors say it is left out', () => {
    expect(unlocatedRules({ id: 'a' }).map((f) => f.code)).toEqual(['bad-unlocated']);
    const f = unlocatedRules({ id: 'a', name_zh: '甲', name_en: 'A', kind: 'zone', status: 'x' });
    expect(f.map((x) => x.code)).toEqual(['unknown-kind', 'unknown-status']);
    for (const x of f) expect(x.msg.en).toMatch(/left out$/);
  });

  it('every code a rule returns is a known issue code', () => {
    const all = [
      ...unlocatedRules({}),
      ...unlocatedRules({ id: 'A B', name_zh: 'x', name_en: 'y', category: 1 }),
      statusRule(null)!,
      categoryRule(null)!,
    ];
    for (const f of all) expect(Object.hasOwn(ISSUE_CODES, f.code), f.code).toBe(true);
  });
});

describe('unlocated entries go through the same rules as features', () => {
  const manifest = {
    id: 'p',
    title: { zh: '规划', en: 'Plan' },
    bbox: [121, 38.5, 122.5, 39.5],
    sources: [{ id: 'doc-a', title: 'A', date: '2021' }],
    layers: [
      {
        id: 'items',
        file: 'items.geojson',
        kind: 'items',
        color: '#000000',
        title: { zh: '项目', en: 'Items' },
      },
    ],
  };
  /** Properties valid for both, with one defect of each kind the optional rules fix. */
  const defective = {
    id: 'p-1',
    kind: 'project',
    name_zh: '<b>项目</b>',
    name_en: `=CMD()${'x'.repeat(300)}`,
    status: 'planned',
    category: 'digital',
    constructor: 'reserved key',
    sources: [{ doc: 'doc-z' }, { doc: 'doc-a', where: 7 }],
    history: [{ year: 99999, status: 'planned' }, { year: 2021, status: 'signed' }, 'junk'],
  };
  const asFeature = planFromObjects(manifest, {
    items: {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [121.6, 38.9] },
          properties: defective,
        },
      ],
    },
  });
  const asUnlocated = planFromObjects(
    { ...manifest, unlocated: [defective] },
    { items: { type: 'FeatureCollection', features: [] } },
  );
  const codes = (r: typeof asFeature) => r.issues.map((i) => i.code).sort();

  it('the same defects give the same codes, all of them reported', () => {
    expect(codes(asUnlocated)).toEqual(codes(asFeature));
    expect(codes(asUnlocated)).toEqual(
      [
        'bad-optional-property',
        'bad-year',
        'formula-text',
        'long-text',
        'markup-in-text',
        'reserved-key',
        'unknown-source',
      ].sort(),
    );
  });

  it('and are fixed the same way', () => {
    const f = asFeature.plan!.layers[0]!.data.features[0]!.properties as ItemProps;
    const u = asUnlocated.plan!.unlocated[0]!;
    expect(u.name_en).toEqual(f.name_en);
    expect(u.sources).toEqual(f.sources);
    expect(u.history).toEqual(f.history);
    expect(u.history?.map((h) => h.year)).toEqual([2021]);
  });

  it('the messages name the file, the entry and the problem in both languages', () => {
    for (const i of asUnlocated.issues) {
      for (const text of [i.message_en, i.message_zh]) {
        expect(text).toContain('unlocated[0]');
        expect(text).toContain('"p-1"');
      }
      expect(i.path).toMatch(/^unlocated\[0\]/);
    }
  });

  it('an entry a feature rule refuses is left out, and the others stay', () => {
    const r = planFromObjects(
      {
        ...manifest,
        unlocated: [
          { ...defective, id: 'Not Kebab' },
          { ...defective, id: 'p-2', status: 'dreamt' },
          { ...defective, id: 'p-3', kind: 'eco-core' },
          { id: 'p-4', name_zh: '好', name_en: 'Good' },
          { id: 'p-4', name_zh: '重', name_en: 'Twice' },
        ],
      },
      { items: { type: 'FeatureCollection', features: [] } },
    );
    expect(r.plan!.unlocated.map((u) => u.id)).toEqual(['p-4']);
    const errors = r.issues.filter((i) => i.severity === 'error');
    expect(errors.map((i) => [i.code, i.path])).toEqual([
      ['bad-id', 'unlocated[0].id'],
      ['unknown-status', 'unlocated[1].status'],
      ['unknown-kind', 'unlocated[2].kind'],
      ['bad-unlocated', 'unlocated[4]'],
    ]);
  });
});
