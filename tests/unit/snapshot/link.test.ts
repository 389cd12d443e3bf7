import { describe, expect, it } from 'vitest';
import { deflateRawSync } from 'node:zlib';
import {
  decodeSnapshotLink, encodeSnapshotLink, isSnapshotText, linkData, linkIn, MAX_LINK_CHARS, MAX_SNAPSHOT_BYTES, opensAsSnapshot, restoreSnapshot,
} from '../../../src/core/snapshot';
import { fromBase64Url, toBase64Url } from '../../../src/core/snapshot/link';
import { analyze, copy, DON_HANG } from './fixtures';

describe('telling a snapshot from an orders file', () => {
  it('knows a snapshot by its format field, with a BOM, spaces or the format not first', async () => {
    const text = JSON.stringify(await analyze(DON_HANG), null, 2);
    expect(isSnapshotText(text)).toBe(true);
    expect(isSnapshotText(`\ufeff \n${text}`)).toBe(true);
    expect(isSnapshotText('{"version":1,"format" : "clv-snapshot"}')).toBe(true);
  });

  it('an orders file, another JSON document or a near miss is not a snapshot', () => {
    expect(isSnapshotText('Mã khách hàng;Ngày;Tổng tiền\nKH01;05/01/2024;1.000.000')).toBe(false);
    expect(isSnapshotText('{"format":"clv-snapshots"}')).toBe(false);
    expect(isSnapshotText('["format","clv-snapshot"]')).toBe(false);
    expect(isSnapshotText('customer,format\n1,"clv-snapshot"')).toBe(false);
  });

  it('JSON, or a file named .json, goes to restore (which says what is wrong), a CSV does not', () => {
    expect(opensAsSnapshot('{"type":"excalidraw"}')).toBe(true);
    expect(opensAsSnapshot('[1,2]')).toBe(true);
    expect(opensAsSnapshot('garbage', 'shop.clv.json')).toBe(true);
    expect(opensAsSnapshot('customer,date,amount\n', 'orders.csv')).toBe(false);
  });
});

describe('share links', () => {
  it('a real snapshot goes through a link and back unchanged, in a few KB', async () => {
    const snapshot = await analyze(DON_HANG, '--segments');
    const link = await encodeSnapshotLink(snapshot);
    if (!link.ok) throw new Error('too long');
    expect(link.fragment.startsWith('s=')).toBe(true);
    expect(link.fragment).toMatch(/^s=[A-Za-z0-9_-]+$/);
    // don-hang.csv with segments: 5,468 bytes of compact JSON (models and forecast included), a link of 2,733 characters.
    expect(link.bytes).toBeGreaterThan(5000);
    expect(link.fragment.length).toBeLessThan(3000);
    const data = linkData(`#${link.fragment}`);
    expect(data).not.toBeNull();
    const decoded = await decodeSnapshotLink(data!);
    if (!decoded.ok) throw new Error(decoded.notice.text);
    const restored = restoreSnapshot(decoded.text);
    expect(restored.ok).toBe(true);
    if (restored.ok) expect(restored.snapshot).toEqual(copy(snapshot));
  });

  it('finds the link inside shared text', () => {
    expect(linkIn('Look: https://example.org/clv/#s=abc_-1 thanks')).toBe('#s=abc_-1');
    expect(linkIn('no link here')).toBeNull();
    expect(linkData('#other')).toBeNull();
  });

  it('a snapshot too large for a link says how long it would be', async () => {
    const snapshot = copy(await analyze(DON_HANG));
    // Random-looking names do not compress: ~60 KB of them make a link over 32 KB.
    let seed = 1;
    const noise = () => Array.from({ length: 900 }, () => String.fromCharCode(33 + ((seed = (seed * 48271) % 2147483647) % 89))).join('');
    snapshot.dataset.rejected = Array.from({ length: 60 }, (_, g) => ({ reason: `reason ${g}`, count: 1, examples: [{ line: g + 2, text: noise() }] }));
    const link = await encodeSnapshotLink(snapshot);
    expect(link.ok).toBe(false);
    if (!link.ok) {
      expect(link.chars).toBeGreaterThan(MAX_LINK_CHARS);
      expect(link.limit).toBe(MAX_LINK_CHARS);
    }
  });

  it('refuses a link too long, broken, not base64url, or inflating past the largest snapshot', async () => {
    expect(await decodeSnapshotLink('A'.repeat(MAX_LINK_CHARS))).toMatchObject({ ok: false, notice: { code: 'link-too-long' } });
    expect(await decodeSnapshotLink('<script>')).toMatchObject({ ok: false, notice: { code: 'link-broken' } });
    expect(await decodeSnapshotLink('')).toMatchObject({ ok: false, notice: { code: 'link-broken' } });
    expect(await decodeSnapshotLink('AAAAAAAAAAAAAAAAAA')).toMatchObject({ ok: false, notice: { code: 'link-broken' } });
    // A deflate bomb: 21 MB of spaces in ~21 KB of link.
    const bomb = toBase64Url(deflateRawSync(Buffer.alloc(MAX_SNAPSHOT_BYTES + 1024 * 1024, 32), { level: 9 }));
    expect(bomb.length).toBeLessThan(MAX_LINK_CHARS);
    expect(await decodeSnapshotLink(bomb)).toMatchObject({ ok: false, notice: { code: 'too-large' } });
    // Bytes that are not UTF-8.
    expect(await decodeSnapshotLink(toBase64Url(deflateRawSync(Buffer.from([0xff, 0xfe, 0x00]))))).toMatchObject({ ok: false, notice: { code: 'link-broken' } });
  });

  it('base64url round trip of every byte', () => {
    const bytes = Uint8Array.from({ length: 256 * 3 + 1 }, (_, i) => i % 256);
    expect(Array.from(fromBase64Url(toBase64Url(bytes))!)).toEqual(Array.from(bytes));
  });
});
