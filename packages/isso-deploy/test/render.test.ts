import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { hostileString, seededRandom } from '../../../tools/test-helpers/index.js';
import { IssoDeploymentError, renderDeployment, renderNixosModule, renderPlainFiles } from '../src/index.js';
import { ARTICLE_DEPLOYMENT, GOLDEN_CASES, MINIMAL, NIXOS_MODULE_CASE, WITH_SECRETS, golden } from './fixtures.js';

const module = suite('renderNixosModule');

for (const { file, mode, deployment } of GOLDEN_CASES) {
  module(`renders ${file} (${mode} mode) exactly as its golden file`, () => {
    const text = renderNixosModule(deployment, { mode });
    assert.fixture(text, golden(file, text));
  });
}

module('reproduces the article: fork, Python env, writeText, buildImage, oci-containers, nginx, ACME', () => {
  const text = renderNixosModule(ARTICLE_DEPLOYMENT);
  for (const piece of [
    'pkgs.python3Packages.buildPythonPackage {',
    'src = pkgs.fetchFromGitHub {',
    'owner = "vincentbernat";',
    'sha256 = "0vkkvjcvcjcdzdj73qig32hqgjly8n3ln2djzmhshc04i6g9z07j";',
    'issoEnv = pkgs.python3.buildEnv.override {',
    'issoConfig = pkgs.writeText "isso.conf" \'\'',
    'issoDockerImage = pkgs.dockerTools.buildImage {',
    '"${issoEnv}/bin/gunicorn"',
    '"ISSO_SETTINGS=${issoConfig}"',
    'virtualisation.oci-containers.backend = "podman";',
    'ports = [ "127.0.0.1:8080:8080" ];',
    'volumes = [ "/var/db/isso:/db" ];',
    'services.nginx.virtualHosts."comments.luffy.cx" = {',
    'security.acme.certs."comments.luffy.cx" = {',
  ]) {
    assert.ok(text.includes(piece), `missing ${piece}`);
  }
  assert.ok(text.startsWith('# Isso comment server for comments.luffy.cx'));
});

module('leaves the $connection_upgrade map to NixOS\'s http block in every mode; the plain nginx file keeps it', () => {
  for (const { mode, deployment } of GOLDEN_CASES) {
    const text = renderNixosModule(deployment, { mode });
    assert.match(text, /services\.nginx\.commonHttpConfig = ''\n\s+log_format anonymous /, mode);
    assert.not.ok(text.includes('connection_upgrade'), mode);
    assert.ok(renderPlainFiles(deployment, { mode }).nginxServer.startsWith('map $http_upgrade $connection_upgrade {\n'), mode);
  }
});

module('enables the backend it configures: docker when asked', () => {
  const text = renderNixosModule({ ...MINIMAL, backend: 'docker' });
  assert.ok(text.includes('virtualisation.docker.enable = true;'));
  assert.ok(text.includes('virtualisation.oci-containers.backend = "docker";'));
  assert.not.ok(text.includes('virtualisation.podman.enable'));
  assert.ok(text.includes('services.nginx.enable = true;'));
});

