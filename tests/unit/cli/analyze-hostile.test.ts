/**
 * `npm run analyze` on files the app refuses or warns about: the same verdicts and sentences as the app. A file none
 * of whose rows can be used exits 1 with the app's sentence and the reasons (it exited 0); characters that could not
 * be decoded are reported (they were not); nobody bought twice gives no model parameters (the fit's starting values
 * were written as BG/NBD's); gzip is told by its bytes, capped and said damaged in the app's words.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync, zipSync } from 'fflate';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { runAnalyze } from '../../../src/cli/analyze';
import { en } from '../../../src/i18n/en';
import { tempDir } from '../../support/temp-dir';

const dir = tempDir('analyze-hostile-', afterAll);
function file(name: string, content: string | Uint8Array): string {
  const path = join(dir(), name);
  writeFileSync(path, content);
  return path;
}

/** Run the command in this process: its exit code, stdout and stderr. */
export async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((stdout += String(s)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((stderr += String(s)), true));
  try {
    const code = await runAnalyze(argv);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}
afterEach(() => vi.restoreAllMocks());

describe('analyze on files the app refuses or warns about', () => {
  it('exits 1 with the app’s sentence and the reasons when no row can be used (it exited 0)', async () => {
    const path = file('all-bad.csv', 'customer,date,amount\n,2024-01-01,5\nA,not a date,5\nB,2024-01-02,abc\n');
    const { code, stdout, stderr } = await cli(path);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.split('\n')[0]).toBe(`analyze: ${en['error.nothingAccepted']}`);
    expect(stderr).toContain('analyze: 1 row not used: Customer id is empty (column "customer") (line 2)');
    expect(stderr).toContain('analyze: 1 row not used: Date not recognised (column "date") (line 3)');
  });

  it('reports characters that could not be decoded on stderr, as the app shows them under the rejected rows', async () => {
    // Valid UTF-8 for the first MiB (the sniff reads UTF-8), then two bytes that are not UTF-8.
    const rows = Array.from({ length: 60_000 }, (_, i) => `C${i % 500},2024-01-${String((i % 28) + 1).padStart(2, '0')},${(i % 90) + 1}`).join('\n');
    const bytes = Buffer.concat([Buffer.from(`customer,date,amount\n${rows}\n`), Buffer.from([0x58, 0xff, 0xfe]), Buffer.from(',2024-02-01,5\n')]);
    expect(bytes.length).toBeGreaterThan(1 << 20);
    const { code, stdout, stderr } = await cli(file('bad-bytes.csv', bytes));
    expect(code).toBe(0);
    expect(JSON.parse(stdout).dataset).toMatchObject({ rowsRead: 60_001, rowsAccepted: 60_000, rowsRejected: 1 });
    expect(stderr).toContain('1 row not used: Customer id has bytes that are not valid UTF-8 text (shown as �), so it cannot be told apart from other ids (column "customer") (line 60002)');
    expect(stderr).toContain('warning: 2 characters could not be read as UTF-8 and show as �.');
  });

  it('writes no model parameters when nobody bought twice, and says why in the app’s words', async () => {
    const path = file('once.csv', 'customer,date,amount\nA,2024-01-05,10\nB,2024-02-06,20\nC,2024-03-05,5\nD,2024-04-01,7\n');
    const { code, stdout, stderr } = await cli(path);
    expect(code).toBe(0);
    const snapshot = JSON.parse(stdout);
    expect(snapshot.models).toBeUndefined();
    expect(snapshot.forecast).toBeUndefined();
    expect(snapshot.dataset).toMatchObject({ customers: 4, purchases: 4 });
    expect(stderr).toContain('analyze: no models: Only 0 customers have bought more than once, too few to tell how often customers buy and when they stop; the fit is not reliable.');
  });

  it('reads a plain CSV named .gz and a gzip named .csv (by their bytes)', async () => {
    const csv = 'customer,date,amount\nA,2024-01-05,10\nB,2024-01-06,20\nA,2024-02-05,5\n';
    for (const path of [file('plain.csv.gz', csv), file('packed.csv', gzipSync(new TextEncoder().encode(csv)))]) {
      const { code, stdout } = await cli(path);
      expect(code).toBe(0);
      expect(JSON.parse(stdout).dataset).toMatchObject({ rowsRead: 3, rowsAccepted: 3, customers: 2 });
    }
  });

  it('a damaged gzip and a zip get the app’s sentences, exit 1', async () => {
    const gz = gzipSync(new TextEncoder().encode('customer,date,amount\nA,2024-01-05,10\n'));
    const cut = await cli(file('cut.csv.gz', gz.subarray(0, 12)));
    expect([cut.code, cut.stderr]).toEqual([1, `analyze: ${en['error.problem.gzip-broken']}\n`]);
    const zip = await cli(file('orders.zip', zipSync({ 'orders.csv': new TextEncoder().encode('customer,date,amount\nA,2024-01-05,10\n') })));
    expect([zip.code, zip.stderr]).toEqual([1, `analyze: ${en['error.problem.zip']}\n`]);
  });
});
