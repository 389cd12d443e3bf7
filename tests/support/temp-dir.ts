/**
 * A folder among the system's temporary ones for one test file, made when first asked for and removed when the
 * file's tests are done: the files tests write (up to 34 MB for the storage quota's) were left behind by every run.
 * Made lazily because Playwright also loads each test file in its main process to list the tests, where no hook runs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The folder's path, by a function; `afterAll` is the test runner's (Vitest's, or Playwright's test.afterAll). */
export function tempDir(prefix: string, afterAll: (remove: () => void) => void): () => string {
  let dir: string | null = null;
  afterAll(() => {
    if (dir !== null) rmSync(dir, { recursive: true, force: true });
  });
  return () => (dir ??= mkdtempSync(join(tmpdir(), prefix)));
}
