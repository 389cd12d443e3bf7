/**
 * Bringing an older snapshot up to the current version, one version at a time. A migration reads the untrusted
 * document of its version and returns a new document of the next version; it runs before any checking, so it must
 * cope with any value (read fields with `ownValue`), and must not change the document it is given (it may be the
 * caller's own object). The result is then checked like any current-version file.
 */
import { notice } from '../notice';
import { formatNumber, isRecord, Notes, problem, SnapshotProblem } from './reader';
import { SNAPSHOT_VERSION } from './schema';

export interface Migration {
  /** Reads a document of version `from` and returns one of version `from + 1`. */
  up(document: object): unknown;
}

/** Migrations by the version they read. */
export type Migrations = ReadonlyMap<number, Migration>;

/**
 * The app's migrations. Version 1 is the first version, so there are none yet: when version 2 ships, add
 * `[1, { up: (v1) => v2 }]`, and a version-1 file opens as a version-2 snapshot.
 */
export const MIGRATIONS: Migrations = new Map();

/** The oldest version that migrations lead from to the current one. */
export function oldestReadable(migrations: Migrations): number {
  let v = SNAPSHOT_VERSION;
  while (migrations.has(v - 1)) v--;
  return v;
}

/** The document brought from `version` to SNAPSHOT_VERSION, with a note when it was upgraded. */
export function migrate(document: object, version: number, migrations: Migrations, notes: Notes): object {
  let current: object = document;
  for (let v = version; v < SNAPSHOT_VERSION; v++) {
    const migration = migrations.get(v);
    if (!migration) {
      const oldest = oldestReadable(migrations);
      const range = oldest === SNAPSHOT_VERSION ? `version ${SNAPSHOT_VERSION}` : `versions ${oldest} to ${SNAPSHOT_VERSION}`;
      problem('old-version', `version: snapshots of version ${formatNumber(version)} cannot be opened; this app opens ${range}.`, { path: 'version', version, oldest, supported: SNAPSHOT_VERSION });
    }
    let next: unknown;
    try {
      next = migration.up(current);
    } catch (err) {
      if (err instanceof SnapshotProblem) throw err;
      problem('migration-failed', `version: the file could not be upgraded from version ${v} to ${v + 1}.`, { path: 'version', from: v, to: v + 1 });
    }
    if (!isRecord(next)) problem('migration-failed', `version: the file could not be upgraded from version ${v} to ${v + 1}.`, { path: 'version', from: v, to: v + 1 });
    current = next;
  }
  if (version < SNAPSHOT_VERSION) notes.add(notice('upgraded', `The snapshot was upgraded from version ${version} to version ${SNAPSHOT_VERSION}.`, { from: version, to: SNAPSHOT_VERSION }));
  return current;
}
