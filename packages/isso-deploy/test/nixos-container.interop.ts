import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { requireTool, runPythonJson } from '../../../tools/test-helpers/index.js';
import { renderNixosModule, type IssoDeployment } from '../src/index.js';
import { ARTICLE_DEPLOYMENT, WITH_SECRETS } from './fixtures.js';
import { PYTHON_NAMES, STUB_STATE_VERSION, evalModules, writtenText } from './nix-stubs.js';
import { HOST_OPTIONS, undeclaredOptions } from './option-levels.js';

const MODE = { mode: 'nixos-container' } as const;

/** Evaluates each description's nixos-container module with the stubs and returns the whole result. */
function evaluated(deployments: readonly IssoDeployment[], select = 'r: r'): Record<string, any>[] {
  return evalModules(deployments.map((d) => renderNixosModule(d, MODE)), select, PYTHON_NAMES) as Record<string, any>[];
}

const evaluate = suite('nixos-container module: evaluated with stub arguments');

evaluate('declares the article\'s container: ephemeral, autostarted, private /30 link, NAT, mounts', () => {
  const [r] = evaluated([ARTICLE_DEPLOYMENT]);
  const c = r!.containers.isso;
  assert.equal(
    [c.autoStart, c.ephemeral, c.privateNetwork, c.hostAddress, c.localAddress],
    [true, true, true, '192.168.247.10', '192.168.247.11'],
  );
  assert.is(c.extraFlags, undefined);
  assert.equal(c.bindMounts['/var/lib/private/isso'], { hostPath: '/var/db/isso', isReadOnly: false });
  const conf = c.bindMounts['/etc/isso/isso.conf'];
  assert.is(conf.isReadOnly, true);
  assert.is(writtenText(conf.hostPath).text, '[general]\ndbpath = /var/lib/isso/comments.db\nhost =\n    https://vincent.bernat.ch\n    http://localhost:8080\nnotify = smtp\n');
  assert.equal(r!.networking.nat, { enable: true, internalInterfaces: ['ve-isso'] });
  assert.equal(r!.systemd.services['container@isso'].restartTriggers, [conf.hostPath]);
  assert.equal(r!.systemd.tmpfiles.settings.isso, { '/var/db/isso': { d: { mode: '0700' } } });
  assert.is(r!.services.nginx.virtualHosts['comments.luffy.cx'].locations['/'].proxyPass, 'http://192.168.247.11:8080');
  assert.equal(r!.security.acme.certs['comments.luffy.cx'], { email: 'letsencrypt@vincent.bernat.ch' });
});

evaluate('runs gunicorn inside with the image Cmd\'s arguments, bound to the container address, as a dynamic user', () => {
  const [r] = evaluated([ARTICLE_DEPLOYMENT]);
  const [cmd] = evalModules([renderNixosModule(ARTICLE_DEPLOYMENT, { mode: 'container' })],
    'r: r.virtualisation.oci-containers.containers.isso.imageFile.config.Cmd', PYTHON_NAMES) as string[][];
  const inner = r!.containers.isso.config;
  const service = inner.systemd.services.isso;
  const execStart = (service.serviceConfig.ExecStart as string).split(' ');
  const expected = cmd!.map((arg) => (arg === '0.0.0.0:8080' ? '192.168.247.11:8080' : arg));
  assert.equal(execStart, expected);
  assert.equal(service.serviceConfig, {
    ExecStart: service.serviceConfig.ExecStart,
    DynamicUser: true,
    StateDirectory: 'isso',
    ReadWritePaths: ['/var/lib/isso'],
    Restart: 'always',
  });
  assert.equal(service.environment, { ISSO_SETTINGS: '/etc/isso/isso.conf' });
  assert.equal(service.wantedBy, ['multi-user.target']);
  assert.equal(inner.networking.firewall.allowedTCPPorts, [8080]);
  assert.is(inner.system.stateVersion, STUB_STATE_VERSION);
});

evaluate('mounts the environment file read-only from its host path and loads it; the store file keeps ${VAR} only', () => {
  const [r] = evaluated([WITH_SECRETS]);
  const c = r!.containers.isso;
  assert.equal(c.bindMounts['/run/secrets/isso.env'], { hostPath: '/run/secrets/isso.env', isReadOnly: true });
  assert.is(c.config.systemd.services.isso.serviceConfig.EnvironmentFile, '/run/secrets/isso.env');
  const text = writtenText(c.bindMounts['/etc/isso/isso.conf'].hostPath).text;
  assert.match(text, /^password = \$\{ISSO_SMTP_PASSWORD\}$/m);
  assert.match(text, /^password = \$\{ISSO_ADMIN_PASSWORD\}$/m);
});

evaluate('follows the description: name, addresses, nspawn flags, NAT interface, port, database directory', () => {
  const [r] = evaluated([{
    ...ARTICLE_DEPLOYMENT,
    port: 9000,
    dbVolume: { hostPath: '/srv/comments' },
    nixosContainer: { name: 'comments', hostAddress: '10.231.136.1', localAddress: '10.231.136.2', extraFlags: ['--resolv-conf=bind-host'], externalInterface: 'enp1s0' },
  }]);
  const c = r!.containers.comments;
  assert.equal([c.hostAddress, c.localAddress, c.extraFlags], ['10.231.136.1', '10.231.136.2', ['--resolv-conf=bind-host']]);
  assert.equal(c.bindMounts['/var/lib/private/isso'].hostPath, '/srv/comments');
  assert.match(c.config.systemd.services.isso.serviceConfig.ExecStart, / --bind 10\.231\.136\.2:9000 /);
  assert.equal(c.config.networking.firewall.allowedTCPPorts, [9000]);
  assert.equal(r!.networking.nat, { enable: true, internalInterfaces: ['ve-comments'], externalInterface: 'enp1s0' });
  assert.ok(r!.systemd.services['container@comments'].restartTriggers);
  assert.is(r!.services.nginx.virtualHosts['comments.luffy.cx'].locations['/'].proxyPass, 'http://10.231.136.2:9000');
});

