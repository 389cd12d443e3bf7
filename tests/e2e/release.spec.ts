/**
 * release() must give memory back at once in Chromium for buffers the browser made, not only for the script's own:
 * ArrayBuffer.prototype.transfer(0) left a 200 MB buffer received from a worker resident until a major collection
 * (a 10M-line import's second half arrives so, 120 MB of columns). Measured here as the resident memory of this test's
 * browser processes (Linux /proc), before and after release, with no collection in between.
 */
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { build, type Rolldown } from 'vite';
import { browserPid, browserRss } from '../bench/browser-memory';

test.use({
  launchOptions: {
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
  },
});

type Entry = typeof import('./support/release.entry');

async function bundled(): Promise<string> {
  const entry = fileURLToPath(new URL('./support/release.entry.ts', import.meta.url));
  const out = (await build({
    configFile: false,
    logLevel: 'silent',
    build: { write: false, minify: false, lib: { entry, formats: ['iife'], name: 'releaseTest' } },
  })) as Rolldown.RolldownOutput[];
  return out[0].output[0].code;
}

const MB = 2 ** 20;

/** The browser's resident memory over `idle` in MB, settled: the least of five readings 100 ms apart. */
async function addedMb(page: Page, pid: number, idle: number): Promise<number> {
  const readings: number[] = [];
  for (let i = 0; i < 5; i++) {
    readings.push((browserRss(pid) - idle) / MB);
    await page.waitForTimeout(100);
  }
  return Math.min(...readings);
}

for (const kind of ['received', 'readFromBlob'] as const) {
  test(`a 200 MB buffer the browser made (${kind === 'received' ? 'received from a worker' : 'read from a Blob'}) is given back as soon as it is released`, async ({ page, browser }) => {
    await page.goto('about:blank');
    await page.addScriptTag({ content: await bundled() });
    const pid = await browserPid(browser);
    await page.waitForTimeout(500);
    const idle = browserRss(pid);
    const length = await page.evaluate(async (k) => {
      const t = (globalThis as unknown as { releaseTest: Entry }).releaseTest;
      t.held.bytes = await t[k]();
      return t.held.bytes.length;
    }, kind);
    expect(length).toBe(200 * MB);
    const holding = await addedMb(page, pid, idle);
    // Resident while held (the worker's or the Blob's own copies may add to it).
    expect(holding).toBeGreaterThan(180);
    const after = await page.evaluate(() => {
      const t = (globalThis as unknown as { releaseTest: Entry }).releaseTest;
      t.release(t.held.bytes);
      return t.held.bytes!.length;
    });
    expect(after).toBe(0);
    const released = await addedMb(page, pid, idle);
    // Given back: within 60 MB of idle (the page's bundle, the worker's exit), not 200 MB still held.
    expect(released).toBeLessThan(60);
  });
}
