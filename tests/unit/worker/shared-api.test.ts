import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { linkData, MAX_SNAPSHOT_BYTES } from '../../../src/core/snapshot';
import { computeHarness, importText, type ComputeHarness } from '../../support/compute-harness';
import { analyze, copy, DON_HANG } from '../snapshot/fixtures';

let h: ComputeHarness | null = null;
afterEach(() => {
  h?.close();
  h = null;
});

const file = (text: string, name = 'x.clv.json') => new File([text], name, { type: 'application/json' });

describe('opening shared snapshots through the worker API', () => {
  it('a snapshot file is restored, kept with its file name, and read back equal', async () => {
    h = computeHarness();
    const snapshot = copy(await analyze(DON_HANG));
    const opened = await h.api.openSnapshotFile(file(JSON.stringify(snapshot, null, 2), 'don-hang.clv.json'), 'don-hang.clv.json', 'file');
    if (!opened.ok) throw new Error(opened.problem);
    const doc = await h.api.sharedSnapshot(opened.id);
    expect(doc?.snapshot).toEqual(snapshot);
    expect(doc?.entry).toMatchObject({ name: 'don-hang.csv', origin: { kind: 'file', fileName: 'don-hang.clv.json' } });
  });

  it('a link made for a stored dataset opens as the same snapshot; deleting it removes it', async () => {
    h = computeHarness();
    const id = await importText(h.api, 'don-hang.csv', readFileSync(DON_HANG, 'utf8'));
    const { link, text } = await h.api.snapshotLink(id);
    if (!link.ok) throw new Error('too long');
    const sent = JSON.parse(text);
    // Shared aggregate-only: the backup's rejected example lines (customer ids as written) are not in it.
    const backup = await h.api.snapshot(id, { aggregateOnly: false });
    expect(backup.dataset.rejected.flatMap((g) => g.examples).map((e) => e.text)).toContain('D008;KH04;31/13/2024;500.000 ₫');
    expect(text).not.toMatch(/D00[78]|KH04/);
    expect(sent.dataset).toMatchObject({ aggregateOnly: true, k: 5 });
    expect({ ...sent, createdAt: 0 }).toEqual({ ...(await h.api.snapshot(id)), createdAt: 0 });
    const opened = await h.api.openSnapshotLink(linkData(link.fragment)!);
    if (!opened.ok) throw new Error(opened.problem);
    const doc = await h.api.sharedSnapshot(opened.id);
    expect(doc?.snapshot).toEqual(sent);
    expect(doc?.entry.origin).toEqual({ kind: 'link', fileName: null });
    await h.api.deleteShared(opened.id);
    expect(await h.api.sharedSnapshot(opened.id)).toBeNull();
  });

  it('refuses, with one sentence and never a throw: too large unread, not UTF-8, not JSON, hostile keys, HTML kept as text', async () => {
    h = computeHarness();
    const big = new File([new Uint8Array(MAX_SNAPSHOT_BYTES + 1)], 'big.clv.json');
    expect(await h.api.openSnapshotFile(big, 'big.clv.json', 'file')).toMatchObject({ ok: false, notice: { code: 'too-large' } });
    expect(await h.api.openSnapshotFile(new File([new Uint8Array([0x7b, 0xff, 0xfe])], 'b'), 'b', 'file')).toMatchObject({ ok: false, notice: { code: 'not-text' } });
    expect(await h.api.openSnapshotFile(file('{"format":"clv-snapshot",'), 'c', 'file')).toMatchObject({ ok: false, notice: { code: 'not-json' } });
    const hostile = JSON.stringify(copy(await analyze(DON_HANG))).replace('"dataset":{', '"__proto__":{"polluted":1},"dataset":{"constructor":{"prototype":{"x":1}},');
    const refused = await h.api.openSnapshotFile(file(hostile), 'h', 'file');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // Unknown keys are dropped with a note, or refused: either way nothing reaches a prototype.
    if (refused.ok) expect(JSON.stringify((await h.api.sharedSnapshot(refused.id))?.snapshot)).not.toMatch(/polluted|prototype/);
    else expect(refused.problem).toMatch(/\S/);
    const named = copy(await analyze(DON_HANG));
    named.dataset.name = '<img src=x onerror=alert(1)>.csv';
    const html = await h.api.openSnapshotFile(file(JSON.stringify(named)), 'n', 'file');
    if (!html.ok) throw new Error(html.problem);
    expect((await h.api.sharedSnapshot(html.id))?.entry.name).toBe('<img src=x onerror=alert(1)>.csv');
    expect(await h.api.openSnapshotLink('%%%')).toMatchObject({ ok: false, notice: { code: 'link-broken' } });
  });
});
