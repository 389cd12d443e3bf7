/**
 * A new version deployed at the same address: the open app keeps running the version it has until the user chooses
 * Update, then reloads into the new one. The built app (dist/) is served by a small server of this test whose
 * folder can be switched, first to dist/ itself, then to a copy that stands for the next build: its index.html
 * carries a marker (<meta name="build" content="next">) and its sw.js precaches that index.html under a new revision,
 * so the browser finds a changed service worker, installs it, and leaves it waiting.
 */
import { test, expect, type Page } from '@playwright/test';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../dist');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.csv': 'text/csv; charset=utf-8',
};

/** A static server on a free port whose folder `serve(folder)` switches; every response says no-cache. */
async function switchableServer(folder: string) {
  let root = folder;
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://host').pathname);
    const file = normalize(join(root, path.endsWith('/') ? `${path}index.html` : path));
    if (!file.startsWith(root) || !existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-cache' });
    response.end(readFileSync(file));
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/`,
    serve: (next: string) => (root = next),
    close: () => {
      server.closeAllConnections();
      return new Promise((closed) => server.close(closed));
    },
  };
}

/** A copy of dist/ as the next build: a marked index.html, precached by a changed sw.js. */
function nextBuild(): string {
  const next = mkdtempSync(join(tmpdir(), 'clv-next-build-'));
  cpSync(dist, next, { recursive: true });
  const html = readFileSync(join(next, 'index.html'), 'utf8');
  writeFileSync(join(next, 'index.html'), html.replace('</head>', '<meta name="build" content="next"></head>'));
  const sw = readFileSync(join(next, 'sw.js'), 'utf8');
  const changed = sw.replace(/(\{url:"index\.html",revision:")[0-9a-f]+"/, '$1next"');
  if (changed === sw) throw new Error('sw.js: the precache entry of index.html was not found');
  writeFileSync(join(next, 'sw.js'), changed);
  return next;
}

const build = (page: Page) => page.locator('meta[name="build"]');

test('a new version at the same address shows "Update available"; Update reloads into it, and it works offline', async ({ page, context }) => {
  const next = nextBuild();
  const server = await switchableServer(dist);
  try {
    await page.goto(server.url);
    // The first install takes control of the open page at once, and says the app now works offline.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 20_000 });
    await expect(page.getByText('CLV Studio now works offline.')).toBeVisible();
    await expect(page.getByTestId('update-available')).toHaveCount(0);

    // The next build is deployed; coming back to the app finds it, installs it and leaves it waiting.
    server.serve(next);
    await page.reload();
    await expect(page.getByTestId('update-available')).toBeVisible({ timeout: 20_000 });
    await expect(page.getByTestId('update-available')).toContainText('A new version of CLV Studio is available.');
    await expect(build(page)).toHaveCount(0);

    // Another reload still runs the version the page has (the new one keeps waiting) and says so again.
    await page.reload();
    await expect(page.getByTestId('update-available')).toBeVisible({ timeout: 20_000 });
    await expect(build(page)).toHaveCount(0);

    // Update: the waiting version takes over and the page reloads into it.
    await page.getByRole('button', { name: 'Update and reload' }).click();
    await expect(build(page)).toHaveAttribute('content', 'next', { timeout: 20_000 });
    await expect(page.getByTestId('update-available')).toHaveCount(0);
    expect(await page.evaluate(() => navigator.serviceWorker.controller?.state)).toBe('activated');

    // The new version is the one cached for offline use.
    await context.setOffline(true);
    await page.reload();
    await expect(build(page)).toHaveAttribute('content', 'next');
    await expect(page.getByTestId('import-file')).toBeAttached();
    await context.setOffline(false);
  } finally {
    await server.close();
    rmSync(next, { recursive: true, force: true });
  }
});
