import type { SourceComment } from './parse-diagnostic.js';

/**
 * A hand-written copy of the behaviour of Nix 2.8's flex lexer (`src/libexpr/lexer.l`): the same
 * longest-match rules, the same start-condition stack (default, string, indented string, inside a
 * path), the same escapes. It is pulled one token at a time by the parser (Nix's lexer state
 * never depends on the parser, so this is only a matter of when the work happens): a parse that
 * stops early, at a syntax error or the depth limit, never reads the rest of the input, and no
 * token array as large as the input is ever held. Every scan is linear: character runs that a
 * failed candidate (a path without `/`, a URI without `:`) looked at are cached, so no position
 * is rescanned by later tokens.
 */

export type TokenType =
  | 'id' | 'int' | 'float' | 'path' | 'hpath' | 'spath' | 'uri'
  /** A literal chunk of a `"…"` string (value unescaped) or of an interpolated path (raw). */
  | 'str'
  /** A literal chunk of a `''…''` string; `indented` tells whether it is raw text (true) or an escape. */
  | 'indStr'
  | 'dollarCurly' | 'quote' | 'indOpen' | 'indClose' | 'pathEnd'
  | 'if' | 'then' | 'else' | 'assert' | 'with' | 'let' | 'in' | 'rec' | 'inherit' | 'or' | '...'
  | '==' | '!=' | '<=' | '>=' | '&&' | '||' | '->' | '//' | '++'
  | '{' | '}' | '(' | ')' | '[' | ']' | ';' | ':' | ',' | '.' | '=' | '@' | '?'
  | '!' | '-' | '+' | '*' | '/' | '<' | '>'
  /** Any other character: Nix hands it to the parser, which rejects it. */
  | 'char'
  /** A lexical error (trailing slash, bad number); `value` holds the message. */
  | 'error'
  | 'eof';

export interface Token {
  type: TokenType;
  start: number;
  end: number;
  /** Identifier name, literal text, unescaped string chunk, or error message. */
  value: string;
  /** For `indStr`: the chunk is raw source text, subject to indentation stripping. */
  indented?: boolean;
}

export interface LexResult {
  tokens: Token[];
  comments: SourceComment[];
}

/**
 * The comments `comments[from]` … `comments[to - 1]`, all written between the token ending at
 * `prevEnd` and the token starting at `tokenStart` (`eof` tells that no token follows).
 */
export interface CommentGap {
  from: number;
  to: number;
  prevEnd: number;
  tokenStart: number;
  eof: boolean;
}

/** A lexer that produces tokens on demand. After `eof` or `error`, `next()` repeats that token. */
export interface Lexer {
  next(): Token;
  /** Comments read so far, in source order. */
  readonly comments: SourceComment[];
  /** The runs of comments between two tokens read so far. */
  readonly gaps: CommentGap[];
}

/** Work counters (characters examined by candidate scans, tokens made), read by the robustness tests. */
export const lexWork = { scanned: 0, tokens: 0 };

const KEYWORDS: ReadonlySet<string> = new Set(['if', 'then', 'else', 'assert', 'with', 'let', 'in', 'rec', 'inherit', 'or']);
const TWO_CHAR_OPS: ReadonlySet<string> = new Set(['==', '!=', '<=', '>=', '&&', '||', '->', '//', '++']);
const SINGLE: ReadonlySet<string> = new Set(['{', '}', '(', ')', '[', ']', ';', ':', ',', '.', '=', '@', '?', '!', '-', '+', '*', '/', '<', '>']);

const enum State { Initial, Default, String, IndString, InPath, InPathSlash }

function isPathChar(c: number): boolean {
  // [a-zA-Z0-9._+-]
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 46 || c === 95 || c === 45 || c === 43;
}
function isIdStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}
function isIdChar(c: number): boolean {
  return isIdStart(c) || (c >= 48 && c <= 57) || c === 39 || c === 45;
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}
function isSchemeChar(c: number): boolean {
  return isLetter(c) || isDigit(c) || c === 43 || c === 45 || c === 46;
}
const URI_PUNCTUATION: ReadonlySet<number> = new Set([...'%/?:@&=+$,-_.!~*\''].map((ch) => ch.charCodeAt(0)));
function isUriChar(c: number): boolean {
  return isLetter(c) || isDigit(c) || URI_PUNCTUATION.has(c);
}

