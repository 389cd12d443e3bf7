/**
 * What a dataset keeps of an import. The rows' source lines served the import's report (the rejected rows' examples);
 * no figure reads them afterwards, and they were 4 bytes a row held through the figures, the save and every session
 * that opens the dataset.
 */
import type { ImportedTable, TransactionTable } from '../types';

/**
 * The import's result with its table's lines left out. It takes the whole result, so that the caller keeps no
 * reference to the imported table and its lines can be collected before the figures are computed.
 */
export function withoutLines<R extends { table: ImportedTable }>(result: R): Omit<R, 'table'> & { table: TransactionTable } {
  const { line: _lines, ...table } = result.table;
  return { ...result, table };
}
