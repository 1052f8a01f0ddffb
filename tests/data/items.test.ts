/**
 * The item inventory: its checks (scripts/items/checks.mjs) on the committed geodata, its CSV
 * sources (UTF-8 with BOM), `npm run geodata` reproducing geodata/ byte for byte, an edited row
 * reaching the built layer, and malformed rows failing the build with file, row and column.
 */
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import gcoord from 'gcoord';
import type { FeatureCollection, Point } from 'geojson';
import { describe, expect, it } from 'vitest';
import { checkItems } from '../../scripts/items/checks.mjs';
import * as vocab from '../../src/plan/types.js';
import {
  copyGeodata,
  editCsv,
  GEODATA,
  geodataScripts,
  ROOT,
  readCsv,
  runScript,
} from './geodata-tmp.js';

const SEEDS = join(ROOT, '..', 'shared', 'seeds');
const BUILD = 'scripts/items/build.mjs';

type Props = Record<string, unknown> & {
  id: string;
  status: string;
  history?: { year: number; status: string; source: string }[];
};
const layer = (dir: string, file: string) =>
  JSON.parse(readFileSync(join(dir, file), 'utf8')) as FeatureCollection<Point, Props>;

describe('item checks (formerly scripts/items/check.mjs)', () => {
  const result = checkItems({ geodata: GEODATA, seedsDir: SEEDS, vocab });

  it('the committed items pass every check', () => {
    expect(result.failures).toEqual([]);
    expect(result.features).toBeGreaterThan(40);
  });

  it('and raise no warning (stacked points, points in the sea, short or long quotes)', () => {
    expect(result.warnings).toEqual([]);
  });

  it('fail on a status that disagrees with the last history step (one truth)', () => {
    const dir = copyGeodata();
    const fc = layer(dir, 'labs.geojson');
    const f = fc.features.find((x) => (x.properties.history ?? []).length > 0)!;
    f.properties.status =
      f.properties.history!.at(-1)!.status === 'planned' ? 'operating' : 'planned';
    writeFileSync(join(dir, 'labs.geojson'), JSON.stringify(fc));
    const r = checkItems({ geodata: dir, seedsDir: SEEDS, vocab });
    expect(r.failures.join('\n')).toContain(`${f.properties.id}: status`);
  });

  it('fail on an item with a zone it lies outside of', () => {
    const dir = copyGeodata();
    const fc = layer(dir, 'labs.geojson');
    const f = fc.features.find((x) => x.properties.zone === 'science-city')!;
    f.properties.zone = 'cluster-xiaopingdao';
    writeFileSync(join(dir, 'labs.geojson'), JSON.stringify(fc));
    const r = checkItems({ geodata: dir, seedsDir: SEEDS, vocab });
    expect(r.failures.join('\n')).toMatch(
      new RegExp(`${f.properties.id}: \\d+ m outside zone cluster-xiaopingdao`),
    );
  });
});

describe('CSV sources (geodata/sources/)', () => {
  it.each(['items.csv', 'history.csv', 'citations.csv'])(
    '%s is UTF-8 with a BOM, so Excel and WPS open its Chinese intact',
    (name) => {
      const bytes = readFileSync(join(GEODATA, 'sources', name));
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      expect(text).toMatch(/[\u4e00-\u9fff]/);
      expect(readCsv(GEODATA, name).rows.length).toBeGreaterThan(100);
    },
  );

  it('every item has a status row; an undated one only when there is no dated step', () => {
    const items = readCsv(GEODATA, 'items.csv').rows;
    const steps = readCsv(GEODATA, 'history.csv').rows;
    for (const it of items) {
      const mine = steps.filter((s) => s.item_id === it.id);
      expect(mine.length, it.id).toBeGreaterThan(0);
      const undated = mine.filter((s) => s.year === '');
      if (undated.length) expect(mine, it.id).toHaveLength(1);
    }
  });
});

/**
 * The words that report each status (the house rule in geodata/README.md). A history row's
 * quote must carry one: a status is never stronger than the quoted words. `planned` needs none.
 */
