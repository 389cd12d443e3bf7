import { describe, expect, it } from 'vitest';
import { isPacked, packedForm, packInts, storedLength, unpackInts } from '../../src/core/packed-ints';

describe('whole numbers packed from their least value', () => {
  it('takes 1, 2 or 3 bytes a value by the range, little-endian, and reads each value back', () => {
    // Range 255: one byte (0 and 255 above 1,000).
    const one = packInts(Uint32Array.of(1_000, 1_255, 1_007), 0, 3)!;
    expect([one.base, one.width, Array.from(one.bytes)]).toEqual([1_000, 1, [0, 255, 7]]);
    // Two bytes: −1,999 … 8,421 (8,421 is 10,420 = 0x28B4 above the least, 7 is 2,006 = 0x07D6).
    const two = packInts(Int32Array.of(8_421, -1_999, 7), 0, 3)!;
    expect([two.base, two.width, Array.from(two.bytes)]).toEqual([-1_999, 2, [0xb4, 0x28, 0, 0, 0xd6, 0x07]]);
    // Range 2^24 − 1: three bytes.
    const three = packInts(Uint32Array.of(5, 5 + 0xffffff, 0x123456 + 5), 0, 3)!;
    expect([three.width, Array.from(three.bytes)]).toEqual([3, [0, 0, 0, 0xff, 0xff, 0xff, 0x56, 0x34, 0x12]]);
    for (const [packed, values] of [[one, [1_000, 1_255, 1_007]], [two, [8_421, -1_999, 7]], [three, [5, 5 + 0xffffff, 0x123456 + 5]]] as const) {
      const out = new Int32Array(5);
      unpackInts(packed, out, 1);
      expect(Array.from(out)).toEqual([0, ...values, 0]);
      expect(storedLength(packed)).toBe(3);
    }
  });

  it('packs a range of the array only, into the bytes it is given', () => {
    const days = Uint16Array.of(9, 19_723, 19_725, 19_724, 40_000);
    const given = new Uint8Array(3).fill(99);
    const packed = packInts(days, 1, 4, (n) => (n === 3 ? given : new Uint8Array(n)))!;
    expect(packed.bytes).toBe(given);
    expect([packed.base, packed.width, Array.from(given)]).toEqual([19_723, 1, [0, 2, 1]]);
  });

  it('is not made when it would take as many bytes as the array (or more)', () => {
    // 16-bit values spanning 256 or more, 32-bit ones spanning 2^24, bytes, and nothing at all.
    expect(packedForm(Uint16Array.of(0, 256), 0, 2)).toBeNull();
    expect(packInts(Int32Array.of(-1, 0xffffff), 0, 2)).toBeNull();
    expect(packInts(Uint8Array.of(1, 2), 0, 2)).toBeNull();
    expect(packInts(Uint32Array.of(1, 2), 1, 1)).toBeNull();
    expect(packedForm(Int32Array.of(-2_000_000_000, 2_000_000_000), 0, 2)).toBeNull();
  });

  it('tells a packed column from an array', () => {
    expect(isPacked(packInts(Uint32Array.of(3, 4), 0, 2))).toBe(true);
    expect([isPacked(Uint32Array.of(3)), isPacked(null), isPacked({ width: 1 })]).toEqual([false, false, false]);
    expect(storedLength(Uint16Array.of(1, 2, 3))).toBe(3);
  });
});
