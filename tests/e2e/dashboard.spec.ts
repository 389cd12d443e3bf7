/**
 * The historical dashboard on real data (CDNOW and UCI Online Retail, read from ../shared), its interactions,
 * and an axe-core accessibility check. Expected figures come from `npm run analyze` on the same files, whose
 * counts are checked against the data's README and the lifetimes references in the unit tests.
 */
import { test, expect, type Page } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { axeViolations } from './axe';
import { tempDir } from '../support/temp-dir';

/** Files the tests write, removed when the file's tests are done. */
const scratch = tempDir('clv-e2e-', test.afterAll);

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const cdnow = resolve(root, '../shared/data/cdnow/CDNOW_master.txt');
const retail = resolve(root, '../shared/data/online_retail/online_retail.csv.gz');

async function importFile(page: Page, path: string) {
  await page.goto('./');
  await page.getByTestId('import-file').setInputFiles(path);
  await expect(page.getByTestId('import-confirm')).toBeEnabled();
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('analysis-ready')).toBeVisible({ timeout: 45_000 });
  await expect(page.getByTestId('customer-table')).toBeVisible({ timeout: 20_000 });
}

const numberIn = async (page: Page, testid: string) => (await page.getByTestId(testid).locator('.value').innerText()).replace(/[^\d.]/g, '');

test('CDNOW: KPIs, concentration, a cohort cell with its exact count, and the customers behind it', async ({ page }) => {
  await importFile(page, cdnow);
  expect(await numberIn(page, 'kpi-customers')).toBe('23570');
  // Orders: without an order id, a customer's purchases on one day are one order; Σ (frequency + 1) of lifetimes'
  // summary of CDNOW_master is 67,591.
  expect(await numberIn(page, 'kpi-purchases')).toBe('67591');
  expect(await numberIn(page, 'kpi-net-revenue')).toBe('2500315.63');
  // Every one of the 23,570 customers bought (zero-amount orders are purchases): the top 10% are 2,357.
  await expect(page.getByTestId('concentration')).toContainText('Top 10% of customers (2,357) bring 50.9% of net revenue');
  // January 1997: 7,846 customers, 1,157 of them bought again in month 1.
  const cell = page.locator('[data-cell]').nth(1);
  await cell.focus();
  await expect(page.getByTestId('cohort-tooltip')).toContainText('month 1: 1,157 of 7,846 customers bought (14.7%)');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('cohort-members')).toContainText('Customers of Jan 1997 who bought in month 1: 1,157');
  // Any chart's table view downloads as CSV.
  await page.getByTestId('cohort-section').getByRole('button', { name: 'View as table' }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('cohort-section').getByTestId('table-download-csv').click()]);
  // Excel-friendly: a BOM and CRLF line ends.
  const csv = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '').split('\r\n');
  expect(csv[0]).toBe('Cohort,Customers,M0,M1,M2,M3,M4,M5,M6,M7,M8,M9,M10,M11,M12,M13,M14,M15,M16,M17');
  expect(csv[1]).toMatch(/^Jan 1997,"7,846",100%,14\.7%/);
  // The formula behind a KPI opens on request.
  await page.getByTestId('kpi-aov').getByText('How is this computed?').click();
  await expect(page.getByTestId('kpi-aov')).toContainText('orders');
});

test('Online Retail (gzip): quantity × price, the customer table sorts and filters', async ({ page }) => {
  await importFile(page, retail);
  // Buyers: the 4,338 of lifetimes' summary (price > 0) and customer 13256, whose only order is free (a zero-amount
  // order is a purchase); the customers with only cancellations are not counted.
  expect(await numberIn(page, 'kpi-customers')).toBe('4339');
  // The 8,905 cancellation lines that name a customer, counted in the locale's style (it read "8905").
  await expect(page.getByTestId('kpi-refunds').locator('.note')).toHaveText('8,905 refunds · 6.9% of sales');
  const table = page.getByTestId('customer-table');
  // The table lists customers with a purchase: 4,339 (lifetimes' 4,338 and 13256's free order); 33 only ever refunded.
  await expect(table).toContainText('4,339 of 4,339 customers');
  // Sorted by net revenue, largest first: customer 14646 is the top customer of Online Retail.
  await expect(table.locator('tbody tr:not(.pad)').first()).toContainText('14646');
  await page.getByTestId('sort-net').click();
  // The rows come from the worker a moment after the click: blank until then.
  const lastCell = () => table.locator('tbody tr:not(.pad)').first().locator('td').last().innerText();
  await expect.poll(async () => Number((await lastCell()).replace(/[^\d.-]/g, '') || NaN)).toBeLessThan(0);
  await page.getByTestId('sort-id').click();
  await expect(table.locator('tbody tr:not(.pad)').first()).toContainText('12346');
  // Scrolled to the end, the rows drawn there are fetched from the worker: the last customer by id is 18287.
  await table.getByRole('region').evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await expect(table.locator('tbody tr:not(.pad)').last().locator('th')).toHaveText('18287');
  await table.getByRole('region').evaluate((el) => el.scrollTo(0, 0));
  await page.getByTestId('customer-search').fill('1784');
  await expect(table).toContainText(/\d+ of 4,339 customers/);
  await expect(table).not.toContainText('4,339 of 4,339 customers');
  // Every row drawn is a match (polled: the rows come from the worker a moment after the count).
  await expect.poll(async () => {
    const ids = await table.locator('tbody tr:not(.pad) th').allInnerTexts();
    return ids.length > 0 && ids.every((id) => id.includes('1784'));
  }).toBe(true);
  // The CSV is the search's: as many rows as the count says, every one a match, by id.
  const shown = Number((await table.getByRole('status').innerText()).split(' of ')[0].replace(/\D/g, ''));
  const [download] = await Promise.all([page.waitForEvent('download'), table.getByRole('button', { name: 'Download table (CSV)' }).click()]);
  const lines = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
  expect(lines[0]).toBe('customer,first_purchase,last_purchase,orders,purchase_days,net_revenue');
  expect(lines.length - 1).toBe(shown);
  const ids = lines.slice(1).map((line) => line.split(',')[0]);
  expect(ids.every((id) => id.includes('1784'))).toBe(true);
  // In the table's order: by id, ascending (the ids are whole numbers).
  expect(ids).toEqual([...ids].sort((a, b) => Number(a) - Number(b)));
});

