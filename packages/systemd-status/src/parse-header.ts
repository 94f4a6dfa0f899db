import { isBlankChar } from './blank-char.js';
import type { GlyphState } from './types.js';

/** The first line of a unit block. */
export interface Header {
  glyph: string | null;
  glyphState: GlyphState | null;
  name: string;
  /** `null` when the unit has no description (systemd then prints the name alone). */
  description: string | null;
  /** The manager's own block (`● hostname`), which has no unit type suffix. */
  manager: boolean;
}

const UNIT_NAME = /^[^\s/├└│‣|`+]+\.(?:service|socket|target|device|mount|automount|swap|timer|path|slice|scope)$/;
const HOST_NAME = /^[A-Za-z0-9][A-Za-z0-9.-]{0,252}$/;
const GLYPHS: ReadonlyMap<string, GlyphState> = new Map([
  ['●', 'dot'], ['*', 'dot'], ['○', 'inactive'], ['×', 'failed'], ['x', 'failed'], ['↻', 'reloading'],
]);

/**
 * Reads `<glyph> <unit>[ - <description>]`. The glyph is optional (absent before v212 and in
 * many pastes) and may be mangled (`?`, `â—`, `•`): any short token without ASCII letters or
 * digits is taken as one. Returns `null` for lines that are not a header.
 */
export function parseHeader(line: string): Header | null {
  // Indices into `line` instead of trimmed copies: every key line passes through here first.
  const begin = skipBlanks(line, 0);
  if (begin === line.length) return null;
  const space = line.indexOf(' ', begin);
  let glyph: string | null = null;
  let restStart = begin;
  if (space > begin && space - begin <= 4) {
    const first = line.slice(begin, space);
    if (isGlyph(first)) {
      glyph = first;
      restStart = skipBlanks(line, space + 1);
    }
  }
  const dash = line.indexOf(' - ', restStart);
  // Neither a unit name nor a host name contains a space: rule such lines out before copying.
  const inner = line.indexOf(' ', restStart);
  if (dash < 0 ? inner >= 0 && hasNonBlank(line, inner) : inner < dash) return null;
  const name = dash < 0 ? line.slice(restStart).trimEnd() : line.slice(restStart, dash);
  const description = dash < 0 ? null : line.slice(dash + 3);
  const glyphState = glyph === null ? null : (GLYPHS.get(glyph) ?? 'unknown');
  if (UNIT_NAME.test(name)) return { glyph, glyphState, name, description, manager: false };
  // `systemctl status` without a unit prints `● <hostname>`; require the real dot to avoid
  // mistaking a Markdown bullet for a block.
  if ((glyph === '●' || glyph === '○' || glyph === '×') && description === null && HOST_NAME.test(name) && name.indexOf(':') < 0) {
    return { glyph, glyphState, name, description: null, manager: true };
  }
  return null;
}

const NON_BLANK = /\S/g;

/** Whether `line` has a character other than what `trim` drops at or after `from`. */
function hasNonBlank(line: string, from: number): boolean {
  NON_BLANK.lastIndex = from;
  return NON_BLANK.test(line);
}

/** The index of the first character at or after `from` that `trimStart` would keep. */
function skipBlanks(line: string, from: number): number {
  let i = from;
  while (i < line.length && isBlankChar(line.charCodeAt(i))) i++;
  return i;
}

function isGlyph(token: string): boolean {
  if (GLYPHS.has(token)) return true;
  return token.length <= 3 && !/[A-Za-z0-9.\-/]/.test(token);
}
