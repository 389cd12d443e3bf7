/**
 * Distinct orders per customer, counted in one pass in file order: by hand on a few rows (an order of several lines,
 * a refund, a day window, an order id two customers share, blank ids), and against a set per customer on a shuffled
 * table of line items.
 */
import { describe, expect, it } from 'vitest';
import { ordersPerCustomer } from '../../../src/core/figures/orders-per-customer';
import { customerHistory, historyCustomers } from '../../../src/core/figures';
import type { TransactionTable } from '../../../src/core/types';
import { seeded } from '../../fixtures/import/helpers';
import { day, tableFromRows } from '../../fixtures/figures/build-table';

describe('ordersPerCustomer', () => {
  const table = tableFromRows([
    ['A', '2024-03-01', 10, 'O1'], // 0
    ['A', '2024-03-01', 5, 'O1'], //  1 second line of O1
    ['B', '2024-03-02', 7, 'O2'], //  2
    ['A', '2024-03-03', -4, 'O3'], // 3 a refund: no purchase
    ['B', '2024-03-04', 3, 'O1'], //  4 O1 again, for B: a shared id counts for both
    ['A', '2024-03-05', 2, 'O4'], //  5
    ['B', '2024-03-06', 1, 'O2'], //  6 O2 again for B
  ]);

  it('counts each customer’s distinct orders among its purchase rows, through a day', () => {
    expect(Array.from(ordersPerCustomer(table))).toEqual([2, 2]); // A: O1, O4; B: O2, O1
    expect(Array.from(ordersPerCustomer(table, day('2024-03-04')))).toEqual([1, 2]); // A: O1; B: O2, O1
    expect(Array.from(ordersPerCustomer(table, day('2024-02-29')))).toEqual([0, 0]);
  });

  it('a blank id: each row an order of its own for the history, one order for the summary file', () => {
    const blank: TransactionTable = { ...table, order: Uint32Array.from([0, 0, 1, 2, 0, 3, 1]), orderCodes: { count: 4, blank: 1 } };
    // B's rows 2 and 6 have the blank code: two orders for the history, one for the summary; B also has O1 (code 0).
    expect(Array.from(ordersPerCustomer(blank))).toEqual([2, 3]);
    expect(Array.from(ordersPerCustomer(blank, undefined, false))).toEqual([2, 2]);
  });

  it('agrees with a set of order codes per customer on 30,000 shuffled lines, and the history reports it', () => {
    const random = seeded(7);
    const n = 30_000;
    const customers = 2_000;
    const codes = 9_000;
    const rows: [string, string, number, string][] = [];
    for (let i = 0; i < n; i++) {
      const o = Math.floor(random() * codes);
      // Mostly one customer per order; one order in fifty is shared with another customer.
      const c = random() < 0.02 ? Math.floor(random() * customers) : o % customers;
      const amount = random() < 0.1 ? -5 : Math.round(random() * 100);
      rows.push([`C${c}`, `2024-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 9)}`, amount, `O${o}`]);
    }
    const t = tableFromRows(rows);
    const through = day('2024-06-15');
    for (const limit of [undefined, through]) {
      const want = new Map<number, Set<number>>();
      for (let i = 0; i < t.length; i++) {
        if (!(t.amount[i] >= 0) || (limit !== undefined && t.day[i] > limit)) continue;
        if (!want.has(t.customer[i])) want.set(t.customer[i], new Set());
        want.get(t.customer[i])!.add(t.order![i]);
      }
      const got = ordersPerCustomer(t, limit);
      for (let c = 0; c < t.customerIds.length; c++) expect(got[c], t.customerIds[c]).toBe(want.get(c)?.size ?? 0);
    }
    const { history } = customerHistory(t);
    const all = ordersPerCustomer(t);
    expect(Array.from(history.orders)).toEqual(Array.from(historyCustomers(history), (c) => all[c]));
  });
});
