import {
  node,
  type AttrKey,
  type BinaryOperator,
  type NixAttrs,
  type NixBinding,
  type NixBindingItem,
  type NixExpr,
  type NixFormal,
  type NixFormalsParam,
  type NixInherit,
  type NixString,
  type StringPart,
} from './ast.js';
import type { Lexer, Token, TokenType } from './lex.js';
import { addAttrPath, addInherited, newAttrModel, type AttrModel } from './parse-attr-check.js';
import { stripIndentation, type IndentedPiece } from './strip-indentation.js';
import { mergeParts } from './string-parts.js';

/**
 * Recursive descent over the token stream, following Nix 2.8's grammar (`parser.y`) level by
 * level: expr_function ⊃ expr_if ⊃ expr_op ⊃ expr_app ⊃ expr_select ⊃ expr_simple. Operators use
 * an explicit operator stack with bison's precedence table, so long operator chains need no
 * recursion; nesting depth is bounded so hostile input gets a diagnostic, not a stack overflow.
 * The first error stops parsing, as it does in Nix.
 */

/** Thrown inside the parser only; `parse()` turns it into a diagnostic. */
export class ParseStop extends Error {
  constructor(
    message: string,
    readonly offset: number,
    readonly expected?: readonly string[],
  ) {
    super(message);
  }
}

export interface ExprParser {
  parseFile(): NixExpr;
  /** Offsets of the `(` around a node, for nodes written in parentheses, innermost first. */
  parenStarts: Map<NixExpr, number[]>;
  /** Offsets just after the `)` around a node, aligned with `parenStarts`. */
  parenEnds: Map<NixExpr, number[]>;
  /** Offsets of the opening and closing bracket of each set and list. */
  brackets: Map<NixExpr, { open: number; close: number }>;
  /** Offset of the `=` of each binding. */
  equalsAt: Map<NixBinding, number>;
}

const INT64_MAX = 9223372036854775807n;
/** Bigints are immutable values, so the small ones that most files are full of are made once. */
const SMALL_INTS: readonly bigint[] = Array.from({ length: 1000 }, (_, i) => BigInt(i));
const NODE_PROTO = Object.getPrototypeOf(node({ kind: 'var', name: 'x' })) as object;

/**
 * A variable or int node with its `loc`, made field by field: the same object `at(node({…}))`
 * makes, without the temporary it copies from. Large files are mostly such leaves.
 */
function leafNode(kind: 'var' | 'int', field: 'name' | 'value', value: string | bigint, start: number, end: number): NixExpr {
  const made = Object.create(NODE_PROTO) as Record<string, unknown>;
  made['kind'] = kind;
  made[field] = value;
  made['loc'] = { start, end };
  return made as unknown as NixExpr;
}
const MIN_NORMAL = 2.2250738585072014e-308;

interface OpInfo {
  prec: number;
  assoc: 'left' | 'right' | 'none';
}

// Bison's %left/%right/%nonassoc lines, loosest first.
const BINARY: Partial<Record<TokenType, OpInfo>> = {
  '->': { prec: 1, assoc: 'right' },
  '||': { prec: 2, assoc: 'left' },
  '&&': { prec: 3, assoc: 'left' },
  '==': { prec: 4, assoc: 'none' },
  '!=': { prec: 4, assoc: 'none' },
  '<': { prec: 5, assoc: 'none' },
  '>': { prec: 5, assoc: 'none' },
  '<=': { prec: 5, assoc: 'none' },
  '>=': { prec: 5, assoc: 'none' },
  '//': { prec: 6, assoc: 'right' },
  '+': { prec: 8, assoc: 'left' },
  '-': { prec: 8, assoc: 'left' },
  '*': { prec: 9, assoc: 'left' },
  '/': { prec: 9, assoc: 'left' },
  '++': { prec: 10, assoc: 'right' },
};
const NOT_PREC = 7;
const HAS_ATTR_PREC = 11;
const NEGATE_PREC = 12;

/** Tokens that can start an expr_select (an argument, a list element). */
const SIMPLE_START: ReadonlySet<TokenType> = new Set<TokenType>([
  'id', 'int', 'float', 'quote', 'indOpen', 'path', 'hpath', 'spath', 'uri', '(', 'let', 'rec', '{', '[',
]);

