import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { interp, ref, v } from '@nixkit/nix-expr';
import { durationToNanoseconds, escapeShellArg, isSecret, OciContainerError, resolveFromTable, secret } from '../src/index.js';

const escape = suite('escapeShellArg');

escape('always quotes before NixOS 24.11 and only when needed after', () => {
  assert.is(escapeShellArg('isso', '24.05'), "'isso'");
  assert.is(escapeShellArg('isso', '24.11'), 'isso');
  assert.is(escapeShellArg('a b', '25.11'), "'a b'");
  assert.is(escapeShellArg("it's", '25.11'), "'it'\\''s'");
  assert.is(escapeShellArg('', '25.11'), "''");
  assert.is(escapeShellArg('é', '25.11'), "'é'");
});

const duration = suite('durationToNanoseconds');

duration('reads Go-style durations and integer nanoseconds', () => {
  assert.is(durationToNanoseconds('1m30s'), 90_000_000_000);
  assert.is(durationToNanoseconds('500ms'), 500_000_000);
  assert.is(durationToNanoseconds(7), 7);
  for (const bad of ['', '1.5s', '30', 's', '-1s', -1, 1.5, '1s ']) assert.is(durationToNanoseconds(bad), undefined, String(bad));
});

const resolver = suite('resolveFromTable');

resolver('resolves variables and dotted selections, and names what it lacks', () => {
  const resolve = resolveFromTable({ issoEnv: '/env', 'pkgs.cacert': '/ca' });
  assert.is(resolve(v('issoEnv'), []), '/env');
  assert.is(resolve(ref('pkgs.cacert'), []), '/ca');
  assert.throws(() => resolve(v('toString'), ['cmd', 0]), (e: unknown) => e instanceof OciContainerError && /toString/.test((e as Error).message));
  assert.throws(() => resolve(interp`${v('a')}`, ['x']), (e: unknown) => e instanceof OciContainerError);
});

const marker = suite('secret / isSecret');

marker('marks values in both the typed and the JSON form', () => {
  assert.ok(isSecret(secret('x')));
  assert.ok(isSecret({ secret: true }));
  assert.not.ok(isSecret({ secret: 'yes' }));
  assert.not.ok(isSecret('secret'));
  assert.not.ok(isSecret(v('secret')));
});

escape.run();
duration.run();
resolver.run();
marker.run();
