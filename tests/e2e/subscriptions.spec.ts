/**
 * A billing export (tests/fixtures/subscriptions/billing-invoices.csv; its figures worked out by hand in
 * tests/unit/subscriptions/report.test.ts) opens on the Subscriptions tab: MRR $225 in June 2024 from 5 subscribers,
 * the bridge month by month, NRR 225/220, GRR 200/220, 2 failed payments of which 1 recovered, the LTV over the
 * chosen window (420 over 6 months; no churn over 1), sBG on the monthly plans, and the cohorts, with MRR retained
 * above 100%. In Vietnamese and Thai on a 360 px phone, without sideways scrolling or accessibility violations.
 */
import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { axeViolations } from './axe';
import { PHONE, settle, sidewaysOverflow } from './phone';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const billing = resolve(root, 'tests/fixtures/subscriptions/billing-invoices.csv');

async function importBilling(page: Page) {
  await page.goto('./');
  await page.getByTestId('import-file').setInputFiles(billing);
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('analysis-ready')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('subscriptions-view')).toBeVisible({ timeout: 30_000 });
}

const value = (page: Page, id: string) => page.getByTestId(id).locator('.value');

test('a billing export opens on its subscriptions, with the hand-computed figures', async ({ page }) => {
  await importBilling(page);
  await expect(page.getByTestId('tab-subscriptions')).toHaveAttribute('aria-selected', 'true');
  await expect(value(page, 'subs-kpi-mrr')).toHaveText('$225.00');
  await expect(page.getByTestId('subs-kpi-mrr')).toContainText('MRR, Jun 2024');
  await expect(page.getByTestId('subs-kpi-mrr')).toContainText('ARR $2,700.00');
  await expect(value(page, 'subs-kpi-subscribers')).toHaveText('5');
  await expect(value(page, 'subs-kpi-arpa')).toHaveText('$45.00');
  await page.getByTestId('subs-kpi-arpa').getByText('How is this computed?').click();
  await expect(page.getByTestId('subs-kpi-arpa').locator('details p')).toHaveText('Average revenue per account: MRR ÷ subscribers = $225.00 ÷ 5.');
  await expect(value(page, 'subs-kpi-nrr')).toHaveText('102.3%');
  await page.getByTestId('subs-kpi-nrr').getByText('How is this computed?').click();
  await expect(page.getByTestId('subs-kpi-nrr').locator('details p')).toContainText('= $225.00 ÷ $220.00');
  await expect(value(page, 'subs-kpi-grr')).toHaveText('90.9%');
  await expect(page.getByTestId('subs-kpi-grr')).toContainText('Jan 2024 → Jun 2024');
  await expect(value(page, 'subs-kpi-churn')).toHaveText('0%');
  await expect(value(page, 'subs-kpi-annual')).toHaveText('22.2%');
  await expect(value(page, 'subs-kpi-failed')).toHaveText('2');
  await expect(page.getByTestId('subs-kpi-failed')).toContainText('1 recovered (50%)');
  await expect(value(page, 'subs-kpi-refunded')).toHaveText('$20.00');
  await expect(page.getByTestId('subs-kpi-refunded')).toContainText('of $1,945.00 paid');
  await expect(page.getByTestId('subs-notes')).toContainText('Payments: 24 paid; 2 not paid yet (open, draft, pending); 1 void; 1 failed; 0 refunded.');
  await expect(page.getByTestId('subs-notes')).toContainText('1 subscription had no plan interval');

  // The bridge as a table: every movement of every month.
  const bridge = page.getByTestId('subs-bridge');
  await bridge.getByRole('button', { name: 'View as table' }).click();
  await expect(bridge.locator('tbody tr')).toHaveText([
    /Jan 2024\s*\$220\.00\s*\$0\.00\s*\$0\.00\s*\$0\.00\s*\$0\.00\s*\$220\.00/,
    /Feb 2024\s*\$60\.00\s*\$30\.00\s*\$0\.00\s*\$0\.00\s*\$0\.00\s*\$310\.00/,
    /Mar 2024\s*\$100\.00\s*\$0\.00\s*\$0\.00\s*\$0\.00\s*−\$40\.00\s*\$370\.00/,
    /Apr 2024\s*\$0\.00\s*\$0\.00\s*\$0\.00\s*−\$50\.00\s*\$0\.00\s*\$320\.00/,
    /May 2024\s*\$0\.00\s*\$0\.00\s*\$40\.00\s*\$0\.00\s*−\$160\.00\s*\$200\.00/,
    /Jun 2024\s*\$0\.00\s*\$25\.00\s*\$0\.00\s*\$0\.00\s*\$0\.00\s*\$225\.00/,
  ]);

  // LTV: 6 months by default (45 ÷ 3/28), 3 months (45 × 17/2), and a clear message for June alone (no churn).
  const ltv = page.getByTestId('subs-ltv');
  await expect(ltv.getByTestId('subs-ltv-value')).toContainText('$420.00');
  await expect(ltv).toContainText('ARPA × margin ÷ monthly churn = $45.00 × 100% ÷ 10.71%');
  await expect(ltv.getByTestId('subs-ltv-small')).toContainText('only 28 subscriber-months');
  await ltv.getByTestId('subs-ltv-window').selectOption('3');
  await expect(ltv.getByTestId('subs-ltv-value')).toContainText('$382.50');
  await ltv.getByTestId('subs-ltv-window').selectOption('1');
  await expect(ltv.getByTestId('subs-ltv-no-churn')).toContainText('No subscriber left from Jun 2024 to Jun 2024, so churn is 0');

  // sBG on the monthly plans (α 10.778, β 52.528); the quarterly and yearly ones have no cancellation yet.
  const monthly = page.getByTestId('subs-sbg-month');
  await expect(monthly).toContainText('6 subscriptions: 3 ended, 3 still paying');
  await expect(monthly).toContainText('α 10.778, β 52.528');
  // E[T] = (α + β − 1)/(α − 1) = 6.37 months; the price of a month $57.50 × DEL at 10% a year.
  await expect(monthly.getByTestId('subs-sbg-months')).toHaveText('6.4');
  await expect(monthly.getByTestId('subs-sbg-value')).toHaveText('$349.94');
  await expect(page.getByTestId('subs-sbg-quarter')).toContainText('1 subscription: 0 ended, 1 still paying');
  await expect(page.getByTestId('subs-sbg-year')).toContainText('Nobody has cancelled yet');

  // Cohorts: January's 5 customers; its MRR a month later is 250 of 220 (114%).
  const cohorts = page.getByTestId('subs-cohorts');
  await expect(cohorts.locator('tbody tr').first()).toHaveText(/Jan 2024\s*5\s*100%\s*100%\s*80%\s*80%\s*100%\s*100%/);
  await cohorts.getByTestId('subs-cohort-metric').selectOption('mrr');
  await expect(cohorts.locator('tbody tr').first()).toHaveText(/Jan 2024\s*5\s*100%\s*114%\s*95%\s*73%\s*91%\s*102%/);

  // Pictures and CSV, as every chart has them: the heatmap's SVG holds its cells; the MRR table's CSV its figures.
  const [svg] = await Promise.all([page.waitForEvent('download'), cohorts.getByTestId('chart-download-svg').click()]);
  expect(svg.suggestedFilename()).toBe('Cohorts-by-start-month.svg');
  const picture = readFileSync((await svg.path())!, 'utf8');
  expect(picture).toContain('Cohorts by start month');
  expect(picture).toContain('114%');
  expect(picture).not.toContain('color-mix');
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('subs-mrr').getByTestId('table-download-csv').click()]);
  const rows = readFileSync((await csv.path())!, 'utf8').slice(1).trimEnd().split('\r\n');
  expect(rows[0]).toBe('Month,MRR,Subscribers,ARPA,Customer churn,Revenue churn');
  expect(rows[6]).toBe('Jun 2024,$225.00,5,$45.00,0%,0%');

  // The Forecast tab's order-based retention view points to this tab for a billing export.
  await page.getByTestId('tab-forecast').click();
  await expect(page.getByTestId('retention-billing')).toContainText('the Subscriptions tab reads each plan’s interval');
  // And the tab says, before any fit, what its purchase models make of payments on a schedule.
  await expect(page.getByTestId('forecast-billing')).toContainText('a yearly subscriber’s single payment looks like a customer who bought once');
});

