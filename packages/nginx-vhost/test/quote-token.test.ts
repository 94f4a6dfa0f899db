import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { NginxVhostError, quoteToken } from '../src/index.js';

const test = suite('quoteToken');

test('leaves plain words, paths, URLs and variables bare', () => {
  for (const word of ['off', '/srv/www', 'http://127.0.0.1:8080/x?a=b', '$host$request_uri', '\\.php$']) assert.is(quoteToken(word, []), word);
});

test('double-quotes and escapes everything else', () => {
  assert.is(quoteToken('a b', []), '"a b"');
  assert.is(quoteToken('', []), '""');
  assert.is(quoteToken('#x', []), '"#x"');
  assert.is(quoteToken('say "hi"', []), '"say \\"hi\\""');
  assert.is(quoteToken('a\\tb', []), '"a\\\\tb"');
  assert.is(quoteToken('${host}', []), '"${host}"');
  assert.is(quoteToken('a;b{c}', []), '"a;b{c}"');
});

test('refuses control characters, lone surrogates and over-long values, naming the field', () => {
  assert.throws(() => quoteToken('a\nb', ['x']), (e: unknown) => e instanceof NginxVhostError && e.path[0] === 'x');
  assert.throws(() => quoteToken('a\0', []), /U\+0000/);
  assert.throws(() => quoteToken('\ud800', []), /surrogate/);
  assert.throws(() => quoteToken('é'.repeat(2048), []), /4094/);
  assert.is(quoteToken('a\tb', []), '"a\tb"');
});

test.run();
