/**
 * What the built app (dist/) makes a visitor download, gzip-compressed:
 * - the page's JavaScript before it works: the entry chunk of index.html and every chunk it imports statically (read
 *   from Vite's build manifest, which tells static `imports` from `dynamicImports`), plus the messages of its language
 *   (each language is a chunk of its own, loaded before the first render; the largest counts);
 * - all JavaScript the service worker precaches (read from the precache list in dist/sw.js), i.e. what an install
 *   downloads so that the app works offline: the page's chunks, the lazily loaded ones and the workers.
 * Used by `npm run bench` (prints it) and by tests/e2e/budget.spec.ts (fails when a budget is exceeded).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * The targets, in KB of 1000 bytes, gzip (zlib's default level, as Vite's build report). The page before it works is
 * what a visitor waits for; each part loaded on demand (a tab, a language, the compute worker) is bounded on its own,
 * so that a new feature pays for its own tab and cannot hide in a total; the total is what an install downloads
 * once, sized for the app with all its planned tabs (about 1–2 s on a 4G phone). It was 300 KB until the
 * Subscriptions tab (issue 14): the app precached 288 KB before it, and the tab with its worker code, its part of the
 * shared-snapshot view and its messages in three languages adds 30 KB (tab 6.8, worker chunks 9.2, messages 7.6,
 * read-only view 1.1, snapshot checks 0.8, the rest chunking), 318 KB in all.
 *
 * Before the page works: 100 KB until the languages were split (December 2026), when it counted the entry with the
 * English messages inside it, while a Vietnamese or Thai visitor downloaded their own messages on top (123 KB in all for
 * Thai). Now every language is its own chunk and the measure is the entry with the largest language: 110 KB.
 */
