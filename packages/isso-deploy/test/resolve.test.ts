import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { IssoDeploymentError, resolveDeployment, type DeploymentMode } from '../src/index.js';

const minimal = { domain: 'comments.example.org', acmeEmail: 'letsencrypt@example.org' };

function refusal(input: unknown, mode?: DeploymentMode): IssoDeploymentError {
  try {
    resolveDeployment(input, mode === undefined ? {} : { mode });
  } catch (error) {
    if (error instanceof IssoDeploymentError) return error;
    throw error;
  }
  throw new Error(`accepted ${JSON.stringify(input)}`);
}

const resolve = suite('resolveDeployment');

resolve('fills every field of a minimal description: nixpkgs Isso on the newest release, the article for the rest', () => {
  const d = resolveDeployment(minimal);
  assert.is(d.nixosRelease, '25.11');
  assert.is(d.preset, null);
  assert.is(d.openFirewall, true);
  assert.is(d.port, 8080);
  assert.is(d.backend, 'podman');
  assert.is(d.containerName, 'isso');
  assert.equal(d.dbVolume, { hostPath: '/var/db/isso', containerPath: '/db' });
  assert.equal(d.source, { kind: 'nixpkgs', issoVersion: '0.13.0' });
  assert.equal(d.gunicorn, {
    name: 'isso', workers: 2, workerClass: 'gevent', bindAddress: '0.0.0.0', preload: true, workerTmpDir: '/dev/shm', app: 'isso.run',
  });
  assert.equal(d.python.environment, ['gunicorn', 'gevent', 'setuptools']);
  assert.equal(d.sites, ['https://example.org', 'http://localhost:8080']);
  assert.is(d.nginx.root, '/data/webserver/comments.example.org');
  assert.equal(d.nginx.accessLog, { path: '/var/log/nginx/comments.example.org.log', format: 'anonymous' });
  assert.is(d.acmeAcceptTerms, false);
  assert.is(d.secrets, null);
});

resolve('keeps the domain itself as the site when it has no subdomain', () => {
  assert.equal(resolveDeployment({ ...minimal, domain: 'example.org', port: 9000 }).sites, ['https://example.org', 'http://localhost:9000']);
});

resolve('names the path of an unknown field, at any depth', () => {
  assert.equal(refusal({ ...minimal, prot: 1 }).path, ['prot']);
  const nested = refusal({ ...minimal, gunicorn: { workerz: 3 } });
  assert.equal(nested.path, ['gunicorn', 'workerz']);
  assert.match(nested.message, /gunicorn\.workerz: unknown field "workerz"; accepted fields here: name, workers/);
});

resolve('names the path, the value and the accepted values of a wrong type', () => {
  const error = refusal({ ...minimal, port: '8080' });
  assert.equal(error.path, ['port']);
  assert.match(error.message, /port: expected an integer from 1 to 65535, got the string "8080"/);
  assert.equal(refusal({ ...minimal, backend: 'lxc' }).path, ['backend']);
  assert.equal(refusal({ ...minimal, python: { dependencies: ['ok', 'not a name'] } }).path, ['python', 'dependencies', 1]);
  assert.equal(refusal({ ...minimal, nginx: { accessLog: { path: 'relative.log', format: 'combined' } } }).path, ['nginx', 'accessLog', 'path']);
});

resolve('requires domain and acmeEmail and shows the smallest valid description', () => {
  const error = refusal({ domain: 'comments.example.org' });
  assert.equal(error.path, ['acmeEmail']);
  assert.match(error.message, /"acmeEmail": "letsencrypt@example\.org"/);
  assert.equal(refusal([]).path, []);
  assert.equal(refusal(null).path, []);
});

