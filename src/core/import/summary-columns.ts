/**
 * The columns of a per-customer summary file (docs/warehouse.md): what each role is called in the header, and whether
 * a header is a summary's at all. A summary is told from an orders export by its names alone: a customer column and
 * the repeat-purchase count with either the two purchase dates or recency and T. No order file has a "frequency" or
 * "first purchase" column beside its customer.
 */
import { foldName, nameScore } from './header-names';

/** The roles of a summary file's columns. Times in days; money in the dataset's currency. */
export type SummaryRole =
  | 'customer'
  | 'firstPurchase'
  | 'lastPurchase'
  | 'observationEnd'
  | 'frequency'
  | 'recency'
  | 'T'
  | 'purchases'
  | 'revenue'
  | 'monetary';

export const SUMMARY_ROLES: readonly SummaryRole[] = ['customer', 'firstPurchase', 'lastPurchase', 'observationEnd', 'frequency', 'recency', 'T', 'purchases', 'revenue', 'monetary'];

/** Column index per role (0-based), or null when the file has none. */
export type SummaryMapping = Record<SummaryRole, number | null>;

/** The header the app writes and the warehouse queries produce, in this order. */
export const SUMMARY_HEADER = ['customer_id', 'first_purchase', 'last_purchase', 'observation_end', 'frequency', 'recency', 'T', 'purchases', 'revenue', 'monetary'] as const;

/** Whole folded names per role besides `customer` (which the orders importer's names cover). */
const NAMES: ReadonlyMap<Exclude<SummaryRole, 'customer'>, readonly string[]> = new Map([
  ['firstPurchase', ['firstpurchase', 'firstpurchasedate', 'firstpurchaseday', 'firstorder', 'firstorderdate', 'firstdate', 'firstday']],
  ['lastPurchase', ['lastpurchase', 'lastpurchasedate', 'lastpurchaseday', 'lastorder', 'lastorderdate', 'lastdate', 'lastday']],
  ['observationEnd', ['observationend', 'observationenddate', 'observationday', 'asof', 'asofdate', 'enddate', 'periodend']],
  ['frequency', ['frequency', 'x', 'frequencyx', 'repeatpurchases', 'repeatdays', 'repeatpurchasedays']],
  ['recency', ['recency', 'tx', 'recencytx', 'recencydays']],
  ['T', ['t', 'age', 'tdays', 'customerage']],
  ['purchases', ['purchases', 'purchasecount', 'orders', 'ordercount', 'norders', 'numberofpurchases', 'numberoforders', 'transactions']],
  ['revenue', ['revenue', 'totalrevenue', 'totalspend', 'spend', 'sales', 'totalsales', 'totalamount']],
  ['monetary', ['monetary', 'monetaryvalue', 'meanrepeatspend', 'averagerepeatspend', 'avgrepeatspend', 'zbar', 'm']],
]);

export function emptySummaryMapping(): SummaryMapping {
  return { customer: null, firstPurchase: null, lastPurchase: null, observationEnd: null, frequency: null, recency: null, T: null, purchases: null, revenue: null, monetary: null };
}

/**
 * The roles a header's names give. Each role takes the first column whose whole (folded) name is one of its names;
 * the customer is the column the orders importer would call the customer by name. A column takes one role.
 */
export function guessSummaryMapping(header: readonly string[]): SummaryMapping {
  const mapping = emptySummaryMapping();
  const taken = new Set<number>();
  const folded = header.map((h) => foldName(h));
  for (const [role, names] of NAMES) {
    const c = folded.findIndex((f, i) => !taken.has(i) && names.includes(f));
    if (c >= 0) {
      mapping[role] = c;
      taken.add(c);
    }
  }
  let best = -1;
  let bestScore = 0;
  header.forEach((h, i) => {
    const score = taken.has(i) ? 0 : nameScore(h, 'customer');
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  });
  // A bare "ID" names the customer in a file of one row per customer (lifetimes' CDNOW summary).
  if (best < 0) best = folded.findIndex((f, i) => !taken.has(i) && (f === 'id' || f === 'key'));
  if (best >= 0) mapping.customer = best;
  return mapping;
}

/** Whether the mapping holds what a summary needs: customer, frequency, and either recency and T or the two dates. */
export function isCompleteSummary(m: SummaryMapping): boolean {
  return m.customer !== null && m.frequency !== null && ((m.recency !== null && m.T !== null) || (m.firstPurchase !== null && m.lastPurchase !== null));
}

/** Beyond this many columns a file is no warehouse query's summary; the check then costs nothing (files of 100,000 columns). */
const MAX_SUMMARY_COLUMNS = 1000;

/** Whether a header is a per-customer summary's (see the module comment). */
export function isSummaryHeader(header: readonly string[]): boolean {
  return header.length <= MAX_SUMMARY_COLUMNS && isCompleteSummary(guessSummaryMapping(header));
}
