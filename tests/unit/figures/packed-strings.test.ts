/**
 * Ids kept packed (utf16-text.ts: code units and each one's end, as the import's dictionaries keep them) come back
 * equal as strings, whatever their characters, from the start of the units or from a later part of them.
 */
import { describe, expect, it } from 'vitest';
import { unpackStrings } from '../../../src/core/utf16-text';

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
});
