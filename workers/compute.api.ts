/**
 * The compute worker's API: each domain registers its functions in a file of its own; they share one context (the
 * database, the open table and what is derived from it, the open forecast). The page imports only the type.
 */
import { combineApis } from './combine-apis';
import type { WorkerContext } from './context';
import { datasetsApi } from './datasets.api';
import { figuresApi } from './figures.api';
import { forecastApi } from './forecast.api';
import { importApi } from './import.api';
import { snapshotApi } from './snapshot.api';
import { segmentsApi } from './segments.api';
import { npsApi } from './nps.api';
import { sharedApi } from './shared.api';
import { subscriptionsApi } from './subscriptions.api';
import { scenarioApi } from './scenario.api';

export function makeComputeApi(context: WorkerContext) {
  return combineApis({
    import: importApi(context),
    datasets: datasetsApi(context),
    figures: figuresApi(context),
    forecast: forecastApi(context),
    snapshot: snapshotApi(context),
    segments: segmentsApi(context),
    nps: npsApi(context),
    shared: sharedApi(context),
    subscriptions: subscriptionsApi(context),
    scenario: scenarioApi(context),
  });
}

export type ComputeApi = ReturnType<typeof makeComputeApi>;
