/**
 * A reader with the exact semantics of Python's `configparser.ConfigParser(allow_no_value=True,
 * interpolation=None)` as Isso constructs it: `=` or `:` (the first one) splits key from value,
 * full-line `#`/`;` comments (also indented, also inside multi-line values), no inline comments,
 * continuation lines indented deeper than their key, blank lines kept inside values and trailing
 * ones dropped, keys lower-cased, section names case-sensitive, values stripped with Python's
 * whitespace rules. Where Python raises, this reader records an error diagnostic and goes on.
 */
import { isPythonSpace, pythonStrip, skipPythonSpace } from './python-whitespace.js';
import { clip } from './describe.js';
import { operationMeter } from './operation-meter.js';
import { createIssueSink, omittedMessage, type IssueSink } from './issue-sink.js';
import type { IssoDiagnostic } from './types.js';

/** One `key = value` line; `value` is null for a bare key without `=` or `:`. */
export interface RawEntry {
  readonly key: string;
  readonly value: string | null;
  /** 1-based line of the key. */
  readonly line: number;
}

/** One section as configparser holds it after reading (repeated headers merged). */
export interface RawSection {
  readonly name: string;
  readonly line: number;
  readonly entries: readonly RawEntry[];
}

export interface RawParseResult {
  readonly sections: readonly RawSection[];
  readonly diagnostics: readonly IssoDiagnostic[];
}

interface OpenEntry {
  key: string;
  /** The first line of the value, or null for a bare key. */
  first: string | null;
  /** Continuation lines, created only when there are some (most values have one line). */
  more: string[] | undefined;
  line: number;
}

interface OpenSection {
  name: string;
  line: number;
  entries: Map<string, OpenEntry>;
  /** configparser also stores a key-less line's value under '', so a second one is a duplicate. */
  hasEmptyKey: boolean;
}

/** Codes of the diagnostics for which Python's configparser raises an exception. */
export const CONFIGPARSER_ERRORS: ReadonlySet<string> = new Set([
  'bom',
  'missing-section-header',
  'duplicate-section',
  'duplicate-key',
  'empty-key',
  'continuation-of-valueless-key',
]);

/**
 * Reads `text` into sections and raw string values, as configparser would. Never throws; runs
 * in time linear in the length of `text`.
 */
