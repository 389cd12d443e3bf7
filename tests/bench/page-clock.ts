/**
 * Timing a click's outcome on the page's own clock. Playwright's `locator.waitFor` polls the page at growing intervals
 * (up to 500 ms apart), so a figure timed from Node with it falls into steps half a second wide: Online Retail's click →
 * dashboard read 1.3 or 1.8 s whatever the import took. Here the page notes the click's own time stamp and, for each
 * test id, the first animation frame after the element entered the page (the frame that shows it).
 */
import type { Page } from '@playwright/test';

type Clock = { click: number | null; shown: Record<string, number> };

/** The page's clock now (ms since its time origin), to time from a moment before the click (a file picked). */
export const pageNow = (page: Page): Promise<number> => page.evaluate(() => performance.now());

/**
 * Click `button` (a test id) and return, for each of `marks` in turn, the ms from the click until a frame showed it;
 * with `since` (a pageNow reading), also the ms from then.
 */
export async function clickAndTimeUntil(page: Page, button: string, marks: string[], timeoutMs: number, since = NaN): Promise<number[] & { since: number[] }> {
  await page.evaluate((marks) => {
    const clock: Clock = { click: null, shown: {} };
    (window as unknown as { __benchClock: Clock }).__benchClock = clock;
    document.addEventListener('click', (e) => (clock.click ??= e.timeStamp), { capture: true, once: true });
    const observer = new MutationObserver(() => {
      for (const mark of marks) {
        if (mark in clock.shown || !document.querySelector(`[data-testid="${mark}"]`)) continue;
        clock.shown[mark] = -1;
        requestAnimationFrame((frame) => (clock.shown[mark] = frame));
      }
      if (marks.every((m) => m in clock.shown)) observer.disconnect();
    });
    observer.observe(document.body, { childList: true, subtree: true });
  }, marks);
  await page.getByTestId(button).click();
  const clock = await page.waitForFunction(
    (marks) => {
      const clock = (window as unknown as { __benchClock: Clock }).__benchClock;
      return marks.every((m) => (clock.shown[m] ?? -1) >= 0) && clock.click !== null ? clock : null;
    },
    marks,
    { timeout: timeoutMs, polling: 100 },
  );
  const { click, shown } = (await clock.jsonValue()) as Clock;
  return Object.assign(marks.map((m) => shown[m] - click!), { since: marks.map((m) => shown[m] - since) });
}
