/**
 * Bring your own list: the fixtures of tests/fixtures/import/ (made by scripts/import-fixtures.mjs
 * as Excel, a web form and a GIS write them) read, mapped and attached to the built-in plan's
 * zones, with the per-row report.
 */
import { readFileSync } from 'node:fs';
import gcoord from 'gcoord';
import type { FeatureCollection, Geometry, Point } from 'geojson';
import { describe, expect, it } from 'vitest';
import {
  categoryOfWord,
  datumFromHeaders,
  decodeText,
  findHeader,
  guessMapping,
  IMPORT_ISSUE_CODES,
  IMPORT_ISSUE_SEVERITY,
  IMPORT_MAX_BYTES,
  IMPORT_MAX_ROWS,
  type ImportIssueCode,
  type ImportReport,
  type ImportResult,
  importFile,
  importPlanOf,
  kindOfWord,
  parseCoordinate,
  parseYear,
  readImportFile,
  statusOfWord,
  zoneByName,
} from '../../src/import/index.js';
import { buildModel } from '../../src/plan/model.js';
import type { Datum, LoadedPlan, PlanProps } from '../../src/plan/types.js';
import { builtinModel, builtinPlan } from '../plan/builtin.js';

const plan = importPlanOf(builtinModel());
const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../fixtures/import/${name}`, import.meta.url)));
const gazetteer = JSON.parse(
  readFileSync(new URL('../../../shared/reference/gazetteer.geojson', import.meta.url), 'utf8'),
) as FeatureCollection<Point, { name_zh: string }>;
const place = (nameZh: string) =>
  (
    gazetteer.features.find((f) => f.properties.name_zh === nameZh) ??
    gazetteer.features.find((f) => f.properties.name_zh.startsWith(`${nameZh}(`))
  )?.geometry.coordinates;

/** Row → [outcome, zone] from a report. */
const outcomes = (r: ImportReport) =>
  Object.fromEntries(
    r.results.map((x) => [`${x.sheet ? `${x.sheet}!` : ''}${x.row}`, [x.outcome, x.zone]]),
  );
const codesAt = (r: ImportReport) =>
  r.issues.map((i) => [i.code, i.sheet ?? null, i.row ?? null, i.column ?? null]);

/**
 * The located items added to the plan as one more item layer and analysed as the element does
 * (`buildModel`): every item's zone must be what the import reported.
 */
function zonesInModel(result: ImportResult): Map<string, string | null> {
  const base: LoadedPlan = builtinPlan();
  const located = result.items.filter((i) => i.geometry !== null);
  const withImport: LoadedPlan = {
    ...base,
    layers: [
      ...base.layers,
      {
        spec: {
          id: 'imported',
          title: { zh: '导入', en: 'Imported' },
          file: 'import',
          kind: 'items',
          visible: true,
          color: '#000',
        },
        data: { type: 'FeatureCollection', features: located } as unknown as FeatureCollection<
          Geometry,
          PlanProps
        >,
      },
    ],
  };
  const model = buildModel(withImport);
  return new Map(
    located.map((i) => [i.properties.id, model.membership.get(i.properties.id)?.zone ?? null]),
  );
}

describe('decodeText', () => {
  it('reads GBK (what Excel on Chinese Windows saves) as GB18030', () => {
    const gbk = new Uint8Array([0xc3, 0xfb, 0xb3, 0xc6, 0x2c, 0xbe, 0xad, 0xb6, 0xc8]); // 名称,经度
    expect(decodeText(gbk)).toEqual({ text: '名称,经度', encoding: 'gb18030', bom: false });
  });
  it('reads UTF-8 with and without a BOM, and UTF-16 with its BOM', () => {
    const utf8 = new TextEncoder().encode('名称,经度');
    expect(decodeText(utf8)).toEqual({ text: '名称,经度', encoding: 'utf-8', bom: false });
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]))).toEqual({
      text: '名称,经度',
      encoding: 'utf-8',
      bom: true,
    });
    const le = new Uint8Array([0xff, 0xfe, 0x0d, 0x54, 0xf0, 0x79]); // 名称
    expect(decodeText(le)).toEqual({ text: '名称', encoding: 'utf-16le', bom: true });
    const be = new Uint8Array([0xfe, 0xff, 0x54, 0x0d, 0x79, 0xf0]);
    expect(decodeText(be)).toEqual({ text: '名称', encoding: 'utf-16be', bom: true });
  });
});

describe('column guesses', () => {
  it('maps Chinese and English headers, ignoring bracketed notes and case', () => {
    const m = guessMapping([
      '序号',
      '项目名称',
      '经度(GCJ-02)',
      '纬度(GCJ-02)',
      '项目状态',
      '所属组团',
      '年份',
      '类别',
    ]);
    expect(m).toMatchObject({
      name: 1,
      lng: 2,
      lat: 3,
      status: 4,
      zone: 5,
      year: 6,
      category: 7,
      kind: null,
    });
    expect(guessMapping(['Name', 'Longitude', 'LAT', 'Status', 'Zone'])).toMatchObject({
      name: 0,
      lng: 1,
      lat: 2,
      status: 3,
      zone: 4,
    });
    expect(guessMapping(['名称', 'lon', 'lat'])).toMatchObject({ name: 0, lng: 1, lat: 2 });
  });
  it('reads a datum hint from the headers', () => {
    expect(datumFromHeaders(['经度(高德)', '纬度(高德)'])).toBe('GCJ-02');
    expect(datumFromHeaders(['lng_bd09', 'lat_bd09'])).toBe('BD-09');
    expect(datumFromHeaders(['位置(WGS84)', '经度'])).toBe('WGS84');
    expect(datumFromHeaders(['经度', '纬度'])).toBeNull();
  });
  it('finds a header below a title and merges a two-row header', () => {
    const rows = [
      ['高新区2025年签约项目清单', '', ''],
      ['项目名称', '位置', ''],
      ['', '经度', '纬度'],
      ['某项目', '121.5', '38.86'],
    ];
    expect(findHeader(rows)).toEqual({ header: ['项目名称', '经度', '纬度'], first: 1, last: 2 });
  });
});

describe('words and numbers', () => {
  it('maps Chinese status words to the status vocabulary; unknown and negated ones are null', () => {
    const cases: [string, string | null][] = [
      ['签约', 'signed'],
      ['已签约', 'signed'],
      ['开工', 'under-construction'],
      ['在建', 'under-construction'],
      ['已于2024年开工', 'under-construction'],
      ['竣工', 'completed'],
      ['投产', 'operating'],
      ['运营', 'operating'],
      ['已供地', 'land-supplied'],
      ['规划', 'planned'],
      ['Under construction', 'under-construction'],
      ['completed', 'completed'],
      ['暂缓', null],
      ['未开工', null],
      ['', null],
    ];
    for (const [w, s] of cases) expect(statusOfWord(w), w).toBe(s);
  });
  it('maps category and kind words', () => {
    expect(categoryOfWord('生物医药')).toBe('life-health');
    expect(categoryOfWord('氢能')).toBe('clean-energy');
    expect(categoryOfWord('digital')).toBe('digital');
    expect(categoryOfWord('物流')).toBeNull();
    expect(kindOfWord('实验室')).toBe('lab');
    expect(kindOfWord('基础设施')).toBe('infrastructure');
  });
  it('parses coordinates (decimal, °, E/N, full-width, DMS) and years', () => {
    expect(parseCoordinate('121.5234')).toBe(121.5234);
    expect(parseCoordinate(' 121.5234° ')).toBe(121.5234);
    expect(parseCoordinate('E121.5')).toBe(121.5);
    expect(parseCoordinate('１２１．５')).toBe(121.5);
    expect(parseCoordinate('121°30′36″')).toBeCloseTo(121.51, 10);
    expect(parseCoordinate('见附件')).toBeNaN();
    expect(parseCoordinate('')).toBeNaN();
    expect(parseYear('2024')).toBe(2024);
    expect(parseYear('2024年')).toBe(2024);
    expect(parseYear('2024-05-01')).toBe(2024);
    expect(parseYear('明年')).toBeNull();
    expect(parseYear('20245')).toBeNull();
  });
  it('finds zones by id, full name, or a short form; ambiguous short forms find none', () => {
    expect(zoneByName('cluster-huangnichuan', plan.zones)).toBe('cluster-huangnichuan');
    expect(zoneByName('黄泥川新兴产业组团', plan.zones)).toBe('cluster-huangnichuan');
    expect(zoneByName('黄泥川组团', plan.zones)).toBe('cluster-huangnichuan');
    expect(zoneByName('黄泥川', plan.zones)).toBe('cluster-huangnichuan');
    expect(zoneByName('英歌石科学城', plan.zones)).toBe('science-city');
    expect(zoneByName('英歌石区域', plan.zones)).toBe('science-city-yinggeshi');
    expect(zoneByName('凌水', plan.zones)).toBeNull(); // 凌水湾总部组团 or 凌水中央创新区
    expect(zoneByName('金州湾', plan.zones)).toBeNull();
  });
});

describe('gbk-excel.csv: GBK, CRLF, Chinese headers, GCJ-02 positions', () => {
  it('decodes GB18030 and maps the columns', async () => {
    const source = await readImportFile(fixture('gbk-excel.csv'), 'gbk-excel.csv');
    expect(source.encoding).toBe('gb18030');
    expect(source.format).toBe('csv');
    expect(source.tables[0]!.header).toEqual([
      '序号',
      '项目名称',
      '项目类别',
      '项目状态',
      '所属组团',
      '经度',
      '纬度',
      '签约年份',
    ]);
    expect(source.tables[0]!.rows).toHaveLength(10);
    expect(source.tables[0]!.rows.every((r) => r.cells.every((c) => !c.includes('\r')))).toBe(true);
  });

  it('read as GCJ-02: every row inside its zone, positions back on the WGS84 places', async () => {
    const r = await importFile(fixture('gbk-excel.csv'), 'gbk-excel.csv', plan, {
      datum: 'GCJ-02',
    });
    expect(r.report.counts).toEqual({
      placed: 10,
      inside: 10,
      nearest: 0,
      zoneName: 0,
      noZone: 0,
      rejected: 0,
    });
    expect(r.report.detectedDatum).toBe('GCJ-02');
    expect(outcomes(r.report)).toEqual({
      2: ['inside', 'center-cbd'],
      3: ['inside', 'center-cid'],
      4: ['inside', 'center-cid'],
      5: ['inside', 'cluster-huangnichuan'],
      6: ['inside', 'corridor-east'],
      7: ['inside', 'cluster-longwangtang'],
      8: ['inside', 'science-city-yinggeshi'],
      9: ['inside', 'center-cid'],
      10: ['inside', 'cluster-xiaopingdao'],
      11: ['inside', 'cluster-xiaopingdao'],
    });
    // 七贤岭 (row 2) converted back from GCJ-02 lands on the gazetteer's WGS84 point (< 1 m).
    const qixianling = r.items.find((i) => i.properties.import_row === 2)!;
    const [x, y] = (qixianling.geometry as Point).coordinates;
    const [px, py] = place('七贤岭')!;
    expect(Math.abs(x! - px!)).toBeLessThan(1e-5);
    expect(Math.abs(y! - py!)).toBeLessThan(1e-5);
    expect(qixianling.properties).toMatchObject({
      name_zh: '七贤岭数字经济总部项目',
      status: 'signed',
      category: 'digital',
      kind: 'project',
      imported: true,
      located: true,
      history: [{ year: 2025, status: 'signed', source: 'gbk-excel.csv' }],
    });
    // The zone column disagrees twice: an ambiguous 凌水 and a 凌水湾 project on the CID campus.
    expect(codesAt(r.report)).toEqual([
      ['import-unknown-zone', null, 4, '所属组团'],
      ['import-zone-mismatch', null, 3, '所属组团'],
    ]);
    for (const i of r.report.issues) {
      expect(i.message_en).toMatch(/^row \d+, column "所属组团": /);
      expect(i.message_zh).toMatch(/^第 \d+ 行“所属组团”列:/);
    }
  });

  it('the zones are those the plan analysis gives the same items', async () => {
    const r = await importFile(fixture('gbk-excel.csv'), 'gbk-excel.csv', plan, {
      datum: 'GCJ-02',
    });
    const inModel = zonesInModel(r);
    for (const x of r.report.results) expect(inModel.get(x.itemId!), String(x.row)).toBe(x.zone);
  });

  it('read as WGS84 (the wrong choice), the offset signature says GCJ-02', async () => {
    const r = await importFile(fixture('gbk-excel.csv'), 'gbk-excel.csv', plan, { datum: 'WGS84' });
    expect(r.report.detectedDatum).toBe('GCJ-02');
    const warn = r.report.issues.find((i) => i.code === 'import-datum-suspected');
    expect(warn?.severity).toBe('warning');
    expect(warn?.message_en).toContain('choose GCJ-02');
    expect(warn?.message_zh).toContain('请改选 GCJ-02');
  });
});

describe('utf8-bom-zones.csv: zone names, no coordinates', () => {
  it('attaches each row to its named zone, unlocated; an unknown zone is rejected with row and column', async () => {
    const r = await importFile(fixture('utf8-bom-zones.csv'), 'utf8-bom-zones.csv', plan);
    expect(r.report.encoding).toBe('utf-8');
    expect(r.report.columns).toMatchObject({
      name: '项目名称',
      zone: '所属组团',
      lng: null,
      lat: null,
    });
    expect(r.report.counts).toEqual({
      placed: 0,
      inside: 0,
      nearest: 0,
      zoneName: 6,
      noZone: 0,
      rejected: 1,
    });
    expect(outcomes(r.report)).toEqual({
      2: ['zone-name', 'cluster-huangnichuan'],
      3: ['zone-name', 'cluster-longwangtang'],
      4: ['zone-name', 'science-city'],
      5: ['zone-name', 'cluster-lingshuiwan'],
      6: ['zone-name', 'cluster-xiaopingdao'],
      7: ['zone-name', 'cluster-miaoling'],
      8: ['rejected', null],
    });
    expect(codesAt(r.report)).toEqual([['import-unknown-zone', null, 8, '所属组团']]);
    expect(r.report.issues[0]!.message_zh).toContain('金州湾');
    for (const i of r.items) {
      expect(i.geometry).toBeNull();
      expect(i.properties.located).toBe(false);
      expect(i.properties.zone).toBe(
        r.report.results.find((x) => x.itemId === i.properties.id)!.zone,
      );
    }
    // The zone's ancestors count it too, as for the plan's own items.
    expect(r.memberships.find((m) => m.zone === 'science-city')!.method).toBe('explicit');
    expect(r.items[0]!.properties).toMatchObject({ status: 'signed', category: 'clean-energy' });
  });
});

describe('two-sheets.xlsx: two sheets, merged title and header cells', () => {
  it('reads both sheets with the two-row header merged', async () => {
    const source = await readImportFile(fixture('two-sheets.xlsx'), 'two-sheets.xlsx');
    expect(source.format).toBe('xlsx');
    expect(source.issues).toEqual([]);
    expect(source.tables.map((t) => [t.sheet, t.headerRow, t.rows.length])).toEqual([
      ['2025签约', 3, 3],
      ['2024续建', 3, 2],
    ]);
    expect(source.tables[0]!.header).toEqual([
      '项目名称',
      '经度',
      '纬度',
      '状态',
      '产业类别',
      '年份',
    ]);
  });

  it('places every row inside its zone, naming the sheet in each result', async () => {
    const r = await importFile(fixture('two-sheets.xlsx'), 'two-sheets.xlsx', plan);
    expect(r.report.datum).toBe('WGS84'); // from the header 位置(WGS84)
    expect(r.report.detectedDatum).toBe('WGS84');
    expect(r.report.counts).toEqual({
      placed: 5,
      inside: 5,
      nearest: 0,
      zoneName: 0,
      noZone: 0,
      rejected: 0,
    });
    expect(outcomes(r.report)).toEqual({
      '2025签约!4': ['inside', 'center-cbd'],
      '2025签约!5': ['inside', 'center-cbd'],
      '2025签约!6': ['inside', 'cluster-huangnichuan'],
      '2024续建!4': ['inside', 'center-cid'],
      '2024续建!5': ['inside', 'center-cid'],
    });
    expect(r.report.issues).toEqual([]);
    const machine = r.items.find((i) => i.properties.name_zh === '黄泥川工业母机项目')!;
    expect(machine.properties).toMatchObject({
      category: 'intelligent-manufacturing',
      status: 'signed',
      import_sheet: '2025签约',
      import_row: 6,
      history: [{ year: 2025, status: 'signed' }],
    });
    const inModel = zonesInModel(r);
    for (const x of r.report.results) expect(inModel.get(x.itemId!)).toBe(x.zone);
  });
});

describe('bad-rows.csv: the report names each bad row, its column and the reason', () => {
  it('rejects what cannot be placed, keeps the good rows, reports every problem in zh and en', async () => {
    const r = await importFile(fixture('bad-rows.csv'), 'bad-rows.csv', plan);
    expect(r.report.counts).toEqual({
      placed: 2,
      inside: 2,
      nearest: 0,
      zoneName: 1,
      noZone: 0,
      rejected: 3,
    });
    expect(outcomes(r.report)).toEqual({
      2: ['inside', 'center-cbd'],
      3: ['rejected', null], // no name
      4: ['rejected', null], // 见附件 in the longitude
      5: ['rejected', null], // Beijing
      6: ['inside', 'corridor-east'], // 暂缓: unknown status, still placed
      7: ['zone-name', 'cluster-longwangtang'], // 待定 in the longitude, but a zone name
    });
    expect(codesAt(r.report)).toEqual([
      ['import-missing-name', null, 3, 'name'],
      ['import-bad-coordinate', null, 4, 'lng'],
      ['import-outside-plan', null, 5, 'lng'],
      ['import-unknown-status', null, 6, 'status'],
      ['import-bad-coordinate', null, 7, 'lng'],
    ]);
    const byRow = new Map(r.report.issues.map((i) => [i.row, i]));
    expect(byRow.get(4)!.message_en).toContain('"见附件" is not a longitude');
    expect(byRow.get(4)!.message_zh).toContain('“见附件”不是以度为单位的经度');
    expect(byRow.get(5)!.message_en).toContain('116.310316, 39.992707');
    expect(byRow.get(6)!.message_zh).toContain('暂缓');
    expect(r.items.find((i) => i.properties.import_row === 6)!.properties.status).toBe('planned');
    for (const i of r.report.issues) {
      expect(IMPORT_ISSUE_SEVERITY[i.code]).toBe(i.severity);
      expect(i.file).toBe('bad-rows.csv');
    }
  });
});

describe('points.geojson', () => {
  it('takes positions from point geometries; the nearest zone within the plan distance; lines rejected', async () => {
    const r = await importFile(fixture('points.geojson'), 'points.geojson', plan);
    expect(r.report.format).toBe('geojson');
    expect(r.report.counts).toEqual({
      placed: 2,
      inside: 0,
      nearest: 1,
      zoneName: 0,
      noZone: 1,
      rejected: 1,
    });
    expect(outcomes(r.report)).toEqual({
      1: ['nearest', 'center-cid'],
      2: ['no-zone', null],
      3: ['rejected', null],
    });
    expect(codesAt(r.report)).toEqual([
      ['import-unsupported-geometry', null, 3, 'geometry'],
      ['import-no-zone', null, 2, null],
    ]);
    const nearest = r.memberships.find((m) => m.method === 'nearest')!;
    expect(nearest.distanceM).toBeLessThanOrEqual(plan.attachWithinM);
  });
});

describe('files that are not tables', () => {
  it('a damaged .xlsx and non-JSON GeoJSON give import-unreadable, not an exception', async () => {
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5]);
    const a = await importFile(zip, 'broken.xlsx', plan);
    expect(a.report.issues.map((i) => i.code)).toEqual(['import-unreadable']);
    expect(a.items).toEqual([]);
    const b = await importFile(new TextEncoder().encode('{"type": "Featu'), 'x.geojson', plan);
    expect(b.report.issues.map((i) => i.code)).toEqual(['import-unreadable']);
  });
  it('a table without a name column imports nothing and says so', async () => {
    const csv = new TextEncoder().encode('经度,纬度\n121.52,38.86\n');
    const r = await importFile(csv, 'x.csv', plan);
    expect(r.report.issues.map((i) => i.code)).toEqual(['import-no-name-column']);
    expect(r.report.counts.rejected).toBe(1);
  });
  it('tab-separated text (Excel "Unicode text") with swapped coordinates', async () => {
    const text = '名称\t经度\t纬度\n某项目\t38.85616\t121.52234\n';
    const utf16 = new Uint8Array([
      0xff,
      0xfe,
      ...new Uint8Array(Uint16Array.from(text, (c) => c.charCodeAt(0)).buffer),
    ]);
    const r = await importFile(utf16, 'list.txt', plan);
    expect(r.report.format).toBe('tsv');
    expect(r.report.encoding).toBe('utf-16le');
    expect(codesAt(r.report)).toEqual([['import-lonlat-swapped', null, 2, '经度']]);
    expect(outcomes(r.report)).toEqual({ 2: ['inside', 'center-cbd'] });
  });
});

describe('BD-09 positions', () => {
  it('are converted when chosen, and the signature flags them when read as WGS84', async () => {
    // Places with no other reference place within the BD-09 shift (≈ 1.3 km), so each matches itself.
    const names = ['黄泥川', '龙王塘', '英歌石', '蔡大岭', '大连软件园/东软信息学院', '塔河湾'];
    const bd = (n: string) =>
      gcoord.transform(place(n) as [number, number], gcoord.WGS84, gcoord.BD09);
    const csv = `名称,经度(百度),纬度(百度)\n${names.map((n) => `${n}项目,${bd(n).join(',')}`).join('\n')}\n`;
    const bytes = new TextEncoder().encode(csv);
    const chosen = await importFile(bytes, 'bd.csv', plan);
    expect(chosen.report.datum).toBe<Datum>('BD-09');
    expect(chosen.report.detectedDatum).toBe('BD-09');
    expect(chosen.report.issues).toEqual([]);
    const wrong = await importFile(bytes, 'bd.csv', plan, { datum: 'WGS84' });
    expect(wrong.report.issues.map((i) => i.code)).toContain('import-datum-suspected');
  });
});

describe('IMPORT_ISSUE_CODES', () => {
  const source = readFileSync(new URL('../../src/import/issues.ts', import.meta.url), 'utf8');
  it('the JSDoc table lists exactly the codes, with their severity', () => {
    const rows = [...source.matchAll(/^ \* \| `([a-z0-9-]+)` \| (error|warning) \| (.+) \|$/gm)];
    expect(Object.fromEntries(rows.map((r) => [r[1], r[2]]))).toEqual(IMPORT_ISSUE_SEVERITY);
    expect(rows.map((r) => r[1])).toEqual(Object.keys(IMPORT_ISSUE_CODES));
  });
  it('every code is one the import can emit (named in rows.ts or read.ts)', () => {
    const code = ['rows.ts', 'read.ts'].map((f) =>
      readFileSync(new URL(`../../src/import/${f}`, import.meta.url), 'utf8'),
    );
    for (const c of Object.keys(IMPORT_ISSUE_CODES) as ImportIssueCode[]) {
      expect(
        code.some((s) => s.includes(`'${c}'`)),
        c,
      ).toBe(true);
    }
  });
});

describe('other problems, each with its code', () => {
  it('unknown kind and category words, a bad year: reported, the row still imported', async () => {
    const csv = [
      '名称,种类,类别,年份,经度,纬度',
      '甲项目,仓库,物流,明年,121.52234,38.85616',
      '乙平台,平台,软件,2023年,121.44364,38.85479',
    ].join('\n');
    const r = await importFile(new TextEncoder().encode(csv), 'words.csv', plan);
    expect(codesAt(r.report)).toEqual([
      ['import-unknown-category', null, 2, '类别'],
      ['import-unknown-kind', null, 2, '种类'],
      ['import-bad-year', null, 2, '年份'],
    ]);
    expect(
      r.items.map((i) => [i.properties.kind, i.properties.category, i.properties.history]),
    ).toEqual([
      ['project', '物流', undefined],
      ['lab', 'digital', [{ year: 2023, status: 'planned', source: 'words.csv' }]],
    ]);
  });

  it('no position and no zone columns: said once, every row rejected with its reason', async () => {
    const r = await importFile(
      new TextEncoder().encode('名称,状态\n甲,签约\n乙,在建\n'),
      'x.csv',
      plan,
    );
    expect(r.report.issues.map((i) => i.code)).toEqual([
      'import-no-position-columns',
      'import-bad-coordinate',
      'import-bad-coordinate',
    ]);
    expect(r.report.counts.rejected).toBe(2);
  });

  it(`more than ${IMPORT_MAX_ROWS} rows: the rest left out, said so`, async () => {
    const lines = ['名称,所属组团'];
    for (let i = 0; i < IMPORT_MAX_ROWS + 5; i++) lines.push(`项目${i},黄泥川`);
    const r = await importFile(new TextEncoder().encode(lines.join('\n')), 'big.csv', plan);
    expect(r.report.rows).toBe(IMPORT_MAX_ROWS);
    expect(r.report.issues.map((i) => i.code)).toEqual(['import-too-many-rows']);
    expect(r.report.issues[0]!.message_en).toContain('the last 5 were left out');
    expect(r.report.counts.zoneName).toBe(IMPORT_MAX_ROWS);
  });

  it('a file over IMPORT_MAX_BYTES is refused unread', async () => {
    const r = await importFile(new Uint8Array(IMPORT_MAX_BYTES + 1), 'huge.csv', plan);
    expect(r.report.issues.map((i) => i.code)).toEqual(['import-file-too-large']);
    expect(r.report.issues[0]!.message_en).toContain('over the 16.0 MB');
    expect(r.items).toEqual([]);
  });

  it('an .xlsx sheet of notes is skipped with a warning; the data sheet is read', async () => {
    const { default: writeXlsxFile } = await import('write-excel-file/node');
    const buffer = await writeXlsxFile([
      { sheet: '说明', data: [[{ value: '本表由招商局整理,坐标取自高德地图。' }]] },
      {
        sheet: '项目',
        data: [
          [{ value: '项目名称' }, { value: '所属组团' }],
          [{ value: '丙项目' }, { value: '庙岭新材料组团' }],
        ],
      },
    ]).toBuffer();
    const r = await importFile(new Uint8Array(buffer), 'notes.xlsx', plan);
    expect(codesAt(r.report)).toEqual([['import-sheet-skipped', '说明', null, null]]);
    expect(outcomes(r.report)).toEqual({ '项目!2': ['zone-name', 'cluster-miaoling'] });
  });
});
