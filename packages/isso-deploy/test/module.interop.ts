import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { hostileString, nixParseOrThrow, runPythonJson, seededRandom } from '../../../tools/test-helpers/index.js';
import { IssoDeploymentError, renderNixosModule, type IssoDeployment } from '../src/index.js';
import { PYTHON_NAMES, decodeStubPath, evalModules, writtenText } from './nix-stubs.js';
import { ARTICLE_DEPLOYMENT, GOLDEN_CASES, MINIMAL, NIXOS_MODULE_CASE, WITH_SECRETS } from './fixtures.js';

/** Reads isso.conf texts the way Isso does (configparser, no interpolation from 0.12.6 on). */
const READ_ISSO_CONF = `
import sys, json, configparser
out = []
for case in json.load(sys.stdin):
    p = configparser.ConfigParser(allow_no_value=True, interpolation=None if case['modern'] else configparser.BasicInterpolation())
    p.read_string(case['text'])
    out.append({s: {k: p.get(s, k) for k in p[s]} for s in p.sections()})
print(json.dumps(out))
`;

function readIssoConfs(cases: readonly { text: string; modern: boolean }[]): Record<string, Record<string, string>>[] {
  return runPythonJson(READ_ISSO_CONF, JSON.stringify(cases)) as Record<string, Record<string, string>>[];
}

const parse = suite('renderNixosModule: nix-instantiate --parse');

parse('every mode parses with Nix', () => {
  for (const { mode, deployment } of GOLDEN_CASES) nixParseOrThrow(renderNixosModule(deployment, { mode }));
  nixParseOrThrow(renderNixosModule({ ...MINIMAL, backend: 'docker' }));
});

const evaluate = suite('renderNixosModule: evaluated with stub arguments');

evaluate('gives the article container, image, vhost and certificate option values', () => {
  const [value] = evalModules([renderNixosModule(ARTICLE_DEPLOYMENT)], `r: let c = r.virtualisation.oci-containers.containers.isso; in {
    backend = r.virtualisation.oci-containers.backend;
    podman = r.virtualisation.podman.enable;
    nginx = r.services.nginx.enable;
    inherit (c) image ports volumes;
    imageName = c.imageFile.name; tag = c.imageFile.tag; extraCommands = c.imageFile.extraCommands;
    cmd = c.imageFile.config.Cmd; env = c.imageFile.config.Env;
    vhost = r.services.nginx.virtualHosts."comments.luffy.cx";
    common = r.services.nginx.commonHttpConfig;
    acme = r.security.acme;
    tmpfiles = r.systemd.tmpfiles.settings.isso;
  }`, PYTHON_NAMES) as Record<string, any>[];
  const v = value!;
  assert.is(v.backend, 'podman');
  assert.is(v.podman, true);
  assert.is(v.nginx, true);
  assert.is(v.image, 'isso');
  assert.equal(v.ports, ['127.0.0.1:8080:8080']);
  assert.equal(v.volumes, ['/var/db/isso:/db']);
  assert.equal([v.imageName, v.tag], ['isso', 'latest']);
  assert.is(v.extraCommands, 'mkdir -p db\n');
  assert.equal(v.cmd, [
    '/nix/store/stub-isso-env/bin/gunicorn', '--name', 'isso', '--bind', '0.0.0.0:8080', '--worker-class', 'gevent',
    '--workers', '2', '--worker-tmp-dir', '/dev/shm', '--preload', 'isso.run',
  ]);
  assert.is(v.env[1], 'SSL_CERT_FILE=/nix/store/stub-cacert/etc/ssl/certs/ca-bundle.crt');
  const conf = writtenText(v.env[0]);
  assert.is(conf.name, 'isso.conf');
  assert.is(conf.text, '[general]\ndbpath = /db/comments.db\nhost =\n    https://vincent.bernat.ch\n    http://localhost:8080\nnotify = smtp\n');
  assert.equal(v.vhost.locations['/'].proxyPass, 'http://127.0.0.1:8080');
  assert.match(v.vhost.locations['/'].extraConfig, /proxy_set_header X-Forwarded-Proto \$scheme;/);
  assert.equal([v.vhost.enableACME, v.vhost.forceSSL, v.vhost.root], [true, true, '/data/webserver/comments.luffy.cx']);
  assert.match(v.vhost.extraConfig, /access_log \/var\/log\/nginx\/comments\.luffy\.cx\.log anonymous;/);
  assert.match(v.common, /log_format anonymous /);
  assert.equal(v.acme, { acceptTerms: true, certs: { 'comments.luffy.cx': { email: 'letsencrypt@vincent.bernat.ch' } } });
  assert.equal(v.tmpfiles, { '/var/db/isso': { d: { mode: '0700' } } });
});

