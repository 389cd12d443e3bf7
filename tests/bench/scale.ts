/**
 * The bench at scale (issue 16): synthetic orders files of 1M, 3M and 10M lines (orders-file.ts, about 36 bytes a
 * line), each imported in a fresh Node process (read from disk in 1 MiB chunks: import + dataset figures + monthly
 * cohorts + customer summary), and the largest in Chromium (the built app, click Import → dashboard shown). Memory is
 * what the work added to the process (Node: peak RSS over the RSS before the import) or to the browser (its processes'
 * peak RSS over their idle RSS), divided by the file's lines.
 *
 * The files are written, and each Node measurement is made, by child processes running this same bundle
 * (`--write-orders`, `--scale-node`), so that no array of another step is counted.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, createReadStream, existsSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sniff } from '../../src/core/import';
import { streamImport } from '../../src/core/import/run';
import { withoutLines } from '../../src/core/import/dataset-table';
import { analyzeDataset, customerSummary, tableDayRange } from '../../src/core/figures';
import { writeSyntheticOrders } from './orders-file';
import { browserProcesses, browserRss, COLUMN_CHECK_MS, newestStoredDataset, openPrivateBrowser, openProfileBrowser, type BenchBrowser } from './browser-memory';
import { freePort, startPreview } from '../support/preview-server';
import { clickAndTimeUntil, pageNow } from './page-clock';
import { browserFirstTouched, firstTouchCost, msPer100Mb } from './first-touch';

type Line = (label: string, value: string, target?: string) => void;

interface NodeScale {
  rows: number;
  accepted: number;
  customers: number;
  importMs: number;
  figuresMs: number;
  summaryMs: number;
  addedBytes: number;
}

const fmt = (n: number, d = 0) => n.toLocaleString('en', { maximumFractionDigits: d, minimumFractionDigits: d });

/** The child processes' entry points; returns true when this process was one of them (and has done its work). */
export async function scaleChildMode(): Promise<boolean> {
  const argv = process.argv;
  const write = argv.indexOf('--write-orders');
  if (write >= 0) {
    const done = await writeSyntheticOrders(argv[write + 1], Number(argv[write + 2]));
    console.log(JSON.stringify(done));
    return true;
  }
  const measure = argv.indexOf('--scale-node');
  if (measure >= 0) {
    console.log(JSON.stringify(await importFromDisk(argv[measure + 1])));
    return true;
  }
  return false;
}

async function importFromDisk(path: string): Promise<NodeScale> {
  const size = statSync(path).size;
  const head = new Uint8Array(1 << 20);
  const fd = openSync(path, 'r');
  const got = readSync(fd, head, 0, head.length, 0);
  closeSync(fd);
  const guess = sniff(head.subarray(0, got), 'orders.csv', size);
  const options = { fileName: 'orders.csv', totalBytes: size, encoding: guess.encoding, delimiter: guess.delimiter, hasHeader: guess.hasHeader, mapping: guess.mapping, dateOrderFallback: guess.dateOrder ?? 'DMY' } as const;
  const base = process.memoryUsage().rss;
  let peak = base;
  const sample = () => (peak = Math.max(peak, process.memoryUsage().rss));
  const sampler = setInterval(sample, 20);
  async function* chunks() {
    for await (const c of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
      sample();
      yield new Uint8Array(c.buffer, c.byteOffset, c.byteLength);
    }
  }
  const t0 = performance.now();
  const { table, report } = withoutLines(await streamImport(options, chunks()));
  const t1 = performance.now();
  sample();
  const { figures } = analyzeDataset(table);
  const t2 = performance.now();
  sample();
  customerSummary(table, { observationEnd: tableDayRange(table)!.max, timeUnit: 'day' });
  const t3 = performance.now();
  sample();
  clearInterval(sampler);
  return { rows: report.rowsRead, accepted: report.rowsAccepted, customers: figures.customers, importMs: t1 - t0, figuresMs: t2 - t1, summaryMs: t3 - t2, addedBytes: peak - base };
}

