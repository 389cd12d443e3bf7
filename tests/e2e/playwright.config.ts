import { createServer } from 'node:net';
import { defineConfig } from '@playwright/test';

const chromium = process.env.CHROME_PATH ?? '/usr/bin/chromium';

/** A port nothing listens on now, so the tests never meet another server (`npm start` serves on 4173). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const { port } = server.address() as { port: number };
  await new Promise((closed) => server.close(closed));
  return port;
}

// Chosen once by the runner; its worker processes inherit it, so they all agree on the address. E2E_PORT fixes it.
process.env.E2E_PORT ??= String(await freePort());
const PORT = Number(process.env.E2E_PORT);

export default defineConfig({
  testDir: '.',
  outputDir: './.output',
  timeout: 60_000,
  fullyParallel: false,
  workers: 1,
  // One more try in CI, where the output marks such a test "flaky" rather than passed. Once (4 Dec 2026) a click
  // there waited its full two minutes for the tab to be stable, after an import that had drawn its dashboard, and
  // it did not recur in 68 runs of it and its twin here, alone or with both cores loaded. A test that fails twice still fails.
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${PORT}/`,
    launchOptions: {
      executablePath: chromium,
      // Debian's wrapper skips --disable-dev-shm-usage here; the network flags stop Chromium phoning home.
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  webServer: {
    command: `npx vite preview --port ${PORT} --strictPort`,
    cwd: '../..',
    port: PORT,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
