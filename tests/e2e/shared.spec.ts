/**
 * Opening shared snapshots: a file exported from the sample opened in another browser that is offline, the same
 * through a link and through the share target, hostile files, a phone screen and axe.
 */
import { test, expect, type Browser, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { axeViolations } from './axe';
import { encodeSnapshotLink } from '../../src/core/snapshot/link';
import { PHONE, phonePage, settle, sidewaysOverflow } from './phone';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const KEY_FIGURES = ['kpi-customers', 'kpi-net-revenue', 'kpi-purchases', 'kpi-refunds', 'kpi-aov', 'kpi-frequency', 'kpi-repeat', 'kpi-lifespan', 'kpi-clv'];

async function installed(page: Page) {
  await page.goto('./');
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 20_000 });
}

async function sampleDashboard(page: Page) {
  await page.getByTestId('import-sample').click();
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('analysis-ready')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('kpi-aov')).toBeVisible({ timeout: 30_000 });
}

/** The value line of each key figure card inside `scope`. */
async function keyFigures(page: Page, scope: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const id of KEY_FIGURES) out[id] = (await page.getByTestId(scope).getByTestId(id).locator('.value').innerText()).trim();
  // The refunds card's line under its amount: how many, and their share of sales.
  out.refundsNote = (await page.getByTestId(scope).getByTestId('kpi-refunds').locator('.note').innerText()).trim();
  return out;
}

/** How each kept snapshot came, as IndexedDB holds it. */
async function storedOrigins(page: Page): Promise<unknown[]> {
  return page.evaluate(async () => {
    const open = indexedDB.open('clv-studio');
    const db: IDBDatabase = await new Promise((ok, fail) => ((open.onsuccess = () => ok(open.result)), (open.onerror = () => fail(open.error))));
    const all: { origin: unknown }[] = await new Promise((ok) => {
      const req = db.transaction('shared').objectStore('shared').getAll();
      req.onsuccess = () => ok(req.result);
    });
    db.close();
    return all.map((r) => r.origin);
  });
}

async function exportSnapshot(page: Page): Promise<Buffer> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-snapshot').click()]);
  return readFileSync(await download.path());
}

/** A fresh browser context with the app installed, then cut off from the network. */
async function offlineApp(browser: Browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await installed(page);
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('import-file')).toBeAttached();
  return { context, page };
}

test('a snapshot exported from the sample opens in a fresh browser that is offline, with the same key figures, and stays listed', async ({ page, browser }) => {
  test.setTimeout(120_000);
  await installed(page);
  await sampleDashboard(page);
  const sent = await keyFigures(page, 'analysis-ready');
  const file = await exportSnapshot(page);

  const { context, page: other } = await offlineApp(browser);
  await other.getByTestId('import-file').setInputFiles({ name: 'sample-shop.clv.json', mimeType: 'application/json', buffer: file });
  const view = other.getByTestId('shared-snapshot');
  await expect(view).toBeVisible();
  expect(await keyFigures(other, 'shared-snapshot')).toEqual(sent);
  await expect(view.getByRole('heading', { level: 2 })).toHaveText('sample-shop.csv');
  await expect(view.getByTestId('cohort-heatmap')).toBeVisible();
  // Months in which fewer than 5 customers of a shown cohort bought travel without their revenue, and say so.
  const json = JSON.parse(file.toString('utf8')) as { cohorts: { rows: { revenue: (number | null)[] | null }[] } };
  const hiddenCells = json.cohorts.rows.reduce((n, r) => n + (r.revenue?.filter((v) => v === null).length ?? 0), 0);
  expect(hiddenCells).toBeGreaterThan(0);
  await expect(view.getByTestId('shared-cells-suppressed')).toHaveText(`In ${hiddenCells} periods the revenue is shown as –: fewer than 5 customers bought then.`);
  await expect(view.getByTestId('clv-formulas')).toBeVisible();
  // No edit controls: no settings, no export, no rename.
  await expect(view.locator('input:not([type=checkbox]), [data-testid=export-snapshot], [data-testid=share-link]')).toHaveCount(0);
  // The sample was not fitted: the forecast says what the sender left out; segments are in the snapshot.
  await view.getByTestId('shared-tab-forecast').click();
  await expect(view).toContainText('The sender did not include the forecast.');
  await view.getByTestId('shared-tab-segments').click();
  await expect(view.getByTestId('shared-segments')).toBeVisible();
  await expect(view).toContainText('The sender did not include survey answers (NPS).');
  // Listed as a shared snapshot with its origin, and still there after a reload, offline.
  await expect(other.getByTestId('shared-entry')).toContainText('sample-shop.clv.json');
  await expect(other.getByTestId('shared-badge')).toHaveText('Shared snapshot');
  await other.reload();
  await other.getByTestId('shared-entry').getByRole('button').first().click();
  expect(await keyFigures(other, 'shared-snapshot')).toEqual(sent);
  // Deleted: gone from the list and the screen.
  other.once('dialog', (d) => d.accept());
  await other.getByTestId('shared-delete').click();
  await expect(other.getByTestId('shared-entry')).toHaveCount(0);
  await expect(other.getByTestId('shared-snapshot')).toHaveCount(0);
  await context.close();
});

