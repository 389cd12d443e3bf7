/**
 * The shifted-beta-geometric model (Fader & Hardie 2007; src/core/forecast/models) fitted on real subscription
 * lifetimes, one fit per plan interval: a subscription that stopped paying contributes the periods it paid for
 * (start to cancel), one still paying is censored after the periods paid so far. From the fit: the expected periods
 * (months) a new subscriber pays for, and the discounted expected revenue, the price of one period × DEL(d), with
 * d the annual discount rate turned into one per period.
 */
import { fitPooledRetention, observedSurvival, pooledSurvival } from '../forecast/models/pooled-retention';
import { sbgDiscountedExpectedLifetime, sbgExpectedLifetime, sbgExpectedLifetimeWithin, sbgSurvival } from '../forecast/models/shifted-beta-geometric';
import type { Notice } from '../types';
import type { DayNumber } from '../types';
import { intervalKey, intervalMonths, intervalName, type Interval, type IntervalName } from './intervals';
import { rateOn } from './monthly';
import type { SubscriptionHistory } from './paid-periods';

/** Expected months are also given within this horizon: with α ≤ 1 the sBG mean is infinite. */
export const HORIZON_MONTHS = 60;
export const DEFAULT_ANNUAL_DISCOUNT = 0.1;

export interface IntervalLifetimes {
  key: string;
  name: IntervalName;
  interval: Interval;
  monthsPerPeriod: number;
  subscriptions: number;
  ended: number;
  active: number;
  /** Mean price of one period (each subscription's last). */
  price: number;
  alpha: number | null;
  beta: number | null;
  identified: boolean;
  message: Notice | null;
  /** E[T] in periods and months; null when infinite (α ≤ 1) or not fitted. */
  expectedPeriods: number | null;
  expectedMonths: number | null;
  /** Expected months paid within HORIZON_MONTHS. */
  expectedMonthsWithin: number | null;
  /** price × DEL(d per period): what a new subscriber is expected to pay, discounted. */
  discountedRevenue: number | null;
  /** Observed (Kaplan–Meier) and fitted share still paying at the start of periods 0, 1, … */
  observed: number[];
  fitted: number[];
}

/**
 * Periods paid for and whether still paying on `asOf`. From payments: the paid periods. From a subscription list:
 * the intervals between start and end (or `asOf`), the current one counted while it runs.
 */
export function subscriptionLifetime(s: SubscriptionHistory, asOf: DayNumber, grace: number): { periods: number; active: boolean } {
  const active = rateOn(s, asOf, grace) > 0;
  if (s.source === 'payments') return { periods: s.periods.length, active };
  const p = s.periods[0];
  const length = intervalMonths(s.interval) * 30.4375;
  const elapsed = Math.min(p.end, asOf) - p.start;
  return { periods: active ? Math.floor(elapsed / length) + 1 : Math.max(1, Math.round(elapsed / length)), active };
}

export function lifetimesByInterval(subs: readonly SubscriptionHistory[], asOf: DayNumber, grace: number, annualDiscount = DEFAULT_ANNUAL_DISCOUNT): IntervalLifetimes[] {
  const groups = new Map<string, SubscriptionHistory[]>();
  for (const s of subs) {
    const k = intervalKey(s.interval);
    let g = groups.get(k);
    if (!g) groups.set(k, (g = []));
    g.push(s);
  }
  const out: IntervalLifetimes[] = [];
  for (const [key, group] of groups) {
    const interval = group[0].interval;
    const monthsPerPeriod = intervalMonths(interval);
    const lives = group.map((s) => subscriptionLifetime(s, asOf, grace));
    const data = pooledSurvival(lives.map((l) => l.periods), lives.map((l) => l.active));
    const ended = lives.filter((l) => !l.active).length;
    const price = group.reduce((sum, s) => sum + s.lastPrice, 0) / group.length;
    const observed = Array.from(observedSurvival(data));
    const row: IntervalLifetimes = {
      key, name: intervalName(interval), interval, monthsPerPeriod, subscriptions: group.length, ended, active: group.length - ended, price,
      alpha: null, beta: null, identified: false, message: null, expectedPeriods: null, expectedMonths: null, expectedMonthsWithin: null, discountedRevenue: null, observed, fitted: [],
    };
    if (ended === 0) {
      row.message = { code: 'no-cancellations', text: 'Nobody has cancelled yet, so the churn rate cannot be estimated.', vars: {} };
    } else {
      const fit = fitPooledRetention(data);
      const params = fit.params;
      row.alpha = params[0];
      row.beta = params[1];
      row.identified = fit.identified && fit.converged;
      row.message = fit.message ?? null;
      const e = sbgExpectedLifetime(params);
      row.expectedPeriods = Number.isFinite(e) ? e : null;
      row.expectedMonths = row.expectedPeriods === null ? null : row.expectedPeriods * monthsPerPeriod;
      row.expectedMonthsWithin = sbgExpectedLifetimeWithin(params, Math.max(1, Math.round(HORIZON_MONTHS / monthsPerPeriod))) * monthsPerPeriod;
      const d = Math.pow(1 + annualDiscount, monthsPerPeriod / 12) - 1;
      row.discountedRevenue = price * sbgDiscountedExpectedLifetime(params, d);
      row.fitted = Array.from({ length: observed.length }, (_, t) => sbgSurvival(params, t));
    }
    out.push(row);
  }
  return out.sort((a, b) => a.monthsPerPeriod - b.monthsPerPeriod);
}
