/**
 * Snapshots that arrive from outside the page: a share link's `#s=` fragment (on load, or pasted into an open app),
 * a file the operating system launched the installed app with (manifest `file_handlers`, Launch Queue), and what the
 * share sheet sent (manifest `share_target`: public/share-target.js, in the service worker, keeps the POSTed file and
 * text in a cache and sends the page to `?shared=1`). Each goes through the import flow's snapshot opening.
 */
import { linkData, linkIn } from '../core/snapshot/link';
import type { ImportFlow } from './import-flow.svelte';

/** The cache public/share-target.js writes (names kept in step with it). */
export const SHARE_CACHE = 'clv-share-target';
const SHARE_FILE = 'shared-in/file';
const SHARE_TEXT = 'shared-in/text';

interface LaunchParams {
  files: readonly { kind: string; getFile(): Promise<File> }[];
}
interface LaunchQueue {
  setConsumer(consumer: (params: LaunchParams) => void): void;
}

/** Open the link in the address, then take the fragment out (a reload or a bookmark should not open it again). */
function openLinkInAddress(flow: ImportFlow): void {
  const data = linkData(location.hash);
  if (data === null) return;
  history.replaceState(history.state, '', location.pathname + location.search);
  void flow.openSnapshot(() => flow.shared.openLink(data));
}

async function openShared(flow: ImportFlow): Promise<void> {
  const params = new URLSearchParams(location.search);
  if (!params.has('shared')) return;
  params.delete('shared');
  const rest = params.toString();
  history.replaceState(history.state, '', location.pathname + (rest ? `?${rest}` : '') + location.hash);
  if (!('caches' in globalThis)) return;
  const cache = await caches.open(SHARE_CACHE);
  const base = new URL('./', location.href);
  const [file, text] = await Promise.all([cache.match(new URL(SHARE_FILE, base)), cache.match(new URL(SHARE_TEXT, base))]);
  await Promise.all([cache.delete(new URL(SHARE_FILE, base)), cache.delete(new URL(SHARE_TEXT, base))]);
  if (file) {
    const name = decodeURIComponent(file.headers.get('x-file-name') ?? 'shared.clv.json');
    const blob = await file.blob();
    await flow.choose(new File([blob], name, { type: blob.type }), 'share');
    return;
  }
  const link = text ? linkIn(await text.text()) : null;
  const data = link ? linkData(link) : null;
  if (data !== null) await flow.openSnapshot(() => flow.shared.openLink(data));
}

/** Start listening for snapshots from outside; call once, after the app is mounted. */
export function receiveSnapshots(flow: ImportFlow): void {
  openLinkInAddress(flow);
  addEventListener('hashchange', () => openLinkInAddress(flow));
  void openShared(flow).catch((err: unknown) => console.error('Could not read what was shared', err));
  const queue = (globalThis as { launchQueue?: LaunchQueue }).launchQueue;
  queue?.setConsumer(async ({ files }) => {
    for (const handle of files) {
      if (handle.kind !== 'file') continue;
      const file = await handle.getFile();
      await flow.choose(file, 'launch');
    }
  });
}
