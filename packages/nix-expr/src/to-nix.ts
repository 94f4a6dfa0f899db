import { isNixExpr, node, type NixBinding, type NixExpr } from './ast.js';
import { NixExprError } from './errors.js';

/** Options of `toNix`. */
export interface ToNixOptions {
  /** Leave out object keys whose value is `undefined` instead of throwing (default false). */
  omitUndefined?: boolean;
}

type Path = (string | number)[];

// Nodes made here share the builders' prototype (which carries the AST brand); creating them
// directly instead of through `node()` keeps conversion of large data cheap.
const NODE_PROTO = Object.getPrototypeOf(node({ kind: 'var', name: 'null' })) as object;

function fresh(): Record<string, unknown> {
  return Object.create(NODE_PROTO) as Record<string, unknown>;
}

function stringNode(text: string): NixExpr {
  const made = fresh();
  made['kind'] = 'string';
  made['parts'] = text === '' ? [] : [text];
  made['style'] = 'auto';
  return made as unknown as NixExpr;
}

function numberNode(kind: 'int' | 'float', value: bigint | number): NixExpr {
  const made = fresh();
  made['kind'] = kind;
  made['value'] = value;
  return made as unknown as NixExpr;
}

function listNode(items: NixExpr[]): NixExpr {
  const made = fresh();
  made['kind'] = 'list';
  made['items'] = items;
  return made as unknown as NixExpr;
}

function attrsNode(bindings: NixBinding[]): NixExpr {
  const made = fresh();
  made['kind'] = 'attrs';
  made['rec'] = false;
  made['bindings'] = bindings;
  return made as unknown as NixExpr;
}

function varNode(name: string): NixExpr {
  const made = fresh();
  made['kind'] = 'var';
  made['name'] = name;
  return made as unknown as NixExpr;
}

// Immutable, so one instance each serves every occurrence.
const TRUE = varNode('true');
const FALSE = varNode('false');
const NULL = varNode('null');

/**
 * Turns plain JS data into a Nix AST: objects become attribute sets (keys in insertion order, each
 * key one attribute, quoted when needed), arrays lists, strings strings, integral numbers and
 * bigints ints, other numbers floats, booleans `true`/`false`, `null` `null`; AST nodes inside are
 * kept as they are, and symbol-keyed properties are ignored, as JSON does. Anything Nix has no
 * value for (`undefined`, functions, symbols, NaN, Infinity, sparse arrays, cycles, Dates, Maps,
 * class instances) throws `NixExprError` naming the path of the offending value
 * (`services.nginx[0].x`).
 */
export function toNix(value: unknown, options: ToNixOptions = {}): NixExpr {
  return convert(value, [], [], options.omitUndefined === true);
}

function fail(message: string, path: Path, value: unknown): never {
  throw new NixExprError(message, { path: [...path], value });
}

function convert(value: unknown, path: Path, open: object[], omitUndefined: boolean): NixExpr {
  switch (typeof value) {
    case 'string':
      if (value.includes('\0')) fail('toNix: strings cannot contain NUL (Nix strings end at NUL)', path, value);
      return stringNode(value);
    case 'number':
      if (!Number.isFinite(value)) fail(`toNix: Nix has no value for ${value}`, path, value);
      // Integral doubles are exact, so those inside int64 become ints; larger ones stay floats.
      if (Number.isInteger(value) && Math.abs(value) < 2 ** 63) return numberNode('int', BigInt(value));
      return numberNode('float', value);
    case 'bigint':
      if (value > 9223372036854775807n || value < -9223372036854775808n) {
        fail('toNix: Nix integers are 64-bit', path, value);
      }
      return numberNode('int', value);
    case 'boolean':
      return value ? TRUE : FALSE;
    case 'undefined':
      return fail('toNix: undefined has no Nix value (use null, or omitUndefined for object keys)', path, value);
    case 'object':
      if (value === null) return NULL;
      if (isNixExpr(value)) return value;
      return convertObject(value, path, open, omitUndefined);
    default:
      return fail(`toNix: a ${typeof value} has no Nix value`, path, value);
  }
}

function convertObject(value: object, path: Path, open: object[], omitUndefined: boolean): NixExpr {
  // The open objects are the ancestors of this one: a short array, cheaper than hashing.
  if (open.includes(value)) fail('toNix: the data is cyclic', path, value);
  open.push(value);
  try {
    if (Array.isArray(value)) {
      const items: NixExpr[] = [];
      for (let i = 0; i < value.length; i++) {
        if (!(i in value)) fail('toNix: sparse arrays have holes that Nix lists cannot hold', [...path, i], undefined);
        path.push(i);
        items.push(convert(value[i], path, open, omitUndefined));
        path.pop();
      }
      return listNode(items);
    }
    const proto = Object.getPrototypeOf(value) as unknown;
    if (proto !== Object.prototype && proto !== null) {
      const name = (value as { constructor?: { name?: string } }).constructor?.name ?? 'object';
      fail(`toNix: a ${name} is not plain data; convert it to an object, array or string first`, path, value);
    }
    const bindings: NixBinding[] = [];
    for (const key of Object.keys(value)) {
      const item = (value as Record<string, unknown>)[key];
      if (item === undefined && omitUndefined) continue;
      if (key.includes('\0')) fail('toNix: attribute names cannot contain NUL', [...path, key], key);
      path.push(key);
      bindings.push({ kind: 'binding', path: [key], value: convert(item, path, open, omitUndefined) });
      path.pop();
    }
    return attrsNode(bindings);
  } finally {
    open.pop();
  }
}
