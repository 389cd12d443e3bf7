/**
 * Acquisition cost from marketing spend by month (and channel): each month's spend ÷ that month's new customers, and
 * the blended cost over the months that have both.
 */
export interface SpendRow {
  /** "YYYY-MM". */
  month: string;
  channel: string;
  spend: number;
}

export interface MonthCac {
  month: string;
  spend: number;
  newCustomers: number;
  /** null when the month has no new customers. */
  cac: number | null;
}

export interface SpendCac {
  months: MonthCac[];
  /** Σ spend ÷ Σ new customers over the months with both; null when none. */
  cac: number | null;
  /** Spend in months the data has no customers for (left out of the blend). */
  unmatchedSpend: number;
}

export function cacFromSpend(rows: readonly SpendRow[], newCustomersByMonth: readonly { month: string; customers: number }[]): SpendCac {
  const spendByMonth = new Map<string, number>();
  for (const r of rows) spendByMonth.set(r.month, (spendByMonth.get(r.month) ?? 0) + r.spend);
  const customers = new Map(newCustomersByMonth.map((m) => [m.month, m.customers]));
  const months: MonthCac[] = [];
  let spend = 0, newCustomers = 0, unmatched = 0;
  for (const [month, s] of [...spendByMonth].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const n = customers.get(month) ?? 0;
    months.push({ month, spend: s, newCustomers: n, cac: n > 0 ? s / n : null });
    if (n > 0) {
      spend += s;
      newCustomers += n;
    } else unmatched += s;
  }
  return { months, cac: newCustomers > 0 ? spend / newCustomers : null, unmatchedSpend: unmatched };
}

/** A small spend CSV: month (YYYY-MM or a date), channel (optional), spend. One sentence when it cannot be read. */
export function readSpendCsv(text: string): { ok: true; rows: SpendRow[] } | { ok: false; problem: string; line: number } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.trim() !== '');
  if (!lines.length) return { ok: false, problem: 'The file is empty.', line: 0 };
  const split = (l: string) => l.split(/[,;\t]/).map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
  const header = split(lines[0]).map((h) => h.toLowerCase());
  const monthCol = header.findIndex((h) => /month|date|tháng|ngày|เดือน|วันที่/.test(h));
  const spendCol = header.findIndex((h) => /spend|cost|amount|chi phí|ค่าใช้จ่าย/.test(h));
  const channelCol = header.findIndex((h) => /channel|source|kênh|ช่องทาง/.test(h));
  if (monthCol < 0 || spendCol < 0) return { ok: false, problem: 'The file needs a month column and a spend column.', line: 1 };
  const rows: SpendRow[] = [];
  for (let i = 1; i < lines.length; i++) {
    const cells = split(lines[i]);
    const m = /^(\d{4})-(\d{2})/.exec(cells[monthCol] ?? '');
    const spend = Number((cells[spendCol] ?? '').replace(/[^\d.-]/g, ''));
    if (!m || !(Number(m[2]) >= 1 && Number(m[2]) <= 12)) return { ok: false, problem: 'A month must be written YYYY-MM.', line: i + 1 };
    if (!Number.isFinite(spend) || spend < 0 || (cells[spendCol] ?? '').trim() === '') return { ok: false, problem: 'A spend must be a number of at least 0.', line: i + 1 };
    rows.push({ month: `${m[1]}-${m[2]}`, channel: channelCol >= 0 ? (cells[channelCol] ?? '') : '', spend });
  }
  return { ok: true, rows };
}