const levels = suite('nixos-container module: host and inner options at their levels');

levels('every option the module writes is declared at the level it sits', () => {
  const results = evaluated([
    ARTICLE_DEPLOYMENT,
    WITH_SECRETS,
    { ...WITH_SECRETS, nixosContainer: { name: 'c1', extraFlags: ['--resolv-conf=bind-host'], externalInterface: 'eth0' } },
  ]);
  for (const r of results) assert.equal(undeclaredOptions(r, HOST_OPTIONS), []);
});

levels('fails for the inner service written on the host, and for NAT written inside the container', () => {
  const [movedOut, movedIn, stateOnHost] = evalModules([renderNixosModule(WITH_SECRETS, MODE)], `r: [
    (r // { systemd = r.systemd // { services = r.systemd.services // { isso = r.containers.isso.config.systemd.services.isso; }; }; })
    (r // { containers.isso = r.containers.isso // { config = r.containers.isso.config // { networking = { inherit (r.networking) nat; }; }; }; })
    (r // { system.stateVersion = "25.11"; })
  ]`, PYTHON_NAMES)[0] as Record<string, unknown>[];
  assert.equal(undeclaredOptions(movedOut, HOST_OPTIONS), ['systemd.services.isso']);
  assert.equal(undeclaredOptions(movedIn, HOST_OPTIONS), ['containers.isso.config.networking.nat']);
  assert.equal(undeclaredOptions(stateOnHost, HOST_OPTIONS), ['system']);
});

const conf = suite('nixos-container module: the mounted isso.conf');

conf('the mounted isso.conf is what Isso\'s configparser reads', () => {
  const [r] = evaluated([WITH_SECRETS]);
  const text = writtenText(r!.containers.isso.bindMounts['/etc/isso/isso.conf'].hostPath).text;
  const read = runPythonJson(`
import sys, configparser, json
p = configparser.ConfigParser(allow_no_value=True, interpolation=None)
p.read_string(sys.stdin.read())
print(json.dumps({s: dict(p[s]) for s in p.sections()}))
`, text) as Record<string, Record<string, string>>;
  assert.is(read.general!.dbpath, '/var/lib/isso/comments.db');
  assert.is(read.smtp!.password, '${ISSO_SMTP_PASSWORD}');
});

/**
 * A `[Service]` section the way NixOS writes serviceConfig (a list repeats its key, booleans are
 * true/false), with the stub store path of gunicorn mapped to Debian's so the command exists.
 */
function unitFile(service: Record<string, any>): string {
  const lines = ['[Unit]', `Description=${service.description}`, ...service.after.map((a: string) => `After=${a}`), '', '[Service]'];
  for (const [name, value] of Object.entries(service.environment as Record<string, string>)) lines.push(`Environment="${name}=${value}"`);
  for (const [key, value] of Object.entries(service.serviceConfig as Record<string, unknown>)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      const text = typeof item === 'boolean' ? String(item) : String(item).replace('/nix/store/stub-isso-env/bin/gunicorn', '/usr/bin/python3 -m gunicorn');
      lines.push(`${key}=${text}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** `systemd-analyze verify` on one unit file: what it complained about (it exits 0 on unknown keys). */
function verifyUnit(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'nixkit-unit-'));
  writeFileSync(join(dir, 'isso.service'), text);
  const result = spawnSync(requireTool('systemd-analyze'), ['verify', '--man=no', join(dir, 'isso.service')], { encoding: 'utf8' });
  rmSync(dir, { recursive: true, force: true });
  if (result.error) throw result.error;
  return `${result.stderr}${result.status === 0 ? '' : `exit ${result.status}`}`.trim();
}

const unit = suite('nixos-container module: the inner unit under systemd-analyze verify');

unit('systemd accepts every directive of the inner isso.service', () => {
  const [service] = evalModules([renderNixosModule(WITH_SECRETS, MODE)], 'r: r.containers.isso.config.systemd.services.isso', PYTHON_NAMES) as Record<string, any>[];
  const text = unitFile(service!);
  assert.match(text, /^DynamicUser=true$/m);
  assert.match(text, /^Restart=always$/m);
  assert.is(verifyUnit(text), '');
});

unit('the check notices a directive systemd does not know or a value it cannot parse', () => {
  const [service] = evalModules([renderNixosModule(WITH_SECRETS, MODE)], 'r: r.containers.isso.config.systemd.services.isso', PYTHON_NAMES) as Record<string, any>[];
  const broken = { ...service!, serviceConfig: { ...service!.serviceConfig, DynamicUsr: true, Restart: 'sometimes' } };
  const complaints = verifyUnit(unitFile(broken));
  assert.match(complaints, /Unknown key 'DynamicUsr'/);
  assert.match(complaints, /restart specifier.*sometimes/);
});

evaluate.run();
levels.run();
unit.run();
conf.run();
