/**
 * The hostile corpus (tests/fixtures/hostile/cases.ts) through `npm run analyze`: a file the app refuses exits 1
 * with the app's sentence, one none of whose rows can be used exits 1 with the app's sentence too (it exited 0), and
 * every other file exits 0 with the rows the app reads. The largest cases are left to the import's own corpus test.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { runAnalyze } from '../../../src/cli/analyze';
import { en } from '../../../src/i18n/en';
import { CASES } from '../../fixtures/hostile/cases';
import { tempDir } from '../../support/temp-dir';

const dir = tempDir('analyze-corpus-', afterAll);
const problemText = (code: string) => (en as Record<string, string>)[`error.problem.${code}`];

/** Too large to be worth fitting three models on in a unit test; the import corpus covers them. */
const LARGE = new Set(['1,000,000 tiny rows made in memory', 'invalid UTF-8 after the head: the row is rejected, the characters counted']);

describe('the hostile corpus through analyze', () => {
  it.each(CASES.filter((c) => !LARGE.has(c.name)).map((c, i) => [c.name, c, i] as const))('%s', async (_, c, i) => {
    const path = join(dir(), `${i}-${c.file ?? 'orders.csv'}`);
    writeFileSync(path, c.bytes());
    let stdout = '';
    let stderr = '';
    const out = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((stdout += String(s)), true));
    const err = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((stderr += String(s)), true));
    let code: number;
    try {
      code = await runAnalyze([path]);
    } finally {
      out.mockRestore();
      err.mockRestore();
    }
    const e = c.expected;
    if ('problem' in e) {
      expect([code, stdout, stderr]).toEqual([1, '', `analyze: ${problemText(e.problem)}\n`]);
    } else if (e.accepted === 0) {
      expect([code, stdout, stderr.split('\n')[0]]).toEqual([1, '', `analyze: ${en['error.nothingAccepted']}`]);
    } else {
      expect(code).toBe(c.cliExit ?? 0);
      expect(JSON.parse(stdout).dataset).toMatchObject({ rowsRead: e.read, rowsAccepted: e.accepted, rowsRejected: e.read - e.accepted });
    }
  });
});
