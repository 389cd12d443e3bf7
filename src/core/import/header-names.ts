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
      'makhachhang', 'makh', 'khachhang', 'khach', 'idkhachhang', 'tenkhachhang', 'sodienthoai', 'sdt',
      'รหัสลูกค้า', 'ลูกค้า', 'ชื่อลูกค้า', 'รหัสสมาชิก', 'สมาชิก'],
    contains: ['customer', 'client', 'khachhang', 'ลูกค้า', 'member'],
  },
  date: {
    exact: ['date', 'invoicedate', 'orderdate', 'purchasedate', 'transactiondate', 'saledate', 'createdat', 'created', 'timestamp',
      'datetime', 'paidat', 'day', 'ngay', 'ngaymua', 'ngaydathang', 'ngayban', 'ngaygiaodich', 'ngaytao', 'thoigian', 'ngaythang',
      'วันที่', 'วันที่ซื้อ', 'วันที่สั่งซื้อ', 'วันที่ขาย', 'วันเดือนปี'],
    contains: ['date', 'ngay', 'วันที่', 'time'],
  },
  amount: {
    exact: ['amount', 'total', 'revenue', 'sales', 'value', 'dollarvalue', 'ordertotal', 'grandtotal', 'totalamount', 'netsales',
      'saleamount', 'orderamount', 'orderrevenue', 'payment', 'paid', 'totalprice', 'linetotal', 'subtotal', 'spend', 'monetary',
      'thanhtien', 'tongtien', 'doanhthu', 'sotien', 'tien', 'tongcong', 'giatri', 'tonggiatri',
      'ยอดขาย', 'ยอดรวม', 'จำนวนเงิน', 'มูลค่า', 'ยอดเงิน', 'รวมเงิน', 'ยอดชำระ'],
    contains: ['amount', 'revenue', 'total', 'sales', 'thanhtien', 'tongtien', 'doanhthu', 'ยอด'],
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
    exact: ['invoiceno', 'invoice', 'invoiceid', 'orderid', 'order', 'orderno', 'ordernumber', 'transactionid', 'receiptno',
      'receipt', 'madon', 'madonhang', 'sodonhang', 'sohoadon', 'mahoadon', 'donhang',
      'เลขที่ใบเสร็จ', 'เลขที่คำสั่งซื้อ', 'รหัสคำสั่งซื้อ', 'เลขที่บิล', 'คำสั่งซื้อ'],
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
  currency: {
    exact: ['currency', 'currencycode', 'tiente', 'loaitien', 'สกุลเงิน'],
    contains: ['currency', 'tiente', 'สกุลเงิน'],
  },
};

/** How well a header name suggests a role: 2 for a whole-name match, 1 for a telling part, 0 for none. */
export function nameScore(name: string, role: HeaderRole): number {
  const folded = foldName(name);
  if (!folded) return 0;
  const names = NAMES[role];
  if (names.exact.includes(folded)) return 2;
  return names.contains.some((part) => folded.includes(part)) ? 1 : 0;
}

export const HEADER_ROLES = Object.keys(NAMES) as HeaderRole[];
