/**
 * Hostile and broken files: prototype keys at every level, numbers JSON cannot carry, huge lists and texts, HTML,
 * getters and proxies, and a seeded random mutation fuzz. restoreSnapshot must never throw, must either refuse with
 * one clear sentence or restore safely, and must leave Object.prototype as it was.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aggregateOnlySnapshot, restoreSnapshot, type RestoreResult, type SnapshotV1 } from '../../../src/core/snapshot';
import { mulberry32 } from '../../../src/core/sample/prng';
import { analyze, copy, DON_HANG, objectsIn } from './fixtures';

let snap: SnapshotV1;
const prototypeNames = Object.getOwnPropertyNames(Object.prototype).sort();
beforeAll(async () => {
  snap = await analyze(DON_HANG);
});

function expectPrototypesUntouched(): void {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeNames);
  const probe = {} as Record<string, unknown>;
  for (const key of ['polluted', 'isAdmin', 'dataset', 'prototype']) expect(probe[key], key).toBeUndefined();
  expect(Object.getPrototypeOf(probe)).toBe(Object.prototype);
}
afterAll(expectPrototypesUntouched);

/** What is wrong with a result: it must be a restored snapshot of plain objects, or one sentence on one line. */
function malformed(r: RestoreResult): string[] {
  const wrong: string[] = [];
  if (r.ok) {
    for (const { path, object } of objectsIn(r.snapshot)) {
      if (Object.getPrototypeOf(object) !== Object.prototype) wrong.push(`${path}: prototype`);
      for (const key of ['__proto__', 'constructor', 'prototype']) if (Object.hasOwn(object, key)) wrong.push(`${path}.${key}`);
    }
    return wrong;
  }
  if (typeof r.problem !== 'string' || !/^[^\n\r]{5,600}\.$/.test(r.problem)) wrong.push(`problem: ${String(r.problem)}`);
  if (r.notice.text !== r.problem) wrong.push('notice text');
  if (!/^[a-z]+(-[a-z]+)*$/.test(r.notice.code)) wrong.push(`code: ${r.notice.code}`);
  for (const [k, v] of Object.entries(r.notice.vars)) if (typeof v !== 'string' && typeof v !== 'number') wrong.push(`vars.${k}`);
  return wrong;
}

function expectWellFormed(r: RestoreResult, context: string): void {
  expect(malformed(r), context).toEqual([]);
}

