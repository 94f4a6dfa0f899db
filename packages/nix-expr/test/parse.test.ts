import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { NixExpr } from '../src/ast.js';
import {
  assert_, attrs, bind, call, comment, commentBinding, dquoted, equalAst, float, fn, formals, hasAttr, if_, indented,
  inherit, int, isNixExpr, let_, list, neg, not, op, parse, path, recAttrs, searchPath, select, str, uri, v, with_,
} from '../src/index.js';
import { lex } from '../src/lex.js';

const FIXTURES = join(import.meta.dirname, 'fixtures');

/** The tree as plain data without `loc` and `comments`, for comparing code only. */
function withoutComments(tree: NixExpr): unknown {
  return JSON.parse(JSON.stringify(tree, (key, value: unknown) => (key === 'loc' || key === 'comments' ? undefined : typeof value === 'bigint' ? `${value}n` : value)));
}

/** The parsed expression, failing the test with the diagnostics when there is none. */
function expr(source: string): NixExpr {
  const result = parse(source);
  assert.equal(result.diagnostics, [], source);
  return result.expr!;
}
function same(source: string, expected: NixExpr): void {
  const actual = expr(source);
  assert.ok(equalAst(actual, expected), `${JSON.stringify(source)} parsed as ${JSON.stringify(actual, (_, x) => (typeof x === 'bigint' ? `${x}n` : x))}`);
}
function rejects(source: string, message: RegExp): void {
  const result = parse(source);
  assert.is(result.expr, undefined, source);
  assert.is(result.diagnostics.length, 1, source);
  assert.match(result.diagnostics[0]!.message, message, source);
}

const literals = suite('parse: literals');

literals('reads ints as bigint, with leading zeros and the int64 maximum', () => {
  same('42', int(42));
  same('007', int(7));
  same('9223372036854775807', int(9223372036854775807n));
});

literals('folds a minus directly before a positive literal into a negative literal, like neg()', () => {
  same('-1', int(-1));
  same('- 1.5', float(-1.5));
  same('-(1)', { ...neg(v('x')), operand: int(1) } as NixExpr);
  same('- -1', neg(int(-1)));
  same('-0', neg(int(0)));
  same('!1', not(int(1)));
});

literals('reads floats only with a dot: 1e10 is 1 applied to e10', () => {
  same('1.5', float(1.5));
  same('1.', float(1));
  same('.5', float(0.5));
  same('1.0e-7', float(1e-7));
  same('1e10', call(int(1), v('e10')));
  same('1e-06', call(int(1), v('e-06')));
});

literals('reads search paths, URIs and home paths', () => {
  same('<nixpkgs/lib>', searchPath('nixpkgs/lib'));
  same('https://example.org/a?b=c', uri('https://example.org/a?b=c'));
  same('x:x', uri('x:x'));
  same('~/a/b', path('~/a/b'));
});

literals('keeps path text as written and splits it around interpolations', () => {
  same('./a/b.nix', path('./a/b.nix'));
  same('../a', path('../a'));
  same('a/b', path('a/b'));
  same('./a/${x}/c', path('./a/', v('x'), '/c'));
  same('./${x}', path('./', v('x')));
  same('./a${x}b', path('./a', v('x'), 'b'));
  same('~/${x}', path('~/', v('x')));
  same('./a #c', path('./a'));
});

const strings = suite('parse: strings');

strings('unescapes "…" strings like Nix: \\n \\r \\t named, any other \\X is X, CRLF becomes LF', () => {
  same('"a\\nb\\tc\\rd"', dquoted('a\nb\tc\rd'));
  same('"\\a\\0\\u0041"', dquoted('a0u0041'));
  same('"a\r\nb\rc"', dquoted('a\nb\nc'));
  same('"\\""', dquoted('"'));
});

strings('treats $ pairs like the Nix lexer: $${ is literal, $$${x} interpolates', () => {
  same('"$${x}"', dquoted('$${x}'));
  same('"$$${x}"', dquoted('$$', v('x')));
  same('"\\${x}"', dquoted('${x}'));
  same('"$\\{x}"', dquoted('${x}'));
  same('"\\$${x}"', dquoted('$', v('x')));
  same('"a$"', dquoted('a$'));
  same('"$"', dquoted('$'));
});

strings('merges adjacent literal parts and drops empty ones, as the builders do', () => {
  same('"a${x}b${y}"', dquoted('a', v('x'), 'b', v('y')));
  same('"${x}"', dquoted(v('x')));
  same('""', dquoted());
});

