/**
 * Billing export columns, recognised from their header names (folded as the orders importer folds them: "Plan
 * Interval" → "planinterval", "billing_period.starts_at" → "billingperiodstartsat"). Stripe, Paddle (Classic and
 * Billing), Chargebee, app-store reports and local payment gateways name the same things differently; each role
 * lists its names best first, and a column takes at most one role.
 */
import { foldName } from '../import/header-names';

export const BILLING_ROLES = [
  'invoice', 'customer', 'subscription', 'start', 'date', 'status', 'amountPaid', 'amount', 'refunded', 'currency',
  'interval', 'intervalCount', 'periodStart', 'periodEnd', 'canceledAt', 'endedAt', 'attempts', 'attempted', 'quantity',
] as const;
export type BillingRole = (typeof BILLING_ROLES)[number];
export type BillingColumns = Record<BillingRole, number | null>;

/** Folded header names per role, best first. Exact matches only: "amount" must not take "amountrefunded". */
const NAMES: Record<BillingRole, string[]> = {
  invoice: ['invoiceid', 'invoice', 'invoicenumber', 'transactionid', 'paymentid', 'orderid', 'chargeid', 'id', 'mahoadon', 'sohoadon', 'magiaodich', 'เลขที่ใบแจ้งหนี้', 'รหัสธุรกรรม'],
  customer: ['customerid', 'customer', 'customeremail', 'email', 'userid', 'accountid', 'customername', 'makhachhang', 'khachhang', 'รหัสลูกค้า', 'ลูกค้า'],
  subscription: ['subscriptionid', 'subscription', 'subid', 'subscriptionnumber', 'mathuebao', 'madangky', 'รหัสสมาชิก'],
  start: ['startutc', 'start', 'startdate', 'startedat', 'activatedat', 'ngaybatdau', 'วันที่เริ่ม'],
  date: ['dateutc', 'date', 'paidatutc', 'paidat', 'datepaid', 'datecompleted', 'billedat', 'invoicedate', 'transactiondate', 'paymentdate', 'createdutc', 'created', 'createdat', 'ngay', 'ngaythanhtoan', 'วันที่', 'วันที่ชำระ'],
  status: ['status', 'invoicestatus', 'paymentstatus', 'transactionstatus', 'subscriptionstatus', 'state', 'trangthai', 'สถานะ'],
  amountPaid: ['amountpaid', 'paidamount', 'amountcollected', 'sotiendathanhtoan', 'ยอดที่ชำระ'],
  amount: ['total', 'amount', 'totalstotal', 'amountdue', 'grandtotal', 'planamount', 'price', 'planunitprice', 'saleprice', 'sotien', 'tongtien', 'จำนวนเงิน', 'ยอดรวม'],
  refunded: ['amountrefunded', 'refunded', 'refundamount', 'refundedamount', 'sotienhoan', 'ยอดคืนเงิน'],
  currency: ['currency', 'currencycode', 'tiente', 'สกุลเงิน'],
  interval: ['planinterval', 'interval', 'subscriptionduration', 'billinginterval', 'billingperiodunit', 'billingperiod', 'billingcycle', 'billingcycleinterval', 'billingfrequency', 'recurringinterval', 'chuky', 'chukythanhtoan', 'รอบบิล'],
  intervalCount: ['planintervalcount', 'intervalcount', 'billingcyclefrequency', 'billingperiodcount', 'billingfrequencycount', 'billingperiod'],
  periodStart: ['periodstartutc', 'periodstart', 'serviceperiodstart', 'billingperiodstartsat', 'currentperiodstartutc', 'currentperiodstart', 'termstart'],
  periodEnd: ['periodendutc', 'periodend', 'serviceperiodend', 'billingperiodendsat', 'currentperiodendutc', 'currentperiodend', 'currenttermend', 'termend', 'nextbilldate', 'nextbillingdate'],
  canceledAt: ['canceledatutc', 'canceledat', 'cancelledat', 'cancelledatutc', 'canceldate', 'cancellationdate', 'ngayhuy', 'วันที่ยกเลิก'],
  endedAt: ['endedatutc', 'endedat', 'enddate', 'endsat'],
  attempts: ['attemptcount', 'attempts', 'paymentattempts', 'dunningattempts'],
  /** Stripe's true/false: a payment was tried. */
  attempted: ['attempted'],
  quantity: ['quantity', 'planquantity', 'seats', 'soluong', 'จำนวน'],
};

/** Each role's column, by the best name a header has; a column takes the first role that names it. */
export function billingColumns(header: readonly string[]): BillingColumns {
  const folded = header.map(foldName);
  const out = Object.fromEntries(BILLING_ROLES.map((r) => [r, null])) as BillingColumns;
  const taken = new Set<number>();
  // Specific roles first, so that "Amount Paid" goes to amountPaid and "Start (UTC)" to the date only when no
  // better date exists.
  const order: BillingRole[] = ['subscription', 'start', 'interval', 'intervalCount', 'periodStart', 'periodEnd', 'canceledAt', 'endedAt', 'amountPaid', 'refunded', 'attempts', 'attempted', 'currency', 'status', 'invoice', 'customer', 'date', 'amount', 'quantity'];
  for (const role of order) {
    for (const name of NAMES[role]) {
      const at = folded.findIndex((f, i) => f === name && !taken.has(i));
      if (at >= 0) {
        out[role] = at;
        taken.add(at);
        break;
      }
    }
  }
  return out;
}

/** What a file is, from its columns: payments (invoices, charges, transactions), a subscription list, or neither. */
export type BillingShape = 'payments' | 'subscriptions';

/**
 * A subscription list names when each subscription was cancelled or ended, and its id, interval or current term; a
 * payments export names a subscription, a plan interval or the period a payment covers. Shop orders have none.
 */
export function billingShape(c: BillingColumns): BillingShape | null {
  if (c.customer === null || (c.date === null && c.start === null) || (c.amount === null && c.amountPaid === null)) return null;
  const recurring = c.subscription !== null || c.interval !== null;
  // Shop orders have a "Cancelled at" too (Shopify): a list also names the subscription, its interval or its term.
  if ((c.canceledAt !== null || c.endedAt !== null) && (recurring || c.periodEnd !== null)) return 'subscriptions';
  if (recurring || (c.periodStart !== null && c.periodEnd !== null)) return 'payments';
  return null;
}

/** Whether a header is a billing export's (the CLI and the import decide with this which analysis to add). */
export function isBillingHeader(header: readonly string[]): boolean {
  return billingShape(billingColumns(header)) !== null;
}
