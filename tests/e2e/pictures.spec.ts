/**
 * Pictures and the report, on the sample shop: a chart downloaded as SVG (title, legend and units inside, the
 * theme's colours resolved, nothing that runs) and as PNG (the signature, a plausible size), a table downloaded as
 * CSV and read back (BOM, the table's rows, no cell a spreadsheet would run), and the printable report with the
 * dashboard's key figures, in English and Vietnamese, at most three A4 pages.
 */
import { test, expect, type Download, type Page } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { axeViolations } from './axe';
import { PHONE, settle, sidewaysOverflow } from './phone';
import { chartFileName } from '../../src/core/export/file-name';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');

async function openSample(page: Page) {
  await page.goto('./');
  await page.getByTestId('import-sample').click();
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('analysis-ready')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('cohort-section')).toBeVisible({ timeout: 20_000 });
  await settle(page);
}

async function download(page: Page, click: () => Promise<void>): Promise<{ file: Download; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  return { file, bytes: readFileSync((await file.path())!) };
}

/** The text of every <text> element of an SVG file, entities decoded. */
const svgTexts = (svg: string) =>
  [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1].replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&'));

/** The width and height in a PNG's IHDR chunk. */
const pngSize = (png: Buffer) => ({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) });

test('a chart as SVG and PNG, a table as CSV, from the sample shop', async ({ page }) => {
  await openSample(page);
  const frame = page.getByTestId('cohort-section');
  const title = (await frame.locator('h3').innerText()).trim();
  const legend = (await frame.getByTestId('cohort-legend').locator('.caption').innerText()).trim();

  const svg = await download(page, () => frame.getByTestId('chart-download-svg').click());
  expect(svg.file.suggestedFilename()).toBe(chartFileName(title, 'svg'));
  writeFileSync(test.info().outputPath('cohorts.svg'), svg.bytes);
  const text = svg.bytes.toString('utf8');
  expect(text.startsWith('<?xml')).toBe(true);
  const texts = svgTexts(text);
  expect(texts.join('\n')).toContain(title);
  expect(texts).toContain(legend);
  expect(texts).toContain('Cohort');
  expect(texts).toContain('100'); // a cell's value (per cent)
  expect(texts.some((s) => s.startsWith('Months since first order'))).toBe(true); // the axis and its unit
  expect(texts.some((s) => s.startsWith('sample-shop.csv · CLV Studio, '))).toBe(true); // where it comes from
  expect(text).not.toMatch(/var\(|<script|foreignObject|\son[a-z]+=/);
  // The light theme's surface behind it, as the page resolves it.
  expect(text).toMatch(/<rect width="100%" height="100%" fill="rgb\(255, 255, 255\)"\/>/);

  const png = await download(page, () => frame.getByTestId('chart-download-png').click());
  expect(png.file.suggestedFilename()).toBe(chartFileName(title, 'png'));
  writeFileSync(test.info().outputPath('cohorts.png'), png.bytes);
  expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const size = pngSize(png.bytes);
  const svgW = Number(text.match(/<svg[^>]*width="(\d+)"/)![1]);
  expect(size.width).toBe(svgW * 2);
  expect(size.height).toBeGreaterThan(300);
  expect(png.bytes.length).toBeGreaterThan(10_000);
  console.log(`cohort heatmap: SVG ${svg.bytes.length} bytes, PNG ${size.width}×${size.height} px, ${png.bytes.length} bytes`);

  // Every chart has the two buttons, with names that say which chart.
  for (const id of ['concentration', 'distribution', 'cohort-section', 'curves-section']) {
    const f = page.getByTestId(id);
    const name = (await f.locator('h3').innerText()).trim();
    await expect(f.getByTestId('chart-download-png')).toHaveAccessibleName(`Download “${name}” as a PNG picture`);
    await expect(f.getByTestId('chart-download-svg')).toHaveAccessibleName(`Download “${name}” as an SVG picture`);
  }
  // The Lorenz chart: its axis titles (units) are in the picture.
  const lorenz = svgTexts((await download(page, () => page.getByTestId('concentration').getByTestId('chart-download-svg').click())).bytes.toString('utf8'));
  expect(lorenz.join(' ')).toContain('Share of net revenue');

  // The table, from the chart view: the same rows as the table view shows.
  const csv = await download(page, () => frame.getByTestId('table-download-csv').click());
  const raw = csv.bytes.toString('utf8');
  expect(raw.charCodeAt(0)).toBe(0xfeff);
  const lines = raw.slice(1).split('\r\n').filter(Boolean);
  await frame.getByRole('button', { name: 'View as table' }).click();
  const tableRows = await frame.locator('table tr').count();
  expect(lines.length).toBe(tableRows);
  const firstRow = (await frame.locator('table tbody tr').first().locator('th, td').allInnerTexts()).map((s) => s.trim());
  expect(lines[1].startsWith(firstRow[0])).toBe(true);
  for (const cell of lines.flatMap((l) => l.split(','))) expect(cell).not.toMatch(/^[=+\-@]/);
  // In table view the picture buttons give way; the CSV stays.
  await expect(frame.getByTestId('chart-download-svg')).toHaveCount(0);
  const again = await download(page, () => frame.getByTestId('table-download-csv').click());
  expect(again.bytes.toString('utf8')).toBe(raw);
});

test('a picture in the dark theme carries the dark colours; the report prints light', async ({ browser }) => {
  const context = await browser.newContext({ colorScheme: 'dark' });
  const page = await context.newPage();
  await openSample(page);
  const svg = (await download(page, () => page.getByTestId('curves-section').getByTestId('chart-download-svg').click())).bytes.toString('utf8');
  const png = (await download(page, () => page.getByTestId('curves-section').getByTestId('chart-download-png').click())).bytes;
  writeFileSync(test.info().outputPath('curves-dark.png'), png);
  // --surface and --text of the dark theme.
  expect(svg).toContain('fill="rgb(17, 26, 46)"');
  expect(svg).toContain('rgb(229, 231, 235)');
  expect(svg).not.toContain('var(');
  // The legend: the cohorts drawn and the average, not the chooser's caption.
  expect(svgTexts(svg)).toContain('Average');
  expect(svg).not.toContain('Cohorts to show');
  // The report on paper is light whatever the screen's theme: dark text on white.
  await page.getByTestId('print-report').click();
  const title = page.getByTestId('report').locator('h1');
  expect(await title.evaluate((el) => getComputedStyle(el).color)).toBe('rgb(229, 231, 235)');
  await page.emulateMedia({ media: 'print' });
  expect(await title.evaluate((el) => getComputedStyle(el).color)).toBe('rgb(17, 24, 39)');
  await context.close();
});

const KPIS = ['kpi-customers', 'kpi-net-revenue', 'kpi-purchases', 'kpi-aov', 'kpi-repeat', 'kpi-clv'];

/** The key figures as the dashboard shows them, by test id. */
async function dashboardFigures(page: Page): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const id of KPIS) out[id] = (await page.getByTestId('analysis-ready').getByTestId(id).locator('.value').innerText()).trim();
  return out;
}

