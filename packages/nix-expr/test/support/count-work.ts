/**
 * Counts the string operations the parser performs (character reads, slices, searches, each
 * weighted by the characters it touches), so linearity is checked without timing anything.
 */
export function countWork(run: () => void): number {
  const proto = String.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
  const names = ['charCodeAt', 'codePointAt', 'startsWith', 'slice', 'indexOf', 'lastIndexOf', 'split'] as const;
  const originals = names.map((name) => proto[name]!);
  let work = 0;
  names.forEach((name, k) => {
    const original = originals[k]!;
    proto[name] = function (this: string, ...args: unknown[]) {
      const result = original.apply(this, args);
      if (name === 'slice' && typeof result === 'string') work += result.length + 1;
      else if (name === 'indexOf') work += (result === -1 ? this.length : (result as number)) - ((args[1] as number | undefined) ?? 0) + 1;
      else if (name === 'lastIndexOf' || name === 'split') work += this.length + 1;
      else work += 1;
      return result;
    };
  });
  try {
    run();
  } finally {
    names.forEach((name, k) => (proto[name] = originals[k]!));
  }
  return work;
}
