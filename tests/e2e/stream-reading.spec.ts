/**
 * A range of a file larger than the app reads at once (128 MB, such as each half of a 10M-line file) comes through
 * the Blob's stream with a BYOB reader. Chromium let the garbage collector take that stream, its pending read and the
 * import awaiting it when nothing else held them: the import then stopped for good, its progress frozen (seen on a
 * 10M-line file with collections forced every 200 ms). Here the app's reader runs in Chromium with a collection
 * every millisecond and must read every byte of 24 MB.
 */
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { build, type Rolldown } from 'vite';

test.use({
  launchOptions: {
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--js-flags=--expose-gc'],
  },
});

async function bundledReader(): Promise<string> {
  const entry = fileURLToPath(new URL('./support/stream-reading.entry.ts', import.meta.url));
  const out = (await build({
    configFile: false,
    logLevel: 'silent',
    build: { write: false, minify: false, lib: { entry, formats: ['iife'], name: 'streamReading' } },
  })) as Rolldown.RolldownOutput[];
  return out[0].output[0].code;
}

test('a large range is read to its last byte while the collector runs every millisecond', async ({ page }) => {
  await page.goto('about:blank');
  await page.addScriptTag({ content: await bundledReader() });
  const result = await page.evaluate(async () => {
    // 24 MiB, each MiB filled with its own number (1–24): the sum of every 4,096th byte is 256 × (1 + … + 24).
    const parts = Array.from({ length: 24 }, (_, k) => new Uint8Array(1 << 20).fill(k + 1));
    const blob = new Blob(parts);
    const reading = (globalThis as unknown as { streamReading: { readWhileCollecting: (b: Blob, ms: number) => Promise<unknown> } }).streamReading;
    return reading.readWhileCollecting(blob, 20_000);
  });
  expect(result).toEqual({ bytes: 24 << 20, sum: 256 * 300 });
});
