/**
 * The messages of the summary screens (a per-customer summary file, docs/warehouse.md), in every language. A chunk
 * of its own, loaded with those screens: the page's first download and each language's catalogue are at their budget.
 * Every language has every key (the type says so); `{name}` is filled in as in the main catalogues.
 */
import type { LocaleCode } from './index';

const en = {
  'summary.confirm.title': 'A per-customer summary file',
  'summary.confirm.lead': 'This file has one row per customer, as a warehouse query writes it (docs/warehouse.md). The models are fitted on it as on orders. These columns were recognised:',
  'summary.confirm.column': 'Column',
  'summary.confirm.role': 'Read as',
  'summary.confirm.end': 'Observation end: {end}',
  'summary.confirm.endColumn': 'from the column “{column}”',
  'summary.confirm.endLatest': 'the latest last purchase in the file (the file gives no end)',
  'summary.confirm.endT': 'each customer’s T, in the file’s own time unit (the file gives no dates)',
  'summary.confirm.import': 'Import summary',
  'summary.role.customer': 'Customer',
  'summary.role.firstPurchase': 'First purchase date',
  'summary.role.lastPurchase': 'Last purchase date',
  'summary.role.observationEnd': 'Observation end',
  'summary.role.frequency': 'Repeat purchases (x)',
  'summary.role.recency': 'Recency (tₓ)',
  'summary.role.T': 'Age (T)',
  'summary.role.purchases': 'Purchases',
  'summary.role.revenue': 'Revenue',
  'summary.role.monetary': 'Mean repeat spend',
  'summary.role.none': 'Not used',
  'summary.history.rows': '{read} rows read = {accepted} customers + {rejected} rejected',
  'summary.history.customers': 'Customers',
  'summary.history.purchases': 'Purchases',
  'summary.history.revenue': 'Revenue',
  'summary.history.noRevenue': 'The file has no revenue column: the money figures are unknown.',
  'summary.history.lifespanDays': '{mean} days average · {median} median',
  'summary.history.cannot': 'This dataset is a per-customer summary: refunds, cohorts, monthly activity and the owner formulas that need dated orders cannot be worked out from it. Import the orders for those.',
  'summary.whatif': 'The what-if levers work on a base of new customers a month, monthly retention and purchases a month, all counted from dated orders, which a per-customer summary does not have. Import the orders to price retention, price, order value, frequency, margin, annual billing, win-back and dunning; the Forecast tab’s models work on this summary.',
} as const;

export type SummaryKey = keyof typeof en;

const vi: Record<SummaryKey, string> = {
  'summary.confirm.title': 'Tệp tóm tắt theo khách hàng',
  'summary.confirm.lead': 'Tệp này có mỗi khách hàng một dòng, như một truy vấn kho dữ liệu xuất ra (docs/warehouse.md). Các mô hình được khớp trên tệp này như trên đơn hàng. Các cột được nhận ra:',
  'summary.confirm.column': 'Cột',
  'summary.confirm.role': 'Đọc là',
  'summary.confirm.end': 'Ngày kết thúc quan sát: {end}',
  'summary.confirm.endColumn': 'từ cột “{column}”',
  'summary.confirm.endLatest': 'ngày mua cuối cùng muộn nhất trong tệp (tệp không ghi ngày kết thúc)',
  'summary.confirm.endT': 'T của từng khách hàng, theo đơn vị thời gian của tệp (tệp không có ngày)',
  'summary.confirm.import': 'Nhập bảng tóm tắt',
  'summary.role.customer': 'Khách hàng',
  'summary.role.firstPurchase': 'Ngày mua đầu tiên',
  'summary.role.lastPurchase': 'Ngày mua cuối cùng',
  'summary.role.observationEnd': 'Ngày kết thúc quan sát',
  'summary.role.frequency': 'Số lần mua lặp lại (x)',
  'summary.role.recency': 'Recency (tₓ)',
  'summary.role.T': 'Tuổi khách hàng (T)',
  'summary.role.purchases': 'Số lần mua',
  'summary.role.revenue': 'Doanh thu',
  'summary.role.monetary': 'Chi tiêu trung bình mỗi lần mua lặp lại',
  'summary.role.none': 'Không dùng',
  'summary.history.rows': '{read} dòng đã đọc = {accepted} khách hàng + {rejected} bị loại',
  'summary.history.customers': 'Khách hàng',
  'summary.history.purchases': 'Lượt mua',
  'summary.history.revenue': 'Doanh thu',
  'summary.history.noRevenue': 'Tệp không có cột doanh thu: các số liệu tiền chưa biết.',
  'summary.history.lifespanDays': 'trung bình {mean} ngày · trung vị {median}',
  'summary.history.cannot': 'Tập dữ liệu này là bảng tóm tắt theo khách hàng: không thể tính hoàn tiền, nhóm khách hàng (cohort), hoạt động theo tháng và các công thức cần đơn hàng có ngày từ nó. Hãy nhập tệp đơn hàng để có các số liệu đó.',
  'summary.whatif': 'Các đòn bẩy giả định dựa trên khách hàng mới mỗi tháng, tỷ lệ giữ chân hằng tháng và số lượt mua mỗi tháng, đều đếm từ đơn hàng có ngày, mà bảng tóm tắt theo khách hàng không có. Hãy nhập tệp đơn hàng để định giá giữ chân, giá, giá trị đơn, tần suất, biên lợi nhuận, thanh toán theo năm, kéo khách quay lại và thu hồi thanh toán lỗi; các mô hình ở thẻ Dự báo vẫn dùng được trên bảng tóm tắt này.',
};

