/** The stored datasets (kept live from IndexedDB) and which one is open. */
import { liveQuery } from 'dexie';
import { deleteDataset, deleteEverything, listDatasets, renameDataset } from '../db/repo';
import type { DatasetRecord } from '../db/schema';
import { db } from './db';

class DatasetsState {
  list = $state.raw<DatasetRecord[] | undefined>(undefined);
  selectedId = $state<number | null>(null);

  constructor() {
    liveQuery(() => listDatasets(db)).subscribe({
      next: (rows) => {
        this.list = rows;
        if (this.selectedId !== null && !rows.some((r) => r.id === this.selectedId)) this.selectedId = null;
        if (this.selectedId === null && rows.length > 0) this.selectedId = rows[0].id!;
      },
      error: (err) => console.error('Could not read datasets', err),
    });
  }

  get selected(): DatasetRecord | null {
    return this.list?.find((d) => d.id === this.selectedId) ?? null;
  }

  select(id: number | null) {
    this.selectedId = id;
  }

  rename(id: number, name: string) {
    return renameDataset(db, id, name);
  }

  remove(id: number) {
    return deleteDataset(db, id);
  }

  removeAll() {
    this.selectedId = null;
    return deleteEverything(db);
  }
}

export const datasets = new DatasetsState();
