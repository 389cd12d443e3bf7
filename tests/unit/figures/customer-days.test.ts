import { describe, expect, it } from 'vitest';
import { cohorts, customerFirstDays, customerHistory, customerSummary, groupCustomerDays, releaseCustomerFirstDays, releaseGroupings, tableDayRange } from '../../../src/core/figures';
import { historicalFiguresAndSortedNet } from '../../../src/core/figures/historical';
import { dayTotalsIn32Bits } from '../../../src/core/figures/customer-days';
import { calibrationHoldout } from '../../../src/core/figures/holdout';
import { summaryOfOrders } from '../../../src/core/figures/summary-of-orders';
import { subscriptionRetention } from '../../../src/core/forecast/retention';
import { customerDetail } from '../../../src/core/forecast/customer-detail';
import { day, tableFromRows, type LiteralRow } from '../../fixtures/figures/build-table';

// Rows 0-5; B's rows are out of date order in the file on purpose.
const table = tableFromRows([
  ['A', '2024-03-01', 10], // 0
  ['B', '2024-03-05', 7], //  1
  ['A', '2024-03-01', 2.5], // 2 same day as row 0
  ['B', '2024-03-02', 4], //  3 earlier than row 1
  ['A', '2024-03-04', -1], // 4 refund: not a purchase
  ['C', '2024-03-03', 0], //  5 zero: a purchase worth nothing (not when positiveOnly)
]);

