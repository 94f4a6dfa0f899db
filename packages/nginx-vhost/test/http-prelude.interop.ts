import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { nginxTest } from '../../../tools/test-helpers/index.js';
import { nginxHttpPrelude, reverseProxy, toNginxConf } from '../src/index.js';
import { testOptions } from './interop-cases.js';

const prelude = suite('nginxHttpPrelude under nginx -t');

/** What NixOS's nginx module writes into its http block before `commonHttpConfig`. */
const NIXOS_MAP = "map $http_upgrade $connection_upgrade {\n  default upgrade;\n  ''      close;\n}\n";

const websocketServer = toNginxConf(reverseProxy({ name: 'ws.example', port: 3000, websockets: true, acme: false }), testOptions(40));
const formats = [{ name: 'anonymous', format: '$time_local "$request" $status' }];
const loggingServer = toNginxConf(reverseProxy({ name: 'log.example', port: 3001, acme: false, accessLog: { path: '/dev/null', format: 'anonymous' } }), testOptions(41));

prelude('a websocket proxy needs the map: refused without it, accepted with the default prelude', () => {
  assert.not.ok(nginxTest(websocketServer).ok);
  const result = nginxTest(nginxHttpPrelude() + websocketServer);
  assert.ok(result.ok, result.output);
});

prelude('without the map, the log formats sit after NixOS\'s own map as commonHttpConfig does', () => {
  const text = nginxHttpPrelude({ logFormats: formats, connectionUpgradeMap: false });
  assert.not.match(text, /map /);
  const result = nginxTest(NIXOS_MAP + text + websocketServer + loggingServer, { dump: true });
  assert.ok(result.ok, result.output);
  assert.is(result.dump.match(/map \$http_upgrade/g)?.length, 1);
});

prelude('the log formats alone still define what access_log names, and nothing else', () => {
  assert.ok(nginxTest(nginxHttpPrelude({ logFormats: formats, connectionUpgradeMap: false }) + loggingServer).ok);
  assert.not.ok(nginxTest(nginxHttpPrelude({ connectionUpgradeMap: false }) + loggingServer).ok);
  assert.not.ok(nginxTest(nginxHttpPrelude({ logFormats: formats, connectionUpgradeMap: false }) + websocketServer).ok);
});

prelude('the default prelude next to NixOS\'s map is still accepted (a repeated map is allowed)', () => {
  const result = nginxTest(NIXOS_MAP + nginxHttpPrelude({ logFormats: formats }) + websocketServer + loggingServer);
  assert.ok(result.ok, result.output);
});

prelude.run();
