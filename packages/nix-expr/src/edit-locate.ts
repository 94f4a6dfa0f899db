import type { NixAttrs, NixBinding, NixBindingItem, NixExpr } from './ast.js';
import { kindPhrase, NixEditError } from './edit-error.js';

/**
 * Finding where an attribute path lives in a parsed file. The file's own layout decides: a path
 * may be written whole (`a.b.c = 1;`), split across nested sets (`a = { b.c = 1; };`), or both,
 * as Nix merges them. The search follows existing sets as deep as they go.
 */

/** The set an edit works on: the file itself, or the body of its lambda / `let … in` / `with`. */
export function rootAttrs(expr: NixExpr, path: readonly string[]): NixAttrs {
  let current = expr;
  while (true) {
    if (current.kind === 'attrs') return current;
    if (current.kind === 'lambda' || current.kind === 'let' || current.kind === 'with' || current.kind === 'assert') {
      current = current.body;
      continue;
    }
    throw new NixEditError(`the file's top level is ${kindPhrase(current.kind)}, not an attribute set (or a function/let returning one)`, {
      path,
      value: current,
    });
  }
}

export type Located =
  /** Bindings whose path is exactly the rest of the requested path, in `set`. */
  | { kind: 'found'; set: NixAttrs; bindings: NixBinding[]; rest: string[]; also: NixBinding[] }
  /** Nothing holds the path: insert `rest = …;` into `set`, after `after` if given. */
  | { kind: 'absent'; set: NixAttrs; rest: string[]; after: NixBindingItem | undefined };

function staticPath(binding: NixBinding): string[] | undefined {
  const out: string[] = [];
  for (const key of binding.path) {
    if (typeof key !== 'string') return undefined;
    out.push(key);
  }
  return out;
}

function startsWith(long: readonly string[], short: readonly string[]): boolean {
  if (short.length > long.length) return false;
  return short.every((key, i) => long[i] === key);
}

/**
 * Descends from `set` along `path`. `also` lists bindings that define something under the path
 * (`a.b.c = 1;` when `a.b` is asked for), which a removal must take along.
 */
export function locate(set: NixAttrs, path: readonly string[], fullPath: readonly string[], forRemoval = false): Located {
  let current = set;
  let rest = [...path];
  while (true) {
    const exact: NixBinding[] = [];
    const below: NixBinding[] = [];
    let deepest: { binding: NixBinding; keys: string[] } | undefined;
    let bestShared = 0;
    let after: NixBindingItem | undefined;
    for (const item of current.bindings) {
      if (item.kind === 'inherit') {
        if (item.names.includes(rest[0]!)) {
          throw new NixEditError(`"${rest[0]}" is bound by an inherit statement; edit that statement instead`, { path: fullPath, value: item });
        }
        continue;
      }
      const keys = staticPath(item);
      if (keys === undefined) continue;
      if (keys.length < rest.length && startsWith(rest, keys)) {
        if (item.value.kind !== 'attrs') {
          // Nothing is set below a number, a string, a list…: for a removal the path is absent.
          if (forRemoval && neverASet(item.value)) return { kind: 'absent', set: current, rest, after: undefined };
          throw new NixEditError(
            `${keys.join('.')} is set to ${kindPhrase(item.value.kind)}, not an attribute set, so nothing can be put inside it`,
            { path: fullPath, value: item.value },
          );
        }
        if (!deepest || keys.length > deepest.keys.length) deepest = { binding: item, keys };
      } else if (keys.length === rest.length && startsWith(keys, rest)) {
        exact.push(item);
      } else if (startsWith(keys, rest)) {
        below.push(item);
      }
      let shared = 0;
      while (shared < keys.length && shared < rest.length && keys[shared] === rest[shared]) shared++;
      if (shared > 0 && shared >= bestShared) {
        bestShared = shared;
        after = item;
      }
    }
    if (exact.length > 0 || below.length > 0) return { kind: 'found', set: current, bindings: exact, rest, also: below };
    if (deepest) {
      current = deepest.binding.value as NixAttrs;
      rest = rest.slice(deepest.keys.length);
      continue;
    }
    return { kind: 'absent', set: current, rest, after: after ?? current.bindings[current.bindings.length - 1] };
  }
}

/** True for values that can never evaluate to an attribute set, whatever the scope holds. */
function neverASet(value: NixExpr): boolean {
  switch (value.kind) {
    case 'int':
    case 'float':
    case 'string':
    case 'path':
    case 'searchPath':
    case 'uri':
    case 'list':
    case 'lambda':
    case 'hasAttr':
    case 'unary':
      return true;
    case 'binary':
      return value.op !== '//';
    default:
      return false;
  }
}
