import { addCost } from './cost-meter.js';
import { NginxVhostError, type FieldPath } from './errors.js';
import { checkSingleLine, quoteToken } from './nginx-token.js';
import { MAX_BARE_TOKEN_BYTES } from './limits.js';

/** How a location matches: prefix, exact (`=`), prefix that skips regexes (`^~`), regex, named. */
export type LocationModifier = '' | '=' | '^~' | '~' | '~*' | '@';

/** A location key taken apart. */
export interface LocationMatch {
  modifier: LocationModifier;
  /** The path, regex or (for `@`) the name, without quoting. */
  pattern: string;
}

const ACCEPTED = 'a prefix starting with "/" ("/static/"), "= /exact", "^~ /prefix", "~ regex", "~* regex" or "@name"';

// Escapes PCRE rejects although a JS RegExp takes them (\L, \u, \N…): checked here because the
// JS engine is the only regex compiler a browser-safe library has.
const PCRE_BAD_ESCAPE = /\\(?:[cCgGiIjJkKlLmMNoOpPqTuUyY]|x\{(?![0-9A-Fa-f]{1,6}\}))/;

/**
 * Splits a location key (`"~ \\.php$"`) into modifier and pattern and checks the pattern: a prefix
 * must start with `/` (nginx would read a leading `~`, `=` or `@` as a modifier), a regex must
 * compile, a name must be a plain identifier.
 */
export function parseLocationName(key: string, path: FieldPath): LocationMatch {
  // The pattern is one nginx token: refuse what cannot fit before compiling it as a regex.
  if (key.length > MAX_BARE_TOKEN_BYTES + 3) throw new NginxVhostError(path, key, `location is ${key.length} characters long`, `at most ${MAX_BARE_TOKEN_BYTES} bytes of pattern, nginx's limit for one argument`);
  checkSingleLine(key, path);
  if (key.startsWith('@')) {
    if (!/^@[A-Za-z0-9_-]+$/.test(key)) throw new NginxVhostError(path, key, 'invalid named location', '@ followed by letters, digits, _ or -');
    return { modifier: '@', pattern: key.slice(1) };
  }
  const match = /^(=|\^~|~\*|~) ?([\s\S]*)$/.exec(key);
  const modifier = (match?.[1] ?? '') as LocationModifier;
  const pattern = match ? match[2]! : key;
  // NixOS pastes the key unquoted, where nginx would drop such whitespace: refuse the ambiguity.
  if (/^\s|\s$/.test(pattern)) throw new NginxVhostError(path, key, 'whitespace at the start or end of the location pattern', `${ACCEPTED}, with one space after the modifier`);
  if (modifier === '~' || modifier === '~*') {
    if (pattern === '') throw new NginxVhostError(path, key, 'empty regex', ACCEPTED);
    checkRegex(pattern, path);
  } else if (!pattern.startsWith('/')) {
    throw new NginxVhostError(path, key, 'a prefix or exact location must start with "/"', ACCEPTED);
  }
  return { modifier, pattern };
}

/**
 * Checks a regex with the only compiler a browser-safe library has (JS), plus the differences
 * that matter: escapes PCRE refuses although JS takes them, and back references to groups that
 * do not exist (JS reads `\\9` as a literal, PCRE fails).
 */
export function checkRegex(pattern: string, path: FieldPath): void {
  let groups: number;
  try {
    new RegExp(pattern);
    groups = new RegExp(`(?:${pattern})|`).exec('')!.length - 1;
  } catch {
    throw new NginxVhostError(path, pattern, 'the regex does not compile', 'a PCRE regular expression');
  }
  const escapes = pattern.replace(/\\\\/g, '');
  if (PCRE_BAD_ESCAPE.test(escapes)) throw new NginxVhostError(path, pattern, 'the regex uses an escape PCRE rejects', 'a PCRE regular expression without \\L, \\l, \\N, \\U, \\u, \\g, \\k, \\p and similar escapes');
  for (const match of escapes.matchAll(/\\([1-9][0-9]*)/g)) {
    if (Number(match[1]) > groups) throw new NginxVhostError(path, pattern, `back reference \\${match[1]} to a group that does not exist`, 'back references only to existing capture groups');
  }
  // Without escapes: "[]" / "[^]" are an empty / any-char class in JS but open a class with a
  // literal "]" in PCRE; "[:", "[.", "[=" start POSIX classes PCRE may refuse.
  const unescaped = pattern.replace(/\\[\s\S]/g, '');
  if (/\[\^?\]|\[[:.=]/.test(unescaped)) throw new NginxVhostError(path, pattern, 'a character class JS and PCRE read differently ("[]", "[^]", "[:", "[.", "[=")', 'a regex without these, e.g. "[\\]]" for a literal bracket');
  if (/\(\?<[=!][^)]*[*+?{]/.test(pattern)) throw new NginxVhostError(path, pattern, 'variable-length lookbehind', 'a lookbehind of fixed length (PCRE rule)');
}

/** The location's arguments as they appear after `location` in nginx.conf (and as the NixOS key). */
export function locationArgs(match: LocationMatch, path: FieldPath): string[] {
  if (match.modifier === '@') return [`@${match.pattern}`];
  const pattern = quoteToken(match.pattern, path);
  return match.modifier === '' ? [pattern] : [match.modifier, pattern];
}

/**
 * Compares as NixOS's `builtins.sort` over attribute names does: by UTF-8 bytes, which is code
 * point order (JS `<` compares UTF-16 units and differs for astral characters).
 */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      addCost(i + 1);
      return codePointRank(x) - codePointRank(y);
    }
  }
  addCost(n + 1);
  return a.length - b.length;
}

// At the first differing UTF-16 unit, surrogates (U+D800–U+DFFF, i.e. astral characters) must
// rank above U+E000–U+FFFF, as their code points do; no array of characters is built per compare.
function codePointRank(unit: number): number {
  if (unit < 0xd800) return unit;
  return unit <= 0xdfff ? unit + 0x2000 : unit - 0x800;
}
