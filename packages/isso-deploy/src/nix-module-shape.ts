import type { NixAttrs, NixBinding, NixExpr, NixList } from '@nixkit/nix-expr';

// What `install` needs to know about a parsed configuration.nix before editing it: the
// attribute set the module returns, its `imports`, and whether it is a flake instead.

/** The attribute set a module file evaluates to: through `{ … }:`, `let`, `with` and `assert`. */
export function topAttrs(expr: NixExpr): NixAttrs | undefined {
  let current: NixExpr = expr;
  while (true) {
    if (current.kind === 'attrs') return current;
    if (current.kind === 'lambda' || current.kind === 'let' || current.kind === 'with' || current.kind === 'assert') current = current.body;
    else if (current.kind === 'parens') current = current.expr;
    else return undefined;
  }
}

/** The binding `name = …;` (or `name.x = …;` when `prefix`) directly in `set`. */
export function topBinding(set: NixAttrs, name: string): NixBinding | undefined {
  return set.bindings.find((item): item is NixBinding => item.kind === 'binding' && item.path[0] === name);
}

/** The list literal of a value written `[ … ]`, `with x; [ … ]` or `([ … ])`. */
export function listLiteral(value: NixExpr): NixList | undefined {
  let current = value;
  while (current.kind === 'with' || current.kind === 'parens') current = current.kind === 'with' ? current.body : current.expr;
  return current.kind === 'list' ? current : undefined;
}

/** Whether a module's top level is a flake (`{ inputs = …; outputs = …; }`). */
export function isFlake(expr: NixExpr): boolean {
  const set = topAttrs(expr);
  return set !== undefined && topBinding(set, 'outputs') !== undefined;
}

/**
 * The names under `nixosConfigurations` anywhere in a flake (`nixosConfigurations.web03 = …` or
 * `nixosConfigurations = { web03 = …; }`), in source order. Walks the tree with an explicit stack.
 */
export function flakeHosts(expr: NixExpr): string[] {
  const hosts: string[] = [];
  const stack: unknown[] = [expr];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node !== 'object' || node === null) continue;
    if (Array.isArray(node)) { for (let i = node.length - 1; i >= 0; i--) stack.push(node[i]); continue; }
    const record = node as Record<string, unknown>;
    if (record.kind === 'binding') {
      const path = record.path as readonly unknown[];
      const at = path.indexOf('nixosConfigurations');
      if (at !== -1 && typeof path[at + 1] === 'string') hosts.push(path[at + 1] as string);
      const value = record.value as NixExpr;
      if (at !== -1 && at === path.length - 1 && value.kind === 'attrs') {
        for (const item of value.bindings) if (item.kind === 'binding' && typeof item.path[0] === 'string') hosts.push(item.path[0]);
      }
    }
    for (const key of Object.keys(record)) if (key !== 'loc' && key !== 'comments') stack.push(record[key]);
  }
  return [...new Set(hosts)];
}

/** The path literals in the top-level `imports` list, as written (`./hardware-configuration.nix`). */
export function importedPaths(expr: NixExpr): string[] {
  const set = topAttrs(expr);
  const binding = set === undefined ? undefined : topBinding(set, 'imports');
  const list = binding === undefined ? undefined : listLiteral(binding.value);
  if (list === undefined) return [];
  return list.items.flatMap((item) => item.kind === 'path' && item.parts.every((part) => typeof part === 'string') ? [item.parts.join('')] : []);
}
