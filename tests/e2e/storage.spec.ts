/**
 * Storage under stress, in Chromium with its real IndexedDB: a full quota hit during an import (a smaller quota
 * forced through the DevTools protocol), a tab closed and a worker killed during an import, two tabs importing at
 * once, and a newer version of the database opened by another tab.
 */
import { test, expect, type Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from '../support/temp-dir';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const donHang = resolve(root, 'tests/fixtures/e2e/don-hang.csv');
const folder = tempDir('clv-storage-', test.afterAll);

/**
 * An orders file whose figures are known by construction: `rows` rows of `customers` customers (C0, C1, … in turn),
 * each an order of `amount` on one of 28 days of January 2024, so net revenue = rows × amount. With `amount` null,
 * customers and amounts are drawn from a seeded generator instead (data that does not compress away on disk).
 */
function ordersFile(name: string, rows: number, customers: number, amount: number | null): string {
  const lines = ['customer,date,amount'];
  let seed = 12345;
  const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
  for (let i = 0; i < rows; i++) {
    const who = amount === null ? next() % customers : i % customers;
    lines.push(`C${who},2024-01-${String((i % 28) + 1).padStart(2, '0')},${amount ?? (next() % 100_000) / 100}`);
  }
  const path = join(folder(), name);
  writeFileSync(path, lines.join('\n'));
  return path;
}

async function importFile(page: Page, path: string) {
  await page.getByTestId('import-file').setInputFiles(path);
  await expect(page.getByTestId('import-confirm')).toBeEnabled();
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('analysis-ready')).toBeVisible({ timeout: 60_000 });
}

async function storedNames(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const db: IDBDatabase = await new Promise((ok, fail) => { const r = indexedDB.open('clv-studio'); r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
    const rows: { name: string; chunkCount: number }[] = await new Promise((ok) => { const r = db.transaction('datasets').objectStore('datasets').getAll(); r.onsuccess = () => ok(r.result); });
    const chunks: number = await new Promise((ok) => { const r = db.transaction('chunks').objectStore('chunks').count(); r.onsuccess = () => ok(r.result); });
    db.close();
    return [...rows.map((d) => `${d.name}:${d.chunkCount}`), `chunks:${chunks}`];
  });
}

/**
 * Import a file and stop its worker the moment its save has begun: the progress says so, or (the save now running
 * behind the dashboard) the dashboard says it is saving. Watched from inside the page, every frame, so that the save
 * is still writing when the worker goes.
 */
async function killWorkerWhileSaving(page: Page, path: string) {
  await page.getByTestId('import-file').setInputFiles(path);
  await expect(page.getByTestId('import-confirm')).toBeEnabled();
  await page.evaluate(() => {
    const w = window as unknown as { clvKillWorker(): void; killedWhen?: string };
    const look = () => {
      const saving = document.querySelector('[data-testid="import-progress"]')?.textContent?.includes('Saving on this device') ? 'progress' : document.querySelector('[data-testid="dataset-saving"]') ? 'dashboard' : null;
      if (!saving) return void requestAnimationFrame(look);
      w.clvKillWorker();
      w.killedWhen = saving;
    };
    requestAnimationFrame(look);
  });
  await page.getByTestId('import-confirm').click();
  await page.waitForFunction(() => (window as unknown as { killedWhen?: string }).killedWhen !== undefined, undefined, { timeout: 60_000 });
}