strings('strips indentation of \'\'…\'\' strings exactly as Nix does', () => {
  same("''\n  a\n    b\n''", indented('a\n  b\n'));
  same("''\n  a\n  b''", indented('a\nb'));
  same("''foo\n  bar''", indented('foo\n  bar'));
  same("''  foo\n  bar''", indented('foo\nbar'));
  same("''\n\tfoo\n\tbar\n''", indented('\tfoo\n\tbar\n'));
  same("''\n  \tfoo\n  bar\n''", indented('\tfoo\nbar\n'));
  same("''\n    \n  ''", indented('\n'));
  same("''\n  a\n   ''", indented('a\n'));
  same("''\n  a\n   b''", indented('a\n b'));
  same("''''", indented());
});

strings('lets escapes and interpolations end the indentation scan where they stand', () => {
  same("''\n  ''\\ a\n    b\n''", indented(' a\n  b\n'));
  same("''\n    ${x}\n  b\n''", indented('  ', v('x'), '\nb\n'));
  same("''\n  a\n''\\n  b\n  ''", indented('  a\n\n  b\n'));
});

strings('reads \'\' escapes: \'\'\' is \'\', \'\'$ is $, \'\'\\X unescapes X, a lone \' is literal', () => {
  same("''a'''b''", indented("a''b"));
  same("''''${x}''", indented('${x}'));
  same("''''\\n''\\t''\\'''", indented("\n\t'"));
  same("''it's''", indented("it's"));
  same("''$${x}''", indented('$${x}'));
  same("''a'${x}''", indented("a'", v('x')));
  same("''$''", indented('$'));
});

strings('keeps a raw CR in \'\'…\'\' strings (only "…" normalises it)', () => {
  same("''a\r\nb''", indented('a\r\nb'));
});

const structure = suite('parse: expressions');

structure('makes calls and selects flat, as Nix does', () => {
  same('f a b', call(v('f'), v('a'), v('b')));
  same('(f a) b', call(v('f'), v('a'), v('b')));
  same('a.b.c', select(v('a'), ['b', 'c']));
  same('a.b or c', select(v('a'), ['b'], v('c')));
});

structure('keeps a parenthesized select as its own node, as Nix does', () => {
  const inner = select(v('a'), ['b']);
  same('(a.b).c', { ...select(v('x'), ['c']), subject: inner } as NixExpr);
});

structure('uses bison precedences, with ! looser than + and tighter than //', () => {
  same('1 + 2 * 3', op(int(1), '+', op(int(2), '*', int(3))));
  same('!a + b', not(op(v('a'), '+', v('b'))));
  same('a + !b + c', op(v('a'), '+', not(op(v('b'), '+', v('c')))));
  same('!a ? b', not(hasAttr(v('a'), 'b')));
  same('!a == b', op(not(v('a')), '==', v('b')));
  same('!a // b', op(not(v('a')), '//', v('b')));
  same('-a ? b', hasAttr(neg(v('a')), 'b'));
  same('a -> b -> c', op(v('a'), '->', op(v('b'), '->', v('c'))));
  same('a ++ b ++ c', op(v('a'), '++', op(v('b'), '++', v('c'))));
  same('a - b - c', op(op(v('a'), '-', v('b')), '-', v('c')));
  same('a ? b ? c', hasAttr(hasAttr(v('a'), 'b'), 'c'));
  same('a < b == c', op(op(v('a'), '<', v('b')), '==', v('c')));
  same('f -1', op(v('f'), '-', int(1)));
});

structure('reads or as an attribute name and the legacy `f or` call', () => {
  same('{ or = 1; }', attrs({ or: int(1) }));
  same('x.or', select(v('x'), ['or']));
  same('x ? a.or', hasAttr(v('x'), ['a', 'or']));
  same('f or', call(v('f'), v('or')));
  same('map or [ 1 ]', call(v('map'), v('or'), list([int(1)])));
  same('g f or', call(v('g'), call(v('f'), v('or'))));
});

structure('reads sets, keys and inherit', () => {
  same('{ a.b = 1; "c d" = 2; ${"e"} = 3; "f${x}" = 4; ${x} = 5; }', attrs([
    bind(['a', 'b'], int(1)),
    bind('c d', int(2)),
    bind('e', int(3)),
    bind([dquoted('f', v('x'))], int(4)),
    bind([v('x')], int(5)),
  ]));
  same('rec { inherit (x) a b; inherit c "d e"; }', recAttrs([inherit(['a', 'b'], v('x')), inherit(['c', 'd e'])]));
  same('{ ${"a"}.${x} = 1; }', attrs([bind(['a', v('x')], int(1))]));
});