describe('groupCustomerDays', () => {
  it('groups purchase rows by customer and merges them into ordered purchase days', () => {
    const g = groupCustomerDays(table);
    expect(g.customerCount).toBe(3);
    expect(Array.from(g.rowStart)).toEqual([0, 2, 4, 5]); // A: rows 0, 2; B: rows 3, 1 (sorted by day); C: row 5
    expect('rows' in g).toBe(false); // row indices are not kept with the grouping
    expect(Array.from(g.dayStart)).toEqual([0, 1, 3, 4]);
    expect(Array.from(g.day)).toEqual([day('2024-03-01'), day('2024-03-02'), day('2024-03-05'), day('2024-03-03')]);
    expect(Array.from(g.total, (v) => v / g.totalScale)).toEqual([12.5, 4, 7, 0]);
    // Every day total a whole number of cents: kept as cents in 32 bits.
    expect([g.total instanceof Int32Array, g.totalScale, Array.from(g.total)]).toEqual([true, 100, [1250, 400, 700, 0]]);
  });

  it('keeps the day totals in 32 bits only when each is exactly whole units or cents', () => {
    const of = (amounts: number[]) => groupCustomerDays(tableFromRows(amounts.map((a, i) => [`C${i}`, '2024-03-01', a])));
    const whole = of([125_000, 2_000_000_000, 0]);
    expect([whole.total instanceof Int32Array, whole.totalScale, Array.from(whole.total)]).toEqual([true, 1, [125_000, 2_000_000_000, 0]]);
    // A binary tail (0.1 + 0.2 summed on one day), or a total past 32 bits of cents: 64-bit, as they are.
    for (const amounts of [[0.1 + 0.2, 5], [30_000_000.01, 1]]) {
      const g = of(amounts);
      expect([g.total instanceof Float64Array, g.totalScale, Array.from(g.total)]).toEqual([true, 1, amounts]);
    }
  });

  it('keeps one array of starts when every purchase row is a day of its own', () => {
    // Here A's two rows of 1 March make one day: rows and days differ, two arrays.
    expect(groupCustomerDays(table).rowStart).not.toBe(groupCustomerDays(table).dayStart);
    // The 1–4 March window: B's 03-02 and C's 03-03, one row a day each (A's refund is no purchase).
    const window = groupCustomerDays(table, { after: day('2024-03-01'), through: day('2024-03-04') });
    expect(window.rowStart).toBe(window.dayStart);
    expect(Array.from(window.dayStart)).toEqual([0, 0, 1, 2]);
  });

  it('applies day windows and the positive-only switch', () => {
    const window = groupCustomerDays(table, { after: day('2024-03-01'), through: day('2024-03-04') });
    // B's 03-02 purchase (row 3) and C's free one on 03-03 (row 5).
    expect([Array.from(window.rowStart), Array.from(window.day), Array.from(window.total, (v) => v / window.totalScale)]).toEqual([[0, 0, 1, 2], [day('2024-03-02'), day('2024-03-03')], [4, 0]]);
    const positive = groupCustomerDays(table, { positiveOnly: true });
    // A's rows 0 and 2, B's 3 and 1; C's free row left out.
    expect([Array.from(positive.rowStart), Array.from(positive.dayStart)]).toEqual([[0, 2, 4, 4], [0, 1, 3, 3]]);
  });

  it('shares one grouping per table and filter, and treats a bound that cuts nothing as no bound', () => {
    const all = groupCustomerDays(table);
    expect(groupCustomerDays(table)).toBe(all);
    expect(groupCustomerDays(table, { through: day('2030-01-01'), after: day('2000-01-01') })).toBe(all);
    expect(groupCustomerDays(table, { through: day('2024-03-02') })).not.toBe(all);
    // Another table object, even with the same columns, gets its own grouping.
    expect(groupCustomerDays({ ...table })).not.toBe(all);
    expect(groupCustomerDays({ ...table })).toEqual(all);
  });

  it('gives a table’s groupings back when asked, and groups again on the next request with the same values', () => {
    const own = tableFromRows([['A', '2024-03-01', 10], ['A', '2024-03-01', 2.5], ['B', '2024-03-02', 4], ['A', '2024-03-04', 6]]);
    const all = groupCustomerDays(own);
    const window = groupCustomerDays(own, { through: day('2024-03-02') });
    releaseGroupings(own);
    // Detached: every view of the released arrays reads as empty.
    expect([all.dayStart.length, all.day.length, all.total.length, window.day.length]).toEqual([0, 0, 0, 0]);
    const again = groupCustomerDays(own);
    expect(again === all).toBe(false);
    expect([Array.from(again.dayStart), Array.from(again.day), Array.from(again.total, (v) => v / again.totalScale)])
      .toEqual([[0, 2, 3], [day('2024-03-01'), day('2024-03-04'), day('2024-03-02')], [12.5, 6, 4]]);
    // Another table's grouping is not touched.
    expect(groupCustomerDays(table).day.length).toBe(4);
  });

  it('gives each customer’s first day back with the groupings, or alone, and makes it again when asked', () => {
    const own = tableFromRows([['A', '2024-03-04', 10], ['B', '2024-03-02', 4], ['A', '2024-03-01', -1]]);
    const first = customerFirstDays(own);
    expect(Array.from(first)).toEqual([day('2024-03-01'), day('2024-03-02')]);
    releaseCustomerFirstDays(own);
    expect(first.length).toBe(0);
    const again = customerFirstDays(own);
    expect(Array.from(again)).toEqual([day('2024-03-01'), day('2024-03-02')]);
    releaseGroupings(own);
    expect(again.length).toBe(0);
    expect(Array.from(customerFirstDays(own))).toEqual([day('2024-03-01'), day('2024-03-02')]);
  });

  it('lets the historical figures give the groupings back once read, before their sort, with the same figures', () => {
    const rows: LiteralRow[] = [['A', '2024-03-01', 10], ['B', '2024-03-05', 7], ['A', '2024-03-04', 2.5], ['B', '2024-03-02', -4], ['C', '2024-03-03', 0]];
    const kept = historicalFiguresAndSortedNet(tableFromRows(rows));
    const own = tableFromRows(rows);
    const grouping = groupCustomerDays(own);
    const released = historicalFiguresAndSortedNet(own, { releaseGroupings: true });
    expect(grouping.day.length).toBe(0);
    expect(groupCustomerDays(own) === grouping).toBe(false);
    expect(Array.from(released.sortedNet)).toEqual([0, 3, 12.5]);
    expect(released).toEqual(kept);
  });

  it('knows the day range and each customer’s first row of any amount', () => {
    expect(tableDayRange(table)).toEqual({ min: day('2024-03-01'), max: day('2024-03-05') });
    expect(Array.from(customerFirstDays(table))).toEqual([day('2024-03-01'), day('2024-03-02'), day('2024-03-03')]);
    expect(tableDayRange(tableFromRows([]))).toBeNull();
  });
});

