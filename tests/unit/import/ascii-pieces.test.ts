import { describe, expect, it, vi } from 'vitest';
import type { Chars } from '../../../src/core/import/chars';
import { ChunkDecoder, DECODED_PIECE_BYTES } from '../../../src/core/import/text-encoding';

/** A piece's characters as a string, without a decoder (the test counts the decoder's calls). */
function stringOf(chars: Chars): string {
  let text = '';
  for (let at = 0; at < chars.length; at += 8192) text += String.fromCharCode(...chars.subarray(at, at + 8192));
  return text;
}

/**
 * Every text piece the decoder hands on, joined, for `bytes` pushed in chunks of `size` and then flushed; and which
 * pieces came as views of the bytes pushed.
 */
function decodeInChunks(encoding: string, bytes: Uint8Array, size: number): { text: string; replaced: number; views: boolean[] } {
  const decoder = new ChunkDecoder(encoding);
  let text = '';
  const views: boolean[] = [];
  // Read as it is pushed: the reader may not keep a piece (its buffer is the caller's).
  const reader = {
    push: (t: Chars) => {
      views.push(t.buffer === bytes.buffer);
      text += stringOf(t);
    },
  };
  for (let at = 0; at < bytes.length; at += size) decoder.decodeInto(bytes.subarray(at, at + size), reader);
  decoder.flushInto(reader);
  return { text, replaced: decoder.replaced, views };
}

describe('ASCII pieces read without the decoder', () => {
  // Long ASCII runs (read by character codes) between UTF-8 characters of two, three and four bytes, one of them cut
  // by the end of a 32 KB piece; then an invalid byte.
  const ascii = 'KH01,2024-01-05,125000\n'.repeat(3000);
  const text = `${ascii}Nguyễn Văn Ánh,ลูกค้า,😀\n${ascii.slice(0, 32768 - ascii.length % 7)}ẞ${ascii}`;
  const utf8 = new TextEncoder().encode(text);

  it('gives the same text as one decode, wherever the chunks are cut', () => {
    expect(DECODED_PIECE_BYTES).toBe(32 * 1024);
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
    const out = decodeInChunks('utf-8', bytes, 1 << 20);
    expect(out.text === ascii.repeat(4)).toBe(true);
    // Only the final flush; every piece handed on is a view of the bytes themselves.
    expect(decode).toHaveBeenCalledTimes(1);
    expect(out.views).toEqual([true, true, true, true, true, true, true, true, true]);
    decode.mockRestore();
  });
});

