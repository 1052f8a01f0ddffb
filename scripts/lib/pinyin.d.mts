/** Search keys of a Chinese name (see pinyin.mjs). */
export function pinyinKeys(nameZh: string): { pinyin_full: string; pinyin_initials: string };