export function parseRaw(text: string): RawParseResult {
  const diagnostics = createIssueSink<IssoDiagnostic>();
  const sections = new Map<string, OpenSection>();
  let current: OpenSection | undefined;
  let entry: OpenEntry | undefined;
  let indentLevel = 0;
  const report = (line: number, code: string, path: readonly string[], value: unknown, message: string, accepted: string, severity: 'error' | 'warning' = 'error') =>
    diagnostics.push({ severity, code, line, path, value, accepted, message: `line ${line}: ${message}` });

  if (typeof text !== 'string') {
    report(0, 'wrong-type', [], text, 'the input is not a string', 'the text of an isso.conf file');
    return { sections: [], diagnostics: closeDiagnostics(diagnostics) };
  }
  eachLine(text, (rawLine, lineNo) => {
    let line = rawLine;
    if (lineNo === 1 && line.startsWith('\uFEFF')) {
      report(lineNo, 'bom', [], '\uFEFF', 'the file starts with a byte order mark, which Isso reads as text before the first section', 'UTF-8 without a byte order mark');
      line = line.slice(1);
    }
    const start = skipPythonSpace(line);
    const stripped = pythonStrip(line, start);
    if (stripped.startsWith('#') || stripped.startsWith(';')) return;
    if (stripped === '') {
      if (entry && entry.first !== null) (entry.more ??= []).push('');
      return;
    }
    if (current && entry && start > indentLevel) {
      if (entry.first !== null) (entry.more ??= []).push(stripped);
      else report(lineNo, 'continuation-of-valueless-key', [current.name, entry.key], stripped, `an indented line continues the bare key "${clip(entry.key)}", which makes Python's configparser crash`, 'a key = value line before continuation lines');
      return;
    }
    indentLevel = start;
    const header = sectionName(stripped);
    if (header !== undefined) {
      entry = undefined;
      if (header === 'DEFAULT') {
        report(lineNo, 'default-section', ['DEFAULT'], header, '[DEFAULT] values apply to every section, and Isso warns about each of them', 'named sections only', 'warning');
      } else if (sections.has(header)) {
        report(lineNo, 'duplicate-section', [header], header, `section [${clip(header)}] appears again`, 'each section once');
      }
      if (stripped.lastIndexOf(']') !== stripped.length - 1) {
        report(lineNo, 'section-trailing-text', [header], stripped, 'text after the closing ] of a section header is ignored', 'nothing after ]', 'warning');
      }
      current = sections.get(header);
      if (!current) {
        current = { name: header, line: lineNo, entries: new Map(), hasEmptyKey: false };
        sections.set(header, current);
      }
      return;
    }
    if (!current) {
      report(lineNo, 'missing-section-header', [], stripped, 'a line before the first [section] header makes Isso fail', 'a [section] header first');
      return;
    }
    const option = splitOption(stripped);
    const key = option.key.toLowerCase();
    if (key === '') report(lineNo, 'empty-key', [current.name], stripped, 'a line starts with = or : and has no key', 'key = value');
    const existing = current.entries.get(key);
    if (existing || (key === '' && current.hasEmptyKey)) {
      report(lineNo, 'duplicate-key', [current.name, key], option.value, `key "${clip(key)}" appears twice in [${clip(current.name)}] (keys ignore case)`, 'each key once per section');
    }
    if (key === '') {
      // configparser stores the empty key but treats it as no key for continuation lines.
      current.hasEmptyKey = true;
      entry = undefined;
      return;
    }
    entry = { key, first: option.value, more: undefined, line: lineNo };
    // Like configparser, a repeated key keeps its first position but takes the later value.
    if (existing) current.entries.delete(key);
    current.entries.set(key, entry);
  });

  const result: RawSection[] = [];
  for (const section of sections.values()) {
    const entries: RawEntry[] = [];
    for (const open of section.entries.values()) {
      const value = open.first === null ? null : open.more ? pythonRstrip(`${open.first}\n${open.more.join('\n')}`) : open.first;
      entries.push({ key: open.key, value, line: open.line });
    }
    result.push({ name: section.name, line: section.line, entries });
  }
  return { sections: result, diagnostics: closeDiagnostics(diagnostics) };
}

/** The kept diagnostics, closed by a count of those left out past {@link MAX_DIAGNOSTICS}. */
export function closeDiagnostics(sink: IssueSink<IssoDiagnostic>): IssoDiagnostic[] {
  return sink.list((omitted, severity) => ({ severity, code: 'too-many-diagnostics', line: 0, path: [], value: omitted, accepted: 'fewer problems', message: omittedMessage(omitted) }));
}

/**
 * Calls `visit` for each line as Python's `str.splitlines` on `\r\n`, `\r` and `\n` would cut
 * it (a final line break ends the last line, it does not start an empty one), without holding
 * an array of every line.
 */
function eachLine(text: string, visit: (line: string, lineNo: number) => void): void {
  let start = 0;
  let lineNo = 0;
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (code !== 0x0a && code !== 0x0d) continue;
    visit(text.slice(start, at), ++lineNo);
    operationMeter.operations += at - start + 1;
    if (code === 0x0d && text.charCodeAt(at + 1) === 0x0a) at++;
    start = at + 1;
  }
  if (start < text.length) visit(text.slice(start), ++lineNo);
}

/** configparser's `\[(?P<header>.+)\]` matched at the start of the stripped line. */
function sectionName(stripped: string): string | undefined {
  if (!stripped.startsWith('[')) return undefined;
  const close = stripped.lastIndexOf(']');
  return close >= 2 ? stripped.slice(1, close) : undefined;
}

/** The first `=` or `:` splits the line; without either the key has no value. */
function splitOption(stripped: string): { key: string; value: string | null } {
  const equals = stripped.indexOf('=');
  const colon = stripped.indexOf(':');
  const at = equals < 0 ? colon : colon < 0 ? equals : Math.min(equals, colon);
  if (at < 0) return { key: stripped, value: null };
  return { key: pythonStrip(stripped, 0, at), value: pythonStrip(stripped, at + 1) };
}

function pythonRstrip(text: string): string {
  let end = text.length;
  while (end > 0 && isPythonSpace(text[end - 1]!)) end--;
  return end === text.length ? text : text.slice(0, end);
}
