/**
 * Whether this browser has never stored anything for the app: its database does not exist yet. On a first visit the
 * page can then draw the import screen in its first frame instead of waiting for the compute worker to start and
 * read an empty list (about half a second on a phone, and the import screen's render then fell after the first
 * paint, where it counts as blocking). The worker's answer follows and confirms it.
 *
 * `indexedDB.databases()` lists names without opening anything. Where it is missing, fails or is slow, the answer is
 * "not known" (false) and the page waits for the worker as before: a wrong "nothing stored" would show the import
 * screen for a moment before the user's dashboard.
 */
export type DatabaseLister = { databases?: () => Promise<{ name?: string }[]> };

export async function nothingStored(name: string, factory: DatabaseLister | undefined, waitMs = 250): Promise<boolean> {
  if (typeof factory?.databases !== 'function') return false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), waitMs)));
  try {
    const listed = factory
      .databases()
      .then((all) => Array.isArray(all) && !all.some((d) => d?.name === name))
      .catch(() => false);
    return await Promise.race([listed, late]);
  } finally {
    clearTimeout(timer);
  }
}
