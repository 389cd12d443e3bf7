/**
 * The what-if domain through the worker's API, on the 5-customer file of tests/unit/scenario/data-base.test.ts (worked
 * out by hand there: lifetime value 152, 168.89 with +5 retention points). Saved scenarios are written by the worker
 * only, survive a new context on the same database, and appear in the snapshot.
 */
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { ZERO_LEVERS } from '../../../src/core/scenario';
import { restoreSnapshot } from '../../../src/core/snapshot';
import { shareSummary } from '../../../src/core/snapshot/share-summary';
import { computeHarness, importText } from '../../support/compute-harness';

const harness = computeHarness();
const { api } = harness;
afterAll(() => harness.close());

const csv = ['customer,date,amount', 'A,2024-01-10,100', 'B,2024-02-05,50', 'A,2024-02-10,100', 'C,2024-03-01,80', 'A,2024-03-10,100', 'D,2024-04-02,60', 'C,2024-04-20,120', 'E,2024-05-15,90', 'D,2024-06-30,60'].join('\n');

describe('what-if on a billing export', () => {
  it('dunning works on the failed payments never recovered, from the billing rows (tests/fixtures/subscriptions)', async () => {
    const text = readFileSync(new URL('../../fixtures/subscriptions/billing-invoices.csv', import.meta.url), 'utf8');
    const id = await importText(api, 'billing-invoices.csv', text);
    const answer = await api.whatIf(id, { ...ZERO_LEVERS, dunningPercent: 50 });
    // Two failed payments of $60 (E's March, paid on the second attempt; E's May, uncollectible): $60 never came in.
    // Over the paid dates 1 January to 10 June 2024, 162 days = 162 / 365.25 × 12 months.
    expect(answer.base.failedPaymentsPerMonth).toBeCloseTo(60 / ((162 / 365.25) * 12), 9);
    // June's MRR is $225, of which C's $600 a year gives $50: 22.2% on annual plans. Nobody on a yearly plan has left,
    // so their lifetime is not known and no churn change is suggested.
    expect(answer.base.annualFromData).toMatchObject({ share: 50 / 225, churnChangePercent: null });
  });
});

