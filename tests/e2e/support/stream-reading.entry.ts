/**
 * Bundled into a blank page by stream-reading.spec.ts: the app's reader of a large range of a file, read to the end
 * while the page's collector runs every millisecond (Chromium started with --expose-gc).
 */
import { streamedSlices } from '../../../workers/file-bytes';

/** Bytes read and their sum, or null when the reading has not finished within `withinMs`. */
export async function readWhileCollecting(blob: Blob, withinMs: number): Promise<{ bytes: number; sum: number } | null> {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) throw new Error('Chromium was started without --expose-gc');
  const collecting = setInterval(collect, 1);
  const read = (async () => {
    let bytes = 0;
    let sum = 0;
    for await (const slice of streamedSlices(blob)) {
      bytes += slice.length;
      for (let i = 0; i < slice.length; i += 4096) sum += slice[i];
    }
    return { bytes, sum };
  })();
  try {
    return await Promise.race([read, new Promise<null>((resolve) => setTimeout(() => resolve(null), withinMs))]);
  } finally {
    clearInterval(collecting);
  }
}
