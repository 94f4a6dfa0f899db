import type { NixAttrs, NixExpr } from './ast.js';
import { attrName } from './attr-name.js';
import { needsEscape } from './escape-string.js';
import { flushIfFull } from './print-buffer.js';
import { leafText, writeBinding } from './print-bindings.js';
import { wraps } from './print-flat.js';
import { SLOT_ARGUMENT } from './precedence.js';
import { writeLineStart, type Layout } from './print.js';

// Generated configuration is mostly plain data: attribute sets of leaves, lists and more sets.
// Their expanded forms are written here in one tight loop per set or list, with the indentation,
// `⏎  name = ` prefixes and closing brackets made once per depth, nested data sets and lists
// written directly instead of through the general binding layout, and plain strings pushed as
// they are. Any other node is handed to the general printer at the same place, so the output is
// byte for byte what the general path writes (test/print-data.test.ts compares both).

/** Indentation-dependent strings of one depth, made once. */
interface Depth {
  ind: string;
  /** `⏎` + the indentation of this depth's items. */
  newline: string;
  /** `newline` and an opening `"`. */
  quotedNewline: string;
  /** `⏎` + the indentation of the enclosing block, then the closing bracket. */
  closeSet: string;
  closeList: string;
  prefixes: Map<string, string>;
  deeper: Depth | undefined;
}

const depths = new Map<string, Depth>();

function depthOf(layout: Layout, ind: string): Depth {
  const key = ind + '\0' + layout.unit;
  let depth = depths.get(key);
  if (depth === undefined) {
    if (depths.size >= 256) depths.clear();
    const inner = ind + layout.unit;
    depth = { ind: inner, newline: `\n${inner}`, quotedNewline: `\n${inner}"`, closeSet: `\n${ind}}`, closeList: `\n${ind}]`, prefixes: new Map(), deeper: undefined };
    depths.set(key, depth);
  }
  return depth;
}

function deeper(layout: Layout, depth: Depth): Depth {
  return (depth.deeper ??= depthOf(layout, depth.ind));
}

let enabled = true;

/** Switches the fast path off and on; the tests use it to compare both paths. Not public API. */
export function setDataFastPath(on: boolean): void {
  enabled = on;
}

export function dataFastPathEnabled(): boolean {
  return enabled;
}

function isPlain(expr: NixExpr): boolean {
  return expr.comments === undefined || expr.comments.length === 0;
}

/** True for a set that the general printer always expands as a binding value. */
function expandsAsValue(expr: NixAttrs): boolean {
  const bindings = expr.bindings;
  if (bindings.length === 0) return false;
  return !(bindings.length === 1 && bindings[0]!.kind === 'inherit' && bindings[0]!.comments === undefined);
}

/**
 * The bindings and closing `}` of an expanded set whose opening bracket is written; `ind` is the
 * indentation of the line holding the `{`.
 */
export function writeSetBody(layout: Layout, out: string[], expr: NixAttrs, ind: string): void {
  setBody(layout, out, expr, depthOf(layout, ind));
}

/** The items and closing `]` of an expanded list whose `[` is written. */
export function writeListBody(layout: Layout, out: string[], items: readonly NixExpr[], ind: string): void {
  listBody(layout, out, items, depthOf(layout, ind));
}

// Chunks are pushed as they are, without concatenating them first: a new string per piece costs
// an allocation, and the final join copies existing strings fastest. A string that needs no
// escaping is pushed between two quote chunks rather than copied into a quoted one.

/** A one-line string literal's text when it needs no escaping, else undefined. */
function plainText(expr: NixExpr): string | undefined {
  if (expr.kind !== 'string' || expr.style === 'indented' || expr.comments !== undefined) return undefined;
  const parts = expr.parts;
  const only = parts.length === 1 ? parts[0] : parts.length === 0 ? '' : undefined;
  return typeof only === 'string' && !needsEscape(only) ? only : undefined;
}

function setBody(layout: Layout, out: string[], expr: NixAttrs, depth: Depth): void {
  const { newline, prefixes } = depth;
  const width = layout.width;
  for (const item of expr.bindings) {
    flushIfFull(out);
    if (item.kind === 'binding' && item.path.length === 1 && item.comments === undefined) {
      const key = item.path[0]!;
      const value = item.value;
      if (typeof key === 'string' && value.comments === undefined) {
        let start = prefixes.get(key);
        if (start === undefined) {
          start = `${newline}${attrName(key)} = `;
          if (prefixes.size < 1024) prefixes.set(key, start);
        }
        // Strings stay on the binding's line whatever their length, as in nixfmt.
        const plain = plainText(value);
        if (plain !== undefined) {
          out.push(start, '"', plain, '";');
          continue;
        }
        const leaf = leafText(value);
        if (leaf !== null) {
          // Other tokens move below `name =` (general path) when the line would be too long.
          if (value.kind === 'string' || start.length - newline.length + leaf.length + 1 <= width) {
            out.push(start, leaf, ';');
            continue;
          }
        } else if (value.kind === 'attrs' && expandsAsValue(value)) {
          out.push(start, value.rec ? 'rec {' : '{');
          setBody(layout, out, value, deeper(layout, depth));
          out.push(';');
          continue;
        } else if (value.kind === 'list' && value.items.length > 1) {
          out.push(start, '[');
          listBody(layout, out, value.items, deeper(layout, depth));
          out.push(';');
          continue;
        }
      }
    }
    out.push(newline);
    writeBinding(layout, out, item, depth.ind, false);
  }
  out.push(depth.closeSet);
}

function listBody(layout: Layout, out: string[], items: readonly NixExpr[], depth: Depth): void {
  const newline = depth.newline;
  const quoted = depth.quotedNewline;
  for (const item of items) {
    flushIfFull(out);
    if (isPlain(item)) {
      const plain = plainText(item);
      if (plain !== undefined) {
        out.push(quoted, plain, '"');
        continue;
      }
      const leaf = leafText(item);
      if (leaf !== null) {
        if (!wraps(item, SLOT_ARGUMENT)) {
          out.push(newline, leaf);
          continue;
        }
      } else if (item.kind === 'attrs' && item.bindings.length > 1) {
        out.push(newline, item.rec ? 'rec {' : '{');
        setBody(layout, out, item, deeper(layout, depth));
        continue;
      } else if (item.kind === 'list' && item.items.length > 1) {
        out.push(newline, '[');
        listBody(layout, out, item.items, deeper(layout, depth));
        continue;
      }
    }
    out.push(newline);
    writeLineStart(layout, out, item, depth.ind, layout.width, SLOT_ARGUMENT);
  }
  out.push(depth.closeList);
}
