/**
 * Bundled into a blank page by release.spec.ts: the app's release, and buffers of 200 MB the browser made itself (one
 * received from a worker, one read from a Blob) or the script made, each touched page by page so that it is resident.
 */
import { release } from '../../../src/core/release';

const MB = 1 << 20;
const SIZE = 200 * MB;

function touch(bytes: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < bytes.length; i += 4096) sum += bytes[i];
  return sum;
}

/** 200 MB made in a worker and transferred here: its memory belongs to the browser's object for the received buffer. */
export function received(): Promise<Uint8Array> {
  const source = `onmessage = () => { const a = new Uint8Array(${SIZE}); for (let i = 0; i < a.length; i += 4096) a[i] = 1; postMessage(a, [a.buffer]); };`;
  const worker = new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })));
  return new Promise((resolve) => {
    worker.onmessage = (e: MessageEvent<Uint8Array>) => {
      worker.terminate();
      touch(e.data);
      resolve(e.data);
    };
    worker.postMessage(null);
  });
}

/** 200 MB read from a Blob (as a file's range is read at once). */
export async function readFromBlob(): Promise<Uint8Array> {
  const bytes = new Uint8Array(await new Blob([new Uint8Array(SIZE).fill(1)]).arrayBuffer());
  touch(bytes);
  return bytes;
}

/** The buffers held between the steps the test measures. */
export const held: { bytes: Uint8Array | null } = { bytes: null };

export { release, touch };
