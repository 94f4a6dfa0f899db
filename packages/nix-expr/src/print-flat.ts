import type { NixBindingItem, NixExpr, NixFormalsParam } from './ast.js';
import { attrName, checkVariableName } from './attr-name.js';
import {
  isIndentedString,
  printAttrPath,
  printDoubleQuoted,
  printPath,
  printSearchPath,
  printUri,
  printVar,
} from './print-atoms.js';
import { printFloat, printInt } from './print-number.js';
import { isOrVariable, splitAtOr } from './print-or.js';
import { LEVEL_HAS_ATTR, LEVEL_NEGATE, LEVEL_NOT, SLOT_ARGUMENT, SLOT_EXPR, levelOf, operandLimits } from './precedence.js';
import { continuesChain, continuesTests } from './print-depth.js';

/** Select subject slot (`expr_simple`): also wraps literals that would absorb the `.`. */
export const SLOT_SUBJECT = 0;
/** Operand of unary minus: a path would lex together with the `-` (`-./a` is one path token). */
export const SLOT_NEGATE_OPERAND = LEVEL_NEGATE + 0.5;

/** Whether `expr` needs parentheses in a slot that accepts levels up to `limit`. */
export function wraps(expr: NixExpr, limit: number): boolean {
  const level = levelOf(expr);
  if (level > limit) return true;
  if (limit === SLOT_SUBJECT) {
    // `1.x` lexes as the float `1.`, `./a.x` and `http://a.x` as one path or URI token.
    return expr.kind === 'int' || expr.kind === 'float' || expr.kind === 'path' || expr.kind === 'uri';
  }
  if (limit === SLOT_NEGATE_OPERAND) return startsWithPath(expr);
  return false;
}

/**
 * True when the first token of `expr`, printed unparenthesized in a slot of level ≤ 3, is a path.
 * Nix's path rule `[a-zA-Z0-9._+-]*(/[a-zA-Z0-9._+-]+)+` starts with `-` too, so a `-` right
 * before `/a`, `./a`, `a/b` or `1/2` lexes as one path token (`-/a`); `~/a` does not, but it is
 * wrapped alike. No other first token can merge with a `-`: identifiers cannot start with one,
 * and `--1` reads as two minus signs. Of the forms at those levels only an application starts
 * with another node's text unparenthesized (its function); select subjects that are paths are
 * already parenthesized (SLOT_SUBJECT), and negation's own operand is handled at its level.
 */
function startsWithPath(expr: NixExpr): boolean {
  if (expr.comments !== undefined && expr.comments.length > 0) return false;
  switch (expr.kind) {
    case 'path':
      return true;
    case 'call':
      // Before a bare `or` the function is parenthesized already (print-or.ts).
      return !isOrVariable(expr.args[0]) && startsWithPath(expr.fn);
    default:
      return false;
  }
}

/** Formals that nixfmt always expands one per line: three or more names (`...` aside), or any default. */
export function formalsExpand(param: NixFormalsParam): boolean {
  if (param.formals.length >= 3) return true;
  return param.formals.some((formal) => formal.default !== undefined);
}

/**
 * True for a binding value nixfmt always expands: a non-empty attrset not holding a lone inherit,
 * and the forms that absorb one with a forced expansion (`with x; {…}`, `a // {…}`, `{…} // a`).
 */
export function forcesExpansion(value: NixExpr): boolean {
  if (value.comments !== undefined) return false;
  if (value.kind === 'with') return isWideSet(value.body);
  if (value.kind === 'binary' && (value.op === '//' || value.op === '++' || value.op === '+')) {
    return isWideSet(value.left) || isWideSet(value.right);
  }
  if (value.kind !== 'attrs' || value.bindings.length === 0) return false;
  return !(value.bindings.length === 1 && value.bindings[0]!.kind === 'inherit' && value.bindings[0]!.comments === undefined);
}

function isWideSet(expr: NixExpr): boolean {
  return expr.kind === 'attrs' && expr.bindings.length > 0 && expr.comments === undefined;
}

const interpolateFlat = (expr: NixExpr): string => {
  const text = flat(expr, SLOT_EXPR, Infinity);
  if (text === null) throw new FlatBreak();
  return text;
};

