import type { NixAttrs, NixExpr } from '@nixkit/nix-expr';

/** The value bound to a one-segment attribute name in an attribute-set node. */
export function binding(expr: NixExpr | undefined, name: string): NixExpr | undefined {
  if (expr?.kind !== 'attrs') throw new Error(`expected an attribute set, got ${expr?.kind}`);
  for (const item of (expr as NixAttrs).bindings) {
    if (item.kind === 'binding' && item.path.length === 1 && item.path[0] === name) return item.value;
  }
  return undefined;
}

/** The attribute names of an attribute-set node, in order. */
export function names(expr: NixExpr | undefined): string[] {
  if (expr?.kind !== 'attrs') throw new Error(`expected an attribute set, got ${expr?.kind}`);
  return (expr as NixAttrs).bindings.map((item) => (item.kind === 'binding' ? String(item.path[0]) : 'inherit'));
}
