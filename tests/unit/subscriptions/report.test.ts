/**
 * The hand-computed billing fixture (tests/fixtures/subscriptions/billing-invoices.csv, its story in the README
 * there). MRR is measured on each month's last day (June: on 20 June, the file's last date); a paid period covers
 * from its start to one interval later plus 7 days of grace.
 *
 * Each customer's MRR, month by month (0 = no paid period covers the day):
 *            Jan  Feb  Mar  Apr  May  Jun
 *   A         50   50   50   50   50   75    monthly, upgrade in June
 *   B         50   80   80   30   30   30    upgrade Feb, downgrade Apr
 *   C         50   50   50   50   50   50    $600 a year ÷ 12
 *   D         40   40    0    0   40   40    Feb 10 covers to Mar 10 (+7): gone on Mar 31; back on May 10
 *   E          0   60   60   60    0    0    Apr 3 covers to May 3 (+7): gone on May 31 (May's invoice uncollectible)
 *   F         30   30   30   30   30   30    $90 every quarter (spacing 91 days) ÷ 3
 *   G          0    0  100  100    0    0    Apr 15 covers to May 15 (+7): gone on May 31; the $20 refund is no MRR change
 *   MRR      220  310  370  320  200  225
 *   subs       5    6    6    6    5    5
 * Bridge: Jan new 220 (A, B, C, D, F); Feb new 60 (E) + expansion 30 (B 50→80): 220+60+30 = 310;
 * Mar new 100 (G) − churned 40 (D): 310+100−40 = 370; Apr contraction 50 (B 80→30): 320;
 * May reactivation 40 (D) − churned 160 (E 60 + G 100): 320+40−160 = 200; Jun expansion 25 (A 50→75): 225.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readBillingFile, subscriptionsReport, subscriptionLtv, subscriptionsForSnapshot } from '../../../src/core/subscriptions';

const bytes = new Uint8Array(readFileSync(new URL('../../fixtures/subscriptions/billing-invoices.csv', import.meta.url)));
const file = readBillingFile(bytes, 'billing-invoices.csv');
const report = subscriptionsReport(file);

describe('billing-invoices.csv, by hand', () => {
  it('reads every row as a payment, in USD, up to 20 June', () => {
    expect(file.shape).toBe('payments');
    expect(file.currency).toBe('USD');
    expect(file.rowsRead).toBe(28);
    expect(file.payments.length).toBe(28);
    expect(file.skipped).toEqual([]);
    expect(report.asOf).toBe('2024-06-20');
    // 24 paid, 1 void (A, 5 June), 2 pending (H's open invoice, B's draft), 1 failed (E's uncollectible May invoice).
    expect(report.statusCounts).toEqual({ paid: 24, void: 1, pending: 2, failed: 1 });
    // A 50×5+75 = 325, B 50+80+80+30+30+30 = 300, C 600, D 4×40 = 160, E 3×60 = 180, F 2×90 = 180, G 2×100 = 200.
    expect(report.paid).toBe(1945);
    expect(report.paidPayments).toBe(24);
    expect(report.refunded).toBe(20);
  });

  it('knows each plan interval: from the column, and F quarterly from its payments 91 days apart', () => {
    // sub_A, B, D, D2, E, G monthly; sub_C yearly; sub_F a quarter. H has no paid invoice: no subscription.
    expect(report.subscriptions).toBe(8);
    expect(report.intervals).toEqual([{ name: 'month', subscriptions: 6 }, { name: 'year', subscriptions: 1 }, { name: 'quarter', subscriptions: 1 }]);
    expect(report.intervalFrom).toEqual({ column: 7, period: 0, spacing: 1, assumed: 0 });
  });

  it('has the MRR and every bridge movement of each month', () => {
    const rows = report.months.map(({ month, mrr, subscribers, new: n, expansion, contraction, churned, reactivation }) => ({ month, mrr, subscribers, new: n, expansion, contraction, churned, reactivation }));
    expect(rows).toEqual([
      { month: '2024-01', mrr: 220, subscribers: 5, new: 220, expansion: 0, contraction: 0, churned: 0, reactivation: 0 },
      { month: '2024-02', mrr: 310, subscribers: 6, new: 60, expansion: 30, contraction: 0, churned: 0, reactivation: 0 },
      { month: '2024-03', mrr: 370, subscribers: 6, new: 100, expansion: 0, contraction: 0, churned: 40, reactivation: 0 },
      { month: '2024-04', mrr: 320, subscribers: 6, new: 0, expansion: 0, contraction: 50, churned: 0, reactivation: 0 },
      { month: '2024-05', mrr: 200, subscribers: 5, new: 0, expansion: 0, contraction: 0, churned: 160, reactivation: 40 },
      { month: '2024-06', mrr: 225, subscribers: 5, new: 0, expansion: 25, contraction: 0, churned: 0, reactivation: 0 },
    ]);
    expect(report.months.map((m) => m.arr)).toEqual([2640, 3720, 4440, 3840, 2400, 2700]);
    expect(report.months.map((m) => [m.newCustomers, m.churnedCustomers, m.reactivatedCustomers])).toEqual([[5, 0, 0], [1, 0, 0], [1, 1, 0], [0, 0, 0], [0, 2, 1], [0, 0, 0]]);
  });

  it('has logo churn, gross and net revenue churn, ARPA and the annual share', () => {
    const m = report.months;
    // Logo churn: churned customers ÷ subscribers at the end of the month before. Mar 1/6 (D), May 2/6 (E, G).
    expect(m.map((x) => x.logoChurn)).toEqual([null, 0, 1 / 6, 0, 2 / 6, 0]);
    // Gross: (churned + contraction) ÷ MRR before. Mar 40/310, Apr 50/370, May 160/320.
    expect(m.map((x) => x.revenueChurn)).toEqual([null, 0, 40 / 310, 50 / 370, 0.5, 0]);
    // Net: (churned + contraction − expansion) ÷ MRR before. Feb −30/220, Jun −25/200.
    expect(m.map((x) => x.netRevenueChurn)).toEqual([null, -30 / 220, 40 / 310, 50 / 370, 0.5, -0.125]);
    // ARPA = MRR ÷ subscribers: 220/5, 310/6, 370/6, 320/6, 200/5, 225/5.
    expect(m.map((x) => x.arpa)).toEqual([44, 310 / 6, 370 / 6, 320 / 6, 40, 45]);
    // C's $50 of yearly MRR ÷ all MRR.
    expect(m.map((x) => x.annualShare)).toEqual([50 / 220, 50 / 310, 50 / 370, 50 / 320, 50 / 200, 50 / 225]);
  });

  it('has NRR and GRR from January (the base month: 5 months back, the file is shorter than 12) to June', () => {
    // Base: A 50, B 50, C 50, D 40, F 30 = 220. June: A 75, B 30, C 50, D 40 (back, new subscription), F 30 = 225.
    // NRR = 225/220. GRR caps each at its January MRR: 50 + 30 + 50 + 40 + 30 = 200, 200/220.
    expect(report.retention).toEqual({ nrr: 225 / 220, grr: 200 / 220, from: '2024-01', to: '2024-06', months: 5, baseCustomers: 5, baseMrr: 220, mrrNow: 225 });
    expect(report.retention.nrr).toBeCloseTo(1.022727, 6);
    expect(report.retention.grr).toBeCloseTo(0.909091, 6);
  });

  it('counts failed payments and those recovered', () => {
    // E's March invoice: paid on the 2nd attempt (failed, recovered). E's May invoice: uncollectible (not recovered).
    // H's open invoice has no attempt yet: not failed. The void and draft ones are not payments at all.
    expect(report.dunning).toEqual({ failedPayments: 2, recovered: 1, failedAmount: 120, recoveredAmount: 60, recoveryRate: 0.5 });
  });

  it('gives the LTV as ARPA × margin ÷ churn averaged over the chosen window', () => {
    // 6 months (only Feb–Jun have a month before): churned 0+1+0+2+0 = 3 of 5+6+6+6+5 = 28 at risk; 45 ÷ (3/28) = 420.
    expect(report.ltv).toEqual({ window: 6, from: '2024-02', to: '2024-06', monthsUsed: 5, arpa: 45, margin: 1, churned: 3, atRisk: 28, churn: 3 / 28, value: 420, lifetimeMonths: 28 / 3, status: 'small-sample' });
    // 3 months (Apr–Jun): 2 churned of 6+6+5 = 17; 45 × 17/2 = 382.5, at 60% margin 229.5.
    const three = subscriptionLtv(report.months, 3, 0.6);
    expect([three.churned, three.atRisk, three.value]).toEqual([2, 17, 45 * 0.6 * 17 / 2]);
    // June alone: nobody left, churn 0; the formula would give infinity, so no value and a reason.
    const one = subscriptionLtv(report.months, 1);
    expect([one.status, one.value, one.churn]).toEqual(['no-churn', null, 0]);
  });

  it('has cohorts by start month, MRR retained above 100% for January one month later', () => {
    expect(report.cohorts).toEqual([
      { month: '2024-01', customers: 5, mrr: 220, retained: [{ customers: 5, mrr: 220 }, { customers: 5, mrr: 250 }, { customers: 4, mrr: 210 }, { customers: 4, mrr: 160 }, { customers: 5, mrr: 200 }, { customers: 5, mrr: 225 }] },
      { month: '2024-02', customers: 1, mrr: 60, retained: [{ customers: 1, mrr: 60 }, { customers: 1, mrr: 60 }, { customers: 1, mrr: 60 }, { customers: 0, mrr: 0 }, { customers: 0, mrr: 0 }] },
      { month: '2024-03', customers: 1, mrr: 100, retained: [{ customers: 1, mrr: 100 }, { customers: 1, mrr: 100 }, { customers: 0, mrr: 0 }, { customers: 0, mrr: 0 }] },
    ]);
  });

  it('fits sBG on the monthly subscriptions lifetimes, and says why not for the others', () => {
    const [month, quarter, year] = report.lifetimes;
    // Monthly: D paid 2 months and left, G 2, E 3; A and B are still paying after 6, D2 after 2 (censored).
    expect([month.name, month.subscriptions, month.ended, month.active]).toEqual(['month', 6, 3, 3]);
    // Mean last price: (75 + 30 + 40 + 40 + 60 + 100) / 6.
    expect(month.price).toBe(57.5);
    // The MLE of ln P(T=2)·2 + ln P(T=3) + ln S(1) + 2 ln S(5), found with scipy's Nelder–Mead from four starts:
    // α 10.7779, β 52.528 (LL −8.108567).
    expect(month.alpha!).toBeCloseTo(10.7779, 3);
    expect(month.beta!).toBeCloseTo(52.528, 2);
    expect(month.expectedMonths!).toBeCloseTo((month.alpha! + month.beta! - 1) / (month.alpha! - 1), 9);
    expect(month.discountedRevenue!).toBeGreaterThan(0);
    expect(month.discountedRevenue!).toBeLessThan(57.5 * month.expectedMonths!);
    expect([quarter.name, quarter.subscriptions, quarter.alpha, quarter.message?.code]).toEqual(['quarter', 1, null, 'no-cancellations']);
    expect([year.name, year.subscriptions, year.alpha, year.message?.code]).toEqual(['year', 1, null, 'no-cancellations']);
  });

  it('writes the snapshot part', () => {
    const part = subscriptionsForSnapshot(report);
    expect(part).toEqual({
      asOf: '2024-06-20',
      months: report.months.map(({ month, mrr, subscribers, new: n, expansion, contraction, churned, reactivation }) => ({ month, mrr, subscribers, new: n, expansion, contraction, churned, reactivation })),
      nrr: 225 / 220, grr: 200 / 220, retentionMonths: 5, arpa: 45, annualShare: 50 / 225, failedPayments: 2, recovered: 1,
    });
  });
});
