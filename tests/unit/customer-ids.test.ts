import { describe, expect, it } from 'vitest';
import { customerCountOf, customerIdOf, packedCustomerIds, unpackValues, withPackedCustomerIds } from '../../src/core/customer-ids';
import type { PackedValues } from '../../src/core/import/code-dictionary';
import type { NumberedValues } from '../../src/core/import/dense-ids';
import { importBytes } from '../../src/core/import';
import { analyzeDataset, customerHistory, customerSummary, dashboardData, historyCustomers, tableDayRange } from '../../src/core/figures';

/** Packed values as an import makes them: one byte a character, or two once a character beyond U+00FF is met. */
function pack(ids: string[]) {
  const wide = ids.some((id) => [...id].some((ch) => ch.charCodeAt(0) > 0xff));
  const chars = wide ? new Uint16Array(ids.join('').length) : new Uint8Array(ids.join('').length);
  const ends = new Int32Array(ids.length);
  let at = 0;
  ids.forEach((id, i) => {
    for (let k = 0; k < id.length; k++) chars[at + k] = id.charCodeAt(k);
    at += id.length;
    ends[i] = at;
  });
  return { chars, ends };
}

describe('customer ids kept packed until read', () => {
  it('counts and reads single ids without making the others, then reads as the strings', () => {
    for (const ids of [['KH01', 'café', '', 'Z'], ['Đức', 'KH02', 'ลูกค้า']]) {
      const table = withPackedCustomerIds<{ customerIds: string[]; length: number }>({ length: 0 }, pack(ids));
      expect(customerCountOf(table)).toBe(ids.length);
      expect(ids.map((_, c) => customerIdOf(table, c))).toEqual(ids);
      expect(packedCustomerIds(table)).not.toBeNull();
      expect(table.customerIds).toEqual(ids);
      // Made once: the packed form goes, the same array answers from then on.
      expect(packedCustomerIds(table)).toBeNull();
      expect(table.customerIds).toBe(table.customerIds);
      expect(customerCountOf(table)).toBe(ids.length);
      expect(customerIdOf(table, 1)).toBe(ids[1]);
    }
  });

  it('can be replaced, and copies (spread, structured clone) carry the strings', () => {
    const table = withPackedCustomerIds<{ customerIds: string[]; length: number }>({ length: 2 }, pack(['a', 'b']));
    expect(structuredClone(table)).toEqual({ length: 2, customerIds: ['a', 'b'] });
    const other = withPackedCustomerIds<{ customerIds: string[]; length: number }>({ length: 2 }, pack(['a', 'b']));
    other.customerIds = ['x'];
    expect(other.customerIds).toEqual(['x']);
    expect(packedCustomerIds(other)).toBeNull();
    expect({ ...withPackedCustomerIds<{ customerIds: string[] }>({}, pack(['q'])) }).toEqual({ customerIds: ['q'] });
  });

  it('unpacks values of both widths', () => {
    expect(unpackValues(pack(['A1', 'é', 'B']))).toEqual(['A1', 'é', 'B']);
    expect(unpackValues(pack(['Ơn', '', 'x']))).toEqual(['Ơn', '', 'x']);
    expect(unpackValues({ chars: new Uint8Array(0), ends: new Int32Array(0) })).toEqual([]);
  });

  it('stay packed through an import, the dataset figures, the dashboard and the customer summary', () => {
    const csv = 'order,customer,date,amount\n1,KH01,2024-01-05,10\n2,KH02,2024-01-06,20\n3,KH01,2024-02-05,30\n4,Đào,2024-02-06,5\n';
    const { table } = importBytes(new TextEncoder().encode(csv), 'orders.csv');
    expect(packedCustomerIds(table)).not.toBeNull();
    const { figures } = analyzeDataset(table);
    expect(figures.customers).toBe(3);
    const dashboard = dashboardData(table);
    customerHistory(table);
    customerSummary(table, { observationEnd: tableDayRange(table)!.max, timeUnit: 'day' });
    expect(packedCustomerIds(table)).not.toBeNull();
    const { perCustomer } = dashboard.historical;
    const byId = Object.fromEntries(Array.from(historyCustomers(perCustomer), (c, i) => [customerIdOf(table, c), perCustomer.netRevenue[i]]));
    expect(byId).toEqual({ KH01: 40, KH02: 20, Đào: 5 });
    expect(table.customerIds).toEqual(['KH01', 'KH02', 'Đào']);
  });

  it('come out of an import in arrays of their own size, which a save stores without copying', () => {
    // 30,000 customers: past the arrays' first sizes, grown by doubling while the rows came. Two prefixes: not
    // numbers after one prefix, so packed as characters.
    const lines = ['customer,date,amount'];
    const idOf = (i: number) => `${i % 2 ? 'C' : 'K'}${(i * 7919) % 30_000}`;
    for (let i = 0; i < 30_000; i++) lines.push(`${idOf(i)},2024-01-05,10`);
    const { table } = importBytes(new TextEncoder().encode(lines.join('\n') + '\n'), 'orders.csv');
    const { chars, ends } = packedCustomerIds(table) as PackedValues;
    expect([ends.length, ends.byteOffset, ends.byteLength]).toEqual([30_000, 0, ends.buffer.byteLength]);
    expect([chars.length, chars.byteOffset, chars.byteLength]).toEqual([ends[29_999], 0, chars.buffer.byteLength]);
    expect(customerIdOf(table, 29_999)).toBe(idOf(29_999));
  });

  it('numbers after one prefix come out as the numbers, in an array of their own size, read back as the same ids', () => {
    const lines = ['customer,date,amount'];
    const idOf = (i: number) => `C${String((i * 7919) % 30_000).padStart(6, '0')}`;
    for (let i = 0; i < 30_000; i++) lines.push(`${idOf(i)},2024-01-05,10`);
    const { table } = importBytes(new TextEncoder().encode(lines.join('\n') + '\n'), 'orders.csv');
    const stored = packedCustomerIds(table) as NumberedValues;
    expect([stored.prefix, stored.width, stored.numbers.constructor.name, stored.numbers.length, stored.numbers.buffer.byteLength]).toEqual(['C', 6, 'Int32Array', 30_000, 120_000]);
    expect([customerIdOf(table, 0), customerIdOf(table, 1), customerIdOf(table, 29_999)]).toEqual([idOf(0), idOf(1), idOf(29_999)]);
    expect(customerCountOf(table)).toBe(30_000);
    expect(table.customerIds).toEqual(Array.from({ length: 30_000 }, (_, i) => idOf(i)));
  });
});
