import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { acceptedOptions, computeHarness } from '../../support/compute-harness';

// Every call of the dashboard's figures, counted.
const computed = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../../src/core/figures', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../../src/core/figures')>();
  return { ...actual, dashboardData: (...args: Parameters<typeof actual.dashboardData>) => (computed.count++, actual.dashboardData(...args)) };
});

const { api, close } = computeHarness();
afterAll(close);

describe('the dashboard after an import', () => {
  it('is computed while the save is stored, once, and is what the page then gets', async () => {
    const file = new File([readFileSync(new URL('../../fixtures/e2e/don-hang.csv', import.meta.url))], 'don-hang.csv', { type: 'text/csv' });
    const outcome = await api.runImport(file, await acceptedOptions(api, file), 'job');
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    // Before the page asks for it.
    expect(computed.count).toBe(1);
    const page = await api.dashboard(outcome.datasetId);
    expect(computed.count).toBe(1);
    // tests/fixtures/e2e/README.md: 3 customers, 6 orders, net revenue 5,050,000.
    expect(page.historical).toMatchObject({ customers: 3, orders: 6, grossRevenue: 5_350_000, refundTotal: 300_000 });
  });

  it('is computed by the reading made while the columns are checked, before the click, and not again by the import', async () => {
    computed.count = 0;
    const file = new File([readFileSync(new URL('../../fixtures/e2e/don-hang.csv', import.meta.url))], 'ahead.csv', { type: 'text/csv' });
    const options = await acceptedOptions(api, file);
    await api.prepareImport(file, options);
    // The reading runs on its own: the dashboard is there with no import asked for.
    for (let i = 0; i < 200 && computed.count === 0; i++) await new Promise((r) => setTimeout(r, 5));
    expect(computed.count).toBe(1);
    const outcome = await api.runImport(file, options, 'job-ahead');
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(computed.count).toBe(1);
    expect(outcome.timings.dashboardMs).toBeGreaterThan(0);
    const page = await api.dashboard(outcome.datasetId);
    expect(computed.count).toBe(1);
    expect(page.historical).toMatchObject({ customers: 3, orders: 6, netRevenue: 5_050_000 });
  });
});
