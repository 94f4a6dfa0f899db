import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { node, type NixExpr } from '../src/ast.js';
import {
  assert_, attrs, bind, call, comment, commentBinding, dquoted, float, fn, formals, hasAttr, if_, indented, inherit,
  int, let_, list, neg, not, op, parens, path, raw, recAttrs, ref, select, str, v, with_,
} from '../src/builders.js';
import { NixExprError } from '../src/errors.js';
import { print } from '../src/print.js';

const p = (expr: Parameters<typeof print>[0]) => print(expr, { finalNewline: false });

const parentheses = suite('print: parentheses');

parentheses('wraps negative numbers, applications, operators and lambdas in list items', () => {
  assert.is(
    p(list([neg(int(1)), call(v('f'), v('x')), op(v('a'), '+', v('b')), fn('x', v('x'))])),
    '[\n  (-1)\n  (f x)\n  (a + b)\n  (x: x)\n]',
  );
});

parentheses('wraps a negative argument, which would otherwise subtract', () => {
  assert.is(p(call(v('f'), neg(int(1)))), 'f (-1)');
  assert.is(p(call(v('f'), neg(float(2.5)))), 'f (-2.5)');
});

parentheses('wraps both sides of non-associative comparisons at the same level', () => {
  assert.is(p(op(op(v('a'), '<', v('b')), '<', v('c'))), '(a < b) < c');
  assert.is(p(op(v('a'), '==', op(v('b'), '==', v('c')))), 'a == (b == c)');
});

parentheses('follows associativity: left for -, right for ++, // and ->', () => {
  assert.is(p(op(op(v('a'), '-', v('b')), '-', v('c'))), 'a - b - c');
  assert.is(p(op(v('a'), '-', op(v('b'), '-', v('c')))), 'a - (b - c)');
  assert.is(p(op(v('a'), '++', op(v('b'), '++', v('c')))), 'a ++ b ++ c');
  assert.is(p(op(op(v('a'), '//', v('b')), '//', v('c'))), '(a // b) // c');
  assert.is(p(op(v('a'), '->', op(v('b'), '->', v('c')))), 'a -> b -> c');
});

parentheses('knows that ! binds looser than arithmetic', () => {
  assert.is(p(not(op(v('a'), '+', v('b')))), '!a + b');
  assert.is(p(op(not(v('a')), '+', v('b'))), '(!a) + b');
  assert.is(p(op(not(v('a')), '==', v('b'))), '!a == b');
});

parentheses('wraps if, let, with, assert and lambdas used as operands', () => {
  assert.is(p(op(v('a'), '+', if_(v('c'), int(1), int(2)))), 'a + (if c then 1 else 2)');
  assert.is(p(op(fn('x', v('x')), '//', v('b'))), '(x: x) // b');
  assert.is(p(op(v('a'), '->', with_(v('s'), v('b')))), 'a -> (with s; b)');
});

parentheses('wraps select subjects that would lex differently or regroup', () => {
  assert.is(p(select(int(1), 'x')), '(1).x');
  assert.is(p(select(path('./a'), 'x')), '(./a).x');
  assert.is(p(select(call(v('f'), v('x')), 'a')), '(f x).a');
  assert.is(p(select(select(v('a'), 'b', v('d')), 'c')), '(a.b or d).c');
  assert.is(p(select(v('a'), ['b', 'c'], neg(int(1)))), 'a.b.c or (-1)');
});

parentheses('separates unary minus from a path, which would lex as one token', () => {
  assert.is(p(neg(path('./a'))), '-(./a)');
  assert.is(p(neg(call(path('./a'), v('x')))), '-(./a x)');
  assert.is(p(neg(call(path('/a'), v('x')))), '-(/a x)');
  assert.is(p(neg(call(path('a/b'), v('x'), v('y')))), '-(a/b x y)');
  assert.is(p(neg(path('~/a'))), '-(~/a)');
  assert.is(p(neg(path('1/2'))), '-(1/2)');
});

