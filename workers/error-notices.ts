import { transferHandlers } from 'comlink';
import { FAILURE_NAMES, storageFailure } from '../src/db/storage-errors';

/**
 * Comlink sends a thrown Error as its message, name and stack, and the receiving side copies those onto a new Error.
 * After this call an error that carries a notice (a model that cannot be fitted says why with a code and values)
 * keeps it too, so the page can show it in the user's language; and a storage failure wrapped by Dexie (an aborted
 * transaction whose cause was a full disk) travels under its cause's name, which the page turns into a sentence.
 * Installed once in each worker.
 */
export function keepNoticesOnThrownErrors(): void {
  const sendThrown = transferHandlers.get('throw')!;
  transferHandlers.set('throw', {
    canHandle: sendThrown.canHandle,
    serialize(thrown) {
      const [wire, transfer] = sendThrown.serialize(thrown) as [{ isError: boolean; value: Record<string, unknown> }, Transferable[]];
      const error = (thrown as { value: unknown }).value;
      if (wire.isError && error instanceof Error && 'notice' in error) wire.value.notice = error.notice;
      const failure = wire.isError ? storageFailure(error) : null;
      if (failure) wire.value.name = FAILURE_NAMES[failure];
      return [wire, transfer];
    },
    deserialize: sendThrown.deserialize,
  });
}
