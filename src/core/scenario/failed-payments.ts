/**
 * Failed payments an orders file shows, for the dunning lever: the orders left out with a failed, declined, unpaid or
 * uncollectible status (rows without an order id), valued at the average order value, per month of data. An estimate:
 * a file says how many payments failed, not always for how much. A billing export says both, and which were paid in
 * the end: there the lever works on the money of the failed payments never recovered.
 */
import { foldStatus } from '../import/statuses';
import type { Dunning } from '../subscriptions/dunning';
import type { ExcludedStatus } from '../types';

/** Folded statuses (whole words; a trailing * any ending) that mean a payment was tried and did not go through. */
const FAILED = [/\bfail/, /\bdeclin/, /\bunpaid\b/, /\bnot paid\b/, /\buncollectible\b/, /\bthat bai\b/, /\bchua thanh toan\b/, /ล้มเหลว/, /ปฏิเสธ/, /ยังไม่ชำระ/];

export function isFailedPayment(status: string): boolean {
  const folded = foldStatus(status);
  return FAILED.some((re) => re.test(folded));
}

/** Failed payments a month (money), or null when the file shows none. */
export function failedPaymentsPerMonth(excluded: readonly ExcludedStatus[] | undefined, averageOrderValue: number, months: number): number | null {
  let orders = 0;
  for (const e of excluded ?? []) if (isFailedPayment(e.status)) orders += e.orders ?? e.count;
  if (!orders || !(months > 0) || !Number.isFinite(averageOrderValue)) return null;
  return (orders * averageOrderValue) / months;
}

/**
 * For a billing export (its dunning, src/core/subscriptions/dunning.ts): the money of failed payments not recovered,
 * per month of data, or null when every failed payment was recovered or none failed.
 */
export function unrecoveredPerMonth(failedAmount: number, recoveredAmount: number, months: number): number | null {
  const lost = failedAmount - recoveredAmount;
  if (!(lost > 0.005) || !(months > 0)) return null;
  return lost / months;
}

/** The dunning lever's failed payments a month: a billing export's own (when given), else the orders file's estimate. */
export function failedPaymentsOfData(excluded: readonly ExcludedStatus[] | undefined, averageOrderValue: number, months: number, billing: Dunning | null): number | null {
  return billing ? unrecoveredPerMonth(billing.failedAmount, billing.recoveredAmount, months) : failedPaymentsPerMonth(excluded, averageOrderValue, months);
}