parentheses('leaves unary minus bare before tokens that cannot merge with it', () => {
  assert.is(p(neg(int(-1))), '--1');
  assert.is(p(neg(neg(v('a')))), '--a');
  assert.is(p(neg(v('a-b'))), '-a-b');
  assert.is(p(neg(call(v('f'), path('/a')))), '-f /a');
  assert.is(p(neg(select(path('a/b'), 'c'))), '-(a/b).c');
});

parentheses('writes the variable or bare only right after a function, where Nix reads it', () => {
  assert.is(p(call(v('f'), v('or'))), 'f or');
  assert.is(p(call(v('f'), v('or'), v('b'))), 'f or b');
  assert.is(p(call(ref('a.b'), v('or'))), '(a.b) or');
  // `f a or` would be `f (a or)`; `(f a) or` is the same value as the call of f on a and or.
  assert.is(p(call(v('f'), v('a'), v('or'), v('b'))), '(f a) or b');
  assert.is(p(list([call(v('f'), v('or'))])), '[ (f or) ]');
  assert.is(p(neg(call(path('/a'), v('or')))), '-(/a) or');
});

parentheses('wraps a lambda absorbed after an operator in a binding value', () => {
  assert.is(p(attrs({ x: op(v('y'), '++', fn('s', indented('a\n'))) })), "{\n  x = y ++ (s: ''\n    a\n  '');\n}");
});

parentheses('prints INT64_MIN as a subtraction and floats always as floats', () => {
  assert.is(p(int(-9223372036854775808n)), '(-9223372036854775807 - 1)');
  assert.is(p(float(1)), '1.0');
  assert.is(p(float(1e21)), '1.0e+21');
  assert.is(p(float(1e-7)), '1.0e-7');
  assert.is(p(float(5e-324)), '(2.0501330894674953e-143 * 2.409919865102884e-181)');
});

parentheses('keeps parens nodes and a call whose function is a commented call', () => {
  assert.is(p(parens(v('a'))), '(a)');
  const inner = comment(call(v('f'), v('a')), 'inner');
  assert.is(p(call(inner, v('b'))), '(\n  # inner\n  f a\n)\n  b');
});

parentheses('wraps raw text everywhere except in a full expression slot', () => {
  assert.is(p(raw('a + b')), 'a + b');
  assert.is(p(call(v('f'), raw('a + b'))), 'f (a + b)');
  assert.is(p(attrs({ x: raw('a # note') })), '{\n  x = a # note\n  ;\n}');
  assert.is(p(list([raw('a # note'), int(1)])), '[\n  (a # note\n  )\n  1\n]');
});

parentheses.run();

const strings = suite('print: strings and names');

strings('escapes ${, quotes, backslashes and CR in double-quoted strings', () => {
  assert.is(p(str('a${b} "c" \\ \r\t')), '"a\\${b} \\"c\\" \\\\ \\r\\t"');
});

strings('escapes a $ right before an interpolation', () => {
  assert.is(p(str('cost: $', v('x'))), '"cost: \\$${x}"');
});

strings('chooses the indented form for multi-line text and escapes it', () => {
  assert.is(p(str("a ''\n${b} $\n")), "''\n  a '''\n  ''${b} $\n''");
});

strings('keeps trailing blanks and common indentation of indented strings', () => {
  assert.is(p(indented('  a\n  b')), "''\n  ''\\  a\n    b''");
  assert.is(p(indented('x\n  ')), "''\n  x\n   ''\\ ''");
});

strings('escapes a trailing single quote before the closing quotes', () => {
  assert.is(p(indented("a\nb'")), "''\n  a\n  b''\\'''");
});

strings('keeps double-quoted style when asked, even for multi-line text', () => {
  assert.is(p(dquoted('a\nb')), '"a\\nb"');
});

