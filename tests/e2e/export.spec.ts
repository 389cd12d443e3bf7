/**
 * Saving a snapshot from the dialog: aggregate-only to share by default (k = 5, adjustable), the full backup on
 * request, each listing what is inside and what is left out, and each file holding what the list says.
 */
import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { axeViolations } from './axe';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
// axe-core runs as an inline script, which the app's Content Security Policy forbids.
test.use({ bypassCSP: true });

async function saved(page: Page) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-save').click()]);
  return { name: download.suggestedFilename(), json: JSON.parse(readFileSync((await download.path())!, 'utf8')) };
}

test('the export dialog: aggregate-only by default with its k, or the full backup, each saying what is inside', async ({ page }) => {
  await page.goto('./');
  await page.getByTestId('import-sample').click();
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('analysis-ready')).toBeVisible({ timeout: 30_000 });

  await page.getByTestId('export-options').click();
  const dialog = page.getByTestId('export-dialog');
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('export-share')).toBeChecked();
  await expect(page.getByTestId('export-k')).toHaveValue('5');
  await expect(page.getByTestId('export-left-out')).toContainText('Customer ids and rows for single customers: the file has none.');
  expect(await axeViolations(page, root)).toEqual([]);
  const shared = await saved(page);
  expect(shared.name).toMatch(/\.clv\.json$/);
  expect(shared.json.dataset).toMatchObject({ aggregateOnly: true, k: 5 });
  expect(shared.json.customers).toBeUndefined();

  // A larger k hides more; the list follows the choice before anything is saved.
  await page.getByTestId('export-options').click();
  await page.getByTestId('export-k').fill('50');
  await page.getByTestId('export-k').press('Tab');
  const stricter = await saved(page);
  expect(stricter.json.dataset.k).toBe(50);
  const hidden = (s: { cohorts: { rows: { customers: number | null }[] } }) => s.cohorts.rows.filter((r) => r.customers === null).length;
  expect(hidden(stricter.json)).toBeGreaterThanOrEqual(hidden(shared.json));

  // The full backup says what it is, and has everything.
  await page.getByTestId('export-options').click();
  await page.getByTestId('export-backup').check();
  // Nothing is suppressed in a backup, so it leaves out only what the dataset does not have.
  await expect(page.getByTestId('export-left-out')).not.toContainText('fewer than');
  await expect(page.getByTestId('export-inside')).toContainText('The historical figures');
  const backup = await saved(page);
  expect(backup.name).toMatch(/-backup\.clv\.json$/);
  expect(backup.json.dataset.aggregateOnly).toBeUndefined();
  expect(hidden(backup.json)).toBe(0);
});