/** A small shop with two broken lines (a date that is not one, a missing customer), for the backup test. */
function shopWithBrokenLines(): string {
  const lines = ['Order ID,Customer,Date,Total'];
  let order = 1000;
  for (let c = 1; c <= 14; c++) {
    for (let k = 0; k < 1 + (c % 4); k++) {
      const month = 1 + ((c + 2 * k) % 6);
      lines.push(`${order++},C${String(c).padStart(2, '0')},2026-${String(month).padStart(2, '0')}-${String(1 + ((c * 3 + k) % 27)).padStart(2, '0')},${(12.5 * c + 7 * k).toFixed(2)}`);
    }
  }
  lines.push(`${order++},C03,the 5th of May,20.00`);
  lines.push(`${order++},,2026-03-04,15.00`);
  return lines.join('\n') + '\n';
}

/** The cohort table as text, from the chart's table view inside `scope`. */
async function cohortTable(page: Page, scope: string): Promise<string> {
  const section = page.getByTestId(scope).getByTestId('cohort-section');
  await section.getByRole('button', { name: 'View as table' }).click();
  const text = (await section.locator('table').innerText()).trim();
  await section.getByRole('button', { name: 'View as chart' }).click();
  return text;
}

test('a full backup re-imported gives the dataset’s figures: key figures, every cohort, the broken lines with their text', async ({ page, browser }) => {
  test.setTimeout(120_000);
  await installed(page);
  await page.getByTestId('import-file').setInputFiles({ name: 'small-shop.csv', mimeType: 'text/csv', buffer: Buffer.from(shopWithBrokenLines()) });
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('kpi-aov')).toBeVisible({ timeout: 30_000 });
  const figures = await keyFigures(page, 'analysis-ready');
  expect(figures['kpi-customers']).toBe('14');
  const cohorts = await cohortTable(page, 'analysis-ready');

  await page.getByTestId('export-options').click();
  await page.getByTestId('export-backup').check();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-save').click()]);
  const file = readFileSync((await download.path())!);

  const { context, page: other } = await offlineApp(browser);
  await other.getByTestId('import-file').setInputFiles({ name: download.suggestedFilename(), mimeType: 'application/json', buffer: file });
  await expect(other.getByTestId('shared-snapshot')).toBeVisible();
  expect(await keyFigures(other, 'shared-snapshot')).toEqual(figures);
  // Every cohort of six months of 14 customers is under k = 5 somewhere: a shared file would hide some; the backup none.
  await expect(other.getByTestId('shared-cohorts-suppressed')).toHaveCount(0);
  expect(await cohortTable(other, 'shared-snapshot')).toBe(cohorts);
  // The broken lines come back with their line numbers and their own text.
  const rejected = other.getByTestId('shared-snapshot').getByTestId('rejected-rows');
  await expect(rejected).toContainText('Rejected rows: 2');
  await rejected.getByTestId('shared-rejected-examples').first().locator('summary').click();
  await expect(rejected).toContainText('the 5th of May');
  await context.close();
});