resolve('refuses values that would render into something else', () => {
  for (const domain of ['a b.org', 'x.org;', '${x}.org', 'a..org', "x'.org", 'x.org\n']) {
    assert.equal(refusal({ ...minimal, domain }).path, ['domain'], domain);
  }
  assert.equal(refusal({ ...minimal, dbVolume: { hostPath: '/var/../etc' } }).path, ['dbVolume', 'hostPath']);
  assert.equal(refusal({ ...minimal, dbVolume: { containerPath: '/db:rw' } }).path, ['dbVolume', 'containerPath']);
  assert.equal(refusal({ ...minimal, sites: ['https://a.org/path'] }).path, ['sites', 0]);
  assert.equal(refusal({ ...minimal, source: { kind: 'github', owner: 'o', repo: 'r', rev: 'main', hash: 'sha256-short' } }).path, ['source', 'hash']);
  assert.equal(refusal({ ...minimal, source: { kind: 'github', owner: 'o', repo: 'r', rev: 'a'.repeat(40), hash: `sha256-${'A'.repeat(43)}=` } }).path, ['source', 'issoVersion']);
});

resolve('accepts a github source with an SRI hash and a nixpkgs source', () => {
  const github = resolveDeployment({
    ...minimal,
    source: { kind: 'github', owner: 'isso-comments', repo: 'isso', rev: '0.14.0', hash: `sha256-${'A'.repeat(43)}=`, issoVersion: '0.14.0' },
  });
  assert.equal(github.source, {
    kind: 'github', owner: 'isso-comments', repo: 'isso', rev: '0.14.0', hash: `sha256-${'A'.repeat(43)}=`, version: '0.14.0', issoVersion: '0.14.0', allowMovingRev: false,
  });
  assert.equal(resolveDeployment({ ...minimal, source: { kind: 'nixpkgs' } }).source, { kind: 'nixpkgs', issoVersion: '0.13.0' });
  assert.equal(refusal({ ...minimal, source: { kind: 'nixpkgs', owner: 'x' } }).path, ['source', 'owner']);
});

resolve('refuses a plaintext password and says how to pass it by reference', () => {
  const error = refusal({ ...minimal, settings: { smtp: { password: 'hunter2' } } });
  assert.equal(error.path, ['settings', 'smtp', 'password']);
  assert.match(error.message, /environmentFile/);
  assert.match(error.message, /"smtpPassword": "ISSO_SMTP_PASSWORD"/);
  assert.not.match(error.message, /hunter2/);
  assert.equal(refusal({ ...minimal, settings: { admin: { password: 'x' } } }).path, ['settings', 'admin', 'password']);
});

resolve('refuses a secret variable name that looks like the password itself', () => {
  const error = refusal({ ...minimal, source: { kind: 'nixpkgs' }, secrets: { environmentFile: '/run/secrets/isso.env', smtpPassword: 'hunter2!' } });
  assert.equal(error.path, ['secrets', 'smtpPassword']);
  assert.match(error.message, /NAME of a variable/);
});

resolve('refuses an environment file inside the Nix store', () => {
  assert.equal(refusal({ ...minimal, source: { kind: 'nixpkgs' }, secrets: { environmentFile: '/nix/store/abc-isso.env' } }).path, ['secrets', 'environmentFile']);
});

resolve('refuses password references when the Isso version cannot expand them, with advice', () => {
  const error = refusal({ ...minimal, nixosRelease: '25.05', secrets: { environmentFile: '/run/secrets/isso.env', smtpPassword: 'ISSO_SMTP_PASSWORD' } });
  assert.equal(error.path, ['secrets']);
  assert.match(error.message, /Isso 0\.13\.0 cannot read secrets from the environment/);
  assert.match(error.message, /a pypi or github source at 0\.14\.0 or later/);
  const ok = resolveDeployment({ ...minimal, source: { kind: 'pypi', version: '0.14.0', hash: `sha256-${'A'.repeat(43)}=` }, secrets: { environmentFile: '/run/secrets/isso.env', smtpPassword: 'ISSO_SMTP_PASSWORD' } });
  assert.equal(ok.secrets, { environmentFile: '/run/secrets/isso.env', smtpPassword: 'ISSO_SMTP_PASSWORD' });
});

