/** sBG pooled over cohorts of different ages, with right-censoring, and its subscription reading of a table. */
import { describe, expect, it } from 'vitest';
import { fitPooledRetention, observedSurvival, pooledRetentionLogLikelihood, pooledSurvival, sbgLogLikelihood, survivalSeries } from '../../../src/core/forecast/models';

describe('pooled sBG', () => {
  it('reduces to the one-cohort fit of Fader & Hardie (2007): α 0.7041, β 1.1820', () => {
    const active = [1000, 631, 468, 382, 326, 289, 262, 241];
    const tenure: number[] = [];
    const still: boolean[] = [];
    for (let t = 1; t < active.length; t++) for (let k = 0; k < active[t - 1] - active[t]; k++) (tenure.push(t), still.push(false));
    // 241 still active after 7 renewals: they have paid for 8 periods.
    for (let k = 0; k < 241; k++) (tenure.push(8), still.push(true));
    const data = pooledSurvival(tenure, still);
    const p = Float64Array.of(0.7, 1.2);
    expect(pooledRetentionLogLikelihood(p, data, null)).toBeCloseTo(sbgLogLikelihood(p, survivalSeries(active), null), 9);
    const fit = fitPooledRetention(data);
    expect(fit.params[0]).toBeCloseTo(0.7041, 4);
    expect(fit.params[1]).toBeCloseTo(1.182, 3);
    expect(fit.logLikelihood).toBeCloseTo(-1680.27, 2);
    Array.from(observedSurvival(data)).slice(0, active.length).forEach((s, t) => expect(s).toBeCloseTo(active[t] / 1000, 12));
  });

  it('takes cohorts of different ages: Kaplan–Meier by hand', () => {
    // Old cohort: 4 customers paid 1, 1, 2 and 3 periods and left. Young cohort: 2 still active after 1 paid period,
    // 1 left after 1.
    const data = pooledSurvival([1, 1, 2, 3, 1, 1, 1], [false, false, false, false, true, true, false]);
    // Period 1: 7 at risk... but the 2 still-active ones paid only their first period: unknown whether they renew, so
    // at risk for leaving at the end of period 1 are 5 (3 leave) → S(1) = 2/5; then 2 at risk, 1 leaves → S(2) = 1/5.
    const s = observedSurvival(data);
    expect(Array.from(s)).toEqual([1, expect.closeTo(0.4, 12), expect.closeTo(0.2, 12), expect.closeTo(0, 12)]);
    // Gradient against differences.
    const p = Float64Array.of(0.9, 1.7);
    const g = new Float64Array(2);
    pooledRetentionLogLikelihood(p, data, g);
    for (let k = 0; k < 2; k++) {
      const up = Float64Array.from(p), down = Float64Array.from(p);
      up[k] += 1e-6;
      down[k] -= 1e-6;
      expect(g[k]).toBeCloseTo((pooledRetentionLogLikelihood(up, data, null) - pooledRetentionLogLikelihood(down, data, null)) / 2e-6, 5);
    }
  });

  it('says so when nobody has left', () => {
    const fit = fitPooledRetention(pooledSurvival([1, 2, 3], [true, true, true]));
    expect(fit.identified).toBe(false);
    expect(fit.message?.text).toMatch(/Nobody has cancelled/);
  });
});

describe('subscription reading of an orders table', () => {
  it('counts months from first to last purchase month, and the last month as still subscribed', async () => {
    const { importBytes } = await import('../../../src/core/import');
    const { subscriptionRetention } = await import('../../../src/core/forecast');
    // A pays Jan–Mar and leaves; B pays Jan–Apr (still active in the last month, April); C pays Feb only; D Mar–Apr.
    const csv = ['customer,date,amount', 'A,2024-01-03,10', 'A,2024-02-03,10', 'A,2024-03-03,10', 'B,2024-01-05,10', 'B,2024-02-05,10', 'B,2024-03-05,10', 'B,2024-04-05,10', 'C,2024-02-09,10', 'D,2024-03-01,10', 'D,2024-04-01,10'].join('\n');
    const { table } = importBytes(new TextEncoder().encode(csv), 'subs.csv');
    const r = subscriptionRetention(table, 0);
    expect(r.customers).toBe(4);
    expect(r.stillActive).toBe(2);
    // Revenue 100 over 3 + 4 + 1 + 2 = 10 customer-months.
    expect(r.monthlyRevenue).toBeCloseTo(10, 12);
    // At risk of leaving after month 1: A, B, C, D (D has paid 2 so it is known to have renewed once) → C leaves: S(1) = 3/4.
    expect(r.observed[1]).toBeCloseTo(0.75, 12);
    expect(r.valuePerNewCustomer).toBeCloseTo(r.monthlyRevenue * r.discountedMonths, 9);
  });
});
