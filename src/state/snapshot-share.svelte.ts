/**
 * Sharing the open dataset's snapshot: on a device that can share files (phones), the share sheet with the file
 * attached (and the link when it fits); elsewhere the link is copied (and shown, to copy by hand), or, for a snapshot
 * too large for a link, the file is downloaded and the user told why.
 */
import type { DatasetEntry } from '../core/datasets';
import { downloadText, safeFileName } from '../lib/download';
import { compute, type Compute } from './compute';
import { errorText } from './error-text';

export type ShareOutcome =
  | { kind: 'shared' }
  | { kind: 'copied'; url: string; bytes: number }
  | { kind: 'manual'; url: string }
  | { kind: 'too-large'; chars: number; limit: number }
  | { kind: 'failed'; message: string };

export class SnapshotShare {
  busy = $state(false);
  outcome = $state.raw<ShareOutcome | null>(null);
  /** The dataset the outcome is about (another one shown does not show it). */
  outcomeFor = $state<number | null>(null);
  readonly client: () => Compute;
  readonly save: (text: string, name: string, type: string) => void;

  constructor(client: () => Compute, save: SnapshotShare['save'] = downloadText) {
    this.client = client;
    this.save = save;
  }

  async share(dataset: DatasetEntry) {
    this.busy = true;
    this.outcome = null;
    this.outcomeFor = dataset.id;
    try {
      const { link, text } = await this.client().snapshotLink(dataset.id);
      const fileName = safeFileName(dataset.name, '.clv.json');
      const url = link.ok ? `${location.origin}${location.pathname}#${link.fragment}` : null;
      const file = new File([text], fileName, { type: 'application/json' });
      if (typeof navigator.canShare === 'function' && navigator.canShare({ files: [file] })) {
        try {
          await navigator.share({ files: [file], title: dataset.name, ...(url ? { url } : {}) });
          this.outcome = { kind: 'shared' };
          return;
        } catch (err) {
          if ((err as Error).name === 'AbortError') return;
          // Refused (no user gesture left, a policy): fall back to the link or the download below.
        }
      }
      if (!link.ok) {
        this.save(text, fileName, 'application/json');
        this.outcome = { kind: 'too-large', chars: link.chars, limit: link.limit };
        return;
      }
      try {
        await navigator.clipboard.writeText(url!);
        this.outcome = { kind: 'copied', url: url!, bytes: url!.length };
      } catch {
        this.outcome = { kind: 'manual', url: url! };
      }
    } catch (err) {
      this.outcome = { kind: 'failed', message: errorText(err) };
    } finally {
      this.busy = false;
    }
  }
}

export const snapshotShare = new SnapshotShare(compute);
