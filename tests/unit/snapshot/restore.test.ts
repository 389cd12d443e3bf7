/** restoreSnapshot on text and values: size and parsing, the envelope, and the type and range of every field. */
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_SNAPSHOT_BYTES, restoreSnapshot, type SnapshotV1 } from '../../../src/core/snapshot';
import { analyze, copy, DON_HANG, objectsIn } from './fixtures';

let snap: SnapshotV1;
beforeAll(async () => {
  snap = await analyze(DON_HANG);
});

/** The problem restore gives for a changed copy of the don-hang snapshot (or '' when it restores). */
function problemWith(change: (s: any) => void): string {
  const s = copy(snap);
  change(s);
  const r = restoreSnapshot(JSON.stringify(s));
  return r.ok ? '' : r.problem;
}

describe('text', () => {
  it('refuses a file over the size limit before parsing it, counting UTF-8 bytes', () => {
    const big = restoreSnapshot(' '.repeat(MAX_SNAPSHOT_BYTES + 1));
    expect(big).toEqual({ ok: false, problem: 'The file is larger than 20 MB, the most a snapshot may be.', notice: { code: 'too-large', text: expect.any(String), vars: { limit: MAX_SNAPSHOT_BYTES } } });
    // 7 million characters, 21 million bytes.
    expect(restoreSnapshot(`"${'€'.repeat(7_000_000)}"`)).toMatchObject({ ok: false, notice: { code: 'too-large' } });
    // Just under the limit is parsed (and refused for what it is).
    expect(restoreSnapshot(`"${'x'.repeat(MAX_SNAPSHOT_BYTES - 2)}"`)).toMatchObject({ ok: false, notice: { code: 'not-object' } });
  });

  it('explains empty, non-JSON and cut-short text', () => {
    const notJson = 'The file is not a snapshot: it is not valid JSON, or it was cut short.';
    expect(restoreSnapshot('')).toMatchObject({ ok: false, problem: 'The file is empty.' });
    expect(restoreSnapshot(' \n\t')).toMatchObject({ ok: false, problem: 'The file is empty.' });
    for (const text of ['hello', '<html><body>hi</body></html>', '{format: "clv-snapshot"}', "{'a': 1}", '{"a": NaN}', '[1, 2', 'customer,date\nA,2024-01-01']) {
      expect(restoreSnapshot(text), text).toEqual({ ok: false, problem: notJson, notice: { code: 'not-json', text: notJson, vars: {} } });
    }
    const text = JSON.stringify(snap, null, 2);
    for (let cut = 1; cut < text.length; cut += Math.ceil(text.length / 97)) {
      expect(restoreSnapshot(text.slice(0, cut)), `cut at ${cut}`).toMatchObject({ ok: false, problem: notJson });
    }
  });

  it('reads a file that starts with a byte order mark', () => {
    expect(restoreSnapshot(`\uFEFF${JSON.stringify(snap)}`)).toMatchObject({ ok: true, snapshot: snap });
  });
});

