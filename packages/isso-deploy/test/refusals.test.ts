import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { hostileString, seededRandom } from '../../../tools/test-helpers/index.js';
import { IssoDeploymentError, renderDeployment, renderNixosModule, resolveDeployment, type DeploymentMode } from '../src/index.js';

const minimal = { domain: 'comments.example.org', acmeEmail: 'letsencrypt@example.org' };
const envFile = '/run/secrets/isso.env';

function refusal(run: () => unknown): IssoDeploymentError {
  try {
    run();
  } catch (error) {
    if (error instanceof IssoDeploymentError) return error;
    throw error;
  }
  throw new Error('accepted');
}

const refuse = (input: unknown, mode?: DeploymentMode) => refusal(() => resolveDeployment(input, mode === undefined ? {} : { mode }));

const careless = suite('resolveDeployment: careless values');

careless('refuses notify = smtp without [smtp] host, from and to, naming the first missing one', () => {
  const error = refuse({ ...minimal, settings: { general: { notify: ['smtp'] } } });
  assert.equal(error.path, ['settings', 'smtp', 'host']);
  assert.match(error.message, /notify = smtp needs \[smtp\] host, from, to/);
  assert.equal(refuse({ ...minimal, settings: { general: { notify: ['stdout', 'SMTP'] }, smtp: { host: 'mail.example.org', from: 'a@example.org' } } }).path, ['settings', 'smtp', 'to']);
  const ok = resolveDeployment({ ...minimal, settings: { general: { notify: ['smtp'] }, smtp: { host: 'm.example.org', from: 'a@example.org', to: 'b@example.org' } } });
  assert.equal(ok.settings.smtp?.host, 'm.example.org');
});

