/**
 * Memory given back at once, not at the garbage collector's next major pass. A large import leaves arrays behind that
 * nothing reads again (a half's columns once joined to the first, the state's per-row columns the table does not
 * keep, a dictionary's outgrown arrays and lookup table): at ten million lines in Chromium they were several hundred
 * megabytes still resident through the figures and the save, the import's peak.
 *
 * Releasing detaches the buffer: every view of it reads as empty, so only an array that nothing reads any more may be
 * released.
 *
 * In a browser the buffers are transferred in a message to a channel closed at once, which drops the message and the
 * memory with it. ArrayBuffer.prototype.transfer(0), used before, frees only buffers the script made itself: one the
 * browser made (received from another worker, read from a Blob) stays held by the browser's own object for it until
 * a major collection. In Chromium 200 MB received from a worker stayed resident after transfer(0), and went at once
 * through a closed channel (tests/e2e/release.spec.ts). Node has no such objects: there transfer(0)
 * frees, and where it is missing (Node 20) moving the memory into a clone nothing holds frees it at the next minor
 * collection (moments away).
 */
type Transferable = ArrayBuffer & { transfer?: (length: number) => ArrayBuffer };

/** Whether this runs in a browser's page or worker (where buffers may belong to the browser's objects). */
const inBrowser = typeof document !== 'undefined' || typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope !== 'undefined';

export function release(...arrays: (ArrayBufferView | null | undefined)[]): void {
  const buffers = new Set<Transferable>();
  for (const array of arrays) {
    const buffer = array?.buffer as Transferable | undefined;
    // A detached buffer (released already) has no bytes left to give back.
    if (!buffer || buffer.byteLength === 0) continue;
    if (typeof SharedArrayBuffer !== 'undefined' && (buffer as ArrayBufferLike) instanceof SharedArrayBuffer) continue;
    buffers.add(buffer);
  }
  if (buffers.size === 0) return;
  if (inBrowser && typeof MessageChannel === 'function' && dropInChannel([...buffers])) return;
  for (const buffer of buffers) {
    if (typeof buffer.transfer === 'function') buffer.transfer(0);
    else if (typeof structuredClone === 'function') structuredClone(buffer, { transfer: [buffer] });
  }
}

/** Transfer `buffers` in a message nobody will receive; false if the browser refused to (they are left as they were). */
function dropInChannel(buffers: ArrayBuffer[]): boolean {
  const { port1, port2 } = new MessageChannel();
  try {
    port1.postMessage(null, buffers);
    return true;
  } catch {
    return false;
  } finally {
    port1.close();
    port2.close();
  }
}
