import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { attrs, bind, comment, hasAttr, indented, parens, select, str, uri, v } from '../src/builders.js';
import { equalAst } from '../src/equal-ast.js';
import { parse } from '../src/parse.js';

// Nix reads a constant string (or URI) in `${…}` as a static name; the builders agree with it.

const parsed = (source: string) => {
  const result = parse(source);
  assert.equal(result.diagnostics, []);
  return result.expr!;
};

const bindSuite = suite('bind');

bindSuite('turns a constant ${"…"} key into the static name, as parse does', () => {
  assert.equal(bind([str('a b')], v('x')).path, ['a b']);
  assert.equal(bind(str('k'), v('x')).path, ['k']);
  assert.equal(bind(['a', indented('b\n')], v('x')).path, ['a', 'b\n']);
  assert.equal(bind([parens(str(''))], v('x')).path, ['']);
  assert.equal(bind([uri('x:y')], v('x')).path, ['x:y']);
  assert.ok(equalAst(attrs([bind([str('a b')], v('x'))]), parsed('{ ${"a b"} = x; }')));
});

bindSuite('keeps interpolated and commented keys as expressions', () => {
  const interpolated = str('a', v('k'));
  assert.is(bind([interpolated], v('x')).path[0], interpolated);
  const commented = comment(str('a'), 'why');
  assert.is(bind([commented], v('x')).path[0], commented);
  const variable = v('k');
  assert.is(bind([variable], v('x')).path[0], variable);
});

bindSuite.run();

const selectSuite = suite('select');

selectSuite('turns constant string and URI keys into static names, as parse does', () => {
  assert.equal(select(v('a'), [str('b'), uri('x:y')]).path, ['b', 'x:y']);
  assert.ok(equalAst(select(v('a'), [str('b c')], v('d')), parsed('a.${"b c"} or d')));
});

selectSuite.run();

const hasAttrSuite = suite('hasAttr');

hasAttrSuite('turns a constant string key into the static name, as parse does', () => {
  assert.equal(hasAttr(v('a'), [indented('b')]).path, ['b']);
  assert.ok(equalAst(hasAttr(v('a'), ['x', str('y')]), parsed("a ? x.${''y''}")));
});

hasAttrSuite.run();
