/**
 * A base with round numbers for hand-computed cases: 100 customers on the books now, 10 new a month, monthly
 * retention r = 0.8, f = 0.5 purchases a month at v = 40, margin 30%. So a customer brings 20 revenue and 6 gross
 * profit a month, and a new customer's lifetime gross profit is 6 ÷ 0.2 = 30. Customers on the books in month t:
 * A_t = 0.8·A_{t−1} + 10 = 50 + 50·0.8^t (the steady state n ÷ (1 − r) = 50).
 */
import { calculatorBase, type ScenarioBase } from '../../../src/core/scenario';

export function handBase(extra: Partial<ScenarioBase> = {}): ScenarioBase {
  // T = 6 purchases a year (f = 0.5), ALT = 5/12 year (M = 5 months, r = 0.8), AOV 40, AGM 0.3.
  const base = calculatorBase({ averageOrderValue: 40, purchasesPerYear: 6, lifespanYears: 5 / 12, margin: 0.3, activeCustomers: 100, newCustomersPerMonth: 10, failedPaymentsPerMonth: null });
  return { ...base, monthlyRetention: 0.8, ...extra };
}

/** Σ_{t=1..h} 0.8^t */
export const geometric = (q: number, h: number) => (q * (1 - q ** h)) / (1 - q);
