/**
 * The forecast tab on the CDNOW sample: model comparison, the forecast of a chosen model, the holdout check with its
 * tracking curves, and the snapshot's models and forecast parts, which must equal `npm run analyze` on the same file.
 */
import { test, expect, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { axeViolations } from './axe';
import { overlappingChartText, phonePage, settle, sidewaysOverflow, smallChartText } from './phone';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const sample = resolve(root, '../shared/data/cdnow/CDNOW_sample.txt');

/** The sample shop with a forecast, a holdout check (and its tracking chart) and a customer in detail. */
async function sampleForecastWithCheck(page: Page) {
  await page.goto('./');
  await page.getByTestId('import-sample').click();
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('analysis-ready')).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('tab-forecast').click();
  await page.getByTestId('forecast-run').click();
  await expect(page.getByTestId('prediction-table')).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('holdout-run').click();
  await expect(page.getByTestId('tracking')).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('prediction-customer').first().click();
  await expect(page.getByTestId('customer-detail')).toBeVisible({ timeout: 20_000 });
}

test('CDNOW sample: compare models, forecast with ranges, check on a holdout, export the models', async ({ page }) => {
  await page.goto('./');
  await page.getByTestId('import-file').setInputFiles(sample);
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('analysis-ready')).toBeVisible({ timeout: 45_000 });

  await page.getByTestId('tab-forecast').click();
  await page.getByTestId('forecast-run').click();
  const comparison = page.getByTestId('model-comparison');
  await expect(comparison).toContainText('Pareto/NBD', { timeout: 60_000 });
  await expect(comparison.locator('tbody tr')).toHaveCount(3);
  await expect(comparison).toContainText('recommended');
  await expect(page.getByTestId('kpi-expected')).toBeVisible({ timeout: 60_000 });

  // Fit BG/NBD explicitly; the page's figures must be the headless engine's.
  await page.getByTestId('forecast-model').selectOption('bgnbd');
  await page.getByTestId('forecast-run').click();
  await expect(page.getByTestId('forecast-run')).toBeEnabled({ timeout: 60_000 });
  const cli = JSON.parse(execFileSync('npx', ['tsx', 'src/cli/analyze.ts', sample, '--time-unit', 'week', '--model', 'bgnbd'], { cwd: root, encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } }));
  const expected = Math.round(cli.forecast.expectedPurchases).toLocaleString('en-US');
  await expect(page.getByTestId('kpi-expected')).toContainText(expected);
  await expect(page.getByTestId('rf-palive')).toBeVisible();
  await expect(page.getByTestId('predicted-clv-distribution')).toBeVisible();

  // A customer in detail: facts, purchase history, P(alive) over time (keyboard-explorable).
  await page.getByTestId('prediction-customer').first().click();
  const detail = page.getByTestId('customer-detail');
  await expect(detail).toBeVisible({ timeout: 20_000 });
  await expect(detail.getByRole('heading')).toBeFocused();
  await page.getByTestId('alive-path').focus();
  await page.keyboard.press('End');
  await expect(detail).toContainText(/Jun 30, 1998: P\(alive\) \d/);
  await detail.getByRole('button', { name: 'Close' }).click();
  await expect(detail).toHaveCount(0);

  // Holdout: fit up to 1997-09-30 and compare with the 39 weeks after.
  await page.getByTestId('holdout-date').fill('1997-09-30');
  await page.getByTestId('holdout-run').click();
  await expect(page.getByTestId('holdout-table')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('holdout')).toContainText(/BG\/NBD predicted 1,653 purchases in the holdout; 1,882 happened \(-12\.\d%\)/);
  await expect(page.getByTestId('tracking-cumulative')).toBeVisible();
  // The comparison now shows each model's holdout error beside its likelihood.
  await expect(page.getByTestId('model-comparison')).toContainText(/-12\.\d% · MAE/);
  await page.getByTestId('tracking-cumulative').focus();
  await page.keyboard.press('Home');
  await expect(page.getByTestId('tracking')).toContainText('Week of Jan 1, 1997');

  // The subscription reading of the same file: sBG over the monthly cohorts.
  await page.getByTestId('retention-run').click();
  await expect(page.getByTestId('retention-value')).toContainText(/\d+\.\d\d/, { timeout: 30_000 });
  await expect(page.getByTestId('retention-chart')).toBeVisible();
  await expect(page.getByTestId('retention')).toContainText('2,349 customers');

  // Buying once a period: BG/BB on whole quarters.
  await page.getByTestId('bgbb-period').selectOption('quarter');
  await page.getByTestId('bgbb-run').click();
  await expect(page.getByTestId('bgbb-table')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('bgbb')).toContainText('joined too recently');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-snapshot').click()]);
  const exported = JSON.parse(readFileSync((await download.path())!, 'utf8'));
  // The same engine in Chromium and in Node: equal up to the last bits of the platforms' arithmetic.
  const close = (a: unknown, b: unknown, path = ''): void => {
    if (typeof b === 'number') expect(Math.abs((a as number) - b), path).toBeLessThanOrEqual(1e-7 * Math.max(1, Math.abs(b)));
    else if (b && typeof b === 'object') for (const k of Object.keys(b)) close((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
    else expect(a, path).toEqual(b);
  };
  close(exported.models.bgnbd, cli.models.bgnbd, 'bgnbd');
  close(exported.models.gammaGamma, cli.models.gammaGamma, 'gammaGamma');
  close(exported.forecast, cli.forecast, 'forecast');
  expect(Object.keys(exported.forecast)).toEqual(Object.keys(cli.forecast));
  expect(exported.settings).toEqual({ observationEnd: '1998-06-30', timeUnit: 'week' });
  expect(exported.settings).toEqual(cli.settings);
  expect(Object.keys(exported.models).sort()).toEqual(['bgnbd', 'gammaGamma', 'mbgnbd', 'paretoNbd']);
});

