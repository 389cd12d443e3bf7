/**
 * `npm run analyze` on a billing export adds the `subscriptions` part. Figures by hand on
 * tests/fixtures/subscriptions/billing-invoices.csv (worked out in tests/unit/subscriptions/report.test.ts): MRR
 * 220, 310, 370, 320, 200, 225 from January to June 2024; NRR 225/220, GRR 200/220 over 5 months; ARPA 225/5 = 45;
 * C's yearly $50 of June's 225; 2 failed payments, 1 recovered.
 */
import { fileURLToPath } from 'node:url';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { restoreSnapshot } from '../../../src/core/snapshot/restore';
import { checkFile } from '../../../src/cli/snapshot';
import { analyze, copy, DON_HANG } from '../snapshot/fixtures';
import { tempDir } from '../../support/temp-dir';

const BILLING = fileURLToPath(new URL('../../fixtures/subscriptions/billing-invoices.csv', import.meta.url));
const LIST = fileURLToPath(new URL('../../fixtures/subscriptions/subscription-list.csv', import.meta.url));
const STRIPE = fileURLToPath(new URL('../../fixtures/platforms/stripe-invoices.csv', import.meta.url));

const dir = tempDir('subs-', afterAll);

describe('analyze: subscriptions', () => {
  it('writes the subscriptions part of a billing export, exactly', async () => {
    const s = await analyze(BILLING);
    expect(s.subscriptions).toEqual({
      asOf: '2024-06-20',
      months: [
        { month: '2024-01', mrr: 220, subscribers: 5, new: 220, expansion: 0, contraction: 0, churned: 0, reactivation: 0 },
        { month: '2024-02', mrr: 310, subscribers: 6, new: 60, expansion: 30, contraction: 0, churned: 0, reactivation: 0 },
        { month: '2024-03', mrr: 370, subscribers: 6, new: 100, expansion: 0, contraction: 0, churned: 40, reactivation: 0 },
        { month: '2024-04', mrr: 320, subscribers: 6, new: 0, expansion: 0, contraction: 50, churned: 0, reactivation: 0 },
        { month: '2024-05', mrr: 200, subscribers: 5, new: 0, expansion: 0, contraction: 0, churned: 160, reactivation: 40 },
        { month: '2024-06', mrr: 225, subscribers: 5, new: 0, expansion: 25, contraction: 0, churned: 0, reactivation: 0 },
      ],
      nrr: 225 / 220, grr: 200 / 220, retentionMonths: 5, arpa: 45, annualShare: 50 / 225, failedPayments: 2, recovered: 1,
    });
    // Written after the other parts, and opened again by the app's own restore with nothing dropped.
    expect(Object.keys(s).at(-1)).toBe('subscriptions');
    const restored = restoreSnapshot(JSON.stringify(s));
    expect(restored).toMatchObject({ ok: true, notes: [] });
    expect(restored.ok && restored.snapshot.subscriptions).toEqual(s.subscriptions);
  });

  it('keeps the part in the aggregate-only snapshot (aggregates only), and snapshot check lists it', async () => {
    const s = await analyze(BILLING, '--aggregate-only');
    expect(s.subscriptions?.months.map((m) => m.mrr)).toEqual([220, 310, 370, 320, 200, 225]);
    const path = join(dir(), 'billing.clv.json');
    writeFileSync(path, JSON.stringify(s));
    expect(checkFile(path).line).toMatch(/parts: dataset, settings, historical, cohorts, (models, forecast, )?subscriptions$/);
  });

  it('reads a subscription list and Stripe’s invoices export; orders files get no such part', async () => {
    const list = await analyze(LIST);
    expect(list.subscriptions?.months.map((m) => [m.month, m.mrr])).toEqual([['2024-01', 50], ['2024-02', 70], ['2024-03', 55]]);
    expect([list.subscriptions?.nrr, list.subscriptions?.grr]).toEqual([0.7, 0.4]);
    // tests/fixtures/platforms/stripe-invoices.csv: only paid invoices count. Kim pays €29 every month; Leo's €0 trial
    // is no MRR, his February invoice stays open after an attempt and March's is uncollectible (2 failed payments,
    // none recovered); Mia's €99 on 10 March has no subscription or interval: one payment, taken as a month.
    const stripe = await analyze(STRIPE);
    expect(stripe.subscriptions).toEqual({
      asOf: '2024-03-10',
      months: [
        { month: '2024-01', mrr: 29, subscribers: 1, new: 29, expansion: 0, contraction: 0, churned: 0, reactivation: 0 },
        { month: '2024-02', mrr: 29, subscribers: 1, new: 0, expansion: 0, contraction: 0, churned: 0, reactivation: 0 },
        { month: '2024-03', mrr: 128, subscribers: 2, new: 99, expansion: 0, contraction: 0, churned: 0, reactivation: 0 },
      ],
      nrr: 1, grr: 1, retentionMonths: 2, arpa: 64, annualShare: 0, failedPayments: 2, recovered: 0,
    });
    expect((await analyze(DON_HANG)).subscriptions).toBeUndefined();
  });
});

describe('restore checks the subscriptions part', () => {
  it('refuses a month whose MRR does not follow from its movements, months out of order, GRR above NRR', async () => {
    const s = await analyze(BILLING);
    const broken = copy(s);
    broken.subscriptions!.months[2].churned = 30;
    expect(restoreSnapshot(JSON.stringify(broken))).toMatchObject({ ok: false, notice: { code: 'subscriptions-bridge' } });
    const order = copy(s);
    order.subscriptions!.months[3].month = '2024-05';
    expect(restoreSnapshot(JSON.stringify(order))).toMatchObject({ ok: false, notice: { code: 'subscriptions-months-order' } });
    const grr = copy(s);
    grr.subscriptions!.grr = 1;
    grr.subscriptions!.nrr = 0.5;
    expect(restoreSnapshot(JSON.stringify(grr))).toMatchObject({ ok: false, notice: { code: 'subscriptions-grr' } });
    const recovered = copy(s);
    recovered.subscriptions!.recovered = 3;
    expect(restoreSnapshot(JSON.stringify(recovered))).toMatchObject({ ok: false, notice: { code: 'subscriptions-recovered' } });
    const negative = copy(s) as unknown as { subscriptions: { months: { new: number }[] } };
    negative.subscriptions.months[0].new = -1;
    expect(restoreSnapshot(JSON.stringify(negative))).toMatchObject({ ok: false });
  });
});
