import { isNixExpr, type NixExpr } from './ast.js';
import { attrName, isIdentifier } from './attr-name.js';
import { NixExprError } from './errors.js';
import { escapeDoubleQuoted } from './escape-string.js';
import { DEFAULT_MAX_DEPTH, checkOptions, integerIn } from './options.js';
import { writeBinding } from './print-bindings.js';
import { buffer, finish, release, type PrintBuffer } from './print-buffer.js';
import { floatText, intText } from './print-number.js';
import { print, writeLineStart, type Layout, type PrintOptions } from './print.js';
import { SLOT_ARGUMENT, SLOT_EXPR } from './precedence.js';
import { toNix, type ToNixOptions } from './to-nix.js';

// `printData(value)` writes plain data straight to Nix text: the same text as
// `print(toNix(value))`, without building the AST in between (which costs twice the printing).
// It walks the data as toNix does — an explicit stack, keys in insertion order, the same checks
// in the same order, so the same error for the same bad value — and lays each item out as the
// printer's data path (print-data.ts) does. Leaves whose layout is not the common one (a value
// too long for its `name =` line, a multi-line string, a negative number in a list, an empty
// list or set after `name =`) are handed to the general printer as a one-node AST, so those
// decisions live in one place. test/print-value.test.ts compares both on random hostile data.
//
// Errors: toNix checks everything before print sees anything, so a value toNix refuses wins over
// one print refuses (a lone surrogate, which toNix lets through). The walk therefore keeps the
// first printer error and goes on checking; it throws the printer's error only at the end.
// Embedded AST nodes are not plain data: on meeting one, the whole value is printed the long way.
// So is a value with a non-empty set or list after a quoted name too long for `name = {` to fit
// the width, where nixfmt breaks after `=`: rare, and left to print-bindings.ts's layout.

/** Options of `printData`: those of `toNix` and of `print`; `maxDepth` applies to both. */
export interface PrintDataOptions extends ToNixOptions, PrintOptions {}

const PRINT_DATA_OPTIONS = {
  width: 'integer',
  indent: 'integer',
  finalNewline: 'boolean',
  maxDepth: 'integer',
  omitUndefined: 'boolean',
} as const;

type Path = (string | number)[];

/**
 * Thrown inside the walk when the value holds an AST node, or a layout only the general printer
 * writes: print it through toNix instead.
 */
class HoldsAst extends Error {}

/** Indentation-dependent strings of one depth, and the `⏎  name = ` prefix of each key seen. */
interface Depth {
  ind: string;
  newline: string;
  closeSet: string;
  closeList: string;
  names: Map<string, Name>;
  deeper: Depth | undefined;
}

interface Name {
  /** `⏎` + indentation + the name as written + ` = `. */
  start: string;
  /** Length of the line before the value: the name and ` = `. */
  head: number;
  /** A plain identifier (strings then stay on its line whatever their length, as in nixfmt). */
  simple: boolean;
}

function depthAt(layout: Layout, ind: string): Depth {
  const inner = ind + layout.unit;
  return { ind: inner, newline: `\n${inner}`, closeSet: `\n${ind}}`, closeList: `\n${ind}]`, names: new Map(), deeper: undefined };
}

function deeper(layout: Layout, depth: Depth): Depth {
  return (depth.deeper ??= depthAt(layout, depth.ind));
}

/** An array or object being written. */
interface Frame {
  source: object;
  /** Keys to visit, for an object; undefined for an array. */
  keys: string[] | undefined;
  /** The values of `keys` read ahead (only with omitUndefined, which must count them first). */
  values: unknown[] | undefined;
  index: number;
  length: number;
  depth: Depth;
  /** Written after the closing bracket (`;` for a binding value). */
  suffix: string;
}

const EMPTY_LIST = toNix([]);
const EMPTY_SET = toNix({});
const INT_LIMIT = 2 ** 63;

