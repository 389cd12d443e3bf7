/**
 * PendingDatasets: datasets being saved are listed ahead of the stored ones until the stored list has them, and the
 * list is told when a save begins or fails, never when it commits (the stored record takes over without a gap).
 */
import { describe, expect, it } from 'vitest';
import { PendingDatasets } from '../../../workers/pending-datasets';
import type { DatasetRecord } from '../../../src/db/schema';

const record = (id: number, createdAt: number) => ({ id, createdAt, name: `d${id}` }) as DatasetRecord & { id: number };

describe('PendingDatasets', () => {
  it('lists the ones being saved first, newest first, until the stored ones include them', () => {
    const pending = new PendingDatasets();
    pending.add(record(10, 100));
    pending.add(record(11, 200));
    const stored = [record(9, 50), record(8, 40)];
    const first = pending.withStored(stored);
    expect(first.records.map((r) => r.id)).toEqual([11, 10, 9, 8]);
    expect([...first.saving].sort()).toEqual([10, 11]);
    // 10 is stored now (its save committed; its pending record not yet dropped): listed once, as stored.
    const next = pending.withStored([record(10, 100), ...stored]);
    expect(next.records.map((r) => r.id)).toEqual([11, 10, 9, 8]);
    expect([...next.saving]).toEqual([11]);
  });

  it('tells its listeners when a save begins or fails, not when it commits', () => {
    const pending = new PendingDatasets();
    let told = 0;
    const stop = pending.onChange(() => told++);
    pending.add(record(1, 1));
    pending.add(record(2, 2));
    expect(told).toBe(2);
    pending.remove(1, true);
    expect(told).toBe(2);
    expect(pending.has(1)).toBe(false);
    pending.remove(2, false);
    expect(told).toBe(3);
    // Removing what is not there tells nobody.
    pending.remove(2, false);
    expect(told).toBe(3);
    stop();
    pending.add(record(3, 3));
    expect(told).toBe(3);
    expect(pending.get(3)?.name).toBe('d3');
  });
});
