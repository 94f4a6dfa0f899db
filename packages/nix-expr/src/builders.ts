import {
  node,
  type AttrKey,
  type AttrPath,
  type BinaryOperator,
  type NixAttrs,
  type NixBinding,
  type NixBindingItem,
  type NixCall,
  type NixExpr,
  type NixFormal,
  type NixFormalsParam,
  type NixInherit,
  type NixParam,
  type StringPart,
} from './ast.js';
import { NixExprError } from './errors.js';
import { mergeParts } from './string-parts.js';

// Builders validate what the grammar cannot express (NUL in strings, non-finite floats, empty
// attribute paths) at construction time, so a bad value is reported where the caller made it.

/** An integer literal. Accepts a safe-integer `number` or any int64 `bigint`. */
export function int(value: number | bigint) {
  if (typeof value === 'number' && !Number.isSafeInteger(value)) {
    throw new NixExprError(`int() needs a safe integer or a bigint, got ${value}`, { value });
  }
  const big = BigInt(value);
  if (big > 9223372036854775807n || big < -9223372036854775808n) {
    throw new NixExprError(`Nix integers are 64-bit; ${big} is out of range`, { value });
  }
  return node({ kind: 'int', value: big });
}

/** A float literal; always printed with a `.`, so `float(1)` is `1.0` and stays a float. */
export function float(value: number) {
  if (!Number.isFinite(value)) {
    throw new NixExprError(`Nix has no literal for ${value}; floats must be finite`, { value });
  }
  return node({ kind: 'float', value });
}

/**
 * Validates string parts and puts them in the one canonical shape the parser also produces:
 * adjacent literal texts merged, empty literals dropped. That is what makes
 * `parse(print(ast))` equal to `ast`.
 */
function checkParts(parts: readonly StringPart[], what: string): readonly StringPart[] {
  for (const part of parts) {
    if (typeof part === 'string' && part.includes('\0')) {
      throw new NixExprError(`${what} cannot contain a NUL character: Nix strings end at NUL`, { value: part });
    }
  }
  return mergeParts(parts);
}

/** A string from literal text and interpolated expressions; the printer picks `"…"` or `''…''`. */
export function str(...parts: StringPart[]) {
  return node({ kind: 'string', parts: checkParts(parts, 'str()'), style: 'auto' });
}

/** A double-quoted string `"…"`, whatever its content. */
export function dquoted(...parts: StringPart[]) {
  return node({ kind: 'string', parts: checkParts(parts, 'dquoted()'), style: 'double' });
}

/** An indented string `''…''`, whatever its content. */
export function indented(...parts: StringPart[]) {
  return node({ kind: 'string', parts: checkParts(parts, 'indented()'), style: 'indented' });
}

/**
 * A string from a template literal: JS strings and numbers are literal text, AST nodes are
 * interpolated. `` interp`${v('issoEnv')}/bin/gunicorn` `` is `"${issoEnv}/bin/gunicorn"`.
 */
export function interp(strings: TemplateStringsArray, ...values: (NixExpr | string | number)[]) {
  const parts: StringPart[] = [];
  strings.forEach((text, i) => {
    if (text !== '') parts.push(text);
    if (i < values.length) {
      const value = values[i]!;
      parts.push(typeof value === 'number' ? String(value) : value);
    }
  });
  return str(...parts);
}

/** A path literal (`./a`, `../a`, `/a`, `~/a`), with optional interpolated parts. */
export function path(...parts: StringPart[]) {
  const first = parts[0];
  if (typeof first !== 'string' || !/^(\.{1,2}\/|\/|~\/|[A-Za-z0-9._+-]+\/)/.test(first)) {
    throw new NixExprError('path() must start with "./", "../", "/", "~/" or "name/"', { value: first });
  }
  return node({ kind: 'path', parts: checkParts(parts, 'path()') });
}

/** A search path `<nixpkgs>`; pass the text between the angle brackets. */
export function searchPath(pathText: string) {
  if (!/^[A-Za-z0-9._+-]+(\/[A-Za-z0-9._+-]+)*$/.test(pathText)) {
    throw new NixExprError('searchPath() takes segments of [A-Za-z0-9._+-] separated by "/"', { value: pathText });
  }
  return node({ kind: 'searchPath', path: pathText });
}

