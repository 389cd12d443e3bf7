import { describe, expect, it } from 'vitest';
import { TableCache } from '../../../workers/table-cache';
import type { TransactionTable } from '../../../src/core/types';

/** A one-row table whose customer id names the dataset it came from. */
function tableOf(id: number): TransactionTable {
  return {
    length: 1, customerIds: [`from-${id}`], customer: Uint32Array.of(0), day: Int32Array.of(19000), amount: Float64Array.of(id), line: Uint32Array.of(2),
    cost: null, order: null, orderCodes: null, product: null, productNames: null, channel: null, channelNames: null,
  };
}

function counting() {
  const loads: number[] = [];
  const cache = new TableCache(async (id) => {
    loads.push(id);
    return tableOf(id);
  });
  return { cache, loads };
}

describe('TableCache', () => {
  it('reads a dataset once while it stays open', async () => {
    const { cache, loads } = counting();
    const [a, b] = await Promise.all([cache.table(1), cache.table(1)]);
    expect(a).toBe(b);
    await cache.table(1);
    expect(loads).toEqual([1]);
  });

  it('opening another dataset gives that dataset, never the one held before, and drops what was derived from it', async () => {
    const { cache, loads } = counting();
    expect((await cache.derived(1, 'name', (t) => t.customerIds[0]))).toBe('from-1');
    expect((await cache.table(2)).customerIds).toEqual(['from-2']);
    expect(await cache.derived(2, 'name', (t) => t.customerIds[0])).toBe('from-2');
    expect(await cache.derived(1, 'name', (t) => t.customerIds[0])).toBe('from-1');
    expect(loads).toEqual([1, 2, 1]);
    expect(cache.openId).toBe(1);
  });

  it('computes a derived value once per key, and again after an invalidation', async () => {
    const { cache, loads } = counting();
    let runs = 0;
    const compute = (t: TransactionTable) => (runs++, t.amount[0] * 10);
    expect(await cache.derived(3, 'x10', compute)).toBe(30);
    expect(await cache.derived(3, 'x10', compute)).toBe(30);
    expect(runs).toBe(1);
    cache.invalidate(3);
    expect(await cache.derived(3, 'x10', compute)).toBe(30);
    expect(runs).toBe(2);
    expect(loads).toEqual([3, 3]);
  });

  it('invalidating another dataset keeps the open one', async () => {
    const { cache, loads } = counting();
    await cache.table(4);
    cache.invalidate(5);
    await cache.table(4);
    expect(loads).toEqual([4]);
  });

  it('a table put after an import is open with the values the import computed', async () => {
    const { cache, loads } = counting();
    cache.put(7, tableOf(7), { monthly: 'from the import' });
    expect(await cache.derived(7, 'monthly', () => 'recomputed')).toBe('from the import');
    expect(loads).toEqual([]);
  });

  it('a failed read is not kept: the next request reads again', async () => {
    let fail = true;
    const cache = new TableCache(async (id) => {
      if (fail) throw new Error('disk');
      return tableOf(id);
    });
    await expect(cache.table(8)).rejects.toThrow('disk');
    fail = false;
    expect((await cache.table(8)).customerIds).toEqual(['from-8']);
  });
});
