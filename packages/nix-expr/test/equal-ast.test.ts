import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { attrs, comment, dquoted, equalAst, float, indented, int, list, parse, str, v } from '../src/index.js';

const equal = suite('equalAst');

equal('ignores source positions', () => {
  assert.ok(equalAst(parse('[ 1 x ]').expr!, list([int(1), v('x')])));
});

equal('treats an auto-style string as equal to either quoting, but "…" and \'\'…\'\' as different', () => {
  assert.ok(equalAst(str('a\n'), dquoted('a\n')));
  assert.ok(equalAst(indented('a\n'), str('a\n')));
  assert.not.ok(equalAst(indented('a\n'), dquoted('a\n')));
});

equal('compares values exactly: bigint ints, float bits, names and part order', () => {
  assert.not.ok(equalAst(int(1), float(1)));
  assert.not.ok(equalAst(float(0), float(-0)));
  assert.not.ok(equalAst(str('a', v('x')), str(v('x'), 'a')));
  assert.not.ok(equalAst(attrs({ a: int(1) }), attrs({ b: int(1) })));
});

equal('compares comments, counting a missing list as empty', () => {
  assert.not.ok(equalAst(comment(v('x'), 'a'), v('x')));
  assert.ok(equalAst({ ...v('x'), comments: [] }, v('x')));
});

equal('handles trees deeper than the call stack', () => {
  const source = Array.from({ length: 100000 }, () => 'a').join(' ++ ');
  const a = parse(source).expr!;
  const b = parse(source).expr!;
  assert.ok(equalAst(a, b));
});

equal.run();
