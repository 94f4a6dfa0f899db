import type { NixCall, NixExpr } from './ast.js';
import { isIndentedString } from './print-atoms.js';
import { flat, flatArgument, flatSelf, SLOT_SUBJECT, wraps } from './print-flat.js';
import { isOrVariable, splitAtOr } from './print-or.js';
import { attrs } from './print-bindings.js';
import { absorbLastArgument, absorbable, absorbedParens, lineStart, node, type Layout } from './print.js';
import { SLOT_ARGUMENT, SLOT_EXPR, levelOf } from './precedence.js';

// Applications in nixfmt layout. nixfmt v1.4.0 (NixOS/nixfmt, src/Nixfmt/Pretty.hs at
// 7cad8663932db4519d4c5b623becdcda655cef7c, `prettyApp`) builds `f a b c` as nested groups
// `[[f line a] line b] line c`, each argument a priority group, and src/Nixfmt/Predoc.hs
// (`layoutGreedy`, `goPriorityGroup`) lays that out as:
// 1. the whole call on one line when it fits;
// 2. a "simple" call (`isSimple`: at most two arguments, all identifiers, selections without
//    `or`, literals) on one line whatever its length (`renderSimple`);
// 3. else the last argument expanded with everything before it on the first line
//    (`f a {⏎…⏎}`, `f a (⏎…⏎)`), when that first line fits (priority group of the last argument);
// 4. else the longest prefix `f a1 … ak` that fits on the first line (the transparent groups
//    around the function fit greedily) and every other argument on its own line, one level deeper.

/** nixfmt's `isSimple` for a term: identifiers, literals, plain selections, parenthesized simple forms. */
export function isSimpleTerm(expr: NixExpr): boolean {
  if (expr.comments !== undefined && expr.comments.length > 0) return false;
  switch (expr.kind) {
    case 'var':
    case 'int':
    case 'float':
    case 'searchPath':
      return levelOf(expr) === 0;
    case 'string':
      // A double-quoted string is simple with or without interpolations; an indented one only
      // when it is one line (`renderSimple` gives up when `unexpandSpacing'` meets a line break).
      return !isIndentedString(expr) || expr.parts.every((part) => typeof part !== 'string' || !part.includes('\n'));
    case 'path':
      return true;
    case 'select':
      return expr.or === undefined && isSimpleTerm(expr.subject) && expr.path.every((key) => typeof key === 'string');
    case 'parens':
      return isSimpleTerm(expr.expr);
    case 'call':
      return isSimpleApplication(expr);
    default:
      return false;
  }
}

/** `isSimple (Application …)`: a simple function applied to at most two simple arguments. */
export function isSimpleApplication(expr: NixCall): boolean {
  if (expr.args.length > 2 || (expr.comments !== undefined && expr.comments.length > 0)) return false;
  if (expr.args.some((arg) => isOrVariable(arg))) return false;
  return isSimpleTerm(expr.fn) && expr.args.every(isSimpleTerm);
}

/**
 * A simple application (step 2 above) whatever its length: `renderSimple` keeps the function and
 * every argument but the last on one line, with the last argument after a space as `absorbLast`
 * writes it (one token, or parentheses that open on this line). Null when the call is not simple.
 */
export function simpleApplication(layout: Layout, expr: NixCall, ind: string, room: number): string | null {
  if (!isSimpleApplication(expr)) return null;
  const whole = flatSelf(expr, SLOT_EXPR, room);
  if (whole !== null) return whole;
  const last = expr.args[expr.args.length - 1]!;
  if (!needsAbsorbedParens(last)) return flatSelf(expr, SLOT_EXPR, Infinity);
  let head = flat(expr.fn, SLOT_ARGUMENT, Infinity);
  for (let i = 0; i < expr.args.length - 1 && head !== null; i++) {
    const text = flat(expr.args[i]!, SLOT_ARGUMENT, Infinity);
    head = text === null ? null : `${head} ${text}`;
  }
  if (head === null) return null;
  const rest = room - head.length - 1;
  return `${head} ${flat(last, SLOT_ARGUMENT, rest) ?? absorbedParens(layout, last, ind, rest)}`;
}

/**
 * Step 4: the longest prefix `f a1 … ak` that fits `room` on the first line, each remaining
 * argument on its own line at `ind` plus one level. The last argument is never part of the prefix
 * (nixfmt's outer group holds it, and that group is already broken when this layout is chosen).
 */
