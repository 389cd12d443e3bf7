/** The CSV import engine: look at a file (`sniff`), then stream it into a columnar table (`createImporter`). */
export { sniff, type SniffResult } from './sniff';
export { createImporter, ImportError, type Importer, type ImportOptions, type ImportPart } from './importer';
export { importBytes } from './import-bytes';
export type { ColumnKind } from './detect-columns';
export type { SniffOutcome, ImportOutcome } from './outcome';
