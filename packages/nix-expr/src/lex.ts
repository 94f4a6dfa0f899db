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

/**
 * Token kinds as small integers, in the order of `TOKEN_TYPES`: the lexer keeps its lookahead in
 * typed arrays, so reading a token allocates nothing.
 */
export const enum T {
  Id, Int, Float, Path, HPath, SPath, Uri, Str, IndStr, DollarCurly, Quote, IndOpen, IndClose, PathEnd,
  If, Then, Else, Assert, With, Let, In, Rec, Inherit, Or, Ellipsis,
  Eq, Neq, Leq, Geq, And, OrOr, Impl, Update, Concat,
  LBrace, RBrace, LParen, RParen, LBracket, RBracket, Semi, Colon, Comma, Dot, Assign, At, Question,
  Not, Minus, Plus, Star, Slash, Lt, Gt, Char, Error, Eof,
}

/** The name of each token kind, indexed by `T`. */
export const TOKEN_TYPES: readonly TokenType[] = [
  'id', 'int', 'float', 'path', 'hpath', 'spath', 'uri', 'str', 'indStr', 'dollarCurly', 'quote', 'indOpen', 'indClose', 'pathEnd',
  'if', 'then', 'else', 'assert', 'with', 'let', 'in', 'rec', 'inherit', 'or', '...',
  '==', '!=', '<=', '>=', '&&', '||', '->', '//', '++',
  '{', '}', '(', ')', '[', ']', ';', ':', ',', '.', '=', '@', '?',
  '!', '-', '+', '*', '/', '<', '>', 'char', 'error', 'eof',
];

/** A token as an object: what `lex()` returns (the parser reads the lexer's arrays instead). */
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

/**
 * A lexer that produces tokens on demand into a small ring of lookahead slots. `k` counts tokens
 * ahead of the current one (0 is the current token); asking for a slot lexes up to it. After
 * `eof` or an `error`, every further slot repeats that token.
 */
export interface Lexer {
  kind(k: number): T;
  start(k: number): number;
  end(k: number): number;
  /** The token's source text (sliced on demand). */
  text(k: number): string;
  /** Identifier name, literal text, unescaped string chunk, the character, or error message. */
  value(k: number): string;
  /** For `indStr`: the chunk is raw source text, subject to indentation stripping. */
  indented(k: number): boolean;
  /** Drops the current token. */
  advance(): void;
  /** Comments read so far, in source order. */
  readonly comments: SourceComment[];
  /** The runs of comments between two tokens read so far. */
  readonly gaps: CommentGap[];
}

/** Work counters (characters examined by candidate scans, tokens made), read by the robustness tests. */
export const lexWork = { scanned: 0, tokens: 0 };

/** Lookahead slots; the parser looks at most three tokens ahead. A power of two. */
const RING = 8;
const RING_MASK = RING - 1;
/** `flags` bits: a `str` chunk of a `"…"` string (unescaped on demand), an `indStr` of raw text. */
const FLAG_UNESCAPE = 1;
const FLAG_INDENTED = 2;

/** The keyword spelled by `s[i..j)`, or `T.Id`; compares characters, so no text is sliced. */
function keywordKind(s: string, i: number, j: number): T {
  const c = s.charCodeAt(i);
  switch (j - i) {
    case 2: {
      const d = s.charCodeAt(i + 1);
      if (c === 105) return d === 102 ? T.If : d === 110 ? T.In : T.Id; // if in
      return c === 111 && d === 114 ? T.Or : T.Id; // or
    }
    case 3:
      if (c === 108) return s.startsWith('let', i) ? T.Let : T.Id;
      return c === 114 && s.startsWith('rec', i) ? T.Rec : T.Id;
    case 4:
      if (c === 116) return s.startsWith('then', i) ? T.Then : T.Id;
      if (c === 101) return s.startsWith('else', i) ? T.Else : T.Id;
      return c === 119 && s.startsWith('with', i) ? T.With : T.Id;
    case 6:
      return c === 97 && s.startsWith('assert', i) ? T.Assert : T.Id;
    case 7:
      return c === 105 && s.startsWith('inherit', i) ? T.Inherit : T.Id;
    default:
      return T.Id;
  }
}