/**
 * Prints plain JS data as Nix source: exactly the text of
 * `print(toNix(value, options), options)`, several times faster on large data because no AST is
 * built in between. `options` takes the fields of both (`omitUndefined`, `width`, `indent`,
 * `finalNewline`, `maxDepth`, which limits both) and is checked like theirs; the value is checked
 * as `toNix` checks it, and anything without a Nix value (`undefined`, functions, NaN, cycles,
 * Dates, class instances, …) throws the same `NixExprError` naming the same path. AST nodes inside
 * the data are allowed and printed as `print` would.
 */
export function printData(value: unknown, options?: PrintDataOptions): string {
  const checked = checkOptions<PrintDataOptions>(options, 'printData', PRINT_DATA_OPTIONS);
  const width = integerIn(checked.width, 100, 1, 1000, 'printData', 'width');
  const indent = integerIn(checked.indent, 2, 0, 16, 'printData', 'indent');
  const maxDepth = integerIn(checked.maxDepth, DEFAULT_MAX_DEPTH, 1, 1_000_000, 'printData', 'maxDepth');
  const omitUndefined = checked.omitUndefined === true;
  const layout: Layout = { width, unit: ' '.repeat(indent) };
  const out = buffer();
  try {
    const walk = new Walk(layout, out, maxDepth, omitUndefined);
    walk.root(value);
    if (walk.printError !== undefined) throw walk.printError;
    if (checked.finalNewline !== false) out.push('\n');
    return finish(out);
  } catch (error) {
    if (!(error instanceof HoldsAst)) throw error;
  } finally {
    release(out);
  }
  // Data holding AST nodes: the nodes need the general printer's checks and layout.
  const toNixOptions: ToNixOptions = {};
  if (checked.omitUndefined !== undefined) toNixOptions.omitUndefined = checked.omitUndefined;
  if (checked.maxDepth !== undefined) toNixOptions.maxDepth = checked.maxDepth;
  const printOptions: PrintOptions = {};
  if (checked.width !== undefined) printOptions.width = checked.width;
  if (checked.indent !== undefined) printOptions.indent = checked.indent;
  if (checked.finalNewline !== undefined) printOptions.finalNewline = checked.finalNewline;
  if (checked.maxDepth !== undefined) printOptions.maxDepth = checked.maxDepth;
  return print(toNix(value, toNixOptions), printOptions);
}

/** An empty array, or an object with no own enumerable keys (what toNix prints as `[ ]`, `{ }`). */
function isEmptyCollection(value: object): boolean {
  if (Array.isArray(value)) return value.length === 0;
  for (const key in value) if (Object.hasOwn(value, key)) return false;
  return true;
}

function fail(message: string, path: Path, value: unknown): never {
  throw new NixExprError(message, { path, value });
}

/** The Nix text of a number or bigint toNix accepts, and whether it starts with a minus. */
function numberText(value: number | bigint): string {
  if (typeof value === 'bigint') return intText(value);
  if (Number.isInteger(value) && Math.abs(value) < INT_LIMIT) return Number.isSafeInteger(value) ? String(value) : intText(BigInt(value));
  return floatText(value);
}

/** True when the number prints as a negative literal, which a list item must parenthesize. */
function isNegative(value: number | bigint): boolean {
  if (typeof value === 'bigint') return value < 0n && value !== -9223372036854775808n;
  if (Number.isInteger(value) && Math.abs(value) < INT_LIMIT) return value < 0;
  // Floats: print-number.ts writes subnormals as a parenthesized product, not a literal.
  const magnitude = Math.abs(value);
  return (value < 0 || Object.is(value, -0)) && !(magnitude !== 0 && magnitude < 2.2250738585072014e-308);
}

class Walk {
  /** The first error the printer would throw, kept until the whole value has been checked. */
  printError: unknown = undefined;
  private readonly stack: Frame[] = [];
  /** Mirrors the sources on the stack once it is deep (as toNix does), for the cycle check. */
  private deep: Set<object> | undefined = undefined;

  constructor(
    private readonly layout: Layout,
    private readonly out: PrintBuffer,
    private readonly maxDepth: number,
    private readonly omitUndefined: boolean,
  ) {}

  /** The path from the root to the item being visited in the top frame (for error messages). */
  private path(): Path {
    const path: Path = [];
    for (const frame of this.stack) path.push(frame.keys === undefined ? frame.index - 1 : frame.keys[frame.index - 1]!);
    return path;
  }

