/** How a file is to be read, and the column mapping checked and settled before any byte is read. */
import type { ColumnMapping, DateOrder, Delimiter } from '../types';
import { ImportError } from './import-error';

/** How to read a file: what `sniff` proposed, as corrected by the user. */
export interface ImportOptions {
  fileName: string;
  /** Bytes this importer will be fed (the file's size, or its part's): the columns are sized from it ahead. */
  totalBytes: number;
  /**
   * Bytes the columns are sized for when more than this importer reads: the whole file, for the importer of a first
   * half that will absorb the second (growing its columns then would copy them all while the second's exist too).
   */
  sizeForBytes?: number;
  encoding: string;
  delimiter: Delimiter;
  hasHeader: boolean;
  mapping: ColumnMapping;
  /** Used only when a date column's values leave day/month order open (every day ≤ 12). */
  dateOrderFallback?: DateOrder;
  /**
   * The user's ticks: status value → whether rows with it count as purchases (values compared folded: "Paid" is
   * "paid"). Values not listed, including those first seen past the sniffed head, get the default verdict.
   */
  statusChoices?: [string, boolean][];
  /**
   * Set when these bytes are a later part of a file, starting at a record boundary: the header as the first part
   * read it (names and field count). Every line of the part is data; line numbers count from the part's start.
   */
  continuation?: { header: string[]; width: number };
}

/**
 * The mapping the rows are read with: it must name a customer and a date. The value is an amount column, else
 * quantity × unit price, else none (a purchase log: every row a purchase worth an unknown amount); a quantity or a
 * unit price alone makes no value. Roles missing from an older remembered mapping are none. Returns a copy; the
 * report keeps the mapping as given.
 */
export function settleMapping(given: ColumnMapping): ColumnMapping {
  const m = { ...given, status: given.status ?? null, refunded: given.refunded ?? null };
  if (m.customer === null) throw new ImportError('choose-customer', 'Choose the column that identifies the customer.');
  if (m.date === null) throw new ImportError('choose-date', 'Choose the column that holds the order date.');
  if (m.amount !== null || m.quantity === null || m.unitPrice === null) m.quantity = m.unitPrice = null;
  // A refund needs an amount to be refunded from.
  if (m.amount === null && m.unitPrice === null) m.refunded = null;
  return m;
}