test('a full storage quota during an import: one sentence, nothing of the file stored, the stored dataset intact; with room again it imports', async ({ page, context }) => {
  await page.goto('./');
  // The service worker's copy of the app counts against the quota too: measured once it is stored.
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 20_000 });
  await expect.poll(async () => (await page.evaluate(() => navigator.storage.estimate())).usage, { timeout: 20_000 }).toBeGreaterThan(1_000_000);
  const cdp = await context.newCDPSession(page);
  const origin = new URL(page.url()).origin;
  const { usage } = await page.evaluate(() => navigator.storage.estimate());
  // 300 KB more than this site uses now (set before IndexedDB writes anything): room for a small file, not for a
  // file of 60,000 orders (770 KB once stored, since the rows' lines, order codes and 32-bit days went and its amounts
  // of two decimals are kept as cents in 32 bits).
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: usage! + 300_000 });
  await importFile(page, donHang);
  const big = ordersFile('too-big.csv', 60_000, 20_000, null);
  await page.getByTestId('new-import').click();
  await page.getByTestId('import-file').setInputFiles(big);
  await page.getByTestId('import-confirm').click();
  const error = page.getByTestId('import-error');
  await expect(error).toContainText(/^Storing this file needs about [\d.,]+ (KB|MB), .*so nothing of the file was saved and your stored datasets are intact: delete a dataset you no longer need, or free space on this device, then import again\.$/, { timeout: 30_000 });
  await expect(error).not.toContainText('Something went wrong');
  await expect(error).not.toContainText('QuotaExceededError');
  // Nothing of the file was stored; the earlier dataset is whole and opens with its hand-checked figures.
  expect(await storedNames(page)).toEqual(['don-hang.csv:1', 'chunks:1']);
  await page.getByRole('button', { name: 'don-hang.csv 7 rows' }).click();
  await expect(page.getByTestId('kpi-customers')).toContainText('3');
  await expect(page.getByTestId('analysis-ready')).toContainText(/5,050,000/);

  // The quota back to the browser's own: the same file imports whole.
  await cdp.send('Storage.overrideQuotaForOrigin', { origin });
  await importFileAgain(page, big);
  await expect(page.getByTestId('kpi-rows')).toContainText('60,000 accepted');
  expect((await storedNames(page)).sort()).toEqual(['chunks:2', 'don-hang.csv:1', 'too-big.csv:1']);
});

async function importFileAgain(page: Page, path: string) {
  await page.getByTestId('new-import').click();
  await importFile(page, path);
}

test('a large import shows its dashboard while it saves, says so, then says it is stored; the dataset is whole', async ({ page }) => {
  await page.goto('./');
  const path = ordersFile('shown-while-saving.csv', 1_500_000, 400_000, null);
  await page.getByTestId('import-file').setInputFiles(path);
  await expect(page.getByTestId('import-confirm')).toBeEnabled();
  // What the page showed, in order: the saving note (with the dashboard's figures on screen), then the import's time.
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { seen: string[] }).seen = seen;
    new MutationObserver(() => {
      const saving = document.querySelector('[data-testid="dataset-saving"]');
      const customers = document.querySelector('[data-testid="kpi-customers"]')?.textContent?.replace(/\s+/g, ' ').trim();
      if (saving && !seen.includes('saving')) seen.push('saving');
      if (saving && customers && !seen.some((s) => s.startsWith('figures'))) seen.push(`figures: ${customers}`);
      if (document.querySelector('[data-testid="dataset-imported-in"]') && !seen.includes('stored')) seen.push('stored');
      const listed = [...document.querySelectorAll('nav.datasets li')].find((li) => li.textContent?.includes('shown-while-saving.csv'));
      if (listed?.textContent?.includes('Saving to this device')) (window as unknown as { listedSaving: boolean }).listedSaving = true;
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
  });
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('dataset-imported-in')).toBeVisible({ timeout: 60_000 });
  const seen = await page.evaluate(() => (window as unknown as { seen: string[] }).seen);
  // The customers counted on screen while saving: as many as ordersFile's generator drew (counted here the same way).
  const drawn = new Set<number>();
  let seed = 12345;
  const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
  for (let i = 0; i < 1_500_000; i++) drawn.add(next() % 400_000) && next();
  expect(drawn.size).toBe(199_897);
  expect(seen).toEqual(['saving', expect.stringMatching(/^figures: Customers 199,897 /), 'stored']);
  // The list of datasets said so too, and no longer does.
  expect(await page.evaluate(() => (window as unknown as { listedSaving?: boolean }).listedSaving)).toBe(true);
  await expect(page.getByRole('button', { name: 'shown-while-saving.csv 1,500,000 rows' })).toBeVisible();
  await expect(page.getByTestId('dataset-saving')).toHaveCount(0);
  // 1,500,000 rows in chunks of 65,536: 23, all stored with the record.
  expect(await storedNames(page)).toEqual(['shown-while-saving.csv:23', 'chunks:23']);
  await expect(page.getByTestId('kpi-rows')).toContainText('1,500,000 accepted');
});

