import type { NixAttrs, NixBindingItem, NixExpr } from './ast.js';
import { attrName, isIdentifier } from './attr-name.js';
import { NixExprError } from './errors.js';
import { escapeDoubleQuoted, needsEscape } from './escape-string.js';
import { printAttrPath, printVar } from './print-atoms.js';
import { dataFastPathEnabled, writeSetBody } from './print-data.js';
import { buffer, finish, type PrintBuffer } from './print-buffer.js';
import { flat, flatBinding, flatSelf, forcesExpansion } from './print-flat.js';
import { printFloat, printInt } from './print-number.js';
import {
  absorbLastArgument,
  absorbable,
  absorbedWith,
  absorbsWith,
  bare,
  operatorChain,
  commentLines,
  interpolation,
  lineStart,
  node,
  plain,
  writeList,
  type Layout,
} from './print.js';
import { SLOT_EXPR, operandLimits } from './precedence.js';
import { continuesChain } from './print-depth.js';
import { absorbMiddleArgument, applicationGreedy, simpleApplication } from './print-application.js';

// Attribute sets and `let` bindings in nixfmt layout: `name = value;` with the value on the same
// line when it fits or can be absorbed, sets in binding values always expanded.
//
// nixfmt v1.4.0 (NixOS/nixfmt, src/Nixfmt/Pretty.hs at 7cad8663932db4519d4c5b623becdcda655cef7c,
// `instance Pretty Binder`, `Assignment`) lays out the right-hand side with `absorbRHS` directly
// only when the attribute path has at most 4 selectors and each is a plain identifier
// (`isSimpleSelector`: `IDSelector`). Otherwise (a quoted name `"a.b"`, `${…}`, or `a.b.c.d.e`) it
// puts `line'` before a `Priority` group around `absorbRHS`: Predoc.hs (same commit, `Priority`,
// `goPriorityGroup`) keeps `name =` and the value's first line together only when the `;` still
// fits after the value's last line, and otherwise breaks after `=` and indents the value one
// level. Strings and paths, which `absorbRHS` keeps after `=` whatever their length, therefore move
// below a long non-simple name. Width is counted from the first character after the indentation
// (`putText` adds the indentation outside the column count `cc`), so a quoted name's `"` counts.

/** True when nixfmt attaches the value directly (`absorbRHS`): at most 4 plain identifiers. */
export function isSimpleAttrPath(path: readonly (string | NixExpr)[]): boolean {
  return path.length <= 4 && path.every((key) => typeof key === 'string' && isIdentifier(key));
}

export function attrs(layout: Layout, expr: NixAttrs, ind: string, room: number, wide: boolean): string {
  const out = buffer();
  writeAttrs(layout, out, expr, ind, room, wide);
  return finish(out);
}

export function writeAttrs(layout: Layout, out: PrintBuffer, expr: NixAttrs, ind: string, room: number, wide: boolean): void {
  const open = expr.rec ? 'rec {' : '{';
  if (expr.bindings.length === 0) {
    out.push(open, ' }');
    return;
  }
  if (expr.bindings.length === 1 && !(wide && forcesExpansion(expr))) {
    const one = flatBinding(expr.bindings[0]!, room - open.length - 3);
    if (one !== null) {
      out.push(open, ' ', one, ' }');
      return;
    }
  }
  out.push(open);
  if (dataFastPathEnabled()) {
    writeSetBody(layout, out, expr, ind);
    return;
  }
  const inner = ind + layout.unit;
  const newline = `\n${inner}`;
  const prefixes = bindingPrefixes(newline);
  for (const item of expr.bindings) {
    if (!writeLeafBinding(layout, out, item, newline, prefixes)) {
      out.push(newline);
      writeBinding(layout, out, item, inner, false);
    }
  }
  out.push(`\n${ind}}`);
}

/**
 * The bulk of generated data: `name = leaf;` with a plain name and a one-token value, written in
 * one go. Returns false for anything else, which takes the general path.
 */
function writeLeafBinding(
  layout: Layout,
  out: PrintBuffer,
  item: NixBindingItem,
  newline: string,
  prefixes: Map<string, string>,
): boolean {
  if (item.kind !== 'binding' || item.comments !== undefined || item.path.length !== 1) return false;
  const key = item.path[0];
  const value = item.value;
  if (typeof key !== 'string' || value.comments !== undefined) return false;
  const text = leafText(value);
  if (text === null) return false;
  let prefix = prefixes.get(key);
  if (prefix === undefined) {
    prefix = `${newline}${attrName(key)} = `;
    if (prefixes.size < 1024) prefixes.set(key, prefix);
  }
  // Strings stay on a plain name's line whatever their length, as in nixfmt; other tokens, and
  // strings after a quoted name, move below `name =` when the line would be too long.
  const fits = prefix.length - newline.length + text.length + 1 <= layout.width;
  if (!fits && (value.kind !== 'string' || !isIdentifier(key))) return false;
  out.push(prefix, text, ';');
  return true;
}

