import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importBytes } from '../../../src/core/import';
import { dashboardData, historicalForSnapshot, historyCustomers } from '../../../src/core/figures';
import { customerOrder, FIRST_VIEW } from '../../../src/core/figures/customer-table';
import { largestFirst } from '../../../src/core/sort-by-number';

// tests/fixtures/e2e/README.md: KH01 buys 1,250,000 + 450,000 + 600,000 (5 Jan, 20 Feb, 2 Apr); KH02 buys 300,000
// on 17 Jan and refunds it on 28 Feb; KH03 buys 2,000,000 and 750,000 (3 Feb, 15 Mar).
const bytes = new Uint8Array(readFileSync(new URL('../../fixtures/e2e/don-hang.csv', import.meta.url)));

describe('dashboard data', () => {
  const { table } = importBytes(bytes, 'don-hang.csv');
  const data = dashboardData(table);

  it('computes the historical figures of the hand-checked file', () => {
    const h = data.historical;
    expect(h.customers).toBe(3);
    expect(h.orders).toBe(6);
    expect(h.grossRevenue).toBe(5350000);
    expect(h.refundTotal).toBe(300000);
    expect(h.averageOrderValue).toBeCloseTo(5350000 / 6, 6);
    expect(h.repeatCustomerRate).toBeCloseTo(2 / 3, 12);
    expect(h.lifespanDays).toEqual({ mean: 43, median: 41 }); // 88, 0 and 41 days
    expect(h.clv.revenueMean).toBeCloseTo(5050000 / 3, 6);
    expect(h.clv.revenueMedian).toBe(2300000);
    const byId = new Map(Array.from(historyCustomers(h.perCustomer), (c, i) => [table.customerIds[c], h.perCustomer.netRevenue[i]]));
    expect(Object.fromEntries(byId)).toEqual({ KH01: 2300000, KH02: 0, KH03: 2750000 });
  });

  it("sorts the customers by net revenue for the table's first order, as the table itself would", () => {
    // KH03 2,750,000, KH01 2,300,000, KH02 0: positions 2, 0, 1 (customers in order of first appearance).
    const byNetRevenue = largestFirst(data.historical.perCustomer.netRevenue);
    expect(Array.from(byNetRevenue)).toEqual([2, 0, 1]);
    expect(Array.from(byNetRevenue)).toEqual(Array.from(customerOrder(data.historical.perCustomer, table.customerIds, FIRST_VIEW)));
  });

  it('bins the distribution and uses the margin entered', () => {
    expect(data.distribution.linear.counts.reduce((a, b) => a + b, 0)).toBe(3);
    // The log scale cannot place KH02's zero.
    expect(data.distribution.log.outside).toBe(1);
    const withMargin = dashboardData(table, { marginPercent: 40 }).historical;
    expect(withMargin.clv.profitMean).toBeCloseTo((5050000 / 3) * 0.4, 6);
  });

  it('writes the snapshot part rounded, without per-customer rows', () => {
    const part = historicalForSnapshot(data.historical);
    expect(part).toMatchObject({ customers: 3, orders: 6, netRevenue: 5050000, averageOrderValue: 891666.666667, firstPurchaseDate: '2024-01-05', lastPurchaseDate: '2024-04-02' });
    expect(part).not.toHaveProperty('perCustomer');
    expect(part.formulas.length).toBe(4);
  });
});