test('a tab closed during its import: the next open says so, nothing of it is stored, the other dataset is untouched', async ({ context }) => {
  const page = await context.newPage();
  await page.goto('./');
  await importFile(page, donHang);
  await page.getByTestId('new-import').click();
  // Closed while the file is read (a closed tab's worker may live on long enough to finish a save already begun: the
  // dataset is then stored whole, and the next open has nothing to say).
  await page.getByTestId('import-file').setInputFiles(ordersFile('closed-tab.csv', 400_000, 5000, 3));
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('import-progress')).toBeVisible();
  await page.close();

  const next = await context.newPage();
  await next.goto('./');
  const notice = next.getByTestId('import-interrupted');
  await expect(notice).toContainText('The import of “closed-tab.csv” did not finish: its tab was closed or its work was stopped while it ran. Nothing of it was saved and your other datasets are untouched');
  expect(await storedNames(next)).toEqual(['don-hang.csv:1', 'chunks:1']);
  await notice.getByRole('button', { name: 'Dismiss' }).click();
  await expect(notice).toHaveCount(0);
  // Said once: the next visit opens as usual on the stored dataset.
  await next.reload();
  await expect(next.getByTestId('analysis-ready')).toContainText(/5,050,000/);
  await expect(next.getByTestId('import-interrupted')).toHaveCount(0);
});

test('a worker killed while its import saves: the page says so at once, nothing of it is stored, the other dataset is untouched', async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem('clv.testHooks', '1'));
  await page.goto('./');
  await importFile(page, donHang);
  await page.getByTestId('new-import').click();
  await killWorkerWhileSaving(page, ordersFile('killed-worker.csv', 1_000_000, 5000, 3));
  const error = page.getByTestId('import-error');
  await expect(error).toContainText('The import of “killed-worker.csv” stopped before it finished: the browser stopped its work (often for lack of memory). Nothing of it was saved and your other datasets are untouched; reload the page to go on.', { timeout: 15_000 });
  expect(await storedNames(page)).toEqual(['don-hang.csv:1', 'chunks:1']);
  await error.getByRole('button', { name: 'Reload' }).click();
  await expect(page.getByTestId('analysis-ready')).toContainText(/5,050,000/);
  // Already told: no notice of it on the next open.
  await expect(page.getByTestId('import-interrupted')).toHaveCount(0);
});

test('a worker killed during a summary import: the page says so instead of waiting, nothing of it is stored', async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem('clv.testHooks', '1'));
  await page.goto('./');
  await importFile(page, donHang);
  await page.getByTestId('new-import').click();
  // 800,000 customers (about 27 MB): long enough to read that the worker can be stopped while it does.
  const file = join(folder(), 'big-summary.csv');
  const lines = ['customer_id,frequency,recency,T'];
  for (let i = 0; i < 800_000; i++) lines.push(`C${i},${i % 5},${(i % 5) * 10},${60 + (i % 30)}`);
  writeFileSync(file, lines.join('\n'));
  await page.getByTestId('import-file').setInputFiles(file);
  await page.getByTestId('summary-import').click();
  await expect(page.getByTestId('import-working')).toBeVisible();
  // Stopped once its worker holds the import's lock (it is reading the file).
  await page.waitForFunction(async () => (await navigator.locks.query()).held?.some((l) => l.name?.startsWith('clv-import-')) ?? false);
  await page.evaluate(() => (globalThis as unknown as { clvKillWorker(): void }).clvKillWorker());
  const error = page.getByTestId('import-error');
  await expect(error).toContainText('The import of “big-summary.csv” stopped before it finished', { timeout: 15_000 });
  expect(await storedNames(page)).toEqual(['don-hang.csv:1', 'chunks:1']);
});

