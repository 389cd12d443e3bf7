/**
 * What interrupted imports could leave in storage, and its removal. A save is one transaction, so normally there is
 * nothing; this is for what an older version's bug or a crash the browser did not roll back might have left. Its own
 * module: the worker loads it only when the page asks (on opening, after an interrupted import).
 */
import { isWholeDataset, type ClvDatabase } from './schema';

/** What an interrupted import could leave behind: records of datasets that are not (or not wholly) stored. */
export interface Leftovers {
  /** Dataset records whose save never finished. */
  datasets: number;
  /** Chunks, dictionaries, billing rows, survey answers and scenarios of no stored dataset. */
  records: number;
}

async function findLeftovers(db: ClvDatabase) {
  const all = await db.datasets.toArray();
  const whole = new Set(all.filter(isWholeDataset).map((d) => d.id!));
  const broken = all.filter((d) => !isWholeDataset(d)).map((d) => d.id!);
  const byTable: [string, number[]][] = [];
  for (const name of ['chunks', 'dictionaries', 'billing', 'nps', 'scenarios']) {
    const ids = (await db.table(name).orderBy('datasetId').uniqueKeys()) as number[];
    byTable.push([name, ids.filter((id) => !whole.has(id))]);
  }
  return { all, broken, byTable };
}

/**
 * Count what interrupted imports left behind (normally nothing: a save is one transaction), and say which of the
 * imports `jobs` did finish after all (a closed tab's worker may outlive it long enough to store its dataset whole).
 */
export async function leftovers(db: ClvDatabase, jobs: string[] = []): Promise<Leftovers & { finished: string[] }> {
  return db.transaction('r', [db.datasets, db.chunks, db.dictionaries, db.billing, db.nps, db.scenarios], async () => {
    const { all, broken, byTable } = await findLeftovers(db);
    let records = 0;
    for (const [name, ids] of byTable) for (const id of ids) records += await db.table(name).where('datasetId').equals(id).count();
    const finished = jobs.filter((job) => all.some((d) => d.importJob === job && isWholeDataset(d)));
    return { datasets: broken.length, records, finished };
  });
}

/** Delete what interrupted imports left behind, in one transaction; stored datasets are not touched. */
export async function removeLeftovers(db: ClvDatabase): Promise<void> {
  await db.transaction('rw', [db.datasets, db.chunks, db.dictionaries, db.billing, db.nps, db.scenarios], async () => {
    const { broken, byTable } = await findLeftovers(db);
    for (const [name, ids] of byTable) if (ids.length) await db.table(name).where('datasetId').anyOf(ids).delete();
    if (broken.length) await db.datasets.bulkDelete(broken);
  });
}
