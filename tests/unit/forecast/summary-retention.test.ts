import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importBytes } from '../../../src/core/import';
import { readSummaryFile } from '../../../src/core/import/summary-file';
import { subscriptionRetention } from '../../../src/core/forecast/retention';
import { summaryRetention } from '../../../src/core/forecast/summary-retention';

const hand = readFileSync(new URL('../../fixtures/summary/hand-summary.csv', import.meta.url));

describe('summaryRetention', () => {
  it('fits the same sBG as the orders with the same first and last purchases (tests/fixtures/summary/README.md)', () => {
    const { dataset } = readSummaryFile(new Uint8Array(hand), 'hand-summary.csv');
    // Each hand customer's first and last purchase as orders, their revenue on them (C3: two orders on one day).
    const orders = [
      'customer,date,amount',
      'C1,2024-01-01,50', 'C2,2024-01-10,40', 'C2,2024-03-10,60', 'C3,2024-02-01,80', 'C4,2024-01-05,20', 'C4,2024-03-30,100',
      'C5,2024-03-01,60', 'C5,2024-03-15,40', 'C6,2024-02-15,10', 'C7,2024-01-20,30', 'C7,2024-02-20,70', 'C8,2024-03-20,40',
    ].join('\n');
    const { table } = importBytes(new TextEncoder().encode(orders), 'orders.csv');
    const fromOrders = subscriptionRetention(table, 0.01, '2024-03-31');
    const fromSummary = summaryRetention(dataset, 0.01)!;
    // Months paid for: C1 1, C2 3 (still), C3 1, C4 3 (still), C5 1 (still), C6 1, C7 2, C8 1 (still): 13 months, 600.
    expect([fromSummary.customers, fromSummary.stillActive]).toEqual([8, 4]);
    expect(fromSummary.monthlyRevenue).toBeCloseTo(600 / 13, 12);
    expect(fromSummary.observed).toEqual(fromOrders.observed);
    expect(fromSummary.params).toEqual(fromOrders.params);
    expect(fromSummary.valuePerNewCustomer).toBe(fromOrders.valuePerNewCustomer);
  });

  it('has no months to fit on a summary of x, tₓ and T only', () => {
    const { dataset } = readSummaryFile(new TextEncoder().encode('ID,x,t_x,T\n1,2,30,38\n2,0,0,38\n'), 's.csv');
    expect(summaryRetention(dataset, 0.01)).toBeNull();
  });
});