evaluate('builds the article Python package from the fork and the environment with gunicorn and gevent', () => {
  const [cmd] = evalModules([renderNixosModule(ARTICLE_DEPLOYMENT)],
    'r: builtins.head r.virtualisation.oci-containers.containers.isso.imageFile.config.Cmd', PYTHON_NAMES, true) as string[];
  assert.ok(cmd!.endsWith('/bin/gunicorn'));
  const env = decodeStubPath(cmd!.slice(0, -'/bin/gunicorn'.length), 'isso-env') as { extraLibs: string[] };
  assert.equal(env.extraLibs.slice(1), ['/nix/store/stub-py-gunicorn', '/nix/store/stub-py-gevent']);
  const pkg = decodeStubPath(env.extraLibs[0]!, 'isso-package') as Record<string, unknown>;
  assert.equal(decodeStubPath(pkg.src as string, 'source'), {
    owner: 'vincentbernat', repo: 'isso', rev: 'vbe/master', sha256: '0vkkvjcvcjcdzdj73qig32hqgjly8n3ln2djzmhshc04i6g9z07j',
  });
  assert.equal([pkg.pname, pkg.version], ['isso', 'custom']);
  assert.equal(pkg.propagatedBuildInputs, ['itsdangerous', 'jinja2', 'misaka', 'html5lib', 'werkzeug', 'bleach', 'flask-caching'].map((n) => `/nix/store/stub-py-${n}`));
  assert.equal(pkg.buildInputs, ['/nix/store/stub-py-cffi']);
  assert.equal(pkg.checkInputs, ['/nix/store/stub-py-nose']);
  assert.is(pkg.checkPhase, '/nix/store/stub-python/bin/python3 setup.py nosetests\n');
});

evaluate('turns the nixpkgs isso application into a module for the environment', () => {
  const [cmd] = evalModules([renderNixosModule({ ...MINIMAL, source: { kind: 'nixpkgs' } })],
    'r: builtins.head r.virtualisation.oci-containers.containers.isso.imageFile.config.Cmd', PYTHON_NAMES, true) as string[];
  const env = decodeStubPath(cmd!.slice(0, -'/bin/gunicorn'.length), 'isso-env') as { extraLibs: string[] };
  assert.equal(decodeStubPath(env.extraLibs[0]!, 'python-module'), { module: '/nix/store/stub-isso' });
});

evaluate('follows the description: gunicorn options, port, image tag, volume, backend, websites', () => {
  const [value] = evalModules([renderNixosModule({
    ...MINIMAL,
    port: 9000,
    backend: 'docker',
    containerName: 'comments',
    image: { name: 'registry.local/isso', tag: '0.14.0' },
    dbVolume: { hostPath: '/srv/isso', containerPath: '/data' },
    gunicorn: { workers: 4, workerClass: 'sync', preload: false, workerTmpDir: null, bindAddress: '[::]', name: 'comments' },
    settings: { general: { host: ['https://blog.example.net'] } },
  })], `r: let c = r.virtualisation.oci-containers.containers.comments; in {
    inherit (c) image ports volumes;
    cmd = builtins.tail c.imageFile.config.Cmd;
    extra = c.imageFile.extraCommands;
    docker = r.virtualisation.docker.enable;
    conf = builtins.head c.imageFile.config.Env;
    proxy = r.services.nginx.virtualHosts."comments.example.org".locations."/".proxyPass;
  }`, PYTHON_NAMES) as Record<string, any>[];
  const v = value!;
  assert.is(v.image, 'registry.local/isso:0.14.0');
  assert.equal(v.ports, ['127.0.0.1:9000:9000']);
  assert.equal(v.volumes, ['/srv/isso:/data']);
  assert.equal(v.cmd, ['--name', 'comments', '--bind', '[::]:9000', '--worker-class', 'sync', '--workers', '4', 'isso.run']);
  assert.is(v.extra, 'mkdir -p data\n');
  assert.is(v.docker, true);
  assert.is(v.proxy, 'http://127.0.0.1:9000');
  assert.is(writtenText(v.conf).text, '[general]\ndbpath = /data/comments.db\nhost =\n    https://blog.example.net\n');
});

