/**
 * Ids kept packed (utf16-text.ts: code units and each one's end, as the import's dictionaries keep them) come back
 * equal as strings, whatever their characters, from the start of the units or from a later part of them.
 */
import { describe, expect, it } from 'vitest';
import { latin1Text, unpackStrings } from '../../../src/core/utf16-text';
import { CodeDictionary } from '../../../src/core/import/code-dictionary';

function packed(ids: string[], base = 0) {
  const units = Uint16Array.from([...ids.join('')].flatMap((ch) => Array.from({ length: ch.length }, (_, i) => ch.charCodeAt(i))));
  let at = base;
  return { units, ends: Int32Array.from(ids, (id) => (at += id.length)) };
}

describe('packed strings', () => {
  it('come back equal: empty, accented, Thai, Latin-1 controls, long', () => {
    const ids = ['C0001', '', 'khách@shop.vn', 'Nguyễn Văn Ả', 'ลูกค้า 7', '\u0080\u009f\u00ff', 'x'.repeat(70_000), '0'];
    const p = packed(ids);
    expect(Array.from(p.ends)).toEqual([5, 5, 18, 30, 38, 41, 70_041, 70_042]);
    expect(unpackStrings(structuredClone(p))).toEqual(ids);
    expect(unpackStrings(packed([]))).toEqual([]);
  });

  it('are appended after what the array holds, counted from where their units start', () => {
    expect(unpackStrings(packed(['B7', 'C8'], 100), ['A1'], 100)).toEqual(['A1', 'B7', 'C8']);
  });

  it('one-byte characters read as Latin-1: ASCII as it is, 0x80 as U+0080 (not windows-1252\'s €), é from 0xE9', () => {
    expect(latin1Text(Uint8Array.from([0x43, 0x30, 0x31]))).toBe('C01');
    expect(latin1Text(Uint8Array.from([0x43, 0x80, 0xe9, 0xff, 0x7f]))).toBe('C\u0080é\u00ff\u007f');
    expect(latin1Text(new Uint8Array(0))).toBe('');
  });

  it('a dictionary of ids in one byte each gives them back, ASCII or Latin-1', () => {
    for (const ids of [['C0001', '', 'x'.repeat(40), '17850'], ['Café', 'C0001', '\u0080\u00ff', 'Zoë']]) {
      const dict = new CodeDictionary();
      for (const id of ids) dict.id(id);
      const strings: string[] = [];
      dict.appendStrings(strings);
      expect(strings).toEqual(ids);
    }
  });
});
