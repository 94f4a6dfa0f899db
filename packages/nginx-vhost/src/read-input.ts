import { addCost } from './cost-meter.js';
import { NginxVhostError, type FieldPath } from './errors.js';
import { checkSingleLine } from './nginx-token.js';
import { MAX_BARE_TOKEN_BYTES, MAX_ENTRIES } from './limits.js';

// Readers for plain JS/JSON input: each checks one field's type and names the path when it is
// wrong, so `validateVhost` never passes a value on that it did not understand.

export type Input = Readonly<Record<string, unknown>>;

/**
 * True for `{}` literals and JSON objects (or `Object.create(null)`). A Map, Set, Date or class
 * instance is refused: `Object.keys` of a Map is empty, so its entries would silently vanish.
 */
export function isPlainObject(value: unknown): value is Input {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** A plain object whose keys are all in `known`; anything else is an error listing the valid keys. */
export function readObject(value: unknown, path: FieldPath, known: readonly string[], what: string): Input {
  if (!isPlainObject(value)) {
    throw new NginxVhostError(path, value, `expected ${what} object`, `a plain object with fields ${known.join(', ')}`);
  }
  const keys = Object.keys(value);
  addCost(keys.length);
  for (const key of keys) {
    if (!known.includes(key)) {
      throw new NginxVhostError([...path, key], value[key], `${what} has no option "${key}"`, `one of ${known.join(', ')}`);
    }
  }
  return value;
}

/** A plain object used as a dictionary (`locations`, `headers`), with at most `MAX_ENTRIES` keys. */
export function readRecord(value: unknown, path: FieldPath, accepted: string): Input {
  if (!isPlainObject(value)) throw new NginxVhostError(path, value, 'expected a plain object', accepted);
  const count = Object.keys(value).length;
  addCost(count);
  if (count > MAX_ENTRIES) throw new NginxVhostError(path, `${count} entries`, `more than ${MAX_ENTRIES} entries`, `at most ${MAX_ENTRIES} entries`);
  return value;
}

export function readString(value: unknown, path: FieldPath, accepted = 'a string'): string {
  if (typeof value !== 'string') throw new NginxVhostError(path, value, 'expected a string', accepted);
  return value;
}

/**
 * A one-line string (no CR/LF/NUL/control characters). Every one-line value becomes one nginx
 * token, so one longer than nginx's token limit is refused here, before any pattern runs on it;
 * the exact byte count is checked when the token is quoted.
 */
export function readLine(value: unknown, path: FieldPath, accepted = 'a one-line string'): string {
  const text = readString(value, path, accepted);
  if (text.length > MAX_BARE_TOKEN_BYTES) {
    throw new NginxVhostError(path, text, `value is ${text.length} characters long`, `at most ${MAX_BARE_TOKEN_BYTES} bytes, nginx's limit for one argument`);
  }
  checkSingleLine(text, path);
  return text;
}

export function readBool(value: unknown, path: FieldPath): boolean {
  if (typeof value !== 'boolean') throw new NginxVhostError(path, value, 'expected a boolean', 'true or false');
  return value;
}

/** An integer (a JS number: NaN, ±Infinity, fractions and BigInts are refused) within [min, max]. */
export function readInt(value: unknown, path: FieldPath, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new NginxVhostError(path, value, 'expected an integer in range', `an integer from ${min} to ${max}`);
  }
  return value;
}

/** A TCP port, 1–65535. */
export function readPort(value: unknown, path: FieldPath): number {
  return readInt(value, path, 1, 65535);
}

/** A dense array (no holes: `[, 'x']` would print an empty argument) of at most `MAX_ENTRIES` items. */
export function readArray(value: unknown, path: FieldPath, accepted: string): readonly unknown[] {
  if (!Array.isArray(value)) throw new NginxVhostError(path, value, 'expected an array', accepted);
  if (value.length > MAX_ENTRIES) throw new NginxVhostError(path, `${value.length} entries`, `more than ${MAX_ENTRIES} entries`, `${accepted}, with at most ${MAX_ENTRIES} entries`);
  addCost(value.length);
  for (let i = 0; i < value.length; i++) {
    if (!(i in value)) throw new NginxVhostError([...path, i], undefined, 'a hole in a sparse array', `${accepted}, without holes`);
  }
  return value;
}

/** A one-line string that must match `pattern`; `accepted` describes the pattern for the error. */
export function readMatching(value: unknown, path: FieldPath, pattern: RegExp, accepted: string): string {
  const text = readLine(value, path, accepted);
  if (!pattern.test(text)) throw new NginxVhostError(path, text, 'value has an unsupported form', accepted);
  return text;
}
