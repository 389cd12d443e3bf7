/** Text as character codes (src/core/import/chars.ts): the arrays the record reader and the cell readers read. */
import { describe, expect, it } from 'vitest';
import { charsOf, charsText, joinedChars, KeptChars } from '../../../src/core/import/chars';

describe('characters as codes', () => {
  it('keeps a string in one byte a character when every one fits, in two otherwise', () => {
    const pound = charsOf('£12,5');
    expect(pound).toBeInstanceOf(Uint8Array);
    expect(Array.from(pound)).toEqual([0xa3, 0x31, 0x32, 0x2c, 0x35]);
    const vietnamese = charsOf('Nguyễn');
    expect(vietnamese).toBeInstanceOf(Uint16Array);
    expect(Array.from(vietnamese)).toEqual([0x4e, 0x67, 0x75, 0x79, 0x1ec5, 0x6e]);
  });

  it('gives the same string back, short or long, one byte or two', () => {
    for (const text of ['', 'C1', 'Café £5 · à bientôt', 'x'.repeat(70) + '£', 'Nguyễn Văn Ánh 😀', 'ลูกค้า'.repeat(20)]) {
      const chars = charsOf(text);
      expect(charsText(chars, 0, chars.length)).toBe(text);
    }
    expect(charsText(charsOf('ab£cd'), 1, 4)).toBe('b£c');
  });

  it('joins a one-byte and a two-byte piece into two bytes a character', () => {
    const joined = joinedChars([charsOf('ab£').subarray(1, 3), charsOf('ễx')]);
    expect(joined).toBeInstanceOf(Uint16Array);
    expect(charsText(joined, 0, joined.length)).toBe('b£ễx');
    const narrow = joinedChars([charsOf('ab'), charsOf('cd').subarray(1, 2), charsOf('£')]);
    expect(narrow).toBeInstanceOf(Uint8Array);
    expect(charsText(narrow, 0, narrow.length)).toBe('abd£');
  });

  it('keeps a cell as a copy, equal to the same characters in either width', () => {
    const kept = new KeptChars();
    const cell = charsOf(',KH01,');
    kept.keep(cell, 1, 5);
    cell.fill(0x58);
    expect(kept.equals(charsOf('KH01'), 0, 4)).toBe(true);
    expect(kept.equals(new Uint16Array([0x4b, 0x48, 0x30, 0x31]), 0, 4)).toBe(true);
    expect(kept.equals(charsOf('KH02'), 0, 4)).toBe(false);
    expect(kept.equals(charsOf('KH0'), 0, 3)).toBe(false);
    kept.keep(charsOf('Ánh ễ'), 0, 5);
    expect(kept.equals(charsOf('xÁnh ễ'), 1, 6)).toBe(true);
    kept.clear();
    expect(kept.equals(charsOf(''), 0, 0)).toBe(false);
  });
});
