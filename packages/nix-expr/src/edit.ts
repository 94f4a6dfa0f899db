import { isNixExpr, node, type NixAttrs, type NixBinding, type NixBindingItem, type NixExpr, type NixList } from './ast.js';
import { kindPhrase, NixEditError } from './edit-error.js';
import { locate, rootAttrs } from './edit-locate.js';
import {
  applySplices,
  attrPathText,
  commentBlock,
  lineBreakLength,
  lineBreakOf,
  lineIndent,
  lineStart,
  printAt,
  startsLine,
  triviaLineEnd,
  type Splice,
} from './edit-text.js';
import { equalAst } from './equal-ast.js';
import { parseDetailed, type DetailedParse } from './parse.js';
import { NixExprError } from './errors.js';
import { checkOptions } from './options.js';

/** The edited file. `changed` is false when the file already said what was asked. */
export interface EditResult {
  source: string;
  changed: boolean;
}

/** Layout of inserted text. */
export interface EditOptions {
  /**
   * One indentation level, used when a new line has no sibling to copy from: 1 to 16 spaces, or
   * 1 to 4 tabs (default two spaces).
   */
  indentUnit?: string;
}

function checkEditOptions(options: unknown, owner: string): Required<EditOptions> {
  const checked = checkOptions<EditOptions>(options, owner, { indentUnit: 'string' });
  const unit = checked.indentUnit;
  if (unit !== undefined && !/^(?: {1,16}|\t{1,4})$/.test(unit)) {
    throw new NixExprError(`${owner}: option indentUnit must be 1 to 16 spaces or 1 to 4 tabs, got ${JSON.stringify(unit.slice(0, 40))}`, {
      path: ['options', 'indentUnit'],
      value: unit,
    });
  }
  return { indentUnit: unit ?? '  ' };
}

interface Context {
  source: string;
  parsed: DetailedParse & { expr: NixExpr };
  path: readonly string[];
  eol: string;
  unit: string;
}

function open(source: string, path: unknown, options: unknown, owner: string): Context {
  const { indentUnit } = checkEditOptions(options, owner);
  if (typeof source !== 'string') throw new NixEditError(`source must be a string, got ${typeof source}`, { path: [], value: source });
  if (!Array.isArray(path) || path.length === 0 || !path.every((key) => typeof key === 'string')) {
    throw new NixEditError('the attribute path must be a non-empty array of strings, like ["services", "nginx", "enable"]', {
      path: [],
      value: path,
    });
  }
  const keys = path as string[];
  const parsed = parseDetailed(source);
  if (parsed.expr === undefined) {
    const first = parsed.diagnostics[0]!;
    throw new NixEditError(`the file does not parse: ${first.message} at line ${first.line}, column ${first.column}`, {
      path: keys,
      value: source,
      diagnostics: parsed.diagnostics,
    });
  }
  return { source, parsed: parsed as DetailedParse & { expr: NixExpr }, path: keys, eol: lineBreakOf(source), unit: indentUnit };
}

function checkExpr(value: unknown, what: string, path: readonly string[]): NixExpr {
  if (!isNixExpr(value)) throw new NixEditError(`${what} must be an AST node made by the builders or parse()`, { path, value });
  return value;
}

/**
 * Sets the attribute at `path` (`['services', 'nginx', 'virtualHosts', 'example.org', 'forceSSL']`)
 * in a Nix file whose top level is an attribute set, or a function or `let … in` returning one.
 * An existing value is replaced, and only its bytes change. Otherwise the binding is added to the
 * deepest set the file already has on that path (`services.nginx = { … };`), with the remaining
 * path (`virtualHosts."example.org".forceSSL = true;`), on its own line at the indentation of
 * its neighbours. Every byte outside the edited span is kept: comments, blank lines, layout.
 * Throws `NixEditError` when the file does not parse or the path runs into a non-set value.
 */
export function setAttr(source: string, path: readonly string[], value: NixExpr, options?: EditOptions): EditResult {
  const ctx = open(source, path, options, 'setAttr');
  const newValue = checkExpr(value, 'value', ctx.path);
  const root = rootAttrs(ctx.parsed.expr, ctx.path);
  const found = locate(root, ctx.path, ctx.path);
  let splice: Splice;
  if (found.kind === 'found') {
    if (found.bindings.length !== 1) {
      const what = found.bindings.length === 0 ? 'attributes below it are set one by one' : 'it is set more than once';
      throw new NixEditError(`cannot replace the value: ${what}; remove it first with removeAttr`, { path: ctx.path, value: found.also });
    }
    const binding = found.bindings[0]!;
    if (equalAst(withoutComments(binding.value), withoutComments(newValue))) return { source, changed: false };
    splice = replaceValue(ctx, binding, newValue);
  } else {
    splice = insertBinding(ctx, found.set, found.after, found.rest, newValue);
  }
  return finish(ctx, [splice], (expr) => {
    const after = locate(rootAttrs(expr, ctx.path), ctx.path, ctx.path);
    return after.kind === 'found' && after.bindings.length === 1 && equalAst(withoutComments(after.bindings[0]!.value), withoutComments(newValue));
  });
}

