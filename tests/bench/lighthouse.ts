/**
 * Issue 16: the first load's Lighthouse mobile performance. The built app (dist/) is served by vite preview on a free
 * port and Lighthouse 12 audits the import page with its mobile defaults (simulated throttling: slow 4G and a 4×
 * slower CPU, a Moto G-class screen) in Debian's Chromium (CHROME_PATH), a fresh profile each run, so every run is a
 * first visit: no service worker yet, nothing cached. Three runs; the median of each figure is what counts.
 */
import { execSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { freePort, startPreview } from '../support/preview-server';

/**
 * Lighthouse is installed on demand, into a cache folder of its own, the first time this part runs (about 185 MB with
 * its dependencies: ../shared/docs/stack-notes.md keeps it out of the project's devDependencies, so that `npm ci` and
 * every CI run stay lean). Its types are not needed: the few fields read are typed below.
 */
const LIGHTHOUSE = 'lighthouse@12.8.2';
const CHROME_LAUNCHER = 'chrome-launcher@1.2.1';

interface LighthouseResult {
  lhr: {
    runtimeError?: { message: string };
    audits: Record<string, { numericValue?: number; details?: unknown } | undefined>;
    categories: { performance: { score: number | null } };
  };
}
type RunLighthouse = (url: string, flags: Record<string, unknown>) => Promise<LighthouseResult | undefined>;
type LaunchChrome = (options: Record<string, unknown>) => Promise<{ port: number; kill(): unknown }>;

async function loadLighthouse(root: string): Promise<{ lighthouse: RunLighthouse; launch: LaunchChrome }> {
  const dir = resolve(root, 'node_modules/.cache/clv-lighthouse');
  const module = (name: string, entry: string) => resolve(dir, 'node_modules', name, entry);
  if (!existsSync(module('lighthouse', 'core/index.js')) || !existsSync(module('chrome-launcher', 'dist/index.js'))) {
    console.log(`  (installing ${LIGHTHOUSE} and ${CHROME_LAUNCHER} into ${dir}, once)`);
    execSync(`npm install --no-save --no-package-lock --no-audit --no-fund --prefix "${dir}" ${LIGHTHOUSE} ${CHROME_LAUNCHER}`, { stdio: 'ignore' });
  }
  const lighthouse = ((await import(pathToFileURL(module('lighthouse', 'core/index.js')).href)) as { default: RunLighthouse }).default;
  const { launch } = (await import(pathToFileURL(module('chrome-launcher', 'dist/index.js')).href)) as { launch: LaunchChrome };
  return { lighthouse, launch };
}

type Line = (label: string, value: string, target?: string) => void;

interface Run {
  score: number;
  fcp: number;
  lcp: number;
  tbt: number;
  cls: number;
  speedIndex: number;
  /** The element Lighthouse took as the largest paint, as it describes it. */
  lcpElement: string;
  /** The elements that moved, with their share of the layout shift. */
  shifts: string;
}

const FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

async function audit(url: string, { lighthouse, launch }: Awaited<ReturnType<typeof loadLighthouse>>): Promise<Run> {
  const chrome = await launch({ chromePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', chromeFlags: FLAGS, logLevel: 'silent' });
  try {
    const result = await lighthouse(url, { port: chrome.port, onlyCategories: ['performance'], output: 'json', logLevel: 'error' });
    if (!result) throw new Error('bench: Lighthouse returned no result');
    const { lhr } = result;
    if (lhr.runtimeError) throw new Error(`bench: Lighthouse could not audit ${url}: ${lhr.runtimeError.message}`);
    // CLV_LIGHTHOUSE_REPORTS=<folder> keeps each run's whole report (long tasks, script boot-up) for a closer look.
    const keep = process.env.CLV_LIGHTHOUSE_REPORTS;
    if (keep) writeFileSync(join(keep, `lighthouse-${Date.now()}.json`), JSON.stringify(lhr));
    const value = (id: string) => {
      const v = lhr.audits[id]?.numericValue;
      if (typeof v !== 'number') throw new Error(`bench: Lighthouse gave no value for ${id}`);
      return v;
    };
    const lcpItems = (lhr.audits['largest-contentful-paint-element']?.details as { items?: { items?: { node?: { snippet?: string } }[] }[] } | undefined)?.items;
    return {
      score: Math.round((lhr.categories.performance.score ?? NaN) * 100),
      fcp: value('first-contentful-paint'),
      lcp: value('largest-contentful-paint'),
      tbt: value('total-blocking-time'),
      cls: value('cumulative-layout-shift'),
      speedIndex: value('speed-index'),
      lcpElement: lcpItems?.[0]?.items?.[0]?.node?.snippet ?? '?',
      shifts: ((lhr.audits['layout-shifts']?.details as { items?: { node?: { selector?: string }; score?: number }[] } | undefined)?.items ?? [])
        .map((item) => `${item.node?.selector ?? '?'} ${item.score?.toFixed(3)}`)
        .join('; '),
    };
  } finally {
    chrome.kill();
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Lighthouse on the app as built in dist/ (the caller builds it). */
export async function benchLighthouse(root: string, line: Line, runs = 3) {
  const tools = await loadLighthouse(root);
  const server = await startPreview(root, await freePort());
  try {
    const results: Run[] = [];
    for (let k = 0; k < runs; k++) results.push(await audit(server.url, tools));
    console.log(`\nLighthouse 12 mobile (simulated throttling), first load of the import page, ${runs} runs, median [each run]`);
    const show = (label: string, pick: (r: Run) => number, unit: string, digits: number, target = '') =>
      line(label, `${median(results.map(pick)).toFixed(digits)}${unit} [${results.map((r) => pick(r).toFixed(digits)).join(', ')}]`, target);
    show('performance score', (r) => r.score, '', 0, '≥ 95');
    results.forEach((r, k) => r.shifts && console.log(`  run ${k + 1}, what moved: ${r.shifts}`));
    show('First Contentful Paint', (r) => r.fcp, ' ms', 0);
    show('Largest Contentful Paint', (r) => r.lcp, ' ms', 0);
    show('Total Blocking Time', (r) => r.tbt, ' ms', 0);
    show('Cumulative Layout Shift', (r) => r.cls, '', 3, '≤ 0.1');
    show('Speed Index', (r) => r.speedIndex, ' ms', 0);
    line('largest paint (first run)', results[0].lcpElement.slice(0, 60));
  } finally {
    server.stop();
  }
}
