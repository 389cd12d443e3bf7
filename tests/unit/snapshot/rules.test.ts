/** Every rule by which the parts of a snapshot must agree, each broken once on the real don-hang snapshot. */
import { beforeAll, describe, expect, it } from 'vitest';
import { restoreSnapshot, type SnapshotV1 } from '../../../src/core/snapshot';
import { analyze, copy, DON_HANG } from './fixtures';

// don-hang.csv: 9 rows read, 7 accepted, 2 rejected (one bad date on line 9, one empty customer on line 8); 3 customers,
// 6 purchases, 1 refund, 2024-01-05 to 2024-04-02; cohorts 2024-01 (2 customers, 4 months) and 2024-02 (1, 3 months).
let snap: SnapshotV1;
beforeAll(async () => {
  snap = await analyze(DON_HANG);
});

/** The same file with no accepted row (every row rejected for one reason). */
function emptyDataset(s: any): void {
  s.dataset = { ...s.dataset, rowsAccepted: 0, rowsRejected: 9, customers: 0, purchases: 0, refunds: 0, netRevenue: 0, firstDate: null, lastDate: null };
  // don-hang.csv has an order id (Mã đơn), so its snapshot counts orders too.
  if (s.dataset.orders !== undefined) s.dataset.orders = 0;
  if (s.dataset.lineItems !== undefined) s.dataset.lineItems = 0;
  s.dataset.rejected = [{ ...s.dataset.rejected[0], count: 9 }];
  s.settings.observationEnd = null;
  s.cohorts.rows = [];
  delete s.historical;
  delete s.models;
  delete s.forecast;
  delete s.segments;
}

