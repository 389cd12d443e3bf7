/** The outputs a scenario compares, in the order shown and written; each a number or null. (Shared with the snapshot's reader.) */
export const OUTPUT_FIELDS = [
  'clvPerCustomer', 'clvPredicted',
  'customers12', 'customers24', 'customers36',
  'revenue12', 'revenue24', 'revenue36',
  'grossProfit12', 'grossProfit24', 'grossProfit36',
  'ltvToCac', 'paybackMonths', 'paybackCohortMonths', 'paybackDataMonths',
] as const;
export type OutputField = (typeof OUTPUT_FIELDS)[number];

export type OutputValues = Record<OutputField, number | null>;
