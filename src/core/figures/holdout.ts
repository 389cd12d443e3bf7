/**
 * Calibration/holdout split for validating a model: summarise up to calibrationEnd, then count what each of those
 * customers actually did afterwards (lifetimes' `calibration_and_holdout_data`).
 */
import type { CustomerSummary, DayNumber, TimeUnit, TransactionTable } from '../types';
import { groupCustomerDays } from './customer-days';
import { daysPerUnit, summarizeCustomerDays } from './customer-summary';

/** Settings of a calibration/holdout split. */
export interface HoldoutOptions {
  /** Last day of the calibration period (inclusive). */
  calibrationEnd: DayNumber;
  /** Last day of the holdout period (inclusive); the holdout is (calibrationEnd, observationEnd]. */
  observationEnd: DayNumber;
  timeUnit: TimeUnit;
  /** Leave amount = 0 rows out (references cleaned with "price > 0"); purchases are amount >= 0 otherwise. */
  positiveOnly?: boolean;
}

/** The calibration summary and, aligned with its rows, what each customer did in the holdout. */
export interface CalibrationHoldout {
  /** Summary with observationEnd = calibrationEnd. */
  calibration: CustomerSummary;
  /** Distinct purchase days in (calibrationEnd, observationEnd] (not minus one: none of them is a first purchase). */
  holdoutFrequency: Float64Array;
  /**
   * Mean amount per holdout purchase ROW, 0 without holdout purchases. This is lifetimes' definition (it averages
   * rows, not days); kept so results compare with lifetimes.
   */
  holdoutMonetary: Float64Array;
  /** Mean holdout purchase-DAY total, 0 without holdout purchases: the same convention as `calibration.monetary`. */
  holdoutMonetaryPerDay: Float64Array;
  /** Holdout length in the time unit: (observationEnd − calibrationEnd) / days per unit. */
  holdoutDuration: number;
}

/**
 * Split at calibrationEnd. Only customers with a calibration purchase appear (as in lifetimes, whose holdout is
 * left-joined onto the calibration summary): someone whose first purchase falls in the holdout is unknown to a
 * model fitted on the calibration period.
 */
export function calibrationHoldout(table: TransactionTable, options: HoldoutOptions): CalibrationHoldout {
  const { calibrationEnd, observationEnd, timeUnit, positiveOnly } = options;
  if (observationEnd < calibrationEnd) throw new Error('observationEnd must not be before calibrationEnd');
  const calibrationDays = groupCustomerDays(table, { through: calibrationEnd, positiveOnly });
  const calibration = summarizeCustomerDays(calibrationDays, calibrationEnd, timeUnit);
  const holdout = groupCustomerDays(table, { after: calibrationEnd, through: observationEnd, positiveOnly });

  const n = calibration.customer.length;
  const holdoutFrequency = new Float64Array(n);
  const holdoutMonetary = new Float64Array(n);
  const holdoutMonetaryPerDay = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const c = calibration.customer[k];
    const from = holdout.dayStart[c];
    const to = holdout.dayStart[c + 1];
    if (to === from) continue;
    let sum = 0;
    for (let j = from; j < to; j++) sum += holdout.total[j] / holdout.totalScale;
    // Every one of the customer's holdout rows merged into one of these days.
    const rows = holdout.rowStart[c + 1] - holdout.rowStart[c];
    holdoutFrequency[k] = to - from;
    holdoutMonetary[k] = sum / rows;
    holdoutMonetaryPerDay[k] = sum / (to - from);
  }
  return {
    calibration,
    holdoutFrequency,
    holdoutMonetary,
    holdoutMonetaryPerDay,
    holdoutDuration: (observationEnd - calibrationEnd) / daysPerUnit(timeUnit),
  };
}
