import { test, expect, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { overlappingChartText, PHONE, phonePage, settle, sidewaysOverflow, smallChartText } from './phone';
import { tempDir } from '../support/temp-dir';

/** Files the tests write, removed when the file's tests are done. */
const dir = tempDir('clv-e2e-', test.afterAll);

const here = fileURLToPath(new URL('.', import.meta.url));
const root = resolve(here, '../..');
const fixture = resolve(root, 'tests/fixtures/e2e/don-hang.csv');

/** Every request the page makes must go to the app's own origin. */
function watchRequests(page: Page): string[] {
  const foreign: string[] = [];
  page.on('request', (req) => {
    const url = new URL(req.url());
    if (!['localhost', '127.0.0.1'].includes(url.hostname) && !['data:', 'blob:'].includes(url.protocol)) foreign.push(req.url());
  });
  return foreign;
}

/** A CSV of `rows` purchases (customer, date, amount) over `customers` customers, written to the test's folder. */
function writePurchases(name: string, rows: number, customers: number): string {
  const path = join(dir(), name);
  const lines = ['customer,date,amount'];
  for (let i = 0; i < rows; i++) lines.push(`C${i % customers},2024-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')},${(i % 997) + 0.5}`);
  writeFileSync(path, lines.join('\n'));
  return path;
}

async function importFile(page: Page, path: string) {
  await page.getByTestId('import-file').setInputFiles(path);
  await expect(page.getByTestId('import-confirm')).toBeEnabled();
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('analysis-ready')).toBeVisible({ timeout: 30_000 });
}

test('imports a Vietnamese Excel export, shows its figures, keeps them after reload and offline', async ({ page, context }) => {
  const foreign = watchRequests(page);
  await page.goto('./');
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 20_000 });

  await page.getByTestId('import-file').setInputFiles(fixture);
  // The mapping step guessed the Vietnamese header names.
  await expect(page.getByTestId('map-customer')).toHaveValue('1');
  await expect(page.getByTestId('map-date')).toHaveValue('2');
  await expect(page.getByTestId('map-amount')).toHaveValue('3');
  await page.getByTestId('import-confirm').click();
  const dash = page.getByTestId('analysis-ready');
  await expect(dash).toBeVisible();
  // Hand-checked figures (tests/fixtures/e2e/README.md).
  await expect(dash).toContainText(/Customers\s*3\b/);
  await expect(dash).toContainText(/Rows read\s*9\b/);
  // How long the import took, from the stored record (it was lost on the way to the record until December 2026).
  await expect(dash.locator('.meta').first()).toContainText(/Imported 9 rows in \d+(\.\d+)? s/);
  await expect(page.getByTestId('kpi-rows')).toContainText('7 accepted · 2 rejected · 0 left out for their status');
  await expect(dash).toContainText(/₫\s?5,050,000|5,050,000\s?₫/);
  await expect(page.getByTestId('rejected-rows')).toContainText('D007;;16/03/2024');

  // The cohort heatmap: January 2024, month 1 = 1 of 2 customers.
  const cell = page.locator('[data-cell]').nth(1);
  await cell.focus();
  await expect(page.getByTestId('cohort-tooltip')).toContainText('1 of 2 customers bought (50%)');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('cohort-tooltip')).toContainText('month 2: 0 of 2');

  await page.reload();
  await expect(page.getByTestId('analysis-ready')).toContainText(/Customers\s*3\b/);

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('analysis-ready')).toContainText(/Customers\s*3\b/);
  await context.setOffline(false);
  expect(foreign).toEqual([]);
});

