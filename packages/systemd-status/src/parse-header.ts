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
  const text = line.trimStart();
  if (text.length === 0) return null;
  const space = text.indexOf(' ');
  const first = space < 0 ? text : text.slice(0, space);
  let glyph: string | null = null;
  let rest = text;
  if (space > 0 && space <= 4 && isGlyph(first)) {
    glyph = first;
    rest = text.slice(space + 1).trimStart();
  }
  const dash = rest.indexOf(' - ');
  const name = dash < 0 ? rest.trimEnd() : rest.slice(0, dash);
  const description = dash < 0 ? null : rest.slice(dash + 3);
  const glyphState = glyph === null ? null : (GLYPHS.get(glyph) ?? 'unknown');
  if (UNIT_NAME.test(name)) return { glyph, glyphState, name, description, manager: false };
  // `systemctl status` without a unit prints `● <hostname>`; require the real dot to avoid
  // mistaking a Markdown bullet for a block.
  if ((glyph === '●' || glyph === '○' || glyph === '×') && description === null && HOST_NAME.test(name) && name.indexOf(':') < 0) {
    return { glyph, glyphState, name, description: null, manager: true };
  }
  return null;
}

function isGlyph(token: string): boolean {
  if (GLYPHS.has(token)) return true;
  return token.length <= 3 && !/[A-Za-z0-9.\-/]/.test(token);
}