function child(args: string[]): string {
  const run = spawnSync(process.execPath, [process.argv[1], ...args], { encoding: 'utf8', env: process.env, maxBuffer: 1 << 20 });
  if (run.status !== 0) throw new Error(`bench: ${args[0]} failed (${run.status}): ${run.stderr}`);
  return run.stdout.trim().split('\n').pop()!;
}

/** A synthetic orders file of `rows` lines in the system's temporary folder, written once and reused by later runs. */
function ordersFile(rows: number): string {
  const dir = join(tmpdir(), 'clv-bench-orders');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `orders-${rows}.csv`);
  if (!existsSync(path)) child(['--write-orders', path, String(rows)]);
  return path;
}

/** One Chromium import of the file, in a browser of its own: click → dashboard, where the time went, memory added. */
interface ChromiumRun {
  wall: number;
  /** Click → the dataset shown as stored (its save committed). */
  stored: number;
  sincePick: number;
  timings: Record<string, number>;
  added: number;
  /** Bytes of memory the browser's processes touched for the first time, click → stored. */
  firstTouched: number;
}

async function chromiumRun(serverUrl: string, path: string, open: () => Promise<BenchBrowser>): Promise<ChromiumRun> {
  const browser = await open();
  try {
    const { page, pid } = browser;
    await page.goto(serverUrl);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
    const idle = browserRss(pid);
    let peak = idle;
    const t0 = Date.now();
    const sampler = setInterval(() => {
      const rss = browserRss(pid);
      // CLV_BENCH_MEMLOG=1: each new peak, with the processes that hold it, on stderr (which phase holds the peak).
      if (rss > peak && process.env.CLV_BENCH_MEMLOG) console.error(`${Date.now() - t0} ms: ${((rss - idle) / 2 ** 20).toFixed(0)} MB over idle; ${browserProcesses(pid)}`);
      peak = Math.max(peak, rss);
    }, 100);
    const pickedAt = await pageNow(page);
    await page.getByTestId('import-file').setInputFiles(path);
    await page.getByTestId('import-confirm').waitFor();
    await page.waitForTimeout(COLUMN_CHECK_MS);
    const touchedBefore = browserFirstTouched(pid);
    // The dashboard shows while the save still writes; the import's time shows once it is stored.
    const times = await clickAndTimeUntil(page, 'import-confirm', ['customer-table', 'dataset-imported-in'], 360_000, pickedAt);
    const firstTouched = browserFirstTouched(pid) - touchedBefore;
    clearInterval(sampler);
    peak = Math.max(peak, browserRss(pid));
    // Where the time went, as the import stored it with the dataset.
    const { timings } = await newestStoredDataset(page);
    return { wall: times[0], stored: times[1], sincePick: times.since[0], timings, added: peak - idle, firstTouched };
  } finally {
    await browser.close();
  }
}

/** Imports of the largest file in Chromium, each in a fresh browser with a profile of its own (as a visitor's). */
const CHROMIUM_RUNS = 3;

/**
 * Chromium: click Import → dashboard shown, and what the import added to the browser's memory, over three imports in
 * fresh browsers (then one more in a private window, for comparison with the figures before 4 Dec 2026, which were
 * measured so): on a shared 2-core machine one run went from 7.3 to 12.2 s as other work came and went, so the
 * first, the best and each are printed (the machine reference before and after says how busy the machine was).
 */