test('two tabs importing two files at the same time both finish, each with its own figures', async ({ context }) => {
  const a = await context.newPage();
  const b = await context.newPage();
  await Promise.all([a.goto('./'), b.goto('./')]);
  // Shop A: 200,000 orders of 10 by 1,000 customers = 2,000,000; shop B: 150,000 orders of 7 by 500 = 1,050,000.
  const fileA = ordersFile('shop-a.csv', 200_000, 1000, 10);
  const fileB = ordersFile('shop-b.csv', 150_000, 500, 7);
  await a.getByTestId('import-file').setInputFiles(fileA);
  await b.getByTestId('import-file').setInputFiles(fileB);
  await expect(a.getByTestId('import-confirm')).toBeEnabled();
  await expect(b.getByTestId('import-confirm')).toBeEnabled();
  // Both clicked in the same moment (Playwright's own clicks wait for each other's page to settle).
  const click = (page: Page) => page.evaluate(() => (document.querySelector('[data-testid="import-confirm"]') as HTMLButtonElement).click());
  await Promise.all([click(a), click(b)]);
  await Promise.all([expect(a.getByTestId('analysis-ready')).toBeVisible({ timeout: 60_000 }), expect(b.getByTestId('analysis-ready')).toBeVisible({ timeout: 60_000 })]);
  await expect(a.getByTestId('kpi-customers')).toContainText('1,000');
  await expect(a.getByTestId('kpi-net-revenue')).toContainText('2,000,000');
  await expect(a.getByTestId('kpi-purchases')).toContainText('200,000');
  await expect(b.getByTestId('kpi-customers')).toContainText('500');
  await expect(b.getByTestId('kpi-net-revenue')).toContainText('1,050,000');
  await expect(b.getByTestId('kpi-purchases')).toContainText('150,000');
  // Each tab lists both; the stored data is two whole datasets (4 + 3 chunks of 65,536 rows), nothing else.
  expect((await storedNames(a)).sort()).toEqual(['chunks:7', 'shop-a.csv:4', 'shop-b.csv:3']);
  await expect(a.getByRole('button', { name: 'shop-b.csv 150,000 rows' })).toBeVisible();
  // The two imports ran at the same time: each began (its save time ended minus its total time) before the other
  // ended.
  const spans = await a.evaluate(async () => {
    const db: IDBDatabase = await new Promise((ok) => { const r = indexedDB.open('clv-studio'); r.onsuccess = () => ok(r.result); });
    const rows: { createdAt: number; timings: { saveMs: number; totalMs: number } }[] = await new Promise((ok) => { const r = db.transaction('datasets').objectStore('datasets').getAll(); r.onsuccess = () => ok(r.result); });
    db.close();
    return rows.map((d) => [d.createdAt + d.timings.saveMs - d.timings.totalMs, d.createdAt + d.timings.saveMs]);
  });
  expect(spans[0][0] < spans[1][1] && spans[1][0] < spans[0][1], JSON.stringify(spans)).toBe(true);
  await b.getByRole('button', { name: 'shop-a.csv 200,000 rows' }).click();
  await expect(b.getByTestId('kpi-net-revenue')).toContainText('2,000,000');
});

test('a newer version of the database opened in another tab is not blocked, and the old tab says to reload', async ({ context }) => {
  const old = await context.newPage();
  await old.goto('./');
  await importFile(old, donHang);
  const newer = await context.newPage();
  await newer.goto('about:blank');
  await newer.goto(old.url());
  // As the next app version would: open the database at a higher version (Dexie's version 10 is IndexedDB's 100).
  const opened = await newer.evaluate(() => new Promise<string>((done) => {
    const r = indexedDB.open('clv-studio', 100);
    r.onblocked = () => done('blocked');
    r.onsuccess = () => { const v = r.result.version; r.result.close(); done(`opened ${v}`); };
    r.onerror = () => done(`error ${r.error?.name}`);
  }));
  expect(opened).toBe('opened 100');
  const banner = old.getByTestId('newer-version');
  await expect(banner).toContainText('A newer version of CLV Studio was opened in another tab, so this tab no longer reads the stored data: reload it to go on (your data is kept).');
  await expect(banner.getByRole('button', { name: 'Reload' })).toBeVisible();
});
