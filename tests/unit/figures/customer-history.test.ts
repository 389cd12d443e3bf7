import { describe, expect, it } from 'vitest';
import { customerHistory } from '../../../src/core/figures/customer-history';
import { tableFromRows } from '../../fixtures/figures/build-table';

const columns = (table: ReturnType<typeof tableFromRows>, margin?: number) => {
  const { history } = customerHistory(table, margin);
  return {
    ids: Array.from(history.customer, (c) => table.customerIds[c]),
    net: Array.from(history.netRevenue),
    gross: Array.from(history.grossRevenue),
    profit: Array.from(history.grossProfit),
  };
};

describe('the per-customer history\'s money columns', () => {
  it('when every customer bought: one entry per customer, sums and profit by hand', () => {
    // A: 10 + 5 on two days, a refund of 3 → gross 15, net 12; B: 20 → 20. Margin 40%: 4.8 and 8.
    const table = tableFromRows([['A', '2024-01-05', 10], ['B', '2024-01-06', 20], ['A', '2024-02-01', 5], ['A', '2024-02-03', -3]]);
    expect(columns(table, 40)).toEqual({ ids: ['A', 'B'], net: [12, 20], gross: [15, 20], profit: [12 * 0.4, 8] });
    expect(columns(table).profit.every(Number.isNaN)).toBe(true);
  });

  it('when a customer only refunded: that customer has no entry, and the others keep their own sums', () => {
    // C's only row is a refund: not a buyer. B: 20 + 7 → 27.
    const table = tableFromRows([['C', '2024-01-04', -8], ['B', '2024-01-06', 20], ['A', '2024-01-07', 10], ['B', '2024-03-01', 7]]);
    expect(columns(table, 50)).toEqual({ ids: ['B', 'A'], net: [27, 10], gross: [27, 10], profit: [13.5, 5] });
  });
});
