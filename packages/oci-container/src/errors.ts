import { formatPath } from '@nixkit/nix-expr';

/**
 * The one error type of this package. `path` locates the refused value inside the input
 * (`['ports', 0]`), `value` is that value, and `accepted` says what would have been accepted, so a
 * caller (or a form built on this library) can point at the field and explain the fix.
 */
export class OciContainerError extends Error {
  override name = 'OciContainerError';
  readonly path: readonly (string | number)[];
  readonly value: unknown;
  readonly accepted: string;
  /** The message without the path and accepted parts, for re-raising under an outer path. */
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

  /** The same error located under `prefix` (e.g. `['containers', 2]`). */
  under(prefix: readonly (string | number)[]): OciContainerError {
    const options: { path: (string | number)[]; value: unknown; accepted?: string } = { path: [...prefix, ...this.path], value: this.value };
    if (this.accepted !== '') options.accepted = this.accepted;
    return new OciContainerError(this.reason, options);
  }
}
