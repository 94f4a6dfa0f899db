import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { HOSTILE_FRAGMENTS, hostileString, nginxSandbox, nginxTest, seededRandom } from '../../../tools/test-helpers/index.js';
import { DEPLOYMENT_MODES, IssoDeploymentError, renderNixosModule, renderPlainFiles } from '../src/index.js';
import { ARTICLE_DEPLOYMENT, CURRENT_DEPLOYMENT } from './fixtures.js';
import { PYTHON_NAMES, evalModules } from './nix-stubs.js';

const plain = suite('renderPlainFiles: nginx -t');

/** The server block with paths moved into the sandbox: certbot's certificate and the log. */
function sandboxed(text: string, domain: string): string {
  const { cert, key, prefix } = nginxSandbox();
  return text
    .replaceAll(`/etc/letsencrypt/live/${domain}/fullchain.pem`, cert)
    .replaceAll(`/etc/letsencrypt/live/${domain}/chain.pem`, cert)
    .replaceAll(`/etc/letsencrypt/live/${domain}/privkey.pem`, key)
    .replaceAll(`/var/log/nginx/${domain}.log`, `${prefix}/logs/${domain}.log`);
}

plain('the article server block passes nginx -t with its log format', () => {
  const files = renderPlainFiles(ARTICLE_DEPLOYMENT);
  const result = nginxTest(sandboxed(files.nginxServer, 'comments.luffy.cx'), { dump: true });
  assert.ok(result.ok, result.output);
  assert.match(result.dump, /proxy_pass http:\/\/127\.0\.0\.1:8080;/);
  assert.match(result.dump, /access_log \S+comments\.luffy\.cx\.log anonymous;/);
});

plain('each NixOS module\'s commonHttpConfig leaves the map to NixOS and works after NixOS\'s own', () => {
  // services.isso always runs pkgs.isso, so that mode takes the article's site with today's defaults.
  const modules = DEPLOYMENT_MODES.map((mode) => renderNixosModule(mode === 'nixos-module' ? CURRENT_DEPLOYMENT : ARTICLE_DEPLOYMENT, { mode }));
  const commons = evalModules(modules, 'r: r.services.nginx.commonHttpConfig', PYTHON_NAMES) as string[];
  const files = renderPlainFiles(ARTICLE_DEPLOYMENT);
  const server = files.nginxServer.slice(files.nginxServer.indexOf('server {'));
  // What NixOS's nginx module writes into its http block before commonHttpConfig.
  const nixosMap = 'map $http_upgrade $connection_upgrade {\n  default upgrade;\n  \'\'      close;\n}\n';
  commons.forEach((common, i) => {
    assert.not.match(common, /connection_upgrade/, DEPLOYMENT_MODES[i]);
    assert.match(common, /^log_format anonymous /m, DEPLOYMENT_MODES[i]);
    const result = nginxTest(`${nixosMap}${common}${sandboxed(server, 'comments.luffy.cx')}`);
    assert.ok(result.ok, `${DEPLOYMENT_MODES[i]}: ${result.output}`);
  });
});

plain('the plain file keeps the map, so it also works next to a host\'s own copy of it', () => {
  const files = renderPlainFiles(ARTICLE_DEPLOYMENT);
  assert.match(files.nginxServer, /^map \$http_upgrade \$connection_upgrade \{/);
  const hostMap = 'map $http_upgrade $connection_upgrade {\n  default upgrade;\n  \'\' close;\n}\n';
  const result = nginxTest(hostMap + sandboxed(files.nginxServer, 'comments.luffy.cx'));
  assert.ok(result.ok, result.output);
});

plain('an undefined log format is what nginx would refuse', () => {
  const files = renderPlainFiles(ARTICLE_DEPLOYMENT);
  const withoutFormat = files.nginxServer.replace(/^log_format .*\n/m, '');
  assert.not.ok(nginxTest(sandboxed(withoutFormat, 'comments.luffy.cx')).ok);
});

plain('hostile log formats either pass nginx -t as written or are refused with the field', () => {
  const random = seededRandom(5);
  const fragments = [...HOSTILE_FRAGMENTS, '$remote_addr', '$request', '${status}', '$nope', '"', '\\'];
  let rendered = 0;
  for (let i = 0; i < 60; i++) {
    const format = hostileString(random, 8, fragments);
    let files;
    try {
      files = renderPlainFiles({ ...ARTICLE_DEPLOYMENT, nginx: { logFormats: { anonymous: format } } });
    } catch (error) {
      assert.instance(error, IssoDeploymentError, JSON.stringify(format));
      assert.equal((error as IssoDeploymentError).path.slice(0, 2), ['nginx', 'logFormats'], JSON.stringify(format));
      continue;
    }
    rendered++;
    const result = nginxTest(sandboxed(files.nginxServer, 'comments.luffy.cx'));
    assert.ok(result.ok, `${JSON.stringify(format)}\n${result.output}`);
  }
  assert.ok(rendered > 10, `only ${rendered} of 60 formats rendered`);
});

plain.run();
