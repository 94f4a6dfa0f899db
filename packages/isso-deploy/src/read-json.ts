import { IssoDeploymentError } from './errors.js';

// Runtime readers for a description that arrives as JSON. Each one either returns the typed value
// or throws an IssoDeploymentError naming the path, the value and what is accepted, so that a typo
// in deployment.json never silently becomes a default.

export type FieldPath = readonly (string | number)[];

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

export function fail(path: FieldPath, value: unknown, expected: string): never {
  throw new IssoDeploymentError(`expected ${expected}, got ${describe(value)}`, { path, value });
}

/**
 * Reads a plain object and refuses keys outside `known`. Returns the object so the caller can
 * read each field with the typed readers below.
 */
export function readObject(value: unknown, path: FieldPath, known: readonly string[]): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, value, 'an object');
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) {
      throw new IssoDeploymentError(`unknown field "${key}"; accepted fields here: ${known.join(', ')}`, {
        path: [...path, key],
        value: (value as Record<string, unknown>)[key],
      });
    }
  }
  return value as Record<string, unknown>;
}

/** A string, optionally matched against `pattern` (described by `what` in the error). */
export function readString(value: unknown, path: FieldPath, pattern?: RegExp, what = 'a string'): string {
  if (typeof value !== 'string') fail(path, value, what);
  if (pattern !== undefined && !pattern.test(value)) fail(path, value, what);
  return value;
}

export function readBoolean(value: unknown, path: FieldPath): boolean {
  if (typeof value !== 'boolean') fail(path, value, 'true or false');
  return value;
}

export function readInteger(value: unknown, path: FieldPath, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    fail(path, value, `an integer from ${min} to ${max}`);
  }
  return value;
}

export function readEnum<T extends string>(value: unknown, path: FieldPath, choices: readonly T[]): T {
  if (typeof value !== 'string' || !(choices as readonly string[]).includes(value)) {
    fail(path, value, `one of ${choices.map((c) => JSON.stringify(c)).join(', ')}`);
  }
  return value as T;
}

export function readArray<T>(value: unknown, path: FieldPath, item: (value: unknown, path: FieldPath) => T): T[] {
  if (!Array.isArray(value)) fail(path, value, 'an array');
  return value.map((entry, index) => item(entry, [...path, index]));
}

/** Applies `read` when the field is present, otherwise returns `fallback`. */
export function optional<T>(
  object: Record<string, unknown>,
  key: string,
  path: FieldPath,
  read: (value: unknown, path: FieldPath) => T,
  fallback: T,
): T {
  return object[key] === undefined ? fallback : read(object[key], [...path, key]);
}
