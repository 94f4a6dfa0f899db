import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseImageRef } from '../src/index.js';

const parse = suite('parseImageRef');
const DIGEST = `sha256:${'a'.repeat(64)}`;

parse('splits registry, path, tag and digest', () => {
  assert.equal(parseImageRef('isso'), { ok: true, value: { path: 'isso' } });
  assert.equal(parseImageRef('isso:latest'), { ok: true, value: { path: 'isso', tag: 'latest' } });
  assert.equal(parseImageRef('localhost:5000/team/isso:1.2'), { ok: true, value: { domain: 'localhost:5000', path: 'team/isso', tag: '1.2' } });
  assert.equal(parseImageRef(`ghcr.io/o/n@${DIGEST}`), { ok: true, value: { domain: 'ghcr.io', path: 'o/n', digest: DIGEST } });
  assert.equal(parseImageRef('docker.io/library/nginx:1.27-alpine'), { ok: true, value: { domain: 'docker.io', path: 'library/nginx', tag: '1.27-alpine' } });
});

parse('refuses references podman would reject or a shell would split', () => {
  for (const text of ['', 'Isso', 'isso:', 'isso:bad tag', 'a//b', 'isso@sha256:short', '-isso', 'isso;rm', 'isso $(x)', 'isso\n', 'ghcr.io/']) {
    assert.is(parseImageRef(text).ok, false, JSON.stringify(text));
  }
});

parse('stays fast on long adversarial input', () => {
  const started = Date.now();
  parseImageRef(`${'a-'.repeat(2000)}!`);
  parseImageRef(`${'a_'.repeat(2000)}_`);
  assert.ok(Date.now() - started < 500);
});

parse.run();
