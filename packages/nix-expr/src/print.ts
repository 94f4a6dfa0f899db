import { isNixExpr, type NixCall, type NixExpr, type NixFormalsParam, type NixLambda } from './ast.js';
import { DEFAULT_MAX_DEPTH, checkOptions, integerIn } from './options.js';
import { checkPrintDepth, continuesChain, continuesTests } from './print-depth.js';
import { checkVariableName } from './attr-name.js';
import { NixExprError } from './errors.js';
import { printIndented, printIndentedFlush } from './escape-indented.js';
import { isIndentedString, printAttrPath, printDoubleQuoted, printPath } from './print-atoms.js';
import { attrs, leafText, writeAttrs, writeBinding } from './print-bindings.js';
import {
  absorbMiddleArgument,
  applicationGreedy,
  parenthesizedApplication,
  simpleApplication,
} from './print-application.js';
import { buffer, finish, release, type PrintBuffer } from './print-buffer.js';
import { dataFastPathEnabled, writeListBody } from './print-data.js';
import { isOrVariable, splitAtOr } from './print-or.js';
import {
  SLOT_NEGATE_OPERAND,
  SLOT_SUBJECT,
  flat,
  flatArgument,
  flatSelf,
  flatFormals,
  forcesExpansion,
  formalsExpand,
  wraps,
} from './print-flat.js';
import { LEVEL_HAS_ATTR, LEVEL_NOT, SLOT_ARGUMENT, SLOT_EXPR, operandLimits } from './precedence.js';

/** Layout options of `print`. */
export interface PrintOptions {
  /** Soft line width, not counting indentation (nixfmt: 100). An integer from 1 to 1,000. */
  width?: number;
  /** Spaces per indentation level (nixfmt: 2). An integer from 0 to 16. */
  indent?: number;
  /** End the output with a newline, as a file should (default true). */
  finalNewline?: boolean;
  /**
   * Nesting limit of the expression (default 10,000, at most 1,000,000); deeper input throws
   * `NixExprError`. Nesting other than lists and sets inside lists and sets from the top and
   * chains of one operator is limited to 500 levels in any case.
   */
  maxDepth?: number;
}

const PRINT_OPTIONS = { width: 'integer', indent: 'integer', finalNewline: 'boolean', maxDepth: 'integer' } as const;

export interface Layout {
  width: number;
  unit: string;
}

/**
 * Prints an expression as Nix source in the layout of nixfmt (RFC 166): 2-space indentation,
 * collections of two or more items one per line, attribute-set binding values expanded, the last
 * argument of a call absorbed (`f a {⏎…⏎}`). Parentheses are added exactly where the grammar
 * needs them, strings and attribute names are escaped for every input, and comments attached
 * with `comment()` are written as `#` lines. Throws `NixExprError` for a node that has no Nix
 * syntax (a keyword as a variable, an empty attribute path, a path with spaces, …).
 */
export function print(expr: NixExpr, options?: PrintOptions): string {
  const checked = checkOptions<PrintOptions>(options, 'print', PRINT_OPTIONS);
  const width = integerIn(checked.width, 100, 1, 1000, 'print', 'width');
  const indent = integerIn(checked.indent, 2, 0, 16, 'print', 'indent');
  if (!isNixExpr(expr)) throw new NixExprError('print: expected an AST node made by the builders, toNix or parse()', { value: expr });
  checkPrintDepth(expr, integerIn(checked.maxDepth, DEFAULT_MAX_DEPTH, 1, 1_000_000, 'print', 'maxDepth'));
  const layout: Layout = { width, unit: ' '.repeat(indent) };
  // Output goes into one byte sink decoded at the end (print-buffer.ts): building it by
  // concatenation would leave a rope of millions of intermediate strings for the garbage
  // collector on large trees.
  const out = buffer();
  try {
    writeLineStart(layout, out, expr, '', layout.width, SLOT_EXPR);
    if (checked.finalNewline !== false) out.push('\n');
    return finish(out);
  } finally {
    release(out);
  }
}

