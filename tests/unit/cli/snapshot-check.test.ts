/**
 * `npm run snapshot -- check FILE`: the app's restore, one line, exit 0 / 1 / 2; and `npm run analyze --aggregate-only`.
 * don-hang.csv's snapshot by hand: 3 customers, 9 rows, 2024-01-05 to 2024-04-02; at k = 5, 2 cohorts, 3 segments and
 * 3 top shares suppressed (8 groups; segments with --segments).
 */
import { spawnSync } from 'node:child_process';
import { truncateSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseArgs, UsageError } from '../../../src/cli/analyze';
import { checkFile, run } from '../../../src/cli/snapshot';
import type { SnapshotV1 } from '../../../src/core/snapshot';
import { analyze, copy, DON_HANG } from '../snapshot/fixtures';
import { tempDir } from '../../support/temp-dir';

const root = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const dir = tempDir('snapshot-check-', afterAll);
function file(name: string, text: string): string {
  const path = join(dir(), name);
  writeFileSync(path, text);
  return path;
}

let full: SnapshotV1;
let shared: SnapshotV1;
beforeAll(async () => {
  full = await analyze(DON_HANG, '--segments');
  shared = await analyze(DON_HANG, '--segments', '--aggregate-only');
});

const ABOUT = 'version 1 snapshot of "don-hang.csv": 3 customers, 9 rows, 2024-01-05 to 2024-04-02';
const PARTS = 'parts: dataset, settings, historical, cohorts, models, forecast, segments';

describe('snapshot check', () => {
  it('exits 0 with what the file holds, full or aggregate-only', () => {
    const a = file('full.clv.json', JSON.stringify(full, null, 2));
    expect(checkFile(a)).toEqual({ code: 0, line: `${a}: ${ABOUT}; full; ${PARTS}` });
    const b = file('shared.clv.json', JSON.stringify(shared));
    expect(checkFile(b)).toEqual({ code: 0, line: `${b}: ${ABOUT}; aggregate-only (k = 5, 8 groups suppressed); ${PARTS}` });
  });

  it('says what was left out when the file has fields this version does not know', () => {
    const f = file('extra.clv.json', JSON.stringify({ ...full, extra: '<script>alert(1)</script>' }));
    expect(checkFile(f)).toEqual({ code: 0, line: `${f}: ${ABOUT}; full; ${PARTS} (1 note: extra is not part of a version 1 snapshot, so it was left out.)` });
  });

  it('exits 1 with the one sentence restore gives, naming the part and field', () => {
    const broken = (name: string, change: (s: any) => void) => {
      const s = copy(full) as any;
      change(s);
      return file(name, JSON.stringify(s));
    };
    const cases: [string, string][] = [
      [broken('huge.json', (s) => (s.dataset.customers = 1e300)), 'dataset.customers: expected a whole number from 0 to 10,000,000,000, found 1e+300.'],
      [broken('more.json', (s) => (s.dataset.customers = 8)), 'dataset.customers: 8 customers, but only 7 rows were accepted.'],
      [broken('object.json', (s) => (s.dataset.rejected[0].examples[0].text = { html: '<b>x</b>' })), 'dataset.rejected[0].examples[0].text: expected text, found an object.'],
      [broken('active.json', (s) => (s.cohorts.rows[0].active[3] = 57)), 'cohorts.rows[0].active[3]: 57 customers active, but the cohort has only 2.'],
      [broken('version.json', (s) => (s.version = 2)), 'version: this snapshot is version 2, newer than this app reads (1); update the app to open it.'],
      [broken('missing.json', (s) => delete s.cohorts), 'cohorts is missing.'],
      [file('cut.json', JSON.stringify(full).slice(0, 500)), 'The file is not a snapshot: it is not valid JSON, or it was cut short.'],
      [DON_HANG, 'The file is not a snapshot: it is not valid JSON, or it was cut short.'],
      [file('empty.json', ''), 'The file is empty.'],
    ];
    for (const [f, sentence] of cases) expect(checkFile(f), f).toEqual({ code: 1, line: `snapshot: ${f}: ${sentence}` });
  });

  it('refuses a 100 MB file from its size, without reading it', () => {
    const f = join(dir(), 'big.clv.json');
    writeFileSync(f, '');
    truncateSync(f, 100 * 1024 * 1024);
    const started = performance.now();
    expect(checkFile(f)).toEqual({ code: 1, line: `snapshot: ${f}: The file is larger than 20 MB, the most a snapshot may be.` });
    expect(performance.now() - started).toBeLessThan(200);
  });

  it('exits 2 on a missing file or a wrong command', () => {
    expect(checkFile(join(dir(), 'nope.json'))).toEqual({ code: 2, line: `snapshot: ${join(dir(), 'nope.json')}: file not found` });
    expect(checkFile(dir())).toEqual({ code: 2, line: `snapshot: ${dir()}: not a file` });
    for (const argv of [[], ['check'], ['verify', DON_HANG], ['check', DON_HANG, 'more']]) expect(run(argv)).toEqual({ code: 2, line: 'snapshot: usage: npm run snapshot -- check FILE' });
  });

  it('as a command: one line on stdout and exit 0, or one line on stderr and exit 1', () => {
    const ok = file('ok.clv.json', JSON.stringify(shared));
    const bad = file('bad.clv.json', JSON.stringify({ ...full, format: 'excalidraw' }));
    const cli = (f: string) => spawnSync('npx', ['tsx', 'src/cli/snapshot.ts', 'check', f], { cwd: root, encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
    const a = cli(ok);
    expect([a.status, a.stdout, a.stderr]).toEqual([0, `${ok}: ${ABOUT}; aggregate-only (k = 5, 8 groups suppressed); ${PARTS}\n`, '']);
    const b = cli(bad);
    expect([b.status, b.stdout, b.stderr]).toEqual([1, '', `snapshot: ${bad}: format: expected "clv-snapshot", found "excalidraw"; this is not a CLV Studio snapshot.\n`]);
  }, 30_000);
});

describe('analyze --aggregate-only', () => {
  it('writes the aggregate-only snapshot, k = 5 unless --k says', async () => {
    expect(shared.dataset).toMatchObject({ aggregateOnly: true, k: 5 });
    const k2 = await analyze(DON_HANG, '--aggregate-only', '--k', '2');
    expect(k2.dataset.k).toBe(2);
    expect(full.dataset.aggregateOnly).toBeUndefined();
  });

  it('refuses --k without --aggregate-only, and a k out of range', () => {
    expect(() => parseArgs([DON_HANG, '--k', '3'])).toThrow(new UsageError('--k needs --aggregate-only'));
    for (const k of ['0', '1001', '2.5', 'five']) expect(() => parseArgs([DON_HANG, '--aggregate-only', '--k', k])).toThrow('--k must be a whole number from 1 to 1000');
  });
});
