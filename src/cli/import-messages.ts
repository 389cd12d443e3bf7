/**
 * What the app shows about an import beside its figures, as lines for the command line's stderr: the rejected rows by
 * reason (with their first lines) and the import's warnings (characters that could not be decoded, …), and the
 * refusal of a file none of whose rows could be used, in the app's own sentence.
 */
import { en } from '../i18n/en';
import type { ImportReport } from '../core/types';

/** A file none of whose rows could be used: refused, as the app refuses it. */
export class NothingAccepted extends Error {
  constructor(readonly report: ImportReport) {
    super(en['error.nothingAccepted']);
    this.name = 'NothingAccepted';
  }
}

/** One line per reason rows were rejected for (how many, the first lines), then the import's warnings. */
export function importNotes(report: ImportReport): string[] {
  const rejected = report.rejected.map((g) => {
    const lines = g.examples.map((e) => e.line).slice(0, 5);
    const where = lines.length ? ` (line${lines.length === 1 ? '' : 's'} ${lines.join(', ')}${g.count > lines.length ? ', …' : ''})` : '';
    return `${g.count} row${g.count === 1 ? '' : 's'} not used: ${g.reason}${where}`;
  });
  return [...rejected, ...report.warnings.map((w) => `warning: ${w.text}`)];
}