export function commentLines(comments: readonly string[] | undefined, ind: string): string {
  if (comments === undefined || comments.length === 0) return '';
  let out = '';
  for (const line of comments) {
    if (/[\r\n]/.test(line)) throw new NixExprError('a comment line cannot contain a line break', { value: line });
    // Always `# ` + text (the parser drops exactly that one space), `#` alone for an empty line.
    out += (line === '' ? '#' : `# ${line}`) + '\n' + ind;
  }
  return out;
}

/** A node at the start of a line: its comments go on the lines above it. */
export function lineStart(layout: Layout, expr: NixExpr, ind: string, room: number, limit: number): string {
  const out = buffer();
  writeLineStart(layout, out, expr, ind, room, limit);
  return finish(out);
}

export function writeLineStart(layout: Layout, out: PrintBuffer, expr: NixExpr, ind: string, room: number, limit: number): void {
  if (expr.comments !== undefined && expr.comments.length > 0) out.push(commentLines(expr.comments, ind));
  if (wraps(expr, limit)) {
    out.push(plain(layout, expr, ind, room, limit));
    return;
  }
  switch (expr.kind) {
    case 'list':
      writeList(layout, out, expr.items, ind, room);
      return;
    case 'attrs':
      writeAttrs(layout, out, expr, ind, room, false);
      return;
    default:
      out.push(bare(layout, expr, ind, room));
  }
}

/**
 * A node anywhere. A commented node in the middle of a line is put inside parentheses with the
 * comment on its own line, the one place a `#` comment cannot change what follows.
 */
export function node(layout: Layout, expr: NixExpr, ind: string, room: number, limit: number): string {
  if (expr.comments !== undefined && expr.comments.length > 0) {
    const inner = ind + layout.unit;
    return `(\n${inner}${lineStart(layout, expr, inner, layout.width, SLOT_EXPR)}\n${ind})`;
  }
  return plain(layout, expr, ind, room, limit);
}

export function plain(layout: Layout, expr: NixExpr, ind: string, room: number, limit: number): string {
  if (!wraps(expr, limit)) return bare(layout, expr, ind, room);
  if (expr.kind === 'raw') return `(${bare(layout, expr, ind, room)})`;
  // `(with x; {…})` absorbs its set with `prettyWith True`, which always expands it.
  if (absorbsWith(expr) && expr.body.kind === 'attrs') return `(${absorbedWith(layout, expr, ind, room - 2)})`;
  const oneLine = flatSelf(expr, limit, room);
  if (oneLine !== null) return oneLine;
  if (absorbable(expr)) return `(${bare(layout, expr, ind, room - 2)})`;
  if (expr.kind === 'call') return parenthesizedApplication(layout, expr, ind, room);
  if (absorbsWith(expr)) return `(${absorbedWith(layout, expr, ind, room - 2)})`;
  const inner = ind + layout.unit;
  return `(\n${inner}${bare(layout, expr, inner, layout.width)}\n${ind})`;
}

/**
 * A node at the start of a line whose enclosing nixfmt group is already broken (after `x:⏎`,
 * `in⏎`, `assert …;⏎`, `with …;⏎`): a `with` there breaks after its `;` even when it would fit.
 */
export function brokenLineStart(layout: Layout, expr: NixExpr, ind: string): string {
  const plainNode = expr.comments === undefined || expr.comments.length === 0;
  // A set there is written with `prettyTerm`, whose line breaks belong to the broken group.
  if (plainNode && expr.kind === 'attrs' && expr.bindings.length > 0) return attrs(layout, expr, ind, layout.width, true);
  if (expr.kind !== 'with' || !plainNode) return lineStart(layout, expr, ind, layout.width, SLOT_EXPR);
  const scope = flat(expr.scope, SLOT_EXPR, layout.width - 6) ?? node(layout, expr.scope, ind, layout.width - 6, SLOT_EXPR);
  return `with ${scope};\n${ind}${brokenLineStart(layout, expr.body, ind)}`;
}

