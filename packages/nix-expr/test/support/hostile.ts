import { HOSTILE_FRAGMENTS, hostileString, pick } from '../../../../tools/test-helpers/index.js';

// Extra fragments aimed at the Nix string lexers: escapes of both string kinds, blank and
// indented lines (which `''…''` strips), control characters and quotes next to `$`.
const NIX_FRAGMENTS: readonly string[] = [
  ...HOSTILE_FRAGMENTS,
  "''$", "''\\", "'$", "$'", '$\\', '\\$', '\\${', '$$', '\n ', ' \n', '\n  ', '\n\t', '\t\n', '\u0001', '\u007f',
  '\u2029', '\r\r', "'\n", '\n\'', '${"', '"}', '  ',
];

/** A hostile string for the Nix string escapers, sometimes padded with blanks at either end. */
export function nixHostileString(random: () => number): string {
  let text = hostileString(random, 10, NIX_FRAGMENTS);
  if (random() < 0.2) text = pick(random, [' ', '  ', '\n', '\t', ' \n  ']) + text;
  if (random() < 0.2) text += pick(random, [' ', '  ', '\n', '\n  ', "'", '$']);
  return text;
}
