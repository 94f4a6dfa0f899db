import { formatPath } from '@nixkit/nix-expr';

/**
 * The one error type of this package. `path` locates the refused value inside the hive model
 * (`['nodes', 'web1', 'deployment', 'keys', 'isso.env', 'destDir']`), `value` is that value and
 * `accepted` says what would have been accepted, so a caller can point at the field.
 */
export class ColmenaHiveError extends Error {
  override name = 'ColmenaHiveError';
  readonly path: readonly (string | number)[];
  readonly value: unknown;
  readonly accepted: string;
  /** The message without the path, for re-raising under another path. */
  readonly reason: string;

  constructor(message: string, options: { path?: readonly (string | number)[]; value?: unknown; accepted?: string } = {}) {
    const path = options.path ?? [];
    const where = path.length > 0 ? `${formatPath(path)}: ` : '';
    const accepted = options.accepted === undefined || options.accepted === '' ? '' : ` (accepted: ${options.accepted})`;
    super(`${where}${message}${accepted}`);
    this.path = path;
    this.value = options.value;
    this.accepted = options.accepted ?? '';
    this.reason = message;
  }
}
