/**
 * Issue 15: a what-if slider moved on Online Retail, through the compute worker's API (answers cloned as for the page):
 * base beside scenario, every output and the tornado's 18 evaluations, target under 50 ms. The base is built once (the
 * history's figures, cohorts, the at-risk list and, with a fitted forecast, the model's months ahead); a slider move
 * then reuses it and never fits again. Measured without and with a fitted BG/NBD forecast.
 */
import { DEFAULT_PREDICTION_SETTINGS } from '../../src/core/forecast';
import { ZERO_LEVERS, type ScenarioLevers } from '../../src/core/scenario';
import { computeHarness, importText } from '../support/compute-harness';

type Line = (label: string, value: string, target?: string) => void;

/** Slider positions a person might drag through: every lever moved, one at a time and together. */
const MOVES: Partial<ScenarioLevers>[] = [
  { retentionPoints: 1 }, { retentionPoints: 3 }, { retentionPoints: 5 }, { pricePercent: 5, customersLostPercent: 2 },
  { pricePercent: 5, priceAppliesTo: 'new' }, { orderValuePercent: 10 }, { frequencyPercent: 8 }, { marginPoints: 3 },
  { annualDiscountPercent: 15, annualUptakePercent: 20, annualChurnPercent: -40 }, { winBackPercent: 10 }, { cacPerCustomer: 25 },
  { retentionPoints: 5, pricePercent: 5, winBackPercent: 10, cacPerCustomer: 25 },
];

const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];

export async function benchScenario(onlineRetailCsv: string, line: Line) {
  console.log('\nWhat-if: a slider moved → base, scenario, difference and tornado, through the compute API');
  const harness = computeHarness();
  try {
    const id = await importText(harness.api, 'online_retail.csv', onlineRetailCsv);
    const run = async (moves: Partial<ScenarioLevers>[]) => {
      const times: number[] = [];
      for (const m of moves) {
        const t = performance.now();
        await harness.api.whatIf(id, { ...ZERO_LEVERS, ...m });
        times.push(performance.now() - t);
      }
      return times;
    };
    let t = performance.now();
    await harness.api.whatIf(id, ZERO_LEVERS);
    line('first answer (builds the base: figures, cohorts, at-risk list)', `${(performance.now() - t).toFixed(0)} ms`);
    const moves = await run(MOVES);
    line(`slider move, median of ${MOVES.length} (worst ${Math.max(...moves).toFixed(1)} ms)`, `${median(moves).toFixed(1)} ms`, '< 50 ms');

    const { margin: _m, ...request } = DEFAULT_PREDICTION_SETTINGS;
    await harness.api.forecast(id, { ...request, timeUnit: 'week' }, 'fit');
    t = performance.now();
    const first = await harness.api.whatIf(id, ZERO_LEVERS);
    line(`with BG/NBD fitted: first answer (12 months predicted again, no refit)`, `${(performance.now() - t).toFixed(0)} ms`);
    const withModel = await run(MOVES);
    line(`  slider move, median (worst ${Math.max(...withModel).toFixed(1)} ms)`, `${median(withModel).toFixed(1)} ms`, '< 50 ms');
    const c = first.comparison.base;
    line('  base: customers now, new a month, monthly retention', `${first.base.activeCustomers}, ${first.base.newCustomersPerMonth.toFixed(1)}, ${first.base.monthlyRetention.toFixed(3)}`);
    line('  base: CLV per customer, predicted (12 months), 24-month gross profit', `${c.clvPerCustomer?.toFixed(0)}, ${c.clvPredicted?.toFixed(0)}, ${c.grossProfit24.toFixed(0)}`);
  } finally {
    harness.close();
  }
}
