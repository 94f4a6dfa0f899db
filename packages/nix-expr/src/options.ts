import { NixExprError } from './errors.js';

/**
 * Option objects arrive from plain JS like any other input, so they are checked the same way:
 * a plain object (or undefined), only known keys, each of the declared type. Numbers must be
 * integers in range: NaN, ±Infinity, fractions, bigints and numeric strings are refused. The
 * error is the package's own and names the option (`print options.indent`).
 */

/** Default nesting limit of `print` and `toNix` (`maxDepth`). */
export const DEFAULT_MAX_DEPTH = 10_000;

export type OptionType = 'integer' | 'boolean' | 'string';

/** Checks `options` against `schema` and returns it typed; undefined stands for `{}`. */
export function checkOptions<T>(options: unknown, owner: string, schema: Readonly<Record<string, OptionType>>): T {
  if (options === undefined) return {} as T;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new NixExprError(`${owner}: options must be an object, got ${describe(options)}`, { path: ['options'], value: options });
  }
  const proto = Object.getPrototypeOf(options) as unknown;
  if (proto !== Object.prototype && proto !== null) {
    throw new NixExprError(`${owner}: options must be a plain object, got ${describe(options)}`, { path: ['options'], value: options });
  }
  const known = Object.keys(schema);
  for (const key of Object.keys(options)) {
    const type = schema[key];
    if (type === undefined) {
      throw new NixExprError(`${owner}: unknown option "${key}" (known: ${known.join(', ')})`, { path: ['options', key], value: (options as Record<string, unknown>)[key] });
    }
    const value = (options as Record<string, unknown>)[key];
    if (value === undefined) continue;
    const ok = type === 'integer' ? typeof value === 'number' && Number.isInteger(value) : typeof value === type;
    if (!ok) {
      throw new NixExprError(`${owner}: option ${key} must be ${type === 'integer' ? 'an integer' : `a ${type}`}, got ${describe(value)}`, {
        path: ['options', key],
        value,
      });
    }
  }
  return options as T;
}

/** An integer option with its default and inclusive range, already type-checked by `checkOptions`. */
export function integerIn(value: number | undefined, fallback: number, min: number, max: number, owner: string, key: string): number {
  if (value === undefined) return fallback;
  if (value < min || value > max) {
    throw new NixExprError(`${owner}: option ${key} must be from ${min} to ${max}, got ${value}`, { path: ['options', key], value });
  }
  return value;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'bigint') return `the bigint ${value}n`;
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') {
    const name = (value as { constructor?: { name?: string } }).constructor?.name;
    return name && name !== 'Object' ? `a ${name}` : 'an object';
  }
  return `a ${typeof value}`;
}
