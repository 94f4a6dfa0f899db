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
  type NixLambda,
  type StringPart,
} from './ast.js';
import { T, TOKEN_TYPES, type Lexer } from './lex.js';
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
 * The nodes the parser makes most, each made field by field: the same object (same prototype,
 * same key order) as `at(node({…}))`, without the temporary object it copies from.
 */
type Fields = Record<string, unknown>;
function blank(kind: string): Fields {
  const made = Object.create(NODE_PROTO) as Fields;
  made['kind'] = kind;
  return made;
}
function varNode(name: string, start: number, end: number): NixExpr {
  const made = blank('var');
  made['name'] = name;
  made['loc'] = { start, end };
  return made as unknown as NixExpr;
}
function intNode(value: bigint, start: number, end: number): NixExpr {
  const made = blank('int');
  made['value'] = value;
  made['loc'] = { start, end };
  return made as unknown as NixExpr;
}
function selectNode(subject: NixExpr, path: AttrKey[], or: NixExpr | undefined, start: number, end: number): NixExpr {
  const made = blank('select');
  made['subject'] = subject;
  made['path'] = path;
  if (or !== undefined) made['or'] = or;
  made['loc'] = { start, end };
  return made as unknown as NixExpr;
}
function callNode(fn: NixExpr, args: NixExpr[], start: number, end: number): NixExpr {
  const made = blank('call');
  made['fn'] = fn;
  made['args'] = args;
  made['loc'] = { start, end };
  return made as unknown as NixExpr;
}
function binaryNode(op: BinaryOperator, left: NixExpr, right: NixExpr, start: number, end: number): NixExpr {
  const made = blank('binary');
  made['op'] = op;
  made['left'] = left;
  made['right'] = right;
  made['loc'] = { start, end };
  return made as unknown as NixExpr;
}
function stringNode(parts: StringPart[], style: 'double' | 'indented', leadingEmpty: boolean | undefined, start: number, end: number): NixExpr {
  const made = blank('string');
  made['parts'] = parts;
  made['style'] = style;
  if (leadingEmpty !== undefined) made['leadingEmpty'] = leadingEmpty;
  made['loc'] = { start, end };
  return made as unknown as NixExpr;
}
function attrsNode(rec: boolean, bindings: NixBindingItem[], start: number, end: number): NixAttrs {
  const made = blank('attrs');
  made['rec'] = rec;
  made['bindings'] = bindings;
  made['loc'] = { start, end };
  return made as unknown as NixAttrs;
}
function lambdaNode(param: NixLambdaParam, body: NixExpr, start: number, end: number): NixExpr {
  const made = blank('lambda');
  made['param'] = param;
  made['body'] = body;
  made['loc'] = { start, end };
  return made as unknown as NixExpr;
}
const MIN_NORMAL = 2.2250738585072014e-308;
type NixLambdaParam = NixLambda['param'];

interface OpInfo {
  prec: number;
  assoc: 'left' | 'right' | 'none';
}

