import { describe, expect, it } from 'vitest';
import { annualFromData } from '../../../src/core/scenario';
import type { BridgeMonth } from '../../../src/core/subscriptions/monthly';
import type { IntervalLifetimes } from '../../../src/core/subscriptions/lifetimes';

const month = (annualShare: number | null) => ({ annualShare }) as BridgeMonth;
const fit = (name: IntervalLifetimes['name'], expectedMonths: number | null, identified = true) => ({ name, expectedMonths, identified }) as IntervalLifetimes;

describe('what a billing export says about annual billing', () => {
  it('the last month’s annual share, and E_monthly ÷ E_yearly − 1 as the switchers’ churn change', () => {
    // Monthly subscribers pay 6 months on average, yearly ones 24: churn ≈ 1/6 against 1/24 a month, 6/24 − 1 = −75%.
    expect(annualFromData([month(0.1), month(0.25)], [fit('month', 6), fit('year', 24)])).toEqual({ share: 0.25, churnChangePercent: -75, monthlyMonths: 6, yearlyMonths: 24 });
  });

  it('keeps the change within the lever’s range, and says nothing of churn without both fits', () => {
    // 6/2 − 1 = +200% is beyond the lever's +100%.
    expect(annualFromData([month(0.25)], [fit('month', 6), fit('year', 2)]).churnChangePercent).toBe(100);
    expect(annualFromData([month(0.25)], [fit('month', 6), fit('year', 24, false)]).churnChangePercent).toBeNull();
    expect(annualFromData([month(0.25)], [fit('month', 6)]).churnChangePercent).toBeNull();
    expect(annualFromData([], []).share).toBeNull();
  });
});