resolve('requires the access log format to be defined', () => {
  const error = refusal({ ...minimal, nginx: { accessLog: { path: '/var/log/nginx/x.log', format: 'mine' } } });
  assert.equal(error.path, ['nginx', 'accessLog', 'format']);
  const ok = resolveDeployment({ ...minimal, nginx: { accessLog: { path: '/var/log/nginx/x.log', format: 'mine' }, logFormats: { mine: '$host' } } });
  assert.equal(ok.nginx.logFormats.mine, '$host');
});

resolve('defaults to the nixpkgs package for services.isso and refuses another source there', () => {
  assert.equal(resolveDeployment(minimal, { mode: 'nixos-module' }).source, { kind: 'nixpkgs', issoVersion: '0.13.0' });
  const github = { kind: 'github', owner: 'o', repo: 'r', rev: '0.13.0', hash: `sha256-${'A'.repeat(43)}=` };
  const error = refusal({ ...minimal, source: github }, 'nixos-module');
  assert.equal(error.path, ['source']);
  assert.match(error.message, /services\.isso always runs pkgs\.isso/);
});

resolve('checks the settings with @nixkit/isso-config and names the settings path', () => {
  assert.equal(refusal({ ...minimal, settings: { general: { notfiy: ['smtp'] } } }).path, ['settings', 'general', 'notfiy']);
  assert.equal(refusal({ ...minimal, settings: { smtp: { port: 'many' } } }).path, ['settings', 'smtp', 'port']);
  const ok = resolveDeployment({ ...minimal, settings: { general: { 'max-age': '1h' } } });
  assert.equal(ok.settings.general?.['max-age'], 3600);
});

resolve('requires an environment file for { env } references written in the settings', () => {
  const settings = { smtp: { password: { env: 'SMTP_PASS' } } };
  const source = { kind: 'pypi', version: '0.14.0', hash: `sha256-${'A'.repeat(43)}=` };
  const error = refusal({ ...minimal, source, settings });
  assert.equal(error.path, ['settings']);
  assert.match(error.message, /\$\{SMTP_PASS\}/);
  const ok = resolveDeployment({ ...minimal, source, settings, secrets: { environmentFile: '/run/secrets/isso.env' } });
  assert.equal(ok.settings.smtp?.password, { env: 'SMTP_PASS' });
});

resolve('refuses an Isso version outside what the config writer supports', () => {
  assert.equal(refusal({ ...minimal, source: { kind: 'nixpkgs', issoVersion: '0.11.1' } }).path, ['source', 'issoVersion']);
  assert.equal(refusal({ ...minimal, source: { kind: 'nixpkgs', issoVersion: '1.0' } }).path, ['source', 'issoVersion']);
  assert.equal(refusal({ ...minimal, source: { kind: 'nixpkgs', issoVersion: '0.014.0' } }).path, ['source', 'issoVersion']);
  assert.equal(refusal({ ...minimal, source: { kind: 'nixpkgs', issoVersion: '0.15.0' } }).path, ['source', 'issoVersion']);
});

resolve('keeps a log format named __proto__ as an ordinary format', () => {
  const input = JSON.parse('{"domain": "c.example.org", "acmeEmail": "a@example.org", "nginx": {"logFormats": {"__proto__": "$host"}, "accessLog": {"path": "/var/log/x.log", "format": "__proto__"}}}');
  assert.is(Object.getOwnPropertyDescriptor(resolveDeployment(input).nginx.logFormats, '__proto__')?.value, '$host');
  const undefinedFormat = JSON.parse('{"domain": "c.example.org", "acmeEmail": "a@example.org", "nginx": {"accessLog": {"path": "/var/log/x.log", "format": "__proto__"}}}');
  assert.equal(refusal(undefinedFormat).path, ['nginx', 'accessLog', 'format']);
});

resolve('refuses the embedding websites given twice', () => {
  assert.equal(refusal({ ...minimal, sites: ['https://a.org'], settings: { general: { host: ['https://b.org'] } } }).path, ['settings', 'general', 'host']);
});

resolve.run();
