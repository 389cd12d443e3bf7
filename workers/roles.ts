/**
 * One worker script plays every role: the compute worker starts copies of its own script as its fit worker and as
 * the reader of a large file's second half. Their code is then downloaded, precached and compiled once, instead of
 * once per script with the import engine and the models in two or three bundles.
 */
export type HelperRole = 'fit' | 'import-part';

/** Whether this thread can start workers (browsers' workers can; Node's test harness cannot). */
export function canStartHelpers(): boolean {
  return typeof Worker !== 'undefined' && typeof self !== 'undefined' && 'location' in self;
}

/** A copy of this worker's own script, in the given role; null where a worker cannot start another. */
export function startHelper(role: HelperRole): Worker | null {
  return canStartHelpers() ? new Worker(self.location.href, { type: 'module', name: role }) : null;
}
