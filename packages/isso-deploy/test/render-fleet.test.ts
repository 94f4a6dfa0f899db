import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from '@nixkit/nix-expr';
import { DEPLOYMENT_MODES, readFleet, renderFleet, renderNixosModule } from '../src/index.js';
import { hostileString, intBetween, pick, seededRandom } from '../../../tools/test-helpers/index.js';
import { IssoDeploymentError } from '../src/index.js';
import { issueFleet, refusal, twoSitesFleet } from './fleet-fixtures.js';

const read = suite('readFleet');

read('resolves every site as render --config would, with its mode and unit', () => {
  const fleet = readFleet(issueFleet());
  assert.equal(fleet.hosts.map((h) => h.name), ['web1', 'web2']);
  const [a] = fleet.hosts[0]!.sites;
  const [b] = fleet.hosts[1]!.sites;
  assert.equal([a!.mode, a!.unit, a!.name, a!.deployment.port], ['container', 'podman-isso.service', 'comments.a.example', 8080]);
  assert.equal([b!.mode, b!.unit, b!.deployment.port], ['nixos-container', 'container@isso.service', 8081]);
  assert.is(b!.description.mode, 'nixos-container');
  assert.equal(fleet.hosts[1]!.deployment, { targetHost: '10.0.0.2', tags: ['eu'] });
});

read('names the fleet-file path of every error', () => {
  assert.equal(refusal(() => readFleet({})).path, ['hosts']);
  assert.equal(refusal(() => readFleet({ hosts: {}, extra: 1 })).path, ['extra']);
  assert.equal(refusal(() => readFleet({ hosts: { web1: { isso: {} } } })).path, ['hosts', 'web1', 'isso']);
  assert.equal(refusal(() => readFleet({ hosts: { web1: { targetHots: 'x' } } })).path, ['hosts', 'web1', 'targetHots']);
  assert.equal(refusal(() => readFleet({ hosts: { web1: { targetPort: Number.NaN } } })).path, ['hosts', 'web1', 'targetPort']);
  assert.equal(refusal(() => readFleet({ hosts: { web1: { targetHost: '-oProxyCommand=x' } } })).path, ['hosts', 'web1', 'targetHost']);
  assert.equal(refusal(() => readFleet({ hosts: { 'web 1': {} } })).path, ['hosts', 'web 1']);
  assert.equal(refusal(() => readFleet({ hosts: { meta: {} } })).path, ['hosts', 'meta']);
  assert.equal(refusal(() => readFleet({ hosts: { web1: { tags: ['a,b'] } } })).path, ['hosts', 'web1', 'tags', 0]);
  const site = { domain: 'comments.a.example', acmeEmail: 'le@a.example' };
  const portError = refusal(() => readFleet({ hosts: { web1: { isso: [site, { ...site, port: 'x' }] } } }));
  assert.equal(portError.path, ['hosts', 'web1', 'isso', 1, 'port']);
  assert.match(portError.message, /^hosts\.web1\.isso\[1\]\.port: expected an integer/);
  assert.equal(refusal(() => readFleet({ hosts: { web1: { isso: [{ ...site, mode: 'nixos-kontainer' }] } } })).path, ['hosts', 'web1', 'isso', 0, 'mode']);
  assert.match(refusal(() => readFleet({ hosts: { web1: { isso: [{ ...site, mode: 'x' }] } } })).message, new RegExp(DEPLOYMENT_MODES[0]!));
  assert.equal(refusal(() => readFleet({ hosts: { web1: { isso: [{ ...site, porT: 1 }] } } })).path, ['hosts', 'web1', 'isso', 0, 'porT']);
});