structure('reads let, with, assert, if and lambdas of every form', () => {
  same('let a = 1; in a', let_({ a: int(1) }, v('a')));
  same('let { body = 1; }', select(recAttrs({ body: int(1) }), 'body'));
  same('with a; b', with_(v('a'), v('b')));
  same('assert a; b', assert_(v('a'), v('b')));
  same('if a then b else c', if_(v('a'), v('b'), v('c')));
  same('x: y: x', fn('x', fn('y', v('x'))));
  same('{ }: 1', fn(formals([]), int(1)));
  same('{ a, b ? 1, ... }@args: a', fn(formals(['a', ['b', int(1)]], { ellipsis: true, bind: 'args', bindPosition: 'after' }), v('a')));
  same('args@{ a, }: a', fn(formals(['a'], { bind: 'args', bindPosition: 'before' }), v('a')));
  same('[ a.b (f x) (-1) ]', list([select(v('a'), 'b'), call(v('f'), v('x')), int(-1)]));
});

structure('makes nodes that isNixExpr recognises, with source spans', () => {
  const result = expr('{ a = [ 1 ]; }');
  assert.ok(isNixExpr(result));
  assert.equal(result.loc, { start: 0, end: 14 });
  const value = (result as Extract<NixExpr, { kind: 'attrs' }>).bindings[0];
  assert.ok(value?.kind === 'binding' && isNixExpr(value.value) && isNixExpr((value.value as Extract<NixExpr, { kind: 'list' }>).items[0]));
  assert.equal(value?.loc, { start: 2, end: 12 });
});

structure('ends operator spans at the closing parenthesis of a parenthesized right operand', () => {
  assert.equal(expr('a + (b)').loc, { start: 0, end: 7 });
  assert.equal(expr('-(b)').loc, { start: 0, end: 4 });
  assert.equal(expr('!((b))').loc, { start: 0, end: 6 });
  assert.equal(expr('(a) + b').loc, { start: 0, end: 7 });
});

const comments = suite('parse: comments');

comments('attaches comment lines directly above a binding, a list item or the file to that node', () => {
  same('# file\n{\n  # one\n  # two\n  a = 1;\n  b = [\n    # item\n    x\n  ];\n}', comment(
    attrs([commentBinding(bind('a', int(1)), 'one', 'two'), bind('b', list([comment(v('x'), 'item')]))]),
    'file',
  ));
});

comments('keeps other comments, with positions, in the comments list', () => {
  const source = '# header\n\n{\n  a = 1; # trailing\n  /* inner */\n}\n';
  const result = parse(source);
  assert.equal(result.diagnostics, []);
  assert.equal(result.comments.map((c) => c.text), ['# header', '# trailing', '/* inner */']);
  const trailing = result.comments[1]!;
  assert.is(source.slice(trailing.start, trailing.end), '# trailing');
  assert.ok(equalAst(result.expr!, attrs({ a: int(1) })));
});

comments('reads a block comment as its lines, without the delimiters', () => {
  same('{\n  /* a\n  b */\n  x = 1;\n}', attrs([commentBinding(bind('x', int(1)), 'a', '  b')]));
});

comments('gives a comment written inside parentheses to the expression there', () => {
  same('a + (\n  # why\n  b\n)', op(v('a'), '+', comment(v('b'), 'why')));
  same('f\n  # arg\n  1', call(v('f'), comment(int(1), 'arg')));
});

comments('reads the same expression with a comment in every gap between tokens of every fixture', () => {
  for (const name of readdirSync(FIXTURES).filter((file) => file.endsWith('.nix'))) {
    const source = readFileSync(join(FIXTURES, name), 'utf8');
    const { tokens } = lex(source);
    for (const style of ['/* c */', '# c\n']) {
      let out = '';
      let cursor = 0;
      tokens.forEach((token, i) => {
        // A gap between tokens is always whitespace or comments in the default lexer state.
        if (i > 0 && token.start > cursor) out += source.slice(cursor, tokens[i - 1]!.end) + ` ${style}` + source.slice(tokens[i - 1]!.end, token.start);
        else out += source.slice(cursor, token.start);
        out += source.slice(token.start, token.end);
        cursor = token.end;
      });
      out += source.slice(cursor);
      const plain = parse(source);
      const commented = parse(out);
      assert.equal(commented.diagnostics, [], `${name} with ${style}`);
      if (style.startsWith('/*')) assert.ok(equalAst(commented.expr!, plain.expr!), `${name} with ${style}`);
      // A line comment moves what followed it to a new line, where a comment may now stand above
      // a node and attach to it; the code itself must read the same.
      else assert.equal(withoutComments(commented.expr!), withoutComments(plain.expr!), `${name} with ${style}`);
      assert.ok(commented.comments.length > plain.comments.length + 50);
    }
  }
});

