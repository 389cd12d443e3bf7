/** Cancellation of long jobs by id: the page asks, the job polls between steps. */
export class CancelFlags {
  readonly #cancelled = new Set<string>();

  cancel(jobId: string): void {
    this.#cancelled.add(jobId);
  }

  isCancelled(jobId: string): boolean {
    return this.#cancelled.has(jobId);
  }

  /** The job ended (either way): forget its flag. */
  clear(jobId: string): void {
    this.#cancelled.delete(jobId);
  }
}