  /**
   * For a one-line string the buffer refused to escape: the escaper's error (a lone surrogate;
   * NUL was refused while checking), kept as the first printer error.
   */
  private keepEscapeError(text: string): void {
    try {
      escapeDoubleQuoted(text, false);
    } catch (error) {
      this.printFailed(error);
    }
  }

  /** Keeps the first printer error (see the top of the file). */
  private printFailed(error: unknown): void {
    if (!(error instanceof NixExprError)) throw error;
    this.printError ??= error;
  }

  root(value: unknown): void {
    const layout = this.layout;
    if (!this.checkLeaf(value, [])) {
      // A leaf: the general printer writes it (validated above, so only printer errors remain).
      writeLineStart(layout, this.out, toNix(value), '', layout.width, SLOT_EXPR);
      return;
    }
    // The enclosing "depth" of the root: its items are indented one unit, its bracket closes at 0.
    const top: Depth = { ind: '', newline: '\n', closeSet: '', closeList: '', names: new Map(), deeper: undefined };
    if (!this.open(value as object, top, '', layout.width, [])) return;
    this.run();
  }

  /**
   * Checks a value as toNix's `leaf` does; true for an array or plain-object candidate (checked
   * when opened), false for a leaf. Throws toNix's error for a value with no Nix form.
   */
  private checkLeaf(value: unknown, path: Path | undefined): boolean {
    switch (typeof value) {
      case 'string':
        if (value.includes('\0')) fail('toNix: strings cannot contain NUL (Nix strings end at NUL)', path ?? this.path(), value);
        return false;
      case 'number':
        if (!Number.isFinite(value)) fail(`toNix: Nix has no value for ${value}`, path ?? this.path(), value);
        return false;
      case 'bigint':
        if (value > 9223372036854775807n || value < -9223372036854775808n) fail('toNix: Nix integers are 64-bit', path ?? this.path(), value);
        return false;
      case 'boolean':
        return false;
      case 'undefined':
        return fail('toNix: undefined has no Nix value (use null, or omitUndefined for object keys)', path ?? this.path(), value);
      case 'object':
        if (value === null) return false;
        if (isNixExpr(value)) throw new HoldsAst();
        return true;
      default:
        return fail(`toNix: a ${typeof value} has no Nix value`, path ?? this.path(), value);
    }
  }

