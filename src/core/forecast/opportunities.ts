/**
 * Discrete opportunities (BG/BB, Fader, Hardie & Shang 2010): for businesses where customers buy at most once in a
 * natural period (a yearly donation, an annual renewal, a seasonal purchase), each whole period after the one a
 * customer joined in is an opportunity: bought in it or not. x = periods with a purchase, tₓ = the last of them
 * (counted from the joining period), n = whole periods since joining. Only complete periods count: a period still
 * running would read as "no purchase yet".
 */
import { notice } from '../notice';
import type { Notice } from '../types';
import { groupCustomerDays } from '../figures';
import { civilFromDay, monthIndex, quarterIndex } from '../figures/dates';
import {
  bgbbConditionalExpectedTransactions, bgbbDiscountedResidualTransactions, bgbbProbabilityAlive, fitBetaGeoBetaBinomial, opportunityPatterns,
} from './models';
import type { TransactionTable } from '../types';
import { observationDay } from './predictions';

export type OpportunityPeriod = 'year' | 'quarter' | 'month';

export interface OpportunityReport {
  period: OpportunityPeriod;
  /** Customers with at least one whole period after joining, and those left out (joined in the last whole period or later). */
  customers: number;
  tooRecent: number;
  patterns: number;
  params: { alpha: number; beta: number; gamma: number; delta: number } | null;
  standardErrors: { alpha: number; beta: number; gamma: number; delta: number } | null;
  logLikelihood: number;
  identified: boolean;
  message: Notice | null;
  /** Over all customers: mean P(alive) in the next period, expected purchases in the next `horizon` periods, DERT. */
  meanPAlive: number;
  expectedNext: number;
  horizon: number;
  meanDert: number;
  /** By number of periods with a purchase: customers, mean P(alive), mean expected purchases in the horizon. */
  byFrequency: { x: number; customers: number; pAlive: number; expected: number }[];
}

function periodIndex(period: OpportunityPeriod, day: number): number {
  if (period === 'year') return civilFromDay(day).year;
  return period === 'quarter' ? quarterIndex(day) : monthIndex(day);
}

export function discreteOpportunities(table: TransactionTable, period: OpportunityPeriod, horizon: number, discountPerPeriod: number, observationEnd?: string | null): OpportunityReport {
  const end = observationDay(table, observationEnd);
  const lastWhole = periodIndex(period, end + 1) !== periodIndex(period, end) ? periodIndex(period, end) : periodIndex(period, end) - 1;
  const days = groupCustomerDays(table, { through: end });
  const key = new Map<string, number>();
  const xs: number[] = [], txs: number[] = [], ns: number[] = [], weights: number[] = [];
  let tooRecent = 0;
  for (let c = 0; c < days.customerCount; c++) {
    const from = days.dayStart[c], to = days.dayStart[c + 1];
    if (to === from) continue;
    const joined = periodIndex(period, days.day[from]);
    const n = lastWhole - joined;
    if (n < 1) {
      tooRecent++;
      continue;
    }
    let x = 0, tx = 0, previous = joined;
    for (let k = from + 1; k < to; k++) {
      const p = periodIndex(period, days.day[k]);
      if (p > lastWhole) break;
      if (p !== previous) {
        x++;
        tx = p - joined;
        previous = p;
      }
    }
    const id = `${x} ${tx} ${n}`;
    const at = key.get(id);
    if (at === undefined) {
      key.set(id, xs.length);
      xs.push(x), txs.push(tx), ns.push(n), weights.push(1);
    } else weights[at]++;
  }
  const customers = weights.reduce((a, v) => a + v, 0);
  const empty = { period, customers, tooRecent, patterns: xs.length, params: null, standardErrors: null, logLikelihood: NaN, identified: false, meanPAlive: NaN, expectedNext: NaN, horizon, meanDert: NaN, byFrequency: [] };
  if (!customers) return { ...empty, message: notice('no-whole-period', `No customer has a whole ${period} of history after the ${period} they joined in.`, { variant: period }) };
  const fit = fitBetaGeoBetaBinomial(opportunityPatterns(xs, txs, ns, weights));
  if (!fit.params.every(Number.isFinite)) return { ...empty, message: fit.message ?? notice('not-fitted', 'BG/BB could not be fitted to this data.', { model: 'BG/BB' }) };
  let alive = 0, expected = 0, dert = 0;
  const groups = new Map<number, { customers: number; pAlive: number; expected: number }>();
  for (let i = 0; i < xs.length; i++) {
    const w = weights[i];
    const a = bgbbProbabilityAlive(fit.params, xs[i], txs[i], ns[i], 1);
    const e = bgbbConditionalExpectedTransactions(fit.params, xs[i], txs[i], ns[i], horizon);
    alive += w * a;
    expected += w * e;
    dert += w * bgbbDiscountedResidualTransactions(fit.params, xs[i], txs[i], ns[i], discountPerPeriod);
    const g = groups.get(xs[i]) ?? { customers: 0, pAlive: 0, expected: 0 };
    g.customers += w;
    g.pAlive += w * a;
    g.expected += w * e;
    groups.set(xs[i], g);
  }
  const [alpha, beta, gamma, delta] = fit.params;
  const se = fit.standardErrors;
  return {
    ...empty,
    params: { alpha, beta, gamma, delta },
    standardErrors: se ? { alpha: se[0], beta: se[1], gamma: se[2], delta: se[3] } : null,
    logLikelihood: fit.logLikelihood,
    identified: fit.identified,
    message: fit.message,
    meanPAlive: alive / customers,
    expectedNext: expected,
    meanDert: dert / customers,
    byFrequency: [...groups.entries()].sort((a, b) => a[0] - b[0]).map(([x, g]) => ({ x, customers: g.customers, pAlive: g.pAlive / g.customers, expected: g.expected / g.customers })),
  };
}
