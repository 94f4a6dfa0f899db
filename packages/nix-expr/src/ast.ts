/**
 * The Nix expression AST. Plain typed objects, discriminated by `kind`, covering the whole Nix 2.x
 * expression language. Builders (`builders.ts`) make these nodes; the printer turns them into
 * source; the parser produces the same shapes (plus `loc`), so a parsed file and a built one can
 * be compared with a deep-equality check that ignores `loc` and `comments`.
 */

/** Byte offsets (UTF-16 code units of the JS string) of a node in the source it was parsed from. */
export interface SourceSpan {
  start: number;
  end: number;
}

/** Fields every node may carry. */
export interface NodeBase {
  /** Comment lines printed above the node (without the leading `#`), or kept from parsed source. */
  comments?: readonly string[];
  /** Set by the parser only. */
  loc?: SourceSpan;
}

/** A piece of a string or path: literal text, or an interpolated expression `${…}`. */
export type StringPart = string | NixExpr;

/** Integer literal. `bigint` so the full int64 range survives (`9223372036854775807`). */
export interface NixInt extends NodeBase {
  kind: 'int';
  value: bigint;
}

/** Float literal; printed with a `.` so it stays a float (`1.0`, never `1`). */
export interface NixFloat extends NodeBase {
  kind: 'float';
  value: number;
}

/**
 * A string, double-quoted or indented. `style` is a preference: `auto` lets the printer pick
 * `''…''` for multi-line text and `"…"` otherwise; the value is the same either way.
 */
export interface NixString extends NodeBase {
  kind: 'string';
  parts: readonly StringPart[];
  style: 'auto' | 'double' | 'indented';
  /**
   * Only for an indented string whose value starts with an interpolation, set by `parse`:
   * whether Nix's parse tree of the source starts with an empty text (`("" + x + " a")`: the
   * source had a line break or indentation before the `${`) or not (`(x + " a")`: `''${x} a''`).
   * `print` keeps that tree: `false` prints the `${` right after the opening `''` (no line
   * indentation, as Nix then strips none), `true` or absent prints the usual indented layout.
   */
  leadingEmpty?: boolean;
}

/**
 * A path literal: relative (`./a`), absolute (`/a`), home (`~/a`), possibly with interpolated
 * segments (`./${x}/y`). `parts` is the literal source text split around interpolations.
 */
export interface NixPath extends NodeBase {
  kind: 'path';
  parts: readonly StringPart[];
}

/** A search path `<nixpkgs>` / `<nixpkgs/lib>`. */
export interface NixSearchPath extends NodeBase {
  kind: 'searchPath';
  path: string;
}

/** A URI literal (`https://example.org`), discouraged by RFC 45 but part of the language. */
export interface NixUri extends NodeBase {
  kind: 'uri';
  uri: string;
}

/** A variable reference (`true`, `false`, `null` and `builtins` are variables too). */
export interface NixVar extends NodeBase {
  kind: 'var';
  name: string;
}

/** An element of an attribute path: a static name, or a dynamic key `${e}` / `"a${b}"`. */
export type AttrKey = string | NixExpr;

/** A non-empty attribute path, `a.b."c d".${e}`. */
export type AttrPath = readonly AttrKey[];

/** `path = value;` */
export interface NixBinding extends NodeBase {
  kind: 'binding';
  path: AttrPath;
  value: NixExpr;
}

/** `inherit a b;` or `inherit (from) a b;` */
export interface NixInherit extends NodeBase {
  kind: 'inherit';
  from?: NixExpr;
  names: readonly string[];
}

export type NixBindingItem = NixBinding | NixInherit;

/** `{ … }` or `rec { … }`, bindings in the order given. */
export interface NixAttrs extends NodeBase {
  kind: 'attrs';
  rec: boolean;
  bindings: readonly NixBindingItem[];
}

export interface NixList extends NodeBase {
  kind: 'list';
  items: readonly NixExpr[];
}

export interface NixLet extends NodeBase {
  kind: 'let';
  bindings: readonly NixBindingItem[];
  body: NixExpr;
}

export interface NixWith extends NodeBase {
  kind: 'with';
  scope: NixExpr;
  body: NixExpr;
}

export interface NixAssert extends NodeBase {
  kind: 'assert';
  condition: NixExpr;
  body: NixExpr;
}

export interface NixIf extends NodeBase {
  kind: 'if';
  condition: NixExpr;
  then: NixExpr;
  else: NixExpr;
}