const th: Record<SummaryKey, string> = {
  'summary.confirm.title': 'ไฟล์สรุปรายลูกค้า',
  'summary.confirm.lead': 'ไฟล์นี้มีหนึ่งแถวต่อลูกค้าหนึ่งราย ตามที่คิวรีของคลังข้อมูลเขียนไว้ (docs/warehouse.md) แบบจำลองจะถูกปรับบนไฟล์นี้เหมือนกับบนคำสั่งซื้อ คอลัมน์ที่รู้จัก:',
  'summary.confirm.column': 'คอลัมน์',
  'summary.confirm.role': 'อ่านเป็น',
  'summary.confirm.end': 'วันสิ้นสุดการสังเกต: {end}',
  'summary.confirm.endColumn': 'จากคอลัมน์ “{column}”',
  'summary.confirm.endLatest': 'วันที่ซื้อครั้งล่าสุดที่ช้าที่สุดในไฟล์ (ไฟล์ไม่ได้ระบุวันสิ้นสุด)',
  'summary.confirm.endT': 'T ของลูกค้าแต่ละราย ในหน่วยเวลาของไฟล์เอง (ไฟล์ไม่มีวันที่)',
  'summary.confirm.import': 'นำเข้าไฟล์สรุป',
  'summary.role.customer': 'ลูกค้า',
  'summary.role.firstPurchase': 'วันที่ซื้อครั้งแรก',
  'summary.role.lastPurchase': 'วันที่ซื้อครั้งล่าสุด',
  'summary.role.observationEnd': 'วันสิ้นสุดการสังเกต',
  'summary.role.frequency': 'จำนวนการซื้อซ้ำ (x)',
  'summary.role.recency': 'Recency (tₓ)',
  'summary.role.T': 'อายุลูกค้า (T)',
  'summary.role.purchases': 'จำนวนการซื้อ',
  'summary.role.revenue': 'รายได้',
  'summary.role.monetary': 'ยอดใช้จ่ายเฉลี่ยต่อการซื้อซ้ำ',
  'summary.role.none': 'ไม่ใช้',
  'summary.history.rows': 'อ่าน {read} แถว = ลูกค้า {accepted} ราย + ถูกปฏิเสธ {rejected} แถว',
  'summary.history.customers': 'ลูกค้า',
  'summary.history.purchases': 'การซื้อ',
  'summary.history.revenue': 'รายได้',
  'summary.history.noRevenue': 'ไฟล์ไม่มีคอลัมน์รายได้: ไม่ทราบตัวเลขด้านเงิน',
  'summary.history.lifespanDays': 'เฉลี่ย {mean} วัน · มัธยฐาน {median}',
  'summary.history.cannot': 'ชุดข้อมูลนี้เป็นไฟล์สรุปรายลูกค้า: ไม่สามารถคำนวณการคืนเงิน กลุ่มลูกค้าตามช่วงเวลา (cohort) กิจกรรมรายเดือน และสูตรที่ต้องใช้คำสั่งซื้อที่มีวันที่ได้ โปรดนำเข้าไฟล์คำสั่งซื้อเพื่อดูตัวเลขเหล่านั้น',
  'summary.whatif': 'ตัวปรับแบบจำลองสถานการณ์ใช้ฐานของลูกค้าใหม่ต่อเดือน อัตราการรักษาลูกค้ารายเดือน และจำนวนการซื้อต่อเดือน ซึ่งนับจากคำสั่งซื้อที่มีวันที่ ไฟล์สรุปรายลูกค้าไม่มีข้อมูลเหล่านี้ โปรดนำเข้าไฟล์คำสั่งซื้อเพื่อประเมินการรักษาลูกค้า ราคา มูลค่าคำสั่งซื้อ ความถี่ อัตรากำไร การเรียกเก็บรายปี การดึงลูกค้ากลับ และการติดตามการชำระเงินที่ล้มเหลว แบบจำลองในแท็บพยากรณ์ยังใช้กับไฟล์สรุปนี้ได้',
};

const messages: Record<LocaleCode, Record<SummaryKey, string>> = { en, vi, th };

/** A summary screen's message in `locale`, its `{name}` values filled in (values are text, never HTML). */
export function summaryText(locale: LocaleCode, key: SummaryKey, vars: Record<string, string | number> = {}): string {
  return messages[locale][key].replace(/\{(\w+)\}/g, (m, name: string) => (Object.hasOwn(vars, name) ? String(vars[name]) : m));
}

export const SUMMARY_MESSAGES = messages;
