/**
 * A table whose amounts and refunds are held as whole cents or units in 32 bits (TransactionTable.moneyScale) gives the
 * figures the same table gives with 64-bit money: dataset figures, cohorts, the dashboard's historical figures,
 * customer histories with and without costs, RFM input, the model summary and the per-customer detail.
 */
import { describe, expect, it } from 'vitest';
import { analyzeDataset, customerSummary, dashboardData } from '../../../src/core/figures';
import { customerHistory } from '../../../src/core/figures/customer-history';
import { dayTotalsIn32Bits } from '../../../src/core/figures/customer-days';
import { rfmInput } from '../../../src/core/segments/rfm-input';
import { narrowTableMoney } from '../../../src/core/money-column';
import type { TransactionTable } from '../../../src/core/types';
import { mulberry32 } from '../../bench/synthetic';

/** Random rows: purchases of two decimals (or whole đồng), refund rows, zero rows, refunds on orders, costs. */
function randomTable(rows: number, customers: number, seed: number, { cents = true, refunds = true, costs = false } = {}): TransactionTable {
  const rand = mulberry32(seed);
  const customer = new Uint32Array(rows);
  const day = new Int32Array(rows);
  const amount = new Float64Array(rows);
  const refunded = new Float64Array(rows);
  const cost = new Float64Array(rows);
  const step = cents ? 100 : 1 / 1000;
  for (let i = 0; i < rows; i++) {
    customer[i] = Math.floor(customers * rand() * rand());
    day[i] = 19000 + Math.floor(rand() * 500);
    const u = rand();
    amount[i] = u < 0.1 ? -Math.round(rand() * 5000) / step : u < 0.15 ? 0 : Math.round(rand() * 20000) / step;
    refunded[i] = refunds && rand() < 0.05 ? Math.round(rand() * 100) / step : 0;
    cost[i] = rand() < 0.2 ? NaN : amount[i] * 0.6;
  }
  return {
    length: rows, customerIds: Array.from({ length: customers }, (_, c) => `C${c}`), customer, day, amount,
    ...(refunds ? { refunded } : {}), cost: costs ? cost : null,
    order: null, orderCodes: null, product: null, productNames: null, channel: null, channelNames: null,
  };
}

/** The same table with its money held in 32 bits. */
function inCents(table: TransactionTable): TransactionTable {
  const money = narrowTableMoney(table.amount as Float64Array, (table.refunded as Float64Array | undefined) ?? null);
  expect(money.amount).toBeInstanceOf(Int32Array);
  return { ...table, amount: money.amount, ...(money.refunded ? { refunded: money.refunded } : {}), moneyScale: money.moneyScale };
}

/** Deep equality, numbers to 1e-9 of their size: whole cents add exactly where 64-bit sums round. */
function near(a: unknown, b: unknown, path = '$'): void {
  if (typeof a === 'number' && typeof b === 'number') {
    if (Number.isNaN(a) || Number.isNaN(b) || !Number.isFinite(a)) expect(Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b)), path).toBe(true);
    else expect(Math.abs(a - b), `${path}: ${a} vs ${b}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(a)));
    return;
  }
  if (ArrayBuffer.isView(a) && ArrayBuffer.isView(b)) return near(Array.from(a as Float64Array), Array.from(b as Float64Array), path);
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    expect(Object.keys(b as object).sort(), path).toEqual(Object.keys(a as object).sort());
    for (const key of Object.keys(a as object)) if (key !== 'timings') near((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${path}.${key}`);
    return;
  }
  expect(b, path).toEqual(a);
}

describe('money held as whole cents or units', () => {
  for (const [name, shape] of [
    ['cents, refund rows and refunds on orders', { cents: true, refunds: true }],
    ['cents, no refunded column (the customer-by-customer sums)', { cents: true, refunds: false }],
    ['whole đồng in thousands, with costs', { cents: false, refunds: true, costs: true }],
  ] as const) {
    it(`gives every figure the 64-bit table gives: ${name}`, () => {
      const floats = randomTable(20_000, 3_000, 7, shape);
      const cents = inCents(floats);
      expect(cents.moneyScale).toBe(shape.cents ? 100 : 1);
      const a = analyzeDataset(floats);
      const b = analyzeDataset(cents);
      near(a.figures, b.figures);
      near(a.cohorts, b.cohorts);
      near(dashboardData(floats, { marginPercent: 30 }).historical, dashboardData(cents, { marginPercent: 30 }).historical);
      near(customerHistory(floats, 30), customerHistory(cents, 30));
      near(rfmInput(floats, 19_400), rfmInput(cents, 19_400));
      near(customerSummary(floats, { observationEnd: 19_499, timeUnit: 'week' }), customerSummary(cents, { observationEnd: 19_499, timeUnit: 'week' }));
      // By hand: net revenue is every amount less every refund, read as money.
      let net = 0;
      for (let i = 0; i < floats.length; i++) net += cents.amount[i] - (cents.refunded ? cents.refunded[i] : 0);
      expect(b.figures.netRevenue).toBe(net / cents.moneyScale!);
    });
  }

  it('day totals made in 64 bits from money held in cents (past 32 bits) read as money', () => {
    const floats = randomTable(5_000, 700, 3);
    const cents = inCents(floats);
    dayTotalsIn32Bits.allowed = false;
    try {
      const options = { observationEnd: 19_499, timeUnit: 'day' } as const;
      near(customerSummary(floats, options), customerSummary(cents, options));
    } finally {
      dayTotalsIn32Bits.allowed = true;
    }
  });

  it('a sum of cents is exact where 64-bit money rounds (0.1 + 0.2 on one row each)', () => {
    const floats = randomTable(3, 1, 1, { refunds: false });
    floats.amount.set([0.1, 0.2, 0.3]);
    const cents = inCents(floats);
    expect(Array.from(cents.amount)).toEqual([10, 20, 30]);
    expect(analyzeDataset(cents).figures.grossRevenue).toBe(0.6);
    expect(analyzeDataset(floats).figures.grossRevenue).toBeCloseTo(0.6, 15);
  });
});
