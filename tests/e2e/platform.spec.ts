/**
 * A Shopify orders export as its owner downloads it (tests/fixtures/platforms/shopify-orders.csv, figures worked out
 * by hand in that folder's README): the mapping step lists the statuses found with their orders and rows and which
 * count by default, the cards state what they divide by what with the same counts, and the orders left out for
 * their status are listed. Ticking "pending" counts cat's $45.00 order, and is remembered for the next file with
 * the same columns.
 */
import { test, expect, type Page } from '@playwright/test';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const shopify = resolve(root, 'tests/fixtures/platforms/shopify-orders.csv');

const card = (page: Page, id: string) => page.getByTestId(id);
async function formulaOf(page: Page, id: string) {
  await card(page, id).getByText('How is this computed?').click();
  return card(page, id).locator('details p');
}

test('Shopify: statuses chosen in the mapping, orders counted once, refunds as money, cards that add up', async ({ page }) => {
  await page.goto('./');
  await page.getByTestId('import-file').setInputFiles(shopify);
  const choices = page.getByTestId('status-choices');
  await expect(choices).toBeVisible();
  await expect(page.getByTestId('map-status').locator('option:checked')).toHaveText('Financial Status');
  await expect(page.getByTestId('map-orderId').locator('option:checked')).toHaveText('Name');
  await expect(page.getByTestId('map-refunded').locator('option:checked')).toHaveText('Refunded Amount');
  // Most rows first; a blank status cell takes its order's (#1001's second line is paid).
  const expected: [string, boolean, string][] = [
    ['paid', true, '5 orders, 7 rows'],
    ['partially_refunded', true, '1 orders, 3 rows'],
    ['refunded', false, '1 orders, 2 rows'],
  ];
  for (const [status, counts, text] of expected) {
    const box = choices.locator(`[data-status="${status}"]`);
    await expect(box).toBeChecked({ checked: counts });
    await expect(box.locator('xpath=..')).toContainText(text);
  }
  for (const status of ['voided', 'pending', 'authorized']) await expect(choices.locator(`[data-status="${status}"]`)).not.toBeChecked();

  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('analysis-ready')).toBeVisible({ timeout: 30_000 });
  // ann, bob and dan; cat (voided, pending) and eve (authorized) have nothing counted.
  await expect(card(page, 'kpi-customers').locator('.value')).toHaveText('3');
  await expect(card(page, 'kpi-net-revenue').locator('.value')).toHaveText('$235.36');
  await expect(await formulaOf(page, 'kpi-net-revenue')).toHaveText('Sum of all amounts used, refunds subtracted: $250.36 − $15.00');
  // Six orders of ten lines: a total written on an order's first line only is counted once.
  await expect(card(page, 'kpi-purchases').locator('.value')).toHaveText('6');
  await expect(card(page, 'kpi-purchases')).toContainText('10 line items (1.67 per order)');
  await expect(card(page, 'kpi-refunds').locator('.value')).toHaveText('$15.00');
  await expect(card(page, 'kpi-refunds')).toContainText('1 refund ·');
  // 250.36 ÷ 6 = 41.73; 6 orders ÷ 3 customers; all three ordered twice.
  await expect(card(page, 'kpi-aov').locator('.value')).toHaveText('$41.73');
  await expect(await formulaOf(page, 'kpi-aov')).toHaveText('Gross revenue $250.36 ÷ 6 orders');
  await expect(await formulaOf(page, 'kpi-frequency')).toHaveText('6 orders ÷ 3 customers');
  await expect(await formulaOf(page, 'kpi-repeat')).toHaveText('3 customers with 2 or more orders ÷ 3 customers');
  await expect(await formulaOf(page, 'kpi-clv')).toHaveText('Net revenue $235.36 ÷ 3 customers who bought');
  await expect(await formulaOf(page, 'kpi-rows')).toHaveText('15 rows read = 10 counted + 5 left out for their status + 0 rejected');

  const excluded = page.getByTestId('excluded-statuses');
  await excluded.locator('summary').click();
  await expect(excluded.locator('tbody tr')).toHaveText([/refunded\s*2\s*1/, /authorized\s*1\s*1/, /pending\s*1\s*1/, /voided\s*1\s*1/]);
  await expect(page.getByTestId('excluded-only-customers')).toHaveText('2 customers have only such orders and are not counted as customers.');

  // The owner counts pending orders: cat's $45.00 order joins.
  await page.getByTestId('new-import').click();
  await page.getByTestId('import-file').setInputFiles(shopify);
  await choices.locator('[data-status="pending"]').check();
  await page.getByTestId('import-confirm').click();
  await expect(card(page, 'kpi-customers').locator('.value')).toHaveText('4', { timeout: 30_000 });
  await expect(card(page, 'kpi-net-revenue').locator('.value')).toHaveText('$280.36');
  await expect(card(page, 'kpi-purchases').locator('.value')).toHaveText('7');
  // Remembered with the columns: the next file like it starts with pending ticked.
  await page.getByTestId('new-import').click();
  await page.getByTestId('import-file').setInputFiles(shopify);
  await expect(choices.locator('[data-status="pending"]')).toBeChecked();
  await expect(choices.locator('[data-status="voided"]')).not.toBeChecked();
});

test('a purchase log without amounts imports: counts are real, money says there is none', async ({ page }) => {
  // ../shared/data/grocery/groceryElog.csv: customer and date only; 10,483 rows, 1,525 customers (counted with
  // Python's csv module).
  await page.goto('./');
  await page.getByTestId('import-file').setInputFiles(resolve(root, '../shared/data/grocery/groceryElog.csv'));
  await expect(page.getByTestId('purchase-log-note')).toContainText('read as a purchase log');
  await expect(page.getByTestId('import-confirm')).toBeEnabled();
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('analysis-ready')).toBeVisible({ timeout: 30_000 });
  await expect(card(page, 'kpi-customers').locator('.value')).toHaveText('1,525');
  await expect(card(page, 'kpi-net-revenue').locator('.value')).toHaveText('No amounts');
  await expect(card(page, 'kpi-rows').locator('.value')).toHaveText('10,483');
});
