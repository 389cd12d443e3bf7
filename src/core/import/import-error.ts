import type { NoticeVars } from '../types';

/**
 * The file cannot be imported at all; the message says why in plain words, the code says it for translation, and
 * `vars` hold the values the translated sentence fills in (a size, a length), when it has any.
 */
export class ImportError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly vars: NoticeVars = {},
  ) {
    super(message);
    this.name = 'ImportError';
  }
}
