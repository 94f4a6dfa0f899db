import { isNixExpr } from '@nixkit/nix-expr';
import { ColmenaHiveError } from './errors.js';

// The runtime checks behind validateHive: each takes a value and its path and either returns it
// typed or throws a ColmenaHiveError naming the path, so input that arrives as JSON can never
// render into a hive that means something else.

export type Path = readonly (string | number)[];

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (isNixExpr(value)) return `a Nix ${value.kind} expression`;
  if (typeof value === 'number' && Number.isNaN(value)) return 'NaN';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value) ?? String(value)}`;
}

export function fail(path: Path, value: unknown, message: string, accepted: string): never {
  throw new ColmenaHiveError(message, { path, value, accepted });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || isNixExpr(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** A plain object with only the listed keys (or any key when `keys` is null). */
export function expectObject(value: unknown, path: Path, keys: readonly string[] | null): Record<string, unknown> {
  if (!isPlainObject(value)) fail(path, value, `must be an object, got ${describe(value)}`, 'an object');
  if (keys !== null) {
    for (const key of Object.keys(value)) {
      if (!keys.includes(key)) {
        throw new ColmenaHiveError(`unknown field "${key}"`, { path: [...path, key], value: value[key], accepted: `one of ${keys.join(', ')}` });
      }
    }
  }
  return value;
}

export function expectString(value: unknown, path: Path, pattern?: RegExp, accepted = 'a string'): string {
  if (typeof value !== 'string') fail(path, value, `must be a string, got ${describe(value)}`, accepted);
  if (value.includes('\0')) fail(path, value, 'contains a NUL character, which no Nix string or command line can carry', accepted);
  if (pattern !== undefined && !pattern.test(value)) fail(path, value, `${JSON.stringify(value)} is not ${accepted}`, accepted);
  return value;
}

export function expectBoolean(value: unknown, path: Path): boolean {
  if (typeof value !== 'boolean') fail(path, value, `must be true or false, got ${describe(value)}`, 'true or false');
  return value;
}

export function expectInteger(value: unknown, path: Path, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    fail(path, value, `must be an integer from ${min} to ${max}, got ${describe(value)}`, `an integer from ${min} to ${max}`);
  }
  return value;
}

export function expectArray<T>(value: unknown, path: Path, item: (value: unknown, path: Path) => T): T[] {
  if (!Array.isArray(value)) fail(path, value, `must be an array, got ${describe(value)}`, 'an array');
  const out: T[] = [];
  for (let i = 0; i < value.length; i++) {
    if (!(i in value)) fail([...path, i], undefined, 'is a hole in a sparse array', 'a dense array');
    out.push(item(value[i], [...path, i]));
  }
  return out;
}

/** Applies `read` when the field is present (not undefined). */
export function optional<T>(object: Record<string, unknown>, key: string, path: Path, read: (value: unknown, path: Path) => T): T | undefined {
  return object[key] === undefined ? undefined : read(object[key], [...path, key]);
}

/** `null`, or what `read` accepts. */
export function nullable<T>(read: (value: unknown, path: Path) => T): (value: unknown, path: Path) => T | null {
  return (value, path) => (value === null ? null : read(value, path));
}
