import type { NixBinding, NixBindingItem, NixExpr } from './ast.js';
import { createLexer, type CommentGap } from './lex.js';
import { lineAndColumn, type Diagnostic, type SourceComment } from './parse-diagnostic.js';
import { createExprParser, ParseStop } from './parse-expr.js';
import { checkOptions, integerIn } from './options.js';

/** What `parse()` returns. `expr` is absent exactly when `diagnostics` is not empty. */
export interface ParseResult {
  expr?: NixExpr;
  diagnostics: Diagnostic[];
  /**
   * Comments not attached to a node (trailing comments, comments inside expressions, a file
   * header separated by a blank line), with their positions, so none is lost.
   */
  comments: SourceComment[];
}

export interface ParseOptions {
  /**
   * Nesting limit (parentheses, lists, sets, lambda bodies, prefix operators…); deeper input is a
   * diagnostic. An integer from 1 to 100,000; default 500.
   */
  maxDepth?: number;
}

function checkParseOptions(options: unknown): Required<ParseOptions> {
  const checked = checkOptions<ParseOptions>(options, 'parse', { maxDepth: 'integer' });
  return { maxDepth: integerIn(checked.maxDepth, 500, 1, 100_000, 'parse', 'maxDepth') };
}

/**
 * Parses Nix 2.x source into the same AST the builders make, with `loc` on every node and the
 * comments written directly above a binding, a list element or the whole expression in that
 * node's `comments`. It accepts exactly what `nix-instantiate --parse` (Nix 2.8) accepts,
 * including its parse-time checks (duplicate attributes, duplicate formals, dynamic attributes in
 * `let`/`inherit`, out-of-range numbers), except that it does not resolve variables. It never
 * throws and runs in time linear in the input: invalid input yields one diagnostic with line,
 * column and what was expected, the way Nix stops at its first error.
 */
export function parse(source: string, options: ParseOptions = {}): ParseResult {
  const { expr, diagnostics, comments } = parseWith(source, options, false);
  return expr === undefined ? { diagnostics, comments } : { expr, diagnostics, comments };
}

/** `parse()` plus what the editor needs: bracket positions and the comments each node owns. */
export interface DetailedParse extends ParseResult {
  /** Offsets of `{`/`}` of attribute sets and `[`/`]` of lists. */
  brackets: Map<NixExpr, { open: number; close: number }>;
  /** The source comments attached to a node or binding (the origin of its `comments`). */
  attached: Map<object, SourceComment[]>;
  /** Offset of the `=` of each binding. */
  equalsAt: Map<NixBinding, number>;
  /**
   * The span of each node written in parentheses, with the outermost pair (`((f x))` → the
   * outer `(` to the outer `)`); `loc` covers the node without them.
   */
  parenthesized: Map<NixExpr, { start: number; end: number }>;
}

export function parseDetailed(source: string, options: ParseOptions = {}): DetailedParse {
  return parseWith(source, options, true);
}

/** `detailed` false leaves the editor's maps (brackets, attached, equalsAt, parenthesized) empty. */
function parseWith(source: string, options: ParseOptions, detailed: boolean): DetailedParse {
  const attached = new Map<object, SourceComment[]>();
  const { maxDepth } = checkParseOptions(options);
  const lexer = createLexer(source);
  const comments = lexer.comments;
  const parser = createExprParser(lexer, maxDepth, detailed);
  let expr: NixExpr;
  try {
    expr = parser.parseFile();
  } catch (error) {
    const where = (offset: number): { line: number; column: number } => lineAndColumn(source, offset);
    let diagnostic: Diagnostic;
    if (error instanceof ParseStop) {
      diagnostic = { message: error.message, ...where(error.offset), offset: error.offset };
      if (error.expected) diagnostic.expected = error.expected;
    } else if (error instanceof RangeError) {
      // The depth limit normally stops first; this covers a smaller stack than expected.
      diagnostic = { message: 'expression nested too deeply', ...where(0), offset: 0 };
    } else {
      throw error;
    }
    return { diagnostics: [diagnostic], comments, brackets: parser.brackets, attached, equalsAt: parser.equalsAt, parenthesized: new Map() };
  }
  const used = attachComments(expr, source, lexer.gaps, comments, parser.parenStarts, detailed ? attached : undefined);
  const parenthesized = new Map<NixExpr, { start: number; end: number }>();
  if (detailed) {
    for (const [node, starts] of parser.parenStarts) {
      const ends = parser.parenEnds.get(node)!;
      parenthesized.set(node, { start: starts[starts.length - 1]!, end: ends[ends.length - 1]! });
    }
  }
  return {
    expr, diagnostics: [], comments: used.size === 0 ? comments : comments.filter((comment) => !used.has(comment)),
    brackets: parser.brackets, attached, equalsAt: parser.equalsAt, parenthesized,
  };
}