/** A `with` whose body is a non-empty set or list, list or indented string (nixfmt's `isAbsorbableExpr`). */
export function absorbsWith(expr: NixExpr): expr is Extract<NixExpr, { kind: 'with' }> {
  return expr.kind === 'with' && (expr.comments === undefined || expr.comments.length === 0) && absorbable(expr.body) && expr.body.kind !== 'lambda' && expr.body.kind !== 'parens';
}

/** `with x; {⏎…⏎}` as nixfmt's `prettyWith True` writes it where it absorbs: the set always expanded. */
export function absorbedWith(layout: Layout, expr: Extract<NixExpr, { kind: 'with' }>, ind: string, room: number): string {
  const head = `with ${node(layout, expr.scope, ind, room - 6, SLOT_EXPR)};`;
  const body = expr.body;
  const rest = room - head.length - 1;
  return `${head} ${body.kind === 'attrs' ? attrs(layout, body, ind, rest, true) : bare(layout, body, ind, rest)}`;
}

/** Forms whose opening bracket can stay on the line before them (`= {`, `f a [`, `(x: {`). */
export function absorbable(expr: NixExpr): boolean {
  if (expr.comments !== undefined && expr.comments.length > 0) return false;
  switch (expr.kind) {
    case 'attrs':
      return expr.bindings.length > 0;
    case 'list':
      return expr.items.length > 0;
    case 'string':
      return isIndentedString(expr);
    case 'lambda':
      return expr.param.kind === 'ident' && absorbable(expr.body);
    case 'parens':
      return absorbable(expr.expr);
    default:
      return false;
  }
}

export function interpolation(layout: Layout, ind: string): (expr: NixExpr) => string {
  return (expr) => flat(expr, SLOT_EXPR, Infinity) ?? node(layout, expr, ind, layout.width, SLOT_EXPR);
}

