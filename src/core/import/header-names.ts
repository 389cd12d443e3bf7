/**
 * Column roles guessed from header names in English, Vietnamese and Thai. Names are compared after folding case,
 * diacritics and punctuation away ("Mã khách hàng" → "makhachhang", "Customer ID" → "customerid").
 */
import type { FieldRole } from '../types';

/** Lower case, no diacritics (đ → d), no spaces or punctuation; Thai letters are kept as they are. */
export function foldName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/đ/g, 'd')
    .replace(/[^a-z0-9\u0e00-\u0e7f%]/g, '');
}

/** Roles the importer reads, plus `currency`, which only informs the dataset's currency. */
export type HeaderRole = FieldRole | 'currency';

interface RoleNames {
  /** Whole-name matches (folded). */
  exact: string[];
  /** Parts that suggest the role inside a longer name (folded, at least 4 characters). */
  contains: string[];
}

const NAMES: Record<HeaderRole, RoleNames> = {
  customer: {
    exact: ['customerid', 'customer', 'customerno', 'customernumber', 'customercode', 'custid', 'cust', 'clientid', 'client',
      'memberid', 'member', 'buyerid', 'buyer', 'userid', 'user', 'email', 'customeremail', 'contactid', 'accountid', 'donorid',
      'buyerusername', 'username',
      'makhachhang', 'makh', 'khachhang', 'khach', 'idkhachhang', 'tenkhachhang', 'sodienthoai', 'sdt', 'nguoimua', 'tennguoimua', 'tendangnhapnguoimua',
      'รหัสลูกค้า', 'ลูกค้า', 'ชื่อลูกค้า', 'รหัสสมาชิก', 'สมาชิก', 'ชื่อผู้ใช้', 'ชื่อผู้ซื้อ', 'ผู้ซื้อ'],
    contains: ['customer', 'client', 'khachhang', 'ลูกค้า', 'member'],
  },
  date: {
    exact: ['date', 'invoicedate', 'orderdate', 'purchasedate', 'transactiondate', 'saledate', 'createdat', 'created', 'createdtime',
      'createtime', 'timestamp', 'datetime', 'day', 'ngay', 'ngaymua', 'ngaydathang', 'ngayban', 'ngaygiaodich', 'ngaytao', 'ngaytaodon',
      'thoigian', 'thoigiandathang', 'ngaythang', 'วันที่', 'วันที่ซื้อ', 'วันที่สั่งซื้อ', 'วันที่ทำการสั่งซื้อ', 'วันที่ขาย', 'วันเดือนปี'],
    // "Paid at" is only a part: Shopify leaves it empty on unpaid orders, and "Created at" is the order's date.
    contains: ['date', 'ngay', 'วันที่', 'time', 'paidat'],
  },
  amount: {
    // Not "subtotal" (before shipping and taxes): it is only a part, so that "Total" wins in a Shopify export.
    exact: ['amount', 'total', 'revenue', 'sales', 'value', 'dollarvalue', 'ordertotal', 'grandtotal', 'totalamount', 'netsales',
      'saleamount', 'orderamount', 'orderrevenue', 'payment', 'paid', 'paidprice', 'totalprice', 'linetotal', 'spend', 'monetary',
      'thanhtien', 'tongtien', 'doanhthu', 'sotien', 'tien', 'tongcong', 'giatri', 'tonggiatri', 'tonggiatridonhang',
      'ยอดขาย', 'ยอดรวม', 'ยอดรวมทั้งหมด', 'ยอดคำสั่งซื้อ', 'จำนวนเงิน', 'มูลค่า', 'ยอดเงิน', 'รวมเงิน', 'ยอดชำระ'],
    contains: ['amount', 'revenue', 'total', 'sales', 'thanhtien', 'tongtien', 'tonggiatri', 'doanhthu', 'ยอด'],
  },
  quantity: {
    exact: ['quantity', 'qty', 'units', 'count', 'soluong', 'sl', 'จำนวน', 'จำนวนชิ้น', 'numberofcds'],
    contains: ['quantity', 'soluong'],
  },
  unitPrice: {
    exact: ['unitprice', 'price', 'priceeach', 'unitcost', 'dongia', 'gia', 'giaban', 'ราคา', 'ราคาต่อหน่วย', 'ราคาขาย'],
    contains: ['price', 'dongia', 'ราคา'],
  },
  orderId: {
    // Shopify's "Name" (#1001) is an order id too, when its values say so (see guessMapping).
    exact: ['invoiceno', 'invoice', 'invoiceid', 'orderid', 'order', 'orderno', 'ordernumber', 'ordercode', 'orderref', 'orderreference',
      'transactionid', 'receiptno', 'receipt', 'madon', 'madonhang', 'sodonhang', 'sohoadon', 'mahoadon', 'donhang',
      'เลขที่ใบเสร็จ', 'เลขที่คำสั่งซื้อ', 'หมายเลขคำสั่งซื้อ', 'รหัสคำสั่งซื้อ', 'เลขที่บิล', 'คำสั่งซื้อ'],
    contains: ['invoice', 'orderid', 'madon', 'hoadon', 'คำสั่งซื้อ'],
  },
  product: {
    exact: ['product', 'productid', 'productname', 'stockcode', 'sku', 'item', 'itemname', 'description', 'sanpham',
      'tensanpham', 'masanpham', 'mahang', 'tenhang', 'mathang', 'สินค้า', 'ชื่อสินค้า', 'รหัสสินค้า'],
    contains: ['product', 'sanpham', 'สินค้า'],
  },
  channel: {
    exact: ['channel', 'saleschannel', 'source', 'store', 'platform', 'kenh', 'kenhban', 'nguon', 'ช่องทาง', 'ช่องทางการขาย'],
    contains: ['channel', 'kenh', 'ช่องทาง'],
  },
  cost: {
    exact: ['cost', 'cogs', 'totalcost', 'giavon', 'chiphi', 'ต้นทุน'],
    contains: ['cost', 'giavon', 'ต้นทุน'],
  },
  margin: {
    exact: ['margin', 'grossmargin', 'profit', 'grossprofit', 'margin%', 'loinhuan', 'laigop', 'กำไร', 'กำไรขั้นต้น'],
    contains: ['margin', 'profit', 'loinhuan', 'laigop', 'กำไร'],
  },
  status: {
    exact: ['status', 'orderstatus', 'financialstatus', 'paymentstatus', 'invoicestatus', 'fulfillmentstatus', 'fulfilmentstatus',
      'deliverystatus', 'shippingstatus', 'trangthai', 'trangthaidonhang', 'trangthaithanhtoan', 'trangthaigiaohang', 'trangthaivanchuyen',
      'tinhtrang', 'tinhtrangdonhang', 'สถานะ', 'สถานะคำสั่งซื้อ', 'สถานะการสั่งซื้อ', 'สถานะการชำระเงิน', 'สถานะการจัดส่ง'],
    contains: ['status', 'trangthai', 'tinhtrang', 'สถานะ'],
  },
  refunded: {
    exact: ['refundedamount', 'amountrefunded', 'refundamount', 'orderrefundamount', 'totalrefunded', 'refunded', 'refund',
      'sotienhoan', 'sotienhoanlai', 'tienhoan', 'tienhoanlai', 'จำนวนเงินคืน', 'ยอดคืนเงิน', 'เงินคืน', 'ยอดเงินคืน'],
    contains: ['refund', 'tienhoan', 'เงินคืน'],
  },
  discountCode: {
    exact: ['discountcode', 'discountcodes', 'couponcode', 'coupon', 'coupons', 'promocode', 'promotioncode', 'voucher', 'vouchercode',
      'voucheruse', 'magiamgia', 'mavoucher', 'makhuyenmai', 'macoupon', 'โค้ดส่วนลด', 'รหัสส่วนลด', 'คูปอง', 'รหัสคูปอง', 'โค้ดโปรโมชั่น'],
    contains: ['discountcode', 'coupon', 'voucher', 'promocode', 'magiamgia', 'makhuyenmai', 'โค้ดส่วนลด', 'คูปอง'],
  },
  customerName: {
    exact: ['customername', 'fullname', 'billingname', 'shippingname', 'contactname', 'buyername', 'recipientname', 'receivername',
      'tenkhachhang', 'hoten', 'hovaten', 'tennguoinhan', 'nguoinhan', 'tennguoimua', 'ชื่อลูกค้า', 'ชื่อผู้รับ', 'ชื่อผู้ซื้อ', 'ชื่อ-นามสกุล', 'ชื่อนามสกุล'],
    contains: ['customername', 'fullname', 'billingname', 'hoten', 'tenkhach', 'ชื่อลูกค้า', 'ชื่อผู้รับ'],
  },
  email: {
    exact: ['email', 'emailaddress', 'customeremail', 'e-mail', 'mail', 'diachiemail', 'thudientu', 'อีเมล', 'อีเมล์'],
    contains: ['email', 'อีเมล'],
  },
  phone: {
    exact: ['phone', 'phonenumber', 'telephone', 'tel', 'mobile', 'mobilephone', 'billingphone', 'shippingphone', 'customerphone', 'sodienthoai',
      'sdt', 'dienthoai', 'sodienthoainguoinhan', 'เบอร์โทร', 'เบอร์โทรศัพท์', 'โทรศัพท์', 'หมายเลขโทรศัพท์', 'เบอร์มือถือ'],
    contains: ['phone', 'dienthoai', 'เบอร์โทร', 'โทรศัพท์'],
  },
  currency: {
    exact: ['currency', 'currencycode', 'tiente', 'loaitien', 'สกุลเงิน'],
    contains: ['currency', 'tiente', 'สกุลเงิน'],
  },
};

