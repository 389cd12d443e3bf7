/**
 * What RFM needs of each customer as of a day: when they last bought (recency), how often (frequency: purchase days,
 * one customer's purchases on one day being one purchase), and what they are worth so far (monetary: net revenue,
 * refunds subtracted). Only customers with a purchase by that day are scored.
 */
import { groupCustomerDays, tableDayRange } from '../figures/customer-days';
import type { DayNumber, TransactionTable } from '../types';
import { moneyUnit } from '../money-column';

export interface RfmInput {
  asOf: DayNumber;
  /** Customer codes (indices into table.customerIds) of the customers scored, ascending. */
  customer: Uint32Array;
  firstDay: Int32Array;
  lastDay: Int32Array;
  /** Days since the last purchase, as of `asOf`. */
  recencyDays: Int32Array;
  /** Purchase days up to `asOf`. */
  frequency: Uint32Array;
  /** Net revenue up to `asOf` (purchases minus refunds). */
  monetary: Float64Array;
}

export function rfmInput(table: TransactionTable, asOf: DayNumber): RfmInput {
  // As of the data's last day (the usual case) every row counts: the grouping the other figures made is reused.
  const range = tableDayRange(table);
  const days = groupCustomerDays(table, range && asOf >= range.max ? {} : { through: asOf });
  const net = new Float64Array(days.customerCount);
  // Net of refunds: negative rows and the refunded amounts written on orders alike.
  const { day, amount, customer } = table;
  const refunded = table.refunded ?? null;
  for (let i = 0; i < table.length; i++) if (day[i] <= asOf) net[customer[i]] += refunded ? amount[i] - refunded[i] : amount[i];
  // Summed in the columns' unit (whole cents add exactly), then read as money.
  const unit = moneyUnit(table);
  if (unit !== 1) for (let c = 0; c < days.customerCount; c++) net[c] /= unit;
  let buyers = 0;
  for (let c = 0; c < days.customerCount; c++) if (days.dayStart[c + 1] > days.dayStart[c]) buyers++;
  const out: RfmInput = {
    asOf,
    customer: new Uint32Array(buyers),
    firstDay: new Int32Array(buyers),
    lastDay: new Int32Array(buyers),
    recencyDays: new Int32Array(buyers),
    frequency: new Uint32Array(buyers),
    monetary: new Float64Array(buyers),
  };
  let k = 0;
  for (let c = 0; c < days.customerCount; c++) {
    const from = days.dayStart[c], to = days.dayStart[c + 1];
    if (to === from) continue;
    out.customer[k] = c;
    out.firstDay[k] = days.day[from];
    out.lastDay[k] = days.day[to - 1];
    out.recencyDays[k] = asOf - days.day[to - 1];
    out.frequency[k] = to - from;
    out.monetary[k] = net[c];
    k++;
  }
  return out;
}
