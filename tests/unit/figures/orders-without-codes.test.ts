/**
 * A file of orders rather than of their lines (every row an order of its own) keeps no order codes: they would read
 * 0, 1, 2, …. Its figures must be those of the same table with the codes written out.
 */
import { describe, expect, it } from 'vitest';
import { analyzeDataset } from '../../../src/core/figures';
import { dashboardData } from '../../../src/core/figures/dashboard';
import { summaryOfOrders } from '../../../src/core/figures/summary-of-orders';
import { ordersPerCustomer } from '../../../src/core/figures/orders-per-customer';
import { hasOrderIds, rowPerOrder } from '../../../src/core/figures/customer-days';
import type { TransactionTable } from '../../../src/core/types';
import { tableFromRows, day } from '../../fixtures/figures/build-table';
import { run } from '../../fixtures/import/helpers';

// Five orders: A buys on two days (one of them twice), B once and refunds once.
const rows: [string, string, number, string][] = [
  ['A', '2024-01-05', 10, 'o1'], ['B', '2024-01-06', 20, 'o2'], ['A', '2024-01-05', 4, 'o3'], ['A', '2024-02-01', 6, 'o4'], ['B', '2024-02-03', -5, 'o5'],
];

function both(): { withCodes: TransactionTable; without: TransactionTable } {
  const withCodes = { ...tableFromRows(rows), orderCodes: { count: 5, blank: -1 } };
  expect(Array.from(withCodes.order!)).toEqual([0, 1, 2, 3, 4]);
  return { withCodes, without: { ...withCodes, order: null } };
}

describe('a table whose every row is an order of its own, without its codes', () => {
  it('still has order ids, one a row', () => {
    const { without } = both();
    expect([hasOrderIds(without), rowPerOrder(without)]).toEqual([true, true]);
    expect(hasOrderIds({ ...without, orderCodes: null })).toBe(false);
  });

  it('counts each customer\'s orders as with the codes: A 3, B 1 (a refund is no order), and up to a day', () => {
    const { withCodes, without } = both();
    expect(Array.from(ordersPerCustomer(without))).toEqual([3, 1]);
    expect(Array.from(ordersPerCustomer(without))).toEqual(Array.from(ordersPerCustomer(withCodes)));
    expect(Array.from(ordersPerCustomer(without, day('2024-01-06')))).toEqual([2, 1]);
  });

  it('gives the same dataset figures, dashboard and customer summary', () => {
    const { withCodes, without } = both();
    expect(analyzeDataset(without).figures).toEqual(analyzeDataset(withCodes).figures);
    const a = dashboardData(without, { marginPercent: 30 });
    const b = dashboardData(withCodes, { marginPercent: 30 });
    expect(a.historical.ordersCountedBy).toBe('order-id');
    expect(a.historical.purchases).toBe(4);
    expect(Array.from(a.historical.perCustomer.orders)).toEqual([3, 1]);
    const { timings: _a, ...restA } = a;
    const { timings: _b, ...restB } = b;
    expect(JSON.stringify(restA)).toBe(JSON.stringify(restB));
    const end = day('2024-02-03');
    expect(JSON.stringify(summaryOfOrders(without, end))).toBe(JSON.stringify(summaryOfOrders(withCodes, end)));
  });

  it('is what the import makes of a file of orders, and not of a file of order lines', () => {
    const orders = run('order,customer,date,amount\n#1,A,2024-01-05,10\n#2,B,2024-01-06,20\n#3,A,2024-02-01,5\n').table;
    expect(orders.order).toBeNull();
    expect(orders.orderCodes).toEqual({ count: 3, blank: -1 });
    const lines = run('order,customer,date,amount\n#1,A,2024-01-05,10\n#2,B,2024-01-06,20\n#1,A,2024-01-05,5\n').table;
    expect(Array.from(lines.order!)).toEqual([0, 1, 0]);
    expect(lines.orderCodes).toEqual({ count: 2, blank: -1 });
  });
});
