import { describe, expect, it } from 'vitest';
import { LEVER_RANGES, ZERO_LEVERS, checkLevers, compareScenario, evaluateSide, OUTPUT_FIELDS, tornado } from '../../../src/core/scenario';
import { geometric, handBase } from './hand-base';

const base = handBase({ atRiskValue: 12_000, atRiskCustomers: 40, failedPaymentsPerMonth: 200, cohortRevenue: [20, 36, 48.8] });
const side = (levers: Partial<typeof ZERO_LEVERS> = {}) => evaluateSide(base, { ...ZERO_LEVERS, ...levers });

describe('the base (every lever at zero), by hand', () => {
  const b = side();
  it('lifetime value, customers, revenue and gross profit', () => {
    // 0.5 × 40 × 0.3 = 6 a month, ÷ (1 − 0.8) = 30.
    expect(b.clvPerCustomer).toBeCloseTo(30, 10);
    expect(b.terms.monthlyGrossProfitPerCustomer).toBeCloseTo(6, 12);
    // A_t = 50 + 50·0.8^t: month 12: 50 + 50 × 0.068719476736 = 53.4359738368.
    expect(b.customers12).toBeCloseTo(53.4359738368, 9);
    expect(b.customers24).toBeCloseTo(50 + 50 * 0.8 ** 24, 9);
    // Revenue = 20 × Σ A_t = 20 × (600 + 50 × Σ0.8^t) = 20 × (600 + 186.2561046528) = 15,725.122093056.
    expect(b.revenue12).toBeCloseTo(15_725.122093056, 6);
    expect(b.grossProfit12).toBeCloseTo(4_717.5366279168, 6);
    expect(b.revenue24).toBeCloseTo(20 * (1200 + 50 * geometric(0.8, 24)), 6);
    expect(b.grossProfit36).toBeCloseTo(6 * (1800 + 50 * geometric(0.8, 36)), 6);
  });
  it('LTV:CAC and payback are null without an acquisition cost, with the reason', () => {
    expect(b.ltvToCac).toBeNull();
    expect(b.paybackMonths).toBeNull();
    expect(b.notes.map((n) => n.code)).toEqual(['no-cac']);
  });
});

describe('every lever at zero gives the base exactly', () => {
  const zero = side();
  const strip = (s: ReturnType<typeof side>) => ({ ...s, notes: s.notes.map((n) => n.code) });
  for (const key of LEVER_RANGES.keys()) {
    it(`${key}: 0, written in a file`, () => {
      const read = checkLevers({ [key]: 0, priceAppliesTo: 'new' });
      expect(read.ok).toBe(true);
      if (read.ok) expect(strip(evaluateSide(base, read.levers))).toEqual(strip(zero));
    });
  }
  it('the difference is zero in every output', () => {
    const c = compareScenario(base, { ...ZERO_LEVERS, cacPerCustomer: 15 });
    for (const k of OUTPUT_FIELDS) if (c.difference[k] !== null) expect(c.difference[k]).toBe(0);
    expect(c.difference.ltvToCac).toBe(0);
  });
});

