/**
 * Search keys (Chinese, English, full pinyin, initials) and ranking. The pinyin comes with the
 * data; here it is derived with the real pinyin-pro dictionary, as the data builders do.
 */
import { pinyin } from 'pinyin-pro';
import { describe, expect, it } from 'vitest';
import {
  buildSearchIndex,
  ITEM_GROUP,
  MATCH,
  pinyinKeys,
  search,
  searchEntry,
} from '../../src/plan/search.js';
import type { PlanFeature } from '../../src/plan/types.js';
import { builtinModel } from './builtin.js';

const keysOf = (name: string) =>
  pinyinKeys(
    pinyin(name, { type: 'all', toneType: 'none', v: true, nonZh: 'consecutive' }).map((p) => ({
      pinyin: p.isZh ? p.pinyin : p.origin,
      zh: p.isZh,
    })),
  );

const feature = (id: string, kind: string, name_zh: string, name_en: string, keys = true) =>
  ({
    type: 'Feature',
    geometry: null,
    properties: { id, kind, name_zh, name_en, sources: [], ...(keys ? keysOf(name_zh) : {}) },
  }) as unknown as PlanFeature;

describe('pinyin keys', () => {
  it('full pinyin without tones, one token per character; initials', () => {
    expect(keysOf('黄泥川新兴产业组团')).toEqual({
      pinyin_full: 'huang ni chuan xin xing chan ye zu tuan',
      pinyin_initials: 'hncxxcyzt',
    });
  });
  it('keeps runs of Latin letters and digits whole, lower-cased; ü as v; drops punctuation', () => {
    expect(keysOf('凌水湾66kV变电站')).toEqual({
      pinyin_full: 'ling shui wan 66kv bian dian zhan',
      pinyin_initials: 'lsw66kvbdz',
    });
    expect(keysOf('绿色').pinyin_full).toBe('lv se');
    expect(keysOf('凌水中央创新区(CID)').pinyin_initials).toBe('lszycxqcid');
  });
  it('become syllable starts and initials in the search entry', () => {
    const e = searchEntry(feature('c', 'cluster', '黄泥川新兴产业组团', 'Huangnichuan Cluster'));
    expect(e.full).toBe('huangnichuanxinxingchanyezutuan');
    expect(e.initials).toBe('hncxxcyzt');
    expect(e.starts.slice(0, 3)).toEqual([0, 5, 7]);
  });
  it('without keys in the data, names still match, pinyin does not', () => {
    const index = {
      entries: [searchEntry(feature('c', 'cluster', '黄泥川', 'Huangnichuan', false))],
    };
    expect(search(index, '黄泥川')).toHaveLength(1);
    expect(search(index, 'huangnichuan')).toHaveLength(1); // the English name
    expect(search(index, 'hnc')).toEqual([]);
  });
});

describe('search on the built-in plan', () => {
  const model = builtinModel();
  const index = buildSearchIndex(model);
  const first = (q: string) => search(index, q)[0]?.entry.id;

  it('pinyin `huangnichuan` and initials `hnc` find the 黄泥川 cluster first', () => {
    expect(first('huangnichuan')).toBe('cluster-huangnichuan');
    expect(first('hnc')).toBe('cluster-huangnichuan');
    expect(first('HNC')).toBe('cluster-huangnichuan');
    expect(first('huang ni chuan')).toBe('cluster-huangnichuan');
    // …then the node and the items named after the place.
    const ids = search(index, 'hnc').map((h) => h.entry.id);
    expect(ids.indexOf('node-huangnichuan')).toBe(1);
    expect(ids).toContain('park-huangnichuan-intelligent-manufacturing');
    const hit = search(index, 'hnc')[0]!;
    expect([hit.key, hit.quality]).toEqual(['initials', MATCH.prefix]);
  });
  it('matches inside longer names from a syllable start only', () => {
    expect(search(index, 'xinxing').map((h) => h.entry.id)).toContain('cluster-huangnichuan');
    expect(search(index, 'nxingch')).toEqual([]);
  });
  it('matches Chinese and English names', () => {
    expect(first('黄泥川')).toBe('cluster-huangnichuan');
    expect(first('science city')).toBe('science-city');
    const hit = search(index, 'emerging')[0]!;
    expect(hit.entry.id).toBe('cluster-huangnichuan');
    expect(hit.key).toBe('en');
    expect(hit.quality).toBe(MATCH.word);
  });
  it('ranks zones before subzones, nodes and items among names that start with the query', () => {
    const starts = search(index, 'longwangtang').filter((h) => h.quality <= MATCH.prefix);
    const groups = starts.map((h) => h.entry.group);
    expect(groups).toEqual([...groups].sort((a, b) => a - b));
    expect(first('longwangtang')).toBe('cluster-longwangtang');
    // 英歌石科学城 before its shorter subzone 英歌石区域.
    expect(first('英歌石')).toBe('science-city');
    expect(search(index, '英歌石')[1]!.entry.id).toBe('science-city-yinggeshi');
  });
  it('honours `accept` (the element offers only items the filters show)', () => {
    const ids = search(index, 'hnc', (e) => e.group !== ITEM_GROUP).map((h) => h.entry.id);
    expect(ids).toEqual(['cluster-huangnichuan', 'node-huangnichuan', 'industrial-corridor']);
  });
  it('finds nothing for an empty query', () => {
    expect(search(index, '  ')).toEqual([]);
  });
});

describe('aliases (other names of a merged entity)', () => {
  const lab = () => {
    const f = feature(
      'lab-liaoning-lab-intelligent-manufacturing',
      'lab',
      '辽宁实验室智能制造研究中心',
      'Liaoning Laboratory Intelligent Manufacturing Research Centre',
    );
    Object.assign(f.properties, {
      aliases: ['辽宁黄海实验室', 'Huanghai Lab'],
      aliases_pinyin: [keysOf('辽宁黄海实验室').pinyin_full, 'huanghai lab'],
    });
    return f;
  };

  it('are found by their Chinese text, English text and pinyin', () => {
    const index = { entries: [searchEntry(lab())] };
    for (const q of ['黄海实验室', 'huanghai lab', 'huanghaishiyanshi', 'liaoninghuanghai']) {
      const hits = search(index, q);
      expect(
        hits.map((h) => [h.entry.id, h.key]),
        q,
      ).toEqual([['lab-liaoning-lab-intelligent-manufacturing', 'alias']]);
    }
    expect(search(index, '滨海')).toEqual([]);
  });

  it('malformed aliases from a foreign plan are ignored, never thrown on', () => {
    const f = lab();
    Object.assign(f.properties, { aliases: [42, null, ''], aliases_pinyin: 'x' });
    expect(searchEntry(f).aliases).toEqual([]);
    Object.assign(f.properties, { aliases: 'not a list' });
    expect(searchEntry(f).aliases).toEqual([]);
  });

  it('the built-in plan finds the merged labs by the names public reports use', () => {
    const index = buildSearchIndex(builtinModel());
    const first = (q: string) => search(index, q)[0]?.entry.id;
    expect(first('辽宁黄海实验室')).toBe('lab-liaoning-lab-intelligent-manufacturing');
    expect(first('辽宁滨海实验室')).toBe('lab-liaoning-lab-fine-chemicals-catalysis');
    expect(first('大连凌水湾高级实验室')).toBe('lab-lingshuiwan-laboratory');
  });
});
