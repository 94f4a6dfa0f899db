import { isNixExpr, node, type NixBinding, type NixExpr } from './ast.js';
import { NixExprError } from './errors.js';
import { DEFAULT_MAX_DEPTH, checkOptions, integerIn } from './options.js';

/** Options of `toNix`. */
export interface ToNixOptions {
  /** Leave out object keys whose value is `undefined` instead of throwing (default false). */
  omitUndefined?: boolean;
  /**
   * Nesting limit: a value inside more than `maxDepth - 1` arrays and objects throws
   * `NixExprError` (default 10,000, the printer's default too; an integer from 1 to 1,000,000).
   */
  maxDepth?: number;
}

const TO_NIX_OPTIONS = { omitUndefined: 'boolean', maxDepth: 'integer' } as const;

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
export function toNix(value: unknown, options?: ToNixOptions): NixExpr {
  const checked = checkOptions<ToNixOptions>(options, 'toNix', TO_NIX_OPTIONS);
  const maxDepth = integerIn(checked.maxDepth, DEFAULT_MAX_DEPTH, 1, 1_000_000, 'toNix', 'maxDepth');
  return convert(value, maxDepth, checked.omitUndefined === true);
}

function fail(message: string, path: Path, value: unknown): never {
  throw new NixExprError(message, { path: [...path], value });
}

/** The node of a value that is not an array or plain object, or undefined for those. */
function leaf(value: unknown, path: Path): NixExpr | undefined {
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
      return undefined;
    default:
      return fail(`toNix: a ${typeof value} has no Nix value`, path, value);
  }
}

/** An array or object being converted. */
interface Frame {
  source: object;
  /** Converted items, for an array. */
  items: NixExpr[] | undefined;
  /** Converted bindings and the keys to visit, for an object. */
  bindings: NixBinding[] | undefined;
  keys: string[] | undefined;
  index: number;
  length: number;
}

// Ancestors are kept in an array and searched for cycles; past this depth a set mirrors them, so
// deep data costs constant time per object instead of time proportional to its depth.
const SET_FROM_DEPTH = 32;

/**
 * Converts with an explicit stack of open arrays and objects instead of recursion, so data
 * nested up to `maxDepth` cannot overflow the call stack. `path` always holds the keys from the
 * root to the value in hand, for error messages.
 */
function convert(root: unknown, maxDepth: number, omitUndefined: boolean): NixExpr {
  const path: Path = [];
  const first = leaf(root, path);
  if (first !== undefined) return first;
  const stack: Frame[] = [];
  let deep: Set<object> | undefined;

  const open = (value: object): void => {
    let cyclic = false;
    if (deep !== undefined) cyclic = deep.has(value);
    else for (let k = 0; k < stack.length && !cyclic; k++) cyclic = stack[k]!.source === value;
    if (cyclic) fail('toNix: the data is cyclic', path, value);
    if (Array.isArray(value)) {
      stack.push({ source: value, items: [], bindings: undefined, keys: undefined, index: 0, length: value.length });
    } else {
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto !== Object.prototype && proto !== null) {
        const name = (value as { constructor?: { name?: string } }).constructor?.name ?? 'object';
        fail(`toNix: a ${name} is not plain data; convert it to an object, array or string first`, path, value);
      }
      const keys = Object.keys(value);
      stack.push({ source: value, items: undefined, bindings: [], keys, index: 0, length: keys.length });
    }
    if (deep !== undefined) deep.add(value);
    else if (stack.length > SET_FROM_DEPTH) deep = new Set(stack.map((frame) => frame.source));
  };

  open(root as object);
  while (true) {
    const frame = stack[stack.length - 1]!;
    if (frame.index === frame.length) {
      stack.pop();
      if (deep !== undefined) {
        deep.delete(frame.source);
        if (stack.length <= SET_FROM_DEPTH) deep = undefined;
      }
      const made = frame.items !== undefined ? listNode(frame.items) : attrsNode(frame.bindings!);
      if (stack.length === 0) return made;
      path.pop();
      attach(stack[stack.length - 1]!, made);
      continue;
    }
    const index = frame.index++;
    let child: unknown;
    if (frame.items !== undefined) {
      if (!(index in frame.source)) fail('toNix: sparse arrays have holes that Nix lists cannot hold', [...path, index], undefined);
      child = (frame.source as unknown[])[index];
      path.push(index);
    } else {
      const key = frame.keys![index]!;
      child = (frame.source as Record<string, unknown>)[key];
      if (child === undefined && omitUndefined) continue;
      if (key.includes('\0')) fail('toNix: attribute names cannot contain NUL', [...path, key], key);
      path.push(key);
    }
    if (path.length >= maxDepth) {
      fail(`toNix: the data is nested more than ${maxDepth} levels deep (options.maxDepth)`, path, child);
    }
    const made = leaf(child, path);
    if (made === undefined) {
      open(child as object);
      continue;
    }
    path.pop();
    attach(frame, made);
  }
}

/** Adds a converted child to `frame`, under the key it was read from. */
function attach(frame: Frame, child: NixExpr): void {
  if (frame.items !== undefined) frame.items.push(child);
  else frame.bindings!.push({ kind: 'binding', path: [frame.keys![frame.index - 1]!], value: child });
}
