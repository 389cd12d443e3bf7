/** Pieces the Forecast tab's views share: model names as messages, which figures need a caution, the next purchase. */
import { t, locale } from '../state/locale.svelte';
import { formatDate, formatInteger, formatMoney, formatMonth } from '../lib/format';
import { dateAfter } from './prediction-rows';
import type { MessageKey } from '../i18n';
import type { Notice } from '../core/types';
import type { ForecastView } from '../core/forecast/view';

export const MODEL_NAMES: Record<string, MessageKey> = {
  bgnbd: 'predict.model.bgnbd',
  mbgnbd: 'predict.model.mbgnbd',
  paretoNbd: 'predict.model.paretoNbd',
  gammaGamma: 'predict.model.gammaGamma',
};

export interface ForecastCautions {
  /** Every figure (P(alive), purchases, CLV, next purchase) comes from the purchase model: it is not reliable. */
  figures: boolean;
  /** The money figures (expected spend, CLV) could be far off: the purchase model or the spend model is not reliable. */
  money: boolean;
  /** Why, most fundamental first: the purchase model's reasons, then the spend model's when it gives the CLV. */
  reasons: Notice[];
}

/** What needs a caution in a forecast, and why. Gamma-Gamma counts only when it gives the CLV. */
export function forecastCautions(forecast: ForecastView['forecast']): ForecastCautions {
  const purchase = forecast.fit.reliability;
  const spend = forecast.spend && !forecast.spendWarning ? forecast.spend.reliability : null;
  return {
    figures: !purchase.reliable,
    money: !purchase.reliable || (spend !== null && !spend.reliable),
    reasons: [...purchase.reasons, ...(spend?.reasons ?? [])],
  };
}

/** How long the first fit takes, as the words say it: a few seconds up to 200,000 customers, else up to a minute. */
export function fitDuration(customers: number): 'predict.duration.seconds' | 'predict.duration.minute' {
  return customers <= 200_000 ? 'predict.duration.seconds' : 'predict.duration.minute';
}

/** A day and month without the year ("Jul 19", "19 thg 7", "19 ก.ค."). */
const dayMonth = new Map<string, Intl.DateTimeFormat>();
function formatDayMonth(iso: string, intl: string): string {
  let f = dayMonth.get(intl);
  if (!f) dayMonth.set(intl, (f = new Intl.DateTimeFormat(intl, { month: 'short', day: 'numeric', timeZone: 'UTC' })));
  return f.format(new Date(`${iso}T00:00:00Z`));
}

/** Waits under this many days are dated without the year in short form ("in 3 weeks" says which year it is). */
const SHORT_DATE_DAYS = 300;
/** Beyond five years, a median wait says only that no purchase is expected within them. */
const LONGEST_WAIT_DAYS = 5 * 365.25;

/**
 * When the next purchase is expected, in words: "in 3 weeks (around Jul 19, 2025)", "in 1 week", "within a week"
 * when it rounds to none, "not within 5 years" beyond, "none expected" when no purchase is more likely than not.
 * `short` (the table) dates a wait under 300 days by day and month, a longer one by month and year.
 */
export function nextPurchaseWords(wait: number, unit: 'day' | 'week', observationEnd: string, short = false): string {
  if (!Number.isFinite(wait)) return t('predict.noneExpected');
  const days = wait * (unit === 'week' ? 7 : 1);
  if (days > LONGEST_WAIT_DAYS) return t('predict.notWithin');
  // A summary file without dates (x, tₓ, T only) has no observation day: the wait is given without a date.
  if (!observationEnd) return n0(wait, unit);
  const iso = dateAfter(observationEnd, wait, unit);
  const date = !short ? formatDate(iso, locale.intl) : days < SHORT_DATE_DAYS ? formatDayMonth(iso, locale.intl) : formatMonth(iso.slice(0, 7), locale.intl);
  const n = Math.round(wait);
  return n < 1 ? t(`predict.soon.${unit}`, { date }) : t(`predict.in.${unit}`, { n: formatInteger(n, locale.intl), date });
}

/** A wait in words with no date to put beside it ('–'). */
function n0(wait: number, unit: 'day' | 'week'): string {
  const n = Math.round(wait);
  return n < 1 ? t(`predict.soon.${unit}`, { date: '–' }) : t(`predict.in.${unit}`, { n: formatInteger(n, locale.intl), date: '–' });
}

const compact = new Map<string, Intl.NumberFormat>();

/**
 * Money in short form ("$1.7K", "1,7 N ₫"; a plain "183K" without a currency), for the ends of ranges: they are
 * approximate, and in full they would not fit a table at 1280 px.
 */
export function shortMoney(v: number, currency: string | null): string {
  if (!Number.isFinite(v)) return '–';
  if (currency) return formatMoney(v, currency, locale.intl, true);
  let f = compact.get(locale.intl);
  if (!f) compact.set(locale.intl, (f = new Intl.NumberFormat(locale.intl, { notation: 'compact', maximumFractionDigits: 1 })));
  return f.format(v);
}
