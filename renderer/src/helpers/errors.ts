/** Reading errors that crossed the ChatApi (engine errors, IPC errors, anything thrown). */

/** A sentence to show the user. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (typeof err === 'string') return err;
  const message = (err as { message?: unknown } | null)?.message;
  if (typeof message === 'string') return message;
  return 'Something went wrong.';
}

/** The stable code of a ChatApi or HTTP error, when it has one. */
export function errorCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}
