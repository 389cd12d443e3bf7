/**
 * Issue 16: the first load's Lighthouse mobile performance. The built app (dist/) is served by vite preview on a free
 * port and Lighthouse 12 audits the import page with its mobile defaults (simulated throttling: slow 4G and a 4×
 * slower CPU, a Moto G-class screen) in Debian's Chromium (CHROME_PATH), a fresh profile each run, so every run is a
 * first visit: no service worker yet, nothing cached. Three runs; the median of each figure is what counts.
 */
import lighthouse from 'lighthouse';
import { launch } from 'chrome-launcher';
import { freePort, startPreview } from '../support/preview-server';

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

async function audit(url: string): Promise<Run> {
  const chrome = await launch({ chromePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', chromeFlags: FLAGS, logLevel: 'silent' });
  try {
    const result = await lighthouse(url, { port: chrome.port, onlyCategories: ['performance'], output: 'json', logLevel: 'error' });
    if (!result) throw new Error('bench: Lighthouse returned no result');
    const { lhr } = result;
    if (lhr.runtimeError) throw new Error(`bench: Lighthouse could not audit ${url}: ${lhr.runtimeError.message}`);
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
  const server = await startPreview(root, await freePort());
  try {
    const results: Run[] = [];
    for (let k = 0; k < runs; k++) results.push(await audit(server.url));
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
