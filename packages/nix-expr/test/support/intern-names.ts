// Nix 2.8 dumps attributes and formals sorted by symbol address, i.e. by the order in which the
// lexer first met each name. Two sources with the same structure can list them differently, so
// structure tests put this preamble first: it interns every name of the AST in one fixed order.

function collect(value: unknown, out: Set<string>): void {
  if (Array.isArray(value)) {
    for (const item of value) collect(item, out);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  const record = value as Record<string, unknown>;
  for (const field of ['name', 'names', 'path']) {
    const found = record[field];
    if (typeof found === 'string' && record['kind'] !== 'searchPath') out.add(found);
    if (Array.isArray(found)) for (const item of found) if (typeof item === 'string') out.add(item);
  }
  for (const field of Object.keys(record)) collect(record[field], out);
}

/** `let zzNames = { "a" = 0; … }; in ` naming every identifier and attribute name in `asts`. */
export function internPreamble(asts: unknown, extra: readonly string[] = []): string {
  const names = new Set(extra);
  collect(asts, names);
  const entries = [...names].map((name) => `${JSON.stringify(name).replace(/\$/g, '\\$')} = 0;`);
  return `let zzNames = { ${entries.join(' ')} }; in `;
}

/**
 * Sorts the names of simple formals patterns (`{ b, a, ... }:`, no defaults) in a --parse dump:
 * their order follows symbol addresses, which the preamble does not always pin down.
 */
export function normalizeDump(dump: string): string {
  return dump.replace(/\(\{ ([A-Za-z_][\w'-]*(?:, [A-Za-z_][\w'-]*)*)(, \.\.\.)? \}/g, (_, names: string, dots?: string) =>
    `({ ${names.split(', ').sort().join(', ')}${dots ?? ''} }`,
  );
}