// `⏎  name = ` per indentation and key: generated data repeats the same keys at the same depth.
const prefixCache = new Map<string, Map<string, string>>();

function bindingPrefixes(newline: string): Map<string, string> {
  let prefixes = prefixCache.get(newline);
  if (prefixes === undefined) {
    if (prefixCache.size >= 64) prefixCache.clear();
    prefixCache.set(newline, (prefixes = new Map()));
  }
  return prefixes;
}

/** The text of a one-token node without comments (number, variable, one-line literal string), or null. */
export function leafText(expr: NixExpr): string | null {
  if (expr.comments !== undefined) return null;
  switch (expr.kind) {
    case 'string': {
      const only = expr.parts.length === 1 ? expr.parts[0] : expr.parts.length === 0 ? '' : undefined;
      if (typeof only !== 'string' || expr.style === 'indented') return null;
      // One scan settles most strings: nothing to escape means no line break either.
      if (!needsEscape(only)) return `"${only}"`;
      if (expr.style === 'auto' && only.includes('\n')) return null;
      return `"${escapeDoubleQuoted(only, false)}"`;
    }
    case 'int':
      return printInt(expr);
    case 'float':
      return printFloat(expr);
    case 'var':
      return printVar(expr);
    default:
      return null;
  }
}

export function writeBinding(layout: Layout, out: PrintBuffer, item: NixBindingItem, ind: string, inLet: boolean): void {
  if (item.comments !== undefined && item.comments.length > 0) out.push(commentLines(item.comments, ind));
  if (item.kind === 'inherit') {
    out.push(inheritBinding(layout, item, ind));
    return;
  }
  if (inLet) checkLetPath(item.path);
  const only = item.path.length === 1 ? item.path[0] : undefined;
  const path = typeof only === 'string' ? attrName(only) : printAttrPath(item.path, interpolation(layout, ind), 'binding');
  out.push(path);
  const room = layout.width - path.length - 2;
  const onLine = isSimpleAttrPath(item.path) || keepsValueOnLine(layout, item.value, ind, path.length);
  if (typeof onLine === 'string') {
    // The check already wrote the value after `name`: use that text.
    out.push(onLine, ';');
    return;
  }
  if (!onLine) {
    const inner = ind + layout.unit;
    const value = item.value;
    // `absorbRHS` expands a set value wherever it starts (`prettyTermWide`).
    const text = value.kind === 'attrs' && forcesExpansion(value) ? attrs(layout, value, inner, layout.width - 1, true) : lineStart(layout, value, inner, layout.width - 1, SLOT_EXPR);
    const chainFirst = updateChainStart(value);
    if (chainFirst !== undefined && value.kind === 'binary' && !(chainFirst.kind === 'list' && flatSelf(value, SLOT_EXPR, layout.width - 1) !== null)) {
      // `absorbRHS` case 1 (`hardspace <> prettyOp True …`) has no `nest`: broken after `=`, the
      // chain starts at the binding's own indentation.
      out.push(' =\n', ind, operatorChain(layout, value, ind, layout.width - 1, chainFirst.kind === 'attrs'), ';');
      return;
    }
    out.push(' =\n', inner, text, ';');
    return;
  }
  writeBindingValue(layout, out, item.value, ind, room);
  out.push(';');
}

let nestedChecks = 0;
const MAX_NESTED_CHECKS = 3;

/**
 * For a non-simple attribute path: whether nixfmt's priority group keeps the value after
 * `name =`, that is whether `name = ` plus the value's first line fits and the `;` fits after the
 * value's last line. False: break after `=`; true: write the value as after a plain name; a
 * string: the value already written after the name (` = …`), to be used as it is.
 */