test('exported snapshot has the same dataset figures as npm run analyze --aggregate-only', async ({ page }) => {
  await page.goto('./');
  await importFile(page, fixture);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-snapshot').click()]);
  const exported = JSON.parse(readFileSync(await download.path(), 'utf8'));
  // The app shares aggregate-only snapshots (k = 5) unless the owner asks for the full backup.
  const cli = JSON.parse(execFileSync('npx', ['tsx', 'src/cli/analyze.ts', fixture, '--aggregate-only'], { cwd: root, encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } }));
  expect(exported.format).toBe('clv-snapshot');
  expect(exported.version).toBe(1);
  expect(exported.dataset).toEqual(cli.dataset);
  expect(exported.cohorts).toEqual(cli.cohorts);
  expect(exported.settings).toEqual(cli.settings);
  expect(exported.dataset).toMatchObject({ rowsRead: 9, rowsAccepted: 7, rowsRejected: 2, customers: 3, purchases: 6, refunds: 1, netRevenue: 5050000, firstDate: '2024-01-05', lastDate: '2024-04-02', currency: 'VND', aggregateOnly: true, k: 5 });
  // Both cohorts (2 and 1 customers) are under 5: suppressed; no customer id anywhere.
  expect(exported.cohorts.rows).toEqual([
    { cohort: '2024-01', customers: null, active: null, revenue: null, suppressed: true },
    { cohort: '2024-02', customers: null, active: null, revenue: null, suppressed: true },
  ]);
  expect(JSON.stringify(exported)).not.toMatch(/KH0\d/);
});

test('a large file, read offline in two halves by two workers, gives the same snapshot as npm run analyze', async ({ page, context }) => {
  test.setTimeout(120_000);
  // UCI Online Retail (45 MB, 541,909 rows): large enough to be split; its descriptions have quoted fields.
  const csv = join(dir(), 'online_retail.csv');
  writeFileSync(csv, gunzipSync(readFileSync(resolve(root, '../shared/data/online_retail/online_retail.csv.gz'))));
  await page.goto('./');
  // Offline: the second worker's code must come from the service worker's cache.
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 20_000 });
  await context.setOffline(true);
  await page.reload();
  await importFile(page, csv);
  const parts = await page.evaluate(async () => {
    const open = indexedDB.open('clv-studio');
    const db: IDBDatabase = await new Promise((ok, fail) => ((open.onsuccess = () => ok(open.result)), (open.onerror = () => fail(open.error))));
    const all: { timings: { parseParts: number } }[] = await new Promise((ok) => {
      const req = db.transaction('datasets').objectStore('datasets').getAll();
      req.onsuccess = () => ok(req.result);
    });
    db.close();
    return all.map((d) => d.timings.parseParts);
  });
  expect(parts).toEqual([2]);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-snapshot').click()]);
  const exported = JSON.parse(readFileSync(await download.path(), 'utf8'));
  const cli = JSON.parse(execFileSync('npx', ['tsx', 'src/cli/analyze.ts', csv, '--aggregate-only'], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, TZ: 'UTC' } }));
  expect(exported.dataset).toEqual(cli.dataset);
  expect(exported.cohorts).toEqual(cli.cohorts);
  // The counts in ../shared/data/README.md.
  expect(exported.dataset).toMatchObject({ rowsRead: 541_909, customers: 4_372 });
  await context.setOffline(false);
});

