/**
 * Telling a snapshot from an orders file by its content (the first KiB or so of its text), so that the import flow
 * can send it to `restoreSnapshot` instead of the CSV reader, whatever the file is called.
 */
import { SNAPSHOT_FORMAT } from './schema';

/** How much of a file's start the sniff needs: the app writes `format` first, a hand-edited file soon after. */
export const SNIFF_SNAPSHOT_CHARS = 4096;

const FORMAT_FIELD = new RegExp(`"format"\\s*:\\s*"${SNAPSHOT_FORMAT}"`);

function body(head: string): string {
  return (head.charCodeAt(0) === 0xfeff ? head.slice(1) : head).trimStart();
}

/** Whether a text starts like a snapshot: a JSON object naming the snapshot format near its start. */
export function isSnapshotText(head: string): boolean {
  const text = body(head.slice(0, SNIFF_SNAPSHOT_CHARS));
  return text.startsWith('{') && FORMAT_FIELD.test(text);
}

/**
 * Whether a file should be opened as a snapshot rather than read as orders: it starts like one, or it is JSON (no
 * orders export starts with `{` or `[`) or named `.json`; `restoreSnapshot` then says in one sentence what is wrong
 * with a JSON file that is not a snapshot, instead of the CSV reader's "no column holds dates".
 */
export function opensAsSnapshot(head: string, fileName = ''): boolean {
  if (isSnapshotText(head)) return true;
  const text = body(head.slice(0, SNIFF_SNAPSHOT_CHARS));
  return text.startsWith('{') || text.startsWith('[') || /\.json$/i.test(fileName);
}
