/**
 * The What-if tab on the sample shop: levers move every output, each output opens to its formula, the tornado chart
 * draws; a saved scenario survives a reload and is in the exported snapshot. The tab and the calculator (before any
 * import) fit a 360 px phone in English, Vietnamese and Thai, and axe finds nothing serious.
 */
import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { axeViolations } from './axe';
import { overlappingChartText, PHONE, settle, sidewaysOverflow, smallChartText } from './phone';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');

async function openWhatIf(page: Page) {
  await page.goto('./');
  await page.getByTestId('import-sample').click();
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('analysis-ready')).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('tab-whatif').click();
  await expect(page.getByTestId('whatif-outputs')).toBeVisible({ timeout: 20_000 });
}

const lever = async (page: Page, key: string, value: string) => {
  await page.getByTestId(`lever-${key}`).fill(value);
  await page.getByTestId(`lever-${key}`).press('Tab');
};

test('levers, formulas, tornado; a saved scenario survives a reload, is in the snapshot and shows where it is opened', async ({ page, browser }) => {
  await openWhatIf(page);
  const clv = page.getByTestId('scenario-clvPerCustomer');
  const before = await clv.innerText();
  await lever(page, 'retentionPoints', '5');
  await expect(clv).not.toHaveText(before);
  await expect(page.getByTestId('slider-retentionPoints')).toHaveValue('5');
  // Without an acquisition cost LTV:CAC is a dash with the reason; with one it is a ratio.
  await expect(page.getByTestId('scenario-ltvToCac')).toHaveText('—');
  await expect(page.getByTestId('whatif-outputs')).toContainText('Enter an acquisition cost to see LTV:CAC and payback.');
  await lever(page, 'cacPerCustomer', '20');
  await expect(page.getByTestId('scenario-ltvToCac')).toHaveText(/^[\d.]+×$/);
  // Each output opens to its formula with the numbers in it.
  const row = page.locator('[data-output="clvPerCustomer"]');
  await row.locator('summary').click();
  await expect(row.locator('.formula')).toContainText('÷ (1 − monthly retention');
  await expect(page.getByTestId('tornado-chart')).toBeVisible();
  await expect(page.getByTestId('tornado-chart').locator('rect')).toHaveCount(18);

  await page.getByTestId('scenario-name').fill('Keep 5% more');
  await page.getByTestId('scenario-save').click();
  await expect(page.getByTestId('saved-scenario')).toHaveText(['Keep 5% more']);

  await page.reload();
  await expect(page.getByTestId('analysis-ready')).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('tab-whatif').click();
  await expect(page.getByTestId('saved-scenario')).toHaveText(['Keep 5% more'], { timeout: 20_000 });

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-snapshot').click()]);
  const text = readFileSync((await download.path())!, 'utf8');
  const snapshot = JSON.parse(text);
  expect(snapshot.scenarios).toHaveLength(1);
  expect(snapshot.scenarios[0]).toMatchObject({ name: 'Keep 5% more', levers: { retentionPoints: 5, cacPerCustomer: 20 } });
  expect(snapshot.scenarios[0].difference.clvPerCustomer).toBeGreaterThan(0);
  expect(snapshot.scenarios[0].scenario.ltvToCac).toBeGreaterThan(0);

  // Opened by someone else (a fresh browser), the snapshot's What-if tab lists the scenario beside the base.
  const other = await (await browser.newContext()).newPage();
  await other.goto('./');
  await other.getByTestId('import-file').setInputFiles({ name: 'sample-shop.clv.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await other.getByTestId('shared-tab-whatif').click();
  await expect(other.getByTestId('shared-scenarios')).toContainText('Keep 5% more');
  await expect(other.getByTestId('shared-scenarios')).toContainText('Customers kept each month (± points) 5');
  await other.context().close();
});

test('the What-if tab and the calculator fit a 360 px phone in three languages; axe finds nothing', async ({ browser }) => {
  test.setTimeout(120_000);
  // As phonePage (a plain 360 px viewport, touch), with CSP bypassed so that axe can be injected.
  const context = await browser.newContext({ viewport: PHONE, hasTouch: true, bypassCSP: true });
  const page = await context.newPage();
  // The calculator, before any import: T × AOV × AGM × ALT = 4 × 50 × 40% × 2 = 160.
  await page.goto('./');
  await page.getByTestId('calculator-open').click();
  await expect(page.getByTestId('scenario-clvPerCustomer')).toContainText('160');
  await page.getByTestId('calc-averageOrderValue').fill('100');
  await page.getByTestId('calc-averageOrderValue').press('Tab');
  await expect(page.getByTestId('scenario-clvPerCustomer')).toContainText('320');
  await settle(page);
  expect(await sidewaysOverflow(page), 'calculator: wider than the screen').toEqual([]);
  expect(await axeViolations(page, root)).toEqual([]);
  await page.getByTestId('calculator-open').click();

  await page.getByTestId('import-sample').click();
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('analysis-ready')).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('tab-whatif').click();
  await expect(page.getByTestId('tornado-chart')).toBeVisible({ timeout: 20_000 });
  await page.locator('[data-output="revenue24"] summary').click();
  for (const language of ['en', 'vi', 'th']) {
    await page.getByTestId('language').selectOption(language);
    await expect(page.locator('html')).toHaveAttribute('lang', language);
    await settle(page);
    expect(await sidewaysOverflow(page), `${language}: wider than the screen`).toEqual([]);
    expect(await smallChartText(page), `${language}: chart text under 11 px`).toEqual([]);
    expect(await overlappingChartText(page), `${language}: chart texts on top of each other`).toEqual([]);
  }
  expect(await axeViolations(page, root)).toEqual([]);
  await page.context().close();
});
