/**
 * Nix's dump shows how an indented string was split into pieces by its escapes (`"a" + "\t"`),
 * which is layout, not meaning: merge adjacent string literals and drop the parentheses around
 * a lone one, on both sides of a comparison.
 */
export function normalizeDump(dump: string): string {
  const literal = '"(?:[^"\\\\]|\\\\.)*"';
  const join = new RegExp(`(${literal}) \\+ (${literal})`, 'g');
  let out = dump;
  let previous = '';
  while (out !== previous) {
    previous = out;
    out = out.replace(join, (_, a: string, b: string) => a.slice(0, -1) + b.slice(1));
    out = out.replace(new RegExp(`\\((${literal})\\)`, 'g'), '$1');
  }
  return out;
}
