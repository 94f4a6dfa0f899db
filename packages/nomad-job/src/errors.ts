/**
 * The one error type of this package. `path` locates the refused value inside the input
 * (`['groups', 0, 'tasks', 1, 'driver']`), `value` is that value, and `accepted` says what would
 * have been accepted.
 */
export class NomadJobError extends Error {
  override name = 'NomadJobError';
  readonly path: readonly (string | number)[];
  readonly value: unknown;
  readonly accepted: string;
  /** The message without the path and accepted parts. */
  readonly reason: string;

  constructor(message: string, options: { path?: readonly (string | number)[]; value?: unknown; accepted?: string } = {}) {
    const path = options.path ?? [];
    const where = path.length > 0 ? `${formatPath(path)}: ` : '';
    const accepted = options.accepted === undefined ? '' : ` (accepted: ${options.accepted})`;
    super(`${where}${message}${accepted}`);
    this.path = path;
    this.value = options.value;
    this.accepted = options.accepted ?? '';
    this.reason = message;
  }
}

/** `['groups', 0, 'meta', 'a b']` → `groups[0].meta["a b"]`, the way it reads in JSON. */
export function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(key)) out += out === '' ? key : `.${key}`;
    else out += `[${JSON.stringify(key)}]`;
  }
  return out;
}
