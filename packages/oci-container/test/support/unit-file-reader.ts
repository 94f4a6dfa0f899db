// A reader for .container files written for these tests from the documented behaviour of
// Quadlet's unit-file parser and of systemd's command-line splitting (extract_first_word with
// RELAX | UNQUOTE | CUNESCAPE), then systemd's "%" specifier and "$" variable expansion of the
// generated ExecStart=. It is strict: anything systemd would expand is an error, so a test
// fails when an escape is missing.

export interface UnitEntry {
  section: string;
  key: string;
  value: string;
}

const GO_SPACE = /^[\s\u0085]+|[\s\u0085]+$/gu;

/** Lines → entries, as Quadlet's parser reads them (trim, comments, "\" continuation without a space). */
export function readUnitFile(text: string): UnitEntry[] {
  const lines = text.replace(/\n$/, '').split('\n');
  const entries: UnitEntry[] = [];
  let section = '';
  let pending = '';
  lines.forEach((original, index) => {
    let line = original.replace(GO_SPACE, '');
    const comment = line === '' || line.startsWith('#') || line.startsWith(';');
    if (comment) {
      if (pending !== '') return;
    } else if (line.endsWith('\\')) {
      line = line.slice(0, -1);
      if (index !== lines.length - 1) {
        pending += line;
        return;
      }
    }
    if (!comment && pending !== '') {
      line = pending + line;
      pending = '';
    }
    if (comment) return;
    if (line.startsWith('[')) {
      const end = line.indexOf(']');
      if (end === -1 || line.slice(end + 1).trim() !== '') throw new Error(`bad section line: ${JSON.stringify(line)}`);
      section = line.slice(1, end);
      return;
    }
    const eq = line.indexOf('=');
    if (eq <= 0) throw new Error(`not a key=value line: ${JSON.stringify(line)}`);
    entries.push({ section, key: line.slice(0, eq).replace(/\s+$/u, ''), value: line.slice(eq + 1).replace(/^[\s\u0085]+/u, '') });
  });
  return entries;
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', '"': '"', "'": "'", s: ' ' };

/** One C escape after a backslash at `text[i]`; returns the character and the length consumed. */
function cUnescape(text: string, i: number): [string, number] {
  const c = text[i] as string;
  if (c in SIMPLE_ESCAPES) return [SIMPLE_ESCAPES[c] as string, 1];
  const hex = (n: number) => {
    const digits = text.slice(i + 1, i + 1 + n);
    if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(digits)) throw new Error(`bad \\${c} escape`);
    const code = parseInt(digits, 16);
    if (code === 0) throw new Error('escaped NUL');
    return code;
  };
  if (c === 'x') return [String.fromCodePoint(hex(2)), 3];
  if (c === 'u') return [String.fromCodePoint(hex(4)), 5];
  if (c === 'U') return [String.fromCodePoint(hex(8)), 9];
  if (/[0-7]/.test(c)) {
    const digits = text.slice(i, i + 3);
    if (!/^[0-7]{3}$/.test(digits)) throw new Error('bad octal escape');
    const code = parseInt(digits, 8);
    if (code === 0 || code > 255) throw new Error('bad octal value');
    return [String.fromCodePoint(code), 3];
  }
  throw new Error(`unknown escape \\${c}`);
}

/** systemd-style word splitting with unquoting and C unescaping (relaxed at the end of input). */
export function splitWords(text: string): string[] {
  const words: string[] = [];
  const isSep = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r';
  let i = 0;
  while (i < text.length) {
    while (i < text.length && isSep(text[i] as string)) i++;
    if (i >= text.length) break;
    let word = '';
    let quote = '';
    for (; i < text.length; i++) {
      const c = text[i] as string;
      if (c === '\\') {
        if (i + 1 >= text.length) break; // relaxed: a trailing backslash is dropped
        const [out, used] = cUnescape(text, i + 1);
        word += out;
        i += used;
      } else if (quote !== '') {
        if (c === quote) quote = '';
        else word += c;
      } else if (c === '"' || c === "'") {
        quote = c;
      } else if (isSep(c)) {
        break;
      } else {
        word += c;
      }
    }
    words.push(word);
  }
  return words;
}

/** systemd's `%%` → `%` and `$$` → `$`; any other `%x` or `$NAME` would expand, so it is an error. */
export function unexpand(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '%' || c === '$') {
      if (text[i + 1] !== c) throw new Error(`unescaped ${c} at ${i} in ${JSON.stringify(text)}: systemd would expand it`);
      out += c;
      i++;
    } else {
      out += c;
    }
  }
  return out;
}

/** The container a .container file describes, read back the way Quadlet + systemd would pass it to podman. */
export interface ReadContainer {
  entries: UnitEntry[];
  raw(key: string, section?: string): string | undefined;
  rawAll(key: string, section?: string): string[];
  words(key: string, section?: string): string[];
  wordsPerLine(key: string, section?: string): string[][];
  keyValues(key: string): [string, string][];
}

export function readQuadlet(text: string): ReadContainer {
  const entries = readUnitFile(text);
  const all = (key: string, section: string) => entries.filter((e) => e.section === section && e.key === key).map((e) => e.value);
  return {
    entries,
    // Quadlet's Lookup: last value, right-trimmed, one pair of surrounding quotes removed.
    raw(key, section = 'Container') {
      const values = all(key, section);
      const last = values[values.length - 1];
      if (last === undefined) return undefined;
      let value = last.replace(/[\s\u0085]+$/u, '');
      if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
      return unexpand(value);
    },
    rawAll: (key, section = 'Container') => all(key, section).map((value) => unexpand(value.replace(/^[\s\u0085]+|[\s\u0085]+$/gu, ''))),
    words: (key, section = 'Container') => all(key, section).flatMap((value) => splitWords(value).map(unexpand)),
    wordsPerLine: (key, section = 'Container') => all(key, section).map((value) => splitWords(value).map(unexpand)),
    keyValues: (key) =>
      all(key, 'Container')
        .flatMap((value) => splitWords(value))
        .map((word) => {
          const eq = word.indexOf('=');
          if (eq === -1) throw new Error(`no "=" in ${JSON.stringify(word)}`);
          return [unexpand(word.slice(0, eq)), unexpand(word.slice(eq + 1))];
        }),
  };
}