/** Thrown inside flat rendering when an interpolation cannot be flat; caught by `flat`. */
class FlatBreak extends Error {}

/**
 * The one-line rendering of `expr` in a slot of level `limit`, or null when it is longer than
 * `budget` or must span lines (comments, `let`, indented strings, collections of two or more, …).
 * The layout printer uses it as nixfmt uses a group: take it when it fits, else break.
 */
export function flat(expr: NixExpr, limit: number, budget: number): string | null {
  if (expr.comments !== undefined && expr.comments.length > 0) return null;
  return flatSelf(expr, limit, budget);
}

/** Like `flat`, for a node whose own comments the caller has already written above it. */
export function flatSelf(expr: NixExpr, limit: number, budget: number): string | null {
  if (budget < 1) return null;
  if (wraps(expr, limit)) {
    const inner = flatBare(expr, budget - 2);
    return inner === null ? null : `(${inner})`;
  }
  return flatBare(expr, budget);
}

function flatBare(expr: NixExpr, budget: number): string | null {
  let text: string | null;
  switch (expr.kind) {
    case 'int':
      text = printInt(expr);
      break;
    case 'float':
      text = printFloat(expr);
      break;
    case 'string':
      if (isIndentedString(expr)) return null;
      try {
        text = printDoubleQuoted(expr, interpolateFlat);
      } catch (error) {
        if (error instanceof FlatBreak) return null;
        throw error;
      }
      break;
    case 'path':
      try {
        text = printPath(expr, interpolateFlat);
      } catch (error) {
        if (error instanceof FlatBreak) return null;
        throw error;
      }
      break;
    case 'searchPath':
      text = printSearchPath(expr);
      break;
    case 'uri':
      text = printUri(expr);
      break;
    case 'var':
      text = printVar(expr);
      break;
    case 'parens': {
      const inner = flat(expr.expr, SLOT_EXPR, budget - 2);
      text = inner === null ? null : `(${inner})`;
      break;
    }
    case 'raw':
      // A `#` may start a comment that would swallow what follows, so raw text with one breaks.
      text = expr.text.includes('\n') || expr.text.includes('#') ? null : expr.text;
      break;
    case 'list': {
      // Empty brackets are measured too: in nixfmt `[ [ ] ]` is a group that breaks when it does
      // not fit, and `name = [ ];` moves below `name =` like any other term.
      if (expr.items.length === 0) {
        text = '[ ]';
        break;
      }
      if (expr.items.length > 1) return null;
      const item = flat(expr.items[0]!, SLOT_ARGUMENT, budget - 4);
      text = item === null ? null : `[ ${item} ]`;
      break;
    }
    case 'attrs': {
      const open = expr.rec ? 'rec {' : '{';
      if (expr.bindings.length === 0) {
        text = `${open} }`;
        break;
      }
      if (expr.bindings.length > 1) return null;
      const binding = flatBinding(expr.bindings[0]!, budget - open.length - 2);
      text = binding === null ? null : `${open} ${binding} }`;
      break;
    }
    case 'let':
    case 'assert':
      return null;
    case 'with': {
      const scope = flat(expr.scope, SLOT_EXPR, budget - 7);
      const body = scope === null ? null : flat(expr.body, SLOT_EXPR, budget - 7 - scope.length);
      text = body === null ? null : `with ${scope!}; ${body}`;
      break;
    }
    case 'if': {
      const condition = flat(expr.condition, SLOT_EXPR, budget - 17);
      const then = condition === null ? null : flat(expr.then, SLOT_EXPR, budget - 17 - condition.length);
      const otherwise =
        then === null ? null : flat(expr.else, SLOT_EXPR, budget - 17 - condition!.length - then.length);
      text = otherwise === null ? null : `if ${condition!} then ${then!} else ${otherwise}`;
      break;
    }
    case 'lambda': {
      let head: string;
      if (expr.param.kind === 'ident') {
        checkVariableName(expr.param.name, 'lambda parameter');
        head = `${expr.param.name}: `;
        // nixfmt's `absorbAbs` puts a hardline after three or more parameters unless the body
        // is absorbed (print.ts, lambda); such a lambda never fits on one line.
        let count = 1;
        let final: NixExpr = expr.body;
        for (; final.kind === 'lambda' && final.param.kind === 'ident' && final.comments === undefined; count++) final = final.body;
        if (count >= 3 && !((final.kind === 'attrs' && final.bindings.length > 0) || (final.kind === 'list' && final.items.length > 0))) return null;
        // `x: with y; {…}` is absorbed with `prettyWith True`, which always expands the set.
        if (final.kind === 'with' && final.comments === undefined && final.body.kind === 'attrs' && final.body.bindings.length > 0) return null;
      } else {
        // A set pattern's attrset body is always expanded (nixfmt renders it wide).
        if (formalsExpand(expr.param) || (expr.body.kind === 'attrs' && forcesExpansion(expr.body))) return null;
        head = `${flatFormals(expr.param)}: `;
      }
      const body = flat(expr.body, SLOT_EXPR, budget - head.length);
      text = body === null ? null : head + body;
      break;
    }
    case 'call': {
      const call = splitAtOr(expr);
      const orFirst = isOrVariable(call.args[0]);
      text = flat(call.fn, orFirst ? SLOT_SUBJECT : SLOT_ARGUMENT, budget);
      const last = call.args.length - 1;
      for (let i = 0; i <= last && text !== null; i++) {
        const arg = call.args[i]!;
        const room = budget - text.length - 1;
        const next = i === 0 && orFirst ? 'or' : i < last ? flatArgument(arg, room) : flat(arg, SLOT_ARGUMENT, room);
        text = next === null ? null : `${text} ${next}`;
      }
      break;
    }
    case 'select': {
      const subject = flat(expr.subject, SLOT_SUBJECT, budget);
      const path = subject === null ? null : flatAttrPath(expr.path, 'select node');
      if (path === null) return null;
      text = `${subject!}.${path}`;
      if (expr.or !== undefined) {
        const fallback = flat(expr.or, SLOT_ARGUMENT, budget - text.length - 4);
        text = fallback === null ? null : `${text} or ${fallback}`;
      }
      break;
    }
    case 'hasAttr':
      text = flatTests(expr, budget);
      break;
    case 'unary': {
      const operand = flat(expr.operand, expr.op === '-' ? SLOT_NEGATE_OPERAND : LEVEL_NOT, budget - 1);
      text = operand === null ? null : expr.op + operand;
      break;
    }
    case 'binary':
      text = flatChain(expr, budget);
      break;
  }
  return text !== null && text.length <= budget ? text : null;
}

