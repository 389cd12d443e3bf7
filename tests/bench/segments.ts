/**
 * Issue 12: segments and the three action lists for 100,000 customers, through the compute worker's API (in this
 * process; answers cloned as for the page), target under 200 ms. The first call computes the RFM scores and segments;
 * the lists reuse them. Measured without and with a fitted forecast (whose predictions join the segments).
 */
import { DEFAULT_PREDICTION_SETTINGS } from '../../src/core/forecast';
import { computeHarness, importText } from '../support/compute-harness';
import { syntheticOrders } from './repredict';

type Line = (label: string, value: string, target?: string) => void;

export async function benchSegments(line: Line) {
  console.log('\nSegments and lists, through the compute API');
  const harness = computeHarness();
  try {
    const id = await importText(harness.api, 'synthetic.csv', syntheticOrders(100_000, 7));
    const run = async () => {
      const t0 = performance.now();
      const view = await harness.api.segments(id, null);
      for (const kind of ['atRisk', 'winBack', 'grow'] as const) await harness.api.customerList(id, null, kind);
      return { ms: performance.now() - t0, customers: view.customers };
    };
    const first = await run();
    const again = await run();
    line(`segments + three lists, ${first.customers.toLocaleString('en')} customers`, `${first.ms.toFixed(0)} ms`, '< 200 ms');
    line('  the same again (scores kept)', `${again.ms.toFixed(0)} ms`);
    const { margin: _m, ...request } = DEFAULT_PREDICTION_SETTINGS;
    await harness.api.forecast(id, { ...request, timeUnit: 'day' }, 'fit');
    const predicted = await run();
    line('  with a fitted forecast joined', `${predicted.ms.toFixed(0)} ms`, '< 200 ms');
  } finally {
    harness.close();
  }
}