// Bison's %left/%right/%nonassoc lines, loosest first.
const BINARY_BY_NAME: Partial<Record<BinaryOperator, OpInfo>> = {
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
/** The same table indexed by token kind (undefined for tokens that are no binary operator). */
const BINARY: readonly (OpInfo | undefined)[] = TOKEN_TYPES.map((type) => BINARY_BY_NAME[type as BinaryOperator]);
const NOT_PREC = 7;
const HAS_ATTR_PREC = 11;
const NEGATE_PREC = 12;

/** Tokens that can start an expr_select (an argument, a list element), indexed by kind. */
const SIMPLE_START: Uint8Array = (() => {
  const table = new Uint8Array(TOKEN_TYPES.length);
  for (const kind of [T.Id, T.Int, T.Float, T.Quote, T.IndOpen, T.Path, T.HPath, T.SPath, T.Uri, T.LParen, T.Let, T.Rec, T.LBrace, T.LBracket]) table[kind] = 1;
  return table;
})();

const NAMES: Partial<Record<string, string>> = {
  id: 'identifier', int: 'integer', float: 'float', path: 'path', hpath: 'path', spath: 'search path',
  uri: 'URI', str: 'string text', indStr: 'string text', dollarCurly: "'${'", quote: "'\"'", indOpen: "''",
  indClose: "''", pathEnd: 'end of path', char: 'character', eof: 'end of file', error: 'error',
};

/** How a syntax error names a token: `'}'`, `identifier`, `'&'` for a stray character. */
export function describe(kind: T, value: string): string {
  const type = TOKEN_TYPES[kind]!;
  if (kind === T.Char) return `'${value}'`;
  return NAMES[type] ?? `'${type}'`;
}

/**
 * A parser reading tokens from `lexer`. With `detailed` false, `brackets` and `equalsAt` stay
 * empty: only the editor needs them, and `parse()` skips that bookkeeping.
 */
export function createExprParser(lexer: Lexer, maxDepth: number, detailed = true): ExprParser {
  let depth = 0;
  // Tokens come from the lexer as the parser asks for them; its ring holds the few of lookahead,
  // so memory does not grow with the input and a parse that stops early lexes no further.
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
    if (parenStarts.size === 0) return expr.loc?.start ?? 0;
    const starts = parenStarts.get(expr);
    return starts ? starts[starts.length - 1]! : (expr.loc?.start ?? 0);
  };
  /** Where `expr` ends in the source, counting parentheses around it. */
  const outerEnd = (expr: NixExpr): number => {
    if (parenEnds.size === 0) return expr.loc?.end ?? 0;
    const ends = parenEnds.get(expr);
    return ends ? ends[ends.length - 1]! : (expr.loc?.end ?? 0);
  };
  /** Kind of the current token (k = 0) or of one ahead. */
  const kind = (k: number): T => lexer.kind(k);
  /** Consumes the current token. */
  const advance = (): void => {
    prevEnd = lexer.end(0);
    lexer.advance();
  };
  const lastEnd = (): number => prevEnd;

  /** Stops at the current token: a lexical error, or a syntax error naming it. */
  const fail = (expected?: readonly string[]): never => {
    const k = lexer.kind(0);
    const start = lexer.start(0);
    if (k === T.Error) throw new ParseStop(lexer.value(0), start);
    const where = `syntax error, unexpected ${describe(k, k === T.Char ? lexer.value(0) : '')}`;
    throw new ParseStop(expected && expected.length > 0 ? `${where}, expecting ${expected.join(' or ')}` : where, start, expected);
  };
  /** Consumes a token of kind `k`, or fails naming what was expected; returns its start. */
  const expect = (k: T, shown = `'${TOKEN_TYPES[k]!}'`): number => {
    if (lexer.kind(0) !== k) fail([shown]);
    const start = lexer.start(0);
    advance();
    return start;
  };
  const enter = (): void => {
    if (++depth > maxDepth) throw new ParseStop(`expression nested more than ${maxDepth} levels deep`, lexer.start(0));
  };
  const at = <E extends NixExpr>(expr: E, start: number, end = lastEnd()): E => {
    (expr as { loc?: { start: number; end: number } }).loc = { start, end };
    return expr;
  };

  function parseFile(): NixExpr {
    const expr = parseExpr();
    if (kind(0) !== T.Eof) fail(['end of file']);
    return expr;
  }

  /** expr_function */
  function parseExpr(): NixExpr {
    enter();
    try {
      const start = lexer.start(0);
      switch (kind(0)) {
        case T.Id: {
          const next = kind(1);
          if (next === T.Colon) {
            const name = lexer.text(0);
            advance();
            advance();
            const body = parseExpr();
            return lambdaNode({ kind: 'ident', name }, body, start, lastEnd());
          }
          if (next === T.At) {
            const name = lexer.text(0);
            advance();
            advance();
            const param = parseFormals(name, 'before', start);
            expect(T.Colon);
            const body = parseExpr();
            return lambdaNode(param, body, start, lastEnd());
          }
          break;
        }
        case T.LBrace:
          if (formalsAhead()) {
            const param = parseFormals(undefined, 'after', start);
            expect(T.Colon, "':'");
            const body = parseExpr();
            return lambdaNode(param, body, start, lastEnd());
          }
          break;
        case T.Assert: {
          advance();
          const condition = parseExpr();
          expect(T.Semi);
          return at(node({ kind: 'assert', condition, body: parseExpr() }), start);
        }
        case T.With: {
          advance();
          const scope = parseExpr();
          expect(T.Semi);
          return at(node({ kind: 'with', scope, body: parseExpr() }), start);
        }
        case T.Let:
          if (kind(1) !== T.LBrace) {
            advance();
            const { bindings, model } = parseBinds(T.In);
            const inStart = expect(T.In);
            if (model.dynamicCount > 0) throw new ParseStop('dynamic attributes not allowed in let', inStart);
            return at(node({ kind: 'let', bindings, body: parseExpr() }), start);
          }
          break;
        case T.If: {
          advance();
          const condition = parseExpr();
          expect(T.Then);
          const then = parseExpr();
          expect(T.Else);
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
    const a = kind(1);
    if (a === T.Ellipsis) return true;
    if (a === T.RBrace) return kind(2) === T.Colon || kind(2) === T.At;
    if (a === T.Id) {
      const b = kind(2);
      return b === T.Comma || b === T.Question || b === T.RBrace;
    }
    return false;
  }

  /** `{ formals }` plus an optional `@name`, with `bindName` already read for `name@{ … }`. */
  function parseFormals(bindName: string | undefined, position: 'before' | 'after', start: number): NixFormalsParam {
    expect(T.LBrace);
    const formals: NixFormal[] = [];
    const offsets: number[] = [];
    let ellipsis = false;
    while (true) {
      const k = kind(0);
      if (k === T.RBrace) break;
      if (k === T.Ellipsis) {
        advance();
        ellipsis = true;
        break;
      }
      if (k !== T.Id) fail(['identifier', "'...'", "'}'"]);
      const name = lexer.text(0);
      offsets.push(lexer.start(0));
      advance();
      if (kind(0) === T.Question) {
        advance();
        formals.push({ name, default: parseExpr() });
      } else {
        formals.push({ name });
      }
      if (kind(0) === T.Comma) {
        advance();
        continue;
      }
      if (kind(0) !== T.RBrace) fail(["','", "'}'"]);
      break;
    }
    expect(T.RBrace);
    let name = bindName;
    let where = position;
    if (name === undefined && kind(0) === T.At) {
      advance();
      if (kind(0) !== T.Id) fail(['identifier']);
      name = lexer.text(0);
      advance();
      where = 'after';
    }
    checkDuplicateFormals(formals, offsets, name, start);
    const param: NixFormalsParam = { kind: 'formals', formals, ellipsis };
    return name === undefined ? param : { ...param, bind: { name, position: where } };
  }

  function checkDuplicateFormals(formals: readonly NixFormal[], offsets: readonly number[], bind: string | undefined, start: number): void {
    const seen = new Set<string>();
    let dup: { name: string; offset: number } | undefined;
    for (let k = 0; k < formals.length; k++) {
      const formal = formals[k]!;
      if (seen.has(formal.name)) {
        if (!dup || formal.name < dup.name) dup = { name: formal.name, offset: offsets[k]! };
      } else {
        seen.add(formal.name);
      }
    }
    if (dup) throw new ParseStop(`duplicate formal function argument '${dup.name}'`, dup.offset);
    if (bind !== undefined && seen.has(bind)) throw new ParseStop(`duplicate formal function argument '${bind}'`, start);
  }

  /** expr_op: prefix `!`/`-`, binary operators and `? attrpath`, by bison's precedences. */
  type Pending =
    | { kind: 'prefix'; op: '!' | '-'; prec: number; start: number; operandStart: number; operandEnd: number }
    | { kind: 'binary'; op: BinaryOperator; prec: number };

  function reduce(operands: NixExpr[], ops: Pending[]): void {
    const top = ops.pop()!;
    if (top.kind === 'prefix') {
      const operand = operands.pop()!;
      const literal = (operand.kind === 'int' && operand.value > 0n) || (operand.kind === 'float' && operand.value > 0);
      const direct = literal && operand.loc !== undefined && top.operandStart === operand.loc.start && top.operandEnd === operand.loc.end;
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
    operands.push(binaryNode(top.op, left, right, outerStart(left), outerEnd(right)));
  }

  /** Reduces what binds tighter than an incoming operator; equal non-associative levels are an error. */
  function reduceAbove(operands: NixExpr[], ops: Pending[], prec: number, assoc: OpInfo['assoc']): void {
    while (ops.length > 0) {
      const top = ops[ops.length - 1]!;
      if (top.prec > prec || (top.prec === prec && assoc === 'left')) reduce(operands, ops);
      else if (top.prec === prec && assoc === 'none' && top.kind === 'binary') fail();
      else break;
    }
  }

  /** expr_op: prefix `!`/`-`, binary operators and `? attrpath`, by bison's precedences. */
  function parseOp(): NixExpr {
    let k = kind(0);
    if (k !== T.Not && k !== T.Minus) {
      // The common case: an operand with no operator around it needs no stacks.
      const operand = parseApp();
      k = kind(0);
      if (k !== T.Question && BINARY[k] === undefined) return operand;
      return parseOpFrom(operand);
    }
    return parseOpFrom(undefined);
  }

  /** The operator loop, with the first operand already parsed when `first` is given. */
  function parseOpFrom(first: NixExpr | undefined): NixExpr {
    const operands: NixExpr[] = [];
    const ops: Pending[] = [];
    let pendingFirst = first;
    while (true) {
      if (pendingFirst !== undefined) {
        operands.push(pendingFirst);
        pendingFirst = undefined;
      } else {
        // Operand position: any number of prefix operators, then an application. Each prefix
        // operator nests the operand one level deeper, so it counts against the depth limit (Nix
        // 2.8 itself fails with "memory exhausted" at about 10,000 of them).
        let nested = 0;
        try {
          let k = kind(0);
          while (k === T.Not || k === T.Minus) {
            const start = lexer.start(0);
            enter();
            nested++;
            advance();
            ops.push({
              kind: 'prefix', op: k === T.Not ? '!' : '-', prec: k === T.Not ? NOT_PREC : NEGATE_PREC, start,
              operandStart: lexer.start(0), operandEnd: lexer.end(0),
            });
            k = kind(0);
          }
          operands.push(parseApp());
        } finally {
          depth -= nested;
        }
      }
      // Operator position. A chain `a ? b ? c` nests each test in the next without recursion
      // here, and the printer writes such chains with a loop, so it needs no depth limit.
      let k = kind(0);
      while (k === T.Question) {
        reduceAbove(operands, ops, HAS_ATTR_PREC, 'none');
        advance();
        const subject = operands.pop()!;
        const path = parseAttrPath();
        operands.push(at(node({ kind: 'hasAttr', subject, path }), outerStart(subject)));
        k = kind(0);
      }
      const info = BINARY[k];
      if (!info) break;
      reduceAbove(operands, ops, info.prec, info.assoc);
      advance();
      ops.push({ kind: 'binary', op: TOKEN_TYPES[k] as BinaryOperator, prec: info.prec });
    }
    while (ops.length > 0) reduce(operands, ops);
    return operands[0]!;
  }

  /** expr_app: `f a b` is one call; applying a call (even a parenthesized one) extends it, as in Nix. */
  function parseApp(): NixExpr {
    const fn = parseSelect();
    if (SIMPLE_START[kind(0)] === 0) return fn;
    const args: NixExpr[] = [];
    while (SIMPLE_START[kind(0)] === 1) args.push(parseSelect());
    const start = outerStart(fn);
    if (fn.kind === 'call') return callNode(fn.fn, [...fn.args, ...args], start, lastEnd());
    return callNode(fn, args, start, lastEnd());
  }

  /** expr_select: `e.a.b`, `e.a.b or d`, and the legacy `e or` (a call with the variable `or`). */
  function parseSelect(): NixExpr {
    const subject = parseSimple();
    const k = kind(0);
    if (k === T.Dot) {
      const start = outerStart(subject);
      advance();
      const path = parseAttrPath();
      if (kind(0) === T.Or) {
        advance();
        const or = parseSelect();
        return selectNode(subject, path, or, start, lastEnd());
      }
      return selectNode(subject, path, undefined, start, lastEnd());
    }
    if (k === T.Or) {
      const start = outerStart(subject);
      const orStart = lexer.start(0);
      const orEnd = lexer.end(0);
      advance();
      return callNode(subject, [varNode('or', orStart, orEnd)], start, lastEnd());
    }
    return subject;
  }

  /** expr_simple */
  function parseSimple(): NixExpr {
    enter();
    try {
      const start = lexer.start(0);
      switch (kind(0)) {
        case T.Id: {
          const name = lexer.text(0);
          const end = lexer.end(0);
          advance();
          return varNode(name, start, end);
        }
        case T.Int: {
          const text = lexer.text(0);
          const end = lexer.end(0);
          const value = text.length <= 3 ? SMALL_INTS[Number(text)]! : BigInt(text);
          if (value > INT64_MAX) throw new ParseStop(`invalid integer '${text}'`, start);
          advance();
          return intNode(value, start, end);
        }
        case T.Float: {
          const text = lexer.text(0);
          const value = Number(text);
          const mantissaZero = !/[1-9]/.test(text.split(/[eE]/)[0]!);
          if (!Number.isFinite(value) || (value === 0 && !mantissaZero) || (value !== 0 && value < MIN_NORMAL)) {
            throw new ParseStop(`invalid float '${text}'`, start);
          }
          advance();
          return at(node({ kind: 'float', value }), start);
        }
        case T.Quote:
          return parseDoubleQuoted();
        case T.IndOpen:
          return parseIndented();
        case T.Path:
        case T.HPath:
          return parsePath();
        case T.SPath: {
          const text = lexer.text(0);
          advance();
          return at(node({ kind: 'searchPath', path: text.slice(1, -1) }), start);
        }
        case T.Uri: {
          const uri = lexer.text(0);
          advance();
          return at(node({ kind: 'uri', uri }), start);
        }
        case T.LParen: {
          // No node for parentheses; their start is kept so comments above `(` find the node.
          advance();
          const inner = parseExpr();
          expect(T.RParen);
          const starts = parenStarts.get(inner);
          if (starts) starts.push(start);
          else parenStarts.set(inner, [start]);
          const ends = parenEnds.get(inner);
          if (ends) ends.push(lastEnd());
          else parenEnds.set(inner, [lastEnd()]);
          return inner;
        }
        case T.Let: {
          // Legacy `let { …; body = …; }` is `(rec { … }).body`.
          advance();
          const set = parseSet(true, start);
          return at(node({ kind: 'select', subject: set, path: ['body'] }), start);
        }
        case T.Rec:
          advance();
          return parseSet(true, start);
        case T.LBrace:
          return parseSet(false, start);
        case T.LBracket: {
          advance();
          const items: NixExpr[] = [];
          while (kind(0) !== T.RBracket) {
            if (SIMPLE_START[kind(0)] === 0) fail(["']'"]);
            items.push(parseSelect());
          }
          const close = lexer.start(0);
          advance();
          const list = at(node({ kind: 'list', items }), start);
          if (detailed) brackets.set(list, { open: start, close });
          return list;
        }
        default:
          return fail();
      }
    } finally {
      depth--;
    }
  }

  function parseSet(rec: boolean, start: number): NixAttrs {
    const open = expect(T.LBrace);
    const { bindings, model } = parseBinds(T.RBrace);
    const close = expect(T.RBrace);
    const set = attrsNode(rec, bindings, start, lastEnd());
    models.set(set, model);
    if (detailed) brackets.set(set, { open, close });
    return set;
  }

  /** binds, up to (not including) `end`. */
  function parseBinds(end: T.RBrace | T.In): { bindings: NixBindingItem[]; model: AttrModel } {
    const bindings: NixBindingItem[] = [];
    const model = newAttrModel();
    while (kind(0) !== end) {
      const first = kind(0);
      const firstStart = lexer.start(0);
      let item: NixBindingItem;
      if (first === T.Inherit) {
        advance();
        let from: NixExpr | undefined;
        if (kind(0) === T.LParen) {
          advance();
          from = parseExpr();
          expect(T.RParen);
        }
        const names: string[] = [];
        while (kind(0) !== T.Semi) {
          const nameStart = lexer.start(0);
          const key = parseAttrName(['identifier', "';'"]);
          if (typeof key !== 'string') throw new ParseStop('dynamic attributes not allowed in inherit', nameStart);
          const dup = addInherited(model, key, from === undefined, nameStart);
          if (dup) throw new ParseStop(`attribute '${dup.shown}' already defined`, nameStart);
          names.push(key);
        }
        advance();
        const inheritItem: NixInherit = from === undefined ? { kind: 'inherit', names } : { kind: 'inherit', from, names };
        item = inheritItem;
      } else {
        if (first !== T.Id && first !== T.Or && first !== T.Quote && first !== T.DollarCurly) {
          fail(end === T.In ? ["'in'", 'identifier', "'inherit'"] : ["'}'", 'identifier', "'inherit'"]);
        }
        const path = parseAttrPath();
        const equals = expect(T.Assign, "'='");
        const value = parseExpr();
        expect(T.Semi, "';'");
        const dup = addAttrPath(model, path, value.kind === 'attrs' ? models.get(value) : undefined, firstStart);
        if (dup) throw new ParseStop(`attribute '${dup.shown}' already defined`, firstStart);
        const binding: NixBinding = { kind: 'binding', path, value };
        if (detailed) equalsAt.set(binding, equals);
        item = binding;
      }
      item.loc = { start: firstStart, end: lastEnd() };
      bindings.push(item);
    }
    return { bindings, model };
  }

  function parseAttrPath(): AttrKey[] {
    const path: AttrKey[] = [parseAttrName(['identifier'])];
    while (kind(0) === T.Dot) {
      advance();
      path.push(parseAttrName(['identifier']));
    }
    return path;
  }

  /** attr | string_attr: a static name, or a dynamic key expression. */
  function parseAttrName(expected: readonly string[]): AttrKey {
    const k = kind(0);
    if (k === T.Id) {
      const name = lexer.text(0);
      advance();
      return name;
    }
    if (k === T.Or) {
      advance();
      return 'or';
    }
    if (k === T.Quote) {
      const str = parseDoubleQuoted();
      return constantStrings.has(str) ? constantText(str) : str;
    }
    if (k === T.DollarCurly) {
      advance();
      const expr = parseExpr();
      expect(T.RBrace, "'}'");
      if (expr.kind === 'string' && constantStrings.has(expr)) return constantText(expr);
      if (expr.kind === 'uri') return expr.uri;
      return expr;
    }
    return fail(expected);
  }

  function constantText(expr: NixExpr): string {
    return expr.kind === 'string' ? expr.parts.map((part) => (typeof part === 'string' ? part : '')).join('') : '';
  }

  function parseInterpolation(): NixExpr {
    expect(T.DollarCurly);
    const expr = parseExpr();
    expect(T.RBrace, "'}'");
    return expr;
  }

  function parseDoubleQuoted(): NixExpr {
    const start = expect(T.Quote);
    const parts: StringPart[] = [];
    let interpolated = false;
    while (true) {
      const k = kind(0);
      if (k === T.Str) {
        parts.push(lexer.value(0));
        advance();
      } else if (k === T.DollarCurly) {
        interpolated = true;
        parts.push(parseInterpolation());
      } else if (k === T.Quote) {
        advance();
        break;
      } else {
        fail(["'\"'"]);
      }
    }
    const str = stringNode(parts.length === 1 && parts[0] !== '' ? parts : mergeParts(parts), 'double', undefined, start, lastEnd());
    if (!interpolated) constantStrings.add(str);
    return str;
  }

  function parseIndented(): NixExpr {
    const start = lexer.start(0);
    advance();
    const pieces: IndentedPiece[] = [];
    while (true) {
      const k = kind(0);
      if (k === T.IndStr) {
        pieces.push({ text: lexer.value(0), indented: lexer.indented(0) });
        advance();
      } else if (k === T.DollarCurly) {
        pieces.push({ expr: parseInterpolation() });
      } else if (k === T.IndClose) {
        advance();
        break;
      } else {
        fail(["''"]);
      }
    }
    const { parts, constant, leadingEmpty } = stripIndentation(pieces);
    const str = stringNode(parts, 'indented', typeof parts[0] === 'object' ? leadingEmpty : undefined, start, lastEnd());
    if (constant) constantStrings.add(str);
    return str;
  }

  function parsePath(): NixExpr {
    const start = lexer.start(0);
    const parts: StringPart[] = [lexer.text(0)];
    advance();
    while (true) {
      const k = kind(0);
      if (k === T.Str) {
        parts.push(lexer.value(0));
        advance();
      } else if (k === T.DollarCurly) {
        parts.push(parseInterpolation());
      } else if (k === T.PathEnd) {
        advance();
        break;
      } else {
        fail();
      }
    }
    return at(node({ kind: 'path', parts: mergeParts(parts) }), start);
  }

  return { parseFile, parenStarts, parenEnds, brackets, equalsAt };
}