describe('envelope', () => {
  it('refuses values that are not an object', () => {
    const cases: [unknown, string][] = [
      [null, 'null'], [undefined, 'nothing'], [[], 'a list'], [42, '42'], [true, 'true'], [() => 1, 'a function'], [Symbol('s'), 'a symbol'], [10n, 'a bigint'],
    ];
    for (const [value, found] of cases) {
      expect(restoreSnapshot(value)).toEqual({ ok: false, problem: `The file is not a snapshot: it holds ${found} instead of an object.`, notice: { code: 'not-object', text: expect.any(String), vars: { found } } });
    }
    expect(restoreSnapshot('"clv-snapshot"')).toMatchObject({ ok: false, problem: 'The file is not a snapshot: it holds "clv-snapshot" instead of an object.' });
    expect(restoreSnapshot('[{"format":"clv-snapshot"}]')).toMatchObject({ ok: false, problem: 'The file is not a snapshot: it holds a list instead of an object.' });
  });

  it('refuses another format', () => {
    expect(problemWith((s) => (s.format = 'excalidraw'))).toBe('format: expected "clv-snapshot", found "excalidraw"; this is not a CLV Studio snapshot.');
    expect(problemWith((s) => delete s.format)).toBe('format: expected "clv-snapshot", found nothing; this is not a CLV Studio snapshot.');
    expect(restoreSnapshot({ type: 'excalidraw', version: 2, elements: [] })).toMatchObject({ ok: false, notice: { code: 'wrong-format' } });
  });

  it('refuses a version newer than the app, and versions that are not whole numbers', () => {
    expect(problemWith((s) => (s.version = 2))).toBe('version: this snapshot is version 2, newer than this app reads (1); update the app to open it.');
    expect(restoreSnapshot({ ...snap, version: 2 })).toMatchObject({ ok: false, notice: { code: 'newer-version', vars: { version: 2, supported: 1 } } });
    expect(problemWith((s) => (s.version = 1e300))).toBe('version: expected a whole version number, found 1e+300.');
    expect(problemWith((s) => (s.version = '1'))).toBe('version: expected a whole version number, found "1".');
    expect(problemWith((s) => (s.version = 1.5))).toBe('version: expected a whole version number, found 1.5.');
    expect(problemWith((s) => (s.version = -1))).toBe('version: expected a whole version number, found -1.');
    expect(problemWith((s) => delete s.version)).toBe('version: expected a whole version number, found nothing.');
    expect(problemWith((s) => (s.version = 0))).toBe('version: snapshots of version 0 cannot be opened; this app opens version 1.');
  });
});