/**
 * Nix's `unescapeStr`: `\n \r \t` named, any other `\X` is X, a raw CR or CRLF becomes LF. Nix
 * keeps strings as C strings, so the text ends at a NUL.
 */
export function unescapeNix(raw: string): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c === '\\' && i + 1 < raw.length) {
      const x = raw[++i]!;
      out += x === 'n' ? '\n' : x === 'r' ? '\r' : x === 't' ? '\t' : x;
    } else if (c === '\r') {
      out += '\n';
      if (raw[i + 1] === '\n') i++;
    } else {
      out += c;
    }
  }
  return truncateAtNul(out);
}

/** Nix string values end at the first NUL character. */
export function truncateAtNul(text: string): string {
  const nul = text.indexOf('\0');
  return nul < 0 ? text : text.slice(0, nul);
}

/**
 * `scan(at)` is the end of the run of `belongs` characters from `at`. It remembers the last run,
 * so asking again from any position inside it costs nothing: that keeps candidate scans that fail
 * (a path without `/`) from making the lexer quadratic.
 */
function runScanner(s: string, belongs: (c: number) => boolean): (at: number) => number {
  let runStart = -1;
  let runEnd = -1;
  return (at) => {
    if (at >= runStart && at < runEnd) return runEnd;
    let j = at;
    while (j < s.length && belongs(s.charCodeAt(j))) j++;
    lexWork.scanned += j - at;
    if (j > at) {
      runStart = at;
      runEnd = j;
    }
    return j;
  };
}

/** Tokenizes a whole Nix source. Never throws; a lexical error ends the stream with an `error` token. */
export function lex(source: string): LexResult {
  const lexer = createLexer(source);
  const tokens: Token[] = [];
  while (true) {
    const token = lexer.next();
    tokens.push(token);
    if (token.type === 'eof' || token.type === 'error') break;
  }
  return { tokens, comments: lexer.comments };
}

