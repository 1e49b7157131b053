// The one error the local stack throws on purpose. Its message is meant to be shown
// as-is by the CLI: what went wrong, which node, and the way out.
export class StackError extends Error {
  override readonly name = 'StackError';
  constructor(
    message: string,
    /** the node the problem is about, when there is one */
    readonly node?: string,
  ) {
    super(message);
  }
}

export function errorText(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
