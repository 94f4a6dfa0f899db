import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { searchPath } from '@nixkit/nix-expr';
import { validateDeployment, validateHive, validateKey } from '../src/index.js';
import { refusal, twoNodes } from './fixtures.js';

const hive = suite('validateHive');

hive('accepts the two-node fleet and keeps only what was given', () => {
  const out = validateHive(twoNodes());
  assert.equal(Object.keys(out.nodes), ['web1', 'web2']);
  assert.equal(out.nodes.web1!.deployment, { targetHost: 'web1.example.org', tags: ['web'] });
  assert.is(out.meta!.nixpkgs!.kind, 'searchPath');
});

hive('names unknown fields at every level by their path', () => {
  assert.equal(refusal(() => validateHive({ nodes: {}, nodez: 1 })).path, ['nodez']);
  assert.equal(refusal(() => validateHive({ nodes: { a: { deploy: {} } } })).path, ['nodes', 'a', 'deploy']);
  assert.equal(refusal(() => validateHive({ nodes: { a: { deployment: { targetHosts: 'x' } } } })).path, ['nodes', 'a', 'deployment', 'targetHosts']);
  assert.equal(refusal(() => validateHive({ nodes: { a: { deployment: { keys: { k: { text: 'x', mode: '0600' } } } } } })).path, ['nodes', 'a', 'deployment', 'keys', 'k', 'mode']);
  assert.equal(refusal(() => validateHive({ meta: { nixPkgs: searchPath('nixpkgs') }, nodes: {} })).path, ['meta', 'nixPkgs']);
});

hive('requires nodes and refuses wrong types, NaN and sparse arrays', () => {
  assert.equal(refusal(() => validateHive({})).path, ['nodes']);
  assert.equal(refusal(() => validateHive(null)).path, []);
  assert.equal(refusal(() => validateHive({ nodes: [] })).path, ['nodes']);
  assert.equal(refusal(() => validateHive({ nodes: { a: { deployment: { targetPort: Number.NaN } } } })).path, ['nodes', 'a', 'deployment', 'targetPort']);
  assert.match(refusal(() => validateHive({ nodes: { a: { deployment: { targetPort: Number.NaN } } } })).message, /NaN/);
  assert.equal(refusal(() => validateHive({ nodes: { a: { deployment: { targetPort: 22.5 } } } })).path, ['nodes', 'a', 'deployment', 'targetPort']);
  assert.equal(refusal(() => validateHive({ nodes: { a: { deployment: { buildOnTarget: 'yes' } } } })).path, ['nodes', 'a', 'deployment', 'buildOnTarget']);
  // eslint-disable-next-line no-sparse-arrays
  assert.equal(refusal(() => validateHive({ nodes: { a: { deployment: { tags: ['a', , 'b'] } } } })).path, ['nodes', 'a', 'deployment', 'tags', 1]);
  assert.equal(refusal(() => validateHive({ nodes: { a: { modules: [42] } } })).path, ['nodes', 'a', 'modules', 0]);
  assert.equal(refusal(() => validateHive({ nodes: { a: { modules: [{ kind: 'var', name: 'x' }] } } })).path, ['nodes', 'a', 'modules', 0]);
});

hive('refuses cycles and NaN inside specialArgs data, naming the path', () => {
  const cyclic: Record<string, unknown> = { a: 1 };
  cyclic.self = cyclic;
  const error = refusal(() => validateHive({ meta: { specialArgs: { data: cyclic } }, nodes: {} }));
  assert.equal(error.path.slice(0, 3), ['meta', 'specialArgs', 'data']);
  assert.equal(refusal(() => validateHive({ meta: { specialArgs: { n: Number.NaN } }, nodes: {} })).path, ['meta', 'specialArgs', 'n']);
});

hive('refuses reserved and malformed node names', () => {
  for (const name of ['meta', 'defaults', 'network']) assert.match(refusal(() => validateHive({ nodes: { [name]: {} } })).message, /reserved/);
  for (const name of ['web*', '-web', 'a b', 'web_1', '', 'a..b', 'x'.repeat(64)]) {
    assert.equal(refusal(() => validateHive({ nodes: { [name]: {} } })).path, ['nodes', name], name);
  }
  validateHive({ nodes: { 'web1.example.org': {}, w: {}, 'a-b': {} } });
});

hive('refuses meta entries for nodes the hive does not have', () => {
  assert.equal(refusal(() => validateHive({ meta: { nodeNixpkgs: { web9: searchPath('nixpkgs') } }, nodes: { web1: {} } })).path, ['meta', 'nodeNixpkgs', 'web9']);
  assert.equal(refusal(() => validateHive({ meta: { nodeSpecialArgs: { web9: {} } }, nodes: {} })).path, ['meta', 'nodeSpecialArgs', 'web9']);
});

hive('refuses module paths that are neither absolute nor ./-relative', () => {
  for (const bad of ['hosts/a.nix', '~/a.nix', './a b.nix', '/a/../b.nix', './a.nix"', '<nixpkgs>', './${x}.nix']) {
    assert.equal(refusal(() => validateHive({ nodes: { a: { modules: [bad] } } })).path, ['nodes', 'a', 'modules', 0], bad);
  }
});

const deployment = suite('validateDeployment');