test('the app speaks Vietnamese and Thai, with numbers in the local style, and remembers the choice', async ({ page }) => {
  await page.goto('./');
  await page.getByTestId('language').selectOption('vi');
  await expect(page.getByRole('heading', { name: 'Nhập tệp đơn hàng' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
  await importFile(page, fixture);
  const dash = page.getByTestId('analysis-ready');
  await expect(dash).toContainText(/Khách hàng\s*3\b/);
  // vi-VN groups thousands with dots: 5.050.000 ₫.
  await expect(dash).toContainText(/5\.050\.000\s?₫/);
  // Reasons and formulas from the engine are in Vietnamese too, with the file's own column name filled in.
  await expect(page.getByTestId('rejected-rows')).toContainText('Mã khách hàng để trống (cột "Mã khách hàng")');
  await expect(page.getByTestId('clv-formulas')).toContainText('Doanh thu thuần trên mỗi khách hàng (trung bình)');
  await expect(page.getByTestId('clv-formulas')).not.toContainText('Gross margin');
  await page.reload();
  await expect(page.getByTestId('analysis-ready')).toContainText(/Khách hàng\s*3\b/);
  await page.getByTestId('language').selectOption('th');
  await expect(page.locator('html')).toHaveAttribute('lang', 'th');
  await expect(page.getByTestId('analysis-ready')).toContainText(/ลูกค้า\s*3\b/);
});

test('a Vietnamese browser gets Vietnamese from the first render (no English flash), online and offline', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'vi-VN' });
  const page = await context.newPage();
  // Record every text the app ever shows under #app, from before its first render.
  await page.addInitScript(() => {
    const seen: string[] = ((window as unknown as { seenTexts: string[] }).seenTexts = []);
    new MutationObserver(() => {
      const text = document.getElementById('app')?.textContent ?? '';
      if (text) seen.push(text);
    }).observe(document, { childList: true, subtree: true, characterData: true });
  });
  const englishShown = () => page.evaluate(() => (window as unknown as { seenTexts: string[] }).seenTexts.some((t) => t.includes('Import an orders file') || t.includes('Private: your data')));
  // What the page itself fetches (the service worker's precaching is not the page's).
  const fetched: string[] = [];
  page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  await page.goto('./');
  await expect(page.getByRole('heading', { name: 'Nhập tệp đơn hàng' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
  expect(await englishShown()).toBe(false);
  // Its own messages only: the Vietnamese chunk, not the English one as well.
  expect(fetched.filter((p) => /\/assets\/(en|vi|th)-[\w-]+\.js$/.test(p)).map((p) => p.replace(/.*\/assets\/(\w+)-.*/, '$1'))).toEqual(['vi']);
  // The Vietnamese messages are a chunk of their own: the service worker precaches it for offline use.
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 20_000 });
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Nhập tệp đơn hàng' })).toBeVisible();
  expect(await englishShown()).toBe(false);
  await context.close();
});

test('sample data gives a full dashboard in one click', async ({ page }) => {
  await page.goto('./');
  await page.getByTestId('import-sample').click();
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('analysis-ready')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('cohort-heatmap')).toBeVisible();
  expect(await page.locator('[data-cell]').count()).toBeGreaterThan(50);
});

test('a file that cannot be read gets one clear message, and nothing is stored', async ({ page }) => {
  const binary = join(dir(), 'photo.csv');
  writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 1, 2, 3, 0, 0, 0, 0]));
  await page.goto('./');
  await page.getByTestId('import-file').setInputFiles(binary);
  await expect(page.getByTestId('import-error')).toContainText('cannot be read');
  await expect(page.getByTestId('analysis-ready')).toHaveCount(0);
});

test('the progress bar moves by transform only, so an import does not lay out the page on every frame', async ({ page }) => {
  // Large enough (about 30 MB) that its reading, begun at the pick, is still going when Import is clicked.
  const file = writePurchases('moving.csv', 1_200_000, 40_000);
  await page.goto('./');
  // Every frame, the properties that running animations and transitions change (a CSS animation of width or margin
  // is laid out and painted by the page's thread on each frame; one of transform runs on the compositor). Watched from
  // before the file is picked, so that Import is clicked as soon as it can be: the file is read from the pick on
  // (workers/parse-ahead.ts), and a click that came once that reading had ended would show no reading progress (once
  // in six runs with a 10 MB file).
  await page.evaluate(() => {
    const seen = new Set<string>();
    const details = new Set<string>();
    Object.assign(window, { animatedProperties: seen, progressDetails: details });
    const sample = () => {
      const detail = document.querySelector('[data-testid="import-progress"] .detail')?.textContent;
      if (detail) details.add(detail);
      for (const a of document.getAnimations()) {
        if (a instanceof CSSTransition) seen.add(a.transitionProperty);
        else for (const k of (a.effect as KeyframeEffect).getKeyframes()) for (const p of Object.keys(k)) if (!['offset', 'computedOffset', 'easing', 'composite'].includes(p)) seen.add(p);
      }
      if (!document.querySelector('[data-testid="analysis-ready"]')) requestAnimationFrame(sample);
    };
    requestAnimationFrame(sample);
  });
  await page.getByTestId('import-file').setInputFiles(file);
  await expect(page.getByTestId('import-confirm')).toBeEnabled();
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('import-progress')).toBeVisible();
  await expect(page.getByTestId('analysis-ready')).toBeVisible({ timeout: 60_000 });
  expect(await page.evaluate(() => [...(window as unknown as { animatedProperties: Set<string> }).animatedProperties])).toEqual(['transform']);
  // While reading, the detail gives rows, share and rate; once read (figures, save), only the rows read, not "0 rows/s".
  const details = await page.evaluate(() => [...(window as unknown as { progressDetails: Set<string> }).progressDetails]);
  expect(details.some((d) => /^[\d,]+ rows · \d+% · [\d,]+ rows\/s$/.test(d))).toBe(true);
  expect(details).toContain('1,200,000 rows read');
  expect(details.filter((d) => d.includes(' 0 rows/s'))).toEqual([]);
});

