/**
 * A per-customer summary file (docs/warehouse.md) dropped on the page: a short screen says what was recognised (the
 * columns and their roles, the observation end), then the summary is stored as a dataset whose History tab shows the
 * figures a summary allows (checked against the hand values of tests/fixtures/summary/README.md) and says in one
 * sentence what it cannot give; the Forecast tab fits the models on it.
 */
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { phonePage, settle, sidewaysOverflow } from './phone';
import { tempDir } from '../support/temp-dir';

/** Files the tests write, removed when the file's tests are done. */
const scratch = tempDir('clv-summary-', test.afterAll);

const root = resolve(import.meta.dirname, '../..');
const hand = resolve(root, 'tests/fixtures/summary/hand-summary.csv');

test('the hand summary imports: its columns and roles, then rows read = accepted + rejected and the hand figures', async ({ page }) => {
  await page.goto('./');
  await page.getByTestId('import-file').setInputFiles(hand);
  const confirm = page.getByTestId('summary-confirm');
  await expect(confirm).toBeVisible();
  await expect(page.getByTestId('import-confirm')).toHaveCount(0);
  await expect(page.locator('#import-title')).toHaveText('Import a per-customer summary');
  await expect(confirm.locator('td[data-role="frequency"]')).toHaveText('Repeat purchases (x)');
  await expect(confirm.locator('tr', { hasText: 'monetary' }).locator('td').nth(1)).toHaveText('Mean repeat spend');
  await expect(page.getByTestId('summary-end')).toHaveText('Observation end: 2024-03-31 (from the column “observation_end”)');
  await page.getByTestId('summary-import').click();

  await expect(page.getByTestId('summary-history')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('summary-cannot')).toContainText('refunds, cohorts, monthly activity');
  await expect(page.getByTestId('summary-rows')).toHaveText('10 rows read = 8 customers + 2 rejected');
  await expect(page.getByTestId('summary-customers')).toContainText('8');
  await expect(page.getByTestId('summary-purchases')).toContainText('17');
  // 600 ÷ 17 = 35.29; 17 ÷ 8 = 2.125; 5 of 8 repeat; tₓ mean 190 ÷ 8 = 23.75, median 7; CLV mean 75, median 90.
  await expect(page.getByTestId('summary-revenue')).toHaveText('Revenue600');
  await expect(page.getByTestId('summary-aov')).toContainText('35.29');
  await expect(page.getByTestId('summary-frequency')).toContainText('2.125 orders per customer');
  await expect(page.getByTestId('summary-repeat')).toContainText('62.5% (5)');
  await expect(page.getByTestId('summary-lifespan')).toContainText('23.75 days average · 7 median');
  await expect(page.getByTestId('summary-clv')).toContainText('75 average · 90 median');
  await expect(page.getByTestId('rejected-rows')).toContainText('Rejected rows: 2');
  // The customer table of the orders' History, from the summary's rows: C4, the largest revenue (120), first; its
  // last purchase is its first + tₓ (85 days: 2024-03-30); 5 purchases on 5 days.
  const table = page.getByTestId('customer-table');
  await expect(table).toContainText('8 of 8 customers');
  const top = table.locator('tbody tr:not(.pad)').first();
  await expect(top.locator('th')).toHaveText('C4');
  expect((await top.locator('td').allInnerTexts()).map((c) => c.trim())).toEqual(['Jan 5, 2024', 'Mar 30, 2024', '5', '5', '120']);
  // Concentration with its Lorenz curve, and the CLV distribution (as a table: the 8 customers in its bins).
  await expect(page.getByTestId('concentration')).toBeVisible();
  const distribution = page.getByTestId('distribution');
  await distribution.getByRole('button', { name: 'View as table' }).click();
  const counts = await distribution.locator('tbody tr td:last-child').allInnerTexts();
  expect(counts.reduce((n, c) => n + Number(c), 0)).toBe(8);

  // Segments from the summary's recency, purchase days and revenue: every customer in the grid once.
  await page.getByTestId('tab-segments').click();
  await expect(page.getByTestId('segments-table')).toContainText('8 customers', { timeout: 30_000 });
  const cells = await page.getByTestId('rf-grid').locator('.n').allInnerTexts();
  expect(cells.reduce((n, c) => n + Number(c.replace(/\D/g, '') || 0), 0)).toBe(8);

  // Forecast: the holdout check and BG/BB need dated purchases (one sentence instead); retention works on the summary's
  // first and last purchase months: 8 customers, 4 still buying in March (C2, C4, C5, C8).
  await page.getByTestId('tab-forecast').click();
  await expect(page.getByTestId('summary-needs-orders')).toContainText('The holdout check and BG/BB need each customer’s dated purchases');
  await expect(page.getByTestId('holdout')).toHaveCount(0);
  await expect(page.getByTestId('bgbb')).toHaveCount(0);
  await page.getByTestId('retention-run').click();
  await expect(page.getByTestId("retention")).toContainText("8 customers, 4 still paying", { timeout: 30_000 });
  await page.getByTestId('tab-history').click();

  // What-if needs a monthly base from dated orders: one sentence says which levers, instead of a base of zeros.
  await page.getByTestId('tab-whatif').click();
  await expect(page.getByTestId('whatif-summary')).toContainText('Import the orders to price retention');
  await expect(page.getByTestId('whatif')).toHaveCount(0);
});

