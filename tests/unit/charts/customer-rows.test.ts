import { describe, expect, it } from 'vitest';
import { visibleWindow } from '../../../src/views/customer-rows';
import { sortByNumber } from '../../../src/core/sort-by-number';

describe('customer table window', () => {
  it('renders only the rows in view, with spacers for the rest', () => {
    expect(visibleWindow(0, 340, 34, 100_000, 2)).toEqual({ start: 0, end: 12, padTop: 0, padBottom: (100_000 - 12) * 34 });
    expect(visibleWindow(3400, 340, 34, 100_000, 2)).toEqual({ start: 98, end: 112, padTop: 98 * 34, padBottom: (100_000 - 112) * 34 });
    expect(visibleWindow(0, 340, 34, 3, 2)).toEqual({ start: 0, end: 3, padTop: 0, padBottom: 0 });
  });
});

describe('sorting positions by a number', () => {
  /** The comparison sort it replaces: by key, ties by position, NaN last by position, either way. */
  function reference(picked: number[], key: ArrayLike<number>, ascending: boolean): number[] {
    const sign = ascending ? 1 : -1;
    return [...picked].sort((a, b) => {
      const x = key[a];
      const y = key[b];
      if (Number.isNaN(x)) return Number.isNaN(y) ? a - b : 1;
      if (Number.isNaN(y)) return -1;
      return (x - y) * sign || a - b;
    });
  }

  it('orders as the comparator did, over negatives, zeros of both signs, infinities, NaN, ties and tiny values', () => {
    let seed = 11;
    const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    // Values that differ only in the low 32 bits of their 64 (below and above bit 16), negative ones too.
    const near = [1 + 2 ** -36, 1 + 2 ** -40, 1 + 2 ** -36 + 2 ** -40, -1 - 2 ** -36, -1 - 2 ** -40, -1 - 2 ** -41];
    const pool = [0, -0, 1, -1, 0.1, -0.1, 1e-300, -1e-300, 5e-324, Infinity, -Infinity, NaN, 1234.5, -1234.5, 2 ** 53, 65_536, 65_537, ...near];
    const key = new Float64Array(5_000);
    for (let i = 0; i < key.length; i++) key[i] = random() < 0.5 ? pool[Math.floor(random() * pool.length)] : (random() - 0.5) * 10 ** Math.floor(random() * 12);
    const all = Array.from(key, (_, i) => i);
    const some = all.filter((i) => i % 3 !== 1);
    for (const picked of [all, some]) {
      for (const ascending of [true, false]) expect(Array.from(sortByNumber(picked, key, ascending))).toEqual(reference(picked, key, ascending));
    }
    // Whole numbers in a typed array of their own (the orders column), and nothing at all.
    const orders = Uint32Array.from({ length: 3_000 }, () => Math.floor(random() * 70_000));
    const positions = Array.from(orders, (_, i) => i);
    expect(Array.from(sortByNumber(positions, orders, false))).toEqual(reference(positions, orders, false));
    expect(Array.from(sortByNumber([], orders, true))).toEqual([]);
  });
});

describe('prediction table order', () => {
  it('sorts on a key with NaN last either way, by ids in natural order without one, and filters by id', async () => {
    const { sortedOrder } = await import('../../../src/views/prediction-rows');
    const ids = ['c10', 'c2', 'x1', 'c1'];
    const key = [3, NaN, 1, 2];
    expect(Array.from(sortedOrder(4, key, ids, true, ''))).toEqual([2, 3, 0, 1]);
    expect(Array.from(sortedOrder(4, key, ids, false, ''))).toEqual([0, 3, 2, 1]);
    expect(Array.from(sortedOrder(4, null, ids, true, ''))).toEqual([3, 1, 0, 2]);
    expect(Array.from(sortedOrder(4, null, ids, false, ' C'))).toEqual([0, 1, 3]);
  });
});

describe('next purchase date', () => {
  it('adds a wait in days or weeks to the observation end', async () => {
    const { dateAfter } = await import('../../../src/views/prediction-rows');
    expect(dateAfter('1998-06-30', 3, 'week')).toBe('1998-07-21');
    expect(dateAfter('1998-06-30', 2.6, 'day')).toBe('1998-07-03');
    expect(dateAfter('2024-02-28', 0.2, 'week')).toBe('2024-02-29');
  });
});