interface Anchor {
  lines: string[];
  comments: SourceComment[];
}

/**
 * Comments written on their own lines directly above a token belong to the outermost node that
 * starts at that token: a binding or `inherit` first, else an expression (a list element, a
 * binding value, a lambda body, the whole file). This is the inverse of how `print` writes a
 * node's `comments`. Records each claim in `attached` when given. Returns the comments that found
 * an owner.
 */
function attachComments(
  root: NixExpr,
  source: string,
  gaps: readonly CommentGap[],
  comments: readonly SourceComment[],
  parenStarts: Map<NixExpr, number[]>,
  attached: Map<object, SourceComment[]> | undefined,
): Set<SourceComment> {
  const anchors = new Map<number, Anchor>();
  /** The anchor offsets in ascending order (gaps come in source order). */
  const offsets: number[] = [];
  for (const gap of gaps) {
    if (gap.eof) continue;
    const run = leadingRun(comments.slice(gap.from, gap.to), gap.tokenStart, gap.prevEnd, source);
    if (run.length > 0) {
      anchors.set(gap.tokenStart, { comments: run, lines: run.flatMap(commentLines) });
      offsets.push(gap.tokenStart);
    }
  }
  const used = new Set<SourceComment>();
  if (anchors.size === 0) return used;
  const claimAt = (target: { comments?: readonly string[] }, start: number): void => {
    const anchor = anchors.get(start);
    if (!anchor) return;
    anchors.delete(start);
    target.comments = target.comments === undefined ? anchor.lines : [...target.comments, ...anchor.lines];
    attached?.set(target, [...(attached.get(target) ?? []), ...anchor.comments]);
    for (const comment of anchor.comments) used.add(comment);
  };
  const claim = (target: NixExpr | NixBindingItem): void => {
    // Outermost parentheses first: their comments were written above the inner ones.
    const outer = target.kind === 'binding' || target.kind === 'inherit' ? undefined : parenStarts.get(target);
    if (outer) for (let i = outer.length - 1; i >= 0; i--) claimAt(target, outer[i]!);
    if (target.loc) claimAt(target, target.loc.start);
  };
  /**
   * Whether an anchor lies in the node's source span (parentheses included): every claim inside
   * a subtree is at an offset within it, so a subtree without one is skipped unvisited.
   */
  const mayClaim = (expr: NixExpr): boolean => {
    if (!expr.loc) return true;
    const starts = parenStarts.get(expr);
    const from = starts ? starts[starts.length - 1]! : expr.loc.start;
    let low = 0;
    let high = offsets.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (offsets[mid]! < from) low = mid + 1;
      else high = mid;
    }
    return low < offsets.length && offsets[low]! <= expr.loc.end;
  };
  // Pre-order with an explicit stack: outer nodes claim first, and deep operator chains cannot
  // overflow the call stack.
  const stack: NixExpr[] = [root];
  while (stack.length > 0 && anchors.size > 0) {
    const expr = stack.pop()!;
    if (!mayClaim(expr)) continue;
    claim(expr);
    pushChildren(stack, expr, claim);
  }
  return used;
}

/** Pushes the expressions among `parts` in reverse order (the stack pops them in source order). */
function pushPartsReversed(stack: NixExpr[], parts: readonly (string | NixExpr)[]): void {
  for (let i = parts.length - 1; i >= 0; i--) {
    const part = parts[i]!;
    if (typeof part !== 'string') stack.push(part);
  }
}

