/**
 * Reading a survey export (customer, score 0–10, date, optional comment) with the orders importer itself, so that it
 * gets the same delimiters, encodings, quoted fields and Vietnamese and Thai numbers and dates: the score is read
 * where an amount would be and the comment where a product would. Every row is accounted for: rows read = answers
 * + rows rejected, each rejection with its line and reason.
 */
import { notice } from '../notice';
import { moneyUnit } from '../money-column';
import { createImporter, ImportError } from '../import';
import { sniff } from '../import/sniff';
import type { ColumnMapping, DayNumber, RejectedGroup } from '../types';
import { guessNpsMapping, type NpsMapping } from './columns';

export interface NpsAnswer {
  customerId: string;
  score: number;
  day: DayNumber;
  comment: string | null;
  line: number;
}

export interface NpsFile {
  fileName: string;
  mapping: NpsMapping;
  header: string[];
  answers: NpsAnswer[];
  rowsRead: number;
  rejected: RejectedGroup[];
}

/** The importer's reasons name the amount; in a survey that column is the score. */
const RENAMED: ReadonlyMap<string, [code: string, text: string]> = new Map([
  ['missing-amount', ['missing-score', 'Score is empty']],
  ['bad-amount', ['bad-score', 'Score is not a number']],
  ['number-format-mismatch-amount', ['bad-score', 'Score is not a number']],
]);

export function readNpsFile(bytes: Uint8Array, fileName: string, chosen?: Partial<NpsMapping>): NpsFile {
  const guess = sniff(bytes.subarray(0, 1 << 20), fileName, bytes.length);
  if (guess.problem) throw new ImportError(guess.problemCode ?? 'unreadable', guess.problem);
  const npsMapping = { ...guessNpsMapping(guess), ...chosen };
  const missing = (['customer', 'score', 'date'] as const).filter((role) => npsMapping[role] === null);
  if (missing.length) throw new ImportError('nps-columns', `No column of this file holds the answers' ${missing.join(', ')}.`);
  const mapping = Object.fromEntries(Object.keys(guess.mapping).map((role) => [role, null])) as ColumnMapping;
  mapping.customer = npsMapping.customer;
  mapping.date = npsMapping.date;
  mapping.amount = npsMapping.score;
  mapping.product = npsMapping.comment;
  const importer = createImporter({ fileName, totalBytes: bytes.length, encoding: guess.encoding, delimiter: guess.delimiter, hasHeader: guess.hasHeader, mapping, dateOrderFallback: guess.dateOrder ?? 'DMY' });
  for (let i = 0; i < bytes.length; i += 1 << 20) importer.push(bytes.subarray(i, i + (1 << 20)));
  const { table, report } = importer.finish();
  const rejected: RejectedGroup[] = report.rejected.map((g) => {
    const renamed = RENAMED.get(g.code);
    return renamed ? { ...g, code: renamed[0], reason: `${renamed[1]} (column "${g.vars?.column ?? ''}")` } : g;
  });
  const answers: NpsAnswer[] = [];
  const outOfRange: { line: number; text: string }[] = [];
  for (let i = 0; i < table.length; i++) {
    const score = table.amount[i] / moneyUnit(table);
    if (!Number.isInteger(score) || score < 0 || score > 10) {
      outOfRange.push({ line: table.line[i], text: String(score) });
      continue;
    }
    const comment = table.product && table.productNames ? table.productNames[table.product[i]] || null : null;
    answers.push({ customerId: table.customerIds[table.customer[i]], score, day: table.day[i], comment, line: table.line[i] });
  }
  if (outOfRange.length) {
    const column = guess.header[npsMapping.score!] ?? '';
    const reason = notice('score-range', `Score is not a whole number from 0 to 10 (column "${column}")`, { column });
    rejected.push({ code: reason.code, reason: reason.text, vars: reason.vars, count: outOfRange.length, examples: outOfRange.slice(0, 20) });
  }
  return { fileName, mapping: npsMapping, header: guess.header, answers, rowsRead: report.rowsRead, rejected };
}