// precacheKb: 300 until the Subscriptions tab (issue 14, 318 KB with it) and the What-if tab (issue 15, which adds 26 KB
// gzip: its page chunks 10, its worker code 7, its messages in three languages 6.5, chunk boundaries 2.5). Each tab
// is bounded by lazyChunkKb; the total is what an install downloads once.
// workerKb: 100 until issue 16, when the measure began to count the chunks the worker imports statically (0.6 KB
// today; a code split could otherwise move code out of the figure without making the download smaller) and the
// worker took on hostile files (gzip told by its bytes, inflated-size cap, zip and long-header sentences: 0.9 KB with
// the rarer paths already lazy chunks), the per-customer summary check (0.6) and the import journal (0.6): 104 KB.
// precacheKb: 360 until issue 16 (hostile files' sentences, the storage failures and interrupted-import notice with
// their journal, the summary messages, each in three languages: 356.8 → 364.5 KB) and the dashboard's own chunk
// (2.9 KB of chunk boundaries, for 44 KB less before the page works): 370 KB; then the page's warehouse path (a
// per-customer summary opened: its confirmation 3.7, History 2.3, messages in three languages 2.8, the worker's
// summary import 4.1, segments, snapshot and storage 2.1, boundaries) 384.5 KB: 390 KB. Then a summary's cohort table
// (its reader in the summary jobs' chunk, its section and sentences in three languages, the cohort section a chunk of
// its own now that two views share it): 391.2 KB: 395 KB; the worker's handlers for it and the summaries' cohorts
// (0.2 KB, the reader itself lazy): 105 KB. Then the data path at scale (2 Dec 2026): id codes without a table for
// ids that count up and with short ids held in the table, dictionaries kept packed and made strings in bulk, figures
// read customer by customer, medians by counting, ids sent to the page packed (worker 104.7 → 106.2 KB), and on the
// page the radix sort of the customer table and the ids' unpacking (precache 393.7 → 395.8 KB): 107 and 397 KB. Then
// the import's memory (the same day, later): dictionaries sealed when the rows are read, the last part's order ids
// looked up without being stored, the dashboard's columns handed over as transferred copies, and the customer table's
// first order sorted in the worker with the page's radix sort (worker 106.2 → 107.2 KB, precache 395.8 → 396.8): 108.
// Then a summary's History kept in the worker and handed over like the dashboard's, its ids packed and its customer
// table's first order sorted there (worker 107.3, precache 397.0 KB, 20 bytes under): 398. Then the customer table
// kept in the worker (2 Dec 2026, later): its search, sort and CSV moved from the page to the worker, which hands over the
// rows in sight (worker 107.3 → 108.1 KB, precache 397.0 → 397.8 KB, the page's packing of ids gone): 109 and 398.
// Then the dashboard's figures at scale (a radix sort of the revenues, histogram bins by formula, the customer table's
// first screen by a partial sort) and the importer's warm-up in rounds: worker 108.8 KB, precache 398.5 KB: 399.
// Then memory at 10M lines (2 Dec 2026, evening): arrays given back at once, 16-bit day columns, no order codes for a
// file of orders, the part worker's end, concentration without a per-customer array (worker 108.8 → 109.6 KB,
// precache 398.5 → 399.6 KB): 110 and 400. Then the save and the dashboard at 10M lines (2 Dec 2026, night): money
// columns stored in 32 bits where exact, chunks released after their add, the history's distribution counted from
// sorted revenues (one counting rule for every histogram, which took out the per-value one), the order ids sized
// ahead (worker 109.6 → 110.1 KB, precache 399.6 → 400.1 KB): 111 and 401. Then (3 Dec 2026) the halves read ahead
// during the column check and the customer ids kept packed until read (worker 110.1 → 111.2 KB, precache 400.1 →
// 401.3 KB, two small chunks the worker shares with its lazy ones); the survey (NPS) code moved out of the worker into
// a chunk of its own, loaded when answers are attached (worker 111.2 → 109.8 KB, precache 401.3 → 402.4 KB: the
// chunk's boundaries): precache 403, the worker's budget unchanged. Then the file read while its columns are checked
// and ASCII pieces made into text without Chromium's decoder (10M lines: click → dashboard 16.2 → 12.5–13.0 s), the
// worker 110.3 KB, the precache 403.1 KB: 404. Then the import's memory at 10M lines (3 Dec 2026, morning: Chromium's
// peak over idle 815–838 → 648 MB): order ids front-coded while they come in order, the empty-amount, waiting-row,
// order-code and line columns made only when a row needs them, the packed ids trimmed, the file's slices released
// (worker 110.3 → 112.2 KB); the join of a file's halves moved to a chunk of its own, loaded for files read in two
// (worker 112.2 → 111.7 KB, precache 405.9 KB with that chunk's boundaries): 112 and 406; then purchase days' totals
// in 32 bits (worker 111.8 KB, precache 406.0 KB): 407. Then (3 Dec 2026, later) customer ids that are numbers
// looked up at their number's place (DenseIds, on every import's hot path, so not a lazy chunk), a large file read
// through its stream into one buffer (with the older browsers' fallback), and the scratch arrays given back (worker
// 111.8 → 113.3 KB, precache 406.0 → 407.7 KB): 114 and 408; then purchase days grouped in whole cents (worker
// 113.8 KB, precache 408.2 KB): 409. Then (3 Dec 2026, afternoon) amounts and refunds held in 32 bits at one scale
// (each reader's division, the save's and load's forms) and customer ids kept as their numbers after one prefix (their
// text made when read, the join's staging of numbers), 66 MB less at 10M lines (worker 113.8 → 115.2 KB, precache
// 408.2 → 409.6 KB): 116 and 411. Then (3 Dec 2026, evening) the file's streams held while read (a large import hung
// at a collection without), the groupings given back at the import's end, the summary's 32-bit counts and the
// Gamma-Gamma fit's data read with a scale instead of copies (worker 115.8 → 116.1 KB, precache 410.3 → 410.5 KB): 117.
// Then (3 Dec 2026, night) a new dataset shown while its save still writes (the datasets being saved, listed and read
// from the worker's memory; the flow opening it early and telling a failed save; 10M lines shown 1.5–2 s sooner) and
// whole-cent revenues sorted as integers (worker 116.1 → 116.8 KB, precache 410.5 → 411.3 KB): precache 412.
// Then (3 Dec 2026, late) memory touched for the first time cut at 10M lines (10M lines: click → dashboard 6.9 →
// 5.3–5.4 s): the import's spare memory handed to its first grouping, the dense ids' room, cents written over the
// narrowed days, order ids counted on without codes, the amounts' sums kept, lifespans counted, and the first screen
// sent with the news of a new dataset (worker 116.8 → 117.5 KB, precache 411.3 → 412.7 KB): 118 and 413.
// Then (4 Dec 2026) stored chunks' whole numbers packed in 1–3 bytes a value (a 10M-line file stores 7 bytes a row
// instead of 10, and the browser holds 30 MB less of the save), memory given back through a closed channel (buffers
// the browser made, 120 MB at 10M lines), the history without a customer column when entry k is customer k and the
// groupings given back earlier (worker 117.8 → 118.6 KB, precache 412.9 → 413.9 KB): 119 and 414.
export const BUDGET = { entryKb: 110, workerKb: 119, lazyChunkKb: 30, precacheKb: 414 } as const;

