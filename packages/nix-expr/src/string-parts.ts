import type { StringPart } from './ast.js';

/**
 * String or path parts in their one canonical shape, shared by the builders and the parser:
 * adjacent literal texts merged, empty texts dropped. That is what makes `parse(print(ast))`
 * equal to `ast`.
 */
export function mergeParts(parts: readonly StringPart[]): StringPart[] {
  const merged: StringPart[] = [];
  for (const part of parts) {
    if (typeof part === 'string') {
      if (part === '') continue;
      const last = merged[merged.length - 1];
      if (typeof last === 'string') merged[merged.length - 1] = last + part;
      else merged.push(part);
    } else {
      merged.push(part);
    }
  }
  return merged;
}