test('the same through a link: copied from the dashboard, opened offline in another browser, on load and in an open app', async ({ page, browser, context: first }) => {
  test.setTimeout(120_000);
  await first.grantPermissions(['clipboard-read', 'clipboard-write']);
  await installed(page);
  await sampleDashboard(page);
  const sent = await keyFigures(page, 'analysis-ready');
  await page.getByTestId('share-link').click();
  const url = await page.getByTestId('share-link-url').inputValue();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
  expect(url).toMatch(/#s=[A-Za-z0-9_-]+$/);
  console.log(`sample shop's link: ${url.length} characters`);
  expect(url.length).toBeLessThan(32 * 1024);

  const { context, page: other } = await offlineApp(browser);
  // On load, in a new tab of the installed app.
  const tab = await context.newPage();
  await tab.goto(url);
  await expect(tab.getByTestId('shared-snapshot')).toBeVisible();
  expect(await keyFigures(tab, 'shared-snapshot')).toEqual(sent);
  expect(new URL(tab.url()).hash).toBe('');
  await expect(tab.getByTestId('shared-entry')).toContainText('From a link');
  // In an app already open: the fragment changes.
  await other.evaluate((u) => (location.hash = new URL(u).hash), url);
  await expect(other.getByTestId('shared-snapshot')).toBeVisible();
  // The same link twice is one entry.
  await expect(other.getByTestId('shared-entry')).toHaveCount(1);
  // A broken link says so.
  await other.evaluate(() => (location.hash = '#s=AAAA'));
  await expect(other.getByTestId('import-error')).toContainText('This snapshot cannot be opened: the link is broken');
  await context.close();
});

test('the share target: a file POSTed by the share sheet reaches the service worker, and the page opens it', async ({ page, browser }) => {
  test.setTimeout(120_000);
  await installed(page);
  await sampleDashboard(page);
  const file = await exportSnapshot(page);
  const manifest = await (await page.request.get('./manifest.webmanifest')).json();
  expect(manifest.file_handlers).toEqual([{ action: './', accept: { 'application/json': ['.json'] } }]);
  expect(manifest.share_target).toMatchObject({ action: './share-target', method: 'POST', enctype: 'multipart/form-data' });

  const { context, page: other } = await offlineApp(browser);
  const landed = await other.evaluate(async (text) => {
    const form = new FormData();
    form.append('snapshot', new File([text], 'from-phone.clv.json', { type: 'application/json' }));
    // The share sheet navigates; a fetch sees the service worker's redirect (a navigation then gets index.html).
    const res = await fetch('./share-target', { method: 'POST', body: form, redirect: 'manual' });
    return res.type;
  }, file.toString('utf8'));
  expect(landed).toBe('opaqueredirect');
  await other.goto('./?shared=1');
  await expect(other.getByTestId('shared-snapshot')).toBeVisible();
  await expect(other.getByTestId('shared-entry')).toContainText('from-phone.clv.json');
  expect(await storedOrigins(other)).toEqual([{ kind: 'share', fileName: 'from-phone.clv.json' }]);
  expect(new URL(other.url()).search).toBe('');
  // A link shared as text (a chat app shares text, not files) opens too.
  const link = await encodeSnapshotLink(JSON.parse(readFileSync(resolve(root, 'tests/fixtures/e2e/don-hang.clv.json'), 'utf8')));
  if (!link.ok) throw new Error('link too long');
  const type = await other.evaluate(async (text) => {
    const form = new FormData();
    form.append('text', text);
    return (await fetch('./share-target', { method: 'POST', body: form, redirect: 'manual' })).type;
  }, `Our customers, see https://example.org/clv/#${link.fragment} (offline works)`);
  expect(type).toBe('opaqueredirect');
  await other.goto('./?shared=1');
  await expect(other.getByTestId('shared-snapshot').getByRole('heading', { level: 2 })).toHaveText('don-hang.csv');
  await expect(other.getByTestId('shared-entry').filter({ hasText: 'From a link' })).toHaveCount(1);
  await context.close();
});

test('a file the operating system launches the installed app with (Launch Queue) opens as a shared snapshot', async ({ page }) => {
  // Chromium hands launched files to the consumer the page sets; here a stand-in queue plays the operating system.
  await page.addInitScript(() => {
    Object.defineProperty(window, 'launchQueue', {
      configurable: true,
      value: { setConsumer: (consumer: unknown) => ((window as unknown as { launchConsumer: unknown }).launchConsumer = consumer) },
    });
  });
  await installed(page);
  await page.waitForFunction(() => 'launchConsumer' in window);
  const text = readFileSync(resolve(root, 'tests/fixtures/e2e/don-hang.clv.json'), 'utf8');
  await page.evaluate((t) => {
    const consumer = (window as unknown as { launchConsumer: (p: { files: { kind: string; getFile(): Promise<File> }[] }) => void }).launchConsumer;
    consumer({ files: [{ kind: 'file', getFile: async () => new File([t], 'launched.clv.json', { type: 'application/json' }) }] });
  }, text);
  await expect(page.getByTestId('shared-snapshot')).toBeVisible();
  await expect(page.getByTestId('shared-snapshot').getByTestId('kpi-customers')).toContainText('3');
  await expect(page.getByTestId('shared-entry')).toContainText('launched.clv.json');
  expect(await storedOrigins(page)).toEqual([{ kind: 'launch', fileName: 'launched.clv.json' }]);
});

test('hostile snapshots: HTML shows as text, __proto__ pollutes nothing, broken ones are refused with one sentence', async ({ page }) => {
  await installed(page);
  const snapshot = JSON.parse(readFileSync(resolve(root, 'tests/fixtures/e2e/don-hang.clv.json'), 'utf8'));
  const evil = '<img src=x onerror="window.pwned=1">';
  snapshot.dataset.name = `${evil}.csv`;
  snapshot.dataset.rejected[0].reason = `<script>window.pwned=2</script>`;
  const text = JSON.stringify(snapshot).replace('"dataset":{', '"__proto__":{"polluted":1},"dataset":{"constructor":{"prototype":{"polluted":1}},');
  const drop = async (content: string, name: string) => {
    const transfer = await page.evaluateHandle(([c, n]) => {
      const dt = new DataTransfer();
      dt.items.add(new File([c], n, { type: 'application/json' }));
      return dt;
    }, [content, name]);
    await page.locator('main').dispatchEvent('drop', { dataTransfer: transfer });
  };
  await drop(text, 'evil.clv.json');
  const error = page.getByTestId('import-error');
  const view = page.getByTestId('shared-snapshot');
  // The unknown keys are left out (restore copies no key of the input), the name is shown as written.
  await expect(view).toBeVisible();
  await expect(view.getByRole('heading', { level: 2 })).toHaveText(`${evil}.csv`);
  await expect(view).toContainText('2 fields this app does not know were left out.');
  await expect(page.locator('img[src=x]')).toHaveCount(0);
  await expect(view.getByTestId('rejected-rows')).toContainText('<script>window.pwned=2</script>');
  await expect(page.getByTestId('shared-entry')).toContainText(`${evil}.csv`);
  expect(await page.evaluate(() => [(window as { pwned?: number }).pwned, ({} as { polluted?: number }).polluted])).toEqual([undefined, undefined]);

  await page.getByTestId('new-import').click();
  for (const [content, sentence] of [
    ['{"format":"clv-snapshot","version":1,', 'This snapshot cannot be opened: the file is not a snapshot: it is not valid JSON, or it was cut short.'],
    ['{"format":"clv-snapshot","version":7}', 'This snapshot cannot be opened: it was made by a newer version of CLV Studio; update the app to open it.'],
    ['{"type":"excalidraw"}', 'This snapshot cannot be opened: this is not a CLV Studio snapshot'],
    [JSON.stringify({ ...snapshot, dataset: { ...snapshot.dataset, customers: 1e300 } }), 'This snapshot cannot be opened: a part of it is not valid (in English: dataset.customers'],
  ] as const) {
    await page.getByTestId('import-file').setInputFiles({ name: 'bad.clv.json', mimeType: 'application/json', buffer: Buffer.from(content) });
    await expect(error).toContainText(sentence);
  }
  // In the user's language.
  await page.getByTestId('language').selectOption('vi');
  await page.getByTestId('import-file').setInputFiles({ name: 'bad.clv.json', mimeType: 'application/json', buffer: Buffer.from('[1,2]') });
  await expect(error).toContainText('Không mở được ảnh chụp số liệu này');
});

test('an opened snapshot fits a 360 px screen in three languages (no sideways scroll), the share outcome too', async ({ browser }) => {
  test.setTimeout(120_000);
  const page = await phonePage(browser, 'en');
  await installed(page);
  await page.getByTestId('import-file').setInputFiles(resolve(root, 'tests/fixtures/e2e/don-hang.clv.json'));
  const view = page.getByTestId('shared-snapshot');
  await expect(view).toBeVisible();
  expect(await page.evaluate(() => window.innerWidth)).toBe(PHONE.width);
  for (const language of ['en', 'vi', 'th']) {
    await page.getByTestId('language').selectOption(language);
    await expect(page.locator('html')).toHaveAttribute('lang', language);
    for (const tab of ['history', 'forecast', 'segments']) {
      await view.getByTestId(`shared-tab-${tab}`).click();
      await settle(page);
      expect(await sidewaysOverflow(page), `${language} ${tab}: wider than the screen`).toEqual([]);
    }
  }
  // The dashboard with the share control's outcome (the link, shown to copy) fits too.
  await page.getByTestId('new-import').click();
  await sampleDashboard(page);
  await page.getByTestId('share-link').click();
  await expect(page.getByTestId('share-link-url')).toBeVisible();
  await settle(page);
  expect(await sidewaysOverflow(page), 'dashboard with the share link').toEqual([]);
  await page.context().close();
});

test.describe('accessibility', () => {
  test.use({ bypassCSP: true });
  test('the read-only view and the list have no axe-core violations', async ({ page }) => {
    await installed(page);
    await page.getByTestId('import-file').setInputFiles(resolve(root, 'tests/fixtures/e2e/don-hang.clv.json'));
    const view = page.getByTestId('shared-snapshot');
    await expect(view).toBeVisible();
    for (const tab of ['history', 'forecast', 'segments']) {
      await view.getByTestId(`shared-tab-${tab}`).click();
      expect(await axeViolations(page, root), tab).toEqual([]);
    }
  });
});
