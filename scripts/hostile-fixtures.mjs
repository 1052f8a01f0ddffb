#!/usr/bin/env node
/**
 * Writes tests/fixtures/hostile/: plan packages that attack the viewer, one folder per case,
 * grouped in the five classes of issue 12 — silent failures, freezes within the limits,
 * security, weak validation, unhelpful messages. Generated (some are megabytes), not committed:
 * the tests call {@link writeHostileFixtures} before they run.
 *
 *   node scripts/hostile-fixtures.mjs [outDir]
 *
 * Every case folder holds a `plan.json`, the good layers (the built-in zones and projects from
 * geodata/, which must still be drawn), whatever the case adds, and a
 * `case.json`: `{ class, name, about, codes, goodLayers, attributes?, serve?, requestsMustNot? }`
 * — `codes`: issue codes that must be reported; `attributes`: extra attributes for the element
 * (`{origin}` stands for the page's origin); `serve`: per-file server behaviour the browser test
 * must imitate (`redirectLoop`); `requestsMustNot`: URL fragments no request may contain.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const HOSTILE_DIR = join(ROOT, 'tests/fixtures/hostile');

const geodata = (name) => readFileSync(join(ROOT, 'geodata', name), 'utf8');
const builtin = JSON.parse(geodata('plan.json'));
const spec = (id) => builtin.layers.find((l) => l.id === id);

/** The good part of every case: the zones and projects of the built-in plan. */
const GOOD = ['corridor', 'center', 'science-city', 'clusters', 'eco-core', 'projects'];
function baseManifest(extraLayers = [], over = {}) {
  return {
    id: 'hostile',
    title: { zh: '恶意输入测试', en: 'Hostile input test' },
    bbox: builtin.bbox,
    sources: builtin.sources,
    layers: [...GOOD.map(spec), ...extraLayers],
    ...over,
  };
}

const itemLayer = (id, file) => ({
  id,
  kind: 'items',
  file,
  visible: true,
  color: '#aa3377',
  title: { zh: '恶意图层', en: 'Hostile layer' },
});

const point = (i, props = {}) => ({
  type: 'Feature',
  geometry: {
    type: 'Point',
    coordinates: [121.45 + (i % 100) * 1e-4, 38.87 + Math.floor(i / 100) * 1e-4],
  },
  properties: {
    id: `hostile-${i}`,
    kind: 'project',
    name_zh: `恶意项目 ${i}`,
    name_en: `Hostile ${i}`,
    category: 'digital',
    status: 'planned',
    sources: [{ doc: builtin.sources[0]?.id ?? 'S000', where: '—', quote: '—' }],
    ...props,
  },
});

const square = (i, size, props) => {
  const x = 121.3 + (i % 200) * size * 1.5;
  const y = 38.8 + Math.floor(i / 200) * size * 1.5;
  return {
    type: 'Feature',
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [x, y],
          [x + size, y],
          [x + size, y + size],
          [x, y + size],
          [x, y],
        ],
      ],
    },
    properties: {
      id: `zone-${i}`,
      kind: 'subzone',
      name_zh: `区 ${i}`,
      name_en: `Zone ${i}`,
      ...props,
    },
  };
};

const fc = (features) => ({ type: 'FeatureCollection', features });
const json = (v) => JSON.stringify(v);