/** A URI literal. Prefer `str()`: RFC 45 deprecates URI literals. */
export function uri(text: string) {
  if (!/^[a-zA-Z][a-zA-Z0-9+.-]*:[a-zA-Z0-9%/?:@&=+$,_.!~*'-]+$/.test(text)) {
    throw new NixExprError('uri() text is not a Nix URI literal; use str() instead', { value: text });
  }
  return node({ kind: 'uri', uri: text });
}

/** A variable reference. */
export function v(name: string) {
  if (!/^[A-Za-z_][A-Za-z0-9_'-]*$/.test(name)) {
    throw new NixExprError('v() takes a Nix identifier', { value: name });
  }
  return node({ kind: 'var', name });
}

/** `true` or `false`. */
export function bool(value: boolean) {
  return v(value ? 'true' : 'false');
}

/** `null`. */
export function nul() {
  return v('null');
}

/**
 * A dotted reference to a variable's attributes: `ref('pkgs.dockerTools.buildImage')`. Every
 * segment must be a plain identifier; use `select()` for quoted or dynamic keys.
 */
export function ref(dotted: string) {
  const [head, ...rest] = dotted.split('.');
  const root = v(head ?? '');
  return rest.length === 0 ? root : select(root, rest);
}

function toPath(keyOrPath: AttrKey | AttrPath, what: string): AttrPath {
  const given: AttrPath = Array.isArray(keyOrPath) ? (keyOrPath as AttrPath) : [keyOrPath as AttrKey];
  if (given.length === 0) throw new NixExprError(`${what} needs a non-empty attribute path`, { value: keyOrPath });
  const keys = given.map(staticKey);
  for (const key of keys) {
    if (typeof key === 'string' && key.includes('\0')) {
      throw new NixExprError(`${what}: attribute names cannot contain NUL`, { value: key });
    }
  }
  return keys;
}

/**
 * Nix reads `${"a"}`, `${''a''}`, `${("a")}` and `${http://a}` keys as the static name `a`
 * (a constant string there is no dynamic attribute), and so does `parse`; normalizing them here
 * makes built and parsed trees equal. A commented key keeps its node, so the comment is printed.
 */
function staticKey(key: AttrKey): AttrKey {
  let expr = key;
  while (typeof expr !== 'string' && (expr.comments === undefined || expr.comments.length === 0)) {
    if (expr.kind === 'parens') expr = expr.expr;
    else if (expr.kind === 'uri') return expr.uri;
    else if (expr.kind === 'string' && expr.parts.every((part) => typeof part === 'string')) return expr.parts.join('');
    else return key;
  }
  return key;
}

/** `path = value;` — `bind(['services', 'nginx', 'enable'], bool(true))`. */
export function bind(keyOrPath: AttrKey | AttrPath, value: NixExpr): NixBinding {
  return { kind: 'binding', path: toPath(keyOrPath, 'bind()'), value };
}

/** `inherit a b;` or, with `from`, `inherit (from) a b;`. */
export function inherit(names: readonly string[], from?: NixExpr): NixInherit {
  if (names.length === 0 && from === undefined) throw new NixExprError('inherit() needs at least one name', { value: names });
  return from === undefined ? { kind: 'inherit', names } : { kind: 'inherit', from, names };
}

type Bindings = Readonly<Record<string, NixExpr>> | readonly NixBindingItem[];

function toBindings(bindings: Bindings): readonly NixBindingItem[] {
  if (Array.isArray(bindings)) return bindings as readonly NixBindingItem[];
  return Object.entries(bindings).map(([key, value]) => bind(key, value));
}

/**
 * An attribute set. A record maps each key to one attribute (a key `"a.b"` is one attribute
 * named `a.b`); for nested paths or `inherit`, pass an array of `bind()`/`inherit()` items.
 */
export function attrs(bindings: Bindings = []): NixAttrs {
  return node({ kind: 'attrs', rec: false, bindings: toBindings(bindings) });
}

/** `rec { … }` */
export function recAttrs(bindings: Bindings = []): NixAttrs {
  return node({ kind: 'attrs', rec: true, bindings: toBindings(bindings) });
}

/** `[ a b c ]` */
export function list(items: readonly NixExpr[] = []) {
  return node({ kind: 'list', items });
}

/** `let … in body` */
export function let_(bindings: Bindings, body: NixExpr) {
  return node({ kind: 'let', bindings: toBindings(bindings), body });
}

/** `with scope; body` */
export function with_(scope: NixExpr, body: NixExpr) {
  return node({ kind: 'with', scope, body });
}

/** `assert condition; body` */
export function assert_(condition: NixExpr, body: NixExpr) {
  return node({ kind: 'assert', condition, body });
}

/** `if condition then a else b` */
export function if_(condition: NixExpr, then: NixExpr, otherwise: NixExpr) {
  return node({ kind: 'if', condition, then, else: otherwise });
}

/**
 * A formals pattern for `fn()`: names, `[name, default]` pairs or full formals, with
 * `ellipsis` for `...` and `bind` for `args@{ … }`.
 */
export function formals(
  items: readonly (string | readonly [string, NixExpr] | NixFormal)[],
  options: { ellipsis?: boolean; bind?: string; bindPosition?: 'before' | 'after' } = {},
): NixFormalsParam {
  const list = items.map((item): NixFormal => {
    if (typeof item === 'string') return { name: item };
    if (Array.isArray(item)) return { name: item[0] as string, default: item[1] as NixExpr };
    return item as NixFormal;
  });
  const seen = new Set<string>();
  for (const formal of list) {
    checkParamName(formal.name);
    if (seen.has(formal.name)) throw new NixExprError(`duplicate formal argument "${formal.name}"`, { value: formal.name });
    seen.add(formal.name);
  }
  const param: NixFormalsParam = { kind: 'formals', formals: list, ellipsis: options.ellipsis ?? false };
  if (options.bind !== undefined) {
    checkParamName(options.bind);
    return { ...param, bind: { name: options.bind, position: options.bindPosition ?? 'before' } };
  }
  return param;
}

const KEYWORDS = new Set(['if', 'then', 'else', 'assert', 'with', 'let', 'in', 'rec', 'inherit', 'or']);

function checkParamName(name: string): void {
  if (!/^[A-Za-z_][A-Za-z0-9_'-]*$/.test(name) || KEYWORDS.has(name)) {
    throw new NixExprError('a lambda parameter must be an identifier that is not a keyword', { value: name });
  }
}

/** A lambda: `fn('x', body)` is `x: body`; `fn(formals([...]), body)` is `{ … }: body`. */
export function fn(param: string | NixParam, body: NixExpr) {
  if (typeof param === 'string') {
    checkParamName(param);
    return node({ kind: 'lambda', param: { kind: 'ident', name: param }, body });
  }
  return node({ kind: 'lambda', param, body });
}

/** Application `f a b`. Calling a call extends its arguments, as Nix's grammar groups them. */
export function call(fnExpr: NixExpr, ...args: NixExpr[]): NixCall {
  if (args.length === 0) throw new NixExprError('call() needs at least one argument', { value: fnExpr });
  if (fnExpr.kind === 'call' && fnExpr.comments === undefined) {
    return node({ kind: 'call', fn: fnExpr.fn, args: [...fnExpr.args, ...args] });
  }
  return node({ kind: 'call', fn: fnExpr, args });
}

/**
 * `subject.a.b`, or `subject.a.b or fallback` when `or` is given. Selecting from a plain select
 * extends its path (`a.b` then `.c` is `a.b.c`), the one shape the parser produces.
 */
export function select(subject: NixExpr, keyOrPath: AttrKey | AttrPath, or?: NixExpr) {
  let path = toPath(keyOrPath, 'select()');
  if (subject.kind === 'select' && subject.or === undefined && subject.comments === undefined) {
    path = [...subject.path, ...path];
    subject = subject.subject;
  }
  return or === undefined ? node({ kind: 'select', subject, path }) : node({ kind: 'select', subject, path, or });
}

/** `subject ? a.b` */
export function hasAttr(subject: NixExpr, keyOrPath: AttrKey | AttrPath) {
  return node({ kind: 'hasAttr', subject, path: toPath(keyOrPath, 'hasAttr()') });
}

/** `!operand` */
export function not(operand: NixExpr) {
  return node({ kind: 'unary', op: '!', operand });
}

/**
 * `-operand`. Negating a number literal gives a negative literal (`neg(int(1))` is `int(-1)`),
 * the one shape the parser produces for `-1`; Nix evaluates both as `0 - 1`.
 */
export function neg(operand: NixExpr) {
  if (operand.comments === undefined) {
    if (operand.kind === 'int' && operand.value > 0n) return int(-operand.value);
    if (operand.kind === 'float' && operand.value > 0) return float(-operand.value);
  }
  return node({ kind: 'unary', op: '-', operand });
}

/** A binary operation: `op(a, '//', b)`. The printer adds the parentheses precedence needs. */
export function op(left: NixExpr, operator: BinaryOperator, right: NixExpr) {
  return node({ kind: 'binary', op: operator, left, right });
}

/** Explicit parentheses; only needed to reproduce a source's layout. */
export function parens(expr: NixExpr) {
  return node({ kind: 'parens', expr });
}

/**
 * Raw Nix source, the explicit escape hatch. It is printed as given (parenthesized where it sits
 * inside an operator, argument or list); nothing checks it, so prefer the typed builders.
 */
export function raw(text: string) {
  return node({ kind: 'raw', text });
}

/** A copy of `expr` with comment lines printed above it. */
export function comment<T extends NixExpr>(expr: T, ...lines: string[]): T {
  for (const line of lines) {
    if (/[\r\n]/.test(line)) throw new NixExprError('comment() lines cannot contain newlines; pass one line per argument', { value: line });
  }
  return node({ ...expr, comments: [...(expr.comments ?? []), ...lines] });
}

/** A copy of a binding with comment lines printed above it. */
export function commentBinding<T extends NixBindingItem>(item: T, ...lines: string[]): T {
  for (const line of lines) {
    if (/[\r\n]/.test(line)) throw new NixExprError('comment lines cannot contain newlines', { value: line });
  }
  return { ...item, comments: [...(item.comments ?? []), ...lines] };
}
