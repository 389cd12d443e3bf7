/**
 * The base from a small file, and the articles' "keep 5% more customers" worked out by hand on it.
 *
 *   A: 2024-01-10 100, 2024-02-10 100, 2024-03-10 100   on the books January–March: 3 months, 3 orders
 *   B: 2024-02-05 50                                    February: 1 month, 1 order
 *   C: 2024-03-01 80, 2024-04-20 120                    March–April: 2 months, 2 orders
 *   D: 2024-04-02 60, 2024-06-30 60                     April–June: 3 months, 2 orders
 *   E: 2024-05-15 90                                    May: 1 month, 1 order
 *
 * 5 customers, 9 orders, 760 net revenue, no margin given (m = 1: profit is revenue).
 * Months on the books M = (3 + 1 + 2 + 3 + 1) ÷ 5 = 2, so monthly retention r = 1 − 1/2 = 0.5.
 * Purchases a month f = 9 ÷ (5 × 2) = 0.9 at v = 760 ÷ 9 a purchase: f × v = 76 a month on the books.
 * A new customer's lifetime value 76 ÷ (1 − 0.5) = 152 = 760 ÷ 5, the historical CLV.
 * On the books now (a purchase after 2024-04-01, 90 days before 2024-06-30): C, D, E = 3.
 * New a month: the cohorts January…May, January left out (it holds whoever bought before the file), June complete:
 * February, March, April, May one each = 1.
 *
 * Keep 5% more (retention points +5): r = 0.55, churn 0.45, lifetime value 76 ÷ 0.45 = 168.89 (+11.1%).
 * Customers: A_t = n/(1 − r) + (A_0 − n/(1 − r))·r^t; base 2 + 1·0.5^t, scenario 2.2222 + 0.7778·0.55^t.
 * Revenue over 12 months = 76 × Σ A_t: base 76 × (24 + 0.5·(1 − 0.5^12)/0.5) = 76 × 24.999755859375 = 1,899.98144531;
 * scenario 76 × (26.66667 + 0.77778 × 0.55 × (1 − 0.000766)/0.45) = 76 × (26.66667 + 0.94989) = 2,098.86.
 */
import { describe, expect, it } from 'vitest';
import { analyzeDataset, historicalFigures } from '../../../src/core/figures';
import { ZERO_LEVERS, compareScenario, dataBase } from '../../../src/core/scenario';
import { tableFromRows, type LiteralRow } from '../../fixtures/figures/build-table';

const ROWS: LiteralRow[] = [
  ['A', '2024-01-10', 100], ['B', '2024-02-05', 50], ['A', '2024-02-10', 100], ['C', '2024-03-01', 80], ['A', '2024-03-10', 100],
  ['D', '2024-04-02', 60], ['C', '2024-04-20', 120], ['E', '2024-05-15', 90], ['D', '2024-06-30', 60],
];

describe('the base from a small file', () => {
  const table = tableFromRows(ROWS);
  const base = dataBase({ historical: historicalFigures(table), cohorts: analyzeDataset(table).cohorts, margin: { rate: 1, source: 'none' } });

  it('measures M, r, f, v, customers now and new a month', () => {
    expect(base.monthlyRetention).toBe(0.5);
    expect(base.purchasesPerMonth).toBe(0.9);
    expect(base.revenuePerPurchase).toBeCloseTo(760 / 9, 12);
    expect(base.activeCustomers).toBe(3);
    expect(base.newCustomersPerMonth).toBe(1);
    expect(base.margin).toBe(1);
    expect(base.facts.margin).toBeNull();
  });

  it('a new customer’s lifetime value is the historical CLV', () => {
    const c = compareScenario(base, ZERO_LEVERS);
    expect(c.base.clvPerCustomer).toBeCloseTo(152, 10);
    expect(c.base.formulas.find((f) => f.id === 'historical')!.value).toBeCloseTo(152, 10);
  });

  it('retention +5 points: lifetime value 168.89 (+11.1%), revenue over 12 months 1,899.98 → 2,098.86', () => {
    const c = compareScenario(base, { ...ZERO_LEVERS, retentionPoints: 5 });
    expect(c.scenario.clvPerCustomer).toBeCloseTo(76 / 0.45, 10);
    expect(c.difference.clvPerCustomer! / c.base.clvPerCustomer!).toBeCloseTo(1 / 9, 10);
    expect(c.base.revenue12).toBeCloseTo(1_899.9814453125, 8);
    const steady = 1 / 0.45;
    expect(c.scenario.revenue12).toBeCloseTo(76 * (12 * steady + ((3 - steady) * 0.55 * (1 - 0.55 ** 12)) / 0.45), 8);
    expect(c.scenario.revenue12).toBeCloseTo(2_098.86, 2);
    // The historical formulas follow: lifespan and months retained × 0.5/0.45.
    const h = c.scenario.formulas.find((f) => f.id === 'historical')!;
    expect(h.value).toBeCloseTo(152 / 0.9, 10);
  });
});

describe('failed payments for dunning, from the statuses left out', () => {
  it('counts failed, declined, unpaid and uncollectible orders (en, vi, th), at the average order value, per month', async () => {
    const { failedPaymentsPerMonth, isFailedPayment } = await import('../../../src/core/scenario');
    expect(['Payment failed', 'declined', 'Unpaid', 'uncollectible', 'Thất bại', 'Chưa thanh toán', 'ชำระเงินล้มเหลว'].every(isFailedPayment)).toBe(true);
    expect(['Cancelled', 'Refunded', 'Pending', 'paid', 'Đã hủy'].some(isFailedPayment)).toBe(false);
    // 3 failed orders (of 5 rows) + 1 unpaid row without an order count, at 50 a order, over 2 months: 4 × 50 ÷ 2 = 100.
    expect(failedPaymentsPerMonth([{ status: 'failed', count: 5, orders: 3 }, { status: 'unpaid', count: 1 }, { status: 'cancelled', count: 9, orders: 9 }], 50, 2)).toBe(100);
    expect(failedPaymentsPerMonth([{ status: 'cancelled', count: 9 }], 50, 2)).toBeNull();
    expect(failedPaymentsPerMonth(undefined, 50, 2)).toBeNull();
  });
});