/** Work counter (nodes of operator chains and `?` chains walked by `flat`), read by the robustness tests. */
export const flatWork = { chainNodes: 0 };

type Binary = Extract<NixExpr, { kind: 'binary' }>;
type HasAttr = Extract<NixExpr, { kind: 'hasAttr' }>;

/**
 * A chain of one operator level on one line: what recursing into both sides writes, produced by
 * an in-order walk with an explicit stack, since a chain of thousands of operands is a tree
 * thousands of levels deep. Each operator costs at least ` op x` in the text, so the walk gives
 * up as soon as the chain cannot fit the budget, and its work is bounded by the budget.
 */
function flatChain(root: Binary, budget: number): string | null {
  let text = '';
  // A lower bound of the length still to come: 1 per operand, ` op ` per operator.
  let needed = root.op.length + 4;
  const todo: (Binary | { operand: NixExpr; limit: number } | string)[] = [root];
  const least = (entry: Binary | { operand: NixExpr }): number => ('operand' in entry ? 1 : entry.op.length + 4);
  while (todo.length > 0) {
    const entry = todo.pop()!;
    flatWork.chainNodes++;
    if (typeof entry === 'string') {
      needed -= entry.length + 2;
      text += ` ${entry} `;
    } else if ('operand' in entry) {
      needed -= 1;
      const operand = flat(entry.operand, entry.limit, budget - text.length - needed);
      if (operand === null) return null;
      text += operand;
    } else {
      const [leftLimit, rightLimit] = operandLimits(entry.op);
      const right = continuesChain(entry, entry.right, rightLimit) ? (entry.right as Binary) : { operand: entry.right, limit: rightLimit };
      const left = continuesChain(entry, entry.left, leftLimit) ? (entry.left as Binary) : { operand: entry.left, limit: leftLimit };
      needed += least(left) + least(right) - 2;
      if (text.length + needed > budget) return null;
      todo.push(right, entry.op, left);
    }
  }
  return text.length <= budget ? text : null;
}

