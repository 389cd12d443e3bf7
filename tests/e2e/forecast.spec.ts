/**
 * The forecast tab on the CDNOW sample: the plain-words summary first, the model comparison for analysts one click
 * away, the forecast of a chosen model, the holdout check with its tracking curves, and the snapshot's models and
 * forecast parts, which must equal `npm run analyze` on the same file. Then: keyboard focus after a fit and a check,
 * every column of the predictions at 1280 px, and a file no model can be trusted on (Online Retail II).
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
  await expect(page.getByTestId('forecast-before')).toContainText('predicts each customer’s next 12 months');
  await expect(page.getByTestId('forecast-before')).toContainText('takes a few seconds');
  await page.getByTestId('forecast-run').click();
  // Plain words first: the summary, with no caution (every model is well determined on CDNOW).
  const summary = page.getByTestId('forecast-summary');
  await expect(summary).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('forecast-before')).toHaveCount(0);
  await expect(page.getByTestId('kpi-active')).toContainText(/[\d,]+ of 2,357/);
  await expect(page.getByTestId('kpi-expected')).toContainText(/90% range: [\d,]+ to [\d,]+/);
  await expect(page.getByTestId('forecast-caution')).toHaveCount(0);
  await expect(page.getByTestId('forecast-recommendation')).toHaveText('MBG/NBD is the model your data support best.');
  await expect(page.getByTestId('forecast-model')).toHaveValue('mbgnbd');
  // Likelihoods, AIC/BIC and parameters are one click away.
  const comparison = page.getByTestId('model-comparison');
  await expect(comparison).toBeHidden();
  await page.getByTestId('forecast-analysts').getByText('For analysts').click();
  await expect(comparison).toBeVisible();
  await expect(comparison.locator('tbody tr')).toHaveCount(3);
  await expect(comparison.locator('tr[data-model="mbgnbd"] th')).toHaveText('MBG/NBD · recommended');
  await expect(comparison.locator('tbody tr td:nth-child(2)')).toHaveText([/^yes/, /^yes/, /^yes/]);

  // Fit BG/NBD explicitly; the page's figures must be the headless engine's.
  await page.getByTestId('forecast-model').selectOption('bgnbd');
  await page.getByTestId('forecast-run').click();
  await expect(page.getByTestId('forecast-run')).toBeEnabled({ timeout: 60_000 });
  const cli = JSON.parse(execFileSync('npx', ['tsx', 'src/cli/analyze.ts', sample, '--time-unit', 'week', '--model', 'bgnbd'], { cwd: root, encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } }));
  const expected = Math.round(cli.forecast.expectedPurchases).toLocaleString('en-US');
  await expect(page.getByTestId('kpi-expected')).toContainText(expected);
  await expect(page.getByTestId('forecast-recommendation')).toHaveText('MBG/NBD fits your data better and can be trusted: choose it under Model and fit again.');
  await expect(page.getByTestId('rf-palive')).toBeVisible();
  // The predicted-CLV histogram says what it shows: predicted CLV over the horizon, not historical revenue.
  const histogram = page.getByTestId('predicted-clv-distribution');
  await expect(histogram.getByRole('slider')).toHaveAccessibleName('Distribution of predicted CLV per customer over the next 12 months');
  await expect(histogram).toContainText('Predicted CLV per customer, next 12 months');
  await expect(histogram).not.toContainText('Net revenue per customer');

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
  await expect(page.getByTestId('forecast-holdout-words')).toHaveText(/^Checked on your past data: fitted on the purchases up to Sep 30, 1997, BG\/NBD predicted 1,653 purchases for the time after; 1,882 happened \(-12\.\d%\)\. That is roughly right\.$/);
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
  await expect(page.getByTestId('retention')).toContainText('2,357 customers');

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
  expect(exported.forecast).toMatchObject({ reliable: true, cautions: [] });
  expect(exported.models.bgnbd.reliable).toBe(true);
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
  // Both read in one look, every frame: with expect's polling (up to a second apart) the step had sometimes ended
  // between the look at its name and the look at the bar.
  const progress = page.getByTestId('forecast-progress');
  await page.waitForFunction(
    () => {
      const box = document.querySelector('[data-testid="forecast-progress"]');
      return box !== null && (box.textContent ?? '').includes('Pareto/NBD (3 of 3)') && box.querySelector('progress')?.getAttribute('value') === '2';
    },
    undefined,
    { timeout: 60_000, polling: 'raf' },
  );
  await page.getByTestId('forecast-cancel').click();
  await expect(progress).toHaveCount(0);
  await expect(page.getByText('Stopped.')).toBeVisible();
  await expect(page.getByTestId('forecast-run')).toBeEnabled();
  // The page stayed usable, and nothing half-fitted is shown.
  await expect(page.getByTestId('model-comparison')).toHaveCount(0);
  await page.getByTestId('tab-history').click();
  await expect(page.getByTestId('kpi-customers')).toBeVisible();
});

test('keyboard focus moves to the new results after a fit and after a holdout check', async ({ page }) => {
  await page.goto('./');
  await page.getByTestId('import-sample').click();
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('analysis-ready')).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('tab-forecast').click();
  await page.getByTestId('forecast-run').focus();
  await page.keyboard.press('Enter');
  const heading = page.getByRole('heading', { name: 'What the next 12 months may bring' });
  await expect(heading).toBeFocused({ timeout: 60_000 });
  // A new horizon predicts again without taking focus from the field being edited.
  await page.getByTestId('forecast-horizon').fill('6');
  await expect(page.getByRole('heading', { name: 'What the next 6 months may bring' })).toBeVisible();
  await expect(page.getByTestId('forecast-horizon')).toBeFocused();
  await page.getByTestId('holdout-run').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('holdout-result')).toBeFocused({ timeout: 60_000 });
  // Tab from there goes on through the results, not from the top of the page.
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.closest('[data-testid="holdout"]') !== null)).toBe(true);
});

test('at 1280 px the predictions table shows every column, in English, Vietnamese and Thai', async ({ browser }) => {
  for (const language of ['en', 'vi', 'th']) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.addInitScript((code) => localStorage.setItem('clv.locale', code), language);
    await page.goto('./');
    await page.getByTestId('import-sample').click();
    await page.getByTestId('import-confirm').click();
    await expect(page.getByTestId('analysis-ready')).toBeVisible({ timeout: 30_000 });
    await page.getByTestId('tab-forecast').click();
    await page.getByTestId('forecast-run').click();
    const table = page.getByTestId('prediction-table');
    await expect(table).toBeVisible({ timeout: 60_000 });
    // Sorted as it opens (by CLV), and by the next purchase, the longest waits first.
    for (const sort of [null, 'next', 'next']) {
      if (sort) await page.getByTestId(`psort-${sort}`).click();
      const { client, scroll } = await table.locator('.scroller').evaluate((el) => ({ client: el.clientWidth, scroll: el.scrollWidth }));
      expect(scroll, `${language}, sorted by ${sort ?? 'CLV'}`).toBeLessThanOrEqual(client);
    }
    await context.close();
  }
});

test('Online Retail II: no model can be trusted, so none is preselected and the figures say so', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('./');
  await page.getByTestId('import-file').setInputFiles(resolve(root, '../shared/data/online_retail/online_retail_II_2009_2010.csv.gz'));
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('analysis-ready')).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('tab-forecast').click();
  // The reader's choice; BG/NBD has the lowest BIC (a = 0.27 ± 1.30, b = 193 ± 1,007) and used to replace it.
  await page.getByTestId('forecast-model').selectOption('mbgnbd');
  await page.getByTestId('forecast-run').click();
  await expect(page.getByTestId('forecast-summary')).toBeVisible({ timeout: 150_000 });
  await expect(page.getByTestId('forecast-model')).toHaveValue('mbgnbd');
  const caution = page.getByTestId('forecast-caution');
  await expect(caution).toContainText('Your data cannot tell how quickly customers stop buying');
  await expect(caution).toContainText('What helps: a longer history');
  await expect(page.getByTestId('forecast-recommendation')).toHaveText('None of the three models can be trusted on your data, so none is recommended; these figures come from MBG/NBD.');
  await expect(page.getByTestId('kpi-active')).toContainText('Could be far off');
  await expect(page.getByTestId('kpi-expected')).not.toContainText('90% range');
  await expect(page.getByTestId('rf-palive')).toContainText('Could be far off');
  await expect(page.getByTestId('prediction-table')).toContainText('Could be far off');
  await expect(page.getByText('Predictions remain usable')).toHaveCount(0);
  await page.getByTestId('forecast-analysts').getByText('For analysts').click();
  await expect(page.getByTestId('model-comparison').locator('tbody th')).toHaveText(['BG/NBD', 'MBG/NBD', 'Pareto/NBD']);
  await expect(page.getByTestId('model-comparison').locator('tbody tr td:nth-child(2)')).toHaveText(['no', 'no', 'no']);
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
    await page.getByTestId('forecast-analysts').getByText('For analysts').click();
    await expect(page.getByTestId('model-comparison')).toBeVisible();
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
