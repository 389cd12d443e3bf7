/** The gross margin that turns predicted spend into predicted CLV. */

export interface ForecastMargin {
  /** 0..1 */
  rate: number;
  /** The owner's margin for the dataset, the margin the file's costs show, or none (CLV in revenue). */
  source: 'owner' | 'file' | 'none';
}

/**
 * The owner's margin when given (percent), else the margin the file's own cost or margin column shows (a rate),
 * else none: CLV is then revenue.
 */
export function forecastMargin(ownerPercent: number | null, fileRate: number | null): ForecastMargin {
  if (ownerPercent !== null && Number.isFinite(ownerPercent)) return { rate: ownerPercent / 100, source: 'owner' };
  if (fileRate !== null && Number.isFinite(fileRate)) return { rate: fileRate, source: 'file' };
  return { rate: 1, source: 'none' };
}
