/**
 * What a billing status means for revenue. Only a paid invoice or a succeeded charge is revenue. Open, draft and
 * pending invoices are not paid yet; void and cancelled ones never will be; failed, declined, past-due and
 * uncollectible ones are failed payments (dunning). Subscription lists say instead whether a subscription pays now.
 * Values are compared folded (src/core/import/statuses.ts), in English, Vietnamese and Thai.
 */
import { foldStatus } from '../import/statuses';

export type PaymentStatus = 'paid' | 'refunded' | 'failed' | 'pending' | 'void';

/** First match wins: what negates comes before what it contains ("unpaid" before "paid"). Whole folded words. */
const PAYMENT_RULES: [RegExp, PaymentStatus][] = [
  [/\b(unpaid|not paid|chua thanh toan)\b|ไม่สำเร็จ|ยังไม่ชำระ/, 'failed'],
  [/\bpartially refunded\b/, 'paid'],
  [/\b(refunded|refund|reversed|charged back|chargeback|da hoan tien|hoan tien)\b|คืนเงิน/, 'refunded'],
  [/\b(failed|failure|declined|uncollectible|past due|payment due|overdue|error|dunning|that bai|loi)\b|ล้มเหลว|ถูกปฏิเสธ/, 'failed'],
  [/\b(void|voided|canceled|cancelled|deleted|expired|abandoned|da huy|huy)\b|ยกเลิก/, 'void'],
  [/\b(open|draft|pending|posted|billed|processing|scheduled|ready|requires action|requires payment method|incomplete|cho thanh toan|dang xu ly)\b|รอชำระ|รอดำเนินการ/, 'pending'],
  [/\b(paid|succeeded|success|successful|completed|complete|settled|captured|collected|approved|active|thanh cong|da thanh toan|hoan thanh)\b|สำเร็จ|ชำระแล้ว/, 'paid'],
];

/** A payment row's status; a blank cell (a file without statuses) is paid, an unknown word too (it is counted). */
export function paymentStatus(value: string): { status: PaymentStatus; known: boolean } {
  const folded = foldStatus(value);
  if (folded === '') return { status: 'paid', known: true };
  for (const [pattern, status] of PAYMENT_RULES) if (pattern.test(folded)) return { status, known: true };
  return { status: 'paid', known: false };
}

export type SubscriptionStatus = 'paying' | 'trial' | 'ended' | 'not-started';

const SUBSCRIPTION_RULES: [RegExp, SubscriptionStatus][] = [
  [/\b(trialing|trial|in trial|dung thu)\b|ทดลอง/, 'trial'],
  [/\b(incomplete expired|incomplete|future|scheduled|draft|pending)\b/, 'not-started'],
  [/\b(canceled|cancelled|ended|expired|churned|inactive|unpaid|paused|deleted|da huy|het han)\b|ยกเลิก|หมดอายุ/, 'ended'],
  [/\b(active|past due|non renewing|live|dang hoat dong)\b|ใช้งาน/, 'paying'],
];

/** A subscription list's status: paying (active, past due, non-renewing), on trial, ended, or not started. */
export function subscriptionStatus(value: string): SubscriptionStatus {
  const folded = foldStatus(value);
  for (const [pattern, status] of SUBSCRIPTION_RULES) if (pattern.test(folded)) return status;
  return 'paying';
}