/** The cases: `files` maps file names to text or bytes; plan.json defaults to the base. */
export function hostileCases() {
  const cases = [];
  const add = (c) => cases.push(c);

  // --- 1. Silent failures: things that used to fail inside MapLibre or the loader unseen.
  add({
    class: 'silent',
    name: 'constructor-property',
    about: 'A text property named "constructor" (施工单位) made the whole layer vanish',
    codes: ['reserved-key'],
    goodLayers: ['clusters', 'projects', 'hostile'],
    manifest: baseManifest([itemLayer('hostile', 'hostile.geojson')]),
    files: {
      'hostile.geojson': json(fc([0, 1, 2].map((i) => point(i, { constructor: '中建八局' })))),
    },
  });
  add({
    class: 'silent',
    name: 'layer-id-constructor',
    about: 'A layer id "constructor" kept the map from ever loading',
    codes: ['bad-layer-spec'],
    goodLayers: ['clusters', 'projects'],
    manifest: baseManifest([itemLayer('constructor', 'hostile.geojson')]),
    files: { 'hostile.geojson': json(fc([point(0)])) },
  });
  add({
    class: 'silent',
    name: 'basemap-404',
    about: 'A basemap style URL that answers 404 left the plan undrawn',
    codes: ['basemap-failed'],
    goodLayers: ['clusters', 'projects'],
    attributes: { basemap: '{origin}/hostile-missing/style.json' },
    manifest: baseManifest(),
    files: {},
  });
  add({
    class: 'silent',
    name: 'huge-issue-list',
    about: '110,000 broken features: issues.push(...hugeArray) overflowed the call stack',
    codes: ['missing-property'],
    goodLayers: ['clusters', 'projects'],
    manifest: baseManifest([itemLayer('hostile', 'hostile.geojson')]),
    files: {
      'hostile.geojson': json(
        fc(
          Array.from({ length: 110_000 }, (_, i) => ({
            type: 'Feature',
            geometry: { type: 'Point', coordinates: [121.45, 38.87] },
            properties: { id: `x-${i}` },
          })),
        ),
      ),
    },
  });
  add({
    class: 'silent',
    name: 'huge-history',
    about: 'One item with 150,000 history steps: Math.min(...years) overflowed the call stack',
    codes: [],
    goodLayers: ['clusters', 'projects', 'hostile'],
    manifest: baseManifest([itemLayer('hostile', 'hostile.geojson')]),
    files: {
      'hostile.geojson': json(
        fc([
          point(0, {
            history: Array.from({ length: 150_000 }, (_, i) => ({
              year: 2000 + (i % 25),
              status: 'planned',
              source: 'S003',
            })),
          }),
        ]),
      ),
    },
  });

  // --- 2. Freezes within the limits: quadratic work and unpaged lists.
  const chain = 4_000;
  add({
    class: 'freeze',
    name: 'deep-parent-chain',
    about: `${chain} zones, each the parent of the next: the parent chain was walked from every zone`,
    codes: [],
    goodLayers: ['clusters', 'projects', 'hostile'],
    manifest: baseManifest([{ ...spec('clusters'), id: 'hostile', file: 'hostile.geojson' }]),
    files: {
      'hostile.geojson': json(
        fc(
          Array.from({ length: chain }, (_, i) =>
            square(i, 0.0004, i > 0 ? { parent: `zone-${i - 1}` } : {}),
          ),
        ),
      ),
    },
  });
  add({
    class: 'freeze',
    name: 'long-parent-cycle',
    about: `${chain} zones in one parent loop: the message listed every id (1.6 million characters)`,
    codes: ['parent-cycle'],
    goodLayers: ['clusters', 'projects', 'hostile'],
    manifest: baseManifest([{ ...spec('clusters'), id: 'hostile', file: 'hostile.geojson' }]),
    files: {
      'hostile.geojson': json(
        fc(
          Array.from({ length: chain }, (_, i) =>
            square(i, 0.0004, { parent: `zone-${(i + 1) % chain}` }),
          ),
        ),
      ),
    },
  });
  add({
    class: 'freeze',
    name: 'many-roots',
    about: '6,000 top-level zones: the tree listed every one',
    codes: [],
    goodLayers: ['clusters', 'projects', 'hostile'],
    manifest: baseManifest([{ ...spec('clusters'), id: 'hostile', file: 'hostile.geojson' }]),
    files: {
      'hostile.geojson': json(fc(Array.from({ length: 6_000 }, (_, i) => square(i, 0.0004)))),
    },
  });
  add({
    class: 'freeze',
    name: 'many-unlocated',
    about: '40,000 unlocated items: the panel listed every one',
    codes: [],
    goodLayers: ['clusters', 'projects'],
    manifest: baseManifest([], { unlocated: 'unlocated.json' }),
    files: {
      'unlocated.json': json(
        Array.from({ length: 40_000 }, (_, i) => ({
          id: `u-${i}`,
          kind: 'project',
          name_zh: `未定位 ${i}`,
          name_en: `Unlocated ${i}`,
          reason: '无位置 / no place',
          sources: [],
        })),
      ),
    },
  });

  // --- 3. Security: nothing outside the package is read; no prototype keys leave.
  for (const [name, file, about] of [
    ['dotdot-escape', '../../../../../../etc/passwd', 'A layer file climbing out of the package'],
    ['file-url', 'file:///proc/self/environ', 'A layer file given as a file: URL'],
    ['absolute-path', '/etc/passwd', 'A layer file given as an absolute path'],
    [
      'other-origin-credentials',
      'http://admin:hunter2@127.0.0.1:9/steal.geojson',
      'A layer on another origin, with a password in the URL',
    ],
  ]) {
    add({
      class: 'security',
      name,
      about,
      codes: ['outside-package'],
      goodLayers: ['clusters', 'projects'],
      requestsMustNot: ['passwd', 'environ', 'steal.geojson'],
      textMustNot: ['hunter2'],
      manifest: baseManifest([itemLayer('hostile', file)]),
      files: {},
    });
  }
  add({
    class: 'security',
    name: 'proto-keys',
    about: 'Properties named __proto__, constructor and prototype (must never reach an export)',
    codes: ['reserved-key'],
    goodLayers: ['clusters', 'projects', 'hostile'],
    manifest: baseManifest([itemLayer('hostile', 'hostile.geojson')]),
    files: {
      'hostile.geojson': json(fc([point(0, { prototype: 'p', constructor: 'c' })])).replace(
        '"prototype"',
        '"__proto__":{"polluted":true},"prototype"',
      ),
    },
  });

  // --- 4. Weak validation.
  add({
    class: 'weak',
    name: 'unlocated-unchecked',
    about: 'Unlocated entries with an unknown status and kind, year 99999, formula-like text',
    codes: ['unknown-status', 'unknown-kind', 'bad-year', 'formula-text'],
    goodLayers: ['clusters', 'projects'],
    manifest: baseManifest([], { unlocated: 'unlocated.json' }),
    files: {
      'unlocated.json': json([
        { id: 'u-1', name_zh: '甲', name_en: 'A', status: 'bogus', sources: [] },
        { id: 'u-2', name_zh: '乙', name_en: 'B', kind: 'spaceship', sources: [] },
        {
          id: 'u-3',
          name_zh: '丙',
          name_en: 'C',
          status: 'planned',
          history: [{ year: 99999, status: 'planned' }],
          sources: [],
        },
        { id: 'u-4', name_zh: '丁', name_en: '=HYPERLINK("http://x.example","y")', sources: [] },
        { id: 'u-ok', name_zh: '好', name_en: 'Good', sources: [] },
      ]),
    },
  });
  add({
    class: 'weak',
    name: 'implausible-years',
    about: 'History years -500, 2021.5 and 1e300 stretched the timeline',
    codes: ['bad-year'],
    goodLayers: ['clusters', 'projects', 'hostile'],
    manifest: baseManifest([itemLayer('hostile', 'hostile.geojson')]),
    files: {
      'hostile.geojson': json(
        fc([
          point(0, { history: [{ year: -500, status: 'planned', source: 'S003' }] }),
          point(1, { history: [{ year: 2021.5, status: 'planned', source: 'S003' }] }),
          point(2, { history: [{ year: 1e300, status: 'planned', source: 'S003' }] }),
        ]),
      ),
    },
  });
  add({
    class: 'weak',
    name: 'year-attribute-abc',
    about: 'year="abc" showed "NaN 年" and hid every item',
    codes: ['bad-year'],
    goodLayers: ['clusters', 'projects'],
    attributes: { year: 'abc' },
    manifest: baseManifest(),
    files: {},
  });

  // --- 5. Messages that help.
  const labs = geodata('projects.geojson');
  add({
    class: 'messages',
    name: 'utf16-layer',
    about: 'A layer saved as UTF-16',
    codes: ['bad-encoding'],
    goodLayers: ['clusters', 'projects'],
    manifest: baseManifest([itemLayer('hostile', 'hostile.geojson')]),
    files: {
      'hostile.geojson': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(labs, 'utf16le')]),
    },
  });
  add({
    class: 'messages',
    name: 'latin1-layer',
    about: 'A layer saved as Latin-1',
    codes: ['bad-encoding'],
    goodLayers: ['clusters', 'projects'],
    manifest: baseManifest([itemLayer('hostile', 'hostile.geojson')]),
    files: { 'hostile.geojson': Buffer.from(json(fc([point(0, { note_en: 'café' })])), 'latin1') },
  });
  add({
    class: 'messages',
    name: 'nan-infinity-tokens',
    about: 'NaN and Infinity written by JavaScript, not JSON',
    codes: ['not-json'],
    goodLayers: ['clusters', 'projects'],
    manifest: baseManifest([itemLayer('hostile', 'hostile.geojson')]),
    files: {
      'hostile.geojson': json(fc([point(0)]))
        .replace('121.45', 'Infinity')
        .replace('38.87', 'NaN'),
    },
  });
  add({
    class: 'messages',
    name: 'redirect-loop',
    about: 'A layer URL that redirects to itself',
    codes: ['fetch-failed'],
    goodLayers: ['clusters', 'projects'],
    serve: { 'hostile.geojson': 'redirectLoop' },
    manifest: baseManifest([itemLayer('hostile', 'hostile.geojson')]),
    files: {},
  });
  return cases;
}

