import type { AttrKey, BinaryOperator, NixBindingItem, NixExpr, StringPart } from '../../src/ast.js';
import * as b from '../../src/builders.js';
import { hostileString, intBetween, pick } from '../../../../tools/test-helpers/index.js';

// Seeded random ASTs covering every node kind in every slot, for the printer's structure tests.

const VARS = ['a', "b'", 'x-y', '_z', 'true', 'null', 'f', 'or_', 'in2'];
const OPERATORS: BinaryOperator[] = ['++', '*', '/', '+', '-', '//', '<', '<=', '>', '>=', '==', '!=', '&&', '||', '->'];
const KEY_FRAGMENTS = ['a', 'b', '-', "'", '.', ' ', 'or', 'if', 'in', '${', '$', '"', '\\', '1', 'é', '\t', '\r', ''];
const COMMENT_FRAGMENTS = ['note', ' ', '#', '*/', '/*', '${x}', "''", '"', 'é', ';', '}'];
const RAW_TEXTS = ['a + b', 'x: x', 'a # trailing comment', 'let y = 1; in y', 'f -1', '[ 1 2 ]', 'if a then b else c'];

function key(random: () => number): string {
  return hostileString(random, 4, KEY_FRAGMENTS);
}

function text(random: () => number): string {
  return hostileString(random, 5).replace(/\n/g, '');
}

function maybeComment<T extends NixExpr>(random: () => number, expr: T): T {
  return random() < 0.12 ? b.comment(expr, hostileString(random, 4, COMMENT_FRAGMENTS)) : expr;
}

// Raw text and explicit parentheses have no parsed form of their own (the parser reads what the
// text means and drops parentheses), so the round-trip tests leave them out.
let withRawAndParens = true;

/** A random AST without `raw` and `parens` nodes, which parsing cannot give back. */
export function randomParsableAst(random: () => number, depth: number): NixExpr {
  withRawAndParens = false;
  try {
    return randomAst(random, depth);
  } finally {
    withRawAndParens = true;
  }
}

export function randomAst(random: () => number, depth: number): NixExpr {
  return maybeComment(random, depth <= 0 ? leaf(random) : compound(random, depth - 1));
}

function leaf(random: () => number): NixExpr {
  switch (intBetween(random, 0, 8)) {
    case 0: {
      // INT64_MIN, subnormals and -0.0 have no literal: they print as arithmetic, which parses
      // back as arithmetic, so the round-trip tests leave them out.
      const special = withRawAndParens
        ? [0n, 1n, -1n, 9223372036854775807n, -9223372036854775808n, -9223372036854775807n]
        : [0n, 1n, -1n, 9223372036854775807n, -9223372036854775807n];
      return b.int(random() < 0.3 ? pick(random, special) : BigInt(intBetween(random, -1000, 1000)));
    }
    case 1: {
      const special = withRawAndParens
        ? [0, -0, 1.5, -2.25, 1e21, 1e-7, 5e-324, -1e-310, 1.7976931348623157e308, 0.1]
        : [0, 1.5, -2.25, 1e21, 1e-7, 1.7976931348623157e308, 0.1];
      return b.float(random() < 0.5 ? pick(random, special) : (random() - 0.5) * 10 ** intBetween(random, -20, 20));
    }
    case 2:
      return b.str(text(random));
    case 3:
      return b.path(pick(random, ['./a', '/abs/b', '~/h', 'rel/c', './a.b/c-d+e_f']));
    case 4:
      return b.searchPath(pick(random, ['nixpkgs', 'nixpkgs/lib', 'a.b/c']));
    case 5:
      // The parser reads a URI in `${…}` as the static name it evaluates to.
      return withRawAndParens ? b.uri('http://example.org/a?b=c') : b.str('http://example.org/a?b=c');
    case 6:
      return withRawAndParens ? b.raw(pick(random, RAW_TEXTS)) : b.v('a');
    default:
      return b.v(pick(random, VARS));
  }
}

function attrPath(random: () => number, depth: number, first: string): AttrKey[] {
  const path: AttrKey[] = [first];
  const extra = intBetween(random, 0, 2);
  for (let i = 0; i < extra; i++) path.push(random() < 0.25 ? dynamicKey(random, depth) : key(random));
  return path;
}

/**
 * A `${…}` key. The builders turn a constant string or URI there into the static name, as Nix
 * and the parser do; only a commented one stays a node, and the parser drops that comment (it
 * reads the static name), so round trips leave those out.
 */
