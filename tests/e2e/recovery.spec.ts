/**
 * Data that must not be lost or lock the user out: storage is made persistent on the first import, with the space
 * used shown; a dataset whose views killed the page last time is not opened again by itself.
 */
import { test, expect } from '@playwright/test';

async function importSample(page: import('@playwright/test').Page) {
  await page.getByTestId('import-sample').click();
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('analysis-ready')).toBeVisible({ timeout: 30_000 });
}

test('the first import asks the browser to keep the data, and the space used is shown', async ({ page }) => {
  await page.addInitScript(() => {
    const w = window as unknown as { persistCalls: number };
    w.persistCalls = 0;
    const original = navigator.storage.persist.bind(navigator.storage);
    navigator.storage.persist = () => (w.persistCalls++, original());
  });
  await page.goto('./');
  await expect.poll(() => page.evaluate(() => (window as unknown as { persistCalls: number }).persistCalls)).toBe(0);
  await importSample(page);
  await expect.poll(() => page.evaluate(() => (window as unknown as { persistCalls: number }).persistCalls)).toBe(1);
  await expect(page.getByTestId('storage-used')).toContainText(/Stored on this device: [\d.,]+ (KB|MB)/);
});

test('after choosing a file, after an import, and after choosing a dataset, the keyboard continues there, not at the top', async ({ page }) => {
  await page.goto('./');
  await page.getByTestId('import-sample').focus();
  await page.keyboard.press('Enter');
  // The file is chosen: the keyboard goes on from the mapping's heading, and Tab reaches the first column's choice.
  await expect(page.getByRole('heading', { name: 'How your file will be read' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('map-customer')).toBeFocused();
  await page.getByTestId('import-confirm').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('analysis-ready')).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('#dash-title')).toBeFocused();
  await page.getByTestId('new-import').click();
  await page.getByRole('button', { name: /sample-shop\.csv/ }).first().click();
  await expect(page.locator('#dash-title')).toBeFocused();
  // Opening the page does not move the focus by itself.
  await page.reload();
  await expect(page.getByTestId('analysis-ready')).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('#dash-title')).not.toBeFocused();
});

test('a dataset that stopped the page while drawing opens on the list next time, and can be opened again or deleted', async ({ page }) => {
  await page.goto('./');
  await importSample(page);
  const id = await page.evaluate(async () => {
    const db: IDBDatabase = await new Promise((ok) => { const r = indexedDB.open('clv-studio'); r.onsuccess = () => ok(r.result); });
    const rows: { id: number }[] = await new Promise((ok) => { const r = db.transaction('datasets').objectStore('datasets').getAll(); r.onsuccess = () => ok(r.result); });
    db.close();
    return rows[0].id;
  });
  // As if the page had died while drawing it: the marker set before drawing was never cleared.
  await page.evaluate((dataset) => localStorage.setItem('clv.showing', String(dataset)), id);
  await page.reload();
  const notice = page.getByTestId('recovery');
  await expect(notice).toContainText('sample-shop.csv');
  await expect(page.getByTestId('analysis-ready')).toHaveCount(0);
  await expect(page.getByTestId('import-file')).toBeAttached();
  await notice.getByRole('button', { name: 'Try to open it again' }).click();
  await expect(page.getByTestId('analysis-ready')).toBeVisible({ timeout: 30_000 });
  // Shown in full this time: the next visit opens it as usual.
  await expect.poll(() => page.evaluate(() => localStorage.getItem('clv.showing'))).toBeNull();
  await page.reload();
  await expect(page.getByTestId('analysis-ready')).toBeVisible({ timeout: 30_000 });

  await page.evaluate((dataset) => localStorage.setItem('clv.showing', String(dataset)), id);
  await page.reload();
  page.once('dialog', (d) => d.accept());
  await page.getByTestId('recovery').getByRole('button', { name: 'Delete this dataset' }).click();
  await expect(page.getByTestId('recovery')).toHaveCount(0);
  await expect(page.getByText('No datasets yet.')).toBeVisible();
});
