import { describe, expect, it } from 'vitest';
import { customerAt, customerHistory, historyCustomers, historyLength } from '../../../src/core/figures/customer-history';
import { tableFromRows } from '../../fixtures/figures/build-table';

const columns = (table: ReturnType<typeof tableFromRows>, margin?: number) => {
  const { history } = customerHistory(table, margin);
  return {
    ids: Array.from(historyCustomers(history), (c) => table.customerIds[c]),
    net: Array.from(history.netRevenue),
    profit: history.grossProfit ? Array.from(history.grossProfit) : null,
  };
};

describe('the per-customer history\'s money columns', () => {
  it('when every customer bought: one entry per customer, sums and profit by hand', () => {
    // A: 10 + 5 on two days, a refund of 3 → gross 15, net 12; B: 20 → 20. Margin 40%: 4.8 and 8.
    const table = tableFromRows([['A', '2024-01-05', 10], ['B', '2024-01-06', 20], ['A', '2024-02-01', 5], ['A', '2024-02-03', -3]]);
    expect(columns(table, 40)).toEqual({ ids: ['A', 'B'], net: [12, 20], profit: [12 * 0.4, 8] });
    // Without a cost column or a margin no profit can be known: no column of unknowns is kept.
    expect(columns(table).profit).toBeNull();
    // Entry k is customer k: no column says so (it would read 0, 1, …), and customerAt reads k.
    const { history } = customerHistory(table);
    expect(history.customer).toBeNull();
    expect([customerAt(history, 0), customerAt(history, 1)]).toEqual([0, 1]);
  });

  it('when a customer only refunded: that customer has no entry, and the others keep their own sums', () => {
    // C's only row is a refund: not a buyer. B: 20 + 7 → 27.
    const table = tableFromRows([['C', '2024-01-04', -8], ['B', '2024-01-06', 20], ['A', '2024-01-07', 10], ['B', '2024-03-01', 7]]);
    expect(columns(table, 50)).toEqual({ ids: ['B', 'A'], net: [27, 10], profit: [13.5, 5] });
    // The entries skip C (code 0): their customers are a column.
    const { history } = customerHistory(table);
    expect(Array.from(history.customer!)).toEqual([1, 2]);
    expect([customerAt(history, 0), customerAt(history, 1), historyLength(history)]).toEqual([1, 2, 2]);
  });

  it('counts a file of orders\' orders from its rows, in the purchase days\' column when no customer has two on a day, and without order ids', () => {
    // A buys twice on 5 Jan (two orders) and once on 1 Feb: 3 orders, 3 rows, 2 days; B once.
    const rows: [string, string, number, string][] = [['A', '2024-01-05', 10, 'o1'], ['B', '2024-01-06', 20, 'o2'], ['A', '2024-01-05', 4, 'o3'], ['A', '2024-02-01', 6, 'o4']];
    const orders = { ...tableFromRows(rows), orderCodes: { count: 4, blank: -1 } };
    const withOrders = customerHistory({ ...orders, order: null }).history;
    expect(Array.from(withOrders.orders)).toEqual([3, 1]);
    expect(Array.from(withOrders.purchaseDays)).toEqual([2, 1]);
    // No customer with two orders on one day: the orders are the purchase days, one column.
    const oneADay = { ...tableFromRows([rows[0], rows[1], rows[3]]), orderCodes: { count: 3, blank: -1 }, order: null };
    const daysHistory = customerHistory(oneADay).history;
    expect(Array.from(daysHistory.orders)).toEqual([2, 1]);
    expect(daysHistory.orders).toBe(daysHistory.purchaseDays);
    const noIds = customerHistory({ ...orders, order: null, orderCodes: null }).history;
    expect(Array.from(noIds.orders)).toEqual([2, 1]);
    expect(noIds.orders).toBe(noIds.purchaseDays);
    // Order lines: an order of two lines is one order, in a column of its own.
    const lines = tableFromRows([['A', '2024-01-05', 10, 'o1'], ['A', '2024-01-05', 4, 'o1'], ['B', '2024-01-06', 20, 'o2']]);
    const lineHistory = customerHistory(lines).history;
    expect(Array.from(lineHistory.orders)).toEqual([1, 1]);
    expect(lineHistory.orders).not.toBe(lineHistory.purchaseDays);
  });

  it('sums whole cents exactly: each net revenue is the decimal total, not the quotients added up', () => {
    // 2,000 customers, each 2–6 purchases of whole cents on days of their own. Added as 0.1 + 0.2 + … in doubles, some
    // totals came out a bit off their cents (0.30000000000000004); the exact sum divided once is the total as written.
    let seed = 7;
    const next = () => (seed = (seed * 48271) % 2147483647);
    const rows: [string, string, number][] = [];
    const cents = new Map<string, number>();
    for (let c = 0; c < 2000; c++) {
      const id = `C${c}`;
      for (let k = 0, n = 2 + (next() % 5); k < n; k++) {
        const amount = 1 + (next() % 99999);
        rows.push([id, `2024-${String(1 + k).padStart(2, '0')}-10`, amount / 100]);
        cents.set(id, (cents.get(id) ?? 0) + amount);
      }
    }
    const { ids, net } = columns(tableFromRows(rows));
    expect(net).toEqual(ids.map((id) => cents.get(id)! / 100));
    expect(net.filter((v) => Math.round(v * 100) / 100 !== v)).toEqual([]);
  });
});