strings('quotes attribute names that are keywords or not identifiers', () => {
  assert.is(p(attrs({ if: int(1) })), '{ "if" = 1; }');
  assert.is(p(attrs({ or: int(1) })), '{ "or" = 1; }');
  assert.is(p(attrs({ 'a.b': int(1) })), '{ "a.b" = 1; }');
  assert.is(p(attrs({ '': int(1) })), '{ "" = 1; }');
  assert.is(p(attrs({ "a-b'": int(1) })), "{ a-b' = 1; }");
  assert.is(p(attrs([bind([v('k')], int(1))])), '{ ${k} = 1; }');
});

strings.run();

const layout = suite('print: nixfmt layout');

layout('prints empty collections with an inner space and keeps one item inline', () => {
  assert.is(p(list([])), '[ ]');
  assert.is(p(attrs({})), '{ }');
  assert.is(p(list([int(1)])), '[ 1 ]');
  assert.is(p(attrs({ a: int(1) })), '{ a = 1; }');
});

layout('expands two or more items and attribute-set binding values', () => {
  assert.is(p(list([int(1), int(2)])), '[\n  1\n  2\n]');
  assert.is(p(attrs({ a: attrs({ b: int(1) }) })), '{\n  a = {\n    b = 1;\n  };\n}');
});

layout('keeps attribute paths flat and the order as given', () => {
  assert.is(p(attrs([bind(['services', 'isso', 'enable'], v('true')), bind('a', int(1))])), '{\n  services.isso.enable = true;\n  a = 1;\n}');
});

layout('absorbs the last argument of an application', () => {
  assert.is(p(call(ref('pkgs.writeText'), str('a'), attrs({ x: int(1), y: int(2) }))), 'pkgs.writeText "a" {\n  x = 1;\n  y = 2;\n}');
});

layout('keeps a list of up to six simple items inline before the last argument', () => {
  assert.is(p(call(ref('lib.optionals'), list([v('a'), v('b')]), v('c'))), 'lib.optionals [ a b ] c');
  assert.is(p(call(ref('f'), v('c'), list([v('a'), v('b')]))), 'f c [\n  a\n  b\n]');
});

layout('uses the compact update forms in bindings', () => {
  assert.is(p(attrs({ z: op(v('old'), '//', attrs({ a: int(1) })) })), '{\n  z = old // {\n    a = 1;\n  };\n}');
  assert.is(p(attrs({ y: op(attrs({ a: int(1) }), '//', v('extra')) })), '{\n  y = {\n    a = 1;\n  }\n  // extra;\n}');
  assert.is(p(attrs({ l: op(list([v('x')]), '++', v('y')) })), '{ l = [ x ] ++ y; }');
});

layout('lays out let with the body on its own line', () => {
  assert.is(p(let_({ a: int(1) }, v('a'))), 'let\n  a = 1;\nin\na');
});

layout('expands formals with three names or a default, one per line with trailing commas', () => {
  assert.is(p(fn(formals(['a', 'b']), v('a'))), '{ a, b }: a');
  assert.is(p(fn(formals(['a', 'b'], { ellipsis: true }), v('a'))), '{ a, b, ... }: a');
  assert.is(p(fn(formals(['a', 'b', 'c'], { ellipsis: true }), v('a'))), '{\n  a,\n  b,\n  c,\n  ...\n}:\na');
  assert.is(p(fn(formals([['a', int(1)]], { bind: 'args' }), v('a'))), 'args@{\n  a ? 1,\n}:\na');
});

layout('breaks long operator chains with the operator first', () => {
  const long = Array.from({ length: 12 }, (_, i): NixExpr => v(`element${i}`)).reduceRight((b, a) => op(a, '++', b));
  const printed = p(attrs({ x: long }));
  assert.ok(printed.startsWith('{\n  x =\n    element0\n    ++ element1\n'), printed);
});

