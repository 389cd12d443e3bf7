/**
 * Node 20 has no ArrayBuffer.prototype.transfer, so src/core/release.ts would do nothing under test. This stands in
 * for it with the same effect on the buffer (detached: every view of it reads as empty), so that every test of the
 * import runs with its arrays really released, and one released too early shows as lost or zero values.
 */
const proto = ArrayBuffer.prototype as ArrayBuffer & { transfer?: (length?: number) => ArrayBuffer };
if (typeof proto.transfer !== 'function') {
  Object.defineProperty(proto, 'transfer', {
    configurable: true,
    writable: true,
    value(this: ArrayBuffer, length?: number): ArrayBuffer {
      const kept = new Uint8Array(length ?? this.byteLength);
      kept.set(new Uint8Array(this, 0, Math.min(kept.length, this.byteLength)));
      structuredClone(this, { transfer: [this] });
      return kept.buffer;
    },
  });
}