/** The compute worker (one script that plays every worker role). */
export const isWorkerChunk = (file: string) => /(^|\/)compute\.worker-[^/]*\.js$/.test(file);

export interface ChunkSize {
  /** Path inside dist/, e.g. `assets/index-abc123.js`. */
  file: string;
  bytes: number;
  gzip: number;
  /** Part of the page's JavaScript before it works (the entry or one of its static imports). */
  initial: boolean;
  precached: boolean;
}

export interface BundleSizes {
  /** Entry + static imports, gzip bytes. */
  initialGzip: number;
  /** The largest language's messages (a chunk each), gzip bytes. */
  languageGzip: number;
  /** What the page needs before it works: entry + static imports + the largest language. */
  startGzip: number;
  /** All precached JavaScript, gzip bytes. */
  precacheGzip: number;
  /** The compute worker's script with the chunks it imports statically (what starting it downloads), gzip bytes. */
  workerGzip: number;
  /** Those chunks' files, the worker's own first. */
  workerFiles: string[];
  chunks: ChunkSize[];
}

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

/** The JavaScript files the page loads before it runs: the HTML entry's chunk and, transitively, its static imports. */
export function initialChunks(dist: string): string[] {
  const path = join(dist, '.vite/manifest.json');
  if (!existsSync(path)) throw new Error(`${path} is missing: the build must set build.manifest (vite.config.ts)`);
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as Record<string, ManifestChunk>;
  const entries = Object.entries(manifest).filter(([key, c]) => c.isEntry && key.endsWith('.html'));
  if (entries.length !== 1) throw new Error(`expected one HTML entry in the build manifest, found ${entries.length}`);
  const files = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk) throw new Error(`the build manifest names ${key} but has no entry for it`);
    if (files.has(chunk.file)) return;
    files.add(chunk.file);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  visit(entries[0][0]);
  // Cross-check with what the page really asks for: index.html's module script must be the entry found above.
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const scripts = [...html.matchAll(/<script[^>]*type="module"[^>]*src="\.?\/?([^"]+)"/g)].map((m) => m[1]);
  if (scripts.length !== 1 || !files.has(scripts[0])) throw new Error(`index.html loads ${scripts.join(', ') || 'no module script'}, not the manifest's entry`);
  return [...files];
}

/** The chunks of the message catalogues (src/i18n/<language>.ts), one per language. */
export function languageChunks(dist: string): string[] {
  const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
  const files = Object.entries(manifest).filter(([key]) => /^src\/i18n\/(en|vi|th)\.ts$/.test(key)).map(([, c]) => c.file);
  if (files.length !== 3) throw new Error(`expected a chunk for each of the three languages in the build manifest, found ${files.length}`);
  return files;
}

/**
 * A worker script and, transitively, the chunks it imports statically (`import … from "./x.js"` at the top of the
 * minified file; `import("./x.js")` loads on demand and is not followed). Workers are not in Vite's manifest. Counting
 * the worker's own file alone let code moved into a shared chunk by a code split vanish from its figure.
 */
export function workerChunks(dist: string, workerFile: string): string[] {
  const files: string[] = [];
  const visit = (file: string) => {
    if (files.includes(file)) return;
    files.push(file);
    const text = readFileSync(join(dist, file), 'utf8');
    const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/') + 1) : '';
    for (const m of text.matchAll(/(?:^|[;}\n])\s*import\s*(?:[\w$*{},\s]+?\s*from\s*)?["']\.\/([^"']+\.js)["']/g)) visit(dir + m[1]);
  };
  visit(workerFile);
  return files;
}

