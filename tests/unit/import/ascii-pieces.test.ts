import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type * as TextEncodingModule from '../../../src/core/import/text-encoding';

/**
 * The decoder as it runs in a browser (where ASCII pieces are made into text by String.fromCharCode): the module reads
 * where it runs when it loads, so it is loaded afresh with a worker's global in place.
 */
let browser: typeof TextEncodingModule;
beforeAll(async () => {
  vi.stubGlobal('WorkerGlobalScope', function WorkerGlobalScope() {});
  vi.resetModules();
  browser = await import('../../../src/core/import/text-encoding');
});
afterAll(() => vi.unstubAllGlobals());

/** Every text piece the decoder hands on, joined, for `bytes` pushed in chunks of `size` and then flushed. */
function decodeInChunks(encoding: string, bytes: Uint8Array, size: number): { text: string; replaced: number } {
  const decoder = new browser.ChunkDecoder(encoding);
  let text = '';
  const reader = { push: (t: string) => void (text += t) };
  for (let at = 0; at < bytes.length; at += size) decoder.decodeInto(bytes.subarray(at, at + size), reader);
  text += decoder.decode(null);
  return { text, replaced: decoder.replaced };
}

describe('ASCII pieces read without the decoder (browsers)', () => {
  // Long ASCII runs (read by character codes) between UTF-8 characters of two, three and four bytes, one of them cut
  // by the end of a 32 KB piece; then an invalid byte.
  const ascii = 'KH01,2024-01-05,125000\n'.repeat(3000);
  const text = `${ascii}Nguyễn Văn Ánh,ลูกค้า,😀\n${ascii.slice(0, 32768 - ascii.length % 7)}ẞ${ascii}`;
  const utf8 = new TextEncoder().encode(text);

  it('gives the same text as one decode, wherever the chunks are cut', () => {
    expect(browser.DECODED_PIECE_BYTES).toBe(32 * 1024);
    for (const size of [1 << 20, 32 * 1024, 32 * 1024 + 1, 65_537, 7, 4099]) {
      const out = decodeInChunks('utf-8', utf8, size);
      expect(out.text.length).toBe(text.length);
      expect(out.text === text).toBe(true);
      expect(out.replaced).toBe(0);
    }
  });

  it('counts a byte that is no UTF-8 after ASCII pieces, and keeps a single-byte encoding as it was', () => {
    const bad = new Uint8Array([...new TextEncoder().encode(ascii), 0xff, ...new TextEncoder().encode(ascii)]);
    const out = decodeInChunks('utf-8', bad, 32 * 1024);
    expect(out.replaced).toBe(1);
    expect(out.text === `${ascii}\uFFFD${ascii}`).toBe(true);
    // A character's first byte last in a piece, and no rest: the decoder, holding it, reads the next piece too, so that
    // its U+FFFD comes where the byte was.
    const head = new TextEncoder().encode(ascii.slice(0, 32 * 1024 - 1));
    const cut = new Uint8Array([...head, 0xe1, ...new TextEncoder().encode(ascii)]);
    const after = decodeInChunks('utf-8', cut, 32 * 1024);
    expect(after.text === new TextDecoder().decode(cut)).toBe(true);
    expect(after.replaced).toBe(1);
    const cp1258 = new Uint8Array([...new TextEncoder().encode(ascii), 0xd0, 0xe3, ...new TextEncoder().encode(ascii)]);
    expect(decodeInChunks('windows-1258', cp1258, 32 * 1024).text === new TextDecoder('windows-1258').decode(cp1258)).toBe(true);
  });

  it('leaves the decoder out of pieces that are all ASCII', () => {
    const decode = vi.spyOn(TextDecoder.prototype, 'decode');
    const bytes = new TextEncoder().encode(ascii.repeat(4));
    expect(decodeInChunks('utf-8', bytes, 1 << 20).text === ascii.repeat(4)).toBe(true);
    // Only the final flush.
    expect(decode).toHaveBeenCalledTimes(1);
    decode.mockRestore();
  });
});

