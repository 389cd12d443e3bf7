/**
 * sBG through the subscriptions pipeline on Fader & Hardie's (2007) published cohorts: 1,000 monthly subscriptions
 * whose lifetimes follow the "regular" survivor series (100, 63.1, 46.8, 38.2, 32.6, 28.9, 26.2, 24.1 % alive at
 * t = 0..7) and the "high-end" one (100, 86.9, 74.3, 65.3, 59.3, 55.1, 51.7, 49.1 %): those who left in period t paid
 * for t periods; the 241 (491) still active at the start of period 7 have paid 8 and are censored after 7 renewals. The published MLEs are
 * α 0.704, β 1.182 (regular) and α 0.668, β 3.806 (high end).
 */
import { describe, expect, it } from 'vitest';
import { lifetimesByInterval } from '../../../src/core/subscriptions';
import { addMonths } from '../../../src/core/subscriptions/intervals';
import type { SubscriptionHistory } from '../../../src/core/subscriptions/paid-periods';
import { isoToDay } from '../../../src/core/figures/dates';

const START = isoToDay('2020-01-01');

/** Monthly subscriptions, each paying its periods from 1 January 2020. */
function cohort(series: number[]): { subs: SubscriptionHistory[]; asOf: number } {
  const subs: SubscriptionHistory[] = [];
  const add = (paid: number) => {
    const periods = Array.from({ length: paid }, (_, t) => ({ start: addMonths(START, t), end: addMonths(START, t + 1), rate: 10 }));
    subs.push({ id: `s${subs.length}`, customer: `c${subs.length}`, source: 'payments', interval: { unit: 'month', count: 1 }, intervalFrom: 'column', periods, lastPrice: 10 });
  };
  for (let t = 1; t < series.length; t++) for (let i = 0; i < series[t - 1] - series[t]; i++) add(t);
  // Active at the start of period 7 (after 7 renewals): 8 periods paid, the last still running when observation ends,
  // 10 days into it (past the 7 days of grace of those who paid 7 and left).
  for (let i = 0; i < series[series.length - 1]; i++) add(series.length);
  return { subs, asOf: addMonths(START, series.length - 1) + 10 };
}

describe('sBG per interval on the Fader & Hardie (2007) cohorts', () => {
  it('regular: α 0.704, β 1.182', () => {
    const { subs, asOf } = cohort([1000, 631, 468, 382, 326, 289, 262, 241]);
    const [month] = lifetimesByInterval(subs, asOf, 7);
    expect([month.subscriptions, month.ended, month.active]).toEqual([1000, 759, 241]);
    expect(month.alpha!).toBeCloseTo(0.7041, 3);
    expect(month.beta!).toBeCloseTo(1.182, 3);
    // α ≤ 1: the mean lifetime is infinite, so only the months within five years are given.
    expect(month.expectedMonths).toBeNull();
    expect(month.expectedMonthsWithin!).toBeGreaterThan(7);
    expect(month.observed.slice(0, 8).map((s) => Math.round(s * 1000))).toEqual([1000, 631, 468, 382, 326, 289, 262, 241]);
  });

  it('high end: α 0.668, β 3.806', () => {
    const { subs, asOf } = cohort([1000, 869, 743, 653, 593, 551, 517, 491]);
    const [month] = lifetimesByInterval(subs, asOf, 7);
    expect(month.alpha!).toBeCloseTo(0.668, 3);
    expect(month.beta!).toBeCloseTo(3.806, 3);
  });
});
