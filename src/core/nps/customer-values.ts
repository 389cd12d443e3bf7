/**
 * What each customer is worth, for joining survey answers to value: net revenue and purchase days up to a day (the
 * same RFM input the segments use), and the forecast's predicted CLV and P(alive) when there is one.
 */
import { rfmInput } from '../segments/rfm-input';
import type { CustomerPredictionsByCode } from '../segments/report';
import type { DayNumber, TransactionTable } from '../types';
import type { CustomerValues } from './nps';
import { customerCountOf } from '../customer-ids';

export function customerValues(table: TransactionTable, asOf: DayNumber, predictions: CustomerPredictionsByCode | null): CustomerValues {
  const input = rfmInput(table, asOf);
  const n = customerCountOf(table);
  const revenue = new Float64Array(n), purchases = new Float64Array(n);
  for (let i = 0; i < input.customer.length; i++) {
    revenue[input.customer[i]] = input.monetary[i];
    purchases[input.customer[i]] = input.frequency[i];
  }
  const codeOf = new Map<string, number>();
  for (let c = 0; c < n; c++) codeOf.set(table.customerIds[c], c);
  return { codeOf, revenue, purchases, predictedClv: predictions?.clv ?? null, pAlive: predictions?.pAlive ?? null };
}
