import type { NixExpr } from '../../src/ast.js';
import { assert_, attrs, bind, call, fn, if_, list, op, ref, str, v, with_ } from '../../src/builders.js';
import { intBetween, pick } from '../../../../tools/test-helpers/index.js';

// Inputs made for the layout rules (issue #20): values at the width boundary and expressions
// whose nixfmt layout depends on the width. Shared by the unit, golden and interop tests.

/** Data at the width boundary (±3 columns): long strings, long quoted names, nested sets and lists. */
export function boundaryData(random: () => number, width: number, depth: number): unknown {
  const text = (n: number): string => Array.from({ length: n }, () => pick(random, ['a', 'b', ' ', '.', '-', '"', '$'])).join('');
  const near = (): number => Math.max(0, width - intBetween(random, 0, 20) + intBetween(random, -3, 3));
  const kind = depth <= 0 ? intBetween(random, 0, 2) : intBetween(random, 0, 5);
  if (kind === 0) return text(near());
  if (kind === 1) return intBetween(random, -1000, 100000);
  if (kind === 2) return random() < 0.5 ? text(intBetween(random, 0, 12)) : random() < 0.5;
  if (kind === 3 || kind === 4) {
    const out: Record<string, unknown> = {};
    for (let n = intBetween(random, 1, 4); n > 0; n--) {
      const key = random() < 0.5 ? text(intBetween(random, 1, Math.max(1, near() - 10))) : pick(random, ['a', 'b', 'name', 'x-y', 'c.d', 'with']);
      out[key] = boundaryData(random, width, depth - 1);
    }
    return out;
  }
  return Array.from({ length: intBetween(random, 1, 3) }, () => boundaryData(random, width, depth - 1));
}

/**
 * Expressions made for the layout: applications with a long last argument (a set, a list, a
 * parenthesized call or chain), operator chains over the width, comparisons, `if`, `assert`,
 * lambdas and `with` around them, bindings with plain and quoted names.
 */
export function layoutAst(random: () => number, depth: number): NixExpr {
  const name = (): string => pick(random, ['f', 'pkgs.lib.mkOption', 'builtins.concatStringsSep', 'lib.optionalString', 'x']);
  const longString = (): NixExpr => str('w'.repeat(intBetween(random, 10, 110)));
  const leaf = (): NixExpr => (random() < 0.5 ? longString() : v(pick(random, ['a', 'bbbbbbbbbbbbbbbbbbbbbbbb', 'c'])));
  if (depth <= 0) return leaf();
  switch (intBetween(random, 0, 9)) {
    case 0:
    case 1:
      return call(ref(name()), ...Array.from({ length: intBetween(random, 0, 3) }, leaf), layoutAst(random, depth - 1));
    case 2: {
      let chain = layoutAst(random, depth - 1);
      const operator = pick(random, ['+', '++', '//', '&&', '||'] as const);
      for (let n = intBetween(random, 2, 6); n > 0; n--) chain = op(chain, operator, leaf());
      return chain;
    }
    case 3:
      return list(Array.from({ length: intBetween(random, 1, 3) }, () => layoutAst(random, depth - 1)));
    case 4:
      return attrs(
        Array.from({ length: intBetween(random, 1, 3) }, (_, i) =>
          bind(random() < 0.5 ? [`k${i}`] : [`q.${'n'.repeat(intBetween(random, 1, 60))}`, `${i}`], layoutAst(random, depth - 1)),
        ),
      );
    case 5:
      return op(leaf(), pick(random, ['==', '!=', '<', '>='] as const), layoutAst(random, depth - 1));
    case 6:
      return if_(op(leaf(), '==', leaf()), layoutAst(random, depth - 1), leaf());
    case 7:
      return assert_(op(leaf(), '!=', leaf()), layoutAst(random, depth - 1));
    case 8: {
      const params = pick(random, [['x'], ['x', 'y'], ['x', 'y', 'z']]);
      let body = layoutAst(random, depth - 1);
      for (const param of params.reverse()) body = fn(param, body);
      return body;
    }
    default:
      return with_(v('pkgs'), layoutAst(random, depth - 1));
  }
}