const rules: [string, string, (s: any) => void, string][] = [
  // dataset
  ['rows-sum', 'rowsRead = rowsAccepted + rowsRejected', (s) => (s.dataset.rowsRead = 10), 'dataset.rowsRead: 10 rows read, but 7 accepted and 2 rejected make 9.'],
  ['empty-reason', 'a reason counts at least one row', (s) => (s.dataset.rejected[1].count = 0), 'dataset.rejected[1].count: a reason with no rejected rows.'],
  ['examples-over-count', 'no more examples than rows', (s) => s.dataset.rejected[0].examples.push({ line: 12, text: 'x' }), 'dataset.rejected[0].examples: 2 examples, but only 1 row was rejected for this reason.'],
  ['example-order', 'examples in file order',
    (s) => {
      Object.assign(s.dataset, { rowsRead: 10, rowsRejected: 3 });
      Object.assign(s.dataset.rejected[0], { count: 2, examples: [{ line: 9, text: 'a' }, { line: 3, text: 'b' }] });
    },
    'dataset.rejected[0].examples[1].line: line 3 comes after line 9; examples are in file order.'],
  ['rejected-sum', 'Σ rejected counts = rowsRejected', (s) => (s.dataset.rejected[0].count = 2), 'dataset.rejected: the reasons count 3 rejected rows, but rowsRejected is 2.'],
  ['over-accepted-rows', 'customers ≤ rowsAccepted', (s) => (s.dataset.customers = 8), 'dataset.customers: 8 customers, but only 7 rows were accepted.'],
  ['no-customers', 'accepted rows have customers', (s) => (s.dataset.customers = 0), 'dataset.customers: no customers, but 7 rows were accepted, and every accepted row has one.'],
  ['over-accepted-rows', 'purchases ≤ rowsAccepted', (s) => (s.dataset.purchases = 8), 'dataset.purchases: 8 purchases, but only 7 rows were accepted.'],
  ['over-accepted-rows', 'orders ≤ rowsAccepted', (s) => (s.dataset.orders = 9), 'dataset.orders: 9 orders, but only 7 rows were accepted.'],
  ['money-without-amounts', 'a purchase log has no money', (s) => (s.dataset.withoutAmounts = true), 'dataset.withoutAmounts: the file has no amounts, but netRevenue is 5,050,000 and refunds 1.'],
  ['orders-over-lines', 'orders ≤ lineItems', (s) => (s.dataset.lineItems = 5), 'dataset.orders: 6 orders, but only 5 line items.'],
  ['over-accepted-rows', 'lineItems ≤ rowsAccepted', (s) => (s.dataset.lineItems = 8), 'dataset.lineItems: 8 line items, but only 7 rows were accepted.'],
  ['over-accepted-rows', 'refunds ≤ rowsAccepted', (s) => (s.dataset.refunds = 8), 'dataset.refunds: 8 refunds, but only 7 rows were accepted.'],
  ['over-accepted-rows', 'Σ excluded ≤ rowsAccepted', (s) => (s.dataset.excluded = [{ status: 'cancelled', count: 5 }, { status: 'test', count: 3 }]), 'dataset.excluded: 8 rows excluded by their status, but only 7 rows were accepted.'],
  ['date-missing', 'accepted rows have dates', (s) => (s.dataset.firstDate = null), 'dataset.firstDate: no date, but 7 rows were accepted.'],
  ['date-without-rows', 'no dates without rows', (s) => (emptyDataset(s), (s.dataset.lastDate = '2024-04-02')), 'dataset.lastDate: 2024-04-02, but no row was accepted.'],
  ['dates-reversed', 'firstDate ≤ lastDate', (s) => (s.dataset.lastDate = '2024-01-01'), 'dataset.lastDate: 2024-01-01 is before firstDate 2024-01-05.'],
  // settings
  ['observation-end-missing', 'observationEnd set when there are dates', (s) => (s.settings.observationEnd = null), 'settings.observationEnd: no date, but the dataset has dates (2024-01-05 to 2024-04-02).'],
  ['observation-end-without-dates', 'no observationEnd without dates', (s) => (emptyDataset(s), (s.settings.observationEnd = '2024-04-02')), 'settings.observationEnd: 2024-04-02, but the dataset has no dates.'],
  ['observation-end-early', 'observationEnd ≥ firstDate when models were fitted', (s) => (s.settings.observationEnd = '2023-12-31'),
    "settings.observationEnd: 2023-12-31 is before the dataset's first date 2024-01-05, so the models had no purchases to fit."],
  ['observation-end-late', 'observationEnd ≤ lastDate + 10 years', (s) => (s.settings.observationEnd = '2034-04-04'), "settings.observationEnd: 2034-04-04 is more than 3,653 days after the dataset's last date 2024-04-02."],
  // historical
  ['historical-customers', 'historical customers ≤ dataset customers', (s) => (s.historical.customers = 4), 'historical.customers: 4 customers, but the dataset has only 3.'],
  ['over-accepted-rows', 'historical purchases ≤ rowsAccepted', (s) => (s.historical.purchases = 8), 'historical.purchases: 8 purchases, but only 7 rows were accepted.'],
  ['historical-orders', 'orders ≤ purchases', (s) => (s.historical.orders = 7), 'historical.orders: 7 orders, but only 6 purchases.'],
  ['date-missing-customers', 'buyers have purchase dates', (s) => (s.historical.lastPurchaseDate = null), 'historical.lastPurchaseDate: no date, but 3 customers made purchases.'],
  ['date-without-customers', 'no purchase dates without buyers',
    (s) => Object.assign(s.historical, { customers: 0, concentration: { topShares: [], gini: null } }), 'historical.firstPurchaseDate: 2024-01-05, but no customer made a purchase.'],
  ['date-outside-dataset', 'purchase dates within the data', (s) => (s.historical.firstPurchaseDate = '2023-12-01'), "historical.firstPurchaseDate: 2023-12-01 is outside the dataset's dates (2024-01-05 to 2024-04-02)."],
  ['dates-reversed', 'first ≤ last purchase date', (s) => Object.assign(s.historical, { firstPurchaseDate: '2024-04-01', lastPurchaseDate: '2024-03-01' }), 'historical.lastPurchaseDate: 2024-03-01 is before firstPurchaseDate 2024-04-01.'],
  ['top-customers', 'top customers ≤ buyers', (s) => (s.historical.concentration.topShares[2].customers = 4), 'historical.concentration.topShares[2].customers: 4 customers, but only 3 made purchases.'],
  ['formula-repeated', 'each formula once', (s) => (s.historical.formulas[3].id = 'historical'), 'historical.formulas[3].id: the formula "historical" appears twice.'],
  // cohorts
  ['cohort-empty', 'a cohort has customers', (s) => (s.cohorts.rows[1].customers = 0), 'cohorts.rows[1].customers: a cohort with no customers.'],
  ['cohort-no-periods', 'a cohort has periods', (s) => Object.assign(s.cohorts.rows[1], { active: [], revenue: [] }), "cohorts.rows[1].active: the list is empty, but it starts with the cohort's size."],
  ['cohort-first-period', 'active[0] = customers', (s) => (s.cohorts.rows[0].active[0] = 1),
    "cohorts.rows[0].active[0]: 1 customer active in the cohort's first period, but the cohort has 2; the first period counts them all."],
  ['cohort-active', 'active[k] ≤ customers', (s) => (s.cohorts.rows[0].active[3] = 57), 'cohorts.rows[0].active[3]: 57 customers active, but the cohort has only 2.'],
  ['cohort-revenue-length', 'revenue as long as active', (s) => s.cohorts.rows[0].revenue.pop(), 'cohorts.rows[0].revenue: 3 periods, but active has 4; both run over the same periods.'],
  ['cohort-order', 'cohorts in increasing order', (s) => s.cohorts.rows.reverse(), 'cohorts.rows[1].cohort: "2024-01" comes after "2024-02"; cohorts are in increasing order.'],
  ['cohort-sum', 'Σ cohort customers = dataset customers', (s) => Object.assign(s.cohorts.rows[1], { customers: 2, active: [2, 1, 0] }), 'cohorts.rows: the cohorts hold 4 customers, but the dataset has 3.'],
  ['cohort-outside-dataset', 'cohorts within the dates', (s) => (s.cohorts.rows[1].cohort = '2024-05'), 'cohorts.rows[1].cohort: "2024-05" is outside the dataset\'s dates (2024-01-05 to 2024-04-02).'],
  ['cohort-length', 'rows run to the last period', (s) => (s.cohorts.rows[1].active.push(0), s.cohorts.rows[1].revenue.push(0)), 'cohorts.rows[1].active: 4 periods, but from 2024-02 to the last date 2024-04-02 there are 3.'],
  // models and forecast
  ['models-without-data', 'models need dated purchases', (s) => (emptyDataset(s), (s.models = {})), 'models: models and forecasts need dated purchases, but the dataset has none.'],
  ['forecast-model', 'the forecast uses a fitted model', (s) => (delete s.models.paretoNbd, (s.forecast.model = 'paretoNbd')), 'forecast.model: "paretoNbd" is not among the fitted models (bgnbd, mbgnbd).'],
  ['forecast-horizon', 'horizonDays matches horizonMonths', (s) => (s.forecast.horizonDays = 100), 'forecast.horizonDays: 100 days, but 12 months of 30 days are 360.'],
  // Three customers, one of them a repeat buyer: nothing can be trusted (few-repeaters; Gamma-Gamma runs off).
  ['forecast-cautions', 'reliable exactly when no caution is listed', (s) => (s.forecast.reliable = true), 'forecast.reliable: true, but forecast.cautions lists 2 reasons (few-repeaters, spend-runaway).'],
  ['forecast-cautions', 'a caution for an unreliable forecast', (s) => (s.forecast.cautions = []), 'forecast.reliable: false, but forecast.cautions lists no reason.'],
  ['forecast-unreliable-model', 'a reliable forecast uses a reliable model', (s) => Object.assign(s.forecast, { reliable: true, cautions: [] }), 'forecast.reliable: true, but the model it uses (models.bgnbd) is not reliable.'],
  ['forecast-unreliable-model', 'and a reliable Gamma-Gamma for its CLV',
    (s) => (Object.assign(s.forecast, { reliable: true, cautions: [] }), (s.models.bgnbd.reliable = true)), 'forecast.reliable: true, but the model it uses (models.gammaGamma) is not reliable.'],
  // customers
  ['customers-listed', 'no more customers listed than counted',
    (s) => (s.customers = ['A', 'B', 'C', 'D'].map((id) => ({ id, firstDate: '2024-01-05', lastDate: '2024-01-05', purchases: 1, netRevenue: 1 }))), 'customers: 4 customers listed, but the dataset has only 3.'],
  ['customer-repeated', 'each customer once',
    (s) => (s.customers = ['KH01', 'KH01'].map((id) => ({ id, firstDate: '2024-01-05', lastDate: '2024-01-05', purchases: 1, netRevenue: 1 }))), 'customers[1].id: the customer "KH01" is listed twice.'],
  ['date-outside-dataset', "a customer's dates within the data",
    (s) => (s.customers = [{ id: 'KH01', firstDate: '2024-01-05', lastDate: '2024-05-01', purchases: 1, netRevenue: 1 }]), "customers[0].lastDate: 2024-05-01 is outside the dataset's dates (2024-01-05 to 2024-04-02)."],
  ['dates-reversed', "a customer's first ≤ last date",
    (s) => (s.customers = [{ id: 'KH01', firstDate: '2024-02-05', lastDate: '2024-01-05', purchases: 1, netRevenue: 1 }]), 'customers[0].lastDate: 2024-01-05 is before firstDate 2024-02-05.'],
];

