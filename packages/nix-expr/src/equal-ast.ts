import type { NixExpr } from './ast.js';

/**
 * Structural equality of two ASTs, for `parse(print(ast))` round trips: `loc` is ignored, a
 * string with `style: 'auto'` equals the same string in either quoting, a missing `comments` equals
 * an empty one, a missing `leadingEmpty` equals either; everything else (kinds, values, bigint ints, float bits including -0, comments,
 * part order) must match. It walks with an explicit stack, so any depth is fine.
 */
export function equalAst(a: NixExpr, b: NixExpr): boolean {
  const stack: [unknown, unknown][] = [[a, b]];
  while (stack.length > 0) {
    const [x, y] = stack.pop()!;
    if (Object.is(x, y)) continue;
    if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return false;
    if (Array.isArray(x) !== Array.isArray(y)) return false;
    if (Array.isArray(x)) {
      const ys = y as unknown[];
      if (x.length !== ys.length) return false;
      for (let i = 0; i < x.length; i++) stack.push([x[i], ys[i]]);
      continue;
    }
    const xo = x as Record<string, unknown>;
    const yo = y as Record<string, unknown>;
    const keys = new Set([...Object.keys(xo), ...Object.keys(yo)]);
    for (const key of keys) {
      if (key === 'loc') continue;
      const xv = xo[key];
      const yv = yo[key];
      if (key === 'comments') {
        stack.push([xv ?? [], yv ?? []]);
      } else if (key === 'style' && xo['kind'] === 'string') {
        if (xv !== yv && xv !== 'auto' && yv !== 'auto') return false;
      } else if (key === 'leadingEmpty' && xo['kind'] === 'string') {
        // Layout of the source (which parse tree Nix builds), not value: absent matches either.
        if (xv !== yv && xv !== undefined && yv !== undefined) return false;
      } else {
        stack.push([xv, yv]);
      }
    }
  }
  return true;
}
