/**
 * The one error type of this package. `path` locates the offending field in the deployment
 * description (`['gunicorn', 'workers']`), `value` is what was refused, and the message says
 * what would be accepted, so a CLI can print it as is and a person can fix the file.
 */
export type FieldPath = readonly (string | number)[];

export class IssoDeploymentError extends Error {
  override name = 'IssoDeploymentError';
  readonly path: readonly (string | number)[];
  readonly value: unknown;

  constructor(message: string, options: { path?: readonly (string | number)[]; value?: unknown } = {}) {
    const path = options.path ?? [];
    super(path.length > 0 ? `${formatFieldPath(path)}: ${message}` : message);
    this.path = path;
    this.value = options.value;
  }
}

/** `['nginx', 'locations', 0, 'a b']` → `nginx.locations[0]["a b"]`, the way it reads in JSON. */
export function formatFieldPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(key)) out += out === '' ? key : `.${key}`;
    else out += `[${JSON.stringify(key)}]`;
  }
  return out;
}