/** The one-character tokens that are not `char`, by character code. */
function singleKind(c: number): T {
  switch (c) {
    case 123: return T.LBrace;
    case 125: return T.RBrace;
    case 40: return T.LParen;
    case 41: return T.RParen;
    case 91: return T.LBracket;
    case 93: return T.RBracket;
    case 59: return T.Semi;
    case 58: return T.Colon;
    case 44: return T.Comma;
    case 46: return T.Dot;
    case 61: return T.Assign;
    case 64: return T.At;
    case 63: return T.Question;
    case 33: return T.Not;
    case 45: return T.Minus;
    case 43: return T.Plus;
    case 42: return T.Star;
    case 47: return T.Slash;
    case 60: return T.Lt;
    case 62: return T.Gt;
    default: return T.Char;
  }
}

/** The two-character operator at `i` (`c`, `d` its characters), or -1. */
function twoCharOp(c: number, d: number): number {
  switch (c) {
    case 61: return d === 61 ? T.Eq : -1; // ==
    case 33: return d === 61 ? T.Neq : -1; // !=
    case 60: return d === 61 ? T.Leq : -1; // <=
    case 62: return d === 61 ? T.Geq : -1; // >=
    case 38: return d === 38 ? T.And : -1; // &&
    case 124: return d === 124 ? T.OrOr : -1; // ||
    case 45: return d === 62 ? T.Impl : -1; // ->
    case 47: return d === 47 ? T.Update : -1; // //
    case 43: return d === 43 ? T.Concat : -1; // ++
    default: return -1;
  }
}

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
  // Runs of plain characters are copied with one slice each; most chunks are one run.
  let copied = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 92 && i + 1 < raw.length) {
      out += raw.slice(copied, i);
      const x = raw[++i]!;
      out += x === 'n' ? '\n' : x === 'r' ? '\r' : x === 't' ? '\t' : x;
      copied = i + 1;
    } else if (c === 13) {
      out += raw.slice(copied, i) + '\n';
      if (raw.charCodeAt(i + 1) === 10) i++;
      copied = i + 1;
    }
  }
  out = copied === 0 ? raw : out + raw.slice(copied);
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
    const kind = lexer.kind(0);
    const token: Token = { type: TOKEN_TYPES[kind]!, start: lexer.start(0), end: lexer.end(0), value: lexer.value(0) };
    if (kind === T.IndStr) token.indented = lexer.indented(0);
    tokens.push(token);
    if (kind === T.Eof || kind === T.Error) break;
    lexer.advance();
  }
  return { tokens, comments: lexer.comments };
}