  /**
   * Checks an array or object as toNix's `open` does and writes its opening: `[ ]`, `{ }`, the
   * one-line form of a single item when it fits `room`, or the bracket and a new frame. Returns
   * true when a frame was pushed. `prefix` goes before the text (the line break of a list item).
   */
  private open(value: object, depth: Depth, prefix: string, room: number, path: Path | undefined): boolean {
    const stack = this.stack;
    let cyclic = false;
    if (this.deep !== undefined) cyclic = this.deep.has(value);
    else for (let k = 0; k < stack.length && !cyclic; k++) cyclic = stack[k]!.source === value;
    if (cyclic) fail('toNix: the data is cyclic', path ?? this.path(), value);
    const out = this.out;
    let frame: Frame;
    if (Array.isArray(value)) {
      const length = value.length;
      if (length === 0) {
        out.push(prefix, '[ ]');
        return false;
      }
      frame = { source: value, keys: undefined, values: undefined, index: 0, length, depth: deeper(this.layout, depth), suffix: '' };
      if (length === 1) {
        const one = this.flatItem(value, 0, SLOT_ARGUMENT, room - 4, stack.length + 1);
        if (one !== null) {
          out.push(prefix, '[ ', one, ' ]');
          return false;
        }
      }
      out.push(prefix, '[');
    } else {
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto !== Object.prototype && proto !== null) {
        const name = (value as { constructor?: { name?: string } }).constructor?.name ?? 'object';
        fail(`toNix: a ${name} is not plain data; convert it to an object, array or string first`, path ?? this.path(), value);
      }
      let keys = Object.keys(value);
      let values: unknown[] | undefined;
      if (this.omitUndefined) [keys, values] = definedEntries(value as Record<string, unknown>, keys);
      if (keys.length === 0) {
        out.push(prefix, '{ }');
        return false;
      }
      frame = { source: value, keys, values, index: 0, length: keys.length, depth: deeper(this.layout, depth), suffix: '' };
      if (keys.length === 1) {
        const one = this.flatBinding(keys[0]!, values === undefined ? (value as Record<string, unknown>)[keys[0]!] : values[0], room - 4, stack.length + 1);
        if (one !== null) {
          out.push(prefix, '{ ', one, ' }');
          return false;
        }
      }
      out.push(prefix, '{');
    }
    this.push(frame);
    return true;
  }

  private push(frame: Frame): void {
    const stack = this.stack;
    stack.push(frame);
    if (this.deep !== undefined) this.deep.add(frame.source);
    else if (stack.length > 32) this.deep = new Set(stack.map((entry) => entry.source));
  }

  /** Writes the open frames' items until all are closed. */
  private run(): void {
    const stack = this.stack;
    const out = this.out;
    const layout = this.layout;
    const width = layout.width;
    const maxDepth = this.maxDepth;
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      const depth = frame.depth;
      if (frame.index === frame.length) {
        out.push(frame.keys === undefined ? depth.closeList : depth.closeSet, frame.suffix);
        stack.pop();
        if (this.deep !== undefined) {
          this.deep.delete(frame.source);
          if (stack.length <= 32) this.deep = undefined;
        }
        continue;
      }
      const index = frame.index++;
      const keys = frame.keys;
      if (keys === undefined) {
        const source = frame.source as unknown[];
        if (!(index in source)) fail('toNix: sparse arrays have holes that Nix lists cannot hold', [...this.path()], undefined);
        const item = source[index];
        if (stack.length >= maxDepth) fail(`toNix: the data is nested more than ${maxDepth} levels deep (options.maxDepth)`, this.path(), item);
        this.listItem(item, depth);
        continue;
      }
      const key = keys[index]!;
      const item = frame.values === undefined ? (frame.source as Record<string, unknown>)[key] : frame.values[index];
      if (item === undefined && this.omitUndefined) continue;
      if (key.includes('\0')) fail('toNix: attribute names cannot contain NUL', this.path(), key);
      if (stack.length >= maxDepth) fail(`toNix: the data is nested more than ${maxDepth} levels deep (options.maxDepth)`, this.path(), item);
      this.bindingItem(key, item, depth, width);
    }
  }

  private nameOf(key: string, depth: Depth): Name | undefined {
    let name = depth.names.get(key);
    if (name === undefined) {
      let written: string;
      try {
        written = attrName(key);
      } catch (error) {
        this.printFailed(error);
        return undefined;
      }
      name = { start: `${depth.newline}${written} = `, head: written.length + 3, simple: isIdentifier(key) };
      if (depth.names.size < 1024) depth.names.set(key, name);
    }
    return name;
  }

  /** One `name = value;` of an expanded set (print-data.ts `writeBodies`, set case). */
  private bindingItem(key: string, item: unknown, depth: Depth, width: number): void {
    const out = this.out;
    const isCollection = this.checkLeaf(item, undefined);
    const name = this.nameOf(key, depth);
    if (name === undefined) {
      // The printer refused the name; check the value all the same.
      if (isCollection) this.open(item as object, depth, '', width, undefined);
      return;
    }
    switch (typeof item) {
      case 'string': {
        // One pass escapes and copies; a string too long after a quoted name is taken back.
        const mark = out.mark();
        const length = out.escaped(item, name.start, ';');
        if (length >= 0) {
          if (name.simple || name.head + length + 3 <= width) return;
          out.rewind(mark);
          break;
        }
        if (item.includes('\n')) break;
        this.keepEscapeError(item);
        return;
      }
      case 'number':
        if (Number.isSafeInteger(item) && name.head + 21 <= width) {
          // At most 17 characters (`-9007199254740991`), so it fits: no string needed.
          out.write(name.start);
          out.integer(item === 0 ? 0 : item);
          out.write(';');
          return;
        }
      // falls through
      case 'bigint': {
        const text = numberText(item as number | bigint);
        if (name.head + text.length + 1 <= width) {
          out.push(name.start, text, ';');
          return;
        }
        break;
      }
      case 'boolean': {
        const text = item ? 'true' : 'false';
        if (name.head + text.length + 1 <= width) {
          out.push(name.start, text, ';');
          return;
        }
        break;
      }
      case 'object': {
        if (item === null) {
          if (name.head + 5 <= width) {
            out.push(name.start, 'null;');
            return;
          }
          break;
        }
        // An array or plain object: a non-empty set is always expanded after `name = `; a list
        // is flat when its one item fits the line; empty ones take the general layout.
        const room = width - name.head + 1;
        if (!name.simple && name.head + 1 > width && !isEmptyCollection(item)) throw new HoldsAst();
        if (this.openValue(item, depth, name.start, room)) return;
        this.general(key, Array.isArray(item) ? EMPTY_LIST : EMPTY_SET, depth);
        return;
      }
    }
    this.general(key, toNix(item), depth);
  }

  /**
   * A non-empty array or object after `name = `: written (and a frame pushed) and true, or false
   * for an empty one. `room` is what print-data.ts gives a list there.
   */
  private openValue(value: object, depth: Depth, start: string, room: number): boolean {
    const stack = this.stack;
    let cyclic = false;
    if (this.deep !== undefined) cyclic = this.deep.has(value);
    else for (let k = 0; k < stack.length && !cyclic; k++) cyclic = stack[k]!.source === value;
    if (cyclic) fail('toNix: the data is cyclic', this.path(), value);
    const out = this.out;
    if (Array.isArray(value)) {
      const length = value.length;
      if (length === 0) return false;
      if (length === 1) {
        const one = this.flatItem(value, 0, SLOT_ARGUMENT, room - 2 - 4, stack.length + 1);
        if (one !== null) {
          out.push(start, '[ ', one, ' ];');
          return true;
        }
      }
      out.push(start, '[');
      this.push({ source: value, keys: undefined, values: undefined, index: 0, length, depth: deeper(this.layout, depth), suffix: ';' });
      return true;
    }
    const proto = Object.getPrototypeOf(value) as unknown;
    if (proto !== Object.prototype && proto !== null) {
      const name = (value as { constructor?: { name?: string } }).constructor?.name ?? 'object';
      fail(`toNix: a ${name} is not plain data; convert it to an object, array or string first`, this.path(), value);
    }
    let keys = Object.keys(value);
    let values: unknown[] | undefined;
    if (this.omitUndefined) [keys, values] = definedEntries(value as Record<string, unknown>, keys);
    if (keys.length === 0) return false;
    out.push(start, '{');
    this.push({ source: value, keys, values, index: 0, length: keys.length, depth: deeper(this.layout, depth), suffix: ';' });
    return true;
  }

  /** A binding the general printer lays out, from a one-node AST of a checked leaf or empty value. */
  private general(key: string, value: NixExpr, depth: Depth): void {
    const out = this.out;
    out.push(depth.newline);
    try {
      writeBinding(this.layout, out, { kind: 'binding', path: [key], value }, depth.ind, false);
    } catch (error) {
      this.printFailed(error);
    }
  }

  /** One item of an expanded list (print-data.ts `listItem`). */
  private listItem(item: unknown, depth: Depth): void {
    const out = this.out;
    const width = this.layout.width;
    if (this.checkLeaf(item, undefined)) {
      this.open(item as object, depth, depth.newline, width, undefined);
      return;
    }
    switch (typeof item) {
      case 'string': {
        if (out.escaped(item, depth.newline, '') >= 0) return;
        if (item.includes('\n')) break;
        this.keepEscapeError(item);
        return;
      }
      case 'number':
      case 'bigint':
        if (isNegative(item)) break;
        out.push(depth.newline, numberText(item));
        return;
      case 'boolean':
        out.push(depth.newline, item ? 'true' : 'false');
        return;
      default:
        out.push(depth.newline, 'null');
        return;
    }
    out.push(depth.newline);
    try {
      writeLineStart(this.layout, out, toNix(item), depth.ind, width, SLOT_ARGUMENT);
    } catch (error) {
      this.printFailed(error);
    }
  }

  /**
   * The one-line form of item `index` of `source` as the printer's `flat` writes it in a slot of
   * level `limit`, or null when it does not fit `budget`, needs more than one line, or is
   * anything toNix or print would refuse (the walk then reaches it and reports it in order).
   */
  private flatItem(source: object, key: number | string, limit: number, budget: number, level: number): string | null {
    if (budget < 1 || level >= this.maxDepth) return null;
    let value: unknown;
    if (typeof key === 'number') {
      if (!(key in source)) return null;
      value = (source as unknown[])[key];
    } else {
      value = (source as Record<string, unknown>)[key];
    }
    return this.flatValue(value, limit, budget, level);
  }

  private flatValue(value: unknown, limit: number, budget: number, level: number): string | null {
    let text: string;
    switch (typeof value) {
      case 'string':
        if (value.includes('\n') || value.includes('\0')) return null;
        try {
          text = `"${escapeDoubleQuoted(value, false)}"`;
        } catch {
          return null;
        }
        break;
      case 'number':
      case 'bigint':
        if (typeof value === 'number' ? !Number.isFinite(value) : value > 9223372036854775807n || value < -9223372036854775808n) return null;
        text = numberText(value);
        if (limit === SLOT_ARGUMENT && isNegative(value)) {
          if (text.length > budget - 2) return null;
          text = `(${text})`;
        }
        break;
      case 'boolean':
        text = value ? 'true' : 'false';
        break;
      case 'object': {
        if (value === null) {
          text = 'null';
          break;
        }
        if (isNixExpr(value) || this.onStack(value)) return null;
        if (Array.isArray(value)) {
          // Empty brackets count toward the width, as in print-flat.ts.
          if (value.length === 0) {
            text = '[ ]';
            break;
          }
          if (value.length > 1) return null;
          const item = this.flatItem(value, 0, SLOT_ARGUMENT, budget - 4, level + 1);
          if (item === null) return null;
          text = `[ ${item} ]`;
          break;
        }
        const proto = Object.getPrototypeOf(value) as unknown;
        if (proto !== Object.prototype && proto !== null) return null;
        let keys = Object.keys(value);
        let values: unknown[] | undefined;
        if (this.omitUndefined) [keys, values] = definedEntries(value as Record<string, unknown>, keys);
        if (keys.length === 0) {
          text = '{ }';
          break;
        }
        if (keys.length > 1) return null;
        const binding = this.flatBinding(keys[0]!, values === undefined ? (value as Record<string, unknown>)[keys[0]!] : values[0], budget - 3, level + 1);
        if (binding === null) return null;
        text = `{ ${binding} }`;
        break;
      }
      default:
        return null;
    }
    return text.length <= budget ? text : null;
  }

  /** `name = value;` on one line (print-flat.ts `flatBinding`), or null. */
  private flatBinding(key: string, value: unknown, budget: number, level: number): string | null {
    if (budget < 0 || level >= this.maxDepth || key.includes('\0')) return null;
    if (value === undefined) return null;
    // A non-empty set as a binding value is always expanded.
    if (typeof value === 'object' && value !== null && !Array.isArray(value) && !isNixExpr(value)) {
      const keys = Object.keys(value);
      if (this.omitUndefined ? keys.some((k) => (value as Record<string, unknown>)[k] !== undefined) : keys.length > 0) return null;
    }
    let name: string;
    try {
      name = attrName(key);
    } catch {
      return null;
    }
    const text = budget - name.length - 4 < 1 ? null : this.flatValue(value, SLOT_EXPR, budget - name.length - 4, level);
    return text === null ? null : `${name} = ${text};`;
  }

  private onStack(value: object): boolean {
    if (this.deep !== undefined) return this.deep.has(value);
    for (const frame of this.stack) if (frame.source === value) return true;
    return false;
  }
}

/** The keys of `source` whose values are not undefined, and those values (for omitUndefined). */
function definedEntries(source: Record<string, unknown>, keys: string[]): [string[], unknown[]] {
  const kept: string[] = [];
  const values: unknown[] = [];
  for (const key of keys) {
    const value = source[key];
    if (value === undefined) continue;
    kept.push(key);
    values.push(value);
  }
  return [kept, values];
}
