/** Saved what-if scenarios of a dataset: name and levers (the outputs are worked out again from the data when shown). */
import type { ScenarioLevers } from '../core/scenario/levers';
import type { ClvDatabase, ScenarioRecord } from './schema';

export interface SavedScenario {
  id: number;
  datasetId: number;
  name: string;
  levers: ScenarioLevers;
  savedAt: number;
}

/** Longest scenario name kept. */
export const MAX_SCENARIO_NAME = 120;
/** Most scenarios kept per dataset. */
export const MAX_SCENARIOS_PER_DATASET = 50;

const entry = (r: ScenarioRecord): SavedScenario => ({ id: r.id!, datasetId: r.datasetId, name: r.name, levers: { ...r.levers }, savedAt: r.savedAt });

/** The dataset's scenarios, oldest first (the order they are compared in). */
export async function listScenarios(db: ClvDatabase, datasetId: number): Promise<SavedScenario[]> {
  const rows = await db.scenarios.where('datasetId').equals(datasetId).toArray();
  return rows.sort((a, b) => a.savedAt - b.savedAt || a.id! - b.id!).map(entry);
}

/** Save a scenario; one of the same name in the dataset is replaced. */
export async function saveScenario(db: ClvDatabase, datasetId: number, name: string, levers: ScenarioLevers): Promise<number> {
  const trimmed = name.trim().slice(0, MAX_SCENARIO_NAME);
  return db.transaction('rw', db.scenarios, db.datasets, async () => {
    if (!(await db.datasets.get(datasetId))) throw new Error(`Dataset ${datasetId} no longer exists.`);
    const existing = await db.scenarios.where('datasetId').equals(datasetId).toArray();
    const same = existing.find((r) => r.name === trimmed);
    if (!same && existing.length >= MAX_SCENARIOS_PER_DATASET) throw new Error(`At most ${MAX_SCENARIOS_PER_DATASET} scenarios are kept per dataset.`);
    const record: ScenarioRecord = { datasetId, name: trimmed, levers: { ...levers }, savedAt: Date.now() };
    if (same) {
      await db.scenarios.put({ ...record, id: same.id });
      return same.id!;
    }
    return (await db.scenarios.add(record)) as number;
  });
}

export async function deleteScenario(db: ClvDatabase, id: number): Promise<void> {
  await db.scenarios.delete(id);
}
