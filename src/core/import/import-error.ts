/** The file cannot be imported at all; the message says why in plain words, the code says it for translation. */
export class ImportError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ImportError';
  }
}