module('accepts the CA terms only when the description does, and says so otherwise', () => {
  assert.ok(renderNixosModule({ ...MINIMAL, acmeAcceptTerms: true }).includes('security.acme.acceptTerms = true;'));
  const silent = renderNixosModule(MINIMAL);
  assert.not.match(silent, /^\s+security\.acme\.acceptTerms/m);
  assert.match(silent, /# Warning: security\.acme\.acceptTerms is not set by this module/);
});

module('puts only ${VAR} references into isso.conf and passes the environment file', () => {
  const container = renderNixosModule(WITH_SECRETS, { mode: 'container' });
  assert.ok(container.includes("password = ''${ISSO_SMTP_PASSWORD}"));
  assert.ok(container.includes('environmentFiles = [ "/run/secrets/isso.env" ];'));
  const native = renderNixosModule(WITH_SECRETS, { mode: 'native' });
  assert.ok(native.includes('EnvironmentFile = "/run/secrets/isso.env";'));
  const { source: _pypi, ...onPkgsIsso } = WITH_SECRETS;
  const refused = (() => { try { renderNixosModule(onPkgsIsso, { mode: 'nixos-module' }); return null; } catch (error) { return error as IssoDeploymentError; } })();
  assert.instance(refused, IssoDeploymentError);
  assert.match(refused!.message, /Isso 0\.13\.0 cannot read secrets from the environment/);
  assert.ok(renderNixosModule(NIXOS_MODULE_CASE, { mode: 'nixos-module' }).includes('services.isso = {'));
});

module('refuses a description that would put a password into writeText, in every mode', () => {
  for (const mode of ['container', 'native', 'nixos-module'] as const) {
    try {
      renderNixosModule({ ...MINIMAL, settings: { admin: { enabled: true, password: 'hunter2' } } }, { mode });
      assert.unreachable('accepted a literal password');
    } catch (error) {
      assert.instance(error, IssoDeploymentError);
      assert.equal((error as IssoDeploymentError).path, ['settings', 'admin', 'password']);
      assert.match((error as Error).message, /"adminPassword": "ISSO_ADMIN_PASSWORD"/);
    }
  }
});

module('either renders or refuses with a typed error for hostile setting values', () => {
  const random = seededRandom(7);
  for (let i = 0; i < 300; i++) {
    const name = hostileString(random);
    try {
      const text = renderNixosModule({ ...MINIMAL, settings: { general: { name } } });
      assert.ok(text.includes('issoConfig = pkgs.writeText'), name);
    } catch (error) {
      if (!(error instanceof IssoDeploymentError)) throw new Error(`untyped error for ${JSON.stringify(name)}: ${String(error)}`);
      assert.equal(error.path.slice(0, 2), ['settings', 'general'], JSON.stringify(name));
    }
  }
});

const deployment = suite('renderDeployment');

deployment('returns the module and the plain files of the container mode', () => {
  const result = renderDeployment(MINIMAL);
  assert.equal(result.files.map((f) => f.name), ['isso.nix', 'isso.conf', 'isso.nginx.conf', 'isso.container']);
  assert.is(result.files[0]!.text, result.module);
  assert.is(result.domain, 'comments.example.org');
  assert.is(result.warnings.length, 1);
});

deployment('leaves the Quadlet unit out of the modes without a container', () => {
  assert.equal(renderDeployment(WITH_SECRETS, { mode: 'native' }).files.map((f) => f.name), ['isso.nix', 'isso.conf', 'isso.nginx.conf']);
});

deployment('passes on Isso\'s own advice as warnings', () => {
  const result = renderDeployment({ ...MINIMAL, acmeAcceptTerms: true, settings: { admin: { enabled: true } } });
  assert.ok(result.warnings.some((w) => w.includes('public default password')), result.warnings.join('\n'));
});

deployment('warns when the SMTP password would travel in clear text', () => {
  const result = renderDeployment({ ...WITH_SECRETS, settings: { smtp: { security: 'none' } } });
  assert.ok(result.warnings.some((w) => w.includes('clear text')), result.warnings.join('\n'));
  assert.not.ok(renderDeployment(WITH_SECRETS).warnings.some((w) => w.includes('clear text')));
});

const plain = suite('renderPlainFiles');

plain('writes isso.conf, the nginx server block and the Quadlet unit as their golden files', () => {
  const files = renderPlainFiles(WITH_SECRETS);
  assert.fixture(files.issoConf, golden('isso.conf', files.issoConf));
  assert.fixture(files.nginxServer, golden('isso.nginx.conf', files.nginxServer));
  assert.fixture(files.quadlet ?? '', golden('isso.container', files.quadlet ?? ''));
});

plain('keeps the database in the state directory for the native mode', () => {
  const files = renderPlainFiles(WITH_SECRETS, { mode: 'native' });
  assert.match(files.issoConf, /dbpath = \/var\/lib\/isso\/comments\.db/);
  assert.is(files.quadlet, null);
});

module.run();
deployment.run();
plain.run();
