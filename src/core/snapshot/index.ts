/** The snapshot file: its schema, how the engine builds it, and how an opened file is checked and brought up to date. */
export * from './schema';
export { buildSnapshot, type BuildSnapshotInput } from './build';
export { openSnapshotFile, restoreSnapshot, snapshotTooLarge, type RestoreOptions, type RestoreResult } from './restore';
export { MIGRATIONS, type Migration, type Migrations } from './migrate';
export { isSnapshotText, opensAsSnapshot, SNIFF_SNAPSHOT_CHARS } from './sniff';
export { decodeSnapshotLink, encodeSnapshotLink, linkData, linkIn, LINK_KEY, MAX_LINK_CHARS, type LinkDecoding, type LinkEncoding } from './link';
export { aggregateOnlySnapshot, checkK, type AggregateOnlyOptions } from './aggregate-only';
export { shareSummary, type ShareSummary } from './share-summary';
export { datasetFiguresOf, snapshotViews, type SnapshotViews } from './views';