/** Writes every case under `dir` (emptied first); returns the cases with their folders. */
export function writeHostileFixtures(dir = HOSTILE_DIR) {
  rmSync(dir, { recursive: true, force: true });
  const out = [];
  for (const c of hostileCases()) {
    const folder = join(dir, `${c.class}--${c.name}`);
    mkdirSync(folder, { recursive: true });
    for (const id of GOOD) writeFileSync(join(folder, spec(id).file), geodata(spec(id).file));
    writeFileSync(join(folder, 'plan.json'), JSON.stringify(c.manifest, null, 1));
    for (const [name, body] of Object.entries(c.files)) writeFileSync(join(folder, name), body);
    const { manifest: _m, files: _f, ...meta } = c;
    writeFileSync(join(folder, 'case.json'), `${JSON.stringify(meta, null, 2)}\n`);
    out.push({ ...meta, folder });
  }
  writeFileSync(
    join(dir, 'README.md'),
    '# Hostile plan packages (generated)\n\nWritten by `node scripts/hostile-fixtures.mjs`; see that file. Not committed.\n',
  );
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const cases = writeHostileFixtures(process.argv[2] ?? HOSTILE_DIR);
  const classes = new Map();
  for (const c of cases) classes.set(c.class, (classes.get(c.class) ?? 0) + 1);
  console.log(
    `${cases.length} cases in ${process.argv[2] ?? HOSTILE_DIR}: ${[...classes].map(([k, n]) => `${k} ${n}`).join(', ')}`,
  );
}
