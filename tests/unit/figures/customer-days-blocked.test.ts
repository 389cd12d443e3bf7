/**
 * Many customers: the grouping by customer and each customer's first day go block by block (customer-days.ts, above
 * 65,536 customers). Their results must be those of the plain definitions, written out here without any blocking: a
 * stable sort of the selected rows by customer, then by day, merged into days.
 */
import { describe, expect, it } from 'vitest';
import { customerFirstDays, groupCustomerDays } from '../../../src/core/figures';
import { FIRST_DAY_NONE } from '../../../src/core/figures/customer-days';
import type { TransactionTable } from '../../../src/core/types';
import { mulberry32 } from '../../bench/synthetic';

/** Random rows of `customers` customers (some without any row), days in no order, some refunds, zero and refunded amounts. */
function randomTable(rows: number, customers: number, seed: number): TransactionTable {
  const rand = mulberry32(seed);
  const customer = new Uint32Array(rows);
  const day = new Int32Array(rows);
  const amount = new Float64Array(rows);
  const refunded = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    // Customers skewed towards low indices, so block sizes differ; every 7th customer never appears.
    let c = Math.floor(customers * rand() * rand());
    if (c % 7 === 3) c++;
    customer[i] = Math.min(c, customers - 1);
    day[i] = 19000 + Math.floor(rand() * 400);
    const u = rand();
    amount[i] = u < 0.1 ? -Math.round(rand() * 5000) / 100 : u < 0.15 ? 0 : Math.round(rand() * 20000) / 100;
    refunded[i] = rand() < 0.05 ? Math.round(rand() * 100) / 100 : 0;
  }
  return {
    length: rows, customerIds: Array.from({ length: customers }, (_, c) => `C${c}`), customer, day, amount, refunded,
    line: Uint32Array.from({ length: rows }, (_, i) => i + 2), cost: null, order: null, orderCodes: null, product: null, productNames: null, channel: null, channelNames: null,
  };
}

/** The definition: rows in the window with amount ≥ 0 (> 0 when positive only), by customer, then day, then file order. */
function plainGrouping(table: TransactionTable, after: number, through: number, positiveOnly: boolean) {
  const picked: number[] = [];
  for (let i = 0; i < table.length; i++) {
    const a = table.amount[i];
    if ((positiveOnly ? a > 0 : a >= 0) && table.day[i] > after && table.day[i] <= through) picked.push(i);
  }
  picked.sort((i, j) => table.customer[i] - table.customer[j] || table.day[i] - table.day[j] || i - j);
  const day: number[] = [], total: number[] = [];
  const dayStart = new Array<number>(table.customerIds.length + 1).fill(0);
  let k = 0;
  for (let c = 0; c < table.customerIds.length; c++) {
    dayStart[c] = day.length;
    while (k < picked.length && table.customer[picked[k]] === c) {
      const i = picked[k++];
      const net = table.amount[i] - table.refunded![i];
      if (day.length > dayStart[c] && day[day.length - 1] === table.day[i]) {
        total[total.length - 1] += net;
      } else {
        day.push(table.day[i]);
        total.push(net);
      }
    }
  }
  dayStart[table.customerIds.length] = day.length;
  return { rows: picked, day, total, dayStart };
}

/** The first index where two arrays differ (their lengths included), or -1: a deep equality of 200,000 elements through
 * the test framework's differ takes seconds. */
function firstDifference(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (actual.length !== expected.length) return Math.min(actual.length, expected.length);
  for (let i = 0; i < actual.length; i++) if (actual[i] !== expected[i]) return i;
  return -1;
}

describe('grouping many customers', () => {
  const table = randomTable(200_000, 100_000, 11);

  it('gives the rows, days and totals of the plain definition, with and without a window', () => {
    for (const [after, through, positiveOnly] of [[-Infinity, Infinity, false], [19100, 19300, false], [-Infinity, 19250, true]] as const) {
      const g = groupCustomerDays(table, { after: Number.isFinite(after) ? after : undefined, through: Number.isFinite(through) ? through : undefined, positiveOnly });
      const want = plainGrouping(table, after, through, positiveOnly);
      expect(g.customerCount).toBe(100_000);
      expect(firstDifference(g.day, want.day), 'day').toBe(-1);
      expect(firstDifference(g.dayStart, want.dayStart), 'dayStart').toBe(-1);
      // The days' totals are compensated sums; the plain ones here are not: a few cents over a handful of lines agree
      // to rounding.
      let worst = 0;
      for (let k = 0; k < want.total.length; k++) worst = Math.max(worst, Math.abs(g.total[k] / g.totalScale - want.total[k]));
      expect(worst).toBeLessThan(1e-9);
      // rowStart: where each customer's rows begin in `rows`.
      const rowStart = new Array<number>(g.customerCount + 1).fill(0);
      for (const i of want.rows) rowStart[table.customer[i] + 1]++;
      for (let c = 0; c < g.customerCount; c++) rowStart[c + 1] += rowStart[c];
      expect(firstDifference(g.rowStart, rowStart), 'rowStart').toBe(-1);
    }
  });

  it('finds each customer’s first day of any row, refunds included, and marks customers without rows', () => {
    const first = customerFirstDays(table);
    const want = new Int32Array(table.customerIds.length).fill(FIRST_DAY_NONE);
    for (let i = 0; i < table.length; i++) want[table.customer[i]] = Math.min(want[table.customer[i]], table.day[i]);
    expect(firstDifference(first, want)).toBe(-1);
    expect(first.filter((d) => d === FIRST_DAY_NONE).length).toBeGreaterThan(5_000);
  });
});