describe('what-if through the worker', () => {
  it('answers base beside scenario and the tornado; saved scenarios are compared and go into the snapshot', async () => {
    const id = await importText(api, 'shop.csv', csv);
    const answer = await api.whatIf(id, { ...ZERO_LEVERS, retentionPoints: 5 });
    expect(answer.base.monthlyRetention).toBe(0.5);
    expect(answer.comparison.base.clvPerCustomer).toBeCloseTo(152, 9);
    expect(answer.comparison.scenario.clvPerCustomer).toBeCloseTo(76 / 0.45, 9);
    expect(answer.tornado.bars).toHaveLength(9);

    expect(await api.saveScenario(id, '  ', ZERO_LEVERS)).toMatchObject({ ok: false, problem: { code: 'no-name' } });
    expect(await api.saveScenario(id, 'x', { ...ZERO_LEVERS, pricePercent: 500 })).toMatchObject({ ok: false, problem: { code: 'lever-out-of-range' } });
    expect(await api.saveScenario(id, 'Keep 5% more', { ...ZERO_LEVERS, retentionPoints: 5 })).toMatchObject({ ok: true });
    expect(await api.saveScenario(id, 'Price +5%', { ...ZERO_LEVERS, pricePercent: 5 })).toMatchObject({ ok: true });
    const compared = await api.compareSaved(id);
    expect(compared.map((c) => c.saved.name)).toEqual(['Keep 5% more', 'Price +5%']);
    // +5% on price with no margin given (m = 1): 76 × 1.05 ÷ 0.5.
    expect(compared[1].comparison.scenario.clvPerCustomer).toBeCloseTo(159.6, 9);

    const snapshot = await api.snapshot(id, { aggregateOnly: false });
    expect(snapshot.scenarios?.map((s) => [s.name, s.scenario.clvPerCustomer])).toEqual([['Keep 5% more', 168.888889], ['Price +5%', 159.6]]);
    const shared = await api.snapshot(id);
    expect(shared.scenarios).toHaveLength(2);
    const opened = restoreSnapshot(JSON.stringify(shared));
    expect(opened.ok && opened.snapshot.scenarios?.[0].levers.retentionPoints).toBe(5);
    // Aggregate-only (k = 5): the at-risk list holds one customer (A: three purchases a month apart, none for 112
    // days), so its value is left out, and with it what a win-back lever would reveal.
    expect(shared.scenarios![0].assumptions).toMatchObject({ atRiskCustomers: 1, atRiskValue: null });
    expect(snapshot.scenarios![0].assumptions.atRiskCustomers).toBe(1);
    expect(snapshot.scenarios![0].assumptions.atRiskValue).toBeGreaterThan(0);
    expect(await api.saveScenario(id, 'Win back', { ...ZERO_LEVERS, winBackPercent: 10 })).toMatchObject({ ok: true });
    const [full, aggregate] = [await api.snapshot(id, { aggregateOnly: false }), await api.snapshot(id)];
    expect(full.scenarios![2].difference.revenue12).toBeGreaterThan(0);
    expect(aggregate.scenarios![2].scenario.revenue12).toBeNull();
    expect(aggregate.scenarios![2].difference.grossProfit24).toBeNull();
    expect(aggregate.scenarios![2].reasons).toContainEqual({ side: 'scenario', field: 'revenue12', code: 'suppressed', reason: 'Left out: win-back is a share of the value of fewer than 5 at-risk customers.' });
    expect(aggregate.scenarios![0].scenario.revenue12).toBe(full.scenarios![0].scenario.revenue12);
    expect(restoreSnapshot(JSON.stringify(aggregate)).ok).toBe(true);
    // The export dialog says they are inside.
    expect(shareSummary(shared).inside.map((n) => n.text)).toContain('2 what-if scenarios: the levers, the base\'s averages and the outputs for all customers together.');
  });

  it('a purchase log (no amounts) has counts but no money to project: the tab says so', async () => {
    const id = await importText(api, 'log.csv', ['customer,date', 'A,2024-01-10', 'A,2024-02-10', 'B,2024-02-05', 'C,2024-03-01'].join('\n'));
    const answer = await api.whatIf(id, { ...ZERO_LEVERS, retentionPoints: 5 });
    expect(Number.isNaN(answer.base.revenuePerPurchase)).toBe(true);
    expect(answer.base.activeCustomers).toBe(3);
    expect(answer.comparison.scenario.clvPerCustomer).toBeNull();
  });

  it('the calculator: T × AOV × AGM × ALT with its own inputs', async () => {
    const a = await api.calculator({ averageOrderValue: 50, purchasesPerYear: 4, lifespanYears: 2, margin: 0.4, activeCustomers: 100, newCustomersPerMonth: 10, failedPaymentsPerMonth: null }, ZERO_LEVERS);
    expect(a.comparison.base.clvPerCustomer).toBeCloseTo(4 * 50 * 0.4 * 2, 9);
    expect(a.comparison.base.formulas.find((f) => f.id === 'aov-frequency-lifespan')!.value).toBeCloseTo(160, 9);
  });

  it('acquisition cost from spend by month ÷ that month’s new customers', async () => {
    const id = await importText(api, 'shop2.csv', csv);
    const read = await api.spendCac(id, 'month,channel,spend\n2024-02,ads,100\n2024-02,mail,20\n2024-03,ads,90\n2024-06,ads,50\n');
    expect(read.ok).toBe(true);
    if (read.ok) {
      expect(read.cac.months.map((m) => [m.month, m.spend, m.newCustomers])).toEqual([['2024-02', 120, 1], ['2024-03', 90, 1], ['2024-06', 50, 0]]);
      expect(read.cac.cac).toBe(105);
      expect(read.cac.unmatchedSpend).toBe(50);
    }
    expect(await api.spendCac(id, 'month,spend\n2024/02,5\n')).toMatchObject({ ok: false, line: 2 });
  });
});
