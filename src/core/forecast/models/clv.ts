/**
 * Discounted customer lifetime value over a horizon in months, as lifetimes defines it:
 * CLV = Σ_{k=1..H} margin · E(M) · (E[Y(k·f)] − E[Y((k−1)·f)]) / (1 + d)^k,
 * with f model-time units per month and d the monthly discount rate. The month is 30 days, or 4.345 weeks, the
 * convention of lifetimes' `freq='D'`/`'W'`, so that our figures can be checked against its outputs.
 */
import type { TimeUnit } from '../../types';

/** Model-time units per month. */
export function unitsPerMonth(unit: TimeUnit): number {
  return unit === 'day' ? 30 : 4.345;
}

/** A monthly rate from an annual one: (1 + a)^(1/12) − 1. */
export function monthlyFromAnnual(annualRate: number): number {
  return Math.pow(1 + annualRate, 1 / 12) - 1;
}

/**
 * Fills `cumulative[k]` (k = 1..⌈months⌉) with E[Y(min(k, months)·f)] and returns the discounted expected purchases
 * Σ_k (E[Y(k·f)] − E[Y((k−1)·f)]) / (1 + d)^k. A fractional horizon ends with a partial last month.
 */
export function discountedPurchases(expectedUpTo: (t: number) => number, months: number, unitsMonth: number, monthlyRate: number, cumulative?: Float64Array): number {
  let previous = 0;
  let total = 0;
  let discount = 1;
  const steps = Math.ceil(months - 1e-9);
  for (let k = 1; k <= steps; k++) {
    const current = expectedUpTo(Math.min(k, months) * unitsMonth);
    discount /= 1 + monthlyRate;
    total += (current - previous) * discount;
    if (cumulative) cumulative[k] = current;
    previous = current;
  }
  return total;
}
