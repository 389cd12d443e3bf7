import { describe, expect, it } from 'vitest';
import { release } from '../../src/core/release';

describe('giving an array\'s memory back at once', () => {
  it('empties the array and every view of its buffer, once, and lets alone what it is not given', () => {
    const a = Float64Array.of(1, 2, 3);
    const view = new Uint8Array(a.buffer, 8, 8);
    const other = Int32Array.of(7);
    release(a, null, undefined);
    expect([a.length, view.length, a.buffer.byteLength]).toEqual([0, 0, 0]);
    expect(Array.from(other)).toEqual([7]);
    // A second release of the same buffer has nothing left to give back, and does not throw.
    expect(() => release(a, view)).not.toThrow();
  });
});
