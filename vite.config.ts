/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { VitePWA } from 'vite-plugin-pwa';
import type { Plugin } from 'vite';

/**
 * D3's packages ship as one flat file each, whose top-level values are made by calls without `@__PURE__` notes:
 * d3-scale-chromatic builds all of its ~40 colour schemes (`var Greens = ramp(scheme)`), d3-shape its curves and
 * symbols, d3-interpolate its colour-space interpolators. Rolldown keeps every call it cannot prove free of side
 * effects, so all of them landed in the page although the charts use two schemes and `line`. These calls only compute
 * the value they assign, so this marks the calls in top-level `var`/`const` initialisers as pure: the bundler then
 * drops those whose value is never used. Code that is used is unchanged, so colours and paths stay exactly as D3
 * computes them. Statements that are calls (d3-format's `defaultLocale(…)`, d3-color's `define(…)`) are left alone.
 */
function pureD3TopLevel(packages = ['d3-scale-chromatic', 'd3-shape', 'd3-interpolate']): Plugin {
  const file = new RegExp(`/node_modules/(${packages.join('|')})/dist/[^/]+\\.mjs$`);
  interface Node { type: string; start: number; end: number; [key: string]: unknown }
  const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && typeof (v as Node).type === 'string';
  return {
    name: 'pure-d3-top-level',
    apply: 'build',
    transform(code, id) {
      if (!file.test(id)) return null;
      const starts: number[] = [];
      const visit = (node: Node) => {
        if (node.type.includes('Function')) return; // calls inside a function run only when it is called
        if (node.type === 'CallExpression' || node.type === 'NewExpression') {
          if (code[node.end - 1] !== ')') this.error(`pure-d3-top-level: unexpected call at ${node.start} in ${id}`);
          starts.push(node.start);
        }
        for (const value of Object.values(node)) {
          if (Array.isArray(value)) value.filter(isNode).forEach(visit);
          else if (isNode(value)) visit(value);
        }
      };
      for (const statement of this.parse(code).body as unknown as Node[]) {
        if (statement.type !== 'VariableDeclaration') continue;
        for (const declarator of statement.declarations as Node[]) if (isNode(declarator.init)) visit(declarator.init);
      }
      if (!starts.length) return null;
      let out = '';
      let from = 0;
      for (const at of starts.sort((a, b) => a - b)) {
        out += `${code.slice(from, at)}/* @__PURE__ */ `;
        from = at;
      }
      return { code: out + code.slice(from), map: null };
    },
  };
}

export default defineConfig({
  base: './',
  plugins: [
    svelte(),
    pureD3TopLevel(),
    VitePWA({
      registerType: 'prompt',
      // src/state/pwa.svelte.ts registers sw.js itself (without workbox-window, 2.2 KB gzip): inject nothing. With
      // 'prompt' the plugin leaves skipWaiting and clientsClaim to the workbox options below whatever this says.
      injectRegister: false,
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
        // The installed app opens .clv.json snapshots from the operating system (desktop Chromium: the page takes them
        // from the Launch Queue, src/state/incoming.ts) and from the share sheet (Android): the POST goes to the service
        // worker's ./share-target (public/share-target.js), which hands the file or link to the page.
        file_handlers: [{ action: './', accept: { 'application/json': ['.json'] } }],
        share_target: {
          action: './share-target',
          method: 'POST',
          enctype: 'multipart/form-data',
          params: { title: 'title', text: 'text', url: 'url', files: [{ name: 'snapshot', accept: ['application/json', '.json'] }] },
        },
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
        // Answers the share target's POST (which Workbox's routes, GET only, cannot), before them.
        importScripts: ['share-target.js'],
        // The first install takes control of the open page at once (so it works offline without a reload); later
        // versions still wait for the user's "Update" (no skipWaiting: the page posts { type: 'SKIP_WAITING' }, which
        // the generated sw.js answers), so a running import is never cut off.
        clientsClaim: true,
      },
    }),
  ],
  worker: {
    format: 'es',
    // Vite strips comments from the minified page chunks but not from worker bundles: the compute worker carried
    // ~115 KB of @stdlib's Apache licence headers (one per source file, ~180 files). Strip them as for the page; the
    // notices of every bundled package, the workers' included, are in dist/.vite/license.md (build.license).
    rolldownOptions: { output: { comments: false } },
  },
  // The manifest (dist/.vite/manifest.json, not precached) tells the entry's static imports from its lazy ones, for the
  // size report of `npm run bench` and the budget check in tests/e2e/budget.spec.ts. The licence file
  // (dist/.vite/license.md) gathers the licences of the packages bundled into the page and the workers.
  // One stylesheet (12 KB gzip for every view): split per chunk, the first load waited on nine render-blocking CSS
  // requests, most of them for dashboard components that the import page does not show.
  build: { target: 'es2022', sourcemap: false, manifest: true, license: true, cssCodeSplit: false },
  test: {
    environment: 'node',
    testTimeout: 60_000,
    // The page loads its language's messages before the first render; tests start with English loaded the same way.
    // Released arrays are detached in Node 20 too (see tests/support/release-buffers.ts).
    setupFiles: ['./tests/support/load-english.ts', './tests/support/release-buffers.ts'],
    pool: 'threads',
    projects: [
      { extends: true, test: { name: 'engine', include: ['tests/unit/**/*.test.ts', 'tests/storage/**/*.test.ts'], exclude: ['tests/unit/state/**'] } },
      // The page's rune stores: Svelte's client runtime (effects run), still in Node.
      { extends: true, resolve: { conditions: ['browser'] }, test: { name: 'stores', environment: './tests/support/client-environment.ts', include: ['tests/unit/state/**/*.test.ts'] } },
    ],
  },
});
