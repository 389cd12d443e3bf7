/** A gzip member starts with 1F 8B: gzip is told by a file's first bytes, never by its name. */
export function isGzipMagic(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}
