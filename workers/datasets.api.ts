/** Datasets domain: the stored datasets, kept live for the page, and every change to them (this worker is the only writer). */
import { liveQuery } from 'dexie';
import type { DatasetEntry, DatasetSettings } from '../src/core/datasets';
import { datasetEntry, deleteDataset, deleteEverything, listDatasets, renameDataset, updateSettings } from '../src/db/repo';
import type { Leftovers } from '../src/db/leftovers';
import type { DatasetRecord } from '../src/db/schema';
import type { WorkerContext } from './context';

export function datasetsApi(context: WorkerContext) {
  const { db } = context;
  return {
    /** Calls `onChange` with every dataset now and after each change, from this tab or another. */
    watchDatasets(onChange: (entries: DatasetEntry[]) => void): void {
      // Those being saved are listed too (marked so), ahead of the stored ones: an import shows its dataset before its
      // save commits (pending-datasets.ts). Until the first read, none is told.
      let stored: DatasetRecord[] | null = null;
      const tell = () => {
        if (!stored) return;
        const { records, saving } = context.pending.withStored(stored);
        onChange(records.map((r) => (saving.has(r.id!) ? { ...datasetEntry(r), saving: true as const } : datasetEntry(r))));
      };
      context.pending.onChange(tell);
      liveQuery(() => listDatasets(db)).subscribe({
        next: (records) => {
          stored = records;
          tell();
        },
        error: (err) => console.error('Could not read datasets', err),
      });
    },

    /**
     * Calls `onNewer` when another tab opens the database at a newer version (an app update): this connection closes
     * at once (Dexie's default), so the upgrade is never blocked, and the page asks for a reload.
     */
    watchVersion(onNewer: () => void): void {
      db.on('versionchange', (event) => {
        if (event.newVersion !== null && event.newVersion > event.oldVersion) onNewer();
      });
    },

    /** What interrupted imports left behind, and its removal (stored datasets are not touched). */
    async leftovers(jobs: string[] = []): Promise<Leftovers & { finished: string[] }> {
      return (await import('../src/db/leftovers')).leftovers(db, jobs);
    },

    async removeLeftovers(): Promise<void> {
      return (await import('../src/db/leftovers')).removeLeftovers(db);
    },

    async listDatasets(): Promise<DatasetEntry[]> {
      return (await listDatasets(db)).map(datasetEntry);
    },

    renameDataset(id: number, name: string): Promise<void> {
      return renameDataset(db, id, name);
    },

    async updateDatasetSettings(id: number, settings: Partial<DatasetSettings>): Promise<void> {
      await updateSettings(db, id, settings);
    },

    async deleteDataset(id: number): Promise<void> {
      context.forget(id);
      await deleteDataset(db, id);
    },

    async deleteEverything(): Promise<void> {
      context.tables.clear();
      context.forecasts.clear();
      await deleteEverything(db);
    },
  };
}
