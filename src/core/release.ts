/**
 * Memory given back at once, not at the garbage collector's next major pass. A large import leaves arrays behind that
 * nothing reads again (a half's columns once joined to the first, the state's per-row columns the table does not
 * keep, a dictionary's outgrown arrays and lookup table): at ten million lines in Chromium they were several hundred
 * megabytes still resident through the figures and the save, the import's peak.
 *
 * ArrayBuffer.prototype.transfer(0) frees the memory and leaves every view of it empty, so only an array that nothing
 * reads any more may be released. Where transfer is missing (Node 20) nothing happens and the collector frees it later.
 */
type Transferable = ArrayBuffer & { transfer?: (length: number) => ArrayBuffer };

export function release(...arrays: (ArrayBufferView | null | undefined)[]): void {
  for (const array of arrays) {
    const buffer = array?.buffer as Transferable | undefined;
    // A detached buffer (released already) has no bytes left to give back.
    if (!buffer || buffer.byteLength === 0) continue;
    if (typeof SharedArrayBuffer !== 'undefined' && (buffer as ArrayBufferLike) instanceof SharedArrayBuffer) continue;
    if (typeof buffer.transfer === 'function') buffer.transfer(0);
    // Node 20 has no transfer: moving the memory to a clone nothing holds frees it at the next minor collection
    // (moments away), where the array itself, long-lived, waited for a major one.
    else if (typeof structuredClone === 'function') structuredClone(buffer, { transfer: [buffer] });
  }
}
