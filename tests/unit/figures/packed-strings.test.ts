/**
 * Customer ids sent to the page packed (utf16-text.ts): they come back equal, whatever their characters, and ids the
 * decode could alter (a surrogate) are left as strings.
 */
import { describe, expect, it } from 'vitest';
import { packStrings, unpackStrings } from '../../../src/core/utf16-text';

describe('packed strings', () => {
  it('come back equal: empty, accented, Thai, Latin-1 controls, long', () => {
    const ids = ['C0001', '', 'khách@shop.vn', 'Nguyễn Văn Ả', 'ลูกค้า 7', '\u0080\u009f\u00ff', 'x'.repeat(70_000), '0'];
    const packed = packStrings(ids)!;
    expect(Array.from(packed.ends)).toEqual([5, 5, 18, 30, 38, 41, 70_041, 70_042]);
    expect(unpackStrings(structuredClone(packed))).toEqual(ids);
    expect(unpackStrings(packStrings([])!)).toEqual([]);
  });

  it('are not packed when an id holds a surrogate (an emoji), paired or not', () => {
    expect(packStrings(['A', 'shop 🛒'])).toBeNull();
    expect(packStrings(['A', 'lone \ud800'])).toBeNull();
  });
});