export function bare(layout: Layout, expr: NixExpr, ind: string, room: number): string {
  switch (expr.kind) {
    case 'string':
      if (isIndentedString(expr)) {
        if (expr.leadingEmpty === false && typeof expr.parts[0] === 'object') return printIndentedFlush(expr.parts, interpolation(layout, ind));
        return printIndented(expr.parts, ind + layout.unit, ind, interpolation(layout, ind + layout.unit));
      }
      return printDoubleQuoted(expr, interpolation(layout, ind));
    case 'path':
      return printPath(expr, interpolation(layout, ind));
    case 'raw':
      return expr.text.includes('#') ? `${expr.text}\n${ind}` : expr.text;
    case 'parens': {
      const oneLine = flatSelf(expr, SLOT_EXPR, room);
      if (oneLine !== null) return oneLine;
      if (absorbable(expr.expr)) return `(${node(layout, expr.expr, ind, room - 2, SLOT_EXPR)})`;
      if (expr.expr.kind === 'call' && (expr.expr.comments === undefined || expr.expr.comments.length === 0)) {
        return parenthesizedApplication(layout, expr.expr, ind, room);
      }
      const inner = ind + layout.unit;
      return `(\n${inner}${lineStart(layout, expr.expr, inner, layout.width, SLOT_EXPR)}\n${ind})`;
    }
    case 'list':
    case 'attrs':
      return lineStart(layout, expr, ind, room, SLOT_EXPR);
    case 'let': {
      const inner = ind + layout.unit;
      const out = buffer();
      out.push('let');
      for (const item of expr.bindings) {
        out.push('\n', inner);
        writeBinding(layout, out, item, inner, true);
      }
      out.push('\n', ind, 'in\n', ind);
      if (expr.body.kind === 'with' || expr.body.kind === 'attrs') out.push(brokenLineStart(layout, expr.body, ind));
      else writeLineStart(layout, out, expr.body, ind, layout.width, SLOT_EXPR);
      return finish(out);
    }
    case 'with': {
      const oneLine = flatSelf(expr, SLOT_EXPR, room);
      if (oneLine !== null) return oneLine;
      // nixfmt's `prettyWith False`: `group (with x;) <> line <> body`, the `line` belonging to
      // the enclosing group, so a `with` that does not fit breaks after `;` whatever its body.
      // The contexts that absorb a set or list body (`with x; {`) use `absorbedWith`.
      const head = `with ${node(layout, expr.scope, ind, room - 6, SLOT_EXPR)};`;
      return `${head}\n${ind}${brokenLineStart(layout, expr.body, ind)}`;
    }
    case 'assert': {
      // nixfmt writes `assert cond;` as the application of `assert` to the condition: on one
      // line, or an absorbed set, list or parenthesized condition (`assert (⏎…⏎);`), else the
      // condition on its own lines one level deeper.
      const condition = expr.condition;
      const plainCondition = condition.comments === undefined || condition.comments.length === 0;
      const oneLine = flat(condition, SLOT_EXPR, room - 8);
      let head: string;
      if (oneLine !== null) head = `assert ${oneLine};`;
      else if (plainCondition && absorbable(condition)) head = `assert ${bare(layout, condition, ind, room - 8)};`;
      else if (plainCondition && condition.kind !== 'parens') {
        const inner = ind + layout.unit;
        head = `assert\n${inner}${lineStart(layout, condition, inner, layout.width - 1, SLOT_EXPR)};`;
      } else head = `assert ${node(layout, condition, ind, room - 8, SLOT_EXPR)};`;
      return `${head}\n${ind}${brokenLineStart(layout, expr.body, ind)}`;
    }
    case 'if':
      return ifThenElse(layout, expr, ind, room);
    case 'lambda':
      return lambda(layout, expr, ind, room);
    case 'call':
      return application(layout, expr, ind, room);
    case 'select': {
      const oneLine = flatSelf(expr, SLOT_EXPR, room);
      if (oneLine !== null) return oneLine;
      const interpolate = interpolation(layout, ind);
      let out = `${node(layout, expr.subject, ind, room, SLOT_SUBJECT)}.${printAttrPath(expr.path, interpolate, 'select node')}`;
      if (expr.or !== undefined) out += ` or ${node(layout, expr.or, ind, room - out.length - 4, SLOT_ARGUMENT)}`;
      return out;
    }
    case 'hasAttr': {
      // `a ? b ? c` nests each test in the next: walk the chain with a loop, not recursion.
      const tests: NixExpr[] = [expr];
      let subject = expr.subject;
      while (continuesTests(subject)) {
        tests.push(subject);
        subject = (subject as Extract<NixExpr, { kind: 'hasAttr' }>).subject;
      }
      let out = node(layout, subject, ind, room, LEVEL_HAS_ATTR);
      for (let i = tests.length - 1; i >= 0; i--) {
        out += ` ? ${printAttrPath((tests[i] as Extract<NixExpr, { kind: 'hasAttr' }>).path, interpolation(layout, ind), 'hasAttr node')}`;
      }
      return out;
    }
    case 'unary':
      return expr.op + node(layout, expr.operand, ind, room - 1, expr.op === '-' ? SLOT_NEGATE_OPERAND : LEVEL_NOT);
    case 'binary':
      return operatorChain(layout, expr, ind, room);
    default:
      // Literals, variables, search paths and URIs are one token; `flat` also validates them.
      return flatSelf(expr, SLOT_EXPR, Infinity)!;
  }
}

