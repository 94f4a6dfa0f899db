import { NginxVhostError, type FieldPath } from './errors.js';
import { checkSingleLine } from './nginx-token.js';

// Readers for plain JS/JSON input: each checks one field's type and names the path when it is
// wrong, so `validateVhost` never passes a value on that it did not understand.

export type Input = Readonly<Record<string, unknown>>;

/** An object whose keys are all in `known`; anything else is an error listing the valid keys. */
export function readObject(value: unknown, path: FieldPath, known: readonly string[], what: string): Input {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new NginxVhostError(path, value, `expected ${what} object`, `an object with fields ${known.join(', ')}`);
  }
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) {
      throw new NginxVhostError([...path, key], (value as Input)[key], `${what} has no option "${key}"`, `one of ${known.join(', ')}`);
    }
  }
  return value as Input;
}

export function readString(value: unknown, path: FieldPath, accepted = 'a string'): string {
  if (typeof value !== 'string') throw new NginxVhostError(path, value, 'expected a string', accepted);
  return value;
}

/** A one-line string (no CR/LF/NUL/control characters). */
export function readLine(value: unknown, path: FieldPath, accepted = 'a one-line string'): string {
  const text = readString(value, path, accepted);
  checkSingleLine(text, path);
  return text;
}

export function readBool(value: unknown, path: FieldPath): boolean {
  if (typeof value !== 'boolean') throw new NginxVhostError(path, value, 'expected a boolean', 'true or false');
  return value;
}

export function readInt(value: unknown, path: FieldPath, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new NginxVhostError(path, value, 'expected an integer in range', `an integer from ${min} to ${max}`);
  }
  return value;
}

export function readArray(value: unknown, path: FieldPath, accepted: string): readonly unknown[] {
  if (!Array.isArray(value)) throw new NginxVhostError(path, value, 'expected an array', accepted);
  return value;
}

/** A one-line string that must match `pattern`; `accepted` describes the pattern for the error. */
export function readMatching(value: unknown, path: FieldPath, pattern: RegExp, accepted: string): string {
  const text = readLine(value, path, accepted);
  if (!pattern.test(text)) throw new NginxVhostError(path, text, 'value has an unsupported form', accepted);
  return text;
}
