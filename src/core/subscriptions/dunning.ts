/**
 * Failed payments and their recovery (dunning).
 *
 * A failed payment is one invoice (rows sharing an invoice id; a row without one is its own) with a failed, declined,
 * past-due or uncollectible row, an open invoice already attempted, or a paid invoice that needed more than one
 * attempt. It is recovered when that invoice was paid in the end, or when the same subscription paid the same amount
 * within RECOVERY_DAYS after the failure under another id (a payment gateway gives each retry its own transaction
 * id). The window is shorter than a month so that the next month's renewal does not count as a recovery.
 */
import type { BillingPayment } from './read-billing';

export const RECOVERY_DAYS = 14;

export interface Dunning {
  failedPayments: number;
  recovered: number;
  /** Money of the failed payments, and of those recovered. */
  failedAmount: number;
  recoveredAmount: number;
  /** recovered ÷ failedPayments; null without failures. */
  recoveryRate: number | null;
}

export function dunning(payments: readonly BillingPayment[]): Dunning {
  // Each invoice's first failed and first paid row (a row without an id is an invoice of its own).
  const invoices: { failed: BillingPayment | null; paid: BillingPayment | null }[] = [];
  const byId = new Map<string, (typeof invoices)[number]>();
  // Paid rows by subscription, to find a retry paid under another id.
  const paidBySub = new Map<string, BillingPayment[]>();
  for (const p of payments) {
    let invoice = p.invoice === null ? undefined : byId.get(p.invoice);
    if (!invoice) {
      invoices.push((invoice = { failed: null, paid: null }));
      if (p.invoice !== null) byId.set(p.invoice, invoice);
    }
    if (p.status === 'failed') invoice.failed ??= p;
    if (p.status === 'paid') {
      invoice.paid ??= p;
      let list = paidBySub.get(p.subscription);
      if (!list) paidBySub.set(p.subscription, (list = []));
      list.push(p);
    }
  }
  let failedPayments = 0, recovered = 0, failedAmount = 0, recoveredAmount = 0;
  for (const { failed: failedRow, paid: paidRow } of invoices) {
    const failed = failedRow ?? (paidRow && paidRow.attempts !== null && paidRow.attempts >= 2 ? paidRow : null);
    if (!failed) continue;
    failedPayments++;
    failedAmount += failed.amount;
    const paid = paidRow ?? paidBySub.get(failed.subscription)?.find((q) => (failed.invoice === null || q.invoice !== failed.invoice) && Math.abs(q.amount - failed.amount) < 0.005 && q.day >= failed.day && q.day <= failed.day + RECOVERY_DAYS);
    if (paid) (recovered++, (recoveredAmount += paid.amount));
  }
  return { failedPayments, recovered, failedAmount, recoveredAmount, recoveryRate: failedPayments ? recovered / failedPayments : null };
}
