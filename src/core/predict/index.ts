export { predictCustomers, modelComparison, holdoutReport, monthlyRate, DEFAULT_PREDICTION_SETTINGS, type PredictionSettings, type CustomerPredictions, type HoldoutReport } from './predictions';
export { rfGrid, type RfGrid } from './rf-grid';
export { modelsForSnapshot, forecastForSnapshot } from './snapshot-parts';
export { trackingCurves, type TrackingCurves } from './tracking';