/** A lexer over `source` that reads only as far as the tokens asked for. Never throws. */
export function createLexer(source: string): Lexer {
  const s = source;
  const n = s.length;
  const comments: SourceComment[] = [];
  const gaps: CommentGap[] = [];
  /** The token made by the last step, if any. */
  let produced: Token | undefined;
  /** The `eof` or `error` token, once reached. */
  let final: Token | undefined;
  let prevEnd = 0;
  let gapFrom = 0;
  const stack: State[] = [State.Initial];
  let i = 0;
  // Keeps failed `/*` searches from rescanning the rest of the input (see module comment).
  let noCommentEndFrom = Infinity;

  const top = (): State => stack[stack.length - 1]!;
  const push = (state: State): void => {
    stack.push(state);
  };
  const pop = (): void => {
    if (stack.length > 1) stack.pop();
  };
  const emit = (type: TokenType, start: number, end: number, value = ''): void => {
    produce({ type, start, end, value });
  };
  const produce = (token: Token): void => {
    lexWork.tokens++;
    if (comments.length > gapFrom) {
      gaps.push({ from: gapFrom, to: comments.length, prevEnd, tokenStart: token.start, eof: token.type === 'eof' });
      gapFrom = comments.length;
    }
    prevEnd = token.end;
    produced = token;
  };

  /** End of the run of path characters containing position `at` (or `at` if none). */
  const pathRun = runScanner(s, isPathChar);
  const schemeRun = runScanner(s, isSchemeChar);
  /** `(\/{PATH_CHAR}+)+\/?` from `at`: returns the end, or -1 if not even one segment. */
  const pathSegments = (at: number): number => {
    let k = at;
    let segments = 0;
    while (s.charCodeAt(k) === 47 && k + 1 < n && isPathChar(s.charCodeAt(k + 1))) {
      k = pathRun(k + 1);
      segments++;
    }
    if (segments === 0) return -1;
    return s.charCodeAt(k) === 47 ? k + 1 : k;
  };
  /** Length of `{PATH}` at `at`, 0 if none. */
  const matchPath = (at: number): number => {
    const end = pathSegments(pathRun(at));
    return end < 0 ? 0 : end - at;
  };
  /** `{FLOAT}` length at `at`, 0 if none. */
  const matchFloat = (at: number): number => {
    let best = 0;
    const c = s.charCodeAt(at);
    // ([1-9][0-9]*\.[0-9]*)
    if (c >= 49 && c <= 57) {
      let j = at + 1;
      while (isDigit(s.charCodeAt(j))) j++;
      if (s.charCodeAt(j) === 46) {
        j++;
        while (isDigit(s.charCodeAt(j))) j++;
        best = j - at;
      }
    }
    // (0?\.[0-9]+)
    let j = at;
    if (s.charCodeAt(j) === 48) j++;
    if (s.charCodeAt(j) === 46 && isDigit(s.charCodeAt(j + 1))) {
      j += 2;
      while (isDigit(s.charCodeAt(j))) j++;
      best = Math.max(best, j - at);
    }
    if (best === 0) return 0;
    // ([Ee][+-]?[0-9]+)?
    let e = at + best;
    const ec = s.charCodeAt(e);
    if (ec === 69 || ec === 101) {
      e++;
      if (s.charCodeAt(e) === 43 || s.charCodeAt(e) === 45) e++;
      if (isDigit(s.charCodeAt(e))) {
        while (isDigit(s.charCodeAt(e))) e++;
        best = e - at;
      }
    }
    return best;
  };

  let bestLen = 0;
  let bestType = 'char' as TokenType;
  const consider = (len: number, type: TokenType): void => {
    if (len > bestLen) {
      bestLen = len;
      bestType = type;
    }
  };

  const lexDefault = (): boolean => {
    const c = s.charCodeAt(i);
    // Whitespace and comments first: they never compete with a longer token.
    if (c === 32 || c === 9 || c === 10 || c === 13) {
      while (i < n) {
        const w = s.charCodeAt(i);
        if (w !== 32 && w !== 9 && w !== 10 && w !== 13) break;
        i++;
      }
      return true;
    }
    if (c === 35) {
      let j = i + 1;
      while (j < n && s.charCodeAt(j) !== 10 && s.charCodeAt(j) !== 13) j++;
      comments.push({ style: 'line', text: s.slice(i, j), start: i, end: j });
      i = j;
      return true;
    }
    if (c === 47 && s.charCodeAt(i + 1) === 42 && i + 2 < noCommentEndFrom) {
      const close = s.indexOf('*/', i + 2);
      lexWork.scanned += (close < 0 ? n : close) - i;
      if (close >= 0) {
        comments.push({ style: 'block', text: s.slice(i, close + 2), start: i, end: close + 2 });
        i = close + 2;
        return true;
      }
      noCommentEndFrom = i + 2;
    }

    // Fast paths for the common tokens no longer rule can extend: punctuation, and identifiers
    // not followed by a character that could continue them into a path or URI (`. + / :`).
    if (c === 59 || c === 40 || c === 41 || c === 91 || c === 93 || c === 44 || c === 64 || c === 63 || c === 58) {
      const ch = s[i]!;
      emit(ch as TokenType, i, i + 1, ch);
      i++;
      return true;
    }
    if (isDigit(c)) {
      // An int not followed by a path character or `/` cannot be the start of a float or path.
      let j = i + 1;
      while (isDigit(s.charCodeAt(j))) j++;
      const next = s.charCodeAt(j);
      if (next !== 47 && !isPathChar(next)) {
        emit('int', i, j, s.slice(i, j));
        i = j;
        return true;
      }
    }
    if (isIdStart(c)) {
      let j = i + 1;
      while (j < n && isIdChar(s.charCodeAt(j))) j++;
      const next = s.charCodeAt(j);
      if (next !== 46 && next !== 43 && next !== 47 && next !== 58) {
        const word = s.slice(i, j);
        emit(KEYWORDS.has(word) ? (word as TokenType) : 'id', i, j, word);
        i = j;
        return true;
      }
    }
    // Longest match among the token rules; on a tie the earlier rule wins (flex semantics).
    bestLen = 0;
    bestType = 'char' as TokenType;
    const two = s.slice(i, i + 2);
    if (s.startsWith('...', i)) consider(3, '...');
    if (TWO_CHAR_OPS.has(two)) consider(2, two as TokenType);
    if (isIdStart(c)) {
      let j = i + 1;
      while (j < n && isIdChar(s.charCodeAt(j))) j++;
      const word = s.slice(i, j);
      consider(j - i, KEYWORDS.has(word) ? (word as TokenType) : 'id');
    }
    if (isDigit(c)) {
      let j = i + 1;
      while (isDigit(s.charCodeAt(j))) j++;
      consider(j - i, 'int');
    }
    consider(matchFloat(i), 'float');
    if (two === '${') consider(2, 'dollarCurly');
    if (c === 125) consider(1, '}');
    if (c === 123) consider(1, '{');
    if (c === 34) consider(1, 'quote');
    let indOpenLen = 0;
    if (two === "''") {
      let j = i + 2;
      while (s.charCodeAt(j) === 32) j++;
      indOpenLen = s.charCodeAt(j) === 10 ? j + 1 - i : 2;
      consider(indOpenLen, 'indOpen');
    }
    // {PATH_SEG}\$\{ and {HPATH_START}\$\{ start an interpolated path: the token is only the
    // leading segment, and the lexer continues inside the path.
    let pathStartLen = 0;
    if (isPathChar(c) || c === 47) {
      const j = pathRun(i);
      if (s.charCodeAt(j) === 47 && s.startsWith('${', j + 1)) pathStartLen = j + 1 - i;
      consider(pathStartLen > 0 ? pathStartLen + 2 : 0, 'path');
      consider(matchPath(i), 'path');
    }
    if (c === 126) {
      if (s.startsWith('/${', i + 1)) {
        pathStartLen = 2;
        consider(4, 'hpath');
      }
      const end = pathSegments(i + 1);
      consider(end < 0 ? 0 : end - i, 'hpath');
    }
    if (c === 60 && isPathChar(s.charCodeAt(i + 1))) {
      let j = pathRun(i + 1);
      while (s.charCodeAt(j) === 47 && isPathChar(s.charCodeAt(j + 1))) j = pathRun(j + 1);
      if (s.charCodeAt(j) === 62) consider(j + 1 - i, 'spath');
    }
    if (isLetter(c)) {
      const colon = isSchemeChar(s.charCodeAt(i + 1)) ? schemeRun(i + 1) : i + 1;
      if (s.charCodeAt(colon) === 58 && isUriChar(s.charCodeAt(colon + 1))) {
        let k = colon + 1;
        while (k < n && isUriChar(s.charCodeAt(k))) k++;
        consider(k - i, 'uri');
      }
    }
    if (bestLen === 0) {
      const ch = s[i]!;
      const cp = s.codePointAt(i)!;
      const len = cp > 0xffff ? 2 : 1;
      emit(SINGLE.has(ch) ? (ch as TokenType) : 'char', i, i + len, String.fromCodePoint(cp));
      i += len;
      return true;
    }

    const start = i;
    const end = i + bestLen;
    const text = s.slice(start, end);
    switch (bestType as TokenType) {
      case 'dollarCurly':
      case '{':
        push(State.Default);
        break;
      case '}':
        if (top() !== State.Initial) pop();
        break;
      case 'quote':
        push(State.String);
        break;
      case 'indOpen':
        push(State.IndString);
        break;
      case 'path':
      case 'hpath':
        if (pathStartLen > 0 && text.endsWith('${')) {
          // The start of an interpolated path: only the leading segment is the token.
          emit(bestType, start, start + pathStartLen, s.slice(start, start + pathStartLen));
          push(State.InPathSlash);
          i = start + pathStartLen;
          return true;
        }
        push(text.endsWith('/') ? State.InPathSlash : State.InPath);
        break;
      default:
        break;
    }
    emit(bestType, start, end, text);
    i = end;
    return true;
  };

  const lexString = (): void => {
    const c = s[i];
    if (c === '"') {
      emit('quote', i, i + 1);
      pop();
      i++;
      return;
    }
    if (c === '$' && s[i + 1] === '{') {
      emit('dollarCurly', i, i + 2);
      push(State.Default);
      i += 2;
      return;
    }
    let j = i;
    while (j < n) {
      const ch = s[j];
      if (ch === '"') break;
      if (ch === '\\') {
        if (j + 1 >= n) break;
        j += 2;
      } else if (ch === '$') {
        const next = s[j + 1];
        if (next === '{') break;
        if (next === '"') {
          j++;
          break;
        }
        if (next === '\\') {
          if (j + 2 >= n) break;
          j += 3;
        } else if (next === undefined) {
          break;
        } else {
          j += 2;
        }
      } else {
        j++;
      }
    }
    if (j === i) {
      // A lone `\`, `$` or `$\` at the end of input: Nix returns it and then end of file.
      j = n;
    }
    emit('str', i, j, unescapeNix(s.slice(i, j)));
    i = j;
  };

  const lexIndString = (): void => {
    if (s.startsWith("''$", i)) {
      pushInd(i, i + 3, '$', false);
      return;
    }
    if (s.startsWith("'''", i)) {
      pushInd(i, i + 3, "''", false);
      return;
    }
    if (s.startsWith("''\\", i) && i + 3 < n) {
      pushInd(i, i + 4, unescapeNix(s.slice(i + 2, i + 4)), false);
      return;
    }
    if (s.startsWith("''", i)) {
      emit('indClose', i, i + 2);
      pop();
      i += 2;
      return;
    }
    if (s.startsWith('${', i)) {
      emit('dollarCurly', i, i + 2);
      push(State.Default);
      i += 2;
      return;
    }
    let j = i;
    while (j < n) {
      const ch = s[j];
      if (ch === '$') {
        const next = s[j + 1];
        if (next === undefined || next === '{' || next === "'") break;
        j += 2;
      } else if (ch === "'") {
        const next = s[j + 1];
        if (next === undefined || next === "'" || next === '$') break;
        j += 2;
      } else {
        j++;
      }
    }
    if (j > i) {
      pushInd(i, j, s.slice(i, j), true);
      return;
    }
    // A `$` or `'` that starts no longer token.
    pushInd(i, i + 1, s[i]!, false);
  };
  const pushInd = (start: number, end: number, value: string, indented: boolean): void => {
    produce({ type: 'indStr', start, end, value, indented });
    i = end;
  };

  const lexInPath = (): boolean => {
    const state = top();
    if (s.startsWith('${', i)) {
      pop();
      push(State.InPath);
      push(State.Default);
      emit('dollarCurly', i, i + 2);
      i += 2;
      return true;
    }
    // {PATH}|{PATH_SEG}|{PATH_CHAR}+, longest.
    const run = i < n && (isPathChar(s.charCodeAt(i)) || s.charCodeAt(i) === 47) ? pathRun(i) : i;
    let len = run - i;
    if (s.charCodeAt(run) === 47) len = Math.max(len, run + 1 - i);
    len = Math.max(len, matchPath(i));
    if (len > 0) {
      const text = s.slice(i, i + len);
      pop();
      push(text.endsWith('/') ? State.InPathSlash : State.InPath);
      emit('str', i, i + len, text);
      i += len;
      return true;
    }
    if (state === State.InPathSlash) {
      produce({ type: 'error', start: i, end: i, value: 'path has a trailing slash' });
      return false;
    }
    pop();
    emit('pathEnd', i, i);
    return true;
  };

  /** Runs the lexer until it has made one token (whitespace and comments make none). */
  const step = (): void => {
    const state = top();
    if (state === State.InPath || state === State.InPathSlash) {
      if (!lexInPath()) final = produced;
      return;
    }
    // Flex sees a NUL as the end of its buffer: outside strings and comments, input ends there.
    if (i >= n || (s.charCodeAt(i) === 0 && (state === State.Default || state === State.Initial))) {
      emit('eof', i, i);
      final = produced;
      return;
    }
    if (state === State.String) lexString();
    else if (state === State.IndString) lexIndString();
    else lexDefault();
  };

  return {
    comments,
    gaps,
    next(): Token {
      if (final !== undefined) return final;
      while (produced === undefined) step();
      const token = produced;
      produced = undefined;
      return token;
    },
  };
}
