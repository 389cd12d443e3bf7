/** Sniff and import a whole byte array in one call: for tests, scripts and the command line. */
import type { ImportReport, ImportedTable, TransactionTable } from '../types';
import { createImporter, ImportError, type ImportOptions } from './importer';
import { sniffBytes } from './long-head';
import type { SniffResult } from './sniff';

const CHUNK_BYTES = 1 << 20;

export function importBytes(
  bytes: Uint8Array,
  fileName: string,
  overrides: Partial<ImportOptions> = {},
): { table: ImportedTable; report: ImportReport; sniff: SniffResult } {
  const guess = sniffBytes(bytes, fileName).sniff;
  if (guess.problem && !overrides.mapping) throw new ImportError(guess.problemCode ?? 'unreadable', guess.problem, guess.problemVars);
  const importer = createImporter({
    fileName,
    totalBytes: bytes.length,
    encoding: guess.encoding,
    delimiter: guess.delimiter,
    hasHeader: guess.hasHeader,
    mapping: guess.mapping,
    dateOrderFallback: guess.dateOrder ?? 'DMY',
    ...overrides,
  });
  for (let i = 0; i < bytes.length; i += CHUNK_BYTES) importer.push(bytes.subarray(i, i + CHUNK_BYTES));
  return { ...importer.finish(), sniff: guess };
}