test('a summary without dates (lifetimes’ ID, x, t_x, T, zbar) imports: its observation end is each customer’s T', async ({ page }) => {
  const file = join(scratch(), 'summary.csv');
  writeFileSync(file, 'ID,x,t_x,T,zbar\n1,2,30.43,38.86,22.35\n2,1,1.71,38.86,11.77\n3,0,0,38.86,0\n');
  await page.goto('./');
  await page.getByTestId('import-file').setInputFiles(file);
  await expect(page.getByTestId('summary-end')).toContainText('each customer’s T');
  await page.getByTestId('summary-import').click();
  await expect(page.getByTestId('summary-rows')).toHaveText('3 rows read = 3 customers + 0 rejected', { timeout: 30_000 });
});

test('lifetimes’ CDNOW summary (weeks): BG/NBD fitted in the Forecast tab gives the published 0.243, 4.414, 0.793, 2.426', async ({ page }) => {
  const file = resolve(root, '../shared/data/cdnow/cdnow_customers_summary_with_transactions.csv');
  await page.goto('./');
  await page.getByTestId('import-file').setInputFiles(file);
  await page.getByTestId('summary-import').click();
  await expect(page.getByTestId('summary-rows')).toHaveText('2,357 rows read = 2,357 customers + 0 rejected', { timeout: 30_000 });
  await page.getByTestId('tab-forecast').click();
  // The file's times are in weeks already: read in its own unit ('day' divides nothing).
  await page.getByTestId('forecast-view').getByRole('combobox', { name: 'Time unit' }).selectOption('day');
  await page.getByTestId('forecast-model').selectOption('bgnbd');
  await page.getByTestId('forecast-run').click();
  await expect(page.getByTestId('prediction-table')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('kpi-active')).toContainText(/of 2,357/);
  await page.getByTestId('forecast-analysts').getByText('For analysts').click();
  const row = page.getByTestId('model-comparison').locator('tr[data-model="bgnbd"]');
  const text = (await row.locator('td.params').textContent()) ?? '';
  // "r = 0.2426 ± 0.0128": each parameter as the page shows it (4 decimals), within rounding of the published 3.
  const value = (name: string) => Number(new RegExp(`(?:^|[^a-z])${name} = ([\\d.]+)`).exec(text)?.[1]);
  const shown = [value('r'), value('alpha'), value('a'), value('b')];
  [0.243, 4.414, 0.793, 2.426].forEach((published, i) => expect(Math.abs(shown[i] - published), `${text}`).toBeLessThanOrEqual(0.0006));
});

