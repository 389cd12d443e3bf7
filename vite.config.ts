/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { VitePWA } from 'vite-plugin-pwa';

export default defineConfig({
  base: './',
  plugins: [
    svelte(),
    VitePWA({
      registerType: 'prompt',
      includeManifestIcons: false,
      manifest: {
        id: './',
        name: 'CLV Studio',
        short_name: 'CLV Studio',
        description: 'Customer lifetime value, cohorts and forecasts from your orders file, on your device.',
        start_url: './',
        scope: './',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#1d4ed8',
        icons: [
          { src: 'pwa-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'pwa-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'pwa-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
        // Shown in the richer install dialog (npm run screenshot makes them from the built app).
        screenshots: [
          { src: 'screenshots/dashboard-wide.png', sizes: '1280x860', type: 'image/png', form_factor: 'wide', label: 'Dashboard with cohort heatmap' },
          { src: 'screenshots/dashboard-phone.png', sizes: '780x1688', type: 'image/png', form_factor: 'narrow', label: 'Dashboard on a phone' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
        // Screenshots are for the install dialog and the README, not needed offline.
        globIgnores: ['screenshots/**'],
        navigateFallback: 'index.html',
        cleanupOutdatedCaches: true,
        // The first install takes control of the open page at once (so it works offline without a reload); later
        // versions still wait for the user's "Update" (no skipWaiting), so a running import is never cut off.
        clientsClaim: true,
      },
    }),
  ],
  worker: { format: 'es' },
  // The manifest (dist/.vite/manifest.json, not precached) tells the entry's static imports from its lazy ones, for the
  // size report of `npm run bench` and the budget check in tests/e2e/budget.spec.ts.
  build: { target: 'es2022', sourcemap: false, manifest: true },
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/storage/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    pool: 'threads',
  },
});