export function writeList(layout: Layout, out: PrintBuffer, items: readonly NixExpr[], ind: string, room: number): void {
  if (items.length === 0) {
    out.push('[ ]');
    return;
  }
  if (items.length === 1) {
    const item = flat(items[0]!, SLOT_ARGUMENT, room - 4);
    if (item !== null) {
      out.push('[ ', item, ' ]');
      return;
    }
  }
  out.push('[');
  if (dataFastPathEnabled()) {
    writeListBody(layout, out, items, ind);
    return;
  }
  const inner = ind + layout.unit;
  const newline = `\n${inner}`;
  for (const item of items) {
    const leaf = leafText(item);
    if (leaf !== null && !wraps(item, SLOT_ARGUMENT)) {
      out.push(newline, leaf);
      continue;
    }
    out.push(newline);
    writeLineStart(layout, out, item, inner, layout.width, SLOT_ARGUMENT);
  }
  out.push(`\n${ind}]`);
}

function ifThenElse(layout: Layout, expr: Extract<NixExpr, { kind: 'if' }>, ind: string, room: number): string {
  const oneLine = flatSelf(expr, SLOT_EXPR, room);
  if (oneLine !== null) return oneLine;
  const inner = ind + layout.unit;
  // `group (if line cond line then)`: when `if cond then` does not fit, the condition goes on
  // its own lines between `if` and `then` (nixfmt `prettyIf`).
  const condition = flat(expr.condition, SLOT_EXPR, room - 8);
  let out =
    condition !== null
      ? `if ${condition} then\n${inner}`
      : `if\n${inner}${lineStart(layout, expr.condition, inner, layout.width, SLOT_EXPR)}\n${ind}then\n${inner}`;
  out += lineStart(layout, expr.then, inner, layout.width, SLOT_EXPR);
  const otherwise = expr.else;
  if (otherwise.kind === 'if' && (otherwise.comments === undefined || otherwise.comments.length === 0)) {
    return `${out}\n${ind}else ${ifThenElse(layout, otherwise, ind, room - 5)}`;
  }
  return `${out}\n${ind}else\n${inner}${lineStart(layout, otherwise, inner, layout.width, SLOT_EXPR)}`;
}

function lambda(layout: Layout, expr: NixLambda, ind: string, room: number): string {
  const param = expr.param;
  if (param.kind === 'ident') {
    checkVariableName(param.name, 'lambda parameter');
    // `absorbAbs`: after three or more parameters (`x: y: z:`) a body that is not absorbed always
    // starts on the next line (`hardline`), whatever its length.
    let names = `${param.name}:`;
    let final: NixExpr = expr.body;
    let count = 1;
    while (final.kind === 'lambda' && final.param.kind === 'ident' && (final.comments === undefined || final.comments.length === 0)) {
      checkVariableName(final.param.name, 'lambda parameter');
      names += ` ${final.param.name}:`;
      final = final.body;
      count++;
    }
    if (count >= 3 && (final.comments !== undefined && final.comments.length > 0 ? true : !absorbable(final) && !absorbsWith(final))) {
      return `${names}\n${ind}${brokenLineStart(layout, final, ind)}`;
    }
    const oneLine = flatSelf(expr, SLOT_EXPR, room);
    if (oneLine !== null) return oneLine;
    const head = `${param.name}: `;
    const body = expr.body;
    const bodyComments = body.comments !== undefined && body.comments.length > 0;
    if (!bodyComments && ((body.kind === 'lambda' && body.param.kind === 'ident') || absorbable(body))) {
      return head + bare(layout, body, ind, room - head.length);
    }
    if (absorbsWith(body)) return head + absorbedWith(layout, body, ind, room - head.length);
    // nixfmt (`pretty (Abstraction (IDParameter …))`, `absorbAbs`): a body that is not absorbed
    // goes on the next line at the same indentation as the parameters (no `nest`).
    return `${param.name}:\n${ind}${brokenLineStart(layout, body, ind)}`;
  }
  const body = expr.body;
  const bodyText = (): string =>
    body.kind === 'attrs' && forcesExpansion(body) && body.comments === undefined
      ? attrs(layout, body, ind, layout.width, true)
      : brokenLineStart(layout, body, ind);
  if (!formalsExpand(param)) {
    const oneLine = flatSelf(expr, SLOT_EXPR, room);
    if (oneLine !== null) return oneLine;
    const head = flatFormals(param);
    if (head.length + 1 <= room) return `${head}:\n${ind}${bodyText()}`;
  }
  return `${expandedFormals(layout, param, ind)}:\n${ind}${bodyText()}`;
}