describe('agreement between parts', () => {
  it('holds for the real snapshot and for a file with no accepted row', () => {
    expect(restoreSnapshot(snap)).toMatchObject({ ok: true, notes: [] });
    const empty = copy(snap);
    emptyDataset(empty);
    expect(restoreSnapshot(empty)).toMatchObject({ ok: true, snapshot: empty, notes: [] });
  });

  it.each(rules)('%s: %s', (code, _rule, change, sentence) => {
    const s = copy(snap);
    change(s);
    expect(restoreSnapshot(JSON.stringify(s))).toEqual({ ok: false, problem: sentence, notice: { code, text: sentence, vars: expect.objectContaining({ path: sentence.slice(0, sentence.indexOf(':')) }) } });
  });

  it('accepts an observation end before the data when nothing was fitted, as the CLI writes it', async () => {
    const early = await analyze(DON_HANG, '--observation-end', '2020-01-01');
    expect(early.settings.observationEnd).toBe('2020-01-01');
    expect(early.models).toBeUndefined();
    expect(restoreSnapshot(JSON.stringify(early))).toEqual({ ok: true, snapshot: early, notes: [] });
  });

  it('gives the values of a broken rule for translation', () => {
    const s = copy(snap);
    s.cohorts.rows[0].active![3] = 57;
    const r = restoreSnapshot(s);
    expect(r.ok || r.notice.vars).toEqual({ path: 'cohorts.rows[0].active[3]', active: 57, customers: 2 });
  });

  it('accepts a reliable forecast without a CLV whose Gamma-Gamma is not reliable (its fit gives no figure)', () => {
    const s = copy(snap) as any;
    Object.assign(s.forecast, { reliable: true, cautions: [] });
    s.models.bgnbd.reliable = true;
    s.forecast.clv.total = null;
    expect(restoreSnapshot(JSON.stringify(s))).toEqual({ ok: true, snapshot: s, notes: [] });
  });

  it('accepts a week table, a forecast in weeks, and observationEnd after the data', () => {
    const s = copy(snap);
    s.settings = { observationEnd: '2025-01-01', timeUnit: 'week' };
    s.forecast!.horizonDays = 365;
    s.cohorts = {
      period: 'week',
      rows: [
        // 2024-01-05 is in 2024-W01; 2024-04-02 in 2024-W14.
        { cohort: '2024-W01', customers: 2, active: [2, ...new Array(13).fill(0)], revenue: new Array(14).fill(0) },
        { cohort: '2024-W05', customers: 1, active: [1, ...new Array(9).fill(0)], revenue: new Array(10).fill(0) },
      ],
    };
    expect(restoreSnapshot(s)).toMatchObject({ ok: true, snapshot: s });
    s.cohorts.rows[1].cohort = '2023-W53';
    expect(restoreSnapshot(s)).toMatchObject({ ok: false, problem: 'cohorts.rows[1].cohort: expected an ISO week written YYYY-Www, found "2023-W53".' });
  });
});
