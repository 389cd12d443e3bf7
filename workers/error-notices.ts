import { transferHandlers } from 'comlink';

/**
 * Comlink sends a thrown Error as its message, name and stack, and the receiving side copies those onto a new Error.
 * After this call an error that carries a notice (a model that cannot be fitted says why with a code and values)
 * keeps it too, so the page can show it in the user's language. Installed once in each worker.
 */
export function keepNoticesOnThrownErrors(): void {
  const sendThrown = transferHandlers.get('throw')!;
  transferHandlers.set('throw', {
    canHandle: sendThrown.canHandle,
    serialize(thrown) {
      const [wire, transfer] = sendThrown.serialize(thrown) as [{ isError: boolean; value: Record<string, unknown> }, Transferable[]];
      const error = (thrown as { value: unknown }).value;
      if (wire.isError && error instanceof Error && 'notice' in error) wire.value.notice = error.notice;
      return [wire, transfer];
    },
    deserialize: sendThrown.deserialize,
  });
}
