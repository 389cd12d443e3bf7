/**
 * The second half of a large plain file, read in a worker of its own while the compute worker reads the first
 * (see splitImport in src/core/pipeline). Its typed arrays are transferred back, not copied.
 */
import { transfer } from 'comlink';
import type { ImportOptions, SniffResult } from '../src/core/import';
import { importPart, warmUpImporter, type TimedImportPart } from '../src/core/import/run';
import { arraysOf } from '../src/core/import/code-dictionary';
import { fileSource, readRangeAhead } from './file-bytes';

/** The part of a file a worker started ahead of its import will be asked for. */
export interface RangeToRead {
  file: Blob;
  from: number;
  to: number;
}

export const importPartApi = {
  /** See warmUpImporter: sent when the worker is started ahead of an import. */
  async warmUp(head: Uint8Array, guess: SniffResult, fileName: string, readAhead?: RangeToRead): Promise<void> {
    if (readAhead) readRangeAhead(readAhead.file, readAhead.from, readAhead.to);
    await warmUpImporter(head, guess, fileName);
  },

  async readPart(file: Blob, options: ImportOptions, from: number, to: number, onProgress: (bytes: number, rows: number) => void): Promise<TimedImportPart> {
    const part = await importPart(options, fileSource(file).chunks(from, to), onProgress);
    const buffers = new Set<ArrayBuffer>();
    const add = (a: ArrayBufferView | null) => a && buffers.add(a.buffer as ArrayBuffer);
    [part.customer, part.line, part.dayFirst, part.monthFirst, part.amountEmpty, part.inherit, ...arraysOf(part.customerIds)].forEach(add);
    for (const n of Object.values(part.numbers)) [n.value, n.fit].forEach(add);
    for (const l of Object.values(part.labels)) [l.codes, l.values.chars, l.values.ends].forEach(add);
    if (part.order) {
      const values = part.order.values;
      [part.order.codes, ...('front' in values ? [values.front] : [values.chars, values.ends])].forEach(add);
    }
    return transfer(part, [...buffers]);
  },
};

export type ImportPartApi = typeof importPartApi;
