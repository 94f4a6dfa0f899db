import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { NginxVhostError, nginxHttpPrelude } from '../src/index.js';

const test = suite('nginxHttpPrelude');

test('defines $connection_upgrade as NixOS does', () => {
  assert.is(nginxHttpPrelude(), "map $http_upgrade $connection_upgrade {\n  default upgrade;\n  '' close;\n}\n");
});

test('adds quoted log formats', () => {
  const text = nginxHttpPrelude({ logFormats: [{ name: 'anonymous', format: '$time_local "$request" $status', escape: 'json' }] });
  assert.match(text, /log_format anonymous escape=json "\$time_local \\"\$request\\" \$status";\n$/);
});

test('leaves the map out when asked, for NixOS whose http block already has it', () => {
  assert.is(nginxHttpPrelude({ connectionUpgradeMap: false }), '');
  assert.is(nginxHttpPrelude({ connectionUpgradeMap: true }), nginxHttpPrelude());
  const formats = [{ name: 'anonymous', format: '$time_local $status' }];
  assert.is(nginxHttpPrelude({ logFormats: formats, connectionUpgradeMap: false }), 'log_format anonymous "$time_local $status";\n');
  assert.is(nginxHttpPrelude({ logFormats: formats }), `${nginxHttpPrelude()}log_format anonymous "$time_local $status";\n`);
});

test('refuses a connectionUpgradeMap that is not a boolean, naming the option', () => {
  assert.throws(() => nginxHttpPrelude({ connectionUpgradeMap: 'no' } as never), (e: unknown) => e instanceof NginxVhostError && e.path.join('.') === 'connectionUpgradeMap' && e.value === 'no');
});

test('refuses unknown variables, duplicate names and unknown fields', () => {
  assert.throws(() => nginxHttpPrelude({ logFormats: [{ name: 'a', format: '$nope' }] }), (e: unknown) => e instanceof NginxVhostError && e.path.join('.') === 'logFormats.0.format');
  assert.throws(() => nginxHttpPrelude({ logFormats: [{ name: 'a', format: 'x' }, { name: 'a', format: 'y' }] }), /twice/);
  assert.throws(() => nginxHttpPrelude({ logFormat: [] } as never), /no option "logFormat"/);
});

test.run();