test('the warehouse’s cohort table added to the hand summary: rows read = used + rejected, its monthly cohorts drawn and tabled, then removed', async ({ page }) => {
  const cohortsFile = resolve(root, 'tests/fixtures/summary/hand-cohorts.csv');
  await page.goto('./');
  await page.getByTestId('import-file').setInputFiles(hand);
  await page.getByTestId('summary-import').click();
  const section = page.getByTestId('summary-cohorts');
  await expect(section).toContainText('run the cohort table query', { timeout: 30_000 });
  await expect(page.getByTestId('cohort-section')).toHaveCount(0);

  // A file that is not the cohort table is refused in one sentence, naming what it lacks.
  await page.getByTestId('summary-cohorts-file').setInputFiles(hand);
  await expect(page.getByTestId('summary-cohorts-error')).toHaveText('This file is not the cohort table: it lacks the column(s) cohort_year, cohort_month, period, customers, active (docs/warehouse.md).');

  await page.getByTestId('summary-cohorts-file').setInputFiles(cohortsFile);
  await expect(page.getByTestId('summary-cannot')).toContainText('Its cohorts are the warehouse’s cohort table, below.');
  await expect(page.getByTestId('summary-cohorts-rows')).toHaveText('Cohort table hand-cohorts.csv: 7 rows read = 6 used + 1 rejected');
  await expect(page.getByTestId('summary-cohorts-error')).toHaveCount(0);
  await expect(page.getByTestId('summary-cohorts-mismatch')).toHaveCount(0);
  const rejected = page.getByTestId('cohort-table-rejected-rows');
  await expect(rejected).toContainText('Rejected rows: 1');
  await expect(rejected).toContainText('This month is after the summary’s observation end (column "period")');

  // Monthly only, and a cell lists no customers (the table has no ids): no period choice.
  const cohortSection = page.getByTestId('cohort-section');
  await expect(cohortSection).toBeVisible();
  await expect(cohortSection.getByTestId('cohort-period')).toHaveCount(0);
  await expect(cohortSection).not.toContainText('Click a cell to list its customers');
  await cohortSection.getByRole('button', { name: 'View as table' }).click();
  const rows = cohortSection.getByTestId('cohort-table').locator('tbody tr');
  // Three cohorts and the weighted average.
  await expect(rows).toHaveCount(4);
  await expect(rows.locator('th')).toHaveText(['Jan 2024', 'Feb 2024', 'Mar 2024', 'Weighted avg.']);
  // Retention by hand: January 4 customers, 2 back in February and 2 in March; February 2, 1 back; March 2.
  const cells = async (i: number) => (await rows.nth(i).locator('td').allInnerTexts()).map((c) => c.trim());
  expect(await cells(0)).toEqual(['4', '100%', '50%', '50%']);
  expect(await cells(1)).toEqual(['2', '100%', '50%', '']);
  expect(await cells(2)).toEqual(['2', '100%', '', '']);
  // The weighted average needs more customers than 6 behind a month: a dash, as for orders.
  expect((await cells(3)).slice(0, 3)).toEqual(['8', '100%', '–']);

  // The printable report: the summary's own key figures (8 customers, 600), the sentence on what needs dated orders in
  // place of the owner formulas, and the cohort table's heatmap.
  await page.getByTestId('print-report').click();
  const report = page.getByTestId('report');
  await expect(report.getByTestId('summary-customers')).toContainText('8');
  await expect(report.getByTestId('summary-revenue')).toHaveText('Revenue600');
  await expect(report.getByTestId('report-formulas')).toContainText('need dated orders');
  await expect(report.getByTestId('report-cohorts')).toContainText('Jan 2024');
  await page.getByTestId('report-close').click();

  await page.getByTestId('summary-cohorts-remove').click();
  await expect(page.getByTestId('cohort-section')).toHaveCount(0);
  await expect(page.getByTestId('summary-cohorts-rows')).toHaveCount(0);
});

test('on a 360-px phone in Vietnamese, the summary’s cohort section and its chart fit without sideways scrolling', async ({ browser }) => {
  const page = await phonePage(browser, 'vi');
  await page.goto('./');
  await page.getByTestId('import-file').setInputFiles(hand);
  await page.getByTestId('summary-import').click();
  await page.getByTestId('summary-cohorts-file').setInputFiles(resolve(root, 'tests/fixtures/summary/hand-cohorts.csv'));
  await expect(page.getByTestId('summary-cohorts-rows')).toContainText('7 dòng đã đọc = 6 được dùng + 1 bị loại', { timeout: 30_000 });
  await expect(page.getByTestId('cohort-section')).toBeVisible();
  await settle(page);
  expect(await sidewaysOverflow(page)).toEqual([]);
  await page.context().close();
});

test('a snapshot of the hand summary and its cohort table (npm run analyze) opens in the app: its figures, its cohorts, and why there are no formulas', async ({ page }) => {
  const out = join(scratch(), 'hand-summary.clv.json');
  execFileSync('npx', ['tsx', 'src/cli/analyze.ts', hand, '--cohort-table', resolve(root, 'tests/fixtures/summary/hand-cohorts.csv'), '--out', out], { cwd: root, env: { ...process.env, TZ: 'UTC' } });
  await page.goto('./');
  await page.getByTestId('import-file').setInputFiles(out);
  await expect(page.getByTestId('shared-summary-formulas')).toHaveText('This snapshot was made from a per-customer summary: the owner formulas need dated orders, which a summary does not have.', { timeout: 30_000 });
  await expect(page.getByTestId('clv-formulas').locator('article')).toHaveCount(0);
  await expect(page.getByTestId('kpi-customers')).toContainText('8');
  await expect(page.getByTestId('kpi-net-revenue')).toContainText('600');
  // The full snapshot (not aggregate-only) keeps the three small cohorts of the table.
  await page.getByTestId('cohort-section').getByRole('button', { name: 'View as table' }).click();
  await expect(page.getByTestId('cohort-section').getByTestId('cohort-table').locator('tbody th')).toHaveText(['Jan 2024', 'Feb 2024', 'Mar 2024', 'Weighted avg.']);
});

test('the cohort table dropped on the import screen is not read as orders: one sentence says where it goes', async ({ page }) => {
  await page.goto('./');
  await page.getByTestId('import-file').setInputFiles(resolve(root, 'tests/fixtures/summary/hand-cohorts.csv'));
  await expect(page.getByTestId('import-error')).toContainText('This file is a warehouse cohort table, not an orders export. Import its per-customer summary first, then add the cohort table in that summary’s History');
});
