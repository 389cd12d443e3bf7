/** The segments and NPS domains through the worker's API: the hand-worked shop of tests/unit/segments. */
import 'fake-indexeddb/auto';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../../src/core/segments';
import { restoreSnapshot } from '../../../src/core/snapshot';
import { computeHarness, importText } from '../../support/compute-harness';
import { TEN_CUSTOMER_SHOP } from '../../fixtures/segments/ten-customer-shop';

const harness = computeHarness();
const { api } = harness;
afterAll(() => harness.close());

const purchases = TEN_CUSTOMER_SHOP;
// A row on 30 June 2024 by a customer who only returns goods makes that day the data's last, as in the unit test.
const csv = ['customer,date,amount', ...purchases.flatMap(([c, dates, a]) => dates.map((d) => `${c},${d},${a}`)), 'R1,2024-06-30,-5'].join('\n');

describe('segments through the worker', () => {
  it('segments at the data\'s last day, an edited rule table kept with the dataset, and the lists', async () => {
    const id = await importText(api, 'shop.csv', csv);
    const view = await api.segments(id, null);
    expect(view).toMatchObject({ asOf: '2024-06-30', customers: 10, revenue: 2930, edited: false, predicted: false });
    expect(Object.fromEntries(view.rows.map((r) => [r.segment, r.customers]))).toMatchObject({ champions: 1, loyal: 2, lost: 2, atRisk: 1 });
    expect((await api.segmentMembers(id, null, { segment: 'loyal' })).ids).toEqual(['C5', 'C3']);

    const edited = [{ segment: 'loyal' as const, r: [1, 5] as const, f: [3, 5] as const, m: [1, 5] as const }, { segment: 'lost' as const, r: [1, 5] as const, f: [1, 5] as const, m: [1, 5] as const }];
    expect(await api.saveSegmentRules(id, edited.slice(0, 1))).toMatchObject({ ok: false, problem: { code: 'rules-no-catch-all' } });
    expect(await api.saveSegmentRules(id, edited)).toEqual({ ok: true });
    const after = await api.segments(id, null);
    expect(after.edited).toBe(true);
    expect(after.rows.map((r) => [r.segment, r.customers])).toEqual([['loyal', 4], ['lost', 6]]);
    await api.saveSegmentRules(id, null);
    expect((await api.segments(id, null)).rules).toEqual(DEFAULT_RULES.map((r) => ({ ...r, r: [...r.r], f: [...r.f], m: [...r.m] })));

    const winBack = await api.customerList(id, null, 'winBack');
    expect(winBack.entries.map((e) => [e.id, e.value])).toEqual([['C8', 600]]);
    await api.saveListRules(id, { ...winBack.rules, winBack: { lapsedDays: 180, minRevenueQuantile: 0 } });
    // Worth the effort at any spend now: C7 (40) joins, behind C8.
    expect((await api.customerList(id, null, 'winBack')).entries.map((e) => e.id)).toEqual(['C8', 'C7']);
    const moved = await api.segmentMovement(id, '2024-03-31', '2024-06-30');
    expect(moved.counts.at(-1)!.reduce((a, v) => a + v, 0)).toBe(2);
  });

  it('NPS attached to the dataset, replaced by a new file, and gone with the dataset', async () => {
    const id = await importText(api, 'shop2.csv', csv);
    expect(await api.nps(id)).toBeNull();
    const survey = 'customer,score,date\nC1,10,2024-06-05\nC4,6,2024-06-15\nC6,0,2024-06-01\nX99,9,2024-06-02\n';
    expect(await api.attachNps(id, new File([survey], 'survey.csv'), 'survey.csv')).toEqual({ ok: true });
    const nps = (await api.nps(id))!;
    // Promoters C1, X99; detractors C4, C6: NPS 0; X99 matches no customer.
    expect(nps).toMatchObject({ answers: 4, promoters: 2, detractors: 2, score: 0, matched: 3, unmatched: 1, unmatchedIds: ['X99'], fileName: 'survey.csv' });
    expect(nps.toCall.map((d) => [d.id, d.value])).toEqual([['C6', 450], ['C4', 120]]);
    expect(await api.attachNps(id, new File(['just,one,column\n'], 'bad.csv'), 'bad.csv')).toMatchObject({ ok: false });
    await api.attachNps(id, new File(['customer,score,date\nC1,3,2024-06-05\n'], 'second.csv'), 'second.csv');
    expect(await api.nps(id)).toMatchObject({ fileName: 'second.csv', detractors: 1, score: -100 });
    // The full snapshot (the backup) carries the segments and the NPS, and opens again.
    await api.attachNps(id, new File([survey], 'survey.csv'), 'survey.csv');
    const snap = await api.snapshot(id, { aggregateOnly: false });
    expect(snap.segments).toMatchObject({ asOf: '2024-06-30', counts: { champions: { customers: 1, revenue: 500 }, lost: { customers: 2, revenue: 640 } } });
    expect(snap.nps).toMatchObject({ answers: 4, matched: 3, unmatched: 1, promoters: 2, passives: 0, detractors: 2, score: 0, byGroup: { detractor: { customers: 2, revenue: 570, averageHistoricalClv: 285 } } });
    const restored = restoreSnapshot(JSON.stringify(snap));
    expect(restored).toMatchObject({ ok: true, snapshot: { segments: snap.segments, nps: snap.nps } });
    // Parts that disagree are refused with one sentence.
    const broken = { ...snap, nps: { ...snap.nps!, promoters: 3 } };
    expect(restoreSnapshot(broken)).toMatchObject({ ok: false, notice: { code: 'nps-groups-sum' } });
    const crowded = { ...snap, segments: { ...snap.segments!, counts: { ...snap.segments!.counts, lost: { customers: 50, revenue: 0 } } } };
    expect(restoreSnapshot(crowded)).toMatchObject({ ok: false, notice: { code: 'segments-too-many' } });
    const open = { ...snap, segments: { ...snap.segments!, rules: snap.segments!.rules.slice(0, -1) } };
    expect(restoreSnapshot(open)).toMatchObject({ ok: false, notice: { code: 'segments-no-catch-all' } });
    await api.deleteDataset(id);
    expect(await harness.context.db.nps.get(id)).toBeUndefined();
  });
});

describe('contact columns in the lists', () => {
  it('carries the name and phone the file has for each listed customer (the last non-empty one)', async () => {
    // The same shop with a name on every row and a phone only on some: C1's last phone row wins.
    const rows = purchases.flatMap(([c, dates, a]) => dates.map((d, k) => `${c},${d},${a},Name ${c},${k % 2 === 0 ? `+84 90 ${c.slice(1).padStart(3, '0')} 00${k}` : ''}`));
    const id = await importText(api, 'shop-contacts.csv', ['customer,date,amount,customer name,phone', ...rows, 'R1,2024-06-30,-5,,'].join('\n'));
    let listed = 0;
    for (const kind of ['atRisk', 'winBack', 'grow'] as const) {
      const list = await api.customerList(id, null, kind, null, true);
      expect(list.contacts).toEqual(['name', 'phone']);
      for (const e of list.entries) {
        const dates = purchases.find(([c]) => c === e.id)![1];
        const lastWithPhone = dates.length - 1 - ((dates.length - 1) % 2);
        expect(e.contact).toEqual({ name: `Name ${e.id}`, phone: `+84 90 ${e.id.slice(1).padStart(3, '0')} 00${lastWithPhone}` });
        listed++;
      }
    }
    expect(listed).toBeGreaterThan(0);
  });
});
