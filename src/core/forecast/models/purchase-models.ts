/**
 * The three purchase models behind one interface, so that forecasting, comparison and validation do not care which
 * one is chosen.
 */
import { betaGeoAliveCurves, betaGeoExpected, betaGeoExpectedIfAlive, betaGeoExpectedNew, betaGeoNextPurchase, betaGeoPAlive, betaGeoPmf } from './beta-geo';
import type { PurchaseModelName } from './fit-purchases';
import { paretoExpected, paretoExpectedIfAlive, paretoExpectedNew, paretoNextPurchase, paretoPAlive, paretoPmf } from './pareto-nbd';

export interface PurchaseModel {
  /** P(alive at T | x, tₓ, T). */
  pAlive(params: ArrayLike<number>, x: number, tx: number, T: number): number;
  /** E[Y(t) | x, tₓ, T]: expected purchases in (T, T + t]. */
  expected(params: ArrayLike<number>, x: number, tx: number, T: number, t: number): number;
  /** E[Y(t) | alive at T, x, T]; E[Y(t) | x, tₓ, T] = P(alive) times this (tₓ enters through P(alive) only). */
  expectedIfAlive(params: ArrayLike<number>, x: number, T: number, t: number): number;
  /**
   * expectedIfAlive for one parameter set, as a function of (T, t) per x that keeps what depends on the parameters
   * and x only: the same values to round-off, cheaper over many customers and months (calls at the same (T, t) in a
   * row, for one x after another, may share work too).
   */
  aliveCurves(params: ArrayLike<number>): (x: number) => (T: number, t: number) => number;
  /** E[X(t)] for a customer just acquired. */
  expectedNew(params: ArrayLike<number>, t: number): number;
  /** P(N(t) = n) for a customer just acquired. */
  pmf(params: ArrayLike<number>, t: number, n: number): number;
  /** Median time from T to the next purchase; NaN when no further purchase is more likely than not. */
  nextPurchase(params: ArrayLike<number>, x: number, tx: number, T: number): number;
}

const betaGeo = (variant: 'bgnbd' | 'mbgnbd'): PurchaseModel => ({
  pAlive: (p, x, tx, T) => betaGeoPAlive(variant, p, x, tx, T),
  expected: (p, x, tx, T, t) => betaGeoExpected(variant, p, x, tx, T, t),
  expectedIfAlive: (p, x, T, t) => betaGeoExpectedIfAlive(variant, p, x, T, t),
  aliveCurves: (p) => betaGeoAliveCurves(variant, p),
  expectedNew: (p, t) => betaGeoExpectedNew(variant, p, t),
  pmf: (p, t, n) => betaGeoPmf(variant, p, t, n),
  nextPurchase: (p, x, tx, T) => betaGeoNextPurchase(variant, p, x, tx, T),
});

const MODELS: Record<PurchaseModelName, PurchaseModel> = {
  bgnbd: betaGeo('bgnbd'),
  mbgnbd: betaGeo('mbgnbd'),
  paretoNbd: {
    pAlive: paretoPAlive, expected: paretoExpected, expectedIfAlive: paretoExpectedIfAlive, expectedNew: paretoExpectedNew, pmf: paretoPmf, nextPurchase: paretoNextPurchase,
    // A closed form: nothing worth keeping between calls.
    aliveCurves: (p) => (x) => (T, t) => paretoExpectedIfAlive(p, x, T, t),
  },
};

export function purchaseModel(name: PurchaseModelName): PurchaseModel {
  return MODELS[name];
}

/** Display names, for messages. */
export const MODEL_LABELS: Record<PurchaseModelName | 'gammaGamma', string> = {
  bgnbd: 'BG/NBD',
  mbgnbd: 'MBG/NBD',
  paretoNbd: 'Pareto/NBD',
  gammaGamma: 'Gamma-Gamma',
};