deployment('accepts host names, IPv4, IPv6 and null as targetHost', () => {
  for (const host of ['web1', 'web1.example.org', '10.0.0.2', '2001:db8::1', 'fe80::1%eth0', null]) {
    assert.equal(validateDeployment({ targetHost: host }).targetHost, host);
  }
});

deployment('refuses target hosts ssh would read as options or that are not hosts', () => {
  for (const host of ['-oProxyCommand=x', 'root@web1', 'web1 web2', 'web1;rm', '', 'a_b.example', 'web1:22x', 'web1/x']) {
    assert.equal(refusal(() => validateDeployment({ targetHost: host }, ['d'])).path, ['d', 'targetHost'], host);
  }
});

deployment('checks ports, users and tags', () => {
  assert.equal(refusal(() => validateDeployment({ targetPort: 0 })).path, ['targetPort']);
  assert.equal(refusal(() => validateDeployment({ targetPort: 65536 })).path, ['targetPort']);
  assert.equal(refusal(() => validateDeployment({ targetUser: 'Root' })).path, ['targetUser']);
  assert.equal(refusal(() => validateDeployment({ targetUser: 'a;b' })).path, ['targetUser']);
  for (const tag of ['a,b', 'web*', 'a b', '@web', '', '[x]']) assert.equal(refusal(() => validateDeployment({ tags: ['ok', tag] })).path, ['tags', 1], tag);
  assert.match(refusal(() => validateDeployment({ tags: ['eu', 'eu'] })).message, /twice/);
});

const key = suite('validateKey');

key('needs exactly one of text, keyFile and keyCommand', () => {
  assert.match(refusal(() => validateKey({}, ['k'])).message, /needs one of text, keyFile or keyCommand/);
  assert.match(refusal(() => validateKey({ text: 'a', keyFile: '/a' }, ['k'])).message, /sets text and keyFile; set exactly one/);
  assert.match(refusal(() => validateKey({ text: 'a', keyFile: '/a', keyCommand: ['x'] }, ['k'])).message, /set exactly one/);
  assert.equal(validateKey({ keyCommand: ['pass', 'show', 'a'] }, []), { keyCommand: ['pass', 'show', 'a'] });
});

key('checks destDir, permissions, user, group, uploadAt and the command', () => {
  const base = { text: 'x' };
  assert.equal(refusal(() => validateKey({ ...base, destDir: 'run/keys' }, ['k'])).path, ['k', 'destDir']);
  assert.equal(refusal(() => validateKey({ ...base, destDir: '/run/../etc' }, ['k'])).path, ['k', 'destDir']);
  assert.equal(refusal(() => validateKey({ ...base, destDir: '/run/$(id)' }, ['k'])).path, ['k', 'destDir']);
  for (const mode of ['600x', '0800', 'rw-------', '06400', 600]) assert.equal(refusal(() => validateKey({ ...base, permissions: mode }, ['k'])).path, ['k', 'permissions'], String(mode));
  for (const mode of ['0600', '640', '0440', '2750']) assert.is(validateKey({ ...base, permissions: mode }, []).permissions, mode);
  assert.equal(refusal(() => validateKey({ ...base, user: 'root;id' }, ['k'])).path, ['k', 'user']);
  assert.equal(refusal(() => validateKey({ ...base, group: 'Keys' }, ['k'])).path, ['k', 'group']);
  assert.equal(refusal(() => validateKey({ ...base, uploadAt: 'later' }, ['k'])).path, ['k', 'uploadAt']);
  assert.equal(refusal(() => validateKey({ keyCommand: [] }, ['k'])).path, ['k', 'keyCommand']);
  assert.equal(refusal(() => validateKey({ keyCommand: ['pass', 1] }, ['k'])).path, ['k', 'keyCommand', 1]);
  assert.equal(refusal(() => validateKey({ keyFile: 'secrets/a' }, ['k'])).path, ['k', 'keyFile']);
  assert.equal(refusal(() => validateKey({ text: 'a\0b' }, ['k'])).path, ['k', 'text']);
});

key('refuses key names that cannot be a file name and a unit name', () => {
  for (const name of ['a/b', '..', '.', 'a b', 'x@y', 'a\\b', '']) {
    assert.equal(refusal(() => validateDeployment({ keys: { [name]: { text: 'x' } } })).path, ['keys', name], name);
  }
  validateDeployment({ keys: { 'isso.env': { text: 'x' }, 'acme-credentials.secret': { text: 'y' } } });
});

hive('refuses long paths with a bad last character without backtracking (a regression would hang here)', () => {
  const long = 'a'.repeat(60);
  assert.equal(refusal(() => validateHive({ nodes: { a: { modules: [`/${long}!`] } } })).path, ['nodes', 'a', 'modules', 0]);
  assert.equal(refusal(() => validateHive({ nodes: { a: { modules: [`./${long}!`] } } })).path, ['nodes', 'a', 'modules', 0]);
  assert.equal(refusal(() => validateKey({ text: 'x', destDir: `/${'ab/'.repeat(30_000)}$` }, ['k'])).path, ['k', 'destDir']);
  assert.equal(validateHive({ nodes: { a: { modules: [`/${'ab/'.repeat(30_000)}x.nix`] } } }).nodes.a!.modules!.length, 1);
});

hive.run();
deployment.run();
key.run();