/** A lexer over `source` that reads only as far as the tokens asked for. Never throws. */
export function createLexer(source: string): Lexer {
  const s = source;
  const n = s.length;
  const comments: SourceComment[] = [];
  const gaps: CommentGap[] = [];
  // The lookahead ring: slot `(head + k) & RING_MASK` holds token k; `count` slots are filled.
  const kinds = new Uint8Array(RING);
  const starts = new Int32Array(RING);
  const ends = new Int32Array(RING);
  const flags = new Uint8Array(RING);
  let head = 0;
  let count = 0;
  /** Set once `eof` or `error` has been made: every later slot repeats it. */
  let finished = false;
  let errorMessage = '';
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
  const emit = (kind: T, start: number, end: number, flag = 0): void => {
    lexWork.tokens++;
    if (comments.length > gapFrom) {
      gaps.push({ from: gapFrom, to: comments.length, prevEnd, tokenStart: start, eof: kind === T.Eof });
      gapFrom = comments.length;
    }
    prevEnd = end;
    const slot = (head + count) & RING_MASK;
    kinds[slot] = kind;
    starts[slot] = start;
    ends[slot] = end;
    flags[slot] = flag;
    count++;
    if (kind === T.Eof || kind === T.Error) finished = true;
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
  let bestKind: T = T.Char as T;
  const consider = (len: number, kind: T): void => {
    if (len > bestLen) {
      bestLen = len;
      bestKind = kind;
    }
  };

  const lexDefault = (): void => {
    const c = s.charCodeAt(i);
    // Whitespace and comments first: they never compete with a longer token.
    if (c === 32 || c === 9 || c === 10 || c === 13) {
      while (i < n) {
        const w = s.charCodeAt(i);
        if (w !== 32 && w !== 9 && w !== 10 && w !== 13) break;
        i++;
      }
      return;
    }
    if (c === 35) {
      let j = i + 1;
      while (j < n && s.charCodeAt(j) !== 10 && s.charCodeAt(j) !== 13) j++;
      comments.push({ style: 'line', text: s.slice(i, j), start: i, end: j });
      i = j;
      return;
    }
    const d = s.charCodeAt(i + 1);
    if (c === 47 && d === 42 && i + 2 < noCommentEndFrom) {
      const close = s.indexOf('*/', i + 2);
      lexWork.scanned += (close < 0 ? n : close) - i;
      if (close >= 0) {
        comments.push({ style: 'block', text: s.slice(i, close + 2), start: i, end: close + 2 });
        i = close + 2;
        return;
      }
      noCommentEndFrom = i + 2;
    }

    // Fast paths for the common tokens no longer rule can extend: punctuation that is neither a
    // path character nor the start of a longer token, and identifiers and ints not followed by a
    // character that could continue them into a float, path or URI (`. + / :`).
    switch (c) {
      case 59: case 40: case 41: case 91: case 93: case 44: case 64: case 63: case 58: case 42:
        emit(singleKind(c), i, i + 1);
        i++;
        return;
      case 61: case 33: case 62: case 38: case 124: {
        // `=` `!` `>` `&` `|`, alone or doubled into `==` `!=` `>=` `&&` `||`.
        const op = twoCharOp(c, d);
        if (op >= 0) {
          emit(op as T, i, i + 2);
          i += 2;
        } else {
          emit(singleKind(c), i, i + 1);
          i++;
        }
        return;
      }
      case 123:
        push(State.Default);
        emit(T.LBrace, i, i + 1);
        i++;
        return;
      case 125:
        if (top() !== State.Initial) pop();
        emit(T.RBrace, i, i + 1);
        i++;
        return;
      case 34:
        push(State.String);
        emit(T.Quote, i, i + 1);
        i++;
        return;
      case 36:
        if (d === 123) {
          push(State.Default);
          emit(T.DollarCurly, i, i + 2);
          i += 2;
          return;
        }
        break;
      case 46:
        // `.` not starting `...`, a float `.5` or a path (`./a`, `.a/b`).
        if (d !== 46 && !isDigit(d) && s.charCodeAt(pathRun(i)) !== 47) {
          emit(T.Dot, i, i + 1);
          i++;
          return;
        }
        break;
      default:
        break;
    }
    if (isDigit(c)) {
      // An int not followed by a path character or `/` cannot be the start of a float or path.
      let j = i + 1;
      while (isDigit(s.charCodeAt(j))) j++;
      const next = s.charCodeAt(j);
      if (next !== 47 && !isPathChar(next)) {
        emit(T.Int, i, j);
        i = j;
        return;
      }
    }
    let idEnd = i;
    if (isIdStart(c)) {
      let j = i + 1;
      while (j < n && isIdChar(s.charCodeAt(j))) j++;
      idEnd = j;
      const next = s.charCodeAt(j);
      if (next !== 46 && next !== 43 && next !== 47 && next !== 58) {
        emit(keywordKind(s, i, j), i, j);
        i = j;
        return;
      }
    }
    // Longest match among the token rules; on a tie the earlier rule wins (flex semantics).
    bestLen = 0;
    bestKind = T.Char as T;
    if (c === 46 && d === 46 && s.charCodeAt(i + 2) === 46) consider(3, T.Ellipsis);
    const op = twoCharOp(c, d);
    if (op >= 0) consider(2, op as T);
    if (idEnd > i) consider(idEnd - i, keywordKind(s, i, idEnd));
    if (isDigit(c)) {
      let j = i + 1;
      while (isDigit(s.charCodeAt(j))) j++;
      consider(j - i, T.Int);
    }
    consider(matchFloat(i), T.Float);
    if (c === 36 && d === 123) consider(2, T.DollarCurly);
    if (c === 125) consider(1, T.RBrace);
    if (c === 123) consider(1, T.LBrace);
    if (c === 34) consider(1, T.Quote);
    if (c === 39 && d === 39) {
      let j = i + 2;
      while (s.charCodeAt(j) === 32) j++;
      consider(s.charCodeAt(j) === 10 ? j + 1 - i : 2, T.IndOpen);
    }
    // {PATH_SEG}\$\{ and {HPATH_START}\$\{ start an interpolated path: the token is only the
    // leading segment, and the lexer continues inside the path.
    let pathStartLen = 0;
    if (isPathChar(c) || c === 47) {
      const j = pathRun(i);
      if (s.charCodeAt(j) === 47 && s.startsWith('${', j + 1)) pathStartLen = j + 1 - i;
      consider(pathStartLen > 0 ? pathStartLen + 2 : 0, T.Path);
      consider(matchPath(i), T.Path);
    }
    if (c === 126) {
      if (s.startsWith('/${', i + 1)) {
        pathStartLen = 2;
        consider(4, T.HPath);
      }
      const end = pathSegments(i + 1);
      consider(end < 0 ? 0 : end - i, T.HPath);
    }
    if (c === 60 && isPathChar(d)) {
      let j = pathRun(i + 1);
      while (s.charCodeAt(j) === 47 && isPathChar(s.charCodeAt(j + 1))) j = pathRun(j + 1);
      if (s.charCodeAt(j) === 62) consider(j + 1 - i, T.SPath);
    }
    if (isLetter(c)) {
      const colon = isSchemeChar(d) ? schemeRun(i + 1) : i + 1;
      if (s.charCodeAt(colon) === 58 && isUriChar(s.charCodeAt(colon + 1))) {
        let k = colon + 1;
        while (k < n && isUriChar(s.charCodeAt(k))) k++;
        consider(k - i, T.Uri);
      }
    }
    if (bestLen === 0) {
      const len = s.codePointAt(i)! > 0xffff ? 2 : 1;
      emit(singleKind(c), i, i + len);
      i += len;
      return;
    }

    const start = i;
    const end = i + bestLen;
    switch (bestKind) {
      case T.DollarCurly:
      case T.LBrace:
        push(State.Default);
        break;
      case T.RBrace:
        if (top() !== State.Initial) pop();
        break;
      case T.Quote:
        push(State.String);
        break;
      case T.IndOpen:
        push(State.IndString);
        break;
      case T.Path:
      case T.HPath:
        if (pathStartLen > 0 && s.charCodeAt(end - 2) === 36 && s.charCodeAt(end - 1) === 123) {
          // The start of an interpolated path: only the leading segment is the token.
          emit(bestKind, start, start + pathStartLen);
          push(State.InPathSlash);
          i = start + pathStartLen;
          return;
        }
        push(s.charCodeAt(end - 1) === 47 ? State.InPathSlash : State.InPath);
        break;
      default:
        break;
    }
    emit(bestKind, start, end);
    i = end;
  };

  const lexString = (): void => {
    const c = s.charCodeAt(i);
    if (c === 34) {
      emit(T.Quote, i, i + 1);
      pop();
      i++;
      return;
    }
    if (c === 36 && s.charCodeAt(i + 1) === 123) {
      emit(T.DollarCurly, i, i + 2);
      push(State.Default);
      i += 2;
      return;
    }
    let j = i;
    while (j < n) {
      const ch = s.charCodeAt(j);
      if (ch === 34) break;
      if (ch === 92) {
        if (j + 1 >= n) break;
        j += 2;
      } else if (ch === 36) {
        if (j + 1 >= n) break;
        const next = s.charCodeAt(j + 1);
        if (next === 123) break;
        if (next === 34) {
          j++;
          break;
        }
        if (next === 92) {
          if (j + 2 >= n) break;
          j += 3;
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
    emit(T.Str, i, j, FLAG_UNESCAPE);
    i = j;
  };

  const lexIndString = (): void => {
    const c = s.charCodeAt(i);
    if (c === 39 && s.charCodeAt(i + 1) === 39) {
      const e = s.charCodeAt(i + 2);
      if (e === 36 || e === 39) {
        // `''$` and `'''`: escapes, valued by `indStrValue`.
        emitInd(i, i + 3, 0);
        return;
      }
      if (e === 92 && i + 3 < n) {
        emitInd(i, i + 4, 0);
        return;
      }
      emit(T.IndClose, i, i + 2);
      pop();
      i += 2;
      return;
    }
    if (c === 36 && s.charCodeAt(i + 1) === 123) {
      emit(T.DollarCurly, i, i + 2);
      push(State.Default);
      i += 2;
      return;
    }
    let j = i;
    while (j < n) {
      const ch = s.charCodeAt(j);
      if (ch === 36) {
        if (j + 1 >= n) break;
        const next = s.charCodeAt(j + 1);
        if (next === 123 || next === 39) break;
        j += 2;
      } else if (ch === 39) {
        if (j + 1 >= n) break;
        const next = s.charCodeAt(j + 1);
        if (next === 39 || next === 36) break;
        j += 2;
      } else {
        j++;
      }
    }
    if (j > i) {
      emitInd(i, j, FLAG_INDENTED);
      return;
    }
    // A `$` or `'` that starts no longer token.
    emitInd(i, i + 1, 0);
  };
  const emitInd = (start: number, end: number, flag: number): void => {
    emit(T.IndStr, start, end, flag);
    i = end;
  };

  const lexInPath = (): void => {
    const state = top();
    if (s.charCodeAt(i) === 36 && s.charCodeAt(i + 1) === 123) {
      pop();
      push(State.InPath);
      push(State.Default);
      emit(T.DollarCurly, i, i + 2);
      i += 2;
      return;
    }
    // {PATH}|{PATH_SEG}|{PATH_CHAR}+, longest.
    const run = i < n && (isPathChar(s.charCodeAt(i)) || s.charCodeAt(i) === 47) ? pathRun(i) : i;
    let len = run - i;
    if (s.charCodeAt(run) === 47) len = Math.max(len, run + 1 - i);
    len = Math.max(len, matchPath(i));
    if (len > 0) {
      pop();
      push(s.charCodeAt(i + len - 1) === 47 ? State.InPathSlash : State.InPath);
      emit(T.Str, i, i + len);
      i += len;
      return;
    }
    if (state === State.InPathSlash) {
      errorMessage = 'path has a trailing slash';
      emit(T.Error, i, i);
      return;
    }
    pop();
    emit(T.PathEnd, i, i);
  };

  /** Runs the lexer until it has made one token (whitespace and comments make none). */
  const step = (): void => {
    const state = top();
    if (state === State.InPath || state === State.InPathSlash) {
      lexInPath();
      return;
    }
    // Flex sees a NUL as the end of its buffer: outside strings and comments, input ends there.
    if (i >= n || (s.charCodeAt(i) === 0 && (state === State.Default || state === State.Initial))) {
      emit(T.Eof, i, i);
      return;
    }
    if (state === State.String) lexString();
    else if (state === State.IndString) lexIndString();
    else lexDefault();
  };

  /** Fills the ring up to token `k` (k < RING). */
  const fill = (k: number): void => {
    while (count <= k) {
      if (finished) {
        // Repeat the final token without lexing (and without counting it again).
        const last = (head + count - 1) & RING_MASK;
        const slot = (head + count) & RING_MASK;
        kinds[slot] = kinds[last]!;
        starts[slot] = starts[last]!;
        ends[slot] = ends[last]!;
        flags[slot] = 0;
        count++;
      } else {
        const before = count;
        while (count === before) step();
      }
    }
  };

  /** The value of an `indStr` token: raw text, or what its escape stands for. */
  const indStrValue = (start: number, end: number, flag: number): string => {
    if (flag & FLAG_INDENTED || end - start === 1) return s.slice(start, end);
    const e = s.charCodeAt(start + 2);
    if (e === 36) return '$';
    if (e === 39) return "''";
    return unescapeNix(s.slice(start + 2, end));
  };

  return {
    comments,
    gaps,
    kind(k: number): T {
      if (k >= count) fill(k);
      return kinds[(head + k) & RING_MASK]! as T;
    },
    start(k: number): number {
      if (k >= count) fill(k);
      return starts[(head + k) & RING_MASK]!;
    },
    end(k: number): number {
      if (k >= count) fill(k);
      return ends[(head + k) & RING_MASK]!;
    },
    text(k: number): string {
      if (k >= count) fill(k);
      const slot = (head + k) & RING_MASK;
      return s.slice(starts[slot], ends[slot]);
    },
    value(k: number): string {
      if (k >= count) fill(k);
      const slot = (head + k) & RING_MASK;
      const start = starts[slot]!;
      const end = ends[slot]!;
      switch (kinds[slot] as T) {
        case T.Error:
          return errorMessage;
        case T.Eof:
        case T.PathEnd:
          return '';
        case T.Char:
          return String.fromCodePoint(s.codePointAt(start)!);
        case T.Str:
          return flags[slot]! & FLAG_UNESCAPE ? unescapeNix(s.slice(start, end)) : s.slice(start, end);
        case T.IndStr:
          return indStrValue(start, end, flags[slot]!);
        default:
          return s.slice(start, end);
      }
    },
    indented(k: number): boolean {
      if (k >= count) fill(k);
      return (flags[(head + k) & RING_MASK]! & FLAG_INDENTED) !== 0;
    },
    advance(): void {
      if (count === 0) fill(0);
      head = (head + 1) & RING_MASK;
      count--;
    },
  };
}