careless('refuses a gunicorn port that nginx needs', () => {
  for (const port of [80, 443]) {
    const error = refuse({ ...minimal, port });
    assert.equal(error.path, ['port']);
    assert.match(error.message, /nginx's/);
  }
  assert.is(resolveDeployment({ ...minimal, port: 8443 }).port, 8443);
});

careless('lower-cases the domain and the sites, and says so', () => {
  const d = resolveDeployment({ ...minimal, domain: 'Comments.Example.ORG', sites: ['https://Blog.Example.org'] });
  assert.is(d.domain, 'comments.example.org');
  assert.equal(d.sites, ['https://blog.example.org']);
  assert.match(d.notes.join('\n'), /domain "Comments\.Example\.ORG" is written as "comments\.example\.org"/);
  assert.match(d.notes.join('\n'), /sites\[0\] "https:\/\/Blog\.Example\.org"/);
  const result = renderDeployment({ ...minimal, domain: 'Comments.Example.org', acmeAcceptTerms: true });
  assert.ok(result.warnings.some((w) => w.includes('is written as "comments.example.org"')));
  assert.match(result.module, /# Warning: domain "Comments\.Example\.org" is written as/);
  assert.equal(resolveDeployment(minimal).notes, []);
});

careless('refuses localhost, single labels and IP addresses, which ACME cannot certify', () => {
  for (const domain of ['localhost', 'isso.localhost', '127.0.0.1', '192.168.1.10', 'isso']) {
    const error = refuse({ ...minimal, domain });
    assert.equal(error.path, ['domain'], domain);
    assert.match(error.message, /cannot get an ACME certificate/, domain);
  }
  assert.equal(refuse({ ...minimal, nginx: { aliases: ['www.example.org', 'localhost'] } }).path, ['nginx', 'aliases', 1]);
});

careless('refuses gunicorn on loopback in container mode only', () => {
  for (const bindAddress of ['127.0.0.1', '127.1.2.3', '[::1]']) {
    const error = refuse({ ...minimal, gunicorn: { bindAddress } }, 'container');
    assert.equal(error.path, ['gunicorn', 'bindAddress'], bindAddress);
    assert.match(error.message, /published port/);
    assert.instance(refusal(() => renderNixosModule({ ...minimal, gunicorn: { bindAddress } })), IssoDeploymentError);
  }
  assert.ok(renderNixosModule({ ...minimal, gunicorn: { bindAddress: '127.0.0.1' } }, { mode: 'native' }).includes('--bind 127.0.0.1:8080'));
});

careless('refuses a database outside the volume (container) or the StateDirectory (native, services.isso)', () => {
  const outside = { ...minimal, settings: { general: { dbpath: '/tmp/comments.db' } } };
  const container = refuse(outside, 'container');
  assert.equal(container.path, ['settings', 'general', 'dbpath']);
  assert.match(container.message, /--rm/);
  assert.match(container.message, /\/db\/comments\.db/);
  for (const mode of ['native', 'nixos-module'] as const) {
    const error = refuse(outside, mode);
    assert.equal(error.path, ['settings', 'general', 'dbpath'], mode);
    assert.match(error.message, /StateDirectory/, mode);
  }
  assert.equal(refuse({ ...minimal, settings: { general: { dbpath: '/db/../tmp/c.db' } } }, 'container').path, ['settings', 'general', 'dbpath']);
  assert.ok(renderNixosModule({ ...minimal, settings: { general: { dbpath: '/db/isso/c.db' } } }).includes('dbpath = /db/isso/c.db'));
  assert.ok(renderNixosModule({ ...minimal, settings: { general: { dbpath: '/var/lib/isso/c.db' } } }, { mode: 'native' }).includes('dbpath = /var/lib/isso/c.db'));
});

careless('refuses a branch as a github rev unless allowMovingRev says it is meant', () => {
  const source = { kind: 'github', owner: 'o', repo: 'isso', rev: 'main', hash: `sha256-${'A'.repeat(43)}=`, issoVersion: '0.14.0' };
  const error = refuse({ ...minimal, source });
  assert.equal(error.path, ['source', 'rev']);
  assert.match(error.message, /looks like a branch/);
  assert.match(error.message, /"allowMovingRev": true/);
  assert.is(resolveDeployment({ ...minimal, source: { ...source, allowMovingRev: true } }).source.kind, 'github');
  for (const rev of ['0.13.0', 'v0.14.0', 'refs/tags/0.12.6', 'f'.repeat(40)]) {
    assert.is(resolveDeployment({ ...minimal, source: { ...source, rev } }).source.kind, 'github', rev);
  }
});

careless('refuses a python3Packages name the target release removed', () => {
  const error = refuse({ ...minimal, nixosRelease: '24.11', python: { check: { inputs: ['nose'], setupPyCommand: 'nosetests' } } });
  assert.equal(error.path, ['python', 'check', 'inputs', 0]);
  assert.match(error.message, /no longer exists in NixOS 24\.11/);
});

careless('refuses an unknown NixOS release and names the supported ones', () => {
  const error = refuse({ ...minimal, nixosRelease: '23.11' });
  assert.equal(error.path, ['nixosRelease']);
  assert.match(error.message, /"24\.11", "25\.05", "25\.11"/);
});

const secrets = suite('resolveDeployment: secrets are never repeated');

secrets('treats [hash] salt and [smtp] username as secrets, refused unless by reference', () => {
  for (const [section, key, ref] of [['hash', 'salt', 'hashSalt'], ['smtp', 'username', 'smtpUsername'], ['smtp', 'password', 'smtpPassword'], ['admin', 'password', 'adminPassword']] as const) {
    const error = refuse({ ...minimal, settings: { [section]: { [key]: 'Sup3r-S3cret' } } });
    assert.equal(error.path, ['settings', section, key]);
    assert.match(error.message, new RegExp(`"${ref}": "ISSO_`));
    assert.not.match(error.message, /Sup3r-S3cret/);
    assert.is(error.value, '[redacted]');
  }
  const isso014 = { kind: 'pypi', version: '0.14.0', hash: `sha256-${'A'.repeat(43)}=` } as const;
  const d = resolveDeployment({ ...minimal, source: isso014, secrets: { environmentFile: envFile, hashSalt: 'ISSO_HASH_SALT', smtpUsername: 'ISSO_SMTP_USERNAME' } });
  const text = renderNixosModule(d);
  assert.ok(text.includes("salt = ''${ISSO_HASH_SALT}"), text);
  assert.ok(text.includes("username = ''${ISSO_SMTP_USERNAME}"), text);
  assert.ok(resolveDeployment({ ...minimal, settings: { smtp: { username: '' } } }));
});

secrets('refuses a variable name that is not [A-Z_][A-Z0-9_]*, without repeating it', () => {
  for (const name of ['hunter2', 'Passw0rd', 'ISSO-PASS', '1ABC', 'a b', '']) {
    for (const key of ['smtpPassword', 'adminPassword', 'smtpUsername', 'hashSalt']) {
      const error = refuse({ ...minimal, secrets: { environmentFile: envFile, [key]: name } });
      assert.equal(error.path, ['secrets', key]);
      assert.is(error.value, '[redacted]');
      if (name !== '') assert.not.ok(error.message.includes(name), error.message);
    }
    const inSettings = refuse({ ...minimal, secrets: { environmentFile: envFile }, settings: { smtp: { password: { env: name } } } });
    assert.equal(inSettings.path, ['settings', 'smtp', 'password', 'env']);
    if (name !== '') assert.not.ok(inSettings.message.includes(name));
  }
});

secrets('no error message or value repeats a refused secret, whatever the field or the shape', () => {
  const random = seededRandom(13);
  let checked = 0;
  for (let i = 0; i < 400; i++) {
    const secret = `S3cr3t${hostileString(random, 4)}Zq`;
    const where = i % 9;
    const input: Record<string, unknown> = { ...minimal };
    if (where === 0) input.secrets = { environmentFile: envFile, smtpPassword: secret };
    if (where === 1) input.secrets = { environmentFile: envFile, smtpPasword: secret };
    if (where === 2) input.settings = { smtp: { password: secret } };
    if (where === 3) input.settings = { smtp: { pasword: secret } };
    if (where === 4) input.settings = { hash: { salt: secret } };
    if (where === 5) input.settings = { smtp: { username: { env: secret } } };
    if (where === 6) input.secrets = { environmentFile: envFile, adminPassword: [secret] };
    if (where === 7) input.settings = { admin: { password: 42, Password: secret } };
    if (where === 8) input.settings = { smtp: secret };
    for (const mode of ['container', 'native', 'nixos-module'] as const) {
      const error = refusal(() => renderDeployment(input as never, { mode }));
      assert.not.ok(error.message.includes(secret), `${where}: ${error.message}`);
      assert.not.ok(JSON.stringify(error.value ?? null).includes(secret.slice(0, 8)), `${where}: value ${JSON.stringify(error.value)}`);
      checked++;
    }
  }
  assert.is(checked, 1200);
  assert.is(new Set(Array.from({ length: 400 }, (_, i) => i % 9)).size, 9);
});

careless('opens 80 and 443 in the firewall unless told not to; the article preset leaves it closed', () => {
  assert.match(renderNixosModule(minimal), /networking\.firewall\.allowedTCPPorts = \[\n\s+80\n\s+443\n\s+\];/);
  for (const mode of ['container', 'native', 'nixos-module'] as const) {
    assert.not.ok(renderNixosModule({ ...minimal, openFirewall: false }, { mode }).includes('networking.firewall'), mode);
  }
  assert.not.ok(renderNixosModule({ ...minimal, preset: 'article-2020' }).includes('networking.firewall'));
});

careless('a resolved description keeps its release: a different override is an error, not a silent re-resolve', () => {
  const d = resolveDeployment({ ...minimal, nixosRelease: '24.11' });
  assert.match(renderNixosModule(d, { nixosRelease: '24.11' }), /for NixOS 24\.11\./);
  assert.equal(refusal(() => renderNixosModule(d, { nixosRelease: '25.11' })).path, ['nixosRelease']);
});

careless.run();
secrets.run();
