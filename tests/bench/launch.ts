/**
 * `npm run bench` starts here. The bench measures the app's code as it ships: bundled by Vite (the bundler of the
 * app itself, here in its server-side mode, without the app's plugins), then run by plain Node. Running the sources
 * through `tsx` instead measures something else: tsx compiles with esbuild's `keepNames`, which wraps every function
 * it creates in a naming call, and on the import's per-row path that cost 0.9 s of Online Retail's 2.1 s in the
 * peers' figure (1 Dec 2026), a cost the built app does not pay.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const outDir = resolve(root, 'node_modules/.cache/clv-bench');

await build({
  root,
  configFile: false,
  publicDir: false,
  logLevel: 'error',
  build: { ssr: resolve(root, 'tests/bench/run.ts'), outDir, emptyOutDir: true, target: 'node20', minify: false, sourcemap: false },
});
const run = spawnSync(process.execPath, [resolve(outDir, 'run.js'), ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, CLV_ROOT: root },
});
process.exit(run.status ?? 1);
