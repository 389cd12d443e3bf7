/**
 * The first visit must not move what is already on the screen (Lighthouse's Cumulative Layout Shift, at most 0.1 for a
 * "good" page): the "works offline" banner appeared above the page once the service worker had installed and pushed
 * everything down (0.21), and on a phone the dataset list, drawn below the main column before the datasets were read,
 * was pushed down when the import screen appeared (0.17). Every layout shift the page reports from its first paint
 * until the banner has appeared (and a moment after) is summed here, as Chromium reports them.
 */
import { test, expect } from '@playwright/test';

for (const [name, viewport] of [['phone', { width: 412, height: 823 }], ['desktop', { width: 1280, height: 800 }]] as const) {
  test(`a first visit on a ${name} screen shifts the layout by less than 0.1, the offline banner included`, async ({ browser }) => {
    // A fresh context: no service worker, nothing stored, as for a first visitor.
    const context = await browser.newContext({ viewport });
    try {
      const page = await context.newPage();
      await page.addInitScript(() => {
        const shifts: { value: number; sources: string[] }[] = [];
        (window as unknown as { __shifts: typeof shifts }).__shifts = shifts;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean; sources?: { node?: Node | null }[] })[]) {
            if (entry.hadRecentInput) continue;
            shifts.push({ value: entry.value, sources: (entry.sources ?? []).map((s) => (s.node instanceof Element ? `${s.node.tagName.toLowerCase()}.${s.node.className}` : String(s.node?.nodeName))) });
          }
        }).observe({ type: 'layout-shift', buffered: true });
      });
      await page.goto('/');
      await expect(page.getByText('CLV Studio now works offline.')).toBeVisible({ timeout: 30_000 });
      // Shifts are reported after the frame that made them: give the page a few frames.
      await page.evaluate(() => new Promise((done) => setTimeout(done, 500)));
      const shifts = await page.evaluate(() => (window as unknown as { __shifts: { value: number; sources: string[] }[] }).__shifts);
      const total = shifts.reduce((sum, s) => sum + s.value, 0);
      expect(total, `layout shifts: ${JSON.stringify(shifts)}`).toBeLessThan(0.1);
      // The banner lies over the page: the header it used to push down is still at the top.
      expect((await page.locator('header.top').boundingBox())?.y).toBe(0);
      const banner = page.getByRole('status').filter({ hasText: 'CLV Studio now works offline.' });
      const box = await banner.boundingBox();
      expect(box && box.y + box.height).toBeLessThanOrEqual(viewport.height);
    } finally {
      await context.close();
    }
  });
}

/**
 * What the first frame holds, seen from the page: the moment the header is first in the document, is the import
 * screen's file input there too? A first visit (nothing stored) must draw both at once, without waiting for the compute
 * worker to start and read an empty list (the import screen's render then fell after the first paint). With a dataset
 * stored, the page must wait for the list instead, so the import screen never flashes before the dashboard.
 */
async function watchFirstFrame(page: import('@playwright/test').Page) {
  await page.addInitScript(() => {
    const seen = { header: false, importWithHeader: false };
    (window as unknown as { __first: typeof seen }).__first = seen;
    new MutationObserver((_, observer) => {
      if (!document.querySelector('header.top')) return;
      seen.header = true;
      seen.importWithHeader = document.querySelector('[data-testid="import-file"]') !== null;
      observer.disconnect();
    }).observe(document, { childList: true, subtree: true });
  });
}

const firstFrame = (page: import('@playwright/test').Page) =>
  page.evaluate(() => (window as unknown as { __first: { header: boolean; importWithHeader: boolean } }).__first);

test('a first visit draws the import screen with the header, and a return visit with data never flashes it', async ({ browser }) => {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await watchFirstFrame(page);
    await page.goto('/');
    await expect(page.getByTestId('import-file')).toBeAttached();
    expect(await firstFrame(page)).toEqual({ header: true, importWithHeader: true });

    await page.getByTestId('import-sample').click();
    await page.getByTestId('import-confirm').click();
    await expect(page.getByTestId('analysis-ready')).toBeVisible({ timeout: 30_000 });
    await page.reload();
    await expect(page.getByTestId('analysis-ready')).toBeVisible({ timeout: 30_000 });
    expect(await firstFrame(page)).toEqual({ header: true, importWithHeader: false });
  } finally {
    await context.close();
  }
});
