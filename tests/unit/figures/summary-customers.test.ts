import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readSummaryFile } from '../../../src/core/import/summary-file';
import { summaryCustomers } from '../../../src/core/figures/summary-customers';
import { historyCustomers, historyLength } from '../../../src/core/figures/customer-history';
import { dayToIso } from '../../../src/core/figures/dates';

const hand = readFileSync(new URL('../../fixtures/summary/hand-summary.csv', import.meta.url));

describe('summaryCustomers', () => {
  it('gives each customer of the hand summary their dates, purchases, purchase days and revenue (tests/fixtures/summary/README.md)', () => {
    const { dataset } = readSummaryFile(new Uint8Array(hand), 'hand-summary.csv');
    const { history, dated } = summaryCustomers(dataset);
    expect(dated).toBe(true);
    const row = (id: string) => {
      const i = historyCustomers(history).findIndex((c) => dataset.customerIds[c] === id);
      return [dayToIso(history.firstDay[i]), dayToIso(history.lastDay[i]), history.orders[i], history.purchaseDays[i], history.netRevenue[i]];
    };
    // C2: first 2024-01-10, tₓ 60 days later 2024-03-10, 3 purchases on 3 days, 100.
    expect(row('C2')).toEqual(['2024-01-10', '2024-03-10', 3, 3, 100]);
    // C3: two orders on one day: 2 purchases, 1 purchase day.
    expect(row('C3')).toEqual(['2024-02-01', '2024-02-01', 2, 1, 80]);
    // C4: 5 purchases over 85 days (2024 is a leap year): 2024-01-05 → 2024-03-30.
    expect(row('C4')).toEqual(['2024-01-05', '2024-03-30', 5, 5, 120]);
    expect(historyLength(history)).toBe(8);
    expect(Array.from(history.netRevenue).reduce((a, b) => a + b, 0)).toBe(600);
    // A summary has no profit: no column of unknowns.
    expect(history.grossProfit).toBeNull();
  });

  it('leaves the dates out of a file with only x, tₓ and T, and counts purchase days as purchases without a purchases column', () => {
    const { dataset } = readSummaryFile(new TextEncoder().encode('ID,x,t_x,T,zbar\n1,2,30.43,38.86,22.35\n2,0,0,38.86,0\n'), 's.csv');
    const { history, dated } = summaryCustomers(dataset);
    expect(dated).toBe(false);
    expect(Array.from(history.orders)).toEqual([3, 1]);
    expect(Array.from(history.purchaseDays)).toEqual([3, 1]);
    expect(Array.from(history.netRevenue).every(Number.isNaN)).toBe(true);
  });
});