async function chromiumScale(root: string, path: string, rows: number, line: Line) {
  const server = await startPreview(root, await freePort());
  try {
    const runs: ChromiumRun[] = [];
    for (let r = 0; r < CHROMIUM_RUNS; r++) runs.push(await chromiumRun(server.url, path, openProfileBrowser));
    const privateRun = await chromiumRun(server.url, path, openPrivateBrowser);
    const best = runs.reduce((a, b) => (b.wall < a.wall ? b : a));
    const seconds = (ms: number) => fmt(ms / 1000, 1);
    const each = (f: (run: ChromiumRun) => string) => runs.map(f).join(', ');
    line(`Chromium, ${fmt(rows / 1e6)}M lines: click Import → dashboard (${COLUMN_CHECK_MS / 1000} s on the column check first), first / best of ${CHROMIUM_RUNS}`, `${seconds(runs[0].wall)} / ${seconds(best.wall)} s`, '≤ 5 s');
    line('  each run, s', each((run) => seconds(run.wall)));
    line('  click Import → stored on this device (the save done; the dashboard shows meanwhile), each run, s', each((run) => seconds(run.stored)));
    line('  file picked → the same (the column check included; the file is read from the pick on), best run', `${seconds(best.sincePick)} s`);
    const ms = (key: string) => (typeof best.timings[key] === 'number' ? fmt(best.timings[key]) : 'n/a');
    line('  best run: parse (halves) / figures / save, ms', `${ms('parseMs')} (${ms('firstHalfMs')}, ${ms('secondHalfMs')}) / ${ms('figuresMs')} / ${ms('saveMs')}`);
    line('  best run: the halves parsing (not waiting for reads), ms', `${ms('firstHalfParsingMs')}, ${ms('secondHalfParsingMs')}`);
    line('  best run: waiting for the second half / joining / finishing, ms', `${ms('waitMs')} / ${ms('absorbMs')} / ${ms('finishMs')}`);
    line('  best run: the dashboard\'s figures before the save / the click → the dataset shown by the worker, ms', `${ms('dashboardMs')} / ${ms('shownMs')}`);
    line('  best run: the import in the worker, from the start of its reading, ms', ms('totalMs'));
    const touch = firstTouchCost();
    const touchedMb = best.firstTouched / 2 ** 20;
    line(
      '  best run: memory the browser touched for the first time, click → stored (at this machine\'s cost of first touch)',
      `${fmt(touchedMb)} MB (≈ ${seconds((touchedMb / 100) * msPer100Mb(touch))} s at ${fmt(msPer100Mb(touch))} ms per 100 MB)`,
    );
    const least = Math.min(...runs.map((run) => run.added));
    line('  added to the browser\'s memory (peak over idle), first / least', `${fmt(runs[0].added / 2 ** 20)} / ${fmt(least / 2 ** 20)} MB (each: ${each((run) => fmt(run.added / 2 ** 20))})`);
    line('  bytes a line, first / least', `${fmt(runs[0].added / rows)} / ${fmt(least / rows)} B`, '≤ 40');
    line(
      '  the same in a private window (IndexedDB held in the browser\'s memory, not on disk): click → dashboard, peak over idle',
      `${seconds(privateRun.wall)} s, ${fmt(privateRun.added / 2 ** 20)} MB, ${fmt(privateRun.added / rows)} B a line`,
    );
  } finally {
    server.stop();
  }
}

export async function benchScale(root: string, line: Line, options: { sizes: number[]; chromium: boolean }) {
  console.log('\nAt scale: synthetic orders (order_id,customer_id,created_at,total; about 36 bytes a line), date order');
  for (const rows of options.sizes) {
    const path = ordersFile(rows);
    const r = JSON.parse(child(['--scale-node', path])) as NodeScale;
    const mb = statSync(path).size / 2 ** 20;
    line(`Node, ${fmt(rows / 1e6)}M lines (${fmt(mb)} MB, ${fmt(r.customers)} customers)`, `${fmt(r.importMs + r.figuresMs + r.summaryMs)} ms`);
    line('  import / figures + cohorts / summary', `${fmt(r.importMs)} / ${fmt(r.figuresMs)} / ${fmt(r.summaryMs)} ms`);
    line('  import throughput', `${fmt(mb / (r.importMs / 1000), 1)} MB/s`, '≥ 50 MB/s');
    line('  added to RSS, and bytes a line', `${fmt(r.addedBytes / 2 ** 20)} MB, ${fmt(r.addedBytes / r.rows)} B`, '≤ 32 B');
  }
  if (options.chromium) {
    const rows = Math.max(...options.sizes);
    await chromiumScale(root, ordersFile(rows), rows, line);
  }
}
