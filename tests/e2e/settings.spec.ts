/**
 * One margin per dataset, entered once, used by the history, the forecast and the exported snapshot; the forecast
 * follows a new margin or horizon from its fitted parameters, without a fit.
 */
import { test, expect, type Locator } from '@playwright/test';
import { readFileSync } from 'node:fs';

/** The first amount in a card's value ("₫1,234,567 (median …)" → 1234567). */
async function amount(card: Locator): Promise<number> {
  const text = (await card.locator('.value').first().textContent()) ?? '';
  const match = text.replace(/[\u00a0\u202f]/g, ' ').match(/-?[\d,]+(\.\d+)?/);
  if (!match) throw new Error(`no amount in "${text}"`);
  return Number(match[0].replace(/,/g, ''));
}

test('one margin for the dataset: history, forecast and snapshot use it, and the forecast follows it without a fit', async ({ page }) => {
  await page.goto('./');
  await page.getByTestId('import-sample').click();
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('analysis-ready')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('kpi-clv')).toBeVisible();
  await expect(page.getByTestId('kpi-profit')).toHaveCount(0);

  // The input is a number field: entering 40 and pressing Enter applies it.
  await page.getByTestId('margin-percent').fill('40');
  await page.getByTestId('margin-percent').press('Enter');
  await expect(page.getByTestId('kpi-profit')).toBeVisible();
  const revenue = await amount(page.getByTestId('kpi-clv'));
  expect(await amount(page.getByTestId('kpi-profit'))).toBeCloseTo(0.4 * revenue, -1);

  await page.getByTestId('tab-forecast').click();
  await page.getByTestId('forecast-run').click();
  const clv = page.getByTestId('kpi-clv-total');
  await expect(clv).toContainText('40%', { timeout: 60_000 });
  const at40 = await amount(clv);

  // A new margin: the CLV follows at once, and no fit runs (no progress bar appears).
  let fitting = false;
  await page.getByTestId('forecast-progress').waitFor({ state: 'detached' });
  const watch = page.getByTestId('forecast-progress').waitFor({ state: 'visible', timeout: 3000 }).then(() => (fitting = true), () => {});
  await page.getByTestId('margin-percent').fill('20');
  await page.getByTestId('margin-percent').press('Enter');
  await expect(clv).toContainText('20%');
  expect(await amount(clv)).toBeCloseTo(at40 / 2, -1);
  // A longer horizon: more expected purchases, still without a fit.
  const expected12 = await amount(page.getByTestId('kpi-expected'));
  await page.getByTestId('forecast-horizon').fill('24');
  await expect(page.getByTestId('kpi-expected')).toContainText('24');
  await expect.poll(() => amount(page.getByTestId('kpi-expected'))).toBeGreaterThan(expected12);
  await watch;
  expect(fitting).toBe(false);

  // Kept with the dataset, and in the snapshot.
  await page.reload();
  await expect(page.getByTestId('margin-percent')).toHaveValue('20');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-snapshot').click()]);
  const snapshot = JSON.parse(readFileSync(await download.path(), 'utf8'));
  expect(snapshot.historical.margin).toMatchObject({ source: 'margin-percent', rate: 0.2 });
});