/** Offers each binding item to `claim` in source order, then pushes their sub-expressions. */
function pushBindings(stack: NixExpr[], items: readonly NixBindingItem[], claim: (item: NixBindingItem) => void): void {
  for (const item of items) claim(item);
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i]!;
    if (item.kind === 'inherit') {
      if (item.from) stack.push(item.from);
    } else {
      stack.push(item.value);
      pushPartsReversed(stack, item.path);
    }
  }
}

/**
 * Pushes the direct sub-expressions of a node onto `stack` so that they pop in source order;
 * binding items are offered to `claim` first. No array per node: this runs for most nodes of a
 * commented file.
 */
function pushChildren(stack: NixExpr[], expr: NixExpr, claim: (item: NixBindingItem) => void): void {
  switch (expr.kind) {
    case 'string':
    case 'path':
      pushPartsReversed(stack, expr.parts);
      break;
    case 'attrs':
      pushBindings(stack, expr.bindings, claim);
      break;
    case 'let':
      stack.push(expr.body);
      pushBindings(stack, expr.bindings, claim);
      break;
    case 'list':
      // A loop, not push(...items): spreading a long list as arguments overflows the stack.
      for (let i = expr.items.length - 1; i >= 0; i--) stack.push(expr.items[i]!);
      break;
    case 'with':
      stack.push(expr.body, expr.scope);
      break;
    case 'assert':
      stack.push(expr.body, expr.condition);
      break;
    case 'if':
      stack.push(expr.else, expr.then, expr.condition);
      break;
    case 'lambda':
      stack.push(expr.body);
      if (expr.param.kind === 'formals') {
        const formals = expr.param.formals;
        for (let i = formals.length - 1; i >= 0; i--) {
          const fallback = formals[i]!.default;
          if (fallback) stack.push(fallback);
        }
      }
      break;
    case 'call':
      for (let i = expr.args.length - 1; i >= 0; i--) stack.push(expr.args[i]!);
      stack.push(expr.fn);
      break;
    case 'select':
      if (expr.or) stack.push(expr.or);
      pushPartsReversed(stack, expr.path);
      stack.push(expr.subject);
      break;
    case 'hasAttr':
      pushPartsReversed(stack, expr.path);
      stack.push(expr.subject);
      break;
    case 'unary':
      stack.push(expr.operand);
      break;
    case 'binary':
      stack.push(expr.right, expr.left);
      break;
    case 'parens':
      stack.push(expr.expr);
      break;
    default:
      break;
  }
}

/**
 * Of the comments between the previous token (ending at `prevEnd`) and the token at `itemStart`,
 * the run directly above the token: each on its own line, no blank line inside or below it.
 */
function leadingRun(between: readonly SourceComment[], itemStart: number, prevEnd: number, source: string): SourceComment[] {
  const run: SourceComment[] = [];
  let cursor = itemStart;
  for (let k = between.length - 1; k >= 0; k--) {
    const comment = between[k]!;
    if (newlines(source, comment.end, cursor) > 1) break;
    const before = k > 0 ? between[k - 1]!.end : prevEnd;
    const ownLine = newlines(source, before, comment.start) > 0 || before === 0;
    if (!ownLine) break;
    run.push(comment);
    cursor = comment.start;
  }
  // Collected bottom-up; unshift would make a long run of comment lines quadratic.
  return run.reverse();
}

function newlines(source: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const c = source.charCodeAt(i);
    if (c === 10) count++;
    else if (c === 13 && source.charCodeAt(i + 1) !== 10) count++;
  }
  return count;
}

/** `# text` → `text`; a block comment's inner text, one entry per line. */
export function commentLines(comment: SourceComment): string[] {
  if (comment.style === 'line') {
    const text = comment.text.slice(1);
    return [text.startsWith(' ') ? text.slice(1) : text];
  }
  let inner = comment.text.slice(2, -2);
  if (inner.startsWith(' ')) inner = inner.slice(1);
  if (inner.endsWith(' ')) inner = inner.slice(0, -1);
  // A plain split when there is no CR: the same lines, without running the regular expression.
  return inner.includes('\r') ? inner.split(/\r\n|\r|\n/) : inner.split('\n');
}