/** One formal of a `{ a, b ? d, ... }:` pattern. */
export interface NixFormal {
  name: string;
  default?: NixExpr;
}

/** `x: body` */
export interface NixIdentParam {
  kind: 'ident';
  name: string;
}

/** `{ a, b ? 1, ... }: body`, optionally bound with `args@{ … }` or `{ … }@args`. */
export interface NixFormalsParam {
  kind: 'formals';
  formals: readonly NixFormal[];
  ellipsis: boolean;
  bind?: { name: string; position: 'before' | 'after' };
}

export type NixParam = NixIdentParam | NixFormalsParam;

export interface NixLambda extends NodeBase {
  kind: 'lambda';
  param: NixParam;
  body: NixExpr;
}

/** Application `f a b`: one node with every argument, never nested calls in `fn`. */
export interface NixCall extends NodeBase {
  kind: 'call';
  fn: NixExpr;
  args: readonly NixExpr[];
}

/** `subject.a.b` or `subject.a.b or fallback`. */
export interface NixSelect extends NodeBase {
  kind: 'select';
  subject: NixExpr;
  path: AttrPath;
  or?: NixExpr;
}

/** `subject ? a.b` */
export interface NixHasAttr extends NodeBase {
  kind: 'hasAttr';
  subject: NixExpr;
  path: AttrPath;
}

export type UnaryOperator = '!' | '-';

export interface NixUnary extends NodeBase {
  kind: 'unary';
  op: UnaryOperator;
  operand: NixExpr;
}

export type BinaryOperator =
  | '++' | '*' | '/' | '+' | '-' | '//'
  | '<' | '<=' | '>' | '>='
  | '==' | '!='
  | '&&' | '||' | '->';

export interface NixBinary extends NodeBase {
  kind: 'binary';
  op: BinaryOperator;
  left: NixExpr;
  right: NixExpr;
}

/**
 * Explicit parentheses kept from parsed source, so lossless printing can reproduce `(a)`.
 * Builders never need it: the printer adds the parentheses the grammar requires.
 */
export interface NixParens extends NodeBase {
  kind: 'parens';
  expr: NixExpr;
}

/**
 * Raw Nix text, the escape hatch. The printer wraps it in parentheses wherever it is not in an
 * `expr` slot, so it cannot regroup its surroundings; it is never validated.
 */
export interface NixRaw extends NodeBase {
  kind: 'raw';
  text: string;
}

export type NixExpr =
  | NixInt
  | NixFloat
  | NixString
  | NixPath
  | NixSearchPath
  | NixUri
  | NixVar
  | NixAttrs
  | NixList
  | NixLet
  | NixWith
  | NixAssert
  | NixIf
  | NixLambda
  | NixCall
  | NixSelect
  | NixHasAttr
  | NixUnary
  | NixBinary
  | NixParens
  | NixRaw;

export type NixExprKind = NixExpr['kind'];

const EXPR_KINDS: ReadonlySet<string> = new Set<NixExprKind>([
  'int', 'float', 'string', 'path', 'searchPath', 'uri', 'var', 'attrs', 'list', 'let', 'with',
  'assert', 'if', 'lambda', 'call', 'select', 'hasAttr', 'unary', 'binary', 'parens', 'raw',
]);

/**
 * Builders and the parser create nodes whose prototype carries this registered symbol. It marks a
 * node as an AST node, so that `toNix({ kind: 'var', … })` on user data stays data, and it works
 * across duplicate copies of this package (the symbol is global). It has no enumerable
 * properties, so JSON output and deep-equality checks ignore it.
 */
const NODE_BRAND: unique symbol = Symbol.for('@nixkit/nix-expr.node') as never;

const NODE_PROTO: object = Object.freeze(
  Object.create(Object.prototype, { [NODE_BRAND]: { value: true, enumerable: false } }),
);

/** True when `value` is an AST node (as opposed to plain JS data handed to `toNix`). */
export function isNixExpr(value: unknown): value is NixExpr {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { [NODE_BRAND]?: unknown })[NODE_BRAND] === true &&
    EXPR_KINDS.has((value as { kind?: unknown }).kind as string)
  );
}

/** Makes a node object that `isNixExpr` recognises. Used by the builders and the parser. */
export function node<T extends NixExpr>(fields: T): T {
  return Object.assign(Object.create(NODE_PROTO) as T, fields);
}
