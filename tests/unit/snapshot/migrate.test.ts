/** Older snapshots are brought up to the current version through the migrations table. */
import { beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS, restoreSnapshot, type Migrations, type SnapshotV1 } from '../../../src/core/snapshot';
import { oldestReadable } from '../../../src/core/snapshot/migrate';
import { ownValue } from '../../../src/core/snapshot/reader';
import { analyze, copy, DON_HANG } from './fixtures';

let snap: SnapshotV1;
beforeAll(async () => {
  snap = await analyze(DON_HANG);
});

/**
 * A made-up version 0, for the mechanism: it called the dataset part `data`, had no settings (the models' "now" was
 * always the last date, in days) and wrote the version as text.
 */
function asVersion0(s: SnapshotV1): Record<string, unknown> {
  const { dataset, settings: _settings, version: _version, ...rest } = copy(s);
  return { ...rest, version: 0, data: dataset };
}

const fromVersion0: Migrations = new Map([
  [
    0,
    {
      up(v0: object) {
        const data = ownValue(v0, 'data', 'data');
        const lastDate = typeof data === 'object' && data !== null ? ownValue(data, 'lastDate', 'data.lastDate') : null;
        const { data: _data, ...rest } = v0 as Record<string, unknown>;
        return { ...rest, version: 1, dataset: data, settings: { observationEnd: lastDate ?? null, timeUnit: 'day' } };
      },
    },
  ],
]);

describe('migrations', () => {
  it('has none yet: version 1 is the first, so the app opens version 1 only', () => {
    expect(MIGRATIONS.size).toBe(0);
    expect(oldestReadable(MIGRATIONS)).toBe(1);
    expect(restoreSnapshot(asVersion0(snap))).toMatchObject({ ok: false, problem: 'version: snapshots of version 0 cannot be opened; this app opens version 1.', notice: { code: 'old-version' } });
  });

  it('upgrades a version-0 file through the table, then checks it like any other, and says so', () => {
    const v0 = asVersion0(snap);
    const frozen = JSON.stringify(v0);
    const r = restoreSnapshot(JSON.stringify(v0), { migrations: fromVersion0 });
    expect(r).toEqual({ ok: true, snapshot: snap, notes: [{ code: 'upgraded', text: 'The snapshot was upgraded from version 0 to version 1.', vars: { from: 0, to: 1 } }] });
    // On a parsed value too, leaving the caller's object as it was.
    expect(restoreSnapshot(v0, { migrations: fromVersion0 })).toEqual(r);
    expect(JSON.stringify(v0)).toBe(frozen);
    expect(oldestReadable(fromVersion0)).toBe(0);
  });

  it('checks what a migration returns', () => {
    const v0 = asVersion0(snap);
    (v0.data as Record<string, unknown>).rowsRead = 'nine';
    expect(restoreSnapshot(v0, { migrations: fromVersion0 })).toMatchObject({ ok: false, problem: 'dataset.rowsRead: expected a whole number from 0 to 10,000,000,000, found "nine".' });
  });

  it('explains versions the table cannot reach, and a migration that fails', () => {
    expect(restoreSnapshot({ ...asVersion0(snap), version: -1 }, { migrations: fromVersion0 })).toMatchObject({ ok: false, notice: { code: 'bad-version' } });
    expect(restoreSnapshot({ ...copy(snap), version: -0 })).toMatchObject({ ok: false, problem: 'version: snapshots of version 0 cannot be opened; this app opens version 1.' });
    const throwing: Migrations = new Map([[0, { up: () => { throw new TypeError('boom'); } }]]);
    expect(restoreSnapshot(asVersion0(snap), { migrations: throwing })).toEqual({
      ok: false,
      problem: 'version: the file could not be upgraded from version 0 to 1.',
      notice: { code: 'migration-failed', text: 'version: the file could not be upgraded from version 0 to 1.', vars: { path: 'version', from: 0, to: 1 } },
    });
    const nothing: Migrations = new Map([[0, { up: () => null }]]);
    expect(restoreSnapshot(asVersion0(snap), { migrations: nothing })).toMatchObject({ ok: false, notice: { code: 'migration-failed' } });
  });
});
