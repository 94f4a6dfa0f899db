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
  /** What is wrong, without the path and the accepted form (for re-raising under a prefix). */
  readonly problem: string;

  constructor(path: FieldPath, value: unknown, problem: string, accepted: string) {
    super(`${formatFieldPath(path)}: ${problem} (got ${describe(value)}); accepted: ${accepted}`);
    this.path = path;
    this.value = value;
    this.accepted = accepted;
    this.problem = problem;
  }
}

/** `error` with `prefix` put before its path, e.g. the index of a vhost in a list. */
export function errorUnder(prefix: FieldPath, error: NginxVhostError): NginxVhostError {
  return new NginxVhostError([...prefix, ...error.path], error.value, error.problem, error.accepted);
}

/** `['locations', '/', 'proxyPass']` → `locations["/"].proxyPass`, as a JS caller would write it. */
export function formatFieldPath(path: FieldPath): string {
  if (!Array.isArray(path)) throw new NginxVhostError([], path, 'a field path must be an array', 'an array of strings and numbers');
  for (let i = 0; i < path.length; i++) {
    const key: unknown = path[i];
    if (!(i in path) || (typeof key !== 'string' && typeof key !== 'number')) {
      throw new NginxVhostError([], key, `field path entry ${i} is neither a string nor a number`, 'an array of strings and numbers');
    }
  }
  return path.length === 0 ? '(vhost)' : formatPath(path);
}

function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return JSON.stringify(value.length > 200 ? `${value.slice(0, 200)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  if (typeof value === 'bigint') return `the BigInt ${value}n`;
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') {
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
      return typeof name === 'string' && name !== '' ? `a ${name}` : 'an object with a custom prototype';
    }
  }
  return `a ${typeof value}`;
}