test('a long comparison shows which model it is fitting and can be cancelled', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('./');
  await page.getByTestId('import-file').setInputFiles(resolve(root, '../shared/data/online_retail/online_retail_II_2009_2010.csv.gz'));
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('analysis-ready')).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('tab-forecast').click();
  await page.getByTestId('forecast-run').click();
  // Pareto/NBD is slow on this file (the data cannot identify it): the step is named, with a progress bar.
  const progress = page.getByTestId('forecast-progress');
  await expect(progress).toContainText('Pareto/NBD (3 of 3)', { timeout: 60_000 });
  await expect(progress.locator('progress')).toHaveAttribute('value', '2');
  await page.getByTestId('forecast-cancel').click();
  await expect(progress).toHaveCount(0);
  await expect(page.getByText('Stopped.')).toBeVisible();
  await expect(page.getByTestId('forecast-run')).toBeEnabled();
  // The page stayed usable, and nothing half-fitted is shown.
  await expect(page.getByTestId('model-comparison')).toHaveCount(0);
  await page.getByTestId('tab-history').click();
  await expect(page.getByTestId('kpi-customers')).toBeVisible();
});

test.describe('accessibility', () => {
  // axe is injected as an inline script, which the app's CSP rightly forbids.
  test.use({ bypassCSP: true });
  test('the forecast tab, with its holdout check and a customer in detail, has no axe-core violations', async ({ page }) => {
    await sampleForecastWithCheck(page);
    await page.getByTestId('retention-run').click();
    await expect(page.getByTestId('retention-chart')).toBeVisible({ timeout: 30_000 });
    await page.getByTestId('bgbb-run').click();
    await expect(page.getByTestId('bgbb-table')).toBeVisible({ timeout: 30_000 });
    expect(await axeViolations(page, root)).toEqual([]);
  });
});

test('the Forecast tab fits a 360 px phone screen in English, Vietnamese and Thai, with chart text of 11 px or more', async ({ browser }) => {
  test.setTimeout(300_000);
  // A plain 360-px viewport (no isMobile: with it Chromium widens the layout to the content and hides overflow).
  const page = await phonePage(browser, 'en');
  await page.goto('./');
  await page.getByTestId('import-file').setInputFiles(resolve(root, '../shared/data/online_retail/online_retail.csv.gz'));
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('analysis-ready')).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('tab-forecast').click();
  // Everything the tab can show: the comparison, a forecast, a customer in detail, the holdout check, sBG, BG/BB.
  await page.getByTestId('forecast-run').click();
  await expect(page.getByTestId('prediction-table')).toBeVisible({ timeout: 120_000 });
  await page.getByTestId('prediction-customer').first().click();
  await expect(page.getByTestId('customer-detail')).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('holdout-run').click();
  await expect(page.getByTestId('tracking')).toBeVisible({ timeout: 120_000 });
  await page.getByTestId('retention-run').click();
  await expect(page.getByTestId('retention-chart')).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('bgbb-run').click();
  await expect(page.getByTestId('bgbb-table')).toBeVisible({ timeout: 60_000 });
  for (const language of ['en', 'vi', 'th']) {
    await page.getByTestId('language').selectOption(language);
    await expect(page.locator('html')).toHaveAttribute('lang', language);
    await settle(page);
    expect(await sidewaysOverflow(page), `${language}: wider than the screen`).toEqual([]);
    expect(await smallChartText(page), `${language}: chart text under 11 px`).toEqual([]);
    expect(await overlappingChartText(page), `${language}: chart texts on top of each other`).toEqual([]);
  }
  await page.context().close();
});