/** `a ? b ? c` on one line, walking the nested tests with a loop. */
function flatTests(expr: HasAttr, budget: number): string | null {
  const tests: HasAttr[] = [expr];
  let subject = expr.subject;
  while (continuesTests(subject)) {
    flatWork.chainNodes++;
    tests.push(subject as HasAttr);
    if (tests.length * 4 > budget) return null;
    subject = (subject as HasAttr).subject;
  }
  let text = flat(subject, LEVEL_HAS_ATTR, budget - tests.length * 4);
  for (let i = tests.length - 1; i >= 0 && text !== null; i--) {
    const path = flatAttrPath(tests[i]!.path, 'hasAttr node');
    text = path === null ? null : `${text} ? ${path}`;
  }
  return text;
}

/**
 * A call argument before the last one. nixfmt keeps a list of at most six simple items inline
 * there (`f [ a b ] x`), although a list of two or more is otherwise always expanded.
 */
export function flatArgument(arg: NixExpr, budget: number): string | null {
  if (arg.kind !== 'list' || arg.items.length < 2 || arg.items.length > 6 || arg.comments !== undefined) {
    return flat(arg, SLOT_ARGUMENT, budget);
  }
  const items: string[] = [];
  for (const item of arg.items) {
    if (!isSimple(item)) return null;
    const text = flat(item, SLOT_ARGUMENT, budget);
    if (text === null) return null;
    items.push(text);
  }
  const text = `[ ${items.join(' ')} ]`;
  return text.length <= budget ? text : null;
}

/** nixfmt's "simple" terms: identifiers, plain selections of them, literals without interpolation. */
function isSimple(expr: NixExpr): boolean {
  if (expr.comments !== undefined) return false;
  switch (expr.kind) {
    case 'var':
    case 'int':
    case 'float':
    case 'searchPath':
      return levelOf(expr) === 0;
    case 'string':
    case 'path':
      return expr.parts.every((part) => typeof part === 'string');
    case 'select':
      return expr.or === undefined && isSimple(expr.subject) && expr.path.every((key) => typeof key === 'string');
    default:
      return false;
  }
}

/** The path on one line, or null when a `${…}` key cannot be flat. */
function flatAttrPath(path: readonly (string | NixExpr)[], owner: string): string | null {
  try {
    return printAttrPath(path, interpolateFlat, owner);
  } catch (error) {
    if (error instanceof FlatBreak) return null;
    throw error;
  }
}

/** `a = 1;` or `inherit (x) a b;` on one line, or null. */
export function flatBinding(item: NixBindingItem, budget: number): string | null {
  if (item.comments !== undefined && item.comments.length > 0) return null;
  if (item.kind === 'inherit') {
    if (item.names.length >= 4) return null;
    let text = 'inherit';
    if (item.from !== undefined) {
      const from = flat(item.from, SLOT_EXPR, budget);
      if (from === null) return null;
      text += ` (${from})`;
    }
    for (const name of item.names) text += ` ${attrName(name)}`;
    text += ';';
    return text.length <= budget ? text : null;
  }
  if (forcesExpansion(item.value)) return null;
  const path = flatAttrPath(item.path, 'binding');
  if (path === null) return null;
  const value = flat(item.value, SLOT_EXPR, budget - path.length - 4);
  if (value === null) return null;
  return `${path} = ${value};`;
}

/** `{ a, b ? d, ... }` on one line, with `name@` / `@name`. */
export function flatFormals(param: NixFormalsParam): string {
  const entries = param.formals.map((formal) => {
    checkVariableName(formal.name, 'formal');
    return formal.name;
  });
  if (param.ellipsis) entries.push('...');
  const body = entries.length === 0 ? '{ }' : `{ ${entries.join(', ')} }`;
  if (param.bind === undefined) return body;
  checkVariableName(param.bind.name, 'formals binding');
  return param.bind.position === 'before' ? `${param.bind.name}@${body}` : `${body}@${param.bind.name}`;
}