function keepsValueOnLine(layout: Layout, value: NixExpr, ind: string, nameLength: number): boolean | string {
  if (value.comments !== undefined && value.comments.length > 0) return true;
  // The priority group's first line ends at the value's first possible break: `name = {`,
  // `name = [`, `name = (` for the forms `absorbRHS` opens on the line, the whole call for a
  // simple application (`renderSimple` leaves it no break). Other values start with a break of
  // their own (`line`), so `name =` always stays and the value lays itself out after it.
  const start = updateChainStart(value) ?? value;
  const open = start.kind === 'attrs' && start.bindings.length > 0 ? (start.rec ? 5 : 1) : start.kind === 'list' && start.items.length > 0 ? 1 : start.kind === 'parens' ? 1 : 0;
  if (open > 0 && nameLength + 3 + open > layout.width) return false;
  if (value.kind === 'call') {
    const simple = simpleApplication(layout, value, ind, layout.width - nameLength - 4);
    if (simple !== null) {
      const firstBreak = simple.indexOf('\n');
      if (nameLength + 3 + (firstBreak < 0 ? simple.length + 1 : firstBreak) > layout.width) return false;
    }
  }
  if (value.kind !== 'string' && value.kind !== 'path') {
    // A set or list ends in `}` or `]`, after which the `;` always fits.
    if (open > 0 && start === value) return true;
    // Then the rest of the priority group (`goPriorityGroup`'s post): the `;` has to fit after
    // the value's last line, or the group fails and the line breaks after `=` after all. That
    // takes writing the value; the text is returned for the caller to use. Only a few such checks
    // nest (each can cost a second writing of its subtree when the line breaks after all), so
    // deeper ones keep the value on the line, as nixfmt does whenever the `;` fits.
    if (nestedChecks >= MAX_NESTED_CHECKS) return true;
    const scratch = buffer();
    nestedChecks++;
    try {
      writeBindingValue(layout, scratch, value, ind, layout.width - nameLength - 2);
    } finally {
      nestedChecks--;
    }
    const text = finish(scratch);
    if (text.startsWith(' =\n')) return text;
    const lastLine = text.slice(text.lastIndexOf('\n') + 1);
    return (text.includes('\n') ? lastLine.trimStart().length : nameLength + lastLine.length) + 1 <= layout.width ? text : false;
  }
  const text = bare(layout, value, ind, layout.width - nameLength - 3);
  const firstBreak = text.indexOf('\n');
  if (firstBreak < 0) return nameLength + 3 + text.length + 1 <= layout.width;
  const lastLine = text.slice(text.lastIndexOf('\n') + 1);
  const lastIndent = lastLine.length - lastLine.trimStart().length;
  return nameLength + 3 + firstBreak <= layout.width && lastLine.length - Math.min(lastIndent, ind.length) + 1 <= layout.width;
}

/**
 * The first operand of a chain of one of `//`, `++`, `+` (the same operator throughout, no
 * comments on the links): nixfmt's `absorbRHS` case 1 applies when it is a set or list.
 */
function chainStart(value: Extract<NixExpr, { kind: 'binary' }>): NixExpr {
  // Only the links the printer writes without parentheses (continuesChain) belong to the chain.
  let link = value;
  while (link.left.kind === 'binary' && link.left.op === value.op && continuesChain(link, link.left, operandLimits(link.op)[0])) link = link.left;
  const first = link.left;
  return first.kind === 'attrs' || first.kind === 'list' ? first : value.left;
}

/** The set or list that starts a `//`, `++` or `+` chain value (nixfmt's `absorbRHS` case 1), if any. */
function updateChainStart(value: NixExpr): NixExpr | undefined {
  if (value.kind !== 'binary' || (value.op !== '//' && value.op !== '++' && value.op !== '+')) return undefined;
  if (value.comments !== undefined && value.comments.length > 0) return undefined;
  const first = chainStart(value);
  return (first.kind === 'attrs' || first.kind === 'list') && absorbable(first) ? first : undefined;
}

function checkLetPath(path: readonly (string | NixExpr)[]): void {
  const first = path[0];
  if (first === undefined || typeof first === 'string') return;
  const constant = first.kind === 'string' && first.parts.every((part) => typeof part === 'string');
  if (!constant) throw new NixExprError('a let binding cannot have a dynamic attribute name', { value: first });
}

function inheritBinding(layout: Layout, item: Extract<NixBindingItem, { kind: 'inherit' }>, ind: string): string {
  const oneLine = flatBinding({ ...item, comments: [] }, layout.width);
  if (oneLine !== null) return oneLine;
  const inner = ind + layout.unit;
  let out = 'inherit';
  if (item.from !== undefined) out += ` (${node(layout, item.from, ind, layout.width - 9, SLOT_EXPR)})`;
  for (const name of item.names) out += `\n${inner}${attrName(name)}`;
  return `${out}\n${inner};`;
}