layout('breaks if into then and else lines when it does not fit', () => {
  const long = str('x'.repeat(90));
  assert.is(p(if_(v('c'), long, int(1))), `if c then\n  "${'x'.repeat(90)}"\nelse\n  1`);
});

layout('prints inherit inline below four names, one per line from four', () => {
  assert.is(p(attrs([inherit(['a', 'b'])])), '{ inherit a b; }');
  assert.is(p(attrs([inherit(['a', 'b', 'c', 'd'], v('x'))])), '{\n  inherit (x)\n    a\n    b\n    c\n    d\n    ;\n}');
});

layout('puts comments above bindings, list items and the top expression', () => {
  assert.is(p(comment(attrs([commentBinding(bind('a', int(1)), 'why')]), 'top')), '# top\n{\n  # why\n  a = 1;\n}');
  assert.is(p(list([comment(int(1), 'one')])), '[\n  # one\n  1\n]');
});

layout('moves a comment inside an operand onto its own line within parentheses', () => {
  assert.is(p(op(v('a'), '+', comment(v('b'), 'note'))), 'a\n+ (\n  # note\n  b\n)');
});

layout('prints assert, with and hasAttr', () => {
  assert.is(p(assert_(hasAttr(v('x'), ['a', 'b']), v('x'))), 'assert x ? a.b;\nx');
  // At the top nixfmt breaks after `with pkgs;` (`prettyWith False`); it absorbs the list only
  // where `prettyWith True` applies (a binding value, a lambda body, parentheses). Checked with nixfmt v1.4.0.
  assert.is(p(with_(v('pkgs'), list([v('a'), v('b')]))), 'with pkgs;\n[\n  a\n  b\n]');
  assert.is(p(recAttrs({})), 'rec { }');
  assert.is(p(attrs({ meta: with_(v('lib'), attrs({ a: int(1) })) })), '{\n  meta = with lib; {\n    a = 1;\n  };\n}');
});

layout('ends with a newline unless asked not to', () => {
  assert.is(print(int(1)), '1\n');
});

layout.run();

const errors = suite('print: refuses nodes that have no Nix syntax');

errors('throws NixExprError for a keyword used as a variable', () => {
  assert.throws(() => print(node({ kind: 'var', name: 'if' })), (e: unknown) => e instanceof NixExprError && /var node "if"/.test(e.message));
});

errors('throws for the variable or anywhere but right after a function', () => {
  assert.throws(() => print(v('or')), (e: unknown) => e instanceof NixExprError && /first argument of a call/.test(e.message));
  assert.throws(() => print(list([v('or')])), /first argument of a call/);
  assert.throws(() => print(call(v('f'), comment(v('or'), 'c'))), /first argument of a call/);
});

errors('throws for an empty attribute path and a dynamic let name', () => {
  assert.throws(() => print(attrs([{ kind: 'binding', path: [], value: int(1) }])), (e: unknown) => e instanceof NixExprError);
  assert.throws(() => print(let_([bind([v('k')], int(1))], v('k'))), /dynamic attribute name/);
});

errors('throws for paths the lexer cannot read back', () => {
  assert.throws(() => print(node({ kind: 'path', parts: ['./a b'] })), /path node/);
  assert.throws(() => print(node({ kind: 'path', parts: ['./a/'] })), /path node/);
  assert.throws(() => print(node({ kind: 'path', parts: ['./a//b'] })), /path node/);
});

errors('throws for a lone surrogate, which UTF-8 cannot carry, and for NUL', () => {
  assert.throws(() => print(str('a\ud800')), /surrogate/);
  assert.throws(() => print(node({ kind: 'string', parts: ['a\0b'], style: 'auto' })), /NUL/);
  assert.throws(() => print(node({ kind: 'string', parts: ['a\n\0b'], style: 'auto' })), /NUL/);
  assert.throws(() => print(attrs([inherit(['a\0'])])), /NUL/);
});

errors.run();
