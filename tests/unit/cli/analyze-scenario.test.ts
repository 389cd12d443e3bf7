/**
 * `npm run analyze -- FILE --scenario scenario.json` adds the what-if part. Worked out by hand on don-hang.csv
 * (tests/fixtures/e2e/README.md): KH01 buys in January, February and April (on the books January–April: 4 months, 3
 * orders), KH02 in January (1 month, 1 order; refunded in February), KH03 in February and March (2 months, 2 orders);
 * the buyers' net revenue is 5,050,000 ₫.
 * M = (4 + 1 + 2) ÷ 3 = 7/3 months, r = 1 − 3/7 = 4/7; f = 6 orders ÷ (3 × 7/3) = 6/7 a month; v = 5,050,000 ÷ 6;
 * a customer brings f × v = 5,050,000 ÷ 7 = 721,428.57 ₫ a month, and a new customer 721,428.57 ÷ (3/7) =
 * 1,683,333.33 ₫ (= 5,050,000 ÷ 3: no margin given, so profit is revenue).
 * +5 retention points: churn 3/7 − 0.05, lifetime value 5,050,000 ÷ (3 − 0.35) = 1,905,660.38 ₫.
 * On the books now (a purchase after 2024-01-03): all 3; new a month: the February cohort (January left out) = 1.
 * Revenue over 12 months: 721,428.57 × Σ (7/3 + (2/3)(4/7)^t) = 721,428.57 × (28 + (8/9)(1 − (4/7)^12)) = 20,840,492.55.
 * CAC 300,000: LTV:CAC 1,683,333.33 ÷ 300,000 = 5.611111; payback 300,000 ÷ 721,428.57 = 0.415842 months.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { restoreSnapshot } from '../../../src/core/snapshot';
import { analyze, copy, DON_HANG } from '../snapshot/fixtures';
import { tempDir } from '../../support/temp-dir';

const dir = tempDir('analyze-scenario-', afterAll);
function file(name: string, text: string): string {
  const path = join(dir(), name);
  writeFileSync(path, text);
  return path;
}

describe('analyze --scenario', () => {
  it('writes levers, the base’s assumptions, base, scenario and difference with exact values', async () => {
    const snapshot = await analyze(DON_HANG, '--scenario', file('s.json', '{"retentionPoints": 5, "cacPerCustomer": 300000}'));
    const part = snapshot.scenario!;
    expect(part.levers).toMatchObject({ retentionPoints: 5, cacPerCustomer: 300_000, pricePercent: 0, priceAppliesTo: 'all' });
    expect(part.assumptions).toMatchObject({ activeCustomers: 3, newCustomersPerMonth: 1, monthlyRetention: 0.571429, purchasesPerMonth: 0.857143, revenuePerPurchase: 841_666.666667, margin: 1, marginSource: 'none' });
    expect(part.base.clvPerCustomer).toBe(1_683_333.333333);
    expect(part.scenario.clvPerCustomer).toBe(1_905_660.377358);
    expect(part.difference.clvPerCustomer).toBe(222_327.044025);
    expect(part.base.revenue12).toBe(20_840_492.54921);
    expect(part.base.grossProfit24).toBe(part.base.revenue24);
    expect(part.base.ltvToCac).toBe(5.611111);
    expect(part.base.paybackMonths).toBe(0.415842);
    expect(part.scenario.ltvToCac).toBe(6.352201);
    expect(part.reasons).toEqual([]);
    // The contract's fields, on every side.
    for (const side of [part.base, part.scenario, part.difference]) {
      for (const key of ['clvPerCustomer', 'revenue12', 'revenue24', 'revenue36', 'grossProfit24', 'ltvToCac', 'paybackMonths']) expect(side).toHaveProperty(key);
    }
  });

  it('writes null with the reason where the levers need what the file lacks', async () => {
    const part = (await analyze(DON_HANG, '--scenario', file('n.json', '{"dunningPercent": 50}'))).scenario!;
    expect(part.base.ltvToCac).toBeNull();
    expect(part.scenario.paybackMonths).toBeNull();
    expect(part.reasons).toContainEqual({ side: 'base', field: 'ltvToCac', code: 'no-cac', reason: 'No acquisition cost was given: LTV:CAC and payback need one.' });
    // Dunning without failed payments changes nothing, and says why.
    expect(part.difference.revenue24).toBe(0);
    expect(part.assumptions.failedPaymentsPerMonth).toBeNull();
    expect(part.notes).toEqual([{ code: 'no-failed-payments', reason: 'Dunning needs failed payments, and the data has none.' }]);
  });

  it('dunning recovers a share of the failed payments the statuses show', async () => {
    // Orders o1, o2, o4, o6 count (100 + 100 + 50 + 80: AOV 82.5); o3 "failed" and o5 "payment failed" are left out as
    // failed payments. Purchases span 2024-01-05 … 2024-03-15, 71 days = 71 × 12 ÷ 365.25 months, so failed payments
    // come to 2 × 82.5 ÷ 2.3326 = 70.735035 a month; recovering half adds 24 × 35.367518 = 848.820423 over 24 months.
    const csv = file('failed.csv', 'order,customer,date,amount,status\no1,A,2024-01-05,100,paid\no2,A,2024-02-05,100,paid\no3,B,2024-01-20,50,failed\no4,B,2024-02-10,50,paid\no5,C,2024-03-01,80,payment failed\no6,C,2024-03-15,80,paid\n');
    const part = (await analyze(csv, '--scenario', file('d.json', '{"dunningPercent": 50}'))).scenario!;
    expect(part.assumptions.failedPaymentsPerMonth).toBe(70.735035);
    expect(part.difference.revenue24).toBe(848.820423);
    expect(part.notes).toEqual([]);
  });

  it('on a billing export, dunning works on the failed payments never recovered, as in the app', async () => {
    // tests/fixtures/subscriptions/billing-invoices.csv: E's $60 in March failed and was paid on the second attempt,
    // E's $60 in May was never paid: $60 lost over the paid dates 1 January … 10 June 2024, 162 × 12 ÷ 365.25 months,
    // 11.273148 a month; half recovered adds 24 × 5.636574 = 135.277778 over 24 months.
    const billing = fileURLToPath(new URL('../../fixtures/subscriptions/billing-invoices.csv', import.meta.url));
    const part = (await analyze(billing, '--scenario', file('b.json', '{"dunningPercent": 50}'))).scenario!;
    expect(part.assumptions.failedPaymentsPerMonth).toBe(11.273148);
    expect(part.difference.revenue24).toBe(135.277778);
  });

  it('a snapshot with the part opens again; a tampered lever is refused in one sentence', async () => {
    const snapshot = await analyze(DON_HANG, '--scenario', file('r.json', '{"pricePercent": 5, "priceAppliesTo": "new"}'));
    const opened = restoreSnapshot(JSON.stringify(snapshot));
    expect(opened.ok && opened.snapshot.scenario).toEqual(snapshot.scenario);
    const bad = copy(snapshot) as unknown as { scenario: { levers: Record<string, unknown> } };
    Object.defineProperty(bad.scenario.levers, 'constructor', { value: 5, enumerable: true });
    const refused = restoreSnapshot(JSON.stringify(bad));
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.problem).toMatch(/^scenario\.levers: "constructor" is not a lever/);
  });

  it('refuses a scenario file with an unknown key, a wrong type or bad JSON, in one sentence, before reading the data', async () => {
    await expect(analyze(DON_HANG, '--scenario', file('u.json', '{"retention": 5}'))).rejects.toThrow(/u\.json: "retention" is not a lever \(levers: retentionPoints, /);
    await expect(analyze(DON_HANG, '--scenario', file('t.json', '{"pricePercent": "5%"}'))).rejects.toThrow(/t\.json: The lever "pricePercent" must be a number\.$/);
    await expect(analyze(DON_HANG, '--scenario', file('j.json', '{"pricePercent": 5'))).rejects.toThrow(/j\.json: the scenario is not valid JSON$/);
    await expect(analyze(DON_HANG, '--scenario', file('a.json', '[5]'))).rejects.toThrow(/The levers must be a JSON object/);
  });
});
