/**
 * Failed payments and their recovery (dunning). A failed payment is an invoice with a failed, declined, past-due or
 * uncollectible row, an open invoice already attempted, or a paid one that needed more than one attempt; it is
 * recovered when that invoice was paid in the end. Rows without an invoice id: each failed row is one failed payment,
 * recovered when the same subscription pays the same amount within RECOVERY_DAYS after it.
 */
import type { BillingPayment } from './read-billing';

export const RECOVERY_DAYS = 30;

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
  const byInvoice = new Map<string, BillingPayment[]>();
  const loose: BillingPayment[] = [];
  for (const p of payments) {
    if (p.invoice === null) loose.push(p);
    else {
      let list = byInvoice.get(p.invoice);
      if (!list) byInvoice.set(p.invoice, (list = []));
      list.push(p);
    }
  }
  let failedPayments = 0, recovered = 0, failedAmount = 0, recoveredAmount = 0;
  for (const rows of byInvoice.values()) {
    const paid = rows.find((r) => r.status === 'paid');
    const failed = rows.find((r) => r.status === 'failed') ?? (paid && paid.attempts !== null && paid.attempts >= 2 ? paid : undefined);
    if (!failed) continue;
    failedPayments++;
    failedAmount += failed.amount;
    if (paid) (recovered++, (recoveredAmount += paid.amount));
  }
  // Paid rows without invoice, by subscription, to look up a retry that succeeded.
  const paidBySub = new Map<string, BillingPayment[]>();
  for (const p of loose) {
    if (p.status !== 'paid') continue;
    let list = paidBySub.get(p.subscription);
    if (!list) paidBySub.set(p.subscription, (list = []));
    list.push(p);
  }
  for (const p of loose) {
    if (p.status === 'paid' && p.attempts !== null && p.attempts >= 2) {
      failedPayments++, recovered++, (failedAmount += p.amount), (recoveredAmount += p.amount);
      continue;
    }
    if (p.status !== 'failed') continue;
    failedPayments++;
    failedAmount += p.amount;
    const later = paidBySub.get(p.subscription)?.find((q) => Math.abs(q.amount - p.amount) < 0.005 && q.day >= p.day && q.day <= p.day + RECOVERY_DAYS);
    if (later) (recovered++, (recoveredAmount += later.amount));
  }
  return { failedPayments, recovered, failedAmount, recoveredAmount, recoveryRate: failedPayments ? recovered / failedPayments : null };
}
