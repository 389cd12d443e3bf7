/**
 * The bench's own Chromium: launched without background work, its memory (its process and that process's descendants
 * only), and what the app stored of an import.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';

/**
 * Resident memory of one browser's processes, in bytes: the browser process whose pid is given and all its
 * descendants (zygotes, renderers, GPU and utility processes), found from the parent pids in /proc/<pid>/stat and
 * read from /proc/<pid>/statm in this process. Other Chromium processes on the machine (other people's browsers,
 * other test runs) are not counted: the figure used to add up every process named chromium. (Spawning `ps` twenty
 * times a second took enough of this 2-core machine's CPU to slow the imports it was measuring.)
 */
export function browserTree(rootPid: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // "pid (comm) state ppid …": the name may hold spaces or brackets, so read after the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid);
      if (list) list.push(Number(name));
      else children.set(ppid, [Number(name)]);
    } catch {
      // The process ended meanwhile.
    }
  }
  const tree = [rootPid];
  for (let i = 0; i < tree.length; i++) tree.push(...(children.get(tree[i]) ?? []));
  return tree;
}

export function browserRss(rootPid: number): number {
  let total = 0;
  for (const pid of browserTree(rootPid)) {
    try {
      total += Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * 4096;
    } catch {
      // The process ended meanwhile.
    }
  }
  return total;
}

/**
 * Per process of the tree: its command line's --type (or "browser"), resident, anonymous and shared memory, for
 * telling which phase of an import holds the peak. (Summing proportional sizes instead, which count a page shared
 * between processes once, gave within 3% of the resident sum at the 10M peak: the peak is not shared memory.)
 */
export function browserProcesses(rootPid: number): string {
  return browserTree(rootPid)
    .map((pid) => {
      try {
        const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        const type = /--type=([a-z-]+)/.exec(cmd)?.[1] ?? 'browser';
        const sub = /--utility-sub-type=([\w.]+)/.exec(cmd)?.[1] ?? '';
        const status = readFileSync(`/proc/${pid}/status`, 'utf8');
        const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0) >> 10;
        return `${type}${sub ? `(${sub.split('.').pop()})` : ''} rss ${field('VmRSS')} anon ${field('RssAnon')} shmem ${field('RssShmem')} MB`;
      } catch {
        return '';
      }
    })
    .filter(Boolean)
    .join('; ');
}

/** The pid of the browser process of a browser Playwright launched, as Chromium itself reports it over CDP. */
export async function browserPid(browser: Browser): Promise<number> {
  const cdp = await browser.newBrowserCDPSession();
  const { processInfo } = (await cdp.send('SystemInfo.getProcessInfo')) as { processInfo: { type: string; id: number }[] };
  await cdp.detach();
  const own = processInfo.find((p) => p.type === 'browser');
  if (!own) throw new Error(`bench: Chromium reported no browser process (${JSON.stringify(processInfo)})`);
  return own.id;
}


const CHROMIUM_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Debian's Chromium (or CHROME_PATH), headless, without the background work that would blur the figures. */
export function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** A page in a browser of the bench's own, its browser process's pid, and how to close it (and remove its profile). */
export interface BenchBrowser {
  page: Page;
  pid: number;
  version: string;
  close(): Promise<void>;
}

/**
 * A browser as a visitor has one: a profile on disk (a fresh one, removed on close), where IndexedDB keeps what the
 * app stores in files. A browser launched without a profile is a private window, whose IndexedDB lives in the browser
 * process's memory: a memory dump after a 10M import found 85 MB of the stored dataset held there (SQLite's in-memory
 * IndexedDB), which a visitor's browser writes to disk instead.
 */
export async function openProfileBrowser(): Promise<BenchBrowser> {
  const dir = mkdtempSync(join(tmpdir(), 'clv-bench-profile-'));
  const context = await chromium.launchPersistentContext(dir, { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  const page = context.pages()[0] ?? (await context.newPage());
  const cdp = await context.newCDPSession(page);
  const { product } = (await cdp.send('Browser.getVersion')) as { product: string };
  await cdp.detach();
  return {
    page,
    pid: profileBrowserPid(dir),
    version: product.replace(/^[^/]*\//, ''),
    async close() {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A private window: the browser without a profile (IndexedDB in memory); see openProfileBrowser. */
export async function openPrivateBrowser(): Promise<BenchBrowser> {
  const browser = await launchBrowser();
  const page = await browser.newPage();
  return { page, pid: await browserPid(browser), version: browser.version(), close: () => browser.close() };
}

/** The browser process of the browser using profile `dir`: the one whose command line names it and has no --type. */
function profileBrowserPid(dir: string): number {
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const args = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0');
      if (args.includes(`--user-data-dir=${dir}`) && !args.some((a) => a.startsWith('--type='))) return Number(name);
    } catch {
      // The process ended meanwhile.
    }
  }
  throw new Error(`bench: no browser process found for the profile ${dir}`);
}

/** The newest dataset record in the page's IndexedDB: its rows and the times the import stored with it. */
export function newestStoredDataset(page: Page): Promise<{ id: number; timings: Record<string, number>; rows: number }> {
  return page.evaluate(async () => {
    const req = indexedDB.open('clv-studio');
    const db: IDBDatabase = await new Promise((ok, err) => { req.onsuccess = () => ok(req.result); req.onerror = () => err(req.error); });
    const records: { id: number; timings: Record<string, number>; rows: number }[] = await new Promise((ok) => {
      const r = db.transaction('datasets').objectStore('datasets').getAll();
      r.onsuccess = () => ok(r.result);
    });
    db.close();
    return records.reduce((a, b) => (a.id > b.id ? a : b));
  });
}

/**
 * How long the bench's visitor looks at the column check before clicking Import. A person reads the preview for
 * seconds; meanwhile the workers read the file's head a few times so that the JIT has optimised the importer
 * (warmUpImporter). Clicking the moment the screen appears measured a visitor no one is: 12 MB of Online Retail
 * parsed in 541 ms with one round of warming up and 411 ms with four (medians of five, 1.5 s on the screen).
 */
export const COLUMN_CHECK_MS = 1_500;