/**
 * Removes the attribute at `path`, and any bindings that set attributes below it, with the
 * comment lines written above them; lines that held nothing else disappear whole. A path that
 * is not set leaves the file unchanged (`changed: false`).
 */
export function removeAttr(source: string, path: readonly string[]): EditResult {
  const ctx = open(source, path, undefined, 'removeAttr');
  const root = rootAttrs(ctx.parsed.expr, ctx.path);
  const found = locate(root, ctx.path, ctx.path, true);
  if (found.kind === 'absent') return { source, changed: false };
  const splices = [...found.bindings, ...found.also].map((binding) => removal(ctx, binding));
  return finish(ctx, splices, (expr) => locate(rootAttrs(expr, ctx.path), ctx.path, ctx.path, true).kind === 'absent');
}

/**
 * Appends `item` to the list at `path` (`['imports']`), after its last element and at its
 * indentation, or creates `path = [ item ];` when the attribute is absent. An item already in the
 * list (structurally equal) is not added twice. Throws `NixEditError` when the attribute holds
 * something other than a list literal.
 */
export function appendToList(source: string, path: readonly string[], item: NixExpr, options?: EditOptions): EditResult {
  const ctx = open(source, path, options, 'appendToList');
  const newItem = checkExpr(item, 'item', ctx.path);
  const root = rootAttrs(ctx.parsed.expr, ctx.path);
  const found = locate(root, ctx.path, ctx.path);
  if (found.kind === 'absent') return setAttr(source, path, node({ kind: 'list', items: [newItem] }), options);
  if (found.bindings.length !== 1) {
    throw new NixEditError('the list is not set by exactly one binding', { path: ctx.path, value: found.also });
  }
  const value = found.bindings[0]!.value;
  const list = listLiteral(value);
  if (list === undefined) {
    throw new NixEditError(`the attribute holds ${kindPhrase(value.kind)}, not a list literal [ … ] (or \`with …; [ … ]\`)`, { path: ctx.path, value });
  }
  if (list.items.some((existing) => equalAst(withoutComments(existing), withoutComments(newItem)))) return { source, changed: false };
  const splice = insertListItem(ctx, list, newItem);
  return finish(ctx, [splice], (expr) => {
    const after = locate(rootAttrs(expr, ctx.path), ctx.path, ctx.path);
    const bound = after.kind === 'found' ? after.bindings[0]?.value : undefined;
    const value = bound === undefined ? undefined : listLiteral(bound);
    return value !== undefined && value.items.length === list.items.length + 1 && equalAst(withoutComments(value.items[value.items.length - 1]!), withoutComments(newItem));
  });
}

/**
 * The list literal a value is, or ends in after `with …;` scopes and parentheses: `environment.systemPackages =
 * with pkgs; [ … ];` is how most configurations write package lists. An item added inside the
 * scope keeps its meaning, because `with` never shadows a variable that is bound lexically.
 */
function listLiteral(value: NixExpr): NixList | undefined {
  let current = value;
  while (current.kind === 'with' || current.kind === 'parens') current = current.kind === 'with' ? current.body : current.expr;
  return current.kind === 'list' ? current : undefined;
}

function withoutComments(expr: NixExpr): NixExpr {
  return expr.comments === undefined ? expr : node({ ...expr, comments: [] });
}

/** Applies the splices and proves the result parses and says what was asked. */
function finish(ctx: Context, splices: readonly Splice[], holds: (expr: NixExpr) => boolean): EditResult {
  const result = applySplices(ctx.source, splices);
  const reparsed = parseDetailed(result);
  if (reparsed.expr === undefined || !holds(reparsed.expr)) {
    throw new NixEditError(
      `the edit did not produce the intended file${reparsed.diagnostics[0] ? `: ${reparsed.diagnostics[0].message}` : ''}; this is a bug in @nixkit/nix-expr`,
      { path: ctx.path, value: result, diagnostics: reparsed.diagnostics },
    );
  }
  return { source: result, changed: true };
}

function replaceValue(ctx: Context, binding: NixBinding, value: NixExpr): Splice {
  const old = binding.value;
  const span = spanOf(ctx, old);
  const ownLine = startsLine(ctx.source, ownedStart(ctx, old));
  const indent = lineIndent(ctx.source, ownLine ? span.start : binding.loc!.start);
  if (value.comments !== undefined && value.comments.length > 0) {
    // The new value's comments go on their own lines between `=` and the value, where parse()
    // finds them again; they take the place of the comments the old value had there.
    const equals = ctx.parsed.equalsAt.get(binding)!;
    const inner = ownLine ? indent : indent + ctx.unit;
    const text = `${ctx.eol}${inner}${commentBlock(value.comments, inner, ctx.eol)}${printAt(value, inner, ctx.eol)}`;
    return { start: equals + 1, end: span.end, text };
  }
  return { start: span.start, end: span.end, text: printAt(value, indent, ctx.eol) };
}