describe('each lever, by hand', () => {
  it('retention +5 points: r = 0.85, lifetime 6 ÷ 0.15 = 40', () => {
    const s = side({ retentionPoints: 5 });
    expect(s.clvPerCustomer).toBeCloseTo(40, 10);
    // A_t = 10 ÷ 0.15 + (100 − 66.67)·0.85^t.
    expect(s.customers12).toBeCloseTo(200 / 3 + (100 - 200 / 3) * 0.85 ** 12, 9);
  });
  it('churn −25%: 0.2 × 0.75 = 0.15, the same as +5 points', () => {
    expect(side({ churnPercent: -25 }).clvPerCustomer).toBeCloseTo(40, 10);
  });
  it('price +10% for everyone: gross profit per purchase 40 × (0.3 + 0.1) = 16, revenue 44', () => {
    const s = side({ pricePercent: 10 });
    expect(s.clvPerCustomer).toBeCloseTo((0.5 * 16) / 0.2, 10); // 40: a third more profit from 10% on price
    expect(s.revenue12).toBeCloseTo(15_725.122093056 * 1.1, 6);
    expect(s.grossProfit12).toBeCloseTo((4_717.5366279168 * 16) / 12, 6);
  });
  it('price +10% for new customers only: today’s customers keep their price', () => {
    const s = side({ pricePercent: 10, priceAppliesTo: 'new' });
    // Existing: 100·0.8^t at 20 a month; new: 50·(1 − 0.8^t) at 22.
    const existing = 20 * 100 * geometric(0.8, 12);
    const joined = 22 * (600 - 50 * geometric(0.8, 12));
    expect(s.revenue12).toBeCloseTo(existing + joined, 6);
    expect(s.clvPerCustomer).toBeCloseTo(40, 10);
  });
  it('customers lost: 20% of everyone paying the new price leave or never come', () => {
    const s = side({ pricePercent: 10, customersLostPercent: 20 });
    expect(s.customers12).toBeCloseTo(0.8 * 53.4359738368, 9);
    expect(s.revenue12).toBeCloseTo(0.8 * 1.1 * 15_725.122093056, 6);
    const onlyNew = side({ pricePercent: 0, customersLostPercent: 20, priceAppliesTo: 'new' });
    expect(onlyNew.terms.activeCustomers).toBe(100);
    expect(onlyNew.terms.newCustomersPerMonth).toBe(8);
  });
  it('order value +10%: 44 a purchase at the same 30% margin: 0.5 × 13.2 ÷ 0.2 = 33', () => {
    expect(side({ orderValuePercent: 10 }).clvPerCustomer).toBeCloseTo(33, 10);
  });
  it('frequency +10%: 0.55 purchases a month: 0.55 × 12 ÷ 0.2 = 33', () => {
    expect(side({ frequencyPercent: 10 }).clvPerCustomer).toBeCloseTo(33, 10);
  });
  it('margin +10 points: 0.5 × 40 × 0.4 ÷ 0.2 = 40', () => {
    const s = side({ marginPoints: 10 });
    expect(s.clvPerCustomer).toBeCloseTo(40, 10);
    expect(s.grossProfit12).toBeCloseTo((4_717.5366279168 * 0.4) / 0.3, 6);
  });
  it('annual billing: 20% off, half take it, their churn halves', () => {
    // Switchers: 40 × (0.3 + 0.8 − 1) = 4 gross profit a purchase, 2 a month, churn 0.1 → 20; the others 30.
    const s = side({ annualDiscountPercent: 20, annualUptakePercent: 50, annualChurnPercent: -50 });
    expect(s.clvPerCustomer).toBeCloseTo(0.5 * 30 + 0.5 * 20, 10);
    expect(s.terms.annualRetention).toBeCloseTo(0.9, 12);
    // Half of today's 100 and of the 10 new a month switch: 50·0.8^t + 50·0.9^t + 25·(1 − 0.8^t) + 50·(1 − 0.9^t).
    expect(s.customers12).toBeCloseTo(50 * 0.8 ** 12 + 50 * 0.9 ** 12 + 25 * (1 - 0.8 ** 12) + 50 * (1 - 0.9 ** 12), 9);
  });
  it('win-back: 10% of 12,000 at-risk value over 12 months: 100 a month, 30 of it profit', () => {
    const s = side({ winBackPercent: 10 });
    expect(s.revenue12 - side().revenue12).toBeCloseTo(1200, 8);
    expect(s.grossProfit12 - side().grossProfit12).toBeCloseTo(360, 8);
    expect(s.revenue24 - side().revenue24).toBeCloseTo(1200, 8);
    const none = evaluateSide(handBase(), { ...ZERO_LEVERS, winBackPercent: 10 });
    expect(none.notes.map((n) => n.code)).toContain('no-at-risk');
  });
  it('dunning: half of 200 failed a month recovered, every month', () => {
    const s = side({ dunningPercent: 50 });
    expect(s.revenue24 - side().revenue24).toBeCloseTo(2400, 8);
    expect(s.grossProfit36 - side().grossProfit36).toBeCloseTo(36 * 30, 8);
  });
});