function dynamicKey(random: () => number, depth: number): NixExpr {
  const expr: NixExpr = random() < 0.2 ? maybeComment(random, b.str(text(random))) : randomAst(random, depth);
  const constant =
    expr.comments !== undefined && (expr.kind === 'uri' || (expr.kind === 'string' && expr.parts.every((part) => typeof part === 'string')));
  return constant && !withRawAndParens ? b.v('a') : expr;
}

function constantName(key: AttrKey): string | undefined {
  if (typeof key === 'string') return key;
  if (key.kind === 'uri') return key.uri;
  if (key.kind === 'string' && key.parts.every((part) => typeof part === 'string')) return key.parts.join('');
  return undefined;
}

function bindings(random: () => number, depth: number, inLet: boolean): NixBindingItem[] {
  const used = new Set<string>();
  const items: NixBindingItem[] = [];
  const count = intBetween(random, 0, 3);
  for (let i = 0; i < count; i++) {
    let name = key(random);
    while (used.has(name)) name += 'x';
    used.add(name);
    let item: NixBindingItem;
    if (random() < 0.2) {
      item = b.inherit([name], random() < 0.5 ? randomAst(random, depth) : undefined);
    } else if (!inLet && random() < 0.15) {
      item = b.bind([dynamicKey(random, depth)], randomAst(random, depth));
      used.delete(name);
      // A constant key is a static name to Nix (the builder makes it one unless commented),
      // which must be unique like the others.
      const first = constantName(item.path[0]!);
      if (first !== undefined) {
        if (used.has(first)) continue;
        used.add(first);
      }
    } else {
      item = b.bind(attrPath(random, depth, name), randomAst(random, depth));
    }
    items.push(random() < 0.1 ? b.commentBinding(item, hostileString(random, 3, COMMENT_FRAGMENTS)) : item);
  }
  return items;
}

function stringParts(random: () => number, depth: number): StringPart[] {
  const parts: StringPart[] = [];
  const count = intBetween(random, 1, 4);
  for (let i = 0; i < count; i++) parts.push(random() < 0.4 ? randomAst(random, depth) : text(random));
  return parts;
}

function compound(random: () => number, depth: number): NixExpr {
  const r = () => randomAst(random, depth);
  switch (intBetween(random, 0, 16)) {
    case 0:
      return b.attrs(bindings(random, depth, false));
    case 1:
      return b.recAttrs(bindings(random, depth, false));
    case 2:
      return b.list(Array.from({ length: intBetween(random, 0, 3) }, r));
    case 3:
      return b.let_(bindings(random, depth, true), r());
    case 4:
      return b.with_(r(), r());
    case 5:
      return b.assert_(r(), r());
    case 6:
      return b.if_(r(), r(), r());
    case 7: {
      if (random() < 0.4) return b.fn(pick(random, ['x', 'y', 'arg']), r());
      const names = ['p', 'q', 's', 't'].filter(() => random() < 0.6);
      const formals = names.map((n) => (random() < 0.3 ? ([n, r()] as const) : n));
      const options = random() < 0.3 ? { ellipsis: random() < 0.5, bind: 'args', bindPosition: pick(random, ['before', 'after'] as const) } : { ellipsis: random() < 0.5 };
      return b.fn(b.formals(formals, options), r());
    }
    case 8: {
      // The parser reads `(# c⏎f a) b` as one call with the comment moved, so round trips skip it.
      const fn = r();
      const keep = withRawAndParens || fn.kind !== 'call' || fn.comments === undefined;
      const callee = keep ? fn : b.v('f');
      const args = Array.from({ length: intBetween(random, 1, 3) }, r);
      // The variable `or` right after the function (`f or`), the one place Nix reads it; after a
      // call the builder would merge it into a later position, which prints as `(f a) or`.
      if (callee.kind !== 'call' && random() < 0.15) args[0] = b.v('or');
      return b.call(callee, ...args);
    }
    case 9:
      return b.select(r(), attrPath(random, depth, key(random)), random() < 0.3 ? r() : undefined);
    case 10:
      return b.hasAttr(r(), attrPath(random, depth, key(random)));
    case 11:
      return b.not(r());
    case 12:
      return b.neg(r());
    case 13:
    case 14:
      return b.op(r(), pick(random, OPERATORS), r());
    case 15:
      return withRawAndParens ? b.parens(r()) : b.not(r());
    default:
      return random() < 0.5 ? b.dquoted(...stringParts(random, depth)) : b.path('./p/', r(), '/q');
  }
}