test('the What-if tab of a billing export prices dunning on its unrecovered payment and says what annual plans already do', async ({ page }) => {
  await importBilling(page);
  await page.getByTestId('tab-whatif').click();
  // June: $50 of $225 MRR on C's yearly plan. No yearly subscriber has left: no churn to compare.
  await expect(page.getByTestId('annual-from-data')).toContainText('Your billing data: 22% of MRR is on annual plans now.');
  await expect(page.getByTestId('annual-from-data')).toContainText('Too few monthly or yearly subscribers have left');
  // E's May payment ($60) was never recovered: the dunning lever can act.
  await expect(page.getByTestId('lever-dunningPercent')).toBeEnabled();
});

test('the exported snapshot carries the subscriptions, and opens on them when shared', async ({ page, browser }) => {
  await importBilling(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-snapshot').click()]);
  const file = readFileSync((await download.path())!);
  const snapshot = JSON.parse(file.toString('utf8'));
  expect(snapshot.subscriptions.months.map((m: { mrr: number }) => m.mrr)).toEqual([220, 310, 370, 320, 200, 225]);
  expect([snapshot.subscriptions.nrr, snapshot.subscriptions.grr, snapshot.subscriptions.failedPayments, snapshot.subscriptions.recovered]).toEqual([225 / 220, 200 / 220, 2, 1]);

  const other = await (await browser.newContext()).newPage();
  await other.goto('./');
  await other.getByTestId('import-file').setInputFiles({ name: 'billing.clv.json', mimeType: 'application/json', buffer: file });
  const view = other.getByTestId('shared-snapshot');
  await expect(view).toBeVisible({ timeout: 30_000 });
  await expect(view.getByTestId('shared-tab-subscriptions')).toHaveAttribute('aria-selected', 'true');
  await expect(view.getByTestId('shared-subs-mrr').locator('.value')).toHaveText('$225.00');
  await expect(view.getByTestId('shared-subs-arpa').locator('.value')).toHaveText('$45.00');
  await expect(view.getByTestId('shared-subs-nrr').locator('.value')).toHaveText('102.3%');
  await expect(view.getByTestId('shared-subs-grr')).toContainText('Jan 2024 → Jun 2024');
  await expect(view.getByTestId('shared-subs-failed')).toContainText('1 recovered (50%)');
  await view.getByTestId('shared-subs-bridge').getByRole('button', { name: 'View as table' }).click();
  await expect(view.getByTestId('shared-subs-bridge').locator('tbody tr').nth(4)).toHaveText(/May 2024\s*\$0\.00\s*\$0\.00\s*\$40\.00\s*\$0\.00\s*−\$160\.00\s*\$200\.00\s*5/);
  await other.context().close();
});

for (const language of ['vi', 'th']) {
  test(`the Subscriptions tab in ${language} fits a 360 px phone and has no accessibility violations`, async ({ browser }) => {
    // As phonePage (phone.ts) makes it, with the CSP bypassed for axe's script.
    const context = await browser.newContext({ viewport: PHONE, hasTouch: true, bypassCSP: true });
    const phone = await context.newPage();
    await phone.addInitScript((code) => localStorage.setItem('clv.locale', code), language);
    await importBilling(phone);
    await expect(phone.getByTestId('tab-subscriptions')).toHaveText(language === 'vi' ? 'Thuê bao' : 'สมาชิก');
    await settle(phone);
    expect(await sidewaysOverflow(phone)).toEqual([]);
    expect(await axeViolations(phone, root)).toEqual([]);
    // The tables too (the bridge and the cohorts' counts), which scroll inside their own boxes.
    for (const id of ['subs-bridge', 'subs-cohorts']) await phone.getByTestId(id).locator('button[aria-pressed]').click();
    await settle(phone);
    expect(await sidewaysOverflow(phone)).toEqual([]);
    await phone.screenshot({ path: `tests/e2e/.output/subscriptions-${language}.png`, fullPage: true });
    await context.close();
  });
}
