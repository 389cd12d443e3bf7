export { predictCustomers, predictionInput, toPredictSettings, recommended, fitModelOnTable, modelComparison, holdoutReport, monthlyRate, periodDiscountRate, DEFAULT_PREDICTION_SETTINGS, type PredictionSettings, type PredictionInput, type CustomerPredictions, type HoldoutReport } from './predictions';
export { rfGrid, type RfGrid } from './rf-grid';
export { modelsForSnapshot, forecastForSnapshot, snapshotModelParts, type SnapshotModelParts } from './snapshot-parts';
export { trackingCurves, type TrackingCurves } from './tracking';
export { customerDetail, type CustomerDetail } from './customer-detail';
export { subscriptionRetention, type SubscriptionRetention } from './retention';
export { discreteOpportunities, type OpportunityReport, type OpportunityPeriod } from './opportunities';
