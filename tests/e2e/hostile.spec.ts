/**
 * Hostile files in the page: a file of 100,000 columns shows its column check within a couple of seconds with a
 * bounded page (it froze the page for 45-58 s with 1.2 million elements), and any column can still be chosen by
 * name; a zip and a plain CSV named .gz get the right treatment.
 */
import { test, expect } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { tempDir } from '../support/temp-dir';

const dir = tempDir('hostile-e2e-', test.afterAll);

test('a file of 100,000 columns: the column check appears at once, bounded, and any column can be chosen', async ({ page }) => {
  const width = 100_000;
  const header = ['customer', 'date', 'amount', ...Array.from({ length: width - 3 }, (_, i) => `extra_${i}`)];
  // A telling name far to the right, to be found by search.
  header[87_654] = 'refund_total';
  const row = (r: number) => [`C${r % 5}`, `2024-01-${String(r + 1).padStart(2, '0')}`, String(10 + r), ...Array.from({ length: width - 3 }, () => '')].join(',');
  const path = join(dir(), 'wide.csv');
  writeFileSync(path, [header.join(','), ...Array.from({ length: 12 }, (_, r) => row(r))].join('\n') + '\n');

  await page.goto('./');
  const started = Date.now();
  await page.getByTestId('import-file').setInputFiles(path);
  await expect(page.getByTestId('mapping')).toBeVisible({ timeout: 20_000 });
  const shownMs = Date.now() - started;
  await expect(page.getByTestId('map-customer')).toHaveValue('0');
  await expect(page.getByTestId('columns-limited')).toContainText('100,000 columns');
  await expect(page.getByTestId('preview-limited')).toContainText('99,970 are not shown');
  const elements = await page.evaluate(() => document.getElementsByTagName('*').length);
  // 14 pickers × ~100 options + a preview of 30 columns × 9 rows + the page: a few thousand, not a million.
  expect(elements).toBeLessThan(5_000);
  // Sniffing 100,000 columns in the worker plus drawing; a couple of seconds, with room for a loaded machine.
  expect(shownMs).toBeLessThan(6_000);

  // A column beyond the listed ones is found by name and chosen.
  await expect(page.locator('[data-testid="map-refunded"] option', { hasText: 'refund_total' })).toHaveCount(0);
  await page.getByTestId('column-search').fill('refund_t');
  await expect(page.locator('[data-testid="map-refunded"] option', { hasText: 'refund_total' })).toHaveCount(1);
  await page.getByTestId('map-refunded').selectOption({ label: 'refund_total' });
  await expect(page.getByTestId('map-refunded')).toHaveValue('87654');
  // Cleared, the list is back to the first columns, and the chosen one stays listed and previewed.
  await page.getByTestId('column-search').fill('');
  await expect(page.getByTestId('map-refunded')).toHaveValue('87654');
  await expect(page.locator('.table-wrap th', { hasText: 'refund_total' })).toHaveCount(1);

  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('analysis-ready')).toBeVisible({ timeout: 30_000 });
});

test('a zip holding a CSV is called a zip archive; a plain CSV named .gz is read', async ({ page }) => {
  const csv = 'customer,date,amount\nA,2024-01-05,10\nB,2024-01-06,20\nA,2024-02-05,5\n';
  const zip = join(dir(), 'orders.zip');
  writeFileSync(zip, zipSync({ 'orders.csv': new TextEncoder().encode(csv) }));
  await page.goto('./');
  await page.getByTestId('import-file').setInputFiles(zip);
  await expect(page.getByTestId('import-error')).toHaveText('This file cannot be read: This is a zip archive, not a text file. Unzip it first, then open the CSV file inside.');

  const gz = join(dir(), 'orders.csv.gz');
  writeFileSync(gz, csv);
  await page.getByTestId('import-file').setInputFiles(gz);
  await expect(page.getByTestId('import-confirm')).toBeEnabled();
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('analysis-ready')).toBeVisible({ timeout: 30_000 });
});

test('HTML in ids and status values is shown as text and never runs', async ({ page }) => {
  const path = join(dir(), 'html.csv');
  const img = '<img src=x onerror="window.__xss=1">';
  const script = '<script>window.__xss=2</script>';
  writeFileSync(path, `customer,date,amount,status\n"${img.replace(/"/g, '""')}",2024-01-05,10,paid\n${script},2024-01-06,20,${script}\n__proto__,2024-01-07,5,paid\n`);
  await page.goto('./');
  await page.getByTestId('import-file').setInputFiles(path);
  await expect(page.getByTestId('mapping')).toBeVisible();
  // The preview and the status list show the payloads as written.
  await expect(page.locator('.table-wrap td', { hasText: img })).toHaveCount(1);
  await expect(page.locator(`[data-testid="status-choice"][data-status="${script}"]`)).toHaveCount(1);
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('analysis-ready')).toBeVisible({ timeout: 30_000 });
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  expect(await page.locator('img[src="x"]').count()).toBe(0);
});

test('a 10 MB header is refused with its length, in the chosen language (it was "a header line but no data rows")', async ({ page }) => {
  const header = Array.from({ length: 100_000 }, (_, i) => `${'a column name '.repeat(7)}${i}`).join(',');
  const path = join(dir(), 'wide-header.csv');
  writeFileSync(path, `${header}\n${'A,2024-01-05,10\n'.repeat(5)}`);
  const length = header.length.toLocaleString('en');
  await page.goto('./');
  await page.getByTestId('language').selectOption('vi');
  await page.getByTestId('import-file').setInputFiles(path);
  await expect(page.getByTestId('import-error')).toContainText(`Dòng đầu tiên (dòng tiêu đề) dài ${length} byte, dài hơn mức 4 MB`);
});
