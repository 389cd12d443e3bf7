/**
 * A new dataset's first screen (its dashboard without a margin and its monthly cohorts) as its import sent it with the
 * news that it can be shown, handed to the History tab's store: asked for instead, each waited behind the save's first
 * writes in the worker. Whichever comes first, the store opening the dataset or the offer, the other finds it.
 */
import type { FirstScreen } from '../../workers/dashboard-page';

type Listener = (datasetId: number, first: FirstScreen) => void;

const listeners = new Set<Listener>();
let kept: { datasetId: number; first: FirstScreen } | null = null;

/** The import's first screen of `datasetId`: kept for the store that opens it, and told to those following it now. */
export function offerFirstScreen(datasetId: number, first: FirstScreen): void {
  kept = { datasetId, first };
  for (const listener of listeners) listener(datasetId, first);
}

/** The first screen offered for `datasetId`, once; null when there is none. */
export function takeFirstScreen(datasetId: number): FirstScreen | null {
  if (kept?.datasetId !== datasetId) return null;
  const { first } = kept;
  kept = null;
  return first;
}

/** Hear each offer; returns the way to stop. */
export function onFirstScreen(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
