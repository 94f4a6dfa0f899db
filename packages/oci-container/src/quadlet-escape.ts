import { addCost } from './cost-meter.js';
import { OciContainerError } from './errors.js';
import type { Path } from './shape.js';

// Values in a .container file pass through two readers: Quadlet's unit-file parser (which trims
// lines, joins lines ending in "\" and, per key, either takes the text raw or splits it into
// systemd words) and then systemd, which reads the generated ExecStart= with "%" specifiers and
// "$" variables. So every value doubles "%" and "$", and the shape depends on the key.

/** Text systemd would otherwise expand: `%` specifiers and `$VAR` references. */
function escapeExpansions(text: string): string {
  return escapeUnitText(text, false);
}

/**
 * One pass over `text` that doubles `%` and `$` and, when `cEscapes` is set, also writes `\`,
 * `"` and control characters as C escapes. Pieces are joined in bounded chunks: `+=` per
 * character builds a rope of one node per character, and `replaceAll`/replace callbacks cost a
 * call per match, which for tens of megabytes of escapes means seconds and gigabytes.
 */
function escapeUnitText(text: string, cEscapes: boolean): string {
  const chunks: string[] = [];
  let pieces: string[] = [];
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    let escaped: string | undefined;
    if (code === 0x25) escaped = '%%';
    else if (code === 0x24) escaped = '$$';
    else if (cEscapes && (code === 0x5c || code === 0x22 || code < 0x20 || code === 0x7f)) escaped = cEscape(code);
    if (escaped === undefined) continue;
    if (i > from) pieces.push(text.slice(from, i));
    pieces.push(escaped);
    from = i + 1;
    if (pieces.length >= 8192) {
      chunks.push(pieces.join(''));
      pieces = [];
    }
  }
  if (from === 0) return text;
  pieces.push(text.slice(from));
  chunks.push(pieces.join(''));
  return chunks.join('');
}

function cEscape(code: number): string {
  switch (code) {
    case 0x5c: return '\\\\';
    case 0x22: return '\\"';
    case 0x0a: return '\\n';
    case 0x09: return '\\t';
    case 0x0d: return '\\r';
    default: return `\\x${code.toString(16).padStart(2, '0')}`;
  }
}

function checkQuadletText(text: string, path: Path): void {
  // Quadlet re-escapes U+0080 as the byte \x80, which systemd then reads as invalid UTF-8.
  if (text.includes('\u0080')) {
    throw new OciContainerError('contains U+0080, which Quadlet mangles into an invalid byte', { path, value: text, accepted: 'text without U+0080' });
  }
}

/**
 * One word for keys Quadlet splits like a command line (`Exec=`, `Environment=`, `Label=`,
 * `EnvironmentFile=`, `PodmanArgs=`, and systemd's own `ExecStartPre=`): bare when it is made of
 * plainly safe characters, else double-quoted with C escapes for `\`, `"` and control characters,
 * so no byte of the value is special.
 */
export function quadletWord(text: string, path: Path): string {
  addCost(text.length);
  checkQuadletText(text, path);
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(text)) return escapeExpansions(text);
  return `"${escapeUnitText(text, true)}"`;
}

/**
 * A command-line word that survives Quadlet's re-quoting into ExecStart=: Quadlet writes a lone
 * `;` unquoted (systemd then reads a command separator) and drops empty words.
 */
export function quadletArgWord(text: string, path: Path): string {
  if (text === '' || text === ';') {
    throw new OciContainerError(
      `cannot be passed through Quadlet: it rewrites ${text === '' ? 'an empty argument as nothing' : 'a lone ";" unquoted, which systemd reads as a command separator'}`,
      { path, value: text, accepted: 'a non-empty argument other than ";"' },
    );
  }
  return quadletWord(text, path);
}

// Go's unicode.IsSpace set, which Quadlet trims from both ends of every line.
const EDGE_SPACE = /^[\s\u0085]|[\s\u0085]$/u;

/**
 * A value for keys Quadlet reads raw (`Image=`, `Volume=`, `PublishPort=`, `WorkingDir=`, …):
 * no quoting is undone there, so the value must already be a single safe line. `stripsQuotes`
 * marks keys read with Quadlet's `Lookup`, which removes one pair of surrounding `"`.
 */
export function quadletRaw(text: string, path: Path, stripsQuotes: boolean): string {
  addCost(text.length);
  checkQuadletText(text, path);
  if (/[\u0000-\u001f\u007f]/.test(text) || EDGE_SPACE.test(text) || text.endsWith('\\') || text === '') {
    throw new OciContainerError(
      'cannot be written to this Quadlet key, which takes its value raw: it must be non-empty, without control characters or surrounding whitespace, and not end in "\\"',
      { path, value: text, accepted: 'a single-line value without edge whitespace' },
    );
  }
  const quoted = stripsQuotes && text.length >= 2 && text.startsWith('"') && text.endsWith('"') ? `"${text}"` : text;
  return escapeExpansions(quoted);
}
