/** Exporting the open dataset's snapshot: the worker assembles it from what it holds; the page saves the file. */
import type { DatasetEntry } from '../core/datasets';
import { downloadText, safeFileName } from '../lib/download';
import { compute, type Compute } from './compute';
import { errorText } from './error-text';

export class SnapshotExport {
  busy = $state(false);
  error = $state<string | null>(null);
  readonly client: () => Compute;
  /** How a file reaches the user (a download in the page). */
  readonly save: (text: string, name: string, type: string) => void;

  constructor(client: () => Compute, save: SnapshotExport['save'] = downloadText) {
    this.client = client;
    this.save = save;
  }

  async download(dataset: DatasetEntry) {
    this.busy = true;
    this.error = null;
    try {
      const snapshot = await this.client().snapshot(dataset.id);
      this.save(JSON.stringify(snapshot, null, 2), safeFileName(dataset.name, '.clv.json'), 'application/json');
    } catch (err) {
      this.error = errorText(err);
    } finally {
      this.busy = false;
    }
  }
}

export const snapshotExport = new SnapshotExport(compute);