const NAMES: Partial<Record<TokenType, string>> = {
  id: 'identifier', int: 'integer', float: 'float', path: 'path', hpath: 'path', spath: 'search path',
  uri: 'URI', str: 'string text', indStr: 'string text', dollarCurly: "'${'", quote: "'\"'", indOpen: "''",
  indClose: "''", pathEnd: 'end of path', char: 'character', eof: 'end of file', error: 'error',
};

export function describe(token: Token): string {
  if (token.type === 'char') return `'${token.value}'`;
  return NAMES[token.type] ?? `'${token.type}'`;
}

export function createExprParser(lexer: Lexer, maxDepth: number): ExprParser {
  let depth = 0;
  // Tokens come from the lexer as the parser asks for them; at most three of lookahead are
  // buffered, so memory does not grow with the input and a parse that stops early lexes no further.
  const buffer: Token[] = [];
  let head = 0;
  let prevEnd = 0;
  /** Attribute bookkeeping of every set literal, for Nix's duplicate checks. */
  const models = new Map<NixExpr, AttrModel>();
  /** String nodes that Nix represents as one constant string (static when used as a key). */
  const constantStrings = new Set<NixExpr>();
  const parenStarts = new Map<NixExpr, number[]>();
  const parenEnds = new Map<NixExpr, number[]>();
  const brackets = new Map<NixExpr, { open: number; close: number }>();
  const equalsAt = new Map<NixBinding, number>();

  /** Where `expr` begins in the source, counting parentheses around it. */
  const outerStart = (expr: NixExpr): number => {
    const starts = parenStarts.get(expr);
    return starts ? starts[starts.length - 1]! : (expr.loc?.start ?? 0);
  };
  /** Where `expr` ends in the source, counting parentheses around it. */
  const outerEnd = (expr: NixExpr): number => {
    const ends = parenEnds.get(expr);
    return ends ? ends[ends.length - 1]! : (expr.loc?.end ?? 0);
  };
  const peek = (k = 0): Token => {
    while (buffer.length - head <= k) buffer.push(lexer.next());
    return buffer[head + k]!;
  };
  /** Consumes the current token. */
  const advance = (): void => {
    prevEnd = peek().end;
    head++;
    if (head === buffer.length) {
      buffer.length = 0;
      head = 0;
    }
  };
  const lastEnd = (): number => prevEnd;

  const fail = (token: Token, expected?: readonly string[]): never => {
    if (token.type === 'error') throw new ParseStop(token.value, token.start);
    const where = `syntax error, unexpected ${describe(token)}`;
    throw new ParseStop(expected && expected.length > 0 ? `${where}, expecting ${expected.join(' or ')}` : where, token.start, expected);
  };
  const expect = (type: TokenType, shown = `'${type}'`): Token => {
    const token = peek();
    if (token.type !== type) fail(token, [shown]);
    advance();
    return token;
  };
  const enter = (): void => {
    if (++depth > maxDepth) throw new ParseStop(`expression nested more than ${maxDepth} levels deep`, peek().start);
  };
  const at = <T extends NixExpr>(expr: T, start: number, end = lastEnd()): T => {
    (expr as { loc?: { start: number; end: number } }).loc = { start, end };
    return expr;
  };

  function parseFile(): NixExpr {
    const expr = parseExpr();
    if (peek().type !== 'eof') fail(peek(), ['end of file']);
    return expr;
  }

  /** expr_function */
  function parseExpr(): NixExpr {
    enter();
    try {
      const t = peek();
      const start = t.start;
      switch (t.type) {
        case 'id':
          if (peek(1).type === ':') {
            advance();
            advance();
            return at(node({ kind: 'lambda', param: { kind: 'ident', name: t.value }, body: parseExpr() }), start);
          }
          if (peek(1).type === '@') {
            advance();
            advance();
            const param = parseFormals(t.value, 'before', t.start);
            expect(':');
            return at(node({ kind: 'lambda', param, body: parseExpr() }), start);
          }
          break;
        case '{':
          if (formalsAhead()) {
            const param = parseFormals(undefined, 'after', t.start);
            expect(':', "':'");
            return at(node({ kind: 'lambda', param, body: parseExpr() }), start);
          }
          break;
        case 'assert': {
          advance();
          const condition = parseExpr();
          expect(';');
          return at(node({ kind: 'assert', condition, body: parseExpr() }), start);
        }
        case 'with': {
          advance();
          const scope = parseExpr();
          expect(';');
          return at(node({ kind: 'with', scope, body: parseExpr() }), start);
        }
        case 'let':
          if (peek(1).type !== '{') {
            advance();
            const { bindings, model } = parseBinds('in');
            const inToken = expect('in');
            if (model.dynamicCount > 0) throw new ParseStop('dynamic attributes not allowed in let', inToken.start);
            return at(node({ kind: 'let', bindings, body: parseExpr() }), start);
          }
          break;
        case 'if': {
          advance();
          const condition = parseExpr();
          expect('then');
          const then = parseExpr();
          expect('else');
          return at(node({ kind: 'if', condition, then, else: parseExpr() }), start);
        }
        default:
          break;
      }
      return parseOp();
    } finally {
      depth--;
    }
  }

  /** After `{`: is this a formals pattern (`{ a, b ? 1, ... }:`) rather than an attribute set? */
  function formalsAhead(): boolean {
    const a = peek(1).type;
    if (a === '...') return true;
    if (a === '}') return peek(2).type === ':' || peek(2).type === '@';
    if (a === 'id') {
      const b = peek(2).type;
      return b === ',' || b === '?' || b === '}';
    }
    return false;
  }

  /** `{ formals }` plus an optional `@name`, with `bindName` already read for `name@{ … }`. */
  function parseFormals(bindName: string | undefined, position: 'before' | 'after', start: number): NixFormalsParam {
    expect('{');
    const formals: NixFormal[] = [];
    const offsets: number[] = [];
    let ellipsis = false;
    while (true) {
      const t = peek();
      if (t.type === '}') break;
      if (t.type === '...') {
        advance();
        ellipsis = true;
        break;
      }
      if (t.type !== 'id') fail(t, ['identifier', "'...'", "'}'"]);
      advance();
      offsets.push(t.start);
      if (peek().type === '?') {
        advance();
        formals.push({ name: t.value, default: parseExpr() });
      } else {
        formals.push({ name: t.value });
      }
      if (peek().type === ',') {
        advance();
        continue;
      }
      if (peek().type !== '}') fail(peek(), ["','", "'}'"]);
      break;
    }
    expect('}');
    let name = bindName;
    let where = position;
    if (name === undefined && peek().type === '@') {
      advance();
      name = expect('id', 'identifier').value;
      where = 'after';
    }
    checkDuplicateFormals(formals, offsets, name, start);
    const param: NixFormalsParam = { kind: 'formals', formals, ellipsis };
    return name === undefined ? param : { ...param, bind: { name, position: where } };
  }

  function checkDuplicateFormals(formals: readonly NixFormal[], offsets: readonly number[], bind: string | undefined, start: number): void {
    const seen = new Map<string, number>();
    let dup: { name: string; offset: number } | undefined;
    formals.forEach((formal, k) => {
      if (seen.has(formal.name)) {
        const candidate = { name: formal.name, offset: offsets[k]! };
        if (!dup || candidate.name < dup.name) dup = candidate;
      } else {
        seen.set(formal.name, k);
      }
    });
    if (dup) throw new ParseStop(`duplicate formal function argument '${dup.name}'`, dup.offset);
    if (bind !== undefined && seen.has(bind)) throw new ParseStop(`duplicate formal function argument '${bind}'`, start);
  }

  /** expr_op: prefix `!`/`-`, binary operators and `? attrpath`, by bison's precedences. */
  type Pending =
    | { kind: 'prefix'; op: '!' | '-'; prec: number; start: number; operandToken: Token }
    | { kind: 'binary'; op: BinaryOperator; prec: number };

  function reduce(operands: NixExpr[], ops: Pending[]): void {
    const top = ops.pop()!;
    if (top.kind === 'prefix') {
      const operand = operands.pop()!;
      const literal = (operand.kind === 'int' && operand.value > 0n) || (operand.kind === 'float' && operand.value > 0);
      const token = top.operandToken;
      const direct = literal && operand.loc !== undefined && token.start === operand.loc.start && token.end === operand.loc.end;
      let result: NixExpr;
      if (direct && operand.kind === 'int' && top.op === '-') result = node({ kind: 'int', value: -operand.value });
      else if (direct && operand.kind === 'float' && top.op === '-') result = node({ kind: 'float', value: -operand.value });
      else result = node({ kind: 'unary', op: top.op, operand });
      // `-(x)` ends at the `)`, not at `x`.
      operands.push(at(result, top.start, operand.loc === undefined ? top.start : outerEnd(operand)));
      return;
    }
    const right = operands.pop()!;
    const left = operands.pop()!;
    operands.push(at(node({ kind: 'binary', op: top.op, left, right }), outerStart(left), outerEnd(right)));
  }

  /** Reduces what binds tighter than an incoming operator; equal non-associative levels are an error. */
  function reduceAbove(operands: NixExpr[], ops: Pending[], prec: number, assoc: OpInfo['assoc'], token: Token): void {
    while (ops.length > 0) {
      const top = ops[ops.length - 1]!;
      if (top.prec > prec || (top.prec === prec && assoc === 'left')) reduce(operands, ops);
      else if (top.prec === prec && assoc === 'none' && top.kind === 'binary') fail(token);
      else break;
    }
  }

  /** expr_op: prefix `!`/`-`, binary operators and `? attrpath`, by bison's precedences. */
  function parseOp(): NixExpr {
    const operands: NixExpr[] = [];
    const ops: Pending[] = [];
    while (true) {
      // Operand position: any number of prefix operators, then an application. Each prefix
      // operator nests the operand one level deeper, so it counts against the depth limit (Nix
      // 2.8 itself fails with "memory exhausted" at about 10,000 of them).
      let nested = 0;
      try {
        while (peek().type === '!' || peek().type === '-') {
          const t = peek();
          enter();
          nested++;
          advance();
          ops.push({ kind: 'prefix', op: t.type as '!' | '-', prec: t.type === '!' ? NOT_PREC : NEGATE_PREC, start: t.start, operandToken: peek() });
        }
        operands.push(parseApp());
      } finally {
        depth -= nested;
      }
      // Operator position. A chain `a ? b ? c` nests each test in the next without recursion
      // here, and the printer writes such chains with a loop, so it needs no depth limit.
      let t = peek();
      while (t.type === '?') {
        reduceAbove(operands, ops, HAS_ATTR_PREC, 'none', t);
        advance();
        const subject = operands.pop()!;
        const path = parseAttrPath();
        operands.push(at(node({ kind: 'hasAttr', subject, path }), outerStart(subject)));
        t = peek();
      }
      const info = BINARY[t.type];
      if (!info) break;
      reduceAbove(operands, ops, info.prec, info.assoc, t);
      advance();
      ops.push({ kind: 'binary', op: t.type as BinaryOperator, prec: info.prec });
    }
    while (ops.length > 0) reduce(operands, ops);
    return operands[0]!;
  }

  /** expr_app: `f a b` is one call; applying a call (even a parenthesized one) extends it, as in Nix. */
  function parseApp(): NixExpr {
    const fn = parseSelect();
    if (!SIMPLE_START.has(peek().type)) return fn;
    const args: NixExpr[] = [];
    while (SIMPLE_START.has(peek().type)) args.push(parseSelect());
    const start = outerStart(fn);
    if (fn.kind === 'call') return at(node({ kind: 'call', fn: fn.fn, args: [...fn.args, ...args] }), start);
    return at(node({ kind: 'call', fn, args }), start);
  }

  /** expr_select: `e.a.b`, `e.a.b or d`, and the legacy `e or` (a call with the variable `or`). */
  function parseSelect(): NixExpr {
    const subject = parseSimple();
    const start = outerStart(subject);
    if (peek().type === '.') {
      advance();
      const path = parseAttrPath();
      if (peek().type === 'or') {
        advance();
        return at(node({ kind: 'select', subject, path, or: parseSelect() }), start);
      }
      return at(node({ kind: 'select', subject, path }), start);
    }
    if (peek().type === 'or') {
      const orToken = peek();
      advance();
      const orVar = at(node({ kind: 'var', name: 'or' }), orToken.start, orToken.end);
      return at(node({ kind: 'call', fn: subject, args: [orVar] }), start);
    }
    return subject;
  }

  /** expr_simple */
  function parseSimple(): NixExpr {
    enter();
    try {
      const t = peek();
      const start = t.start;
      switch (t.type) {
        case 'id':
          advance();
          return leafNode('var', 'name', t.value, start, t.end);
        case 'int': {
          advance();
          const text = t.value;
          const value = text.length <= 3 ? SMALL_INTS[Number(text)]! : BigInt(text);
          if (value > INT64_MAX) throw new ParseStop(`invalid integer '${t.value}'`, t.start);
          return leafNode('int', 'value', value, start, t.end);
        }
        case 'float': {
          advance();
          const value = Number(t.value);
          const mantissaZero = !/[1-9]/.test(t.value.split(/[eE]/)[0]!);
          if (!Number.isFinite(value) || (value === 0 && !mantissaZero) || (value !== 0 && value < MIN_NORMAL)) {
            throw new ParseStop(`invalid float '${t.value}'`, t.start);
          }
          return at(node({ kind: 'float', value }), start);
        }
        case 'quote':
          return parseDoubleQuoted();
        case 'indOpen':
          return parseIndented();
        case 'path':
        case 'hpath':
          return parsePath();
        case 'spath':
          advance();
          return at(node({ kind: 'searchPath', path: t.value.slice(1, -1) }), start);
        case 'uri':
          advance();
          return at(node({ kind: 'uri', uri: t.value }), start);
        case '(': {
          // No node for parentheses; their start is kept so comments above `(` find the node.
          advance();
          const inner = parseExpr();
          expect(')');
          const starts = parenStarts.get(inner);
          if (starts) starts.push(start);
          else parenStarts.set(inner, [start]);
          const ends = parenEnds.get(inner);
          if (ends) ends.push(lastEnd());
          else parenEnds.set(inner, [lastEnd()]);
          return inner;
        }
        case 'let': {
          // Legacy `let { …; body = …; }` is `(rec { … }).body`.
          advance();
          const set = parseSet(true, start);
          return at(node({ kind: 'select', subject: set, path: ['body'] }), start);
        }
        case 'rec':
          advance();
          return parseSet(true, start);
        case '{':
          return parseSet(false, start);
        case '[': {
          advance();
          const items: NixExpr[] = [];
          while (peek().type !== ']') {
            if (!SIMPLE_START.has(peek().type)) fail(peek(), ["']'"]);
            items.push(parseSelect());
          }
          const close = peek().start;
          advance();
          const list = at(node({ kind: 'list', items }), start);
          brackets.set(list, { open: start, close });
          return list;
        }
        default:
          return fail(t);
      }
    } finally {
      depth--;
    }
  }

  function parseSet(rec: boolean, start: number): NixAttrs {
    const open = expect('{').start;
    const { bindings, model } = parseBinds('}');
    const close = expect('}').start;
    const set = at(node({ kind: 'attrs', rec, bindings }), start);
    models.set(set, model);
    brackets.set(set, { open, close });
    return set;
  }

  /** binds, up to (not including) `end`. */
  function parseBinds(end: '}' | 'in'): { bindings: NixBindingItem[]; model: AttrModel } {
    const bindings: NixBindingItem[] = [];
    const model = newAttrModel();
    while (peek().type !== end) {
      const first = peek();
      let item: NixBindingItem;
      if (first.type === 'inherit') {
        advance();
        let from: NixExpr | undefined;
        if (peek().type === '(') {
          advance();
          from = parseExpr();
          expect(')');
        }
        const names: string[] = [];
        while (peek().type !== ';') {
          const nameToken = peek();
          const key = parseAttrName(['identifier', "';'"]);
          if (typeof key !== 'string') throw new ParseStop('dynamic attributes not allowed in inherit', nameToken.start);
          const dup = addInherited(model, key, from === undefined, nameToken.start);
          if (dup) throw new ParseStop(`attribute '${dup.shown}' already defined`, nameToken.start);
          names.push(key);
        }
        advance();
        const inheritItem: NixInherit = from === undefined ? { kind: 'inherit', names } : { kind: 'inherit', from, names };
        item = inheritItem;
      } else {
        if (first.type !== 'id' && first.type !== 'or' && first.type !== 'quote' && first.type !== 'dollarCurly') {
          fail(first, end === 'in' ? ["'in'", 'identifier', "'inherit'"] : ["'}'", 'identifier', "'inherit'"]);
        }
        const path = parseAttrPath();
        const equals = expect('=', "'='").start;
        const value = parseExpr();
        expect(';', "';'");
        const dup = addAttrPath(model, path, value.kind === 'attrs' ? models.get(value) : undefined, first.start);
        if (dup) throw new ParseStop(`attribute '${dup.shown}' already defined`, first.start);
        const binding: NixBinding = { kind: 'binding', path, value };
        equalsAt.set(binding, equals);
        item = binding;
      }
      item.loc = { start: first.start, end: lastEnd() };
      bindings.push(item);
    }
    return { bindings, model };
  }

  function parseAttrPath(): AttrKey[] {
    const path: AttrKey[] = [parseAttrName(['identifier'])];
    while (peek().type === '.') {
      advance();
      path.push(parseAttrName(['identifier']));
    }
    return path;
  }

  /** attr | string_attr: a static name, or a dynamic key expression. */
  function parseAttrName(expected: readonly string[]): AttrKey {
    const t = peek();
    if (t.type === 'id' || t.type === 'or') {
      advance();
      return t.type === 'or' ? 'or' : t.value;
    }
    if (t.type === 'quote') {
      const str = parseDoubleQuoted();
      return constantStrings.has(str) ? constantText(str) : str;
    }
    if (t.type === 'dollarCurly') {
      advance();
      const expr = parseExpr();
      expect('}', "'}'");
      if (expr.kind === 'string' && constantStrings.has(expr)) return constantText(expr);
      if (expr.kind === 'uri') return expr.uri;
      return expr;
    }
    return fail(t, expected);
  }

  function constantText(expr: NixExpr): string {
    return expr.kind === 'string' ? expr.parts.map((part) => (typeof part === 'string' ? part : '')).join('') : '';
  }

  function parseInterpolation(): NixExpr {
    expect('dollarCurly');
    const expr = parseExpr();
    expect('}', "'}'");
    return expr;
  }

  function parseDoubleQuoted(): NixExpr {
    const start = peek().start;
    expect('quote');
    const parts: StringPart[] = [];
    let interpolated = false;
    while (true) {
      const t = peek();
      if (t.type === 'str') {
        advance();
        parts.push(t.value);
      } else if (t.type === 'dollarCurly') {
        interpolated = true;
        parts.push(parseInterpolation());
      } else if (t.type === 'quote') {
        advance();
        break;
      } else {
        fail(t, ["'\"'"]);
      }
    }
    const str = at(node({ kind: 'string', parts: mergeParts(parts), style: 'double' }), start);
    if (!interpolated) constantStrings.add(str);
    return str;
  }

  function parseIndented(): NixExpr {
    const start = peek().start;
    advance();
    const pieces: IndentedPiece[] = [];
    while (true) {
      const t = peek();
      if (t.type === 'indStr') {
        advance();
        pieces.push({ text: t.value, indented: t.indented === true });
      } else if (t.type === 'dollarCurly') {
        pieces.push({ expr: parseInterpolation() });
      } else if (t.type === 'indClose') {
        advance();
        break;
      } else {
        fail(t, ["''"]);
      }
    }
    const { parts, constant, leadingEmpty } = stripIndentation(pieces);
    const fields: NixString = typeof parts[0] === 'object' ? { kind: 'string', parts, style: 'indented', leadingEmpty } : { kind: 'string', parts, style: 'indented' };
    const str = at(node(fields), start);
    if (constant) constantStrings.add(str);
    return str;
  }

  function parsePath(): NixExpr {
    const first = peek();
    advance();
    const parts: StringPart[] = [first.value];
    while (true) {
      const t = peek();
      if (t.type === 'str') {
        advance();
        parts.push(t.value);
      } else if (t.type === 'dollarCurly') {
        parts.push(parseInterpolation());
      } else if (t.type === 'pathEnd') {
        advance();
        break;
      } else {
        fail(t);
      }
    }
    return at(node({ kind: 'path', parts: mergeParts(parts) }), first.start);
  }

  return { parseFile, parenStarts, parenEnds, brackets, equalsAt };
}
