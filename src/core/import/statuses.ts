/**
 * Order, payment, fulfilment and invoice statuses as shop platforms write them (English, Vietnamese, Thai), and
 * which of them count as purchases by default: paid, completed, delivered, fulfilled, shipped and partially refunded
 * orders count; cancelled, voided, failed, pending, unpaid, returned and fully refunded ones do not. A value no rule
 * knows counts, and is shown as unknown so that the user can untick it. The user's ticks, made in the mapping step
 * for the values the file holds, override these defaults.
 *
 * Statuses are user text: they are compared in a folded form and looked up in Maps, never as keys of plain objects.
 */

/**
 * Lower case, no diacritics (đ → d), separators (_ - / . , : ; parentheses) as single spaces: "Đã hủy" → "da huy",
 * "partially_refunded" → "partially refunded", "wc-completed" → "wc completed". Thai letters are kept as they are.
 */
export function foldStatus(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/đ/g, 'd')
    .replace(/[^a-z0-9\u0e00-\u0e7f]+/g, ' ')
    .trim();
}

export interface StatusVerdict {
  /** Whether rows with this status count as purchases by default. */
  counts: boolean;
  /** Whether a rule recognised the value (an unknown value counts, and the user is shown that it is unknown). */
  known: boolean;
}

/** A rule: Latin words (whole words of the folded value; a trailing `*` matches any ending) or Thai text (anywhere). */
type Rule = [pattern: string, counts: boolean];

/**
 * First match wins, so that what negates or qualifies comes before what it contains: "unpaid" before "paid",
 * "chưa thanh toán" before "thanh toán", "ไม่สำเร็จ" before "สำเร็จ", "partially refunded" before "refunded".
 */
const RULES: Rule[] = [
  // Partly refunded or partly paid: a purchase (with its refund, when the file has a refunded-amount column).
  ['partial* refund*', true], ['refund* partial*', true], ['partial* paid', true], ['partial* payment', true],
  ['hoan tien mot phan', true], ['thanh toan mot phan', true], ['คืนเงินบางส่วน', true], ['ชำระบางส่วน', true],
  // Not paid (yet).
  ['unpaid', false], ['not paid', false], ['non paid', false], ['awaiting payment', false], ['pending payment', false], ['payment pending', false],
  ['chua thanh toan', false], ['cho thanh toan', false], ['ยังไม่ชำระ', false], ['รอชำระ', false], ['รอการชำระ', false], ['ไม่ชำระ', false],
  // Negated successes.
  ['incomplete', false], ['not delivered', false], ['undelivered', false], ['ไม่สำเร็จ', false], ['khong thanh cong', false],
  // Cancelled, voided, failed, declined, expired, refunded in full, returned, abandoned, drafts.
  ['cancel*', false], ['void*', false], ['huy', false], ['da huy', false], ['ยกเลิก', false],
  ['fail*', false], ['that bai', false], ['ล้มเหลว', false], ['declin*', false], ['reject*', false], ['tu choi', false], ['ปฏิเสธ', false],
  ['expir*', false], ['het han', false], ['หมดอายุ', false],
  ['refund*', false], ['hoan tien', false], ['da hoan tien', false], ['คืนเงิน', false], ['chargeback*', false], ['disputed', false],
  ['return*', false], ['tra hang', false], ['hoan hang', false], ['คืนสินค้า', false], ['restock*', false],
  ['abandon*', false], ['draft', false], ['checkout draft', false], ['trash', false], ['uncollectible', false],
  // Waiting for payment or confirmation: not a purchase yet (but waiting for the carrier is a paid order).
  ['awaiting shipment', true], ['awaiting collection', true], ['awaiting pickup', true], ['awaiting fulfil*', true],
  ['pending', false], ['on hold', false], ['authori*', false], ['open', false], ['awaiting*', false],
  ['cho xac nhan', false], ['cho duyet', false], ['cho xu ly', false], ['รอดำเนินการ', false], ['รอยืนยัน', false], ['รอการยืนยัน', false],
  // Paid, completed, delivered, fulfilled, shipped or on its way: purchases.
  ['paid', true], ['da thanh toan', true], ['ชำระเงินแล้ว', true], ['ชำระแล้ว', true], ['captured', true], ['settled', true], ['succeeded', true], ['success*', true],
  ['complet*', true], ['hoan thanh', true], ['hoan tat', true], ['thanh cong', true], ['สำเร็จ', true], ['เสร็จสมบูรณ์', true], ['เสร็จสิ้น', true],
  ['deliver*', true], ['da giao', true], ['da nhan', true], ['giao hang thanh cong', true], ['จัดส่งแล้ว', true], ['ได้รับสินค้า', true], ['ส่งแล้ว', true],
  ['fulfil*', true], ['unfulfilled', true], ['partial', true], ['shipped', true], ['shipping', true], ['in transit', true], ['to ship', true], ['ready to ship', true],
  ['dang giao', true], ['dang van chuyen', true], ['cho lay hang', true], ['cho giao', true], ['da xac nhan', true], ['dang xu ly', true], ['dang giao dich', true],
  ['กำลังจัดส่ง', true], ['ที่ต้องจัดส่ง', true], ['รอจัดส่ง', true], ['ยืนยันแล้ว', true],
  ['processing', true], ['processed', true], ['confirmed', true], ['closed', true], ['active', true],
];

