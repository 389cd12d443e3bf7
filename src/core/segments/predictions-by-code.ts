/**
 * A forecast's per-customer P(alive) and CLV laid out by customer code (the table's index of each customer id), so
 * that segments, lists and NPS can look a customer up directly. Customers the forecast does not cover (no purchase
 * by its observation end) get NaN: unknown, not zero.
 */
import type { CustomerPredictionsByCode } from './report';

export function predictionsByCustomerCode(
  codes: ArrayLike<number>,
  pAlive: ArrayLike<number>,
  clv: ArrayLike<number>,
  customerCount: number,
): CustomerPredictionsByCode {
  if (codes.length !== pAlive.length || codes.length !== clv.length) throw new Error(`predictions for ${codes.length} customers came with ${pAlive.length} P(alive) and ${clv.length} CLV values`);
  const byCodePAlive = new Float64Array(customerCount).fill(NaN);
  const byCodeClv = new Float64Array(customerCount).fill(NaN);
  for (let i = 0; i < codes.length; i++) {
    byCodePAlive[codes[i]] = pAlive[i];
    byCodeClv[codes[i]] = clv[i];
  }
  return { pAlive: byCodePAlive, clv: byCodeClv };
}