const STATUS_WORDS: Record<string, RegExp> = {
  signed: /签约|簽約|落户|落戶|落地/,
  'land-supplied': /摘牌|供地/,
  'under-construction': /开工|開工|启动|啟動|封顶|推进|推進|建设|建設/,
  completed: /竣工|建成|完成|完善|交付|进行了|新建改建/,
  operating: /投用|投产|运营|運營|运行|揭牌|挂牌|启用|使用|开办|成立|通车|开通|现有|设立|组建/,
};
/** Rows whose status rests on more than a verb, each with the reason. */
const STATUS_WORD_EXCEPTIONS: Record<string, string> = {
  'project-hualu-mechanism-inspection-line': 'a photograph of the line at work (S000 caption)',
  'infra-heating-upgrades': 'the 2024 review reports the retrofit as work in hand (加强…改造)',
  'project-overseas-students-pioneer-park':
    'its management is being improved (提升…管理服务水平): it runs',
  'infra-hitech-central-primary-school': 'named for an award it received: it runs',
  'project-entrepreneurship-service-centre':
    'rated an A-class national incubator six years running: it runs',
};
const GLOSS = /\([a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜńňǹ]*\)/g;

describe('status wording', () => {
  it('every status row quotes the words that report it (签约 / 摘牌 / 开工 / 竣工 / 投用 …)', () => {
    const weak = readCsv(GEODATA, 'history.csv')
      .rows.filter((s) => s.status !== 'planned' && !(s.item_id! in STATUS_WORD_EXCEPTIONS))
      .filter((s) => !STATUS_WORDS[s.status!]?.test(s.quote!.replace(GLOSS, '')))
      .map((s) => `${s.item_id} ${s.year} ${s.status}: ${s.quote}`);
    expect(weak).toEqual([]);
  });

  it('the exceptions are items of the inventory', () => {
    const ids = new Set(readCsv(GEODATA, 'items.csv').rows.map((r) => r.id));
    for (const id of Object.keys(STATUS_WORD_EXCEPTIONS)) expect(ids.has(id), id).toBe(true);
  });
});

/** Every file under dir, as paths relative to it. */
function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => statSync(join(dir, f)).isFile())
    .sort();
}

describe('npm run geodata', () => {
  it('reproduces the committed geodata/ byte for byte', { timeout: 120_000 }, async () => {
    const out = mkdtempSync(join(tmpdir(), 'plan-geodata-build-'));
    // The hand-kept inputs: the manifest, the README's prose and the CSV sources.
    mkdirSync(join(out, 'sources'));
    for (const f of [
      'plan.json',
      'README.md',
      ...files(join(GEODATA, 'sources')).map((f) => `sources/${f}`),
    ]) {
      writeFileSync(join(out, f), readFileSync(join(GEODATA, f)));
    }
    for (const script of geodataScripts()) {
      const r = await runScript(script, out);
      expect(r.code, `${script}\n${r.stderr}`).toBe(0);
    }
    expect(files(out)).toEqual(files(GEODATA));
    for (const f of files(GEODATA)) {
      expect(
        readFileSync(join(out, f)).equals(readFileSync(join(GEODATA, f))),
        `${f} differs from geodata/${f}: run npm run geodata and commit`,
      ).toBe(true);
    }
    expect(relative(ROOT, GEODATA)).toBe('geodata');
  });

  it('an edited history row changes the item in the built layer', { timeout: 60_000 }, async () => {
    const dir = copyGeodata();
    const id = 'infra-hekou-sewage-plant';
    const before = layer(dir, 'infrastructure.geojson').features.find(
      (f) => f.properties.id === id,
    )!;
    expect(before.properties.status).toBe('operating');
    editCsv(dir, 'history.csv', (rows) => {
      const i = rows.findIndex((r) => r.item_id === id && r.year === '2024');
      rows[i]!.status = 'completed';
      return i;
    });
    const r = await runScript(BUILD, dir);
    expect(r.code, r.stderr).toBe(0);
    const after = layer(dir, 'infrastructure.geojson').features.find(
      (f) => f.properties.id === id,
    )!;
    expect(after.properties.status).toBe('completed');
    expect(after.properties.history!.at(-1)).toEqual({
      year: 2024,
      status: 'completed',
      source: 'S001',
    });
  });
});