const diagnostics = suite('parse: diagnostics');

diagnostics('rejects non-associative chains, as Nix does', () => {
  rejects('a < b < c', /unexpected '<'/);
  rejects('a == b == c', /unexpected '=='/);
  rejects('a <= b > c', /unexpected '>'/);
});

diagnostics('reports line, column, offset and what was expected', () => {
  const result = parse('{\n  a = 1\n}');
  assert.is(result.diagnostics.length, 1);
  const [d] = result.diagnostics;
  assert.equal({ line: d!.line, column: d!.column, offset: d!.offset }, { line: 3, column: 1, offset: 10 });
  assert.equal(d!.expected, ["';'"]);
  assert.match(d!.message, /unexpected '}', expecting ';'/);
});

diagnostics('rejects what Nix rejects while parsing: numbers, paths, duplicates, dynamic names', () => {
  rejects('9223372036854775808', /invalid integer/);
  rejects('1.0e400', /invalid float/);
  rejects('5.0e-324', /invalid float/);
  rejects('./a/', /trailing slash/);
  rejects('{ a = 1; a = 2; }', /attribute 'a' already defined/);
  rejects('{ a = x; a.b = 1; }', /already defined/);
  rejects('{ inherit a; a = 1; }', /already defined/);
  rejects('{ a = { b = 1; }; a = { b = 2; }; }', /attribute 'b' already defined/);
  rejects('{ a, a }: a', /duplicate formal function argument 'a'/);
  rejects('{ a }@a: a', /duplicate formal/);
  rejects('let ${a} = 1; in a', /dynamic attributes not allowed in let/);
  rejects('{ inherit ${a}; }', /dynamic attributes not allowed in inherit/);
  rejects('[ -1 ]', /unexpected '-'/);
  rejects('a + if a then b else c', /unexpected 'if'/);
  rejects('"a', /end of file/);
  rejects("''a", /end of file/);
  rejects('é', /unexpected 'é'/);
  rejects('', /end of file/);
});

diagnostics('accepts the merges Nix allows', () => {
  same('{ a.b = 1; a.c = 2; }', attrs([bind(['a', 'b'], int(1)), bind(['a', 'c'], int(2))]));
  expr('{ a = { b = 1; }; a.c = 2; a = { d = 3; }; }');
  expr('let a.${b} = 1; in a');
  expr('{ inherit; inherit (x); }');
});

diagnostics('stops deep nesting with a diagnostic, not a stack overflow', () => {
  rejects('['.repeat(100000), /nested more than 500 levels/);
  rejects('('.repeat(100000) + '1' + ')'.repeat(100000), /nested/);
  const ok = parse(`${'['.repeat(400)}${']'.repeat(400)}`);
  assert.equal(ok.diagnostics, []);
  assert.is(parse('[ [ 1 ] ]', { maxDepth: 3 }).expr, undefined);
  assert.ok(parse('[ [ 1 ] ]', { maxDepth: 4 }).expr);
});

diagnostics('builds long operator chains without recursion', () => {
  const chain = Array.from({ length: 50000 }, () => 'a').join(' ++ ');
  assert.equal(parse(chain).diagnostics, []);
  assert.equal(parse(`x${' ? a'.repeat(50000)}`).diagnostics, []);
});

diagnostics('counts prefix operators against the depth limit, as they nest', () => {
  // Nix 2.8 answers "memory exhausted" for 50,000 of them; a diagnostic, never a RangeError.
  rejects(`${'- '.repeat(50000)}1`, /nested more than 500 levels/);
  rejects(`${'!'.repeat(50000)}a`, /nested more than 500 levels/);
  assert.equal(parse(`${'- '.repeat(400)}1`).diagnostics, []);
  assert.equal(parse(`${'!'.repeat(400)}a`).diagnostics, []);
  assert.equal(parse(`${'!a && '.repeat(2000)}a`).diagnostics, []);
});

literals.run();
strings.run();
structure.run();
comments.run();
diagnostics.run();
