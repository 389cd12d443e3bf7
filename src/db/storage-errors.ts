/**
 * Which storage failure an error stands for, however it was wrapped on the way. IndexedDB reports a full disk as a
 * DOMException named QuotaExceededError; Dexie wraps it (an AbortError of the transaction with the cause as `inner`,
 * a BulkError with `failures`, an OpenFailedError), and Comlink sends only a name and a message to the page. Pure:
 * no DOM, no Dexie, so the page, the worker and the tests share it.
 */

/** The storage failures the user is told about in words (src/i18n: `storage.<kind>`). */
export type StorageFailure = 'quota' | 'version' | 'closed' | 'invalid-state' | 'unknown';

/** The error name each failure travels under once found (the page reads names only). */
export const FAILURE_NAMES: Record<StorageFailure, string> = {
  quota: 'QuotaExceededError',
  version: 'VersionError',
  closed: 'DatabaseClosedError',
  'invalid-state': 'InvalidStateError',
  unknown: 'UnknownError',
};

const BY_NAME = new Map<string, StorageFailure>([
  ['QuotaExceededError', 'quota'],
  ['VersionError', 'version'],
  // Dexie: the database was changed by a newer version in another tab.
  ['VersionChangeError', 'version'],
  ['DatabaseClosedError', 'closed'],
  ['InvalidStateError', 'invalid-state'],
  // Safari's IndexedDB fails now and then with this name (and some browsers in private windows).
  ['UnknownError', 'unknown'],
]);

/** The failure named by an error or by any error it wraps; null when none is a storage failure. */
export function storageFailure(err: unknown, depth = 0): StorageFailure | null {
  if (!err || typeof err !== 'object' || depth > 6) return null;
  const e = err as { name?: unknown; inner?: unknown; cause?: unknown; failures?: unknown; error?: unknown; target?: { error?: unknown } };
  // The innermost cause decides (an AbortError holding a QuotaExceededError is a full disk, not an abort).
  const nested = [e.inner, e.cause, e.error, e.target?.error, ...(Array.isArray(e.failures) ? e.failures : [])];
  for (const inner of nested) {
    const found = storageFailure(inner, depth + 1);
    if (found) return found;
  }
  return typeof e.name === 'string' ? (BY_NAME.get(e.name) ?? null) : null;
}