function expandedFormals(layout: Layout, param: NixFormalsParam, ind: string): string {
  const inner = ind + layout.unit;
  let out = '{';
  for (const formal of param.formals) {
    checkVariableName(formal.name, 'formal');
    out += `\n${inner}${formal.name}`;
    if (formal.default !== undefined) {
      const room = layout.width - formal.name.length - 4;
      // A URI literal at the end of the default would swallow the `,` (a URI character).
      const text = node(layout, formal.default, inner, room, SLOT_EXPR);
      out += endsWithUri(formal.default) ? ` ? (${text})` : ` ? ${text}`;
    }
    out += ',';
  }
  if (param.ellipsis) out += `\n${inner}...`;
  out += `\n${ind}}`;
  if (param.bind === undefined) return out;
  checkVariableName(param.bind.name, 'formals binding');
  return param.bind.position === 'before' ? `${param.bind.name}@${out}` : `${out}@${param.bind.name}`;
}

function application(layout: Layout, expr: NixCall, ind: string, room: number): string {
  // nixfmt's `prettyApp` (print-application.ts): one line, a simple call on one line, the last
  // argument absorbed, an earlier set or list absorbed, else the greedy prefix.
  const oneLine = flatSelf(expr, SLOT_EXPR, room) ?? simpleApplication(layout, expr, ind, room);
  if (oneLine !== null) return oneLine;
  const absorbed = absorbLastArgument(layout, expr, ind, room) ?? absorbMiddleArgument(layout, expr, ind, room);
  if (absorbed !== null) return absorbed;
  return applicationGreedy(layout, expr, ind, room);
}

/** `f a b {⏎…⏎}`: everything but the last argument flat on the first line, the last one opened there. */
export function absorbLastArgument(layout: Layout, given: NixCall, ind: string, room: number): string | null {
  const expr = splitAtOr(given);
  const last = expr.args[expr.args.length - 1]!;
  const lastComments = last.comments !== undefined && last.comments.length > 0;
  // nixfmt's `absorbLast`: an absorbable term, or any argument that needs parentheses
  // (`absorbParen`: `(` on this line, the expression one level deeper, `)` below it).
  const parenthesized = !lastComments && (last.kind === 'parens' || wraps(last, SLOT_ARGUMENT));
  if (!absorbable(last) && !parenthesized) return null;
  const orFirst = isOrVariable(expr.args[0]);
  let head = flat(expr.fn, orFirst ? SLOT_SUBJECT : SLOT_ARGUMENT, room);
  for (let i = 0; i < expr.args.length - 1 && head !== null; i++) {
    const arg = i === 0 && orFirst ? 'or' : flatArgument(expr.args[i]!, room - head.length - 1);
    head = arg === null ? null : `${head} ${arg}`;
  }
  if (head === null || head.length + 2 > room) return null;
  const rest = room - head.length - 1;
  const text = absorbable(last) ? plain(layout, last, ind, rest, SLOT_ARGUMENT) : absorbedParens(layout, last, ind, rest);
  // The first line of the argument (`{`, `[`, `''`, `(x: {`, `(`) has to fit after the head.
  const firstBreak = text.indexOf('\n');
  if (head.length + 1 + (firstBreak < 0 ? text.length : firstBreak) > room) return null;
  return `${head} ${text}`;
}

