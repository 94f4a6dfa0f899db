import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { NixExprError, formatPath } from '../src/index.js';

const format = suite('formatPath');

format('writes identifiers with dots and other keys in brackets, as JS accesses them', () => {
  assert.is(formatPath(['services', 'nginx', 0, 'a b', 'x']), 'services.nginx[0]["a b"].x');
  assert.is(formatPath([0, 'a']), '[0].a');
  assert.is(formatPath(['"q"', '$ok', '']), '["\\"q\\""].$ok[""]');
  assert.is(formatPath([]), '');
});

format('is the location NixExprError appends to its message', () => {
  const error = new NixExprError('bad value', { path: ['a', 1], value: 2 });
  assert.is(error.message, 'bad value at a[1]');
});

format.run();
