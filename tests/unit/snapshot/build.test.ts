/** buildSnapshot: the contract's envelope from an import report and figures (moved from the former validate tests). */
import { describe, expect, it } from 'vitest';
import { buildSnapshot, restoreSnapshot } from '../../../src/core/snapshot';
import type { ImportReport } from '../../../src/core/types';

const report = {
  fileName: 'orders.csv', currency: 'VND', rowsRead: 32, rowsAccepted: 7, rowsRejected: 25,
  rejected: [{ code: 'missing-customer', reason: 'Customer id is empty', count: 25, examples: Array.from({ length: 25 }, (_, i) => ({ line: i + 2, text: `row ${i}` })) }],
} as unknown as ImportReport;
const figures = { customers: 3, purchases: 6, refunds: 1, netRevenue: 5050000, firstDate: '2024-01-05', lastDate: '2024-04-02' };
const cohorts = {
  period: 'month' as const,
  rows: [
    { cohort: '2024-01', customers: 2, active: [2, 1, 0, 1], revenue: [1550000, 150000, 0, 600000] },
    { cohort: '2024-02', customers: 1, active: [1, 1, 0], revenue: [2000000, 750000, 0] },
  ],
};

describe('snapshot envelope', () => {
  const snap = buildSnapshot({ app: 'clv-studio@0.1.0', report, figures, cohorts, createdAt: new Date('2026-11-22T10:00:00Z') });

  it('follows the contract: fields, default settings, at most 20 examples per reason', () => {
    expect(snap).toMatchObject({ format: 'clv-snapshot', version: 1, createdAt: '2026-11-22T10:00:00.000Z', app: 'clv-studio@0.1.0' });
    expect(snap.dataset).toMatchObject({ name: 'orders.csv', currency: 'VND', rowsRead: 32, rowsAccepted: 7, rowsRejected: 25, ...figures });
    expect(snap.dataset.rejected[0].examples).toHaveLength(20);
    expect(snap.dataset.rejected[0]).not.toHaveProperty('code');
    expect(snap.settings).toEqual({ observationEnd: '2024-04-02', timeUnit: 'day' });
    expect(Object.keys(snap)).toEqual(['format', 'version', 'createdAt', 'app', 'dataset', 'settings', 'cohorts']);
  });

  it('writes the parts it is given in the contract order, the customer list last', () => {
    const customers = [{ id: 'KH01', firstDate: '2024-01-05', lastDate: '2024-04-02', purchases: 3, netRevenue: 2300000 }];
    const full = buildSnapshot({ app: 'a@1', report, figures, cohorts, customers, settings: { timeUnit: 'week' } });
    expect(Object.keys(full)).toEqual(['format', 'version', 'createdAt', 'app', 'dataset', 'settings', 'cohorts', 'customers']);
    expect(full.settings).toEqual({ observationEnd: '2024-04-02', timeUnit: 'week' });
  });

  it('is accepted by restore after a JSON round trip', () => {
    expect(restoreSnapshot(JSON.stringify(snap))).toEqual({ ok: true, snapshot: snap, notes: [] });
  });

  it('refuses a broken or hostile copy at its first problem, in document order', () => {
    const bad = JSON.parse(JSON.stringify(snap));
    bad.dataset.rowsRead = 10;
    bad.dataset.netRevenue = 'lots';
    bad.cohorts.rows[0].cohort = '<img src=x onerror=alert(1)>';
    bad.settings.timeUnit = 'year';
    expect(restoreSnapshot(bad)).toMatchObject({ ok: false, problem: 'dataset.netRevenue: expected a number from -1,000,000,000,000,000,000 to 1,000,000,000,000,000,000, found "lots".' });
    bad.dataset.netRevenue = 0;
    expect(restoreSnapshot(bad)).toMatchObject({ ok: false, problem: 'settings.timeUnit: expected one of "day" or "week", found "year".' });
    bad.settings.timeUnit = 'day';
    expect(restoreSnapshot(bad)).toMatchObject({ ok: false, problem: 'cohorts.rows[0].cohort: expected a month written YYYY-MM, found "<img src=x onerror=alert(1)>".' });
    bad.cohorts.rows[0].cohort = '2024-01';
    expect(restoreSnapshot(bad)).toMatchObject({ ok: false, problem: 'dataset.rowsRead: 10 rows read, but 7 accepted and 25 rejected make 32.' });
  });
});
