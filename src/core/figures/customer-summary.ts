/**
 * Per-customer model input (frequency, recency, T, monetary) under the contract's conventions, which are those of
 * Python lifetimes' `summary_data_from_transaction_data`.
 */
import type { CustomerSummary, DayNumber, TimeUnit, TransactionTable } from '../types';
import { groupCustomerDays, type CustomerDays } from './customer-days';

/** Settings of a customer summary. */
export interface SummaryOptions {
  /** Last day that counts (inclusive). */
  observationEnd: DayNumber;
  /** 'week' divides every day count by 7, as lifetimes does with freq_multiplier = 7. */
  timeUnit: TimeUnit;
  /** Leave amount = 0 rows out (references cleaned with "price > 0"); purchases are amount >= 0 otherwise. */
  positiveOnly?: boolean;
}

/** Days per time unit. */
export function daysPerUnit(unit: TimeUnit): number {
  return unit === 'week' ? 7 : 1;
}

/**
 * Summarise already-grouped customer-days: frequency = distinct purchase days − 1; recency = last − first day;
 * T = observationEnd − first day; monetary = mean of the repeat day totals (first day excluded), 0 when frequency = 0.
 * Customers without a purchase day are left out; rows come out in customer-index order.
 */
export function summarizeCustomerDays(days: CustomerDays, observationEnd: DayNumber, unit: TimeUnit): CustomerSummary {
  const { customerCount, dayStart, day, total, totalScale } = days;
  let present = 0;
  for (let c = 0; c < customerCount; c++) if (dayStart[c + 1] > dayStart[c]) present++;
  const customer = new Uint32Array(present);
  const frequency = new Float64Array(present);
  const recency = new Float64Array(present);
  const T = new Float64Array(present);
  const monetary = new Float64Array(present);
  const scale = daysPerUnit(unit);
  let k = 0;
  for (let c = 0; c < customerCount; c++) {
    const from = dayStart[c];
    const to = dayStart[c + 1];
    if (to === from) continue;
    const first = day[from];
    customer[k] = c;
    frequency[k] = to - from - 1;
    recency[k] = (day[to - 1] - first) / scale;
    T[k] = (observationEnd - first) / scale;
    if (to - from > 1) {
      let sum = 0;
      for (let j = from + 1; j < to; j++) sum += total[j] / totalScale;
      monetary[k] = sum / (to - from - 1);
    }
    k++;
  }
  return { customer, frequency, recency, T, monetary };
}

/**
 * The model input of every customer with a purchase (amount >= 0) on or before observationEnd; see
 * {@link summarizeCustomerDays} for the definitions.
 */
export function customerSummary(table: TransactionTable, options: SummaryOptions): CustomerSummary {
  const days = groupCustomerDays(table, { through: options.observationEnd, positiveOnly: options.positiveOnly });
  return summarizeCustomerDays(days, options.observationEnd, options.timeUnit);
}
