import type { AttrKey, BinaryOperator, NixBindingItem, NixExpr, StringPart } from '../src/ast.js';
import {
  assert_,
  attrs,
  bind,
  call,
  comment,
  commentBinding,
  dquoted,
  float,
  fn,
  formals,
  hasAttr,
  if_,
  indented,
  inherit,
  int,
  let_,
  list,
  neg,
  not,
  op,
  path,
  recAttrs,
  searchPath,
  select,
  str,
  uri,
  v,
  with_,
} from '../src/builders.js';
import { hostileString, intBetween, pick } from '../../../tools/test-helpers/index.js';

/**
 * Random ASTs built only with the public builders, covering every node kind the parser produces
 * (everything but `parens` and `raw`). Names are unique where Nix requires it (attribute sets,
 * `let`, formals), so every generated tree is a valid Nix expression.
 */

const NAMES = ['a', 'b', 'x', 'y', 'pkgs', 'lib', 'config', 'foo-bar', "x'", '_u', 'A1', 'services', 'enable'];
const KEYS = [...NAMES, 'or', 'if', 'in', 'a b', '1x', '', 'a.b', '${x}', '"q"', 'é', 'with space', '$', '\\'];
const OPS: readonly BinaryOperator[] = ['++', '*', '/', '+', '-', '//', '<', '<=', '>', '>=', '==', '!=', '&&', '||', '->'];
const FRAGMENTS = ['${', '$${', '$', '{', '}', "''", "'''", "'", '\\', '"', '\r', '\n', '\t', ' ', '  ', '#', ';', 'a', 'é', '→', '🦀', 'or'];
const PATHS = [
  () => path('./a.nix'), () => path('/etc/nixos'), () => path('~/x/y'), () => path('../a/b-c_d+e.f'), () => path('a/b'),
  () => path('1/2'), () => path('-x/y'),
];
// Comment lines as the printer writes them back: no line breaks, no leading space.
const COMMENTS = ['note', 'TODO: fix', 'a # b', '', '/* not a block */', 'x  y', 'é'];

export function randomAst(random: () => number, depth = 4): NixExpr {
  const leaf = depth <= 0 || random() < 0.25;
  const expr = leaf ? randomLeaf(random) : randomNode(random, depth - 1);
  return random() < 0.05 ? comment(expr, pick(random, COMMENTS)) : expr;
}

function randomLeaf(random: () => number): NixExpr {
  switch (intBetween(random, 0, 8)) {
    case 0:
      return int(BigInt(intBetween(random, -1000, 1000)) * (random() < 0.2 ? 10000000000n : 1n));
    case 1: {
      const value = (random() - 0.5) * 10 ** intBetween(random, -5, 20);
      return float(value === 0 || Object.is(value, -0) ? 1.5 : value);
    }
    case 2:
      return randomString(random, 0);
    case 3:
      return pick(random, PATHS)();
    case 4:
      return pick(random, [searchPath('nixpkgs'), searchPath('nixpkgs/lib')]);
    case 5:
      return uri(pick(random, ['https://example.org/a?b=c', 'mirror://gnu/hello', 'x:y']));
    default:
      return v(pick(random, NAMES));
  }
}

function randomString(random: () => number, depth: number): NixExpr {
  const parts: StringPart[] = [];
  const n = intBetween(random, 0, 4);
  for (let i = 0; i < n; i++) {
    if (depth > 0 && random() < 0.25) parts.push(randomAst(random, depth - 1));
    else parts.push(hostileString(random, 4, FRAGMENTS));
  }
  const style = intBetween(random, 0, 2);
  return style === 0 ? str(...parts) : style === 1 ? dquoted(...parts) : indented(...parts);
}

function randomKey(random: () => number, depth: number): AttrKey {
  if (depth > 0 && random() < 0.1) return str('k', randomAst(random, depth - 1));
  // A constant `${"…"}` key, which bind(), select() and hasAttr() turn into the static name.
  if (random() < 0.05) return pick(random, [str(pick(random, KEYS)), indented(pick(random, KEYS)), uri('x:y')]);
  return pick(random, KEYS);
}

