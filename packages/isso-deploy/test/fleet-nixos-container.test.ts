import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  CLAIM_SOURCES,
  captureClaims,
  captureFileName,
  checkFleetClashes,
  checkStatus,
  IssoDeploymentError,
  collectCaptures,
  databaseClaims,
  fleetStatus,
  hostPortClaims,
  linkNetwork,
  natAddressClaims,
  nixosContainerClaims,
  readFleet,
  renderDeployment,
  resolveDeployment,
  renderFleet,
  statusCommand,
  unitClaims,
  type ClaimSource,
  type FleetSite,
} from '../src/index.js';
import { containersFleet, issueFleet, refusal } from './fleet-fixtures.js';
import { hostileString, intBetween, pick, seededRandom } from '../../../tools/test-helpers/index.js';
import { HOST_MISSING_MOUNT, HOST_STATUS, INNER_STATUS } from './nixos-container-status.js';

// The nixos-container mode in a fleet: what its sites claim on a host, how its secret key is
// wired, and how fleet-status judges its two units.

const C = (name: string, host: string, local: string, extra: Record<string, unknown> = {}) => ({
  domain: `comments.${name}.example`, acmeEmail: 'le@example.org', mode: 'nixos-container',
  nixosContainer: { name, hostAddress: host, localAddress: local }, dbVolume: { hostPath: `/var/db/${name}` }, ...extra,
});
const A = C('a', '192.168.247.10', '192.168.247.11');
const B = C('b', '192.168.247.14', '192.168.247.15');

function sitesOf(isso: unknown[]): FleetSite[] {
  return readFleet({ hosts: { web1: { isso } } }).hosts[0]!.sites;
}

function clash(isso: unknown[], expected: RegExp, sources?: readonly ClaimSource[]): void {
  const error = refusal(() => checkFleetClashes(readFleet({ hosts: { web1: { isso } } }), sources));
  assert.match(error.message, expected);
  assert.equal(error.path, ['hosts', 'web1', 'isso', isso.length - 1]);
  assert.match(error.message, /already used by hosts\.web1\.isso\[0\]|defined differently by hosts\.web1\.isso\[0\]/);
}

const mode = suite('fleet: the site\'s mode is the description\'s');

