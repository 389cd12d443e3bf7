export * from './forecast';
export { checkHoldout, holdoutPredictions, type HoldoutCheck } from './holdout-check';
export { unitsPerMonth, monthlyFromAnnual, discountedPurchases } from './clv';
export { fitPurchaseModel, type PurchaseFit, type PurchaseModelName } from './fit-purchases';
export { fitGammaGamma, gammaGammaExpectedSpend, gammaGammaMeanSpend, spendData } from './gamma-gamma';
export { purchaseModel, MODEL_LABELS, type PurchaseModel } from './purchase-models';
export type { RfmData } from './compress';
export * from './beta-geo-beta-binomial';
export * from './shifted-beta-geometric';
