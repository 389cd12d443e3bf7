import { describe, expect, it } from 'vitest';
import { buildSnapshot } from '../../../src/core/snapshot';
import { validateSnapshot } from '../../../src/core/snapshot/validate';
import type { ImportReport } from '../../../src/core/types';

const report = {
  fileName: 'orders.csv', currency: 'VND', rowsRead: 9, rowsAccepted: 7, rowsRejected: 2,
  rejected: [{ code: 'missing-customer', reason: 'Customer id is empty', count: 2, examples: Array.from({ length: 25 }, (_, i) => ({ line: i + 2, text: `row ${i}` })) }],
} as unknown as ImportReport;
const figures = { customers: 3, purchases: 6, refunds: 1, netRevenue: 5050000, firstDate: '2024-01-05', lastDate: '2024-04-02' };
const cohorts = { period: 'month' as const, rows: [{ cohort: '2024-01', customers: 2, active: [2, 1], revenue: [1550000, 150000] }] };

describe('snapshot envelope', () => {
  const snap = buildSnapshot({ app: 'clv-studio@0.1.0', report, figures, cohorts, createdAt: new Date('2026-11-22T10:00:00Z') });

  it('follows the contract: fields, default settings, at most 20 examples per reason', () => {
    expect(snap).toMatchObject({ format: 'clv-snapshot', version: 1, createdAt: '2026-11-22T10:00:00.000Z', app: 'clv-studio@0.1.0' });
    expect(snap.dataset).toMatchObject({ name: 'orders.csv', currency: 'VND', rowsRead: 9, rowsAccepted: 7, rowsRejected: 2, ...figures });
    expect(snap.dataset.rejected[0].examples).toHaveLength(20);
    expect(snap.dataset.rejected[0]).not.toHaveProperty('code');
    expect(snap.settings).toEqual({ observationEnd: '2024-04-02', timeUnit: 'day' });
  });

  it('accepts its own output after a JSON round trip', () => {
    const check = validateSnapshot(JSON.parse(JSON.stringify(snap)));
    expect(check.ok).toBe(true);
  });

  it('rejects broken or hostile files with the path of each problem', () => {
    const bad = JSON.parse(JSON.stringify(snap));
    bad.dataset.rowsRead = 10;
    bad.dataset.netRevenue = 'lots';
    bad.cohorts.rows[0].cohort = '<img src=x onerror=alert(1)>';
    bad.settings.timeUnit = 'year';
    const check = validateSnapshot(bad);
    expect(check.ok).toBe(false);
    if (!check.ok) {
      expect(check.errors).toEqual([
        'dataset.netRevenue: must be a finite number',
        'dataset.rowsRead: must equal rowsAccepted + rowsRejected',
        'settings.timeUnit: must be day or week',
        'cohorts.rows[0].cohort: must look like YYYY-MM, YYYY-Www or YYYY-Qn',
      ]);
    }
    expect(validateSnapshot([])).toEqual({ ok: false, errors: ['The file is not a JSON object.'] });
    expect(validateSnapshot({ format: 'other' })).toMatchObject({ ok: false });
    expect(validateSnapshot({ ...snap, version: 2 })).toMatchObject({ ok: false, errors: [expect.stringContaining('newer than this app')] });
  });
});
