/**
 * Thrown for invalid options (wrong types, unknown fields), a `summarize` input of the wrong type,
 * and misuse of a streaming parser: the text to parse is never a reason to throw. `path` names
 * the option or field (`options.utcOffsetMinutes`, `unit.mainPid`), `value` is what was given.
 */
export class SystemdStatusError extends Error {
  readonly path: string;
  readonly value: unknown;

  constructor(path: string, value: unknown, expected: string) {
    super(`${path}: expected ${expected}, got ${describe(value)}`);
    this.name = 'SystemdStatusError';
    this.path = path;
    this.value = value;
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Map) return 'a Map';
  return `a ${typeof value}`;
}