read('checks secretKey as a Colmena key source and needs the environment file it delivers', () => {
  const site = { domain: 'comments.a.example', acmeEmail: 'le@a.example', secrets: { environmentFile: '/run/keys/isso.env' } };
  const at = (secretKey: unknown, extra = {}) => refusal(() => readFleet({ hosts: { web1: { isso: [{ ...site, ...extra, secretKey }] } } }));
  assert.equal(at({ keyFile: './a', keyCommand: ['x'] }).path, ['hosts', 'web1', 'isso', 0, 'secretKey']);
  assert.equal(at({}).path, ['hosts', 'web1', 'isso', 0, 'secretKey']);
  assert.equal(at({ text: 'inline' }).path, ['hosts', 'web1', 'isso', 0, 'secretKey', 'text']);
  assert.equal(at({ keyCommand: [] }).path, ['hosts', 'web1', 'isso', 0, 'secretKey', 'keyCommand']);
  assert.equal(at({ keyFile: 'secrets/a.env' }).path, ['hosts', 'web1', 'isso', 0, 'secretKey', 'keyFile']);
  const noSecrets = refusal(() => readFleet({ hosts: { web1: { isso: [{ domain: 'comments.a.example', acmeEmail: 'le@a.example', secretKey: { keyFile: '/k' } }] } } }));
  assert.match(noSecrets.message, /no secrets\.environmentFile/);
});

const render = suite('renderFleet');