interface Case {
  name: string;
  file: string;
  column: string;
  letter: string;
  code: string;
  edit: (rows: Record<string, string>[]) => number;
}

const find = (rows: Record<string, string>[], p: (r: Record<string, string>) => boolean) => {
  const i = rows.findIndex(p);
  if (i < 0) throw new Error('fixture row not found');
  return i;
};

/** The WGS84 position of the 七贤岭 health centre, shifted as GCJ-02 (AMap) would show it. */
const HEALTH = 'infra-qixianling-community-health-centre';

const CASES: Case[] = [
  {
    name: 'a bad status',
    file: 'history.csv',
    column: 'status',
    letter: 'C',
    code: 'unknown-status',
    edit: (rows) => {
      const i = find(rows, (r) => r.item_id === 'infra-hekou-sewage-plant' && r.year === '2024');
      rows[i]!.status = 'finished';
      return i;
    },
  },
  {
    name: 'a bad year',
    file: 'history.csv',
    column: 'year',
    letter: 'B',
    code: 'bad-optional-property',
    edit: (rows) => {
      const i = find(rows, (r) => r.item_id === 'infra-hekou-sewage-plant' && r.year === '2024');
      rows[i]!.year = '2O24';
      return i;
    },
  },
  {
    name: 'a year later than its source document',
    file: 'history.csv',
    column: 'year',
    letter: 'B',
    code: 'bad-optional-property',
    edit: (rows) => {
      const i = find(rows, (r) => r.item_id === 'infra-hekou-sewage-plant' && r.year === '2021');
      rows[i]!.year = '2023';
      return i;
    },
  },
  {
    name: 'an unknown zone',
    file: 'items.csv',
    column: 'zone',
    letter: 'G',
    code: 'unknown-zone',
    edit: (rows) => {
      const i = find(rows, (r) => r.zone === 'cluster-huangnichuan');
      rows[i]!.zone = 'cluster-nowhere';
      return i;
    },
  },
  {
    name: 'a missing quote',
    file: 'citations.csv',
    column: 'quote',
    letter: 'C',
    code: 'missing-property',
    edit: (rows) => {
      const i = find(rows, (r) => r.item_id === 'park-tiandi-software-park');
      rows[i]!.quote = '';
      return i;
    },
  },
  {
    name: 'a quote that is not in its seed',
    file: 'history.csv',
    column: 'quote',
    letter: 'E',
    code: 'quote-not-in-source',
    edit: (rows) => {
      const i = find(rows, (r) => r.item_id === 'infra-hekou-sewage-plant' && r.year === '2024');
      rows[i]!.quote = '河口污水处理厂已经投入运营';
      return i;
    },
  },
  {
    name: 'coordinates outside the plan box',
    file: 'items.csv',
    column: 'lon',
    letter: 'I',
    code: 'outside-extent',
    edit: (rows) => {
      const i = find(rows, (r) => r.id === HEALTH);
      rows[i]!.lon = '122.9';
      return i;
    },
  },
  {
    name: 'a GCJ-02-looking position declared WGS84',
    file: 'items.csv',
    column: 'lon',
    letter: 'I',
    code: 'gcj02-suspected',
    edit: (rows) => {
      const i = find(rows, (r) => r.id === HEALTH);
      const row = rows[i]!;
      const [lon, lat] = gcoord.transform(
        [Number(row.lon), Number(row.lat)],
        gcoord.WGS84,
        gcoord.GCJ02,
      );
      row.lon = lon.toFixed(5);
      row.lat = lat.toFixed(5);
      row.accuracy_m = '1000'; // even an accuracy that would cover the shift does not hide it
      return i;
    },
  },
  {
    name: 'an accuracy smaller than the distance to its gazetteer source',
    file: 'items.csv',
    column: 'accuracy_m',
    letter: 'M',
    code: 'unsourced-position',
    edit: (rows) => {
      const i = find(rows, (r) => r.id === 'park-tiandi-software-park');
      rows[i]!.position_source = 'gazetteer:七贤岭(地铁1号线站)';
      return i;
    },
  },
  {
    name: 'a second truth: an undated status row beside dated steps',
    file: 'history.csv',
    column: 'year',
    letter: 'B',
    code: 'bad-source-row',
    edit: (rows) => {
      const i = find(rows, (r) => r.item_id === 'infra-hekou-sewage-plant' && r.year === '2024');
      rows.splice(i + 1, 0, { ...rows[i]!, year: '' });
      return i + 1;
    },
  },
];

