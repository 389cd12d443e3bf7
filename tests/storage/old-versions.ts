/**
 * The database as an older version of the app left it: its stores exactly as src/db/schema.ts declared them up to
 * that version, without the newer ones, for the migration tests.
 */
import Dexie from 'dexie';

const STORES_BY_VERSION: Record<string, string | null>[] = [
  { datasets: '++id, createdAt', chunks: '[datasetId+index], datasetId', dictionaries: '[datasetId+kind], datasetId' },
  { datasets: '++id, createdAt, updatedAt', mappings: 'headerKey, savedAt' },
  {},
  {},
  { nps: 'datasetId' },
  { shared: '++id, openedAt', sharedBodies: 'id' },
  { billing: 'datasetId' },
  { scenarios: '++id, datasetId' },
];

export function databaseAtVersion(name: string, version: number): Dexie {
  if (version < 1 || version > STORES_BY_VERSION.length) throw new RangeError(`No stores recorded for version ${version}.`);
  const db = new Dexie(name);
  for (let v = 1; v <= version; v++) db.version(v).stores(STORES_BY_VERSION[v - 1]);
  return db;
}