/** Pages in a PDF made by Chromium (one /Type /Page object per page). */
const pdfPages = (pdf: Buffer) => pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;

test('the printable report: key figures as on the dashboard, formulas, cohorts, forecast, segments; A4, at most 3 pages; in Vietnamese too', async ({ page }) => {
  await openSample(page);
  const shown = await dashboardFigures(page);
  // A forecast, so that the report has one.
  await page.getByTestId('tab-forecast').click();
  await page.getByTestId('forecast-run').click();
  await expect(page.getByTestId('forecast-summary')).toBeVisible({ timeout: 60_000 });
  const expected = (await page.getByTestId('kpi-expected').locator('.value').innerText()).trim();

  await page.getByTestId('print-report').click();
  const report = page.getByTestId('report');
  await expect(report).toBeVisible();
  await expect(page.getByTestId('analysis-ready')).toBeHidden();
  await expect(report.locator('h1')).toBeFocused();
  await expect(report.locator('h1')).toHaveText('Customer value report: sample-shop.csv');
  for (const id of KPIS) await expect(report.getByTestId(id).locator('.value'), id).toHaveText(shown[id]);
  await expect(report.getByTestId('report-formulas').locator('tbody tr')).toHaveCount(4);
  await expect(report.getByTestId('report-formulas')).toContainText(' × ');
  await expect(report.getByTestId('cohort-heatmap')).toBeVisible();
  await expect(report.getByTestId('kpi-expected').locator('.value')).toHaveText(expected);
  // Paper has no button to press: the report says the holdout check was not run, not "run the check below".
  await expect(report.getByTestId('forecast-summary')).toContainText('The holdout check, which tests');
  await expect(report.getByTestId('forecast-summary')).not.toContainText('below');
  await expect(report.getByTestId('report-segments')).toContainText(/Segments of [\d,]+ customers on/, { timeout: 20_000 });
  await expect(report.getByTestId('report-segments').locator('tbody tr')).toHaveCount(11);

  // On paper: no buttons, A4, one to three pages.
  await page.emulateMedia({ media: 'print' });
  await expect(report.getByTestId('report-print')).toBeHidden();
  await expect(page.locator('button:visible')).toHaveCount(0);
  const pdf = await page.pdf({ preferCSSPageSize: true });
  const pages = pdfPages(pdf);
  console.log(`report: ${pages} A4 pages, PDF ${pdf.length} bytes`);
  expect(pages).toBeGreaterThanOrEqual(1);
  expect(pages).toBeLessThanOrEqual(3);
  writeFileSync(test.info().outputPath('report.pdf'), pdf);
  const box = pdf.toString('latin1').match(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/);
  // A4 is 595 × 842 points.
  expect([Math.round(Number(box?.[1])), Math.round(Number(box?.[2]))]).toEqual([595, 842]);
  await page.emulateMedia({ media: 'screen' });

  // Escape goes back to the dashboard, with focus on the button that opened the report.
  await page.keyboard.press('Escape');
  await expect(report).toHaveCount(0);
  await expect(page.getByTestId('print-report')).toBeFocused();

  // Vietnamese: the report in Vietnamese, with the figures as the Vietnamese dashboard shows them.
  await page.getByTestId('language').selectOption('vi');
  await page.getByTestId('tab-history').click();
  await expect(page.getByTestId('tab-history')).toHaveText('Lịch sử');
  const shownVi = await dashboardFigures(page);
  expect(shownVi['kpi-net-revenue']).not.toBe(shown['kpi-net-revenue']); // formatted the Vietnamese way
  await page.getByTestId('print-report').click();
  await expect(report.locator('h1')).toHaveText('Báo cáo giá trị khách hàng: sample-shop.csv');
  await expect(report).toHaveAttribute('lang', 'vi');
  for (const id of KPIS) await expect(report.getByTestId(id).locator('.value'), id).toHaveText(shownVi[id]);
  await expect(report.getByTestId('report-kpis').locator('h2')).toHaveText('Số liệu chính');
  await expect(report.getByTestId('report-segments')).toContainText('Phân khúc', { timeout: 20_000 });
  await page.emulateMedia({ media: 'print' });
  const pagesVi = pdfPages(await page.pdf({ preferCSSPageSize: true }));
  console.log(`report in Vietnamese: ${pagesVi} A4 pages`);
  expect(pagesVi).toBeLessThanOrEqual(3);
  await page.emulateMedia({ media: 'screen' });
  await report.getByTestId('report-close').click();
  await expect(page.getByTestId('analysis-ready')).toBeVisible();
});