/** A name without what it says in parentheses or brackets: "Tổng tiền (VND)" → "Tổng tiền", "Created (UTC)" → "Created". */
function withoutParenthesised(name: string): string {
  return name.replace(/\s*[([][^)\]]*[)\]]\s*/g, ' ').trim();
}

function scoreFolded(folded: string, role: HeaderRole): number {
  if (!folded) return 0;
  const names = NAMES[role];
  if (names.exact.includes(folded)) return 2;
  return names.contains.some((part) => folded.includes(part)) ? 1 : 0;
}

/**
 * How well a header name suggests a role: 2 for a whole-name match, 1 for a telling part, 0 for none. A unit or
 * currency in parentheses does not hide the name ("Total (USD)" is "Total"), nor does a qualifier in them hide a
 * whole name ("ชื่อผู้ใช้ (ผู้ซื้อ)" is the buyer's user name).
 */
export function nameScore(name: string, role: HeaderRole): number {
  const [folded, foldedBare] = foldedNames(name);
  const whole = scoreFolded(folded, role);
  return foldedBare === null ? whole : Math.max(whole, scoreFolded(foldedBare, role));
}

/**
 * A name folded, whole and without its parenthesised part (null when it has none), kept for the next role asked
 * about: each column's name is scored for every role, and folding it each time made a file of 100,000 columns take
 * seconds to sniff. Bounded: cleared when full.
 */
const FOLDED = new Map<string, [string, string | null]>();
function foldedNames(name: string): [string, string | null] {
  let folded = FOLDED.get(name);
  if (folded === undefined) {
    if (FOLDED.size >= 4096) FOLDED.clear();
    const bare = withoutParenthesised(name);
    FOLDED.set(name, (folded = [foldName(name), bare === name ? null : foldName(bare)]));
  }
  return folded;
}

export const HEADER_ROLES = Object.keys(NAMES) as HeaderRole[];
