/**
 * Month-by-month activity of customers: active customer-months, months retained, and a churn rate estimated from
 * the data (for the owner formulas that think in months).
 */
import type { CustomerDays } from './customer-days';
import { monthLabel } from './dates';
import { periodLookup, periodScheme } from './periods';

/** Churn observed between one month and the next. */
export interface MonthChurn {
  /** "YYYY-MM" of the month the customers were active in. */
  month: string;
  /** Customers with a purchase in that month. */
  active: number;
  /** Of those, customers with a purchase in the following month too. */
  retained: number;
  /** 1 − retained / active. */
  rate: number;
}

/** Monthly activity of the buying customers. */
export interface MonthlyActivity {
  /** Σ over customers of the calendar months in which they made a purchase. */
  customerMonths: number;
  /** Mean over customers of (last purchase month − first purchase month + 1): both ends count. */
  meanMonthsRetained: number;
  /** One entry per month that has a following month in the data and at least one active customer. */
  churnByMonth: MonthChurn[];
  /** Unweighted mean of churnByMonth rates; null when there is no month pair. */
  monthlyChurn: number | null;
  /** Σ active over churnByMonth: how many customer-months the churn estimate rests on. */
  observedCustomerMonths: number;
}

/**
 * Monthly activity from grouped purchase days. Churn of month m = share of customers active (with a purchase) in m
 * who have no purchase in m + 1, for every month but the data's last; the estimate is their plain average.
 */
export function monthlyActivity(days: CustomerDays): MonthlyActivity {
  let minDay = Infinity;
  let maxDay = -Infinity;
  for (let k = 0; k < days.day.length; k++) {
    if (days.day[k] < minDay) minDay = days.day[k];
    if (days.day[k] > maxDay) maxDay = days.day[k];
  }
  if (days.day.length === 0) {
    return { customerMonths: 0, meanMonthsRetained: NaN, churnByMonth: [], monthlyChurn: null, observedCustomerMonths: 0 };
  }
  const lookup = periodLookup(periodScheme('month'), minDay, maxDay);
  const firstMonth = lookup.table[0];
  const span = lookup.table[lookup.table.length - 1] - firstMonth + 1;
  const active = new Uint32Array(span);
  const retained = new Uint32Array(span);

  let customerMonths = 0;
  let customers = 0;
  let monthsRetained = 0;
  for (let c = 0; c < days.customerCount; c++) {
    const from = days.dayStart[c];
    const to = days.dayStart[c + 1];
    if (to === from) continue;
    customers++;
    // Days are ascending, so months are non-decreasing: a change of month is a new active month.
    let previous = -1;
    for (let j = from; j < to; j++) {
      const m = lookup.table[days.day[j] - minDay] - firstMonth;
      if (m === previous) continue;
      active[m]++;
      if (previous >= 0 && m === previous + 1) retained[previous]++;
      customerMonths++;
      previous = m;
    }
    monthsRetained += lookup.table[days.day[to - 1] - minDay] - lookup.table[days.day[from] - minDay] + 1;
  }

  const churnByMonth: MonthChurn[] = [];
  let observedCustomerMonths = 0;
  let rateSum = 0;
  for (let m = 0; m < span - 1; m++) {
    if (active[m] === 0) continue;
    const rate = 1 - retained[m] / active[m];
    churnByMonth.push({ month: monthLabel(firstMonth + m), active: active[m], retained: retained[m], rate });
    observedCustomerMonths += active[m];
    rateSum += rate;
  }
  return {
    customerMonths,
    meanMonthsRetained: monthsRetained / customers,
    churnByMonth,
    monthlyChurn: churnByMonth.length ? rateSum / churnByMonth.length : null,
    observedCustomerMonths,
  };
}
