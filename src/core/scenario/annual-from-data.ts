/**
 * What a billing export says about annual billing, for the annual-billing lever: the share of MRR already on yearly
 * plans (the last month's), and how much more or less often yearly subscribers leave than monthly ones, from the sBG
 * fits per plan interval. With E_m and E_y the expected months a monthly and a yearly subscriber keep paying, their
 * monthly churn is about 1 ÷ E, so a switcher's churn changes by E_m ÷ E_y − 1 (−50%: they leave half as often).
 */
import type { BridgeMonth } from '../subscriptions/monthly';
import type { IntervalLifetimes } from '../subscriptions/lifetimes';

export interface AnnualFromData {
  /** Share of the last month's MRR on yearly (or longer) plans; null without MRR. */
  share: number | null;
  /** The churn change of yearly against monthly subscribers, %, within the lever's range; null when either fit is missing. */
  churnChangePercent: number | null;
  /** Expected months paid, monthly and yearly plans (null where not fitted). */
  monthlyMonths: number | null;
  yearlyMonths: number | null;
}

/** The lever's range for the switchers' churn change. */
const CHURN_RANGE: [number, number] = [-90, 100];

export function annualFromData(months: readonly BridgeMonth[], lifetimes: readonly IntervalLifetimes[]): AnnualFromData {
  const share = months.length ? months[months.length - 1].annualShare : null;
  const expected = (name: string) => {
    const fit = lifetimes.find((l) => l.name === name);
    return fit && fit.identified && fit.expectedMonths !== null && fit.expectedMonths > 0 ? fit.expectedMonths : null;
  };
  const monthlyMonths = expected('month');
  const yearlyMonths = expected('year');
  const change = monthlyMonths !== null && yearlyMonths !== null ? (monthlyMonths / yearlyMonths - 1) * 100 : null;
  const churnChangePercent = change === null ? null : Math.round(Math.min(CHURN_RANGE[1], Math.max(CHURN_RANGE[0], change)));
  return { share, churnChangePercent, monthlyMonths, yearlyMonths };
}