/** Start of the first comment attached to `target`, if any. */
function firstOwnedOffset(ctx: Context, target: object): number | undefined {
  const owned = ctx.parsed.attached.get(target);
  return owned && owned.length > 0 ? owned[0]!.start : undefined;
}

function insertBinding(ctx: Context, set: NixAttrs, after: NixBindingItem | undefined, rest: readonly string[], value: NixExpr): Splice {
  const { source, eol } = ctx;
  const brackets = ctx.parsed.brackets.get(set)!;
  const lineText = (indent: string): string =>
    `${commentBlock(value.comments, indent, eol)}${attrPathText(rest)} = ${printAt(value, indent, eol)};`;
  if (after === undefined) {
    // An empty set: open it up, one level deeper than the line of its `{`.
    const indent = lineIndent(source, brackets.open);
    const inner = indent + ctx.unit;
    return { start: brackets.open + 1, end: brackets.close, text: `${eol}${inner}${lineText(inner)}${eol}${indent}` };
  }
  const end = after.loc!.end;
  const lineEnd = triviaLineEnd(source, end);
  if (lineEnd >= 0 && lineEnd < brackets.close && startsLine(source, ownedStart(ctx, after))) {
    const indent = lineIndent(source, after.loc!.start);
    return { start: lineEnd, end: lineEnd, text: `${eol}${indent}${lineText(indent)}` };
  }
  // The neighbour shares its line with other code (`{ a = 1; }`): stay on that line.
  const indent = lineIndent(source, after.loc!.start);
  return { start: end, end, text: ` ${lineText(indent)}` };
}

function insertListItem(ctx: Context, list: Extract<NixExpr, { kind: 'list' }>, item: NixExpr): Splice {
  const { source, eol } = ctx;
  const brackets = ctx.parsed.brackets.get(list)!;
  const last = list.items[list.items.length - 1];
  const multiLine = /[\r\n]/.test(source.slice(brackets.open, brackets.close));
  if (last === undefined || !multiLine) {
    const indent = lineIndent(source, brackets.open);
    const text = listItemText(item, indent + ctx.unit, eol);
    if (last === undefined && !text.includes(eol)) return { start: brackets.open + 1, end: brackets.close, text: ` ${text} ` };
    if (last !== undefined && !text.includes(eol)) return { start: spanOf(ctx, last).end, end: spanOf(ctx, last).end, text: ` ${text}` };
    const inner = indent + ctx.unit;
    const body = [...list.items.map((existing) => source.slice(ownedStart(ctx, existing), spanOf(ctx, existing).end)), listItemText(item, inner, eol)];
    return { start: brackets.open + 1, end: brackets.close, text: `${body.map((line) => `${eol}${inner}${line}`).join('')}${eol}${indent}` };
  }
  const lastSpan = spanOf(ctx, last);
  const indent = lineIndent(source, lastSpan.start);
  const lineEnd = triviaLineEnd(source, lastSpan.end);
  if (lineEnd >= 0 && lineEnd < brackets.close) {
    return { start: lineEnd, end: lineEnd, text: `${eol}${indent}${listItemText(item, indent, eol)}` };
  }
  return { start: lastSpan.end, end: lastSpan.end, text: ` ${listItemText(item, indent, eol)}` };
}

/** An element as it must be written inside `[ … ]` (parenthesized where needed), with its comments. */
function listItemText(item: NixExpr, indent: string, eol: string): string {
  const printed = printAt(node({ kind: 'list', items: [withoutComments(item)] }), '', '\n');
  const inside = printed.startsWith('[ ') && printed.endsWith(' ]') && !printed.includes('\n')
    ? printed.slice(2, -2)
    : printed
        .split('\n')
        .slice(1, -1)
        .map((line) => line.slice(2))
        .join('\n');
  return commentBlock(item.comments, indent, eol) + inside.split('\n').map((line, i) => (i === 0 || line === '' ? line : indent + line)).join(eol);
}

/** Where a binding or element begins, counting the comment lines written above it. */
function ownedStart(ctx: Context, target: NixBindingItem | NixExpr): number {
  return firstOwnedOffset(ctx, target) ?? (target.kind === 'binding' || target.kind === 'inherit' ? target.loc!.start : spanOf(ctx, target).start);
}

/** Where an expression's text is, with the parentheses written around it (`loc` has none). */
function spanOf(ctx: Context, expr: NixExpr): { start: number; end: number } {
  return ctx.parsed.parenthesized.get(expr) ?? expr.loc!;
}

/** The span that removing `binding` deletes: whole lines when it has them to itself. */
function removal(ctx: Context, binding: NixBinding): Splice {
  const { source } = ctx;
  const start = ownedStart(ctx, binding);
  const end = binding.loc!.end;
  const lineEnd = triviaLineEnd(source, end);
  if (startsLine(source, start) && lineEnd >= 0) {
    return { start: lineStart(source, start), end: lineEnd + lineBreakLength(source, lineEnd), text: '' };
  }
  // Shares a line: take the binding and the blanks after it.
  let after = end;
  while (source[after] === ' ' || source[after] === '\t') after++;
  return { start, end: after, text: '' };
}

