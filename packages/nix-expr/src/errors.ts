/**
 * The one error type of this package. `path` locates the offending value inside the input
 * (`['services', 'nginx', 0]` for `toNix` data, a builder argument name for builders), so a
 * caller can point at the field, and `value` is the value that was refused.
 */
export class NixExprError extends Error {
  override name = 'NixExprError';
  readonly path: readonly (string | number)[];
  readonly value: unknown;

  constructor(message: string, options: { path?: readonly (string | number)[]; value?: unknown } = {}) {
    const where = options.path && options.path.length > 0 ? ` at ${formatPath(options.path)}` : '';
    super(`${message}${where}`);
    this.path = options.path ?? [];
    this.value = options.value;
  }
}

/**
 * Formats an error `path` the way a JS caller would write the access: `['a', 0, 'b c']` is
 * `a[0]["b c"]`, identifiers joined with `.`, numbers and other keys in brackets (JSON-quoted).
 * `NixExprError` messages use it, and libraries built on this one can use it for theirs.
 */
export function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(key)) out += out === '' ? key : `.${key}`;
    else out += `[${JSON.stringify(key)}]`;
  }
  return out;
}