test('on a 360 px phone in Thai: the download buttons and the report fit the screen, take the keyboard, and pass axe', async ({ browser }) => {
  // As phonePage, and with the CSP bypassed for axe's inline script.
  const context = await browser.newContext({ viewport: PHONE, hasTouch: true, bypassCSP: true });
  const page = await context.newPage();
  await page.addInitScript(() => localStorage.setItem('clv.locale', 'th'));
  await openSample(page);
  expect(await sidewaysOverflow(page), 'dashboard: wider than the screen').toEqual([]);
  // The keyboard reaches a chart's PNG button and Enter downloads it.
  const frame = page.getByTestId('concentration');
  await frame.getByTestId('table-download-csv').focus();
  await page.keyboard.press('Shift+Tab');
  await expect(frame.getByTestId('chart-download-svg')).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(frame.getByTestId('chart-download-png')).toBeFocused();
  const png = await download(page, () => page.keyboard.press('Enter'));
  expect(png.file.suggestedFilename()).toMatch(/\.png$/);
  expect([...png.bytes.subarray(1, 4)].map((b) => String.fromCharCode(b)).join('')).toBe('PNG');
  const name = (await frame.locator('h3').innerText()).trim();
  await expect(frame.getByTestId('chart-download-png')).toHaveAccessibleName(`ดาวน์โหลด “${name}” เป็นรูปภาพ PNG`);

  // A chart drawn in HTML (the segments' grid): its cells' numbers are in the picture.
  await page.getByTestId('tab-segments').click();
  const grid = page.getByTestId('rf-grid-frame');
  await expect(grid.getByTestId('rf-grid')).toBeVisible({ timeout: 20_000 });
  const cells = (await grid.getByTestId('rf-grid').locator('.n').allInnerTexts()).map((s) => s.trim());
  const svg = svgTexts((await download(page, () => grid.getByTestId('chart-download-svg').click())).bytes.toString('utf8'));
  expect(svg).toContain('R5');
  expect(svg).toContain('F1');
  for (const n of cells) expect(svg).toContain(n);

  await page.getByTestId('print-report').click();
  const report = page.getByTestId('report');
  await expect(report.locator('h1')).toContainText('รายงานมูลค่าลูกค้า');
  await expect(report.getByTestId('report-segments').locator('tbody tr')).toHaveCount(11, { timeout: 20_000 });
  await settle(page);
  expect(await sidewaysOverflow(page), 'report: wider than the screen').toEqual([]);
  expect(await axeViolations(page, root)).toEqual([]);
  await page.context().close();
});

test('the report of Online Retail (4,372 customers, a forecast the data cannot pin down, its cautions) still fits three A4 pages', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('./');
  await page.getByTestId('import-file').setInputFiles(resolve(root, '../shared/data/online_retail/online_retail.csv.gz'));
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('cohort-section')).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('tab-forecast').click();
  await page.getByTestId('forecast-run').click();
  await expect(page.getByTestId('forecast-summary')).toBeVisible({ timeout: 120_000 });
  await page.getByTestId('print-report').click();
  const report = page.getByTestId('report');
  await expect(report.getByTestId('forecast-caution')).toBeVisible();
  await expect(report.getByTestId('report-segments').locator('tbody tr')).toHaveCount(11, { timeout: 30_000 });
  await page.emulateMedia({ media: 'print' });
  const pages = pdfPages(await page.pdf({ preferCSSPageSize: true }));
  console.log(`Online Retail report: ${pages} A4 pages`);
  expect(pages).toBeLessThanOrEqual(3);
});
