/**
 * A small seeded PRNG (mulberry32) so property tests are reproducible: a failure prints its seed
 * and can be replayed exactly.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Picks one element of a non-empty array. */
export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

/** An integer in [min, max]. */
export function intBetween(random: () => number, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** Fragments that break naive escapers of Nix, INI, nginx and shell text. */
export const HOSTILE_FRAGMENTS: readonly string[] = [
  '${', '$${', '$', '{', '}', "''", "'''", "'", '\\', '"', '\r', '\n', '\r\n', '\t', ' ', '  ',
  '#', ';', '%', '=', ':', '`', '~', 'a', 'Z', '0', 'é', '→', '日本', '🦀', '\u00a0', '\u2028', '${x}', 'or', 'in',
];

/** A random string of hostile fragments, up to `maxParts` pieces. */
export function hostileString(random: () => number, maxParts = 8, fragments: readonly string[] = HOSTILE_FRAGMENTS): string {
  const n = intBetween(random, 0, maxParts);
  let out = '';
  for (let i = 0; i < n; i++) out += pick(random, fragments);
  return out;
}
