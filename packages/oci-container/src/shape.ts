import { addCost } from './cost-meter.js';
import { isNixExpr } from '@nixkit/nix-expr';
import { OciContainerError } from './errors.js';
import type { NixText } from './nix-text.js';
import { isSecret } from './secret.js';
import { MAX_ENTRIES, MAX_NIX_DEPTH } from './limits.js';

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
  if (typeof value === 'bigint') return `the BigInt ${value}n`;
  if (typeof value === 'string') return `string ${JSON.stringify(value.length > 200 ? `${value.slice(0, 200)}…` : value)}`;
  if (typeof value === 'object') {
    if (isPlainObject(value)) return 'an object';
    const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
    return typeof name === 'string' && name !== '' ? `a ${name}` : 'an object with a custom prototype';
  }
  return `${typeof value} ${String(value)}`;
}

/**
 * True for `{}` literals and JSON objects (or `Object.create(null)`). A Map, Set, Date or class
 * instance is refused: `Object.keys` of a Map is empty, so its entries would silently vanish.
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

export function fail(path: Path, value: unknown, message: string, accepted: string): never {
  if (isSecret(value)) refuseSecret(path);
  throw new OciContainerError(message, { path, value, accepted });
}

/** A plain object with only the listed keys; an unknown key is an error naming it. */
export function expectObject(value: unknown, path: Path, keys: readonly string[]): Record<string, unknown> {
  if (!isPlainObject(value) || isNixExpr(value)) {
    fail(path, value, `must be a plain object, got ${describe(value)}`, 'a plain object');
  }
  if (isSecret(value)) refuseSecret(path);
  const record = value;
  for (const key of Object.keys(record)) {
    if (!keys.includes(key)) {
      throw new OciContainerError(`unknown field "${key}"`, { path: [...path, key], value: record[key], accepted: `one of ${keys.join(', ')}` });
    }
  }
  return record;
}

function checkNoNul(text: string, path: Path): void {
  addCost(text.length);
  if (text.includes('\0')) fail(path, text, 'contains a NUL character, which no command line, Nix string or unit file can carry', 'text without NUL');
}

export function expectString(value: unknown, path: Path, accepted = 'a string'): string {
  if (typeof value !== 'string') fail(path, value, `must be a string, got ${describe(value)}`, accepted);
  checkNoNul(value, path);
  return value;
}

/** A string or a Nix expression node (see `NixText`), nested at most `MAX_NIX_DEPTH` deep. */
export function expectText(value: unknown, path: Path): NixText {
  if (isNixExpr(value)) {
    checkNixDepth(value, path);
    return value;
  }
  return expectString(value, path, 'a string or a @nixkit/nix-expr node');
}

// Heights of the Nix nodes walked during one validateContainer/validateImage call, so an
// expression referenced from many fields is walked once. Scoped to the call: a caller may mutate
// nodes between calls.
let walkCache: Map<object, number> | undefined;

/** Runs `validate` with one Nix walk cache for all its fields (see `checkNixDepth`). */
export function withNixWalkCache<T>(validate: () => T): T {
  if (walkCache !== undefined) return validate();
  walkCache = new Map();
  try {
    return validate();
  } finally {
    walkCache = undefined;
  }
}

/**
 * Walks a Nix expression with an explicit stack (no recursion) and refuses one nested deeper
 * than `MAX_NIX_DEPTH` or containing itself: nodes are plain objects a caller can mutate into a
 * cycle, which a printer would follow forever. A subtree shared by several parents is walked once
 * (its height is remembered), so reuse cannot make the walk exponential.
 */
function checkNixDepth(root: object, path: Path): void {
  const heights = walkCache ?? new Map<object, number>();
  const rootHeight = heights.get(root);
  if (rootHeight !== undefined) return; // already walked in this validation (a shared expression)
  const onPath = new Set<object>([root]);
  const stack: { node: object; children: unknown[]; next: number; height: number }[] = [{ node: root, children: Object.values(root), next: 0, height: 0 }];
  const tooDeep = () => fail(path, root, `is a Nix expression nested more than ${MAX_NIX_DEPTH} levels deep`, `at most ${MAX_NIX_DEPTH} levels`);
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (top.next === top.children.length) {
      stack.pop();
      onPath.delete(top.node);
      heights.set(top.node, top.height + 1);
      const parent = stack[stack.length - 1];
      if (parent !== undefined) parent.height = Math.max(parent.height, top.height + 1);
      continue;
    }
    const child = top.children[top.next++];
    addCost(1);
    if (typeof child !== 'object' || child === null) continue;
    if (onPath.has(child)) fail(path, root, 'is a Nix expression that contains itself', 'an acyclic Nix expression');
    const known = heights.get(child);
    if (known !== undefined) {
      if (stack.length + known > MAX_NIX_DEPTH) tooDeep();
      top.height = Math.max(top.height, known);
      continue;
    }
    if (stack.length >= MAX_NIX_DEPTH) tooDeep();
    onPath.add(child);
    stack.push({ node: child, children: Object.values(child), next: 0, height: 0 });
  }
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

/** A dense array (a hole in `[, 'x']` would become an empty argument) of at most `MAX_ENTRIES` items. */
export function expectArray<T>(value: unknown, path: Path, item: (value: unknown, path: Path) => T): T[] {
  if (!Array.isArray(value)) fail(path, value, `must be an array, got ${describe(value)}`, 'an array');
  if (value.length > MAX_ENTRIES) fail(path, `${value.length} entries`, `has more than ${MAX_ENTRIES} entries`, `at most ${MAX_ENTRIES} entries`);
  addCost(value.length);
  const out: T[] = [];
  for (let index = 0; index < value.length; index++) {
    if (!(index in value)) fail([...path, index], undefined, 'is a hole in a sparse array', 'an array without holes');
    out.push(item(value[index], [...path, index]));
  }
  return out;
}

/** A string-keyed record; `key` validates each key (throwing with the key's path). */
export function expectRecord<T>(
  value: unknown,
  path: Path,
  item: (value: unknown, path: Path) => T,
  key: (name: string, path: Path) => void = () => {},
): Record<string, T> {
  if (!isPlainObject(value) || isNixExpr(value) || isSecret(value)) {
    fail(path, value, `must be a plain object of name → value, got ${describe(value)}`, 'a plain object');
  }
  const entries = Object.entries(value);
  addCost(entries.length);
  if (entries.length > MAX_ENTRIES) fail(path, `${entries.length} entries`, `has more than ${MAX_ENTRIES} entries`, `at most ${MAX_ENTRIES} entries`);
  const out: Record<string, T> = {};
  for (const [name, element] of entries) {
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
