import { formatPath } from '@nixkit/nix-expr';

/** A location inside a vhost model: `['locations', '/', 'proxyPass']`. */
export type FieldPath = readonly (string | number)[];

/**
 * The one error type of this package. `path` points at the refused field of the model
 * (`['locations', '/', 'proxyPass']`), `value` is what was refused and `accepted` says what would
 * have been taken instead, so a caller can show all three without parsing the message.
 */
export class NginxVhostError extends Error {
  override name = 'NginxVhostError';
  readonly path: FieldPath;
  readonly value: unknown;
  readonly accepted: string;

  constructor(path: FieldPath, value: unknown, problem: string, accepted: string) {
    super(`${formatFieldPath(path)}: ${problem} (got ${describe(value)}); accepted: ${accepted}`);
    this.path = path;
    this.value = value;
    this.accepted = accepted;
  }
}

/** `['locations', '/', 'proxyPass']` → `locations["/"].proxyPass`, as a JS caller would write it. */
export function formatFieldPath(path: FieldPath): string {
  return path.length === 0 ? '(vhost)' : formatPath(path);
}

function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return JSON.stringify(value.length > 200 ? `${value.slice(0, 200)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}
