/**
 * Fitting the purchase models (BG/NBD, MBG/NBD, Pareto/NBD) on customers' (x, tₓ, T): compress identical rows,
 * scale time to 0..1, maximise from a few fixed starts, report in the data's own time unit.
 */
import { notice } from '../../notice';
import { compressRfm, dataScale, scaleTime, subsampleCustomers, type CompressedRfm, type RfmData } from './compress';
import { BETA_GEO_PARAMS, betaGeoLogLikelihood } from './beta-geo';
import { fitMaximumLikelihood, type MleResult } from './mle';
import { PARETO_PARAMS, paretoLogLikelihood } from './pareto-nbd';

export type PurchaseModelName = 'bgnbd' | 'mbgnbd' | 'paretoNbd';

export interface PurchaseFit extends MleResult {
  model: PurchaseModelName;
  names: readonly string[];
  customers: number;
  /** Distinct (x, tₓ, T) rows the likelihood was evaluated on. */
  distinctRows: number;
}

/** Data with more distinct rows than this is explored on a subsample of about SUBSAMPLE_CUSTOMERS customers first. */
const SUBSAMPLE_ROWS = 60_000;
const SUBSAMPLE_CUSTOMERS = 50_000;

/** Starting log-parameters: lifetimes' single start (0.1 everywhere) and a few spread around it. */
const STARTS: readonly (readonly number[])[] = [
  [0.1, 0.1, 0.1, 0.1],
  [-1, -1, 0, 1],
  [0, -2, -1, 0],
  [1, 1, 1, 2],
];

/** The log-likelihood function of a purchase model over compressed rows. */
export function purchaseLogLikelihood(model: PurchaseModelName): (params: Float64Array, data: CompressedRfm, grad: Float64Array | null) => number {
  if (model === 'paretoNbd') return paretoLogLikelihood;
  return (params, data, grad) => betaGeoLogLikelihood(model, params, data, grad);
}

export function parameterNames(model: PurchaseModelName): readonly string[] {
  return model === 'paretoNbd' ? PARETO_PARAMS : BETA_GEO_PARAMS;
}

/** Maximum-likelihood fit of one purchase model. */
export function fitPurchaseModel(model: PurchaseModelName, input: RfmData | CompressedRfm): PurchaseFit {
  const data = 'rowOf' in input ? input : compressRfm(input);
  const { totalWeight, maxT } = dataScale(data);
  const names = parameterNames(model);
  if (totalWeight === 0 || maxT <= 0) {
    return { model, names, customers: totalWeight, distinctRows: data.x.length, params: new Float64Array(names.length).fill(NaN), logLikelihood: -Infinity, logCovariance: null, standardErrors: null, converged: false, identified: false, iterations: 0, runaway: [], ridge: [], message: notice('no-history', 'There are no customers with any history to fit.') };
  }
  let repeaters = 0;
  for (let i = 0; i < data.x.length; i++) if (data.x[i] > 0) repeaters += data.weight[i];
  // On many distinct rows, explore the starts on about 50,000 customers' rows and polish on all of them.
  const every = data.x.length > SUBSAMPLE_ROWS ? Math.ceil(data.rowOf.length / SUBSAMPLE_CUSTOMERS) : 1;
  const sub = every > 1 ? subsampleCustomers(data, every) : null;
  const result = fitMaximumLikelihood({
    subsample: sub ? { scaledData: scaleTime(sub, maxT), totalWeight: dataScale(sub).totalWeight } : undefined,
    names,
    logLikelihood: purchaseLogLikelihood(model),
    data,
    scaledData: scaleTime(data, maxT),
    timeScale: maxT,
    // α for all three; β for Pareto/NBD.
    timeScaled: model === 'paretoNbd' ? [false, true, false, true] : [false, true, false, false],
    totalWeight,
    starts: STARTS,
  });
  // The root cause first: with so few repeat buyers any other symptom (a runaway parameter, a flat ridge) follows from it.
  if (repeaters < 10) {
    result.identified = false;
    result.message = notice('few-repeaters', `Only ${repeaters} customer${repeaters === 1 ? ' has' : 's have'} bought more than once, too few to tell how often customers buy and when they stop; the fit is not reliable.`, { count: repeaters });
  }
  return { ...result, model, names, customers: totalWeight, distinctRows: data.x.length };
}
