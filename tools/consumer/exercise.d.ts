/** The workout of every public API in exercise.js: `m` maps short names to the packages. */
export function exercise(m: Record<string, unknown>, inputs: unknown): string;
