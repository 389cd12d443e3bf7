/**
 * Share links: a small snapshot travels in the URL's fragment (`#s=…`), which browsers never send to a server. Its
 * compact JSON is compressed (deflate-raw, by the platform's CompressionStream: no library in the bundle) and written
 * in base64url. Opening a link undoes that under limits: a fragment longer than a link may be, or one that inflates
 * beyond the largest snapshot, is refused before it costs memory.
 */
import { notice } from '../notice';
import type { Notice } from '../types';
import { MAX_SNAPSHOT_BYTES, type SnapshotV1 } from './schema';

/** The fragment's start: `#s=` then the data. */
export const LINK_KEY = 's';
/** Longest fragment written or opened (characters): links much longer are cut by mail and chat apps. */
export const MAX_LINK_CHARS = 32 * 1024;

export type LinkEncoding = { ok: true; fragment: string; bytes: number } | { ok: false; chars: number; limit: number };
export type LinkDecoding = { ok: true; text: string } | { ok: false; notice: Notice };

async function pipe(bytes: Uint8Array, stream: TransformStream<Uint8Array, Uint8Array>, limit = Infinity): Promise<Uint8Array | null> {
  const reader = new Blob([bytes as BlobPart]).stream().pipeThrough(stream).getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel();
      return null;
    }
    parts.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Null when the text is not base64url. */
export function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** The fragment (without `#`) carrying a snapshot, or how long it would be when it is too long for a link. */
export async function encodeSnapshotLink(snapshot: SnapshotV1): Promise<LinkEncoding> {
  const json = new TextEncoder().encode(JSON.stringify(snapshot));
  const packed = await pipe(json, new CompressionStream('deflate-raw') as unknown as TransformStream<Uint8Array, Uint8Array>);
  const fragment = `${LINK_KEY}=${toBase64Url(packed!)}`;
  if (fragment.length + 1 > MAX_LINK_CHARS) return { ok: false, chars: fragment.length + 1, limit: MAX_LINK_CHARS };
  return { ok: true, fragment, bytes: json.byteLength };
}

/** The snapshot data of a URL's fragment (`#s=…` or `s=…`), or null when it carries none. */
export function linkData(hash: string): string | null {
  const h = hash.startsWith('#') ? hash.slice(1) : hash;
  return h.startsWith(`${LINK_KEY}=`) ? h.slice(LINK_KEY.length + 1) : null;
}

/** A link shared as text (the share sheet's `text` or `url`): the fragment of the first app link in it. */
export function linkIn(text: string): string | null {
  const at = text.search(/#s=/);
  if (at < 0) return null;
  const m = /^#s=[A-Za-z0-9_-]*/.exec(text.slice(at));
  return m ? m[0] : null;
}

const bad = (code: string, text: string, vars = {}): LinkDecoding => ({ ok: false, notice: notice(code, text, vars) });

/** The snapshot text a link's data carries, for `restoreSnapshot`; or one sentence saying why the link cannot open. */
export async function decodeSnapshotLink(data: string): Promise<LinkDecoding> {
  if (data.length + 3 > MAX_LINK_CHARS) return bad('link-too-long', 'The link is longer than a snapshot link may be.', { limit: MAX_LINK_CHARS });
  const packed = fromBase64Url(data);
  if (!packed || packed.length === 0) return bad('link-broken', 'The link is broken: it was cut short or changed on the way.');
  let json: Uint8Array | null;
  try {
    json = await pipe(packed, new DecompressionStream('deflate-raw') as unknown as TransformStream<Uint8Array, Uint8Array>, MAX_SNAPSHOT_BYTES);
  } catch {
    return bad('link-broken', 'The link is broken: it was cut short or changed on the way.');
  }
  if (json === null) return bad('too-large', `The file is larger than ${MAX_SNAPSHOT_BYTES / (1024 * 1024)} MB, the most a snapshot may be.`, { limit: MAX_SNAPSHOT_BYTES });
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(json) };
  } catch {
    return bad('link-broken', 'The link is broken: it was cut short or changed on the way.');
  }
}