render('turns the issue fleet into hive.nix and one module per site', () => {
  const result = renderFleet(issueFleet());
  assert.equal(result.files.map((f) => f.path), [
    'hive.nix', 'hosts/web1/_nginx-http.nix', 'hosts/web1/comments.a.example.nix', 'hosts/web2/_nginx-http.nix', 'hosts/web2/comments.b.example.nix',
  ]);
  for (const file of result.files) assert.is(parse(file.text).diagnostics.length, 0, file.path);
  const hive = result.files[0]!.text;
  assert.match(hive, /web1 = \{\n\s+imports = \[\n\s+\.\/hosts\/web1\/_nginx-http\.nix\n\s+\.\/hosts\/web1\/comments\.a\.example\.nix\n\s+\];\n\s+deployment = \{\n\s+targetHost = "web1\.example\.org";\n\s+\};/);
  assert.match(hive, /tags = \[ "eu" \];/);
  assert.equal(result.warnings, []);
});

render('keeps each site module as the single-host module, minus the log format it moves to the host', () => {
  const result = renderFleet(issueFleet());
  const module = result.files.find((f) => f.path === 'hosts/web1/comments.a.example.nix')!.text;
  const single = renderNixosModule(issueFleet().hosts.web1.isso[0]);
  assert.not.match(module, /commonHttpConfig/);
  assert.match(single, /commonHttpConfig/);
  const body = (text: string) => text.split('\n').filter((l) => !l.startsWith('#')).join('\n');
  assert.is(body(module), body(single).replace(/\n  services\.nginx\.commonHttpConfig = ''\n[^\n]*\n  '';/, ''));
  assert.match(module, /^# Imported by the Colmena hive/m);
  const http = result.files.find((f) => f.path === 'hosts/web1/_nginx-http.nix')!.text;
  assert.is(http.match(/log_format anonymous/g)!.length, 1);
});

render('two sites on one host render without clashes, each key wired to its unit', () => {
  const result = renderFleet(twoSitesFleet(), { flake: true });
  assert.equal(result.files.map((f) => f.path), [
    'hive.nix', 'flake.nix', 'hosts/web1/_nginx-http.nix', 'hosts/web1/comments.a.example.nix', 'hosts/web1/comments.c.example.nix',
    'hosts/web1/comments.d.example.nix', 'hosts/web2/_nginx-http.nix', 'hosts/web2/comments.b.example.nix',
  ]);
  const hive = result.files[0]!.text;
  assert.match(hive, /"isso-a\.env" = \{\n\s+keyCommand = \[\n\s+"pass"\n\s+"show"\n\s+"isso\/a"\n\s+\];\n\s+destDir = "\/run\/keys";/);
  assert.match(hive, /systemd\.services\.podman-isso\.requires = \[ "isso-a\.env-key\.service" \];/);
  assert.match(hive, /systemd\.services\.podman-isso\.after = \[ "isso-a\.env-key\.service" \];/);
  assert.is(hive.match(/-key\.service/g)!.length, 2);
  const http = result.files.find((f) => f.path === 'hosts/web1/_nginx-http.nix')!.text;
  assert.is(http.match(/log_format anonymous/g)!.length, 1);
  assert.match(result.files[1]!.text, /colmenaHive = colmena\.lib\.makeHive \{/);
});

render('warns when a secret file is not delivered by Colmena', () => {
  const fleet = twoSitesFleet();
  delete fleet.hosts.web1.isso[0].secretKey;
  const result = renderFleet(fleet);
  assert.equal(result.warnings.filter((w) => /not delivered by Colmena/.test(w)).length, 1);
  assert.not.match(result.files[0]!.text, /-key\.service/);
});

render('refuses a relative keyFile in the flake form, at the site path', () => {
  const fleet = twoSitesFleet();
  fleet.hosts.web1.isso[0].secretKey = { keyFile: './secrets/isso-a.env' };
  assert.match(renderFleet(fleet).files[0]!.text, /keyFile = \.\/secrets\/isso-a\.env;/);
  assert.equal(refusal(() => renderFleet(fleet, { flake: true })).path, ['hosts', 'web1', 'isso', 0, 'secretKey', 'keyFile']);
});

render('refuses an environment file whose name cannot be a Colmena key', () => {
  const fleet = twoSitesFleet();
  fleet.hosts.web1.isso[0].secrets.environmentFile = '/run/keys/isso@a.env';
  assert.equal(refusal(() => renderFleet(fleet)).path, ['hosts', 'web1', 'isso', 0, 'secrets', 'environmentFile']);
});

const clashes = suite('renderFleet: clashes');

const A = { domain: 'comments.a.example', acmeEmail: 'le@a.example' };
const B = { domain: 'comments.b.example', acmeEmail: 'le@b.example', port: 8081, containerName: 'isso-b', dbVolume: { hostPath: '/var/db/isso-b' }, image: { tag: 'b' } };

function clash(sites: Record<string, unknown[]>, expected: RegExp, path: (string | number)[]): void {
  const hosts = Object.fromEntries(Object.entries(sites).map(([host, isso]) => [host, { isso }]));
  const error = refusal(() => renderFleet({ hosts }));
  assert.match(error.message, expected);
  assert.equal(error.path, path);
}

clashes('refuses two sites on one host with the same unit, naming both', () => {
  clash({ web1: [A, { ...B, containerName: 'isso' }] }, /^hosts\.web1\.isso\[1\]: the systemd unit "podman-isso\.service" is already used by hosts\.web1\.isso\[0\] \(comments\.a\.example on web1\)/, ['hosts', 'web1', 'isso', 1]);
});

clashes('refuses a shared port, database directory, image name, or container backend', () => {
  clash({ web1: [A, { ...B, port: 8080 }] }, /the port on 127\.0\.0\.1 "8080" is already used by hosts\.web1\.isso\[0\]/, ['hosts', 'web1', 'isso', 1]);
  clash({ web1: [A, { ...B, dbVolume: { hostPath: '/var/db/isso/' } }] }, /the database directory "\/var\/db\/isso" is already used by hosts\.web1\.isso\[0\]/, ['hosts', 'web1', 'isso', 1]);
  clash({ web1: [A, { ...B, image: {} }] }, /the image name "isso" is already used by hosts\.web1\.isso\[0\]/, ['hosts', 'web1', 'isso', 1]);
  clash({ web1: [A, { ...B, backend: 'docker' }] }, /virtualisation\.oci-containers\.backend "backend" is defined differently by hosts\.web1\.isso\[0\]/, ['hosts', 'web1', 'isso', 1]);
});

clashes('refuses two native or services.isso sites on one host', () => {
  const native = { ...A, mode: 'native' };
  clash({ web1: [native, { ...B, mode: 'native' }] }, /the systemd unit "isso\.service" is already used by hosts\.web1\.isso\[0\].*only one native site fits on a host/, ['hosts', 'web1', 'isso', 1]);
  clash({ web1: [native, { domain: 'comments.b.example', acmeEmail: 'le@b.example', port: 8081, mode: 'nixos-module' }] }, /"isso\.service" is already used by hosts\.web1\.isso\[0\]/, ['hosts', 'web1', 'isso', 1]);
});

clashes('refuses one server name served twice in the fleet, also through an alias', () => {
  clash({ web1: [A], web2: [A] }, /^hosts\.web2\.isso\[0\]: the nginx server name "comments\.a\.example" is already used by hosts\.web1\.isso\[0\] \(comments\.a\.example on web1\); both cannot be deployed to the fleet/, ['hosts', 'web2', 'isso', 0]);
  clash({ web1: [A], web2: [{ ...B, nginx: { aliases: ['Comments.A.example'] } }] }, /server name "comments\.a\.example" is already used by hosts\.web1\.isso\[0\]/, ['hosts', 'web2', 'isso', 0]);
});

clashes('refuses a log format name defined two ways on one host, and shares one defined alike', () => {
  const other = { ...B, nginx: { logFormats: { anonymous: '$remote_addr' } } };
  clash({ web1: [A, other] }, /the nginx log_format "anonymous" is defined differently by hosts\.web1\.isso\[0\]/, ['hosts', 'web1', 'isso', 1]);
  renderFleet({ hosts: { web1: { isso: [A] }, web2: { isso: [other] } } });
  renderFleet({ hosts: { web1: { isso: [A, B] } } });
});

clashes('refuses one secret file with two different sources, and shares it with the same one', () => {
  const secrets = { environmentFile: '/run/keys/isso.env' };
  const a = { ...A, secrets, secretKey: { keyFile: '/home/ops/a.env' } };
  clash({ web1: [a, { ...B, secrets, secretKey: { keyFile: '/home/ops/b.env' } }] }, /the secret environment file "\/run\/keys\/isso\.env" is defined differently by hosts\.web1\.isso\[0\]/, ['hosts', 'web1', 'isso', 1]);
  const shared = renderFleet({ hosts: { web1: { isso: [a, { ...B, secrets, secretKey: { keyFile: '/home/ops/a.env' } }] } } });
  assert.is(shared.files[0]!.text.match(/"isso\.env" = \{/g)!.length, 1);
});

clashes('takes more claim sources, for resources of other modes', () => {
  const nat = () => [{ scope: 'host' as const, kind: 'the NAT address', key: '10.233.0.2', hint: 'pick another address' }];
  const error = refusal(() => renderFleet({ hosts: { web1: { isso: [A, B] } } }, { claimSources: [nat] }));
  assert.match(error.message, /the NAT address "10\.233\.0\.2" is already used by hosts\.web1\.isso\[0\]/);
});

const hostile = suite('renderFleet: hostile fleet files');

hostile('any mutation of a fleet either renders or is refused with an IssoDeploymentError naming a path', () => {
  const random = seededRandom(1515);
  const values = (): unknown => pick(random, [
    () => hostileString(random, 10), () => Number.NaN, () => -1, () => 1e308, () => null, () => true, () => [],
    () => ({}), () => [hostileString(random, 4)], () => JSON.parse('{"__proto__": {"x": 1}}'), () => '/' + 'a'.repeat(40) + '!',
  ])();
  let refused = 0;
  let rendered = 0;
  for (let i = 0; i < 400; i++) {
    const fleet = twoSitesFleet() as Record<string, any>;
    // Walk to a random object in the fleet and set a random (possibly new) key to a hostile value.
    let target: Record<string, any> = fleet;
    for (let depth = intBetween(random, 0, 5); depth > 0; depth--) {
      const keys = Object.keys(target).filter((k) => typeof target[k] === 'object' && target[k] !== null);
      if (keys.length === 0) break;
      target = target[pick(random, keys)];
    }
    const existing = Object.keys(target);
    const key = existing.length > 0 && random() < 0.8 ? pick(random, existing) : hostileString(random, 3);
    target[key] = values();
    try {
      renderFleet(fleet, { flake: random() < 0.5 });
      rendered++;
    } catch (error) {
      if (!(error instanceof IssoDeploymentError)) throw new Error(`mutation ${i} (${JSON.stringify(key)}) threw ${String(error)}`);
      assert.ok(error.message.length > 0);
      refused++;
    }
  }
  assert.ok(refused > 100, `refused ${refused}`);
  assert.ok(rendered > 10, `rendered ${rendered}`);
});

read.run();
render.run();
clashes.run();
hostile.run();