/**
 * A last argument in parentheses, as nixfmt's `absorbLast` writes it: `(g {⏎…⏎})` for an
 * identifier applied to one set, list or indented string (the set always expanded), else
 * `absorbParen`: `(` then the expression on its own lines one level deeper, then `)`.
 */
export function absorbedParens(layout: Layout, last: NixExpr, ind: string, room: number): string {
  const inside = last.kind === 'parens' ? last.expr : last;
  if (inside.comments !== undefined && inside.comments.length > 0) return plain(layout, last, ind, room, SLOT_ARGUMENT);
  if (inside.kind === 'call' && inside.fn.kind === 'var' && inside.args.length === 1 && !isOrVariable(inside.fn) && absorbable(inside.args[0]!)) {
    const fn = flat(inside.fn, SLOT_ARGUMENT, Infinity);
    const body = inside.args[0]!;
    if (fn !== null && body.kind !== 'lambda' && body.kind !== 'parens') {
      const text = body.kind === 'attrs' ? attrs(layout, body, ind, room - fn.length - 2, true) : bare(layout, body, ind, room - fn.length - 2);
      return `(${fn} ${text})`;
    }
  }
  const inner = ind + layout.unit;
  return `(\n${inner}${lineStart(layout, inside, inner, layout.width, SLOT_EXPR)}\n${ind})`;
}

/** A chain of one operator level, one operand per line with the operator in front when it breaks. */
export function operatorChain(layout: Layout, expr: Extract<NixExpr, { kind: 'binary' }>, ind: string, room: number, firstWide = false): string {
  // `firstWide`: nixfmt's `prettyOp True` in a binding, whose first operand (a set) never fits.
  const oneLine = firstWide ? null : flatSelf(expr, SLOT_EXPR, room);
  if (oneLine !== null) return oneLine;
  if (COMPARISONS.has(expr.op)) return comparison(layout, expr, ind, room);
  const operands: NixExpr[] = [];
  const operators: string[] = [];
  const limits: number[] = [];
  collectChain(expr, operands, operators, limits);
  // nixfmt's `prettyOp` writes a set operand with `prettyTerm`, outside any group of its own, so
  // in a chain that breaks every non-empty set operand breaks too (lists keep their own group).
  const operand = (item: NixExpr, itemRoom: number, limit: number): string =>
    item.kind === 'attrs' && item.bindings.length > 0 && (item.comments === undefined || item.comments.length === 0) && !wraps(item, limit)
      ? attrs(layout, item, ind, itemRoom, true)
      : node(layout, item, ind, itemRoom, limit);
  let out = operand(operands[0]!, room, limits[0]!);
  for (let i = 1; i < operands.length; i++) {
    const prefix = `${operators[i - 1]!} `;
    out += `\n${ind}${prefix}${operand(operands[i]!, layout.width - prefix.length, limits[i]!)}`;
  }
  return out;
}

const COMPARISONS: ReadonlySet<string> = new Set(['<', '<=', '>', '>=', '==', '!=']);

/**
 * `a < b` and the other comparisons, which do not chain: nixfmt writes them as
 * `pretty a <> softline <> op <> hardspace <> pretty b` (Pretty.hs, `pretty (Operation …)`), so the
 * line breaks before the operator only when the operator and the first line of `b` do not fit
 * after the last line of `a`; `b` is not indented.
 */
