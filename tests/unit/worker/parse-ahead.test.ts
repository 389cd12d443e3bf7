import 'fake-indexeddb/auto';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { acceptedOptions, computeHarness } from '../../support/compute-harness';
import { workMs } from '../../../workers/parse-ahead';

// Every reading of a file (importSource), counted.
const reads = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../../src/core/import/run', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../../src/core/import/run')>();
  return { ...actual, importSource: (...args: Parameters<typeof actual.importSource>) => (reads.count++, actual.importSource(...args)) };
});

const { api, close } = computeHarness();
afterAll(close);

// A paid 10 and 20 (two orders), B 5.
const CSV = 'order,customer,date,total\n1,A,2024-01-05,10\n2,B,2024-01-06,5\n3,A,2024-02-05,20\n';
const file = () => new File([CSV], 'orders.csv', { type: 'text/csv', lastModified: 1_700_000_000_000 });

async function netRevenue(datasetId: number) {
  return (await api.snapshot(datasetId, { aggregateOnly: true })).dataset.netRevenue;
}

describe('a file read while its columns are checked', () => {
  it('is what an import with the same options takes: the file is read once', async () => {
    const options = await acceptedOptions(api, file());
    reads.count = 0;
    api.prepareImport(file(), options);
    const outcome = await api.runImport(file(), options, 'same');
    expect(reads.count).toBe(1);
    expect(outcome).toMatchObject({ ok: true, report: { rowsRead: 3, rowsAccepted: 3 } });
    if (outcome.ok) expect(await netRevenue(outcome.datasetId)).toBe(35);
  });

  it('counts in the time the dataset says its import took, without the time it waited for the click', async () => {
    const options = await acceptedOptions(api, file());
    api.prepareImport(file(), options);
    // The user looks at the columns for a while after the (small) file has been read.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const outcome = await api.runImport(file(), options, 'timed');
    expect(outcome.ok && outcome.timings.totalMs).toBeLessThan(300);
    expect(outcome.ok && outcome.timings.totalMs).toBeGreaterThanOrEqual(outcome.ok ? outcome.timings.parseMs + outcome.timings.saveMs : 0);
    // By hand: read from 0 to 1,000 ms, Import at 5,000, done at 5,200: 1,200 ms of work; still reading at the click
    // (Import at 500), done at 1,300: 1,300 ms.
    expect(workMs({ startedAt: 0, endedAt: 1000 }, 5000, 5200)).toBe(1200);
    expect(workMs({ startedAt: 0, endedAt: 1100 }, 500, 1300)).toBe(1300);
  });

  it('is dropped for an import with other options, which reads the file with its own', async () => {
    const options = await acceptedOptions(api, file());
    reads.count = 0;
    api.prepareImport(file(), { ...options, mapping: { ...options.mapping, amount: null } });
    const outcome = await api.runImport(file(), options, 'other');
    expect(reads.count).toBe(2);
    // Read with the import's own options: the amounts count.
    if (outcome.ok) expect(await netRevenue(outcome.datasetId)).toBe(35);
    expect(outcome.ok).toBe(true);
  });

  it('is dropped when the check is left, and not taken by a later import', async () => {
    const options = await acceptedOptions(api, file());
    reads.count = 0;
    api.prepareImport(file(), options);
    api.dropPreparedImport();
    const outcome = await api.runImport(file(), options, 'later');
    expect(reads.count).toBe(2);
    expect(outcome.ok).toBe(true);
  });

  it('fails the import that takes it as the import would have failed', async () => {
    const bad = new File(['order,customer,date,total\n1,,,\n'], 'bad.csv', { lastModified: 1 });
    const options = await acceptedOptions(api, file());
    api.prepareImport(bad, options);
    const taken = await api.runImport(bad, options, 'bad');
    api.dropPreparedImport();
    const fresh = await api.runImport(bad, options, 'bad-again');
    expect(taken.ok).toBe(false);
    expect(taken).toEqual(fresh);
  });
});
