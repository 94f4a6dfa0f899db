import { readFileSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Ajv } from 'ajv';
import { pick, seededRandom } from '../../../tools/test-helpers/index.js';
import { DEPLOYMENT_SCHEMA, IssoDeploymentError, deploymentSchemaText, resolveDeployment } from '../src/index.js';
import { golden } from './fixtures.js';

// The shipped JSON Schema against the validator: on thousands of random descriptions, valid and
// invalid, a real JSON Schema validator (ajv) accepts exactly what resolveDeployment accepts.

const HASH = `sha256-${'A'.repeat(43)}=`;
const BASE32 = '0vkkvjcvcjcdzdj73qig32hqgjly8n3ln2djzmhshc04i6g9z07j';
const ABSENT = Symbol('absent');
type Choice = unknown;

const POOLS: Record<string, readonly Choice[]> = {
  $schema: ['./schema.json', 'https://example.org/schema.json', 'a b', 3],
  nixosRelease: ['24.11', '25.05', '25.11', '23.11', 25.11, ''],
  preset: ['article-2020', 'article', null],
  openFirewall: [true, false, 'yes'],
  acmeAcceptTerms: [true, false, 'true'],
  sites: [[], ['https://a.org'], ['https://A.org:8443', 'http://localhost:8080'], ['ftp://x.org'], 'https://a.org', [1], ['https://a.org/path']],
  port: [8080, 9000, 80, 443, 0, 65536, 8080.5, '8080', -1, 65535],
  source: [
    { kind: 'nixpkgs' }, { kind: 'nixpkgs', issoVersion: '0.14.0' }, { kind: 'nixpkgs', issoVersion: '0.13.0' }, { kind: 'nixpkgs', issoVersion: '0.15.0' },
    { kind: 'nixpkgs', issoVersion: '0.14' }, { kind: 'nixpkgs', owner: 'x' }, { kind: 'svn' }, 'nixpkgs', {},
    { kind: 'pypi', version: '0.13.0', hash: HASH }, { kind: 'pypi', version: '0.14.1', hash: HASH }, { kind: 'pypi', version: '1.0', hash: HASH },
    { kind: 'pypi', version: '0.13.0', hash: BASE32 }, { kind: 'pypi', version: '0.13.0' }, { kind: 'pypi', hash: HASH, version: '0.14.0', owner: 'o' },
    'github',
  ],
  python: [
    { dependencies: ['a', 'b'] }, { check: { inputs: ['nose'], setupPyCommand: 'nosetests' } }, { check: null }, { environment: ['gunicorn', 'bad name'] },
    { check: { inputs: ['pytest'] } }, { extra: 1 }, { buildDependencies: ['setuptools', 'nose'] }, { dependencies: 'a' }, {},
  ],
  gunicorn: [{ workers: 4 }, { workers: 0 }, { bindAddress: '127.0.0.1' }, { bindAddress: 'localhost' }, { workerClass: 'uvicorn' }, { workerTmpDir: null }, { app: 'isso.dispatch' }, { app: 'isso run' }, { preload: 1 }],
  image: [{ name: 'isso', tag: 'x' }, { name: 'Isso' }, { tag: '' }, {}],
  backend: ['docker', 'podman', 'lxc'],
  containerName: ['isso', '-bad', 'a.b'],
  dbVolume: [{ hostPath: '/srv/isso' }, { hostPath: '/var/../etc' }, { containerPath: '/db/./x' }, { hostPath: 'rel' }, { containerPath: '/data/' }],
  nginx: [
    { aliases: ['www.example.org'] }, { aliases: ['localhost'] }, { aliases: ['10.1.1.1'] }, { root: null }, { root: '/srv/www' }, { version: '1.24.0' }, { version: 'new' },
    { accessLog: null }, { accessLog: { path: '/var/log/x.log', format: 'combined' } }, { logFormats: { mine: '$host' } }, { logFormats: { combined: 'x' } },
    { hideCookies: 'no' }, { accessLog: { path: '/x.log', format: 'mine' }, logFormats: { mine: '$host' } }, { logFormats: { 'bad name': 'x' } }, { logFormats: { mine: 'a\nb' } },
  ],
  secrets: [
    { environmentFile: '/run/secrets/isso.env' }, { environmentFile: '/run/secrets/isso.env', smtpPassword: 'ISSO_SMTP_PASSWORD' },
    { environmentFile: '/run/secrets/isso.env', hashSalt: 'SALT', smtpUsername: 'SMTP_USER' }, { environmentFile: '/run/secrets/isso.env', adminPassword: 'hunter2' },
    { environmentFile: '/nix/store/abc-isso.env' }, { smtpPassword: 'X' }, { environmentFile: '/run/./x' }, { environmentFile: '/run/secrets/isso.env', smtpPasword: 'X' },
  ],
  prot: [1],
};

