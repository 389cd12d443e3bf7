/**
 * Size budgets of the built app (dist/, made by `npm run build` before the e2e tests in `npm run test:all`), gzip:
 * the page's JavaScript before it works (entry chunk + its static imports + the largest language's messages) ≤ 110 KB, the compute worker with
 * the chunks it imports statically ≤ 119 KB, each
 * other part loaded on demand (a tab, a language) ≤ 30 KB, and all JavaScript the service worker precaches ≤ 414 KB
 * (tests/support/bundle-size.ts records each raise).
 * The sizes are printed either way; tests/support/bundle-size.ts measures them.
 */
import { test, expect } from '@playwright/test';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUDGET, bundleSizes, formatBundleSizes, isWorkerChunk, kb, languageChunks } from '../support/bundle-size';

const dist = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../dist');
const sizes = bundleSizes(dist);
console.log(`\nBundle sizes (${dist}):\n${formatBundleSizes(sizes).join('\n')}\n`);

const entry = `entry + static imports ${kb(sizes.initialGzip)} KB + largest language ${kb(sizes.languageGzip)} KB gzip`;
const precache = `precached JavaScript: ${kb(sizes.precacheGzip)} KB gzip`;

test('every chunk the page needs at start is precached for offline use', () => {
  expect(sizes.chunks.filter((c) => c.initial && !c.precached).map((c) => c.file)).toEqual([]);
});

// Dexie lives in the compute worker only (the page asks the worker), the tabs and each language's messages load when
// needed, and the page imports no model code.
test(`the page's JavaScript before it works, with its language's messages, is at most ${BUDGET.entryKb} KB gzip`, () => {
  expect(sizes.startGzip / 1000, entry).toBeLessThanOrEqual(BUDGET.entryKb);
  // Every language is a chunk of its own: none of the three catalogues rides in the page's first chunks.
  expect(sizes.chunks.filter((c) => c.initial && languageChunks(dist).includes(c.file)).map((c) => c.file)).toEqual([]);
});

test(`the compute worker is at most ${BUDGET.workerKb} KB gzip, and every other part loaded on demand at most ${BUDGET.lazyChunkKb} KB`, () => {
  const lazy = sizes.chunks.filter((c) => !c.initial);
  const worker = lazy.filter((c) => isWorkerChunk(c.file));
  expect(worker.length, 'one compute worker script').toBe(1);
  // The worker's script and the chunks it imports statically: what starting it downloads.
  expect(sizes.workerGzip / 1000, `${sizes.workerFiles.join(' + ')}: ${kb(sizes.workerGzip)} KB gzip`).toBeLessThanOrEqual(BUDGET.workerKb);
  const over = lazy.filter((c) => !sizes.workerFiles.includes(c.file) && c.gzip > BUDGET.lazyChunkKb * 1000).map((c) => `${c.file} ${kb(c.gzip)} KB`);
  expect(over).toEqual([]);
});

// The workers are one script (the fit worker and the second-half reader are copies of the compute worker), so the
// import engine and the models are precached once.
test(`all JavaScript the service worker precaches is at most ${BUDGET.precacheKb} KB gzip`, () => {
  expect(sizes.precacheGzip / 1000, precache).toBeLessThanOrEqual(BUDGET.precacheKb);
});