evaluate('runs the native service with a dynamic user, state directory and environment file', () => {
  const [value] = evalModules([renderNixosModule(WITH_SECRETS, { mode: 'native' })], `r: {
    service = r.systemd.services.isso;
    containers = r.virtualisation.oci-containers or null;
  }`, PYTHON_NAMES) as Record<string, any>[];
  const s = value!.service;
  assert.is(value!.containers, null);
  assert.equal(s.wantedBy, ['multi-user.target']);
  assert.is(s.serviceConfig.DynamicUser, true);
  assert.is(s.serviceConfig.StateDirectory, 'isso');
  assert.is(s.serviceConfig.EnvironmentFile, '/run/secrets/isso.env');
  assert.is(s.serviceConfig.ExecStart, '/nix/store/stub-isso-env/bin/gunicorn --name isso --bind 127.0.0.1:8080 --worker-class gevent --workers 2 --worker-tmp-dir /dev/shm --preload isso.run');
  const conf = writtenText(s.environment.ISSO_SETTINGS).text;
  const [read] = readIssoConfs([{ text: conf, modern: true }]);
  assert.equal(read!.smtp, {
    username: '${ISSO_SMTP_USERNAME}', password: '${ISSO_SMTP_PASSWORD}', host: 'mail.example.org', security: 'starttls', to: 'admin@example.org', from: 'isso@example.org',
  });
  assert.equal(read!.admin, { enabled: 'true', password: '${ISSO_ADMIN_PASSWORD}' });
  assert.is(read!.general!.dbpath, '/var/lib/isso/comments.db');
});

evaluate('gives services.isso settings that toINI writes into an isso.conf Isso reads as meant', () => {
  const [value] = evalModules([renderNixosModule({ ...NIXOS_MODULE_CASE, secrets: { environmentFile: '/run/secrets/isso.env' }, settings: { ...NIXOS_MODULE_CASE.settings, general: { notify: ['smtp', 'stdout'], 'max-age': '1h' } } }, { mode: 'nixos-module' })], `r: {
    isso = r.services.isso;
    envFile = r.systemd.services.isso.serviceConfig.EnvironmentFile;
  }`, PYTHON_NAMES) as Record<string, any>[];
  assert.is(value!.isso.enable, true);
  assert.is(value!.envFile, '/run/secrets/isso.env');
  // lib.generators.toINI {}: sections and keys sorted, key=value, strings raw, bools true/false.
  const read = runPythonJson(`
import sys, json, configparser
settings = json.load(sys.stdin)
def atom(v):
    return ('true' if v else 'false') if isinstance(v, bool) else str(v)
text = '\\n'.join('[%s]\\n' % s + ''.join('%s=%s\\n' % (k, atom(settings[s][k])) for k in sorted(settings[s])) for s in sorted(settings))
p = configparser.ConfigParser(allow_no_value=True, interpolation=None)
p.read_string(text)
print(json.dumps({'host': [h.strip() for h in p.get('general', 'host').split('\\n') if h.strip()], 'notify': [n.strip() for n in p.get('general', 'notify').split(',')], 'listen': p.get('server', 'listen'), 'maxAge': p.get('general', 'max-age'), 'from': p.get('smtp', 'from')}))
`, JSON.stringify(value!.isso.settings)) as Record<string, unknown>;
  assert.equal(read, {
    host: ['https://example.org', 'http://localhost:8080'],
    notify: ['smtp', 'stdout'],
    listen: 'http://127.0.0.1:8080',
    maxAge: '1h',
    from: 'isso@example.org',
  });
});

evaluate('writes hostile setting values so that Isso reads them back unchanged (0.12.2 and 0.13.0)', () => {
  const random = seededRandom(23);
  const cases: { name: string; modern: boolean; module: string }[] = [];
  let refused = 0;
  while (cases.length < 120) {
    const name = hostileString(random, 10);
    const modern = random() < 0.5;
    // The article preset runs the 2020 fork (0.12.2, `%` interpolation); the default is nixpkgs' 0.13.0.
    const deployment: IssoDeployment = { ...MINIMAL, settings: { general: { name } }, ...(modern ? {} : { preset: 'article-2020' as const }) };
    try {
      cases.push({ name, modern, module: renderNixosModule(deployment) });
    } catch (error) {
      if (!(error instanceof IssoDeploymentError)) throw error;
      refused++;
      if (refused > 5000) throw new Error('almost every hostile value was refused');
    }
  }
  const envs = evalModules(cases.map((c) => c.module), 'r: builtins.head r.virtualisation.oci-containers.containers.isso.imageFile.config.Env', PYTHON_NAMES) as string[];
  const read = readIssoConfs(envs.map((env, i) => ({ text: writtenText(env).text, modern: cases[i]!.modern })));
  read.forEach((sections, i) => assert.is(sections.general!.name, cases[i]!.name, JSON.stringify(cases[i]!.name)));
});

parse.run();
evaluate.run();