/** The files in the service worker's precache list (dist/sw.js, made by vite-plugin-pwa's generateSW). */
export function precachedFiles(dist: string): string[] {
  const sw = readFileSync(join(dist, 'sw.js'), 'utf8');
  const list = /precacheAndRoute\(\s*(\[[\s\S]*?\])\s*,/.exec(sw);
  if (!list) throw new Error('no precacheAndRoute([...]) list in dist/sw.js');
  const urls = [...list[1].matchAll(/url\s*:\s*["']([^"']+)["']/g)].map((m) => m[1].replace(/^\.?\//, ''));
  if (!urls.length) throw new Error('the precache list in dist/sw.js is empty');
  return [...new Set(urls)];
}

export function bundleSizes(dist: string): BundleSizes {
  const initial = new Set(initialChunks(dist));
  const precached = new Set(precachedFiles(dist).filter((f) => f.endsWith('.js')));
  const chunks = [...new Set([...initial, ...precached])].map((file): ChunkSize => {
    const bytes = readFileSync(join(dist, file));
    return { file, bytes: bytes.length, gzip: gzipSync(bytes).length, initial: initial.has(file), precached: precached.has(file) };
  });
  chunks.sort((a, b) => Number(b.initial) - Number(a.initial) || b.gzip - a.gzip);
  const sum = (pick: (c: ChunkSize) => boolean) => chunks.filter(pick).reduce((s, c) => s + c.gzip, 0);
  const languages = new Set(languageChunks(dist));
  const languageGzip = Math.max(0, ...chunks.filter((c) => languages.has(c.file)).map((c) => c.gzip));
  const initialGzip = sum((c) => c.initial);
  const worker = chunks.find((c) => isWorkerChunk(c.file));
  const workerFiles = worker ? workerChunks(dist, worker.file) : [];
  const workerGzip = workerFiles.reduce((n, f) => n + (chunks.find((c) => c.file === f)?.gzip ?? gzipSync(readFileSync(join(dist, f))).length), 0);
  return { initialGzip, languageGzip, startGzip: initialGzip + languageGzip, precacheGzip: sum((c) => c.precached), workerGzip, workerFiles, chunks };
}

export const kb = (bytes: number) => (bytes / 1000).toFixed(1);

/** The report as lines of text: both totals against their targets, then one line per chunk. */
export function formatBundleSizes(s: BundleSizes): string[] {
  const verdict = (gzip: number, target: number) => (gzip <= target * 1000 ? 'within' : 'OVER');
  return [
    `page JavaScript before it works (entry + static imports ${kb(s.initialGzip)} + largest language ${kb(s.languageGzip)}), gzip  ${kb(s.startGzip).padStart(7)} KB   (target ≤ ${BUDGET.entryKb} KB: ${verdict(s.startGzip, BUDGET.entryKb)})`,
    `all JavaScript the service worker precaches, gzip              ${kb(s.precacheGzip).padStart(7)} KB   (target ≤ ${BUDGET.precacheKb} KB: ${verdict(s.precacheGzip, BUDGET.precacheKb)})`,
    `the compute worker with its static imports (${s.workerFiles.length} files), gzip       ${kb(s.workerGzip).padStart(7)} KB   (target ≤ ${BUDGET.workerKb} KB: ${verdict(s.workerGzip, BUDGET.workerKb)})`,
    ...s.chunks.map((c) => {
      const target = c.initial || s.workerFiles.includes(c.file) ? null : BUDGET.lazyChunkKb;
      const budget = target === null ? '' : `  (target ≤ ${target} KB: ${verdict(c.gzip, target)})`;
      return `  ${c.file.padEnd(52)} ${kb(c.bytes).padStart(7)} KB raw ${kb(c.gzip).padStart(6)} KB gzip  ${[c.initial ? 'before the page works' : 'on demand', c.precached ? 'precached' : 'NOT precached'].join(', ')}${budget}`;
    }),
  ];
}