describe('LTV:CAC and payback, by hand', () => {
  it('CAC 15: LTV:CAC 2, payback 15 ÷ 6 = 2.5 months, the cohort’s margin crosses in month 4', () => {
    const s = side({ cacPerCustomer: 15 });
    expect(s.ltvToCac).toBeCloseTo(2, 12);
    expect(s.paybackMonths).toBeCloseTo(2.5, 12);
    // Cumulative: 30·(1 − 0.8^t): month 3 14.64 < 15, month 4 17.712.
    expect(s.paybackCohortMonths).toBe(4);
    expect(side({ cacPerCustomer: 14.6 }).paybackCohortMonths).toBe(3);
    expect(side({ cacPerCustomer: 14.7 }).paybackCohortMonths).toBe(4);
  });
  it('marketing spend 150 a month ÷ 10 new customers is a CAC of 15', () => {
    expect(side({ marketingSpendPerMonth: 150 }).terms.cac).toBeCloseTo(15, 12);
  });
  it('a CAC above the lifetime value never pays back', () => {
    const s = side({ cacPerCustomer: 60 });
    expect(s.ltvToCac).toBeCloseTo(0.5, 12);
    expect(s.paybackMonths).toBeCloseTo(10, 12);
    expect(s.paybackCohortMonths).toBeNull();
  });
  it('the data’s cohorts: 20, 36, 48.8 revenue a customer → 6, 10.8, 14.64 profit: CAC 11 in month 3; +5 points in month 2', () => {
    expect(side({ cacPerCustomer: 11 }).paybackDataMonths).toBe(3);
    // Increment of month 2: 4.8 × 0.85/0.8 = 5.1, so 11.1 ≥ 11.
    expect(side({ cacPerCustomer: 11, retentionPoints: 5 }).paybackDataMonths).toBe(2);
  });
});

describe('predicted value from the fitted model (no refit)', () => {
  const withModel = handBase({ predicted: { model: 'bgnbd', customers: 100, monthlyPurchases: [10, 8, 6.4], spendPerPurchase: 40, monthlyDiscountRate: 0 } });
  it('24.4 purchases × 40 × 0.3 ÷ 100 customers = 2.928; +5 points scale month k by (0.85/0.8)^k', () => {
    expect(evaluateSide(withModel, ZERO_LEVERS).clvPredicted).toBeCloseTo(2.928, 12);
    const s = evaluateSide(withModel, { ...ZERO_LEVERS, retentionPoints: 5 });
    expect(s.clvPredicted).toBeCloseTo(((10 * 1.0625 + 8 * 1.0625 ** 2 + 6.4 * 1.0625 ** 3) * 12) / 100, 12);
  });
});

describe('levers from a file', () => {
  it('refuses unknown keys, wrong types and values out of range in one sentence', () => {
    const bad = (v: unknown) => {
      const r = checkLevers(v);
      return r.ok ? null : r.problem.text;
    };
    expect(bad({ retentionPoint: 5 })).toMatch(/^"retentionPoint" is not a lever/);
    expect(bad({ toString: 5 })).toMatch(/^"toString" is not a lever/);
    expect(bad({ __proto__: 1, pricePercent: 5 })).toBeNull();
    expect(bad(JSON.parse('{"__proto__": 5}'))).toMatch(/is not a lever/);
    expect(bad({ pricePercent: '5' })).toBe('The lever "pricePercent" must be a number.');
    expect(bad({ winBackPercent: 101 })).toBe('The lever "winBackPercent" must be from 0 to 100.');
    expect(bad({ priceAppliesTo: 'old' })).toBe('The lever "priceAppliesTo" must be "new" or "all".');
    expect(bad({ cacPerCustomer: -1 })).toMatch(/cacPerCustomer/);
    expect(bad([1])).toBe('The levers must be a JSON object.');
  });
  it('takes marginPercent as the margin lever’s name in the issue', () => {
    const r = checkLevers({ marginPercent: 5 });
    expect(r.ok && r.levers.marginPoints).toBe(5);
  });
});

describe('tornado', () => {
  it('ranks each lever moved ±5 by its effect on 24-month gross profit', () => {
    const t = tornado(base, ZERO_LEVERS);
    expect(t.bars.map((b) => b.lever)).toHaveLength(9);
    const sizes = t.bars.map((b) => Math.max(Math.abs(b.lowEffect), Math.abs(b.highEffect)));
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    const price = t.bars.find((b) => b.lever === 'pricePercent')!;
    // +5% on price: 24-month profit × (0.3 + 0.05)/0.3.
    expect(price.highEffect).toBeCloseTo(side().grossProfit24 * (0.05 / 0.3), 6);
    expect(t.bars[0].lever).toBe('retentionPoints');
  });
});