/** The text after `name =`: on the same line when it fits or can be absorbed, else indented below. */
function writeBindingValue(layout: Layout, out: PrintBuffer, value: NixExpr, ind: string, room: number): void {
  const text = bindingValueText(layout, out, value, ind, room);
  if (text !== '') out.push(' =', text);
}

/** Returns text to append, or '' after writing an expanded attribute set into `out` itself. */
function bindingValueText(layout: Layout, out: PrintBuffer, value: NixExpr, ind: string, room: number): string {
  if (value.comments !== undefined && value.comments.length > 0) {
    const inner = ind + layout.unit;
    return `\n${inner}${lineStart(layout, value, inner, layout.width - 1, SLOT_EXPR)}`;
  }
  if (value.kind === 'var' || value.kind === 'int') {
    // The common leaves of data trees: one short token, no layout decision but the width.
    const text = value.kind === 'var' ? printVar(value) : printInt(value);
    if (text.length + 2 <= room) {
      out.push(' = ', text);
      return '';
    }
  }
  if (value.kind === 'attrs') {
    if (value.bindings.length > 0) {
      out.push(' = ');
      writeAttrs(layout, out, value, ind, room - 1, true);
      return '';
    }
  } else if (value.kind === 'list' && value.items.length > 0) {
    out.push(' = ');
    writeList(layout, out, value.items, ind, room - 2);
    return '';
  } else if (absorbable(value) || value.kind === 'string' || value.kind === 'path' || value.kind === 'raw') {
    out.push(' = ', bare(layout, value, ind, room - 1));
    return '';
  }
  if (value.kind === 'with' && value.body.kind === 'attrs' && forcesExpansion(value)) {
    const head = `with ${node(layout, value.scope, ind, room - 7, SLOT_EXPR)};`;
    return ` ${head} ${attrs(layout, value.body, ind, room - head.length - 2, true)}`;
  }
  if (value.kind === 'binary' && (value.op === '//' || value.op === '++' || value.op === '+')) {
    // nixfmt's compact forms for updates and concatenations: `x = {⏎…⏎}⏎// b;` when the left side
    // is a set or list (the set expanded), and `x = a // {⏎…⏎};` when the left side fits.
    const [leftLimit, rightLimit] = operandLimits(value.op);
    const left = value.left;
    const right = value.right;
    // A set first in the chain is expanded (wide); a list only when the whole does not fit on the
    // line. nixfmt reads `+` as right-associative here (`absorbRHS`, case 1), so in `{…} + a + b`
    // the set is the first operand of the whole chain, which stays at the binding's indentation.
    const first = chainStart(value);
    const wholeFits = first.kind === 'list' && flatSelf(value, SLOT_EXPR, room - 2) !== null;
    // The whole chain, one operand per line after the first (nixfmt flattens `a // b // c`).
    if (absorbable(first) && !wholeFits) return ` ${operatorChain(layout, value, ind, room, first.kind === 'attrs')}`;
    if (absorbable(right)) {
      const leftText = flat(left, leftLimit, room - value.op.length - 5);
      if (leftText !== null) {
        const rest = room - leftText.length - value.op.length - 3;
        if (right.kind === 'attrs') return ` ${leftText} ${value.op} ${attrs(layout, right, ind, rest, true)}`;
        const whole = flatSelf(value, SLOT_EXPR, room - 2);
        // A lambda is absorbable but no operand: plain() parenthesizes it (`a ++ (x: ''…'')`).
        return ` ${whole ?? `${leftText} ${value.op} ${plain(layout, right, ind, rest, rightLimit)}`}`;
      }
    }
  }
  const oneLine = flat(value, SLOT_EXPR, room - 2);
  if (oneLine !== null) return ` ${oneLine}`;
  if (value.kind === 'call') {
    // nixfmt's `absorbRHS` for an application (`prettyApp False line False`, see
    // print-application.ts): a simple call stays on the line whatever its length, else the last
    // argument or an earlier set is absorbed after `name =`, else the call starts on the next line
    // with its greedy prefix.
    const absorbed =
      simpleApplication(layout, value, ind, room - 2) ?? absorbLastArgument(layout, value, ind, room - 1) ?? absorbMiddleArgument(layout, value, ind, room - 1);
    if (absorbed !== null) return ` ${absorbed}`;
    const inner = ind + layout.unit;
    return `\n${inner}${applicationGreedy(layout, value, inner, layout.width)}`;
  }
  if (absorbsWith(value)) return ` ${absorbedWith(layout, value, ind, room - 1)}`;
  const inner = ind + layout.unit;
  return `\n${inner}${plain(layout, value, inner, layout.width - 1, SLOT_EXPR)}`;
}

