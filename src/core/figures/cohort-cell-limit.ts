/**
 * Most cells (cohort × period) one cohort table holds: ten years of weekly cohorts take 135,000 and fifty years of
 * monthly ones 180,000, while a file whose dates run over centuries would take millions (a dozen bytes each here,
 * and far more as the page's arrays and as cells drawn).
 */
// A module of its own: the cohort table reader (a lazy chunk of the worker) needs it without the cohort builder.
export const COHORT_CELL_LIMIT = 250_000;