mode('keeps "mode" in the description, so the description alone renders the site\'s module', () => {
  const fleet = issueFleet();
  const site = readFleet(fleet).hosts[1]!.sites[0]!;
  assert.is(site.mode, 'nixos-container');
  assert.is(site.description.mode, 'nixos-container');
  const module = renderFleet(fleet).files.find((f) => f.path === 'hosts/web2/comments.b.example.nix')!.text;
  const body = (text: string) => text.split('\n').filter((l) => !l.startsWith('#')).join('\n').replace(/\n  services\.nginx\.commonHttpConfig = ''\n[^\n]*\n  '';/, '');
  assert.is(body(module), body(renderDeployment(resolveDeployment(site.description)).module));
  assert.match(module, /containers\.isso = \{/);
});

mode('a site without "mode" is a container site, as render --config reads it', () => {
  const site = readFleet(issueFleet()).hosts[0]!.sites[0]!;
  assert.is(site.mode, 'container');
  assert.is(site.description.mode, undefined);
});

mode('a mode asked for against the description\'s is refused, naming the field', () => {
  const site = readFleet(issueFleet()).hosts[1]!.sites[0]!;
  const error = refusal(() => renderDeployment(resolveDeployment(site.description), { mode: 'native' }));
  assert.equal(error.path, ['mode']);
  assert.match(error.message, /the description says "mode": "nixos-container", but the native mode was asked for/);
  const bad = refusal(() => readFleet({ hosts: { web1: { isso: [{ ...A, mode: 'nixos_container' }] } } }));
  assert.equal(bad.path, ['hosts', 'web1', 'isso', 0, 'mode']);
  assert.match(bad.message, /"nixos-container"/);
});

const claims = suite('fleet: what a nixos-container site claims');

claims('two containers with their own names, links, directories render on one host, on one port too', () => {
  checkFleetClashes(readFleet({ hosts: { web1: { isso: [A, B, C('c', '10.1.0.1', '10.1.0.2')] } } }));
  checkFleetClashes(readFleet({ hosts: { web1: { isso: [A] }, web2: { isso: [{ ...A, domain: 'comments.z.example' }] } } }));
  const result = renderFleet(containersFleet());
  assert.equal(result.files.map((f) => f.path).filter((p) => p.startsWith('hosts/web1/comments')), [
    'hosts/web1/comments.a.example.nix', 'hosts/web1/comments.b.example.nix', 'hosts/web1/comments.c.example.nix',
  ]);
});

claims('claims no host port: gunicorn listens on the container\'s own address', () => {
  const [a, container] = sitesOf([{ ...A, port: 8080 }, { domain: 'comments.x.example', acmeEmail: 'le@example.org', port: 8080, dbVolume: { hostPath: '/var/db/x' } }]);
  assert.equal(hostPortClaims(a!), []);
  assert.equal(hostPortClaims(container!).map((c) => c.key), ['8080']);
  checkFleetClashes(readFleet({ hosts: { web1: { isso: [{ ...A, port: 8080 }, { ...B, port: 8080 }] } } }));
});

claims('claims its bind-mounted database directory, not /var/lib/isso', () => {
  const [a] = sitesOf([A]);
  assert.equal(databaseClaims(a!).map((c) => c.key), ['/var/db/a']);
  clash([A, { ...B, dbVolume: { hostPath: '/var/db/a/' } }], /^hosts\.web1\.isso\[1\]: the database directory "\/var\/db\/a" is already used .*"dbVolume": \{"hostPath": …\}/);
  // The article's container and the nixos-container mode default to one host directory.
  const { dbVolume: _d, ...defaults } = A;
  clash([{ domain: 'comments.x.example', acmeEmail: 'le@example.org', containerName: 'x' }, defaults], /the database directory "\/var\/db\/isso" is already used/);
  clash([{ domain: 'comments.x.example', acmeEmail: 'le@example.org', mode: 'native' }, { ...A, dbVolume: { hostPath: '/var/lib/isso' } }], /the database directory "\/var\/lib\/isso" is already used/);
});

claims('claims its unit container@<name>.service, with the name as the way out', () => {
  const [a] = sitesOf([A]);
  assert.equal(unitClaims(a!).map((c) => c.key), ['container@a.service']);
  clash([A, { ...B, nixosContainer: { name: 'a', hostAddress: '192.168.247.14', localAddress: '192.168.247.15' } }],
    /the systemd unit "container@a\.service" is already used .*another "nixosContainer": \{"name": …\}/);
});

claims('claims the container attribute, the machine name and the ve-<name> interface, each on its own', () => {
  const [a] = sitesOf([A]);
  assert.equal(nixosContainerClaims(a!).map((c) => [c.kind, c.key]), [
    ['the NixOS container containers.<name>', 'a'], ['the machine name (systemctl -M)', 'a'], ['the container\'s host interface', 've-a'],
  ]);
  const same = { ...B, nixosContainer: { ...B.nixosContainer, name: 'a' } };
  for (const [index, kind] of [[0, /the NixOS container containers\.<name> "a"/], [1, /the machine name \(systemctl -M\) "a"/], [2, /the container's host interface "ve-a"/]] as const) {
    clash([A, same], kind, [(site) => [nixosContainerClaims(site)[index]!]]);
  }
  // Other modes have none of these.
  assert.equal(nixosContainerClaims(sitesOf([{ domain: 'comments.x.example', acmeEmail: 'le@example.org' }])[0]!), []);
});

claims('claims both link addresses in one namespace, and the /30 they share', () => {
  const [a] = sitesOf([A]);
  assert.equal(natAddressClaims(a!).map((c) => [c.kind, c.key]), [
    ['the container link address', '192.168.247.10'], ['the container link address', '192.168.247.11'],
    ['the container link network', '192.168.247.8/30'], ['networking.nat.externalInterface', 'externalInterface'],
  ]);
  clash([A, { ...B, nixosContainer: { name: 'b', hostAddress: '192.168.247.10', localAddress: '192.168.247.9' } }], /the container link address "192\.168\.247\.10" is already used/);
  // One site's host end as the other's container end.
  clash([A, { ...B, nixosContainer: { name: 'b', hostAddress: '192.168.247.11', localAddress: '192.168.247.10' } }], /the container link address "192\.168\.247\.11" is already used/);
  // Four distinct addresses in one /30.
  clash([A, { ...B, nixosContainer: { name: 'b', hostAddress: '192.168.247.8', localAddress: '192.168.247.9' } }], /the container link network "192\.168\.247\.8\/30" is already used .*in a \/30 of its own/);
  assert.equal(['0.0.0.1', '10.0.0.3', '192.168.247.255', '255.255.255.254', '1.2.3.4'].map(linkNetwork), ['0.0.0.0/30', '10.0.0.0/30', '192.168.247.252/30', '255.255.255.252/30', '1.2.3.4/30']);
});

claims('claims networking.nat.externalInterface per host: every container site names the same one, or none', () => {
  const eth = (site: typeof A, externalInterface: string | null) => ({ ...site, nixosContainer: { ...site.nixosContainer, externalInterface } });
  clash([eth(A, 'eth0'), eth(B, 'eth1')], /networking\.nat\.externalInterface "externalInterface" is defined differently/);
  clash([eth(A, 'eth0'), B], /networking\.nat\.externalInterface "externalInterface" is defined differently/);
  checkFleetClashes(readFleet({ hosts: { web1: { isso: [eth(A, 'eth0'), eth(B, 'eth0')] } } }));
  checkFleetClashes(readFleet({ hosts: { web1: { isso: [eth(A, 'eth0')] }, web2: { isso: [eth(B, 'eth1')] } } }));
});

claims('claims one capture file per unit in the fleet, even across dotted host names', () => {
  const [a] = sitesOf([A]);
  assert.equal(captureClaims(a!).map((c) => c.key), ['web1.container@a.service.txt', 'web1.isso.service@a.txt']);
  const error = refusal(() => checkFleetClashes(readFleet({ hosts: {
    'web1.podman-x': { isso: [{ domain: 'comments.x.example', acmeEmail: 'le@example.org', mode: 'native' }] },
    web1: { isso: [{ domain: 'comments.y.example', acmeEmail: 'le@example.org', containerName: 'x.isso' }] },
  } })));
  assert.match(error.message, /the fleet-status capture file "web1\.podman-x\.isso\.service\.txt" is already used by hosts\["web1\.podman-x"\]\.isso\[0\]/);
  assert.ok(CLAIM_SOURCES.includes(captureClaims) && CLAIM_SOURCES.includes(natAddressClaims) && CLAIM_SOURCES.includes(nixosContainerClaims));
});

claims('refuses a mode the claim rules do not know, instead of claiming nothing', () => {
  const [a] = sitesOf([A]);
  const forged = { ...a!, mode: 'nixos-vm' } as unknown as FleetSite;
  assert.throws(() => hostPortClaims(forged), /no rule for the mode "nixos-vm"/);
  assert.throws(() => databaseClaims(forged), /no rule for the mode "nixos-vm"/);
});

const keys = suite('fleet: a nixos-container site\'s secret as a Colmena key');

keys('container@<name>.service binds to <key>-key.service and is started by it; the file is bind-mounted from the key\'s path', () => {
  const result = renderFleet(containersFleet());
  const hive = result.files[0]!.text;
  assert.match(hive, /"isso-a\.env" = \{\n\s+keyFile = "\/home\/ops\/secrets\/isso-a\.env";\n\s+destDir = "\/run\/keys";/);
  for (const option of ['bindsTo', 'after', 'wantedBy']) {
    assert.match(hive, new RegExp(`systemd\\.services\\."container@isso-a"\\.${option} = \\[ "isso-a\\.env-key\\.service" \\];`));
  }
  assert.not.match(hive, /"container@isso-a"\.requires/);
  assert.match(hive, /container@isso-a\.service waits for it, and restarts with a new one/);
  assert.not.match(hive, /systemd\.services\.isso\./);
  assert.not.match(hive, /container@isso-b/);
  const module = result.files.find((f) => f.path === 'hosts/web1/comments.a.example.nix')!.text;
  assert.match(module, /"\/run\/keys\/isso-a\.env" = \{\n\s+hostPath = "\/run\/keys\/isso-a\.env";\n\s+isReadOnly = true;/);
});

keys('other modes keep requires and after on their own unit', () => {
  const fleet = containersFleet();
  const c = fleet.hosts.web1.isso[2];
  Object.assign(c, { source: { kind: 'nixpkgs' }, secrets: { environmentFile: '/run/keys/isso-c.env' }, secretKey: { keyCommand: ['pass', 'isso-c'] } });
  const hive = renderFleet(fleet).files[0]!.text;
  assert.match(hive, /systemd\.services\.podman-isso\.requires = \[ "isso-c\.env-key\.service" \];/);
  assert.not.match(hive, /podman-isso\.bindsTo/);
});

const status = suite('fleet-status: the two units of a nixos-container site');

const FLEET = { hosts: { web2: { targetHost: '10.0.0.2', isso: [{ domain: 'comments.b.example', acmeEmail: 'le@b.example', mode: 'nixos-container' }] } } };
const HOST_FILE = 'web2.container@isso.service.txt';
const INNER_FILE = 'web2.isso.service@isso.txt';

function report(files: Record<string, string>) {
  return fleetStatus(FLEET, { read: (name) => files[name] ?? null, list: () => Object.keys(files) });
}

status('names the inner unit\'s capture <host>.<unit>@<machine>.txt, never a host unit\'s name', () => {
  assert.is(captureFileName('web2', 'isso.service', 'isso'), INNER_FILE);
  // A container named "container" runs isso.service; the host unit of one named "isso" is container@isso.service.
  assert.is.not(captureFileName('web1', 'isso.service', 'container'), captureFileName('web1', 'container@isso.service'));
});

status('judges both captures healthy, each on its own line', () => {
  const r = report({ [HOST_FILE]: HOST_STATUS, [INNER_FILE]: INNER_STATUS });
  assert.equal(r.entries.map((e) => [e.unit, e.machine, e.file, e.verdict]), [
    ['container@isso.service', null, HOST_FILE, 'healthy'],
    ['isso.service', 'isso', INNER_FILE, 'healthy'],
  ]);
  assert.match(r.entries[0]!.reason, /container@isso\.service runs the machine isso/);
  assert.ok(r.entries[1]!.notes.includes('gunicorn listens at http://192.168.247.11:8080'));
  assert.not.ok(r.entries[1]!.notes.some((n) => /was not in the input/.test(n)));
  assert.match(r.lines[1]!, /^web2  isso\.service@isso\s+healthy\s+comments\.b\.example: /);
  assert.is(r.summary, '2 units on 1 host: 2 healthy, 0 not');
  assert.is(r.exitCode, 0);
  assert.equal(r.unexpected, []);
});

status('judges a failed container and an unreachable machine as unhealthy, with the reason', () => {
  const r = report({ [HOST_FILE]: HOST_MISSING_MOUNT, [INNER_FILE]: 'Failed to connect to bus: Host is down\n' });
  assert.equal(r.entries.map((e) => e.verdict), ['unhealthy', 'unhealthy']);
  assert.match(r.entries[0]!.reason, /container@isso\.service is failed.*bind-mounted host path is missing: \/var\/db\/isso/);
  assert.match(r.entries[1]!.reason, /systemctl -M isso could not reach the machine .*not running/);
  assert.is(r.exitCode, 1);
});

status('a running container with a failing Isso inside is unhealthy on the inner line only', () => {
  const failing = INNER_STATUS.replace('active (running)', 'failed (Result: exit-code)') + 'Jan 16 09:12:05 isso gunicorn[318]: [ERROR] Worker failed to boot.\n';
  const r = report({ [HOST_FILE]: HOST_STATUS, [INNER_FILE]: failing });
  assert.equal(r.entries.map((e) => e.verdict), ['healthy', 'unhealthy']);
  assert.match(r.entries[1]!.reason, /worker failed to boot/);
});

status('a missing inner capture says which command gives it; swapped captures are not read as each other', () => {
  const missing = report({ [HOST_FILE]: HOST_STATUS });
  assert.equal(missing.entries.map((e) => e.verdict), ['healthy', 'missing']);
  assert.match(missing.entries[1]!.reason, /no capture web2\.isso\.service@isso\.txt; run: systemctl -M isso status --no-pager --full isso\.service on web2/);
  const swapped = report({ [HOST_FILE]: INNER_STATUS, [INNER_FILE]: HOST_STATUS });
  assert.equal(swapped.entries.map((e) => e.verdict), ['unreadable', 'unreadable']);
});

status('collects the inner unit through systemctl -M, keeping its stderr when the machine is down', () => {
  const fleet = readFleet(FLEET);
  assert.equal(statusCommand(fleet.hosts[0]!, 'isso.service', 'isso'), ['ssh', '-o', 'BatchMode=yes', '--', 'root@10.0.0.2', 'systemctl', '-M', 'isso', 'status', '--no-pager', '--full', 'isso.service']);
  const written: Record<string, string> = {};
  const result = collectCaptures(FLEET, {
    run: (_argv, target) => (target.machine === null
      ? { status: 3, stdout: HOST_MISSING_MOUNT, stderr: 'ignored\n' }
      : { status: 1, stdout: '', stderr: 'Failed to connect to bus: Host is down\n' }),
    write: (name, text) => { written[name] = text; },
  });
  assert.equal(result.targets.map((t) => [t.unit, t.machine, t.file]), [['container@isso.service', null, HOST_FILE], ['isso.service', 'isso', INNER_FILE]]);
  assert.equal(result.problems, []);
  assert.is(written[HOST_FILE], HOST_MISSING_MOUNT);
  assert.is(written[INNER_FILE], 'Failed to connect to bus: Host is down\n');
  assert.equal(report(written).entries.map((e) => e.verdict), ['unhealthy', 'unhealthy']);
});

status('checkStatus judges one part on request, and refuses a part a mode does not have', () => {
  const deployment = FLEET.hosts.web2.isso[0];
  assert.is(checkStatus(HOST_STATUS, { deployment, part: 'host' }).healthy, true);
  assert.is(checkStatus(HOST_STATUS, { deployment }).healthy, false);
  assert.is(checkStatus(INNER_STATUS, { deployment, part: 'inner' }).healthy, true);
  assert.is(checkStatus(INNER_STATUS, { deployment, part: 'host' }).healthy, false);
  assert.equal(refusal(() => checkStatus('', { part: 'inner' })).path, ['part']);
  assert.equal(refusal(() => checkStatus('', { deployment, part: 'guest' as 'host' })).path, ['part']);
});

const hostile = suite('fleet: hostile nixos-container fleets');

hostile('any mutation of a container fleet renders and collects, or is refused with an IssoDeploymentError', () => {
  const random = seededRandom(1414);
  const values = (): unknown => pick(random, [
    () => hostileString(random, 10), () => Number.NaN, () => -1, () => null, () => [], () => ({}), () => 'nixos-container', () => 'native',
    () => '192.168.247.' + intBetween(random, 0, 300), () => '10.0.0.1', () => 'isso-a', () => 've-isso-a', () => '/var/db/isso-a/', () => 8080,
  ])();
  let refused = 0;
  let rendered = 0;
  for (let i = 0; i < 300; i++) {
    const fleet = containersFleet() as Record<string, any>;
    let target: Record<string, any> = fleet;
    for (let depth = intBetween(random, 2, 6); depth > 0; depth--) {
      const keys = Object.keys(target).filter((k) => typeof target[k] === 'object' && target[k] !== null);
      if (keys.length === 0) break;
      target = target[pick(random, keys)];
    }
    const existing = Object.keys(target);
    const key = existing.length > 0 && random() < 0.85 ? pick(random, existing) : pick(random, ['mode', 'nixosContainer', 'name', 'hostAddress', hostileString(random, 3)]);
    target[key] = values();
    try {
      renderFleet(fleet);
      const { targets } = collectCaptures(fleet, { run: () => ({ status: 3, stdout: '', stderr: '' }), write: () => {} });
      const files = targets.map((t) => t.file);
      assert.is(new Set(files).size, files.length, 'capture files are distinct');
      rendered++;
    } catch (error) {
      if (!(error instanceof IssoDeploymentError)) throw new Error(`mutation ${i} (${JSON.stringify(key)}) threw ${String(error)}`);
      assert.ok(error.path.length > 0 || error.message.length > 0);
      refused++;
    }
  }
  assert.ok(refused > 50, `refused ${refused}`);
  assert.ok(rendered > 30, `rendered ${rendered}`);
});

mode.run();
claims.run();
keys.run();
status.run();
hostile.run();