function randomBindings(random: () => number, depth: number, staticOnly: boolean): NixBindingItem[] {
  const items: NixBindingItem[] = [];
  const used = new Set<string>();
  const n = intBetween(random, 0, 4);
  for (let i = 0; i < n; i++) {
    let item: NixBindingItem;
    if (random() < 0.15) {
      const name = pick(random, NAMES);
      if (used.has(name)) continue;
      used.add(name);
      item = random() < 0.5 ? inherit([name]) : inherit([name], randomAst(random, depth));
    } else {
      const path: AttrKey[] = [staticOnly ? pick(random, KEYS) : randomKey(random, depth)];
      while (random() < 0.3) path.push(randomKey(random, depth));
      item = bind(path, randomAst(random, depth));
      const first = item.path[0];
      if (typeof first === 'string') {
        if (used.has(first)) continue;
        used.add(first);
      }
    }
    items.push(random() < 0.1 ? commentBinding(item, pick(random, COMMENTS)) : item);
  }
  return items;
}

function randomNode(random: () => number, depth: number): NixExpr {
  const sub = (): NixExpr => randomAst(random, depth);
  switch (intBetween(random, 0, 17)) {
    case 0:
      return randomString(random, depth + 1);
    case 1:
      return path('./a/', sub(), '/b');
    case 2:
      return random() < 0.2 ? recAttrs(randomBindings(random, depth, false)) : attrs(randomBindings(random, depth, false));
    case 3:
      return list(Array.from({ length: intBetween(random, 0, 4) }, sub));
    case 4:
      return let_(randomBindings(random, depth, true).length === 0 ? [bind('a', sub())] : randomBindings(random, depth, true), sub());
    case 5:
      return with_(sub(), sub());
    case 6:
      return assert_(sub(), sub());
    case 7:
      return if_(sub(), sub(), sub());
    case 8: {
      if (random() < 0.5) return fn(pick(random, ['x', 'args', 'self']), sub());
      const names = [...new Set(Array.from({ length: intBetween(random, 0, 3) }, () => pick(random, ['a', 'b', 'c', 'pkgs'])))];
      const items = names.map((name) => (random() < 0.3 ? ([name, sub()] as const) : name));
      const options: { ellipsis?: boolean; bind?: string; bindPosition?: 'before' | 'after' } = { ellipsis: random() < 0.5 };
      if (random() < 0.3) {
        options.bind = 'args';
        options.bindPosition = random() < 0.5 ? 'before' : 'after';
      }
      return fn(formals(items, options), sub());
    }
    case 9: {
      // Nix merges `(f a) b` into one call, so a commented call cannot be a function position.
      let callee = sub();
      while (callee.kind === 'call' && callee.comments !== undefined) callee = callee.fn;
      const args = Array.from({ length: intBetween(random, 1, 3) }, sub);
      // `f or` applies f to the variable `or`; only right after a function that is not a call.
      if (callee.kind !== 'call' && random() < 0.15) args[0] = v('or');
      return call(callee, ...args);
    }
    case 10: {
      const keys = Array.from({ length: intBetween(random, 1, 3) }, () => randomKey(random, depth));
      return random() < 0.3 ? select(sub(), keys, sub()) : select(sub(), keys);
    }
    case 11:
      return hasAttr(sub(), Array.from({ length: intBetween(random, 1, 2) }, () => randomKey(random, depth)));
    case 12:
      return not(sub());
    case 13: {
      // Half the time an operand whose text starts with a path, which must not merge with the `-`.
      if (random() < 0.5) return neg(sub());
      return neg(call(pick(random, PATHS)(), ...Array.from({ length: intBetween(random, 1, 2) }, sub)));
    }
    default:
      return op(sub(), pick(random, OPS), sub());
  }
}
