/**
 * The Segments tab on UCI Online Retail: segments that add up to the 4,339 buyers, a segment's customers, a list
 * downloaded and read back (UTF-8 BOM, no cell a spreadsheet would run), survey answers attached (NPS worked out by
 * hand), accessibility, and a 360 px screen.
 */
import { test, expect, type Page } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { axeViolations } from './axe';
import { tempDir } from '../support/temp-dir';

/** Files the tests write, removed when the file's tests are done. */
const dir = tempDir('nps-', test.afterAll);

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const retail = resolve(root, '../shared/data/online_retail/online_retail.csv.gz');

async function openSegments(page: Page) {
  await page.goto('./');
  await page.getByTestId('import-file').setInputFiles(retail);
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('analysis-ready')).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('tab-segments').click();
  await expect(page.getByTestId('segments-table')).toContainText('4,339 customers', { timeout: 30_000 });
}

const int = (text: string) => Number(text.replace(/[^\d]/g, ''));

test('segments, their customers, a list to download and NPS, on Online Retail', async ({ page }) => {
  await openSegments(page);
  const rows = page.getByTestId('segments-table').locator('tbody tr');
  await expect(rows).toHaveCount(11);
  // Every buyer in exactly one segment: the segment sizes add up to 4,339.
  const sizes = await rows.locator('td:nth-child(2)').allInnerTexts();
  expect(sizes.map(int).reduce((a, v) => a + v, 0)).toBe(4339);
  // The 5 × 5 grid counts the same customers.
  const cells = await page.getByTestId('rf-grid').locator('.n').allInnerTexts();
  expect(cells.map(int).reduce((a, v) => a + v, 0)).toBe(4339);

  await page.getByTestId('segment-champions').click();
  const members = page.getByTestId('segment-members');
  await expect(members).toContainText(/Champions: [\d,]+ customers/);

  // The win-back list, downloaded: Excel reads Vietnamese and Thai from a UTF-8 file with a BOM; no formula cells.
  await page.getByTestId('list-winBack').click();
  const list = page.getByTestId('action-list');
  await expect(list).toContainText(/not bought for 180 days or more/);
  const total = int((await list.getByText(/ of 4,339 customers\./).innerText()).split(' of ')[0]);
  expect(total).toBeGreaterThan(0);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('list-download').click()]);
  const text = readFileSync((await download.path())!, 'utf8');
  expect(text.startsWith('\uFEFF')).toBe(true);
  const lines = text.slice(1).trimEnd().split('\r\n');
  expect(lines[0]).toBe('Customer,Last purchase,Days since,Purchases,Spent so far,Usual gap,Still buying,Spent so far');
  expect(lines).toHaveLength(total + 1);
  for (const line of lines) expect(line).not.toMatch(/(^|,)[=+\-@]/);
  // Ranked by what they spent, largest first.
  const spent = lines.slice(1, 6).map((l) => Number(l.split(',').at(-1)));
  expect([...spent].sort((a, b) => b - a)).toEqual(spent);

  // Survey answers: 14646 10, 17850 9 (promoters), 99999 8 (passive, no such customer), 12346 3 (detractor).
  // NPS = (2 − 1) / 4 = 25 points; margin 1.96 × 100 × √((0.75 − 0.0625) / 4) = 81.
  const survey = join(dir(), 'khao-sat.csv');
  writeFileSync(survey, 'Mã khách hàng;Điểm;Ngày trả lời;Nhận xét\n14646;10;05/12/2011;Tuyệt vời\n17850;9;06/12/2011;\n99999;8;07/12/2011;\n12346;3;08/12/2011;=HYPERLINK("x")\n');
  await page.getByTestId('nps-file').setInputFiles(survey);
  const score = page.getByTestId('nps-score');
  await expect(score).toContainText('25');
  await expect(score).toContainText('± 81 points (95%), from 4 customers');
  await expect(page.getByTestId('nps-unmatched')).toContainText('1 answering customers match no customer');
  const groups = page.getByTestId('nps-groups');
  await expect(groups.locator('tbody tr').nth(2)).toContainText('Detractors (0–6)');
  const [called] = await Promise.all([page.waitForEvent('download'), page.getByTestId('nps-download').click()]);
  const calls = readFileSync((await called.path())!, 'utf8').slice(1).trimEnd().split('\r\n');
  expect(calls[1]).toMatch(/^12346,3,2011-12-08,"?'=HYPERLINK/);
});

test('the Segments tab has no serious accessibility violations and fits a 360 px screen', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 360, height: 800 }, bypassCSP: true });
  const page = await context.newPage();
  await openSegments(page);
  await page.getByTestId('list-grow').click();
  await expect(page.getByTestId('action-list')).toContainText('Active customers');
  const overflow = await page.evaluate(() => {
    const wide = [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > 360.5 && getComputedStyle(e).visibility !== 'hidden' && !e.closest('.wrap, [class*="wrap"], table'));
    return { width: document.documentElement.scrollWidth, wide: wide.slice(0, 5).map((e) => `${e.tagName}.${e.className}`) };
  });
  expect(overflow.width, overflow.wide.join(', ')).toBeLessThanOrEqual(360);
  expect(overflow.wide).toEqual([]);
  expect(await axeViolations(page, root)).toEqual([]);
  await context.close();
});
