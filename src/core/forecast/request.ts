/** What the page asks of a forecast. */
import type { PredictionSettings } from './predictions';

/** Every setting but the margin, which is the dataset's own (the worker reads it). */
export type ForecastRequest = Omit<PredictionSettings, 'margin'>;

/** A discount rate and the period it is given per. */
export type Discount = Pick<PredictionSettings, 'discountRate' | 'discountPer'>;