describe('a malformed CSV row fails the build, naming file, row and column', () => {
  it.concurrent.each(CASES.map((c) => [c.name, c] as const))(
    '%s',
    { timeout: 60_000 },
    async (_n, c) => {
      const dir = copyGeodata();
      const before = readFileSync(join(dir, 'labs.geojson'));
      const row = editCsv(dir, c.file, c.edit);
      // the column letter is the one a spreadsheet shows for that header
      const header = readCsv(dir, c.file)
        .text.replace(/^\uFEFF/, '')
        .split('\n')[0]!
        .split(',');
      expect(String.fromCharCode(65 + header.indexOf(c.column))).toBe(c.letter);
      const r = await runScript(BUILD, dir);
      expect(r.code).not.toBe(0);
      const line = r.stderr.split('\n').find((l) => l.includes(`${c.code}:`));
      expect(line, r.stderr).toBeDefined();
      expect(line).toContain(`sources/${c.file} row ${row}, column ${c.letter} (${c.column})`);
      // and nothing was written
      expect(readFileSync(join(dir, 'labs.geojson')).equals(before)).toBe(true);
    },
  );

  it('rows keep the numbers a spreadsheet shows: blank rows and multi-line cells count once', {
    timeout: 60_000,
  }, async () => {
    const dir = copyGeodata();
    const path = join(dir, 'sources', 'history.csv');
    const lines = readFileSync(path, 'utf8').split('\n');
    // a blank row after the header, a quote spanning two lines in row 4, a short row at the end
    lines.splice(1, 0, '');
    lines[3] = lines[3]!.replace(/,([^,]*)$/, ',"$1\nsecond line"');
    lines.splice(lines.length - 1, 0, 'infra-hekou-sewage-plant,2024');
    writeFileSync(path, lines.join('\n'));
    const r = await runScript(BUILD, dir);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(
      /quote-not-in-source: sources\/history\.csv row 4, column E \(quote\)/,
    );
    expect(r.stderr).toContain(
      `bad-source-row: sources/history.csv row ${lines.length - 1}: has 2 cells`,
    );
  });

  it('an S002 quote typed without its pinyin glosses is refused, with the form the seed uses', {
    timeout: 60_000,
  }, async () => {
    const dir = copyGeodata();
    let glossed = '';
    const row = editCsv(dir, 'history.csv', (rows) => {
      const i = rows.findIndex((r) => r.source === 'S002' && /\(/.test(r.quote ?? ''));
      glossed = rows[i]!.quote!;
      rows[i]!.quote = glossed.replace(GLOSS, '');
      return i;
    });
    const r = await runScript(BUILD, dir);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(
      `quote-not-in-source: sources/history.csv row ${row}, column E (quote)`,
    );
    expect(r.stderr).toContain(`the seed writes it "${glossed}"`);
  });

  it('a file saved without its BOM is refused, with the way to fix it', {
    timeout: 60_000,
  }, async () => {
    const dir = copyGeodata();
    const path = join(dir, 'sources', 'citations.csv');
    writeFileSync(path, readFileSync(path, 'utf8').replace(/^\uFEFF/, ''));
    const r = await runScript(BUILD, dir);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('bad-source-row: sources/citations.csv row 1');
    expect(r.stderr).toContain('CSV UTF-8');
  });
});