const THAI = /[\u0e00-\u0e7f]/;

/** A rule's pattern as a test on the folded value. */
function matcher(pattern: string): (folded: string) => boolean {
  if (THAI.test(pattern)) return (folded) => folded.includes(pattern);
  const words = pattern.split(' ').map((w) => (w.endsWith('*') ? `${w.slice(0, -1)}[a-z]*` : w));
  const re = new RegExp(`(?:^| )${words.join(' ')}(?: |$)`);
  return (folded) => re.test(folded);
}

const MATCHERS: [test: (folded: string) => boolean, counts: boolean][] = RULES.map(([pattern, counts]) => [matcher(pattern), counts]);

/** The default verdict on a status value. The empty value (a status column left blank) counts and is known. */
export function statusVerdict(value: string): StatusVerdict {
  const folded = foldStatus(value);
  if (folded === '') return { counts: true, known: true };
  for (const [test, counts] of MATCHERS) if (test(folded)) return { counts, known: true };
  return { counts: true, known: false };
}

/**
 * Which values count, as the import applies it: the user's choices (value → counts, compared folded) where given,
 * the default verdict elsewhere. Verdicts are kept per folded value, so each distinct value is judged once.
 */
export class StatusRules {
  private readonly chosen = new Map<string, boolean>();
  private readonly judged = new Map<string, boolean>();

  constructor(choices: readonly (readonly [string, boolean])[] = []) {
    for (const [value, counts] of choices) this.chosen.set(foldStatus(value), counts);
  }

  counts(value: string): boolean {
    const folded = foldStatus(value);
    let verdict = this.chosen.get(folded) ?? this.judged.get(folded);
    if (verdict === undefined) {
      verdict = statusVerdict(value).counts;
      this.judged.set(folded, verdict);
    }
    return verdict;
  }
}

/** What a status column's name says it holds, best first: the payment status decides whether money came in. */
export type StatusColumnKind = 'payment' | 'order' | 'invoice' | 'fulfilment' | 'other';

/** A plain "Status" is most often the order's. */
const KIND_RANK: Record<StatusColumnKind, number> = { payment: 4, order: 3, invoice: 3, other: 3, fulfilment: 2 };

/** Header words (folded as header names are: no spaces) for each kind of status column. */
const KIND_WORDS: [StatusColumnKind, RegExp][] = [
  ['payment', /financial|payment|paymentstate|thanhtoan|การชำระ|ชำระเงิน/],
  ['invoice', /invoice|hoadon|ใบแจ้งหนี้|ใบเสร็จ/],
  ['fulfilment', /fulfil|delivery|shipping|shipment|giaohang|vanchuyen|จัดส่ง/],
  ['order', /order|donhang|คำสั่งซื้อ|การสั่งซื้อ/],
];

/** Columns named like these hold statuses of something else: a line's fulfilment, a return, a refund request. */
const NOT_A_PURCHASE_STATUS = /lineitem|return|refund|substatus|trahang|hoantien|คืน|risk/;

/** The kind of status column a (folded) header name announces, or null when it names none. */
export function statusColumnKind(foldedName: string, isStatusName: boolean): StatusColumnKind | null {
  if (!isStatusName || NOT_A_PURCHASE_STATUS.test(foldedName)) return null;
  for (const [kind, words] of KIND_WORDS) if (words.test(foldedName)) return kind;
  return 'other';
}

export function statusColumnRank(kind: StatusColumnKind): number {
  return KIND_RANK[kind];
}

/**
 * Do a column's sampled values look like statuses, whatever its name: a few distinct values (at most 30), almost
 * all of them known to the rules?
 */
export function looksLikeStatuses(values: string[]): boolean {
  const distinct = new Map<string, number>();
  let nonEmpty = 0;
  for (const v of values) {
    const t = v.trim();
    if (t === '') continue;
    nonEmpty++;
    distinct.set(t, (distinct.get(t) ?? 0) + 1);
    if (distinct.size > 30) return false;
  }
  if (nonEmpty === 0) return false;
  let known = 0;
  for (const [value, count] of distinct) if (statusVerdict(value).known) known += count;
  return known >= 0.9 * nonEmpty && distinct.size < nonEmpty;
}
