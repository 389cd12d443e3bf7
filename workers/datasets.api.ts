/** Datasets domain: the stored datasets, kept live for the page, and every change to them (this worker is the only writer). */
import { liveQuery } from 'dexie';
import type { DatasetEntry, DatasetSettings } from '../src/core/datasets';
import { datasetEntry, deleteDataset, deleteEverything, listDatasets, renameDataset, updateSettings } from '../src/db/repo';
import type { WorkerContext } from './context';

export function datasetsApi(context: WorkerContext) {
  const { db } = context;
  return {
    /** Calls `onChange` with every dataset now and after each change, from this tab or another. */
    watchDatasets(onChange: (entries: DatasetEntry[]) => void): void {
      liveQuery(() => listDatasets(db)).subscribe({
        next: (records) => onChange(records.map(datasetEntry)),
        error: (err) => console.error('Could not read datasets', err),
      });
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