test('a file dropped anywhere on the page, even on the dashboard, starts an import', async ({ page }) => {
  await page.goto('./');
  await page.getByTestId('import-sample').click();
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('customer-table')).toBeVisible({ timeout: 20_000 });
  const csv = readFileSync(resolve(root, 'tests/fixtures/e2e/don-hang.csv'), 'utf8');
  const transfer = await page.evaluateHandle((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'don-hang.csv', { type: 'text/csv' }));
    return dt;
  }, csv);
  await page.dispatchEvent('main', 'drop', { dataTransfer: transfer });
  await expect(page.getByTestId('map-customer')).toHaveValue('1');
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('analysis-ready')).toContainText('don-hang.csv');
});

test('a file whose dates span three centuries opens at once, draws the most recent cohorts and says what it leaves out', async ({ page }) => {
  test.setTimeout(120_000);
  // 5,000 rows (about 140 KB) of 2,000 customers, dated evenly from 1900 to 2199: whole, its monthly cohorts would be
  // about 2.4 million cells, which froze the page for a minute and then crashed it, on every visit.
  let seed = 7;
  const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const from = Date.UTC(1900, 0, 1);
  const to = Date.UTC(2199, 11, 31);
  const lines = ['customer,date,amount'];
  for (let i = 0; i < 5000; i++) lines.push(`C${Math.floor(random() * 2000)},${new Date(from + random() * (to - from)).toISOString().slice(0, 10)},${(1 + random() * 99).toFixed(2)}`);
  const file = join(scratch(), 'three-centuries.csv');
  writeFileSync(file, lines.join('\n'));
  await importFile(page, file);
  const heatmap = page.getByTestId('cohort-heatmap');
  await expect(heatmap).toBeVisible({ timeout: 15_000 });
  // At most 60 cohorts of at most 60 months each are drawn, the most recent first to last.
  const cells = await heatmap.locator('[data-cell]').count();
  expect(cells).toBeGreaterThan(0);
  expect(cells).toBeLessThanOrEqual(60 * 60);
  await expect(page.getByTestId('cohort-window').first()).toContainText(/Showing the 60 most recent of [\d,]+ cohorts; the [\d,]+ older ones \([\d,]+ customers\) are not drawn\./);
  await expect(page.getByTestId('cohort-window').first()).toContainText('Cohorts by quarter show more of them at once.');
  // Weeks too, and the dataset opens again after a reload.
  await page.getByTestId('cohort-period').selectOption('week');
  await expect(page.getByTestId('cohort-window').first()).toContainText('Cohorts by month or quarter');
  await page.reload();
  await expect(page.getByTestId('cohort-heatmap')).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId('kpi-customers')).toBeVisible();
});

test.describe('accessibility', () => {
  test.use({ bypassCSP: true });
  test('the dashboard has no axe-core violations', async ({ page }) => {
    await page.goto('./');
    await page.getByTestId('import-sample').click();
    await page.getByTestId('import-confirm').click();
    await expect(page.getByTestId('customer-table')).toBeVisible({ timeout: 20_000 });
    expect(await axeViolations(page, root)).toEqual([]);
  });
});

test('the tabs follow the keyboard: arrows move the choice and the focus, wrapping at the ends; only the chosen tab is in the Tab order', async ({ page }) => {
  await page.goto('./');
  await page.getByTestId('import-sample').click();
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('analysis-ready')).toBeVisible({ timeout: 30_000 });
  const tabs = page.getByRole('tablist', { name: 'Views of this dataset' }).getByRole('tab');
  await expect(tabs).toHaveText(['History', 'Forecast', 'Segments', 'What if']);
  await page.getByTestId('tab-history').focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('tab-forecast')).toBeFocused();
  await expect(page.getByTestId('tab-forecast')).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('#panel-forecast')).toBeVisible();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('tab-whatif')).toBeFocused();
  await expect(tabs.and(page.locator('[tabindex="0"]'))).toHaveCount(1);
});
