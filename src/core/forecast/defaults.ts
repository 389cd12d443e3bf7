/** Starting choices for a dataset's forecast, from the span of its data. */
import { dayToIso, isoToDay } from '../figures/dates';
import type { OpportunityPeriod } from './opportunities';

/** Two thirds of the way through the data: enough history to fit, enough after it to check. */
export function defaultCalibrationEnd(firstDate: string | null, lastDate: string | null): string {
  if (!firstDate || !lastDate) return '';
  const a = isoToDay(firstDate), b = isoToDay(lastDate);
  return dayToIso(Math.round(a + ((b - a) * 2) / 3));
}

/** Whole years need several years of data; shorter files are read in quarters. */
export function defaultOpportunityPeriod(firstDate: string | null, lastDate: string | null): OpportunityPeriod {
  if (!firstDate || !lastDate) return 'quarter';
  return isoToDay(lastDate) - isoToDay(firstDate) >= 3 * 365 ? 'year' : 'quarter';
}
