import { NomadJobError } from './errors.js';

// The runtime checks behind validateJob: each takes the value and its path and either returns it
// typed or throws a NomadJobError naming the path, the value and what would be accepted.

export type Path = readonly (string | number)[];

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number' && Number.isNaN(value)) return 'NaN';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `"${value.length > 80 ? `${value.slice(0, 80)}…` : value}"`;
  return `${typeof value} ${String(value)}`;
}

export function fail(path: Path, value: unknown, message: string, accepted: string): never {
  throw new NomadJobError(message, { path, value, accepted });
}

/** A plain object with only the listed keys; an unknown key is an error naming it. */
export function expectObject(value: unknown, path: Path, keys: readonly string[]): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, value, `must be an object, got ${describe(value)}`, 'an object');
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!keys.includes(key)) fail([...path, key], record[key], `unknown field "${key}"`, `one of ${keys.join(', ')}`);
  }
  return record;
}

// A lone surrogate is not text: JSON would carry it as an escape Go turns into U+FFFD, and HCL
// cannot write it at all.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function expectString(value: unknown, path: Path, accepted = 'a string'): string {
  if (typeof value !== 'string') fail(path, value, `must be a string, got ${describe(value)}`, accepted);
  if (value.includes('\0')) fail(path, value, 'contains a NUL character, which Nomad refuses in names and no jobspec can carry', 'text without NUL');
  if (LONE_SURROGATE.test(value)) fail(path, value, 'contains a lone UTF-16 surrogate, which is not Unicode text', 'well-formed Unicode text');
  return value;
}

export function expectNonEmpty(value: unknown, path: Path, accepted = 'a non-empty string'): string {
  const text = expectString(value, path, accepted);
  if (text === '') fail(path, text, 'must not be empty', accepted);
  return text;
}

export function expectMatch(value: unknown, path: Path, pattern: RegExp, accepted: string): string {
  const text = expectString(value, path, accepted);
  if (!pattern.test(text)) fail(path, text, `${describe(text)} is not valid here`, accepted);
  return text;
}

export function expectBoolean(value: unknown, path: Path): boolean {
  if (typeof value !== 'boolean') fail(path, value, `must be a boolean, got ${describe(value)}`, 'true or false');
  return value;
}

export function expectInteger(value: unknown, path: Path, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) fail(path, value, `must be an integer, got ${describe(value)}`, `an integer from ${min} to ${max}`);
  if (value < min || value > max) fail(path, value, `${value} is out of range`, `an integer from ${min} to ${max}`);
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
  const out: T[] = [];
  for (let index = 0; index < value.length; index++) out.push(item(value[index], [...path, index]));
  return out;
}

/** A string-keyed record; `key` validates each key (throwing with the key's path). */
export function expectRecord<T>(value: unknown, path: Path, item: (value: unknown, path: Path) => T, key: (name: string, path: Path) => void): Record<string, T> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, value, `must be an object of name → value, got ${describe(value)}`, 'an object');
  const out: Record<string, T> = {};
  for (const [name, element] of Object.entries(value as Record<string, unknown>)) {
    key(name, [...path, name]);
    // defineProperty, not assignment: a JSON key "__proto__" must stay a plain entry.
    Object.defineProperty(out, name, { value: item(element, [...path, name]), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** Calls `check` on `record[key]` when present and stores the result in `target[key]`. */
export function copyOptional<T>(target: object, record: Record<string, unknown>, key: string, path: Path, check: (value: unknown, path: Path) => T): void {
  const value = record[key];
  if (value === undefined) return;
  (target as Record<string, unknown>)[key] = check(value, [...path, key]);
}

/**
 * Refuses an input that contains itself. Iterative (an explicit stack), so a deep input cannot
 * exhaust the call stack; the path is rebuilt from parent links only when a cycle is found.
 */
export function checkAcyclic(root: unknown): void {
  type Frame = { value: object; parent: Frame | null; key: string | number; keys: string[]; next: number };
  if (typeof root !== 'object' || root === null) return;
  const onPath = new Set<object>([root]);
  const stack: Frame[] = [{ value: root, parent: null, key: '', keys: Object.keys(root), next: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1] as Frame;
    if (top.next >= top.keys.length) {
      onPath.delete(top.value);
      stack.pop();
      continue;
    }
    const name = top.keys[top.next++] as string;
    const child = (top.value as Record<string, unknown>)[name];
    if (typeof child !== 'object' || child === null) continue;
    const key = Array.isArray(top.value) ? Number(name) : name;
    if (onPath.has(child)) {
      const path: (string | number)[] = [key];
      for (let frame: Frame | null = top; frame !== null && frame.parent !== null; frame = frame.parent) path.unshift(frame.key);
      fail(path, '[cycle]', 'refers back to an object that contains it (a cycle)', 'a tree of plain values');
    }
    onPath.add(child);
    stack.push({ value: child, parent: top, key, keys: Object.keys(child), next: 0 });
  }
}