/** Puts an own key on an object the way JSON.parse does, even for `__proto__`. */
function defineOwn(object: object, key: string, value: unknown): void {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

describe('prototype keys', () => {
  it('drops __proto__, constructor and prototype keys at every level, from text and from values', () => {
    const s = copy(snap);
    const objects = objectsIn(s);
    for (const { object } of objects) {
      defineOwn(object, '__proto__', { polluted: true, isAdmin: true });
      defineOwn(object, 'constructor', { prototype: { polluted: true } });
      defineOwn(object, 'prototype', { polluted: true });
    }
    const text = JSON.stringify(s);
    expect(text).toContain('"__proto__":{"polluted":true');
    for (const input of [text, JSON.parse(text) as unknown, s]) {
      const r = restoreSnapshot(input);
      expectWellFormed(r, 'prototype keys');
      expect(r.ok && r.snapshot).toEqual(snap);
      if (!r.ok) continue;
      // Three dropped keys per object: the first 50 are listed, the rest counted.
      expect(r.notes).toHaveLength(51);
      for (const note of r.notes.slice(0, 50)) expect(note.vars.path).toMatch(/(^|\.)(__proto__|constructor|prototype)$/);
      expect(r.notes[50].vars.count).toBe(objects.length * 3 - 50);
      expectPrototypesUntouched();
    }
  });

  it('drops prototype keys in the suppressed groups of an aggregate-only snapshot too', () => {
    const shared = aggregateOnlySnapshot(snap, { k: 2 });
    const s = copy(shared);
    for (const { object } of objectsIn(s)) defineOwn(object, '__proto__', { suppressed: false, customers: 1 });
    const r = restoreSnapshot(JSON.stringify(s));
    expectWellFormed(r, 'prototype keys');
    expect(r.ok && r.snapshot).toEqual(shared);
    expectPrototypesUntouched();
  });

  it('reads only own fields: a part inherited through a prototype is missing', () => {
    const { dataset, ...rest } = copy(snap);
    const sneaky = Object.assign(Object.create({ dataset }), rest);
    expect(restoreSnapshot(sneaky)).toMatchObject({ ok: false, problem: 'dataset is missing.' });
    const nullPrototype = Object.assign(Object.create(null), copy(snap));
    expect(restoreSnapshot(nullPrototype)).toMatchObject({ ok: true, snapshot: snap });
  });

  it('refuses a getter without running it, and survives proxies that throw', () => {
    let ran = false;
    const withGetter: object = copy(snap);
    Object.defineProperty(withGetter, 'dataset', { enumerable: true, get: () => ((ran = true), snap.dataset) });
    expect(restoreSnapshot(withGetter)).toEqual({ ok: false, problem: 'dataset is computed by code, not written data.', notice: { code: 'not-data', text: 'dataset is computed by code, not written data.', vars: { path: 'dataset' } } });
    expect(ran).toBe(false);

    const trap = () => {
      throw new Error('trap');
    };
    const hostile = new Proxy(copy(snap), { getOwnPropertyDescriptor: trap, ownKeys: trap });
    expect(restoreSnapshot(hostile)).toEqual({ ok: false, problem: 'The file could not be read as a snapshot.', notice: { code: 'unreadable', text: 'The file could not be read as a snapshot.', vars: {} } });
    const { proxy, revoke } = Proxy.revocable(copy(snap), {});
    revoke();
    expectWellFormed(restoreSnapshot(proxy), 'revoked proxy');
  });
});

describe('numbers JSON cannot carry', () => {
  const money = 'dataset.netRevenue: expected a number from -1,000,000,000,000,000,000 to 1,000,000,000,000,000,000';

  it('refuses Infinity from an overflowing literal, NaN and Infinity written as strings, and NaN turned into null', () => {
    const text = JSON.stringify(snap);
    expect(restoreSnapshot(text.replace('"netRevenue":5050000', '"netRevenue":1e400'))).toMatchObject({ ok: false, problem: `${money}, found Infinity.` });
    expect(restoreSnapshot(text.replace('"netRevenue":5050000', '"netRevenue":-1e400'))).toMatchObject({ ok: false, problem: `${money}, found -Infinity.` });
    expect(restoreSnapshot(text.replace('"customers":3', '"customers":1e400'))).toMatchObject({ ok: false, problem: 'dataset.customers: expected a whole number from 0 to 10,000,000,000, found Infinity.' });
    for (const written of ['NaN', 'Infinity', '-Infinity']) {
      const tricked = JSON.stringify(snap, (key, value) => (key === 'netRevenue' && typeof value === 'number' ? written : value));
      expect(restoreSnapshot(tricked)).toMatchObject({ ok: false, problem: `${money}, found "${written}".` });
    }
    // JSON.stringify writes NaN and Infinity as null.
    const nulled = JSON.stringify({ ...snap, dataset: { ...snap.dataset, netRevenue: Number.NaN } });
    expect(restoreSnapshot(nulled)).toMatchObject({ ok: false, problem: `${money}, found null.` });
    // A bare NaN token is not JSON at all.
    expect(restoreSnapshot(text.replace('"netRevenue":5050000', '"netRevenue":NaN'))).toMatchObject({ ok: false, notice: { code: 'not-json' } });
  });

  it('refuses NaN and Infinity in a parsed value', () => {
    for (const value of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      const s = copy(snap);
      s.cohorts.rows[0].revenue![1] = value;
      expect(restoreSnapshot(s)).toMatchObject({ ok: false, notice: { code: 'unexpected-value', vars: { path: 'cohorts.rows[0].revenue[1]', found: String(value) } } });
    }
  });

  it('restores -0 as 0', () => {
    const text = JSON.stringify(snap).replace('"netRevenue":5050000', '"netRevenue":-0').replace('"rowsRejected":2', '"rowsRejected":2.0');
    const r = restoreSnapshot(text);
    expect(r.ok).toBe(true);
    if (r.ok) expect(Object.is(r.snapshot.dataset.netRevenue, 0)).toBe(true);
    const s = copy(snap);
    s.cohorts.rows[0].revenue![2] = -0;
    const v = restoreSnapshot(s);
    expect(v.ok && Object.is(v.snapshot.cohorts.rows[0].revenue![2], 0)).toBe(true);
  });
});

describe('size', () => {
  it('refuses huge lists and texts without walking them', () => {
    const started = performance.now();
    const cases: [(s: any) => void, string][] = [
      [(s) => (s.customers = new Array(50_000_000)), 'customers: the list has 50,000,000 entries; at most 1,000,000 are allowed.'],
      [(s) => (s.cohorts.rows[0].active = new Array(1201).fill(0)), 'cohorts.rows[0].active: the list has 1,201 entries; at most 1,200 are allowed.'],
      [(s) => (s.dataset.rejected = new Array(101).fill(s.dataset.rejected[0])), 'dataset.rejected: the list has 101 entries; at most 100 are allowed.'],
      [(s) => (s.dataset.name = 'x'.repeat(5_000_000)), 'dataset.name: the text has 5,000,000 characters; at most 1,000 are allowed.'],
      [(s) => (s.dataset.rejected[0].examples[0].text = '<'.repeat(1001)), 'dataset.rejected[0].examples[0].text: the text has 1,001 characters; at most 1,000 are allowed.'],
    ];
    for (const [change, sentence] of cases) {
      const s = copy(snap);
      change(s);
      expect(restoreSnapshot(s)).toMatchObject({ ok: false, problem: sentence });
    }
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('refuses a 100 MB text from its length, before parsing it', () => {
    const hundred = `{"format":"clv-snapshot","version":1,"dataset":"${'<script>'.repeat(100 * 1024 * 128)}"}`;
    expect(hundred.length).toBeGreaterThan(100 * 1024 * 1024);
    const started = performance.now();
    expect(restoreSnapshot(hundred)).toMatchObject({ ok: false, problem: 'The file is larger than 20 MB, the most a snapshot may be.' });
    // Parsing 100 MB would take far longer than checking its length.
    expect(performance.now() - started).toBeLessThan(50);
  });

  it('reads an object with 200,000 unknown keys in time, noting 50 and counting the rest', () => {
    const s = copy(snap) as any;
    for (let i = 0; i < 200_000; i++) s.dataset[`k${i}`] = i;
    const text = JSON.stringify(s);
    const started = performance.now();
    const r = restoreSnapshot(text);
    expect(r.ok && r.snapshot).toEqual(snap);
    expect(r.ok && r.notes.at(-1)).toEqual({ code: 'more-notes', text: '199,950 more notes like these were left out.', vars: { count: 199_950 } });
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('refuses text over 20 MB, and deep nesting, without throwing', () => {
    const huge = `{"format":"clv-snapshot","version":1,"pad":"${'x'.repeat(21 * 1024 * 1024)}"}`;
    expect(restoreSnapshot(huge)).toMatchObject({ ok: false, notice: { code: 'too-large' } });
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    expectWellFormed(restoreSnapshot(deep), 'deep list');
    const deepObject = `{"format":"clv-snapshot","version":1,"createdAt":${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}}`;
    expectWellFormed(restoreSnapshot(deepObject), 'deep object');
  });
});

describe('text is text', () => {
  it('restores HTML and script in names and reasons as the same text', () => {
    const s = copy(snap);
    s.dataset.name = '<img src=x onerror=alert(1)>.csv';
    s.dataset.rejected[0].reason = '<script>alert("reason")</script>';
    s.dataset.rejected[0].examples[0].text = '"><svg onload=alert(1)>;KH01;2024-01-01;1';
    s.app = 'clv-studio@0.1.0<iframe src=javascript:alert(1)>';
    const r = restoreSnapshot(JSON.stringify(s));
    expect(r).toMatchObject({ ok: true, snapshot: s, notes: [] });
  });
});

describe('random mutations (seeded)', () => {
  let shared: SnapshotV1;
  beforeAll(() => {
    shared = aggregateOnlySnapshot(snap, { k: 2 });
  });

  const deep = JSON.parse(`${'{"a":'.repeat(200)}1${'}'.repeat(200)}`) as unknown;
  const hostile: unknown[] = [
    null, undefined, true, false, 0, -0, -1, 1.5, 7, 1e300, -1e300, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER + 2,
    '', 'x', 'NaN', '1e300', '2024-02-30', '2024-13', '9999-01-01', '<script>alert(1)</script>', 'x'.repeat(3000), '\u0000\ud800',
    [], [1, 2, 3], [null], {}, { a: 1 }, JSON.parse('{"__proto__":{"polluted":true}}'), JSON.parse('{"constructor":{"prototype":{"polluted":true}}}'), deep,
  ];

  /** Containers of a value with their holders, to mutate one. */
  function containersOf(value: unknown): object[] {
    if (typeof value !== 'object' || value === null) return [];
    return [value, ...Object.values(value).flatMap(containersOf)];
  }

  it.each([
    // Fewer kinds of problem in the aggregate-only file: its suppressed groups have fewer numbers to break.
    ['the full snapshot', 20261201, () => snap, 15],
    ['an aggregate-only snapshot (k = 2)', 20261213, () => shared, 8],
  ] as const)('%s: never throws, and refuses with one sentence or restores plain objects that restore again the same', (_name, seed, base, kinds) => {
    const snap = base();
    const random = mulberry32(seed);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
    const counts = { ok: 0, refused: 0 };
    const codes = new Set<string>();
    for (let round = 0; round < 1200; round++) {
      const s = copy(snap) as unknown;
      const mutations = 1 + Math.floor(random() * 3);
      for (let m = 0; m < mutations; m++) {
        const target = pick(containersOf(s)) as Record<string, unknown>;
        const keys = Object.keys(target);
        const op = random();
        if (op < 0.55 && keys.length) target[pick(keys)] = pick(hostile);
        else if (op < 0.7 && keys.length) delete target[pick(keys)];
        else if (op < 0.8) defineOwn(target, pick(['__proto__', 'constructor', 'prototype', 'extra', 'toString']), pick(hostile));
        else if (op < 0.9 && Array.isArray(target) && target.length) target.push(target[0]);
        else if (Array.isArray(target)) target.length = Math.floor(target.length / 2);
        else if (keys.length) {
          const k = pick(keys);
          target[k] = typeof target[k] === 'number' ? (target[k] as number) * (random() < 0.5 ? -1 : 10) + 1 : [target[k]];
        }
      }
      const input = round % 2 === 0 ? JSON.stringify(s) : s;
      let r: RestoreResult;
      try {
        r = restoreSnapshot(input);
      } catch (err) {
        throw new Error(`round ${round}: restoreSnapshot threw ${String(err)}`);
      }
      const wrong = malformed(r);
      if (wrong.length) expect(wrong, `round ${round}`).toEqual([]);
      if (r.ok) {
        counts.ok++;
        const again = restoreSnapshot(JSON.stringify(r.snapshot));
        if (!again.ok || JSON.stringify(again.snapshot) !== JSON.stringify(r.snapshot)) expect(again, `round ${round}`).toEqual({ ok: true, snapshot: r.snapshot, notes: [] });
      } else {
        counts.refused++;
        codes.add(r.notice.code);
      }
    }
    expectPrototypesUntouched();
    // The fuzz reaches both outcomes and many kinds of problem.
    expect(counts.ok).toBeGreaterThan(40);
    expect(counts.refused).toBeGreaterThan(700);
    expect(codes.size).toBeGreaterThan(kinds);
  });
});

describe('issue 13, item by item', () => {
  /** The don-hang snapshot as text, changed by `change`. */
  const withChange = (change: (s: any) => void) => {
    const s = copy(snap) as any;
    change(s);
    return JSON.stringify(s);
  };
  const money = 'a number from -1,000,000,000,000,000,000 to 1,000,000,000,000,000,000';

  it('refuses each malformed, oversized or hostile input with one sentence saying where', () => {
    const cases: [string, () => string, string][] = [
      ['wrong version', () => withChange((s) => (s.version = 2)), 'version: this snapshot is version 2, newer than this app reads (1); update the app to open it.'],
      ['missing field', () => withChange((s) => delete s.dataset.rowsRead), 'dataset.rowsRead is missing.'],
      ['huge array', () => withChange((s) => (s.cohorts.rows[0].active = new Array(5000).fill(0))), 'cohorts.rows[0].active: the list has 5,000 entries; at most 1,200 are allowed.'],
      ['huge number', () => withChange((s) => (s.dataset.netRevenue = 1e300)), `dataset.netRevenue: expected ${money}, found 1e+300.`],
      ['Infinity', () => JSON.stringify(snap).replace('"netRevenue":5050000', '"netRevenue":1e999'), `dataset.netRevenue: expected ${money}, found Infinity.`],
      ['NaN', () => withChange((s) => (s.dataset.netRevenue = 'NaN')), `dataset.netRevenue: expected ${money}, found "NaN".`],
      ['100 MB', () => ' '.repeat(100 * 1024 * 1024), 'The file is larger than 20 MB, the most a snapshot may be.'],
      ['truncated', () => JSON.stringify(snap).slice(0, -40), 'The file is not a snapshot: it is not valid JSON, or it was cut short.'],
      ['not JSON', () => 'Mã đơn;Mã khách hàng;Ngày;Thành tiền\nD001;KH01;05/01/2024;1.250.000 ₫', 'The file is not a snapshot: it is not valid JSON, or it was cut short.'],
      ['customers: 1e300', () => withChange((s) => (s.dataset.customers = 1e300)), 'dataset.customers: expected a whole number from 0 to 10,000,000,000, found 1e+300.'],
      ['more customers than rows', () => withChange((s) => (s.dataset.customers = 8)), 'dataset.customers: 8 customers, but only 7 rows were accepted.'],
      ['example text that is an object', () => withChange((s) => (s.dataset.rejected[0].examples[0].text = { toString: 'x' })), 'dataset.rejected[0].examples[0].text: expected text, found an object.'],
      ['cohort count above its size', () => withChange((s) => (s.cohorts.rows[1].active[1] = 2)), 'cohorts.rows[1].active[1]: 2 customers active, but the cohort has only 1.'],
    ];
    for (const [what, input, sentence] of cases) expect(restoreSnapshot(input()), what).toMatchObject({ ok: false, problem: sentence });
  });

  it('opens extra fields, HTML and prototype keys safely: left out with a note, or kept as text', () => {
    const extra = restoreSnapshot(withChange((s) => (s.settings.theme = 'dark')));
    expect(extra).toMatchObject({ ok: true, notes: [{ code: 'field-dropped', text: 'settings.theme is not part of a version 1 snapshot, so it was left out.' }] });
    const html = restoreSnapshot(withChange((s) => (s.dataset.name = '<script>alert(1)</script>.csv')));
    expect(html.ok && html.snapshot.dataset.name).toBe('<script>alert(1)</script>.csv');
    const proto = restoreSnapshot(JSON.stringify(snap).replace('"dataset":{', '"dataset":{"__proto__":{"customers":99},"constructor":{"name":"x"},'));
    expect(proto).toMatchObject({ ok: true, notes: [{ vars: { path: 'dataset.__proto__' } }, { vars: { path: 'dataset.constructor' } }] });
    expect(proto.ok && Object.getPrototypeOf(proto.snapshot.dataset)).toBe(Object.prototype);
    expectPrototypesUntouched();
  });
});
