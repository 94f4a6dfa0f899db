import { isNixExpr } from '@nixkit/nix-expr';
import { OciContainerError } from './errors.js';
import type { NixText } from './nix-text.js';
import { isSecret } from './secret.js';

// The runtime checks behind validateImage/validateContainer: each takes the value and its path
// and either returns it typed or throws an OciContainerError naming the path.

export type Path = readonly (string | number)[];

function refuseSecret(path: Path): never {
  throw new OciContainerError(
    'is marked secret; secret values are never placed inline (they would land in the world-readable Nix store or the unit file). Write it to a file outside the store and list that file in environmentFiles',
    { path, value: '[redacted secret]', accepted: 'a runtime file path in environmentFiles' },
  );
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (isNixExpr(value)) return `a Nix ${value.kind} expression`;
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}

export function fail(path: Path, value: unknown, message: string, accepted: string): never {
  if (isSecret(value)) refuseSecret(path);
  throw new OciContainerError(message, { path, value, accepted });
}

/** A plain object with only the listed keys; an unknown key is an error naming it. */
export function expectObject(value: unknown, path: Path, keys: readonly string[]): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || isNixExpr(value)) {
    fail(path, value, `must be an object, got ${describe(value)}`, 'an object');
  }
  if (isSecret(value)) refuseSecret(path);
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!keys.includes(key)) {
      throw new OciContainerError(`unknown field "${key}"`, { path: [...path, key], value: record[key], accepted: `one of ${keys.join(', ')}` });
    }
  }
  return record;
}

function checkNoNul(text: string, path: Path): void {
  if (text.includes('\0')) fail(path, text, 'contains a NUL character, which no command line, Nix string or unit file can carry', 'text without NUL');
}

export function expectString(value: unknown, path: Path, accepted = 'a string'): string {
  if (typeof value !== 'string') fail(path, value, `must be a string, got ${describe(value)}`, accepted);
  checkNoNul(value, path);
  return value;
}

/** A string or a Nix expression node (see `NixText`). */
export function expectText(value: unknown, path: Path): NixText {
  if (isNixExpr(value)) return value;
  return expectString(value, path, 'a string or a @nixkit/nix-expr node');
}

export function expectBoolean(value: unknown, path: Path): boolean {
  if (typeof value !== 'boolean') fail(path, value, `must be a boolean, got ${describe(value)}`, 'true or false');
  return value;
}

export function expectEnum<T extends string>(value: unknown, path: Path, options: readonly T[]): T {
  if (typeof value !== 'string' || !(options as readonly string[]).includes(value)) {
    fail(path, value, `must be one of ${options.map((o) => JSON.stringify(o)).join(', ')}, got ${describe(value)}`, options.join(' | '));
  }
  return value as T;
}

export function expectArray<T>(value: unknown, path: Path, item: (value: unknown, path: Path) => T): T[] {
  if (!Array.isArray(value)) fail(path, value, `must be an array, got ${describe(value)}`, 'an array');
  return value.map((element, index) => item(element, [...path, index]));
}

/** A string-keyed record; `key` validates each key (throwing with the key's path). */
export function expectRecord<T>(
  value: unknown,
  path: Path,
  item: (value: unknown, path: Path) => T,
  key: (name: string, path: Path) => void = () => {},
): Record<string, T> {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || isNixExpr(value) || isSecret(value)) {
    fail(path, value, `must be an object of name → value, got ${describe(value)}`, 'an object');
  }
  const out: Record<string, T> = {};
  for (const [name, element] of Object.entries(value as Record<string, unknown>)) {
    key(name, [...path, name]);
    // defineProperty, not assignment: a JSON key "__proto__" must stay a plain entry.
    Object.defineProperty(out, name, { value: item(element, [...path, name]), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** Sets `target[key]` only when the input had the key, keeping `exactOptionalPropertyTypes` honest. */
export function optional<T>(record: Record<string, unknown>, key: string, path: Path, check: (value: unknown, path: Path) => T): T | undefined {
  const value = record[key];
  if (value === undefined) return undefined;
  return check(value, [...path, key]);
}
