/**
 * How a margin column is read: as a share of the row's amount (40%, 40 or 0.4 meaning 40%), or as money (the row's
 * profit). The header or a % sign decides; otherwise the values do: margins all between −1 and 1 that would, as
 * money, make the shop's margin under 5% of its sales are shares written as fractions (0.4), not profits of cents.
 */
export type MarginReading = { as: 'share' | 'money'; fromValues: boolean };

/** Header words that say the column holds a rate (English, Vietnamese with and without marks, Thai). */
const SHARE_WORDS = /%|percent|pct|\brate\b|ratio|tỷ\s*lệ|tỉ\s*lệ|ty\s*le|อัตรา|ร้อยละ/i;
/** As money, margins this small against the sales would be an implausible business: they are fractions. */
const MONEY_SHARE_FLOOR = 0.05;

export function marginReading(header: string, percentCells: number, margin: ArrayLike<number>, amount: (row: number) => number, rows: number): MarginReading {
  if (percentCells > 0 || SHARE_WORDS.test(header)) return { as: 'share', fromValues: false };
  let margins = 0;
  let sales = 0;
  let seen = 0;
  for (let i = 0; i < rows; i++) {
    const m = margin[i];
    const a = amount(i);
    if (!Number.isFinite(m) || !Number.isFinite(a)) continue;
    if (Math.abs(m) > 1) return { as: 'money', fromValues: false };
    margins += Math.abs(m);
    sales += Math.abs(a);
    seen++;
  }
  return seen > 0 && margins < MONEY_SHARE_FLOOR * sales ? { as: 'share', fromValues: true } : { as: 'money', fromValues: false };
}
