/** Subscriptions from a billing export: MRR, its bridge, churn, revenue retention, dunning, LTV, sBG and cohorts. */
export { billingColumns, billingShape, isBillingHeader, type BillingColumns, type BillingRole, type BillingShape } from './columns';
export { readBillingFile, type BillingFile, type BillingPayment, type BillingSubscription, type SkippedRows, skippedText } from './read-billing';
export { inferInterval, intervalMonths, intervalName, parseInterval, type Interval, type IntervalName } from './intervals';
export { paymentStatus, subscriptionStatus, type PaymentStatus } from './statuses';
export { GRACE_DAYS, mrrBridge, mrrGrid, type BridgeMonth, type MrrGrid } from './monthly';
export { revenueRetention, type RevenueRetention } from './retention';
export { DEFAULT_LTV_WINDOW, LTV_WINDOWS, MIN_AT_RISK, subscriptionLtv, type LtvStatus, type SubscriptionLtv } from './ltv';
export { dunning, RECOVERY_DAYS, type Dunning } from './dunning';
export { HORIZON_MONTHS, lifetimesByInterval, type IntervalLifetimes } from './lifetimes';
export { subscriptionCohorts, type SubscriptionCohort } from './cohorts';
export { subscriptionsReport, type SubscriptionsOptions, type SubscriptionsReport } from './report';
export { subscriptionsForSnapshot } from './snapshot-part';
