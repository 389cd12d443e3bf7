/**
 * The History figures of a summary file against the orders path's figures of the same orders: Online Retail's own
 * summary written as a summary file and read back gives the same customers, purchases, revenue, AOV, frequency,
 * repeat rate, lifespan and purchase dates as historicalFigures computes from the 541,909 rows.
 */
import { describe, expect, it } from 'vitest';
import { historicalFigures, tableDayRange } from '../../../src/core/figures';
import { summaryOfOrders } from '../../../src/core/figures/summary-of-orders';
import { summaryHistory } from '../../../src/core/figures/summary-history';
import { summaryCsv } from '../../../src/core/export/summary-csv';
import { readSummaryFile } from '../../../src/core/import/summary-file';
import { loadOnlineRetail } from '../../fixtures/figures/real-data';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('History figures of a summary file', () => {
  it('equal the orders path’s on Online Retail (no refunded column, so its gross revenue is the summary’s revenue)', () => {
    const { table } = loadOnlineRetail();
    const { dataset } = readSummaryFile(bytes(summaryCsv(summaryOfOrders(table, tableDayRange(table)!.max))), 'summary.csv');
    const h = summaryHistory(dataset);
    const o = historicalFigures(table);
    expect(h.customers).toBe(o.customers);
    expect(h.purchases).toBe(o.orders);
    expect(h.purchasesCountedBy).toBe('file');
    expect(h.revenue).toBeCloseTo(o.grossRevenue, 6);
    expect(h.averageOrderValue).toBeCloseTo(o.averageOrderValue, 9);
    expect(h.purchaseFrequency).toBeCloseTo(o.purchaseFrequency, 12);
    expect(h.repeatCustomers).toBe(o.repeatCustomers);
    expect(h.lifespanDays.mean).toBeCloseTo(o.lifespanDays.mean, 9);
    expect(h.lifespanDays.median).toBe(o.lifespanDays.median);
    expect([h.firstPurchaseDay, h.lastPurchaseDay]).toEqual([o.firstPurchaseDay, o.lastPurchaseDay]);
    expect(h.unavailable).toEqual(['refunds', 'cohorts', 'monthly-activity', 'formulas']);
  });

  it('computes each figure as stated, on a hand-checked file of three customers', () => {
    const { dataset } = readSummaryFile(bytes('customer_id,first_purchase,last_purchase,observation_end,frequency,purchases,revenue,monetary\nA,2024-01-01,2024-01-31,2024-03-01,2,4,100,30\nB,2024-02-10,2024-02-10,2024-03-01,0,1,25,0\nC,2024-01-15,2024-02-14,2024-03-01,1,2,75,60\n'), 's.csv');
    const h = summaryHistory(dataset);
    // 7 purchases, 200 revenue: AOV 200 / 7, 7 / 3 a customer; A and C bought twice or more; lifespans 30, 0, 30 days.
    expect([h.customers, h.purchases, h.revenue, h.repeatCustomers]).toEqual([3, 7, 200, 2]);
    expect(h.averageOrderValue).toBeCloseTo(200 / 7, 12);
    expect(h.purchaseFrequency).toBeCloseTo(7 / 3, 12);
    expect(h.repeatCustomerRate).toBeCloseTo(2 / 3, 12);
    expect(h.lifespanDays).toEqual({ mean: 20, median: 30 });
    expect(h.clv).toEqual({ revenueMean: 200 / 3, revenueMedian: 75 });
    // Top 1% and 10% are 1 customer (A, 100 of 200); top 20% is 1 customer too (ceil(0.6)).
    expect(h.concentration.topShares.map((t) => t.share)).toEqual([0.5, 0.5, 0.5]);
  });

  it('counts purchase days (x + 1) when the file has no purchases column, and says so', () => {
    const { dataset } = readSummaryFile(bytes('customer,frequency,recency,T\na,2,10,40\nb,0,0,40\n'), 's.csv');
    const h = summaryHistory(dataset);
    expect([h.purchases, h.purchasesCountedBy, h.repeatCustomers]).toEqual([4, 'purchase-day', 1]);
    expect(h.revenue).toBeNaN();
    expect([h.firstPurchaseDay, h.lastPurchaseDay]).toEqual([null, null]);
  });
});
