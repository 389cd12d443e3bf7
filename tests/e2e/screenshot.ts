/**
 * `npm run screenshot`: the README's and the manifest's screenshots, taken from the built app with the sample shop,
 * so they always show what the app really draws. Run after `npm run build`.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { startPreview } from '../support/preview-server';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const server = await startPreview(root, 4198);
try {
  const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  for (const [name, viewport] of [['dashboard-wide', { width: 1280, height: 860 }], ['dashboard-phone', { width: 390, height: 844 }]] as const) {
    const page = await browser.newPage({ viewport, deviceScaleFactor: name === 'dashboard-phone' ? 2 : 1 });
    await page.goto(server.url);
    await page.getByTestId('import-sample').click();
    await page.getByTestId('import-confirm').click();
    await page.getByTestId('analysis-ready').waitFor();
    const dismiss = page.getByRole('button', { name: 'Dismiss' });
    if (await dismiss.isVisible()) await dismiss.click();
    await page.waitForTimeout(300);
    await page.screenshot({ path: resolve(root, `public/screenshots/${name}.png`) });
    await page.close();
  }
  // The forecast tab after fitting (README only).
  const page = await browser.newPage({ viewport: { width: 1280, height: 1400 } });
  await page.goto(server.url);
  await page.getByTestId('import-sample').click();
  await page.getByTestId('import-confirm').click();
  await page.getByTestId('analysis-ready').waitFor();
  const dismiss = page.getByRole('button', { name: 'Dismiss' });
  if (await dismiss.isVisible()) await dismiss.click();
  await page.getByTestId('tab-forecast').click();
  await page.getByTestId('forecast-run').click();
  await page.getByTestId('prediction-table').waitFor({ timeout: 60_000 });
  await page.waitForTimeout(300);
  await page.screenshot({ path: resolve(root, 'public/screenshots/forecast-wide.png') });
  await page.close();
  await browser.close();
} finally {
  server.stop();
}