const GITHUB = {
  rev: ['0.13.0', 'main', 'vbe/master', 'v0.14.0', 'f'.repeat(40), 'v1.0-rc1', 'refs/tags/0.12.6', '0.13.05', '0.14.0-rc1'],
  issoVersion: [ABSENT, '0.12.2', '0.14.1', '0.11', '0.13'],
  allowMovingRev: [ABSENT, true, false, 'yes'],
  hash: [HASH, BASE32, 'sha256-short'],
  version: [ABSENT, 'custom', 'bad version'],
};

/** The pool's first choice (valid) most of the time, so both accepted and refused descriptions are common. */
function biased<T>(random: () => number, pool: readonly T[]): T {
  return random() < 0.7 ? pool[0]! : pick(random, pool);
}

function github(random: () => number): Record<string, unknown> {
  const source: Record<string, unknown> = { kind: 'github', owner: 'isso-comments', repo: 'isso' };
  for (const [key, pool] of Object.entries(GITHUB)) {
    const value = biased(random, pool);
    if (value !== ABSENT) source[key] = value;
  }
  if (random() < 0.05) delete source.owner;
  return source;
}

function settings(random: () => number): Record<string, unknown> {
  const out: Record<string, Record<string, unknown>> = {};
  const section = (name: string) => (out[name] ??= {});
  if (random() < 0.5) section('general').notify = biased(random, [['stdout'], ['smtp'], ['SMTP', 'stdout'], ['email'], 'smtp']);
  if (random() < 0.15) section('general').host = pick(random, [['https://x.org'], 'https://x.org']);
  if (random() < 0.15) section('general')['max-age'] = biased(random, ['1h', 900, -5]);
  if (random() < 0.1) section('general').dbpath = pick(random, ['/db/c.db', '/tmp/c.db']);
  for (const key of ['host', 'from', 'to']) {
    if (random() < 0.4) section('smtp')[key] = biased(random, [`${key}.example.org`, '', { env: 'SMTP_VALUE' }, 5]);
  }
  if (random() < 0.25) section('smtp').password = biased(random, [{ env: 'SMTP_PASS' }, 'hunter2', { env: 'lower' }, { env: 'SMTP_PASS', x: 1 }]);
  if (random() < 0.2) section('smtp').username = biased(random, ['', 'user', { env: 'SMTP_USER' }]);
  if (random() < 0.15) section('hash').salt = biased(random, [{ env: 'SALT' }, 'x']);
  if (random() < 0.1) section('admin').enabled = pick(random, [true, 'yes']);
  if (random() < 0.1) section('smtp').security = pick(random, ['starttls', 'tls']);
  if (random() < 0.05) section('general').notfiy = ['smtp'];
  if (random() < 0.05) out.bogus = {};
  if (random() < 0.03) return 'settings' as never;
  return out;
}

function description(random: () => number): Record<string, unknown> {
  const d: Record<string, unknown> = {};
  if (random() < 0.99) d.domain = biased(random, ['comments.example.org', 'Comments.Example.org', 'localhost', 'x.LOCALHOST', '10.0.0.1', 'isso', 'a b.org', 5, '']);
  if (random() < 0.99) d.acmeEmail = biased(random, ['a@example.org', 'bad', 3]);
  for (const [key, pool] of Object.entries(POOLS)) {
    if (random() < (key === 'prot' ? 0.01 : 0.15)) d[key] = biased(random, pool);
  }
  if (random() < 0.15) d.source = github(random);
  if (random() < 0.5) d.settings = settings(random);
  return d;
}

const schema = suite('schema.json');

schema('is the generated schema, shipped as the package\'s schema.json', () => {
  const text = deploymentSchemaText();
  // golden() rewrites the file under UPDATE_GOLDEN=1; the comparison is with the generated text,
  // so a stale schema.json fails (comparing the file with itself could not).
  golden('../../schema.json', text);
  assert.fixture(readFileSync(new URL('../schema.json', import.meta.url), 'utf8'), text);
});

schema('accepts exactly what resolveDeployment accepts, on 5000 random descriptions', () => {
  const ajv = new Ajv({ strict: false, allErrors: false });
  const validate = ajv.compile(DEPLOYMENT_SCHEMA);
  const random = seededRandom(2024);
  let valid = 0;
  for (let i = 0; i < 5000; i++) {
    const d = description(random);
    let accepted = true;
    let reason = '';
    try {
      resolveDeployment(d);
    } catch (error) {
      if (!(error instanceof IssoDeploymentError)) throw error;
      accepted = false;
      reason = error.message;
    }
    const schemaSays = validate(d);
    if (schemaSays !== accepted) {
      assert.unreachable(`#${i} ${JSON.stringify(d)}\nresolveDeployment: ${accepted ? 'accepted' : reason}\nschema: ${schemaSays ? 'accepted' : JSON.stringify(validate.errors?.slice(0, 3))}`);
    }
    if (accepted) valid++;
  }
  // Both sides of the boundary are exercised.
  assert.ok(valid > 1000 && valid < 4000, `${valid} of 5000 valid`);
  console.log(`    schema and resolveDeployment agree on 5000 descriptions, ${valid} valid`);
});

schema.run();