describe('day totals kept as cents in 32 bits', () => {
  it('give every figure read from them exactly what 64-bit totals give', () => {
    // Four customers over five months, one or two orders a day, amounts in quarters (sums exact in binary), a refund.
    const rows: LiteralRow[] = [];
    const ids = ['A', 'B', 'C', 'D'];
    for (let m = 1; m <= 5; m++) {
      for (let k = 0; k < ids.length; k++) {
        if ((m + k) % 3 === 0) continue;
        rows.push([ids[k], `2024-0${m}-${String(3 + 5 * k).padStart(2, '0')}`, 10 + m * 7.25 + k * 3.5]);
        if (k === 1) rows.push([ids[k], `2024-0${m}-${String(3 + 5 * k).padStart(2, '0')}`, 0.5]);
      }
    }
    rows.push(['C', '2024-04-20', -4.75]);
    const end = day('2024-05-31');
    const everything = (table: ReturnType<typeof tableFromRows>) => ({
      summary: customerSummary(table, { observationEnd: end, timeUnit: 'week' }),
      history: customerHistory(table).history,
      cohorts: cohorts(table, 'month'),
      holdout: calibrationHoldout(table, { calibrationEnd: day('2024-03-31'), observationEnd: end, timeUnit: 'week' }),
      orders: summaryOfOrders(table, end),
      retention: subscriptionRetention(table, 0.01),
      detail: customerDetail(table, 'B', 'bgnbd', [0.5, 10, 0.7, 2], 'week'),
    });
    const narrow = tableFromRows(rows);
    const narrowGrouping = groupCustomerDays(narrow);
    expect([narrowGrouping.total instanceof Int32Array, narrowGrouping.totalScale]).toEqual([true, 100]);
    const narrowFigures = everything(narrow);
    dayTotalsIn32Bits.allowed = false;
    try {
      const wide = tableFromRows(rows);
      expect(groupCustomerDays(wide).total instanceof Float64Array).toBe(true);
      expect(narrowFigures).toEqual(everything(wide));
    } finally {
      dayTotalsIn32Bits.allowed = true;
    }
  });

  it('are summed as whole cents from the rows, refunds netted, exactly; in 64-bit floats again past 32 bits (by hand)', () => {
    const rows: LiteralRow[] = [
      ['A', '2024-01-02', 19.99, 'o1', undefined, 5.01],
      ['A', '2024-01-02', 0.01, 'o2'],
      ['A', '2024-01-03', 0.1, 'o3'],
      ['A', '2024-01-03', 0.2, 'o4'],
      ['B', '2024-01-02', 1234.56, 'o5'],
    ];
    // 19.99 − 5.01 + 0.01 = 14.99; 0.1 + 0.2 = 0.30 (as floats 0.30000000000000004, which no cents column holds).
    const g = groupCustomerDays(tableFromRows(rows));
    expect([g.total instanceof Int32Array, g.totalScale, Array.from(g.total)]).toEqual([true, 100, [1499, 30, 123456]]);
    // Two rows of 15,000,000.50 on one day: 3,000,000,100 cents, past 32 bits: the totals are 64-bit floats.
    const big = groupCustomerDays(tableFromRows([...rows, ['C', '2024-01-05', 15_000_000.5, 'o6'], ['C', '2024-01-05', 15_000_000.5, 'o7']]));
    expect([big.total instanceof Float64Array, big.totalScale]).toEqual([true, 1]);
    expect(Array.from(big.total).slice(-1)).toEqual([30_000_001]);
    expect(big.total[0]).toBeCloseTo(14.99, 10);
    // Amount and refund each fit 32 bits in cents, the row's net does not (20,000,000.00 less a refund written as
    // −10,000,000.00: 3,000,000,000 cents): 64-bit floats too.
    const one = groupCustomerDays(tableFromRows([...rows, ['D', '2024-01-06', 20_000_000, 'o8', undefined, -10_000_000]]));
    expect([one.total instanceof Float64Array, one.totalScale, Array.from(one.total).slice(-1)]).toEqual([true, 1, [30_000_000]]);
  });

  it('give the same grouping in cents as in 64-bit floats over 80,000 customers (the blocked sort), refunds and days out of order', () => {
    // Amounts in quarters, so that 64-bit sums are exact too; customers in no order; a tenth of the rows refunds.
    const rows: LiteralRow[] = [];
    let seed = 5;
    const next = () => ((seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0) / 2 ** 32);
    for (let i = 0; i < 160_000; i++) {
      const c = Math.floor(next() * 100_000);
      const date = `2024-0${1 + Math.floor(next() * 9)}-${String(1 + Math.floor(next() * 28)).padStart(2, '0')}`;
      const amount = Math.floor(next() * 40_000) / 4 - (next() < 0.1 ? 10_000 : 0);
      rows.push(next() < 0.05 ? [`K${c}`, date, amount, `o${i}`, undefined, 0.25] : [`K${c}`, date, amount, `o${i}`]);
    }
    const cents = groupCustomerDays(tableFromRows(rows));
    expect([cents.total instanceof Int32Array, cents.totalScale, cents.customerCount > 65_536]).toEqual([true, 100, true]);
    dayTotalsIn32Bits.allowed = false;
    try {
      const floats = groupCustomerDays(tableFromRows(rows));
      expect(floats.total instanceof Float64Array).toBe(true);
      // Where the two first differ (−1: nowhere), so that a failure names a place rather than diffing 150,000 values.
      const firstDifference = (a: ArrayLike<number>, b: ArrayLike<number>) => {
        for (let i = 0; i < Math.max(a.length, b.length); i++) if (a[i] !== b[i]) return i;
        return -1;
      };
      expect(firstDifference(cents.dayStart, floats.dayStart)).toBe(-1);
      expect(firstDifference(cents.day, floats.day)).toBe(-1);
      expect(firstDifference(Array.from(cents.total, (v) => v / 100), floats.total)).toBe(-1);
    } finally {
      dayTotalsIn32Bits.allowed = true;
    }
  });
});
