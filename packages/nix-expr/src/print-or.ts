import type { NixCall, NixExpr } from './ast.js';

// Nix 2.8 keeps a variable named `or` usable for old code (`map or [ … ]`): its grammar reads an
// `expr_simple` followed by the keyword `or` as that expression applied to the variable `or`.
// Nowhere else can `or` be a variable, so the printer writes it bare only there, and throws for
// it anywhere else (as for any keyword used as a variable).

/** True for the variable `or` without comments, the one form printable bare after a function. */
export function isOrVariable(expr: NixExpr | undefined): boolean {
  return expr !== undefined && expr.kind === 'var' && expr.name === 'or' && (expr.comments === undefined || expr.comments.length === 0);
}

/**
 * The same application with `or` only as its first argument: `f a or b` would read as
 * `f (a or) b`, so `call(f, [a, or, b])` is printed as `(f a) or b`, the same value. The caller
 * prints the function of the result as an `expr_simple` when its first argument is `or`.
 */
export function splitAtOr(expr: NixCall): NixCall {
  const args = expr.args;
  let fn = expr.fn;
  let start = 0;
  for (let i = 1; i < args.length; i++) {
    if (!isOrVariable(args[i])) continue;
    fn = { kind: 'call', fn, args: args.slice(start, i) };
    start = i;
  }
  return start === 0 ? expr : { kind: 'call', fn, args: args.slice(start) };
}
