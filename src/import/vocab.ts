/**
 * The words spreadsheets use for status, category and kind, mapped to the plan's vocabularies
 * (src/plan/types.ts). Chinese progress reports say 签约 / 开工 / 在建 / 竣工 / 投产; English
 * ones the vocabulary's own words. A word is matched whole after trimming, else by the longest
 * known word it contains (`已于2024年开工` → under construction); unknown words are reported.
 */
import {
  ITEM_CATEGORIES,
  ITEM_KINDS,
  type ItemCategory,
  type ItemKind,
  type ItemStatus,
  STATUSES,
} from '../plan/types.js';

const STATUS_WORDS: Record<string, ItemStatus> = {
  规划: 'planned',
  拟建: 'planned',
  谋划: 'planned',
  储备: 'planned',
  前期: 'planned',
  洽谈: 'planned',
  在谈: 'planned',
  未签约: 'planned',
  签约: 'signed',
  已签约: 'signed',
  签订: 'signed',
  落户: 'signed',
  已落户: 'signed',
  注册: 'signed',
  供地: 'land-supplied',
  已供地: 'land-supplied',
  摘牌: 'land-supplied',
  拿地: 'land-supplied',
  开工: 'under-construction',
  已开工: 'under-construction',
  新开工: 'under-construction',
  在建: 'under-construction',
  建设中: 'under-construction',
  续建: 'under-construction',
  施工: 'under-construction',
  竣工: 'completed',
  已竣工: 'completed',
  建成: 'completed',
  已建成: 'completed',
  完工: 'completed',
  交付: 'completed',
  投产: 'operating',
  已投产: 'operating',
  达产: 'operating',
  运营: 'operating',
  运营中: 'operating',
  投运: 'operating',
  投用: 'operating',
  投入使用: 'operating',
  开业: 'operating',
  营业: 'operating',
  // English words beside the vocabulary's own.
  proposed: 'planned',
  planning: 'planned',
  construction: 'under-construction',
  'under construction': 'under-construction',
  building: 'under-construction',
  'land supplied': 'land-supplied',
  built: 'completed',
  finished: 'completed',
  operational: 'operating',
  'in operation': 'operating',
  open: 'operating',
};
for (const s of STATUSES) STATUS_WORDS[s] = s;

const CATEGORY_WORDS: Record<string, ItemCategory> = {
  数字: 'digital',
  数字经济: 'digital',
  数字技术: 'digital',
  软件: 'digital',
  软件和信息服务: 'digital',
  信息技术: 'digital',
  人工智能: 'digital',
  集成电路: 'digital',
  大数据: 'digital',
  清洁能源: 'clean-energy',
  洁净能源: 'clean-energy',
  新能源: 'clean-energy',
  氢能: 'clean-energy',
  储能: 'clean-energy',
  生命健康: 'life-health',
  生物医药: 'life-health',
  医疗器械: 'life-health',
  大健康: 'life-health',
  智能制造: 'intelligent-manufacturing',
  高端装备: 'intelligent-manufacturing',
  装备制造: 'intelligent-manufacturing',
  新材料: 'new-materials',
  智慧海洋: 'smart-ocean',
  海洋: 'smart-ocean',
  文化创意: 'culture-creative',
  文创: 'culture-creative',
  传媒: 'culture-creative',
  金融: 'finance',
  孵化: 'incubator',
  孵化器: 'incubator',
  众创空间: 'incubator',
  科研: 'research',
  研发: 'research',
  教育: 'education',
  医疗: 'health',
  医疗卫生: 'health',
  道路: 'road',
  供水: 'water',
  电力: 'power',
  污水处理: 'sewage',
  供热: 'heating',
  交通: 'transit',
  航空: 'aviation',
  产业园: 'park',
  燃气: 'gas',
  城市开发: 'urban-development',
  公共服务: 'public-service',
};
for (const c of ITEM_CATEGORIES) CATEGORY_WORDS[c] = c;

const KIND_WORDS: Record<string, ItemKind> = {
  项目: 'project',
  产业项目: 'project',
  招商项目: 'project',
  企业: 'project',
  实验室: 'lab',
  平台: 'lab',
  研发平台: 'lab',
  创新平台: 'lab',
  基础设施: 'infrastructure',
  基建: 'infrastructure',
  配套: 'infrastructure',
  platform: 'lab',
  laboratory: 'lab',
};
for (const k of ITEM_KINDS) KIND_WORDS[k] = k;

function lookup<T>(words: Record<string, T>, raw: string): T | null {
  const w = raw.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');
  if (w === '') return null;
  if (Object.hasOwn(words, w)) return words[w]!;
  // A negated step (未开工, 尚未签约) says what has not happened: not a status; reported.
  if (/^(未|尚未|暂未|还未|没有)/.test(w)) return null;
  // The longest known word inside the text: `已于2024年开工` → 开工; `2025年新开工` → 新开工.
  let best: string | null = null;
  for (const k of Object.keys(words)) {
    if (k.length >= 2 && w.includes(k) && (best === null || k.length > best.length)) best = k;
  }
  return best === null ? null : words[best]!;
}

/** The status a word stands for, or null when it is not recognised. */
export function statusOfWord(raw: string): ItemStatus | null {
  return lookup(STATUS_WORDS, raw);
}

/** The category a word stands for, or null when it is not recognised. */
export function categoryOfWord(raw: string): ItemCategory | null {
  return lookup(CATEGORY_WORDS, raw);
}

/** The item kind a word stands for, or null when it is not recognised. */
export function kindOfWord(raw: string): ItemKind | null {
  return lookup(KIND_WORDS, raw);
}