export function applicationGreedy(layout: Layout, expr: NixCall, ind: string, room: number): string {
  const inner = ind + layout.unit;
  const call = splitAtOr(expr);
  const orFirst = isOrVariable(call.args[0]);
  // SLOT_ARGUMENT also parenthesizes a call in function position (`(f a) b`, kept apart).
  const fnSlot = orFirst ? SLOT_SUBJECT : SLOT_ARGUMENT;
  let head = flat(call.fn, fnSlot, room);
  let taken = 0;
  if (head === null) head = node(layout, call.fn, ind, room, fnSlot);
  else {
    for (; taken < call.args.length - 1; taken++) {
      const arg: string | null = taken === 0 && orFirst ? 'or' : flatArgument(call.args[taken]!, room - head.length - 1);
      if (arg === null) break;
      head = `${head} ${arg}`;
    }
  }
  let out = head;
  const last = call.args.length - 1;
  for (let i = taken; i < call.args.length; i++) {
    const arg = call.args[i]!;
    let text: string;
    if (i === 0 && orFirst) text = 'or';
    else if (i === last && needsAbsorbedParens(arg)) {
      // The last argument keeps `absorbLast`'s form on its own line: `(⏎…⏎)`, not `(f a⏎…⏎)`.
      // `(g {…})` keeps its set expanded there (`prettyTermWide`), so it is never one line.
      const inside = arg.kind === 'parens' ? arg.expr : arg;
      const wideSet =
        inside.kind === 'call' && inside.fn.kind === 'var' && inside.args.length === 1 && inside.args[0]!.kind === 'attrs' && absorbable(inside.args[0]!);
      text = (wideSet ? null : flat(arg, SLOT_ARGUMENT, layout.width)) ?? absorbedParens(layout, arg, inner, layout.width);
    } else text = lineStart(layout, arg, inner, layout.width, SLOT_ARGUMENT);
    out += `\n${inner}${text}`;
  }
  return out;
}

/** A last argument that nixfmt writes with `absorbParen` (parenthesized, not an absorbable term). */
function needsAbsorbedParens(arg: NixExpr): boolean {
  if (arg.comments !== undefined && arg.comments.length > 0) return false;
  return !absorbable(arg) && (arg.kind === 'parens' || wraps(arg, SLOT_ARGUMENT));
}

/**
 * A call inside parentheses (`prettyApp True mempty True`): on one line when it fits or is
 * simple, `(f a {⏎…⏎})` when the last argument can be absorbed, else the greedy prefix right
 * after `(`, the other arguments one per line, and `)` on a line of its own.
 */
export function parenthesizedApplication(layout: Layout, expr: NixCall, ind: string, room: number): string {
  const oneLine = flatSelf(expr, SLOT_EXPR, room - 2) ?? simpleApplication(layout, expr, ind, room - 2);
  if (oneLine !== null) return `(${oneLine})`;
  const absorbed = absorbLastArgument(layout, expr, ind, room - 2);
  if (absorbed !== null) return `(${absorbed})`;
  return `(${applicationGreedy(layout, expr, ind, room - 1)}\n${ind})`;
}

/**
 * Step 3 for an argument before the last (nixfmt tries the priority groups from the last one
 * back): `f a {⏎…⏎} b c` when `f a {` fits and `} b c` fits after the set. Only sets and lists of
 * two or more items are taken here: they are the arguments whose expanded form always spans
 * lines (`prettySet`'s `line` and `renderList`'s `hardline` break when the priority group is
 * expanded); for any other argument the expanded form would be the one-line form, which the
 * one-line check already refused.
 */
export function absorbMiddleArgument(layout: Layout, given: NixCall, ind: string, room: number): string | null {
  const expr = splitAtOr(given);
  if (isOrVariable(expr.args[0])) return null;
  for (let i = expr.args.length - 2; i >= 0; i--) {
    const arg = expr.args[i]!;
    if (arg.comments !== undefined && arg.comments.length > 0) continue;
    const expands = (arg.kind === 'attrs' && arg.bindings.length > 0) || (arg.kind === 'list' && arg.items.length >= 2);
    if (!expands) continue;
    let head = flat(expr.fn, SLOT_ARGUMENT, room);
    for (let j = 0; j < i && head !== null; j++) {
      const text = flatArgument(expr.args[j]!, room - head.length - 1);
      head = text === null ? null : `${head} ${text}`;
    }
    if (head === null) continue;
    const open = arg.kind === 'attrs' ? (arg.rec ? 'rec {' : '{') : '[';
    if (head.length + 1 + open.length > room) continue;
    let post: string | null = '';
    for (let j = i + 1; j < expr.args.length && post !== null; j++) {
      const text = flat(expr.args[j]!, SLOT_ARGUMENT, layout.width);
      post = text === null ? null : `${post} ${text}`;
    }
    if (post === null || 1 + post.length > layout.width) continue;
    const body = arg.kind === 'attrs' ? attrs(layout, arg, ind, layout.width, true) : lineStart(layout, arg, ind, layout.width, SLOT_ARGUMENT);
    return `${head} ${body}${post}`;
  }
  return null;
}
