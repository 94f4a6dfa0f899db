import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseRaw } from '../src/index.js';

const ParseRaw = suite('parseRaw');

const sections = (text: string) => parseRaw(text).sections.map((s) => [s.name, s.entries.map((e) => [e.key, e.value])]);

ParseRaw('splits on the first = or :, lower-cases keys and strips values', () => {
  assert.equal(sections('[s]\nKey: a = b\nOther = c: d\nSpaced   =   v  \n'), [['s', [['key', 'a = b'], ['other', 'c: d'], ['spaced', 'v']]]]);
});

ParseRaw('continues a value on deeper-indented lines, keeping inner blank lines and dropping trailing ones', () => {
  assert.equal(sections('[s]\nk = a\n  b\n\n  c\n\n\nnext = 1\n'), [['s', [['k', 'a\nb\n\nc'], ['next', '1']]]]);
});

ParseRaw('skips full-line comments, also indented ones inside a value', () => {
  assert.equal(sections('# top\n[s]\nk =\n  a\n  # gone\n;gone\n  b\n'), [['s', [['k', '\na\nb']]]]);
});

ParseRaw('treats an indented key line after a value as part of that value', () => {
  assert.equal(sections('[s]\ndbpath = /x\n  name = foo\n'), [['s', [['dbpath', '/x\nname = foo']]]]);
});

ParseRaw('keeps section names case-sensitive and their inner blanks', () => {
  assert.equal(sections('[General]\na = 1\n[ general ]\nb = 2\n[a]b]\nc = 3\n'), [['General', [['a', '1']]], [' general ', [['b', '2']]], ['a]b', [['c', '3']]]]);
});

ParseRaw('uses Python whitespace: U+00A0 and U+3000 strip and indent, U+FEFF does not', () => {
  assert.equal(sections('[s]\nk =\u00a0v\u3000\n\u00a0more\nz = \ufeff\n'), [['s', [['k', 'v\nmore'], ['z', '\ufeff']]]]);
});

ParseRaw('ends lines at LF, CRLF and lone CR but not at U+2028 or U+0085', () => {
  assert.equal(sections('[s]\r\na = 1\rb = 2\u2028c\u0085\n'), [['s', [['a', '1'], ['b', '2\u2028c']]]]);
});

ParseRaw('gives a bare key a null value', () => {
  assert.equal(sections('[s]\nflag\n'), [['s', [['flag', null]]]]);
});

ParseRaw('records each configparser error with its line and keeps reading', () => {
  const result = parseRaw('orphan = 1\n[s]\na = 1\nA = 2\n= 3\nflag\n  more\n[s]\n');
  assert.equal(result.diagnostics.map((d) => [d.code, d.line]), [['missing-section-header', 1], ['duplicate-key', 4], ['empty-key', 5], ['continuation-of-valueless-key', 7], ['duplicate-section', 8]]);
  assert.equal(result.sections.map((s) => [s.name, s.entries.map((e) => [e.key, e.value, e.line])]), [['s', [['a', '2', 4], ['flag', null, 6]]]]);
});

ParseRaw.run();