describe('fields', () => {
  it('names every required field that is missing', () => {
    const optional = new Set(['dataset.orders', 'dataset.lineItems', 'dataset.withoutAmounts', 'historical', 'models', 'forecast', 'segments', 'models.bgnbd', 'models.mbgnbd', 'models.paretoNbd', 'models.gammaGamma', 'forecast.reliable', 'forecast.cautions']);
    const paths: string[] = [];
    for (const { path, object } of objectsIn(snap)) {
      for (const key of Object.keys(object)) {
        const at = path ? `${path}.${key}` : key;
        // Whether a model can be trusted was added later: files from before have no `reliable`.
        // A segment with no rule matching anyone may be left out of the counts.
        if (optional.has(at) || /^models\.\w+\.reliable$/.test(at) || /^segments\.counts\.\w+$/.test(at) || at === 'format' || at === 'version') continue;
        paths.push(at);
        const s = copy(snap);
        const holder = objectsIn(s).find((o) => o.path === path)!.object;
        delete holder[key];
        expect(restoreSnapshot(JSON.stringify(s))).toMatchObject({ ok: false, problem: `${at} is missing.`, notice: { code: 'missing', vars: { path: at } } });
      }
    }
    expect(paths.length).toBeGreaterThan(100);
  });

  it('drops fields it does not know, at every level, and says so', () => {
    // Without the segments part, so that every dropped field fits the 50 notes listed (the segments' own fields are
    // dropped the same way: the next test's limit counts them).
    const { segments: _segments, ...withoutSegments } = snap;
    const s = copy(withoutSegments) as any;
    const where = objectsIn(s).map((o) => o.path);
    expect(where.length).toBeLessThanOrEqual(50);
    for (const { object } of objectsIn(s)) object.extra = '<b>x</b>';
    const r = restoreSnapshot(JSON.stringify(s));
    expect(r.ok && r.snapshot).toEqual(withoutSegments);
    if (!r.ok) return;
    const expected = where.map((p) => (p ? `${p}.extra` : 'extra'));
    expect(r.notes.map((n) => n.vars.path).sort()).toEqual(expected.sort());
    expect(r.notes.find((n) => n.vars.path === 'extra')).toEqual({ code: 'field-dropped', text: 'extra is not part of a version 1 snapshot, so it was left out.', vars: { path: 'extra' } });
  });

  it('lists at most 50 dropped fields, then counts the rest', () => {
    const s = copy(snap) as any;
    for (let i = 0; i < 1000; i++) s.settings[`x${i}`] = i;
    const r = restoreSnapshot(s);
    expect(r.ok && r.snapshot).toEqual(snap);
    if (!r.ok) return;
    expect(r.notes).toHaveLength(51);
    expect(r.notes[49].text).toBe('settings.x49 is not part of a version 1 snapshot, so it was left out.');
    expect(r.notes[50]).toEqual({ code: 'more-notes', text: '950 more notes like these were left out.', vars: { count: 950 } });
  });

  it('quotes odd keys in paths, cut short, on one line', () => {
    const s = copy(snap) as any;
    s.dataset['<script>alert(1)</script>\n'.repeat(5)] = 1;
    const r = restoreSnapshot(JSON.stringify(s));
    expect(r.ok && r.notes[0].text).toBe('dataset["<script>alert(1)</script>\\n<script>alert(…"] is not part of a version 1 snapshot, so it was left out.');
  });

  it('checks type and range, and says what it found', () => {
    const cases: [(s: any) => void, string][] = [
      [(s) => (s.createdAt = 'yesterday'), 'createdAt: expected a date and time such as "2026-11-22T10:00:00.000Z", found "yesterday".'],
      [(s) => (s.createdAt = '2026-02-30T10:00:00Z'), 'createdAt: expected a date and time such as "2026-11-22T10:00:00.000Z", found "2026-02-30T10:00:00Z".'],
      [(s) => (s.createdAt = '2026-11-22T24:00:00Z'), 'createdAt: expected a date and time such as "2026-11-22T10:00:00.000Z", found "2026-11-22T24:00:00Z".'],
      [(s) => (s.app = ''), 'app: expected text of at least 1 character, found "".'],
      [(s) => (s.app = 'x'.repeat(201)), 'app: the text has 201 characters; at most 200 are allowed.'],
      [(s) => (s.dataset = []), 'dataset: expected an object, found a list.'],
      [(s) => (s.dataset.name = 12), 'dataset.name: expected text, found 12.'],
      [(s) => (s.dataset.currency = 'XYZ'), 'dataset.currency: expected an ISO 4217 currency code such as "EUR", or null, found "XYZ".'],
      [(s) => (s.dataset.currency = 'vnd'), 'dataset.currency: expected an ISO 4217 currency code such as "EUR", or null, found "vnd".'],
      [(s) => (s.dataset.customers = 1e300), 'dataset.customers: expected a whole number from 0 to 10,000,000,000, found 1e+300.'],
      [(s) => (s.dataset.customers = 2.5), 'dataset.customers: expected a whole number from 0 to 10,000,000,000, found 2.5.'],
      [(s) => (s.dataset.customers = -3), 'dataset.customers: expected a whole number from 0 to 10,000,000,000, found -3.'],
      [(s) => (s.dataset.customers = '3'), 'dataset.customers: expected a whole number from 0 to 10,000,000,000, found "3".'],
      [(s) => (s.dataset.netRevenue = 1e300), 'dataset.netRevenue: expected a number from -1,000,000,000,000,000,000 to 1,000,000,000,000,000,000, found 1e+300.'],
      [(s) => (s.dataset.netRevenue = 'Infinity'), 'dataset.netRevenue: expected a number from -1,000,000,000,000,000,000 to 1,000,000,000,000,000,000, found "Infinity".'],
      [(s) => (s.dataset.rejected[0].examples[0].text = { html: '<b>' }), 'dataset.rejected[0].examples[0].text: expected text, found an object.'],
      [(s) => (s.dataset.rejected[0].examples[0].line = 0), 'dataset.rejected[0].examples[0].line: expected a whole number from 1 to 10,000,000,000, found 0.'],
      [(s) => (s.dataset.rejected[0].examples = Array.from({ length: 21 }, (_, i) => ({ line: i + 1, text: '' }))), 'dataset.rejected[0].examples: the list has 21 entries; at most 20 are allowed.'],
      [(s) => (s.dataset.firstDate = '2024-02-30'), 'dataset.firstDate: expected a real date written YYYY-MM-DD, from 1900-01-01 to 2200-12-31, found "2024-02-30".'],
      [(s) => (s.dataset.firstDate = '2024-1-5'), 'dataset.firstDate: expected a real date written YYYY-MM-DD, from 1900-01-01 to 2200-12-31, found "2024-1-5".'],
      [(s) => (s.dataset.firstDate = '1899-12-31'), 'dataset.firstDate: expected a real date written YYYY-MM-DD, from 1900-01-01 to 2200-12-31, found "1899-12-31".'],
      [(s) => (s.settings.timeUnit = 'year'), 'settings.timeUnit: expected one of "day" or "week", found "year".'],
      [(s) => (s.historical.ordersCountedBy = 'rows'), 'historical.ordersCountedBy: expected one of "order-id" or "purchase-day", found "rows".'],
      [(s) => (s.historical.repeatCustomerRate = 1.5), 'historical.repeatCustomerRate: expected a number from 0 to 1, found 1.5.'],
      [(s) => (s.historical.margin.source = 'guess'), 'historical.margin.source: expected one of "cost", "margin-percent", "cost-and-margin-percent" or "none", found "guess".'],
      [(s) => (s.historical.formulas[0].caveat = ['a']), 'historical.formulas[0].caveat: expected text, found a list.'],
      [(s) => (s.cohorts.period = 'day'), 'cohorts.period: expected one of "month", "week" or "quarter", found "day".'],
      [(s) => (s.cohorts.rows[0].cohort = '<img src=x onerror=alert(1)>'), 'cohorts.rows[0].cohort: expected a month written YYYY-MM, found "<img src=x onerror=alert(1)>".'],
      [(s) => (s.cohorts.rows[0].cohort = '2024-13'), 'cohorts.rows[0].cohort: expected a month written YYYY-MM, found "2024-13".'],
      [(s) => (s.cohorts.period = 'week'), 'cohorts.rows[0].cohort: expected an ISO week written YYYY-Www, found "2024-01".'],
      [(s) => (s.cohorts.rows[0].active[1] = -1), 'cohorts.rows[0].active[1]: expected a whole number from 0 to 10,000,000,000, found -1.'],
      [(s) => (s.cohorts.rows[0].revenue[1] = 'many'), 'cohorts.rows[0].revenue[1]: expected a number from -1,000,000,000,000,000,000 to 1,000,000,000,000,000,000, found "many".'],
      [(s) => (s.cohorts.rows[0].revenue[1] = null), 'cohorts.rows[0].revenue[1]: a group is suppressed, but dataset.aggregateOnly is not true; only aggregate-only snapshots suppress groups.'],
      [(s) => (s.cohorts.rows = Array.from({ length: 1201 }, () => 0)), 'cohorts.rows: the list has 1,201 entries; at most 1,200 are allowed.'],
      [(s) => (s.models.bgnbd.r = 0), 'models.bgnbd.r: expected a number above 0 and at most 1e+30, found 0.'],
      [(s) => (s.models.paretoNbd.s = -1), 'models.paretoNbd.s: expected a number above 0 and at most 1e+30, found -1.'],
      [(s) => (s.models.gammaGamma.v = 1e300), 'models.gammaGamma.v: expected a number above 0 and at most 1e+30, found 1e+300.'],
      [(s) => (s.models.gammaGamma.logLikelihood = null), 'models.gammaGamma.logLikelihood: expected a number from -1,000,000,000,000,000,000 to 1,000,000,000,000,000,000, found null.'],
      [(s) => (s.forecast.model = 'bgbb'), 'forecast.model: expected one of "bgnbd", "mbgnbd" or "paretoNbd", found "bgbb".'],
      [(s) => (s.forecast.meanProbabilityAlive = 2), 'forecast.meanProbabilityAlive: expected a number from 0 to 1, found 2.'],
      [(s) => (s.forecast.clv.horizonMonths = 0), 'forecast.clv.horizonMonths: expected a number above 0 and at most 1,200, found 0.'],
      [(s) => (s.models.bgnbd.reliable = 'no'), 'models.bgnbd.reliable: expected true or false, found "no".'],
      [(s) => (s.forecast.reliable = 0), 'forecast.reliable: expected true or false, found 0.'],
      [(s) => (s.forecast.cautions = ['too-few']), 'forecast.cautions[0]: expected one of "few-repeaters", "not-converged", "not-identified", "rate-unknown", "dropout-unknown", "spend-runaway" or "spend-unknown", found "too-few".'],
      [(s) => (s.forecast.cautions = Array(8).fill('few-repeaters')), 'forecast.cautions: the list has 8 entries; at most 7 are allowed.'],
      [(s) => (s.customers = [{ id: '', firstDate: '2024-01-05', lastDate: '2024-01-05', purchases: 1, netRevenue: 1 }]), 'customers[0].id: expected text of at least 1 character, found "".'],
    ];
    for (const [change, sentence] of cases) expect(problemWith(change)).toBe(sentence);
  });

  it('gives each problem as a notice with a code and values for translation', () => {
    const r = restoreSnapshot(JSON.stringify({ ...copy(snap), dataset: { ...copy(snap.dataset), customers: 1e300 } }));
    expect(r).toEqual({
      ok: false,
      problem: 'dataset.customers: expected a whole number from 0 to 10,000,000,000, found 1e+300.',
      notice: {
        code: 'unexpected-value',
        text: 'dataset.customers: expected a whole number from 0 to 10,000,000,000, found 1e+300.',
        vars: { path: 'dataset.customers', found: '1e+300', variant: 'integer', min: 0, max: 10_000_000_000 },
      },
    });
  });

  it('opens a file written before models and forecasts said whether they can be trusted', () => {
    const s = copy(snap) as any;
    for (const part of Object.values(s.models) as Record<string, unknown>[]) delete part.reliable;
    delete s.forecast.reliable;
    delete s.forecast.cautions;
    const r = restoreSnapshot(JSON.stringify(s));
    expect(r).toEqual({ ok: true, snapshot: s, notes: [] });
  });

  it('leaves out a formula or model this version does not know, with a note', () => {
    const s = copy(snap) as any;
    s.historical.formulas.push({ id: 'cohort-average', value: 1, inputs: [], caveat: null });
    s.historical.formulas[1].inputs[0].unit = 'currency/day';
    s.models.bgbb = { alpha: 1, beta: 2, gamma: 3, delta: 4, logLikelihood: -5 };
    const r = restoreSnapshot(s);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.snapshot.historical!.formulas.map((f) => f.id)).toEqual(['subscription', 'aov-frequency-lifespan', 'churn']);
    expect(Object.keys(r.snapshot.models!)).toEqual(['bgnbd', 'mbgnbd', 'paretoNbd', 'gammaGamma']);
    expect(r.notes.map((n) => n.text)).toEqual([
      'historical.formulas[1] was left out: this version does not know its unit "currency/day".',
      'historical.formulas[4] was left out: this version does not know its formula "cohort-average".',
      'models.bgbb is not part of a version 1 snapshot, so it was left out.',
    ]);
  });

  it('accepts the fields added to dataset (orders, lineItems, excluded) and the per-customer list', () => {
    const s = copy(snap) as any;
    s.dataset = { ...s.dataset, orders: 6, excluded: [{ status: 'cancelled', count: 1 }] };
    s.customers = [
      { id: 'KH01', firstDate: '2024-01-05', lastDate: '2024-04-02', purchases: 3, netRevenue: 2300000, probabilityAlive: 0.9, expectedPurchases: 4.2, clv: null },
      { id: 'KH03', firstDate: '2024-02-03', lastDate: '2024-03-15', purchases: 2, netRevenue: 2750000 },
    ];
    const r = restoreSnapshot(JSON.stringify(s));
    expect(r).toMatchObject({ ok: true, notes: [] });
    if (!r.ok) return;
    expect(r.snapshot).toEqual(s);
    expect(Object.keys(r.snapshot.dataset)).toEqual(Object.keys(s.dataset).sort((a, b) => datasetOrder.indexOf(a) - datasetOrder.indexOf(b)));
  });
});

const datasetOrder = ['name', 'currency', 'rowsRead', 'rowsAccepted', 'rowsRejected', 'rejected', 'customers', 'purchases', 'orders', 'lineItems', 'refunds', 'excluded', 'netRevenue', 'withoutAmounts', 'firstDate', 'lastDate'];