test('a long import shows progress and can be cancelled without leaving a half dataset', async ({ page }) => {
  const big = writePurchases('big.csv', 1_500_000, 50_000);
  await page.goto('./');
  await page.getByTestId('import-file').setInputFiles(big);
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('import-progress')).toBeVisible();
  await page.getByTestId('import-cancel').click();
  await expect(page.getByTestId('import-error')).toContainText('cancelled');
  const stored = await page.evaluate(async () => {
    const req = indexedDB.open('clv-studio');
    const db: IDBDatabase = await new Promise((ok, err) => { req.onsuccess = () => ok(req.result); req.onerror = () => err(req.error); });
    const count = (name: string) => new Promise<number>((ok) => { const r = db.transaction(name).objectStore(name).count(); r.onsuccess = () => ok(r.result); });
    const out = { datasets: await count('datasets'), chunks: await count('chunks') };
    db.close();
    return out;
  });
  expect(stored).toEqual({ datasets: 0, chunks: 0 });
});

test('installable: manifest and service worker pass Chromium checks', async ({ page }) => {
  await page.goto('./');
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 20_000 });
  const cdp = await page.context().newCDPSession(page);
  const manifest = await cdp.send('Page.getAppManifest');
  expect(manifest.errors).toEqual([]);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  expect(installabilityErrors.filter((e) => e.errorId !== 'in-incognito')).toEqual([]);
});

test('the History tab fits a 360 px phone screen in English, Vietnamese and Thai, with chart text of 11 px or more', async ({ browser }) => {
  test.setTimeout(180_000);
  // A plain 360-px viewport (no isMobile: with it Chromium widens the layout to the content and hides overflow).
  const page = await phonePage(browser, 'en');
  await page.goto('./');
  await importFile(page, resolve(root, '../shared/data/online_retail/online_retail.csv.gz'));
  await expect(page.getByTestId('customer-table')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('cohort-heatmap')).toBeVisible({ timeout: 30_000 });
  expect(await page.evaluate(() => window.innerWidth)).toBe(PHONE.width);
  for (const language of ['en', 'vi', 'th']) {
    await page.getByTestId('language').selectOption(language);
    await expect(page.locator('html')).toHaveAttribute('lang', language);
    await settle(page);
    expect(await sidewaysOverflow(page), `${language}: wider than the screen`).toEqual([]);
    expect(await smallChartText(page), `${language}: chart text under 11 px`).toEqual([]);
    expect(await overlappingChartText(page), `${language}: chart texts on top of each other`).toEqual([]);
  }
  // The keyboard reaches the last month of the oldest cohort (Dec 2010, month 12): the box scrolls it into view.
  await page.locator('[data-cell]').first().focus();
  await page.keyboard.press('End');
  await expect(page.locator('[data-cell]:focus')).toHaveAttribute('data-cell', '12');
  const focused = await page.locator('[data-cell]:focus').boundingBox();
  expect(focused!.x).toBeGreaterThanOrEqual(0);
  expect(focused!.x + focused!.width).toBeLessThanOrEqual(PHONE.width);
  // Weekly cohorts (54 weeks, 1,435 cells) and the log scale: the heatmap scrolls in its own box, the page does not.
  await page.getByTestId('cohort-period').selectOption('week');
  await expect(page.getByTestId('cohort-heatmap').locator('[data-cell]')).toHaveCount(1435);
  await page.getByTestId('log-scale').check();
  await settle(page);
  expect(await sidewaysOverflow(page), 'weekly cohorts, log scale: wider than the screen').toEqual([]);
  expect(await overlappingChartText(page), 'weekly cohorts, log scale: texts on top of each other').toEqual([]);
  await page.context().close();
});
