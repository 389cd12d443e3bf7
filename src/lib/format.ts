/**
 * Locale-aware formatting with Intl. Dates are calendar days (no time zone), so they are formatted in UTC to
 * avoid shifting a day across a time-zone boundary.
 */
const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function memo<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let f = cache.get(key) as T | undefined;
  if (!f) cache.set(key, (f = make()));
  return f;
}

export function formatInteger(n: number, locale: string): string {
  return memo(`i|${locale}`, () => new Intl.NumberFormat(locale, { maximumFractionDigits: 0 })).format(n);
}

export function formatNumber(n: number, locale: string, digits = 2): string {
  return memo(`n|${locale}|${digits}`, () => new Intl.NumberFormat(locale, { maximumFractionDigits: digits })).format(n);
}

export function formatPercent(share: number, locale: string, digits = 1): string {
  return memo(`p|${locale}|${digits}`, () => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: digits })).format(share);
}

/** Money in the dataset's currency (VND has no minor unit, which Intl knows); plain number when unknown. */
export function formatMoney(n: number, currency: string | null, locale: string, compact = false): string {
  if (!currency) return formatNumber(n, locale, 2);
  return memo(`m|${locale}|${currency}|${compact}`, () =>
    new Intl.NumberFormat(locale, { style: 'currency', currency, notation: compact ? 'compact' : 'standard' }),
  ).format(n);
}

/** A `YYYY-MM-DD` calendar date in the user's locale (Thai locale shows Buddhist-era years, as Thai readers expect). */
export function formatDate(iso: string | null, locale: string): string {
  if (!iso) return '–';
  const d = new Date(`${iso}T00:00:00Z`);
  return memo(`d|${locale}`, () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' })).format(d);
}

/** Today on the user's calendar (not UTC's), as `YYYY-MM-DD`. */
export function todayIso(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/** A cohort label "YYYY-MM" as a short month and year. */
export function formatMonth(label: string, locale: string): string {
  if (!/^\d{4}-\d{2}$/.test(label)) return label;
  const d = new Date(`${label}-01T00:00:00Z`);
  return memo(`mo|${locale}`, () => new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' })).format(d);
}

export function formatBytes(n: number, locale: string): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  return `${formatNumber(n, locale, i === 0 ? 0 : 1)} ${units[i]}`;
}

/** A cohort label: "YYYY-MM" as month and year, "YYYY-Qn" and "YYYY-Www" as written, with the year localised. */
export function formatCohort(label: string, locale: string): string {
  if (/^\d{4}-\d{2}$/.test(label)) return formatMonth(label, locale);
  const m = /^(\d{4})-(Q\d|W\d{2})$/.exec(label);
  if (!m) return label;
  const year = memo(`y|${locale}`, () => new Intl.DateTimeFormat(locale, { year: 'numeric', timeZone: 'UTC' })).format(new Date(`${m[1]}-07-01T00:00:00Z`));
  return `${m[2]} ${year}`;
}

/** A share with no more decimals than it needs (12%, 3.5%). */
export function formatShort(n: number, locale: string): string {
  return formatNumber(n, locale, Math.abs(n) >= 100 ? 0 : Math.abs(n) >= 10 ? 1 : 2);
}