function comparison(layout: Layout, expr: Extract<NixExpr, { kind: 'binary' }>, ind: string, room: number): string {
  const [leftLimit, rightLimit] = operandLimits(expr.op);
  const left = operandText(layout, expr.left, ind, null, leftLimit, room);
  const leftBreak = left.lastIndexOf('\n');
  // Columns used on the last line of `a`, and what is left of the width there.
  const used = leftBreak < 0 ? left.length : left.length - leftBreak - 1 - ind.length;
  const rest = (leftBreak < 0 ? room : layout.width) - used - expr.op.length - 2;
  // Predoc's `firstLineFits` takes a group that would fit a whole line as one piece: `b` on one
  // line either fits after the operator or goes to the next line; only a `b` that fits no line
  // is opened after the operator when its first line fits there.
  const right0 = expr.right;
  const isSet = right0.kind === 'attrs' && right0.bindings.length > 0 && (right0.comments === undefined || right0.comments.length === 0) && !wraps(right0, rightLimit);
  // A set is no group of its own: its first line is `{`, and it breaks with the comparison.
  const oneLine = isSet ? null : flat(expr.right, rightLimit, layout.width - expr.op.length - 1);
  const operand = (text: string): string => operandText(layout, expr.right, ind, text, rightLimit);
  if (oneLine !== null) {
    return oneLine.length <= rest ? `${left} ${expr.op} ${operand(oneLine)}` : `${left}\n${ind}${expr.op} ${operand(oneLine)}`;
  }
  const right = operandText(layout, expr.right, ind, null, rightLimit, rest);
  const rightBreak = right.indexOf('\n');
  if ((rightBreak < 0 ? right.length : rightBreak) <= rest) return `${left} ${expr.op} ${right}`;
  return `${left}\n${ind}${expr.op} ${operandText(layout, expr.right, ind, null, rightLimit, layout.width - expr.op.length - 1)}`;
}

/**
 * A comparison's right operand: a non-empty set is written with `prettyTerm`, outside any group
 * of its own, so once the comparison breaks the set breaks too; anything else as given or laid out.
 */
function operandText(layout: Layout, expr: NixExpr, ind: string, oneLine: string | null, limit: number, room = layout.width): string {
  if (expr.kind === 'attrs' && expr.bindings.length > 0 && (expr.comments === undefined || expr.comments.length === 0) && !wraps(expr, limit)) {
    return attrs(layout, expr, ind, room, true);
  }
  return oneLine ?? node(layout, expr, ind, room, limit);
}

/**
 * The operands and operators of a chain of one level, in source order. An in-order walk with an
 * explicit stack: a chain of thousands of `+` is a tree thousands of levels deep.
 */
function collectChain(
  root: Extract<NixExpr, { kind: 'binary' }>,
  operands: NixExpr[],
  operators: string[],
  limits: number[],
): void {
  // Entries: a chain node to expand, or an operand with its slot limit, or an operator.
  const todo: (Extract<NixExpr, { kind: 'binary' }> | { operand: NixExpr; limit: number } | string)[] = [root];
  while (todo.length > 0) {
    const entry = todo.pop()!;
    if (typeof entry === 'string') operators.push(entry);
    else if ('operand' in entry) {
      operands.push(entry.operand);
      limits.push(entry.limit);
    } else {
      const [leftLimit, rightLimit] = operandLimits(entry.op);
      todo.push(continuesChain(entry, entry.right, rightLimit) ? (entry.right as typeof entry) : { operand: entry.right, limit: rightLimit });
      todo.push(entry.op);
      todo.push(continuesChain(entry, entry.left, leftLimit) ? (entry.left as typeof entry) : { operand: entry.left, limit: leftLimit });
    }
  }
}

/** True when the last token of `expr`'s bare rendering may be a URI literal. */
function endsWithUri(expr: NixExpr): boolean {
  switch (expr.kind) {
    case 'uri':
      return true;
    case 'let':
    case 'with':
    case 'assert':
    case 'lambda':
      return endsWithUri(expr.body);
    case 'if':
      return endsWithUri(expr.else);
    case 'binary':
      return endsWithUri(expr.right);
    case 'unary':
      return endsWithUri(expr.operand);
    case 'call':
      return endsWithUri(expr.args[expr.args.length - 1]!);
    case 'select':
      return expr.or !== undefined && endsWithUri(expr.or);
    case 'raw':
      return true;
    default:
      return false;
  }
}
