import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { formatFieldPath, NginxVhostError } from '../src/index.js';

const format = suite('formatFieldPath');

format('writes a path as a JS caller would access it', () => {
  assert.is(formatFieldPath(['locations', '/', 'directives', 0, 'value']), 'locations["/"].directives[0].value');
  assert.is(formatFieldPath([]), '(vhost)');
});

format.run();

const error = suite('NginxVhostError');

error('carries path, value and what is accepted, and names them in the message', () => {
  const e = new NginxVhostError(['root'], 'x', 'not absolute', 'an absolute path');
  assert.equal([e.name, e.path, e.value, e.accepted], ['NginxVhostError', ['root'], 'x', 'an absolute path']);
  assert.is(e.message, 'root: not absolute (got "x"); accepted: an absolute path');
});

error.run();
