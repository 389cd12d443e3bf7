/**
 * What the page says when storage fails: a full disk during an import is one sentence with what the file needed and
 * what the browser allows, in the user's language; every other storage failure a sentence too, never its bare name.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../../src/i18n';
import { DatasetsStore } from '../../../src/state/datasets.svelte';
import { Session } from '../../../src/state/session.svelte';
import { locale } from '../../../src/state/locale.svelte';
import { errorText, importStorageSentence } from '../../../src/state/error-text';
import type { Compute } from '../../../src/state/compute';
import { computeHarness, importText } from '../../support/compute-harness';
import { limitStorage } from '../../storage/quota';

beforeAll(() => Promise.all([loadCatalogue('vi'), loadCatalogue('th')]));
let lift: (() => void) | null = null;
afterEach(() => {
  lift?.();
  lift = null;
  locale.code = 'en';
});

describe('a full disk during an import', () => {
  it('fails the flow with the file\'s need and the browser\'s quota, keeps the stored dataset, and says so in en, vi and th', async () => {
    const harness = computeHarness();
    try {
      const client = () => harness.api as Compute;
      await importText(harness.api, 'kept.csv', 'customer,date,amount\nA,2024-01-05,10\nB,2024-01-06,20\n');
      const datasets = new DatasetsStore(client);
      datasets.start();
      const session = new Session(datasets, undefined);
      const { ImportFlow } = await import('../../../src/state/import-flow.svelte');
      // What navigator.storage.estimate says: 1,000 bytes allowed, 990 used (10 bytes of room for a file of 22:
      // customers, days and whole-unit amounts packed in a byte a row each, 3 × 4 bytes (src/core/packed-ints.ts), ids
      // packed 2 × (1 + 4); the rows' lines are not stored).
      const estimate = { quota: null as number | null, usage: null as number | null, async refresh() { this.quota = 1000; this.usage = 990; } };
      const flow = new ImportFlow(client, datasets, session, undefined, estimate);
      await flow.choose(new File(['customer,date,amount\nX,2024-02-01,1\nY,2024-02-02,2\nX,2024-03-01,3\nY,2024-03-02,4\n'], 'second.csv'));
      lift = (await limitStorage(100)).lift;
      await flow.confirm();
      expect(flow.phase).toBe('failed');
      expect(flow.error).toMatchObject({ kind: 'storage', storage: { failure: 'quota', needed: 22, quota: 1000, usage: 990 } });
      const problem = flow.error!.storage!;
      expect(importStorageSentence(problem, 'en-US')).toBe('Storing this file needs about 22 B, but the browser lets this site keep 1,000 B and 990 B of it is taken, so nothing of the file was saved and your stored datasets are intact: delete a dataset you no longer need, or free space on this device, then import again.');
      locale.code = 'vi';
      expect(importStorageSentence(problem, 'vi-VN')).toBe('Để lưu tệp này cần khoảng 22 B, nhưng trình duyệt chỉ cho trang này giữ 1.000 B và đã dùng 990 B, nên chưa có phần nào của tệp được lưu và các tập dữ liệu đã lưu vẫn nguyên vẹn: hãy xóa một tập dữ liệu không còn cần, hoặc giải phóng dung lượng trên thiết bị, rồi nhập lại.');
      locale.code = 'th';
      expect(importStorageSentence({ ...problem, quota: null }, 'th-TH')).toBe('การบันทึกไฟล์นี้ต้องใช้ประมาณ 22 B มากกว่าที่เบราว์เซอร์ให้เว็บนี้เก็บได้ จึงไม่ได้บันทึกส่วนใดของไฟล์ และชุดข้อมูลที่บันทึกไว้ยังอยู่ครบ: ลบชุดข้อมูลที่ไม่ใช้แล้ว หรือเพิ่มพื้นที่ว่างในอุปกรณ์ แล้วนำเข้าอีกครั้ง');
      // The browser's estimate shows room for the file: its figures are not the limit that stopped the save.
      locale.code = 'en';
      expect(importStorageSentence({ ...problem, usage: 100 }, 'en-US')).toBe('Storing this file needs about 22 B, more than the browser lets this site keep, so nothing of the file was saved and your stored datasets are intact: delete a dataset you no longer need, or free space on this device, then import again.');
      lift();
      lift = null;
      expect((await harness.api.listDatasets()).map((d) => d.name)).toEqual(['kept.csv']);
    } finally {
      harness.close();
    }
  });
});

describe('a full disk met after the dataset was shown', () => {
  it('fails the flow and leaves the session and the list on what is stored', async () => {
    const harness = computeHarness();
    try {
      const client = () => harness.api as Compute;
      const kept = await importText(harness.api, 'kept.csv', 'customer,date,amount\nA,2024-01-05,10\nB,2024-01-06,20\n');
      const datasets = new DatasetsStore(client);
      datasets.start();
      const session = new Session(datasets, undefined);
      const opened: number[] = [];
      const open = session.open.bind(session);
      session.open = (id) => (opened.push(id), open(id));
      const { ImportFlow } = await import('../../../src/state/import-flow.svelte');
      const estimate = { quota: null as number | null, usage: null as number | null, async refresh() {} };
      const flow = new ImportFlow(client, datasets, session, undefined, estimate);
      await flow.choose(new File(['customer,date,amount\nX,2024-02-01,1\nY,2024-02-02,2\nX,2024-03-01,3\nY,2024-03-02,4\n'], 'second.csv'));
      // The record (332 bytes as tests/storage/quota.ts counts them) fits; its first chunk does not.
      lift = (await limitStorage(340)).lift;
      await flow.confirm();
      expect(flow.phase).toBe('failed');
      expect(flow.error).toMatchObject({ kind: 'storage', storage: { failure: 'quota', needed: 22 } });
      // Whether it was opened meanwhile depends on how soon the save failed (here at once); either way it is gone and
      // the session is on the stored one.
      expect(opened.every((id) => id !== kept)).toBe(true);
      for (let i = 0; i < 100 && datasets.list?.length !== 1; i++) await new Promise((r) => setTimeout(r, 5));
      expect(datasets.list?.map((d) => d.name)).toEqual(['kept.csv']);
      expect(session.opened).toEqual({ kind: 'dataset', id: kept });
    } finally {
      harness.close();
    }
  });

  it('without a failure, opens the dataset once, before the import ends, and the list then has it stored', async () => {
    const harness = computeHarness();
    try {
      const client = () => harness.api as Compute;
      const datasets = new DatasetsStore(client);
      datasets.start();
      const session = new Session(datasets, undefined);
      const events: string[] = [];
      const open = session.open.bind(session);
      session.open = (id) => (events.push(`open ${id}`), open(id));
      const { ImportFlow } = await import('../../../src/state/import-flow.svelte');
      const flow = new ImportFlow(client, datasets, session);
      await flow.choose(new File(['customer,date,amount\nX,2024-02-01,1\nY,2024-02-02,2\n'], 'one.csv'));
      const confirmed = flow.confirm().then(() => events.push('ended'));
      await confirmed;
      expect(events).toEqual(['open 1', 'ended']);
      expect(flow.phase).toBe('idle');
      for (let i = 0; i < 100 && datasets.list?.[0]?.saving; i++) await new Promise((r) => setTimeout(r, 5));
      expect(datasets.list?.map((d) => [d.name, d.saving ?? false])).toEqual([['one.csv', false]]);
    } finally {
      harness.close();
    }
  });
});

describe('storage failures elsewhere', () => {
  it('are sentences that say what to do, never the bare error name', () => {
    const named = (name: string, message = name) => Object.assign(new Error(message), { name });
    expect(errorText(named('QuotaExceededError'))).toBe('The browser has no more room for this site’s data, so nothing was saved: delete a dataset you no longer need, or free space on this device, and try again; what is already stored is intact.');
    expect(errorText(named('VersionError'))).toBe('A newer version of CLV Studio is open in another tab, and this tab can no longer use the stored data: reload this tab.');
    expect(errorText(named('DatabaseClosedError', 'Database has been closed'))).toMatch(/^The connection to the data stored on this device was closed/);
    expect(errorText(named('InvalidStateError'))).toMatch(/^The browser does not let this page store data here/);
    expect(errorText(named('UnknownError', 'Connection to Indexed Database server lost. Refresh the page to try again'))).toMatch(/^The browser’s storage failed without saying why/);
    locale.code = 'vi';
    expect(errorText(named('QuotaExceededError'))).toMatch(/^Trình duyệt không còn chỗ/);
    locale.code = 'th';
    expect(errorText(named('VersionError'))).toMatch(/^มี CLV Studio รุ่นใหม่กว่า/);
    // Anything else is shown as it came.
    expect(errorText(new Error('Dataset 3 no longer exists.'))).toBe('Dataset 3 no longer exists.');
  });
});
