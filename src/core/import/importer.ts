/**
 * The streaming importer: bytes in (chunks cut anywhere), a columnar TransactionTable and an ImportReport out.
 * Every data row is accounted for: rowsRead = rowsAccepted + rowsRejected. Day/month order and decimal marks are
 * decided per column at the end, from all its values; until then each cell is kept under both readings.
 *
 * This module owns the byte stream (decoding, bytes and lines counted); the work is done by accept-rows.ts (the
 * record sink filling the ImportState), join-parts.ts (the halves of a file read at once) and finish.ts.
 */
import type { ImportReport, ImportedTable, TransactionTable } from '../types';
import { RowAcceptor } from './accept-rows';
import { ImportError } from './import-error';
import { settleMapping, type ImportOptions } from './import-options';
import { finishImport } from './finish';
import type { ImportPart } from './join-parts';
import { ChunkDecoder } from './text-encoding';

export { ImportError, type ImportOptions, type ImportPart };

export interface Importer {
  /** Feed the next bytes; a chunk may end anywhere (mid-character, mid-quote, mid-CRLF). */
  push(chunk: Uint8Array): void;
  /** End of input: decide column formats, build the table. Throws ImportError when nothing can be read. */
  finish(): { table: ImportedTable; report: ImportReport };
  /** End of a later part of a file (see ImportOptions.continuation): what it gathered, for the part before. */
  endPart(): Promise<ImportPart>;
  /** Append a later part's rows. Only valid when the bytes pushed so far end at a record boundary. */
  absorb(part: ImportPart): Promise<void>;
  /** True when the bytes pushed so far end exactly where a record ends (not inside a quoted field). */
  readonly atRecordBoundary: boolean;
  /** The header's names and field count, once the first record has been read. */
  readonly header: { names: string[]; width: number } | null;
  readonly rowsRead: number;
  readonly bytesRead: number;
}

/** Rows read before the columns are sized for the whole input, and the most rows sized for ahead. */
const SIZING_SAMPLE_ROWS = 2000;

/**
 * Exporting and joining the halves of a file read at once: a chunk of its own, loaded only for a file read so (8 MB
 * and more). The compute worker's first chunk is held to a budget (tests/support/bundle-size.ts).
 */
const joinCode = () => import('./join-parts');
const MAX_PRESIZED_ROWS = 50_000_000;

class StreamingImporter implements Importer {
  /** The record sink, with its reader and the state it fills. */
  private readonly rows: RowAcceptor;
  private readonly decoder: ChunkDecoder;
  private bytes = 0;
  private sized = false;

  constructor(private readonly options: ImportOptions) {
    this.rows = new RowAcceptor(options, settleMapping(options.mapping));
    this.decoder = new ChunkDecoder(options.encoding);
  }

  get rowsRead() {
    return this.rows.read;
  }
  get atRecordBoundary() {
    return this.rows.reader.atRecordBoundary;
  }
  get header() {
    return this.rows.header === null ? null : { names: this.rows.header, width: this.rows.width };
  }
  get bytesRead() {
    return this.bytes;
  }

  push(chunk: Uint8Array): void {
    this.bytes += chunk.byteLength;
    this.decoder.decodeInto(chunk, this.rows.reader);
    if (!this.sized && this.rows.reader.records >= SIZING_SAMPLE_ROWS) this.sizeColumns();
  }

  /**
   * Size the per-row columns once for the whole input, from the bytes per row so far: growing them by doubling would
   * copy every column several times over a large file.
   */
  private sizeColumns() {
    this.sized = true;
    const bytesPerRow = this.bytes / this.rows.reader.records;
    const expected = Math.ceil(((this.options.sizeForBytes ?? this.options.totalBytes) / bytesPerRow) * 1.05);
    if (expected > this.rows.capacity && expected < MAX_PRESIZED_ROWS) this.rows.reserve(expected, true);
    this.rows.customers.expectRows(expected);
    // Order ids keep coming at the rate they came (about one per row in a file of orders); a file's later part only
    // looks its own up here, so the ids are sized for this importer's own bytes. Customers are not: their first rows
    // are nearly all new even when the file has a third as many.
    const orders = this.rows.labels.order?.dict;
    const accepted = this.rows.rows;
    if (orders && accepted > 0) {
      const values = Math.ceil((orders.size / accepted) * (this.options.totalBytes / bytesPerRow) * 1.05);
      if (values < MAX_PRESIZED_ROWS) orders.reserve(values);
    }
  }

  /** No more bytes: flush the decoder and the last record. */
  private endInput() {
    this.decoder.flushInto(this.rows.reader);
    this.rows.reader.end();
  }

  async endPart(): Promise<ImportPart> {
    this.endInput();
    const { exportPart } = await joinCode();
    return exportPart(this.rows, { lines: this.rows.reader.linesRead, bytes: this.bytes, replacedCharacters: this.decoder.replaced });
  }

  async absorb(part: ImportPart): Promise<void> {
    const reader = this.rows.reader;
    if (!reader.atRecordBoundary) throw new Error('A later part can only be appended at a record boundary.');
    const { absorbPart } = await joinCode();
    absorbPart(this.rows, part, reader.linesRead);
    this.bytes += part.bytes;
    this.decoder.replaced += part.replacedCharacters;
    reader.skipLines(part.lines);
  }

  finish(): { table: ImportedTable; report: ImportReport } {
    this.endInput();
    return finishImport(this.rows, this.options, { bytes: this.bytes, replacedCharacters: this.decoder.replaced });
  }
}

/** Start an import with settled options (see `sniff` for proposing them). */
export function createImporter(options: ImportOptions): Importer {
  return new StreamingImporter(options);
}
