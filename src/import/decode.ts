/**
 * Text from the bytes of a spreadsheet export. Excel on Chinese Windows saves "CSV" in the ANSI
 * code page, GBK (936); newer Excel offers "CSV UTF-8" (with a BOM); "Unicode text" is UTF-16LE
 * with a BOM and tabs. GB18030 is a superset of GBK, so it reads both.
 *
 * Order: a BOM decides; else bytes that are valid UTF-8 are UTF-8 (GBK text of any length is
 * practically never valid UTF-8: its lead bytes 0x81–0xFE followed by 0x40–0xFE break UTF-8's
 * continuation rules); else GB18030. Uses the platform `TextDecoder` (browsers, Node with ICU).
 */

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
  /** Whether the bytes began with a byte order mark (removed from `text`). */
  bom: boolean;
}

export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return {
      text: new TextDecoder('utf-8').decode(bytes.subarray(3)),
      encoding: 'utf-8',
      bom: true,
    };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return {
      text: new TextDecoder('utf-16le').decode(bytes.subarray(2)),
      encoding: 'utf-16le',
      bom: true,
    };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return {
      text: new TextDecoder('utf-16be').decode(bytes.subarray(2)),
      encoding: 'utf-16be',
      bom: true,
    };
  }
  try {
    // `ignoreBOM` only matters with a BOM, handled above; `fatal` makes invalid UTF-8 throw.
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { text, encoding: 'utf-8', bom: false };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030', bom: false };
  }
}
