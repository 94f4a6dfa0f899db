import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { HOSTILE_FRAGMENTS, hostileString, pick, seededRandom } from '../../../tools/test-helpers/index.js';
import { IssoDeploymentError, checkStatus, renderDeployment, renderNixosModule, renderPlainFiles, resolveDeployment, serviceUnitName } from '../src/index.js';
import { ARTICLE_DEPLOYMENT, MINIMAL, WITH_SECRETS } from './fixtures.js';
import { HOST_MISSING_MOUNT, HOST_STATUS, INNER_STATUS } from './nixos-container-status.js';

const MODE = { mode: 'nixos-container' } as const;
const CONTAINER = { ...ARTICLE_DEPLOYMENT, mode: 'nixos-container' as const };

function refused(run: () => unknown, path: readonly (string | number)[], message?: RegExp): void {
  try {
    run();
  } catch (error) {
    assert.instance(error, IssoDeploymentError);
    assert.equal((error as IssoDeploymentError).path, path);
    if (message !== undefined) assert.match((error as Error).message, message);
    return;
  }
  assert.unreachable(`accepted; expected an error at ${path.join('.')}`);
}

const resolve = suite('resolveDeployment: nixosContainer');

resolve('fills in the article\'s container: isso on 192.168.247.10/.11, no extra flags, NAT everywhere', () => {
  assert.equal(resolveDeployment(MINIMAL, MODE).nixosContainer, {
    name: 'isso', hostAddress: '192.168.247.10', localAddress: '192.168.247.11', extraFlags: [], externalInterface: null,
  });
});

resolve('refuses names that are not a short machine name without underscores', () => {
  for (const name of ['isso_1', 'averylongname', '-isso', 'isso-', 'Isso', '', 'is so', 'a/b']) {
    refused(() => resolveDeployment({ ...MINIMAL, nixosContainer: { name } }, MODE), ['nixosContainer', 'name']);
  }
  assert.is(resolveDeployment({ ...MINIMAL, nixosContainer: { name: 'comments-01' } }, MODE).nixosContainer.name, 'comments-01');
});

resolve('refuses an address pair that is not two ends of one /30', () => {
  refused(() => resolveDeployment({ ...MINIMAL, nixosContainer: { localAddress: '192.168.247.10' } }, MODE), ['nixosContainer', 'localAddress'], /must differ/);
  refused(() => resolveDeployment({ ...MINIMAL, nixosContainer: { localAddress: '192.168.247.12' } }, MODE), ['nixosContainer', 'localAddress'], /same \/30/);
  refused(() => resolveDeployment({ ...MINIMAL, nixosContainer: { hostAddress: '127.0.0.1', localAddress: '127.0.0.2' } }, MODE), ['nixosContainer', 'hostAddress']);
  for (const address of ['192.168.247.256', '192.168.247', '::1', '192.168.247.011 ', 11]) {
    refused(() => resolveDeployment({ ...MINIMAL, nixosContainer: { localAddress: address } }, MODE), ['nixosContainer', 'localAddress']);
  }
  const pair = resolveDeployment({ ...MINIMAL, nixosContainer: { hostAddress: '10.0.0.1', localAddress: '10.0.0.2' } }, MODE).nixosContainer;
  assert.equal([pair.hostAddress, pair.localAddress], ['10.0.0.1', '10.0.0.2']);
});

resolve('refuses nspawn flags that the container\'s environment file would split or expand, or that the module sets', () => {
  for (const flag of ['--resolv-conf=bind host', '--setenv=A="b"', '--setenv=A=$HOME', '--x=a\\b', '-b', 'resolv-conf', '--bind=/srv:/srv', '--ephemeral', '--private-network']) {
    refused(() => resolveDeployment({ ...MINIMAL, nixosContainer: { extraFlags: [flag] } }, MODE), ['nixosContainer', 'extraFlags', 0]);
  }
  assert.equal(resolveDeployment({ ...MINIMAL, nixosContainer: { extraFlags: ['--resolv-conf=bind-host', '--drop-capability=CAP_SYS_CHROOT'] } }, MODE).nixosContainer.extraFlags,
    ['--resolv-conf=bind-host', '--drop-capability=CAP_SYS_CHROOT']);
});

resolve('refuses unknown fields and a NAT interface that cannot be a Linux interface name', () => {
  refused(() => resolveDeployment({ ...MINIMAL, nixosContainer: { bridge: 'br0' } }, MODE), ['nixosContainer', 'bridge']);
  refused(() => resolveDeployment({ ...MINIMAL, nixosContainer: { externalInterface: 'an-interface-name-too-long' } }, MODE), ['nixosContainer', 'externalInterface']);
  assert.is(resolveDeployment({ ...MINIMAL, nixosContainer: { externalInterface: 'enp1s0' } }, MODE).nixosContainer.externalInterface, 'enp1s0');
});

resolve('refuses fields that mean something else in this mode: a gunicorn bind address, a container path', () => {
  refused(() => resolveDeployment({ ...MINIMAL, gunicorn: { bindAddress: '0.0.0.0' } }, MODE), ['gunicorn', 'bindAddress'], /nixosContainer\.localAddress/);
  refused(() => resolveDeployment({ ...MINIMAL, dbVolume: { containerPath: '/db' } }, MODE), ['dbVolume', 'containerPath']);
  assert.ok(resolveDeployment({ ...MINIMAL, gunicorn: { bindAddress: '192.168.247.11' } }, MODE));
  assert.ok(resolveDeployment({ ...MINIMAL, gunicorn: { bindAddress: '0.0.0.0' }, dbVolume: { containerPath: '/db' } }, { mode: 'container' }));
});

resolve('takes the mode from the description, and refuses a contradicting one', () => {
  refused(() => resolveDeployment({ ...MINIMAL, mode: 'nixos-container', gunicorn: { bindAddress: '0.0.0.0' } }), ['gunicorn', 'bindAddress']);
  refused(() => resolveDeployment({ ...MINIMAL, mode: 'nixos-container' }, { mode: 'native' }), ['mode'], /"mode": "nixos-container"/);
  refused(() => resolveDeployment({ ...MINIMAL, mode: 'docker' }), ['mode']);
  assert.ok(resolveDeployment({ ...MINIMAL, mode: 'nixos-container' }, MODE));
});

resolve('either accepts a hostile nixosContainer value or refuses it at its field', () => {
  const random = seededRandom(14);
  const fields = ['name', 'hostAddress', 'localAddress', 'externalInterface', 'extraFlags'] as const;
  const fragments = [...HOSTILE_FRAGMENTS, '--', '=', '192.168.247.', '.', '-', 'isso', '/', 'eth0', '9', '10'];
  let accepted = 0;
  for (let i = 0; i < 400; i++) {
    const field = pick(random, fields);
    const text = hostileString(random, 6, fragments);
    const value = field === 'extraFlags' ? [text] : text;
    let module: string;
    try {
      module = renderNixosModule({ ...MINIMAL, nixosContainer: { [field]: value } }, MODE);
    } catch (error) {
      assert.instance(error, IssoDeploymentError, JSON.stringify(text));
      const [root, key] = (error as IssoDeploymentError).path;
      assert.is(root, 'nixosContainer', JSON.stringify(text));
      // A host address outside the default container address's /30 is reported at localAddress.
      assert.ok(key === field || (field === 'hostAddress' && key === 'localAddress'), `${String(key)} for ${field}: ${JSON.stringify(text)}`);
      continue;
    }
    accepted++;
    // Whatever was accepted is plain: no quote, space, `$` or backslash reaches the nspawn flags.
    assert.not.match(text, /[\s"'$\\`]/, JSON.stringify(text));
    assert.ok(module.includes('containers.'), JSON.stringify(text));
  }
  assert.ok(accepted >= 10, `only ${accepted} of 400 values were accepted; the test would not see what renders`);
});

const render = suite('renderDeployment: nixos-container mode');

render('renders from the description\'s mode: the module, isso.conf and the nginx block, no Quadlet unit', () => {
  const result = renderDeployment(CONTAINER);
  assert.is(result.mode, 'nixos-container');
  assert.equal(result.files.map((f) => f.name), ['isso.nix', 'isso.conf', 'isso.nginx.conf']);
  assert.match(result.module, /^# Isso comment server for comments\.luffy\.cx \(nixos-container mode\)/);
  assert.is(result.module, renderNixosModule(ARTICLE_DEPLOYMENT, MODE));
});

render('puts the container at containers.<name> and the inner service inside its config', () => {
  const text = renderNixosModule({ ...ARTICLE_DEPLOYMENT, nixosContainer: { name: 'comments' } }, MODE);
  assert.match(text, /^ {2}containers\.comments = \{$/m);
  assert.match(text, /^ {6}systemd\.services\.isso = \{$/m);
  assert.match(text, /^ {2}systemd\.services\."container@comments"\.restartTriggers = \[ issoConfig \];$/m);
  assert.match(text, /^ {2}networking\.nat\.internalInterfaces = \[ "ve-comments" \];$/m);
  assert.not.match(text, /^ {2}systemd\.services\.isso/m);
});

render('keeps secrets out of the module: only the environment file\'s path, mounted read-only', () => {
  const text = renderNixosModule(WITH_SECRETS, MODE);
  assert.ok(text.includes('"/run/secrets/isso.env" = {\n        hostPath = "/run/secrets/isso.env";\n        isReadOnly = true;'), text);
  assert.ok(text.includes('EnvironmentFile = "/run/secrets/isso.env";'));
  assert.ok(text.includes("password = ''${ISSO_SMTP_PASSWORD}"));
});

render('writes the plain nginx block for the container\'s address and isso.conf for the state directory', () => {
  const files = renderPlainFiles(ARTICLE_DEPLOYMENT, MODE);
  assert.match(files.nginxServer, /proxy_pass http:\/\/192\.168\.247\.11:8080;/);
  assert.match(files.issoConf, /^dbpath = \/var\/lib\/isso\/comments\.db$/m);
  assert.is(files.quadlet, null);
});

const check = suite('checkStatus: nixos-container mode');

check('judges both units healthy: machine registered, gunicorn on the container address, two workers', () => {
  const result = checkStatus(`${HOST_STATUS}\n${INNER_STATUS}`, { deployment: CONTAINER });
  assert.is(result.healthy, true, result.reason);
  assert.is(result.expectedUnit, 'container@isso.service');
  assert.match(result.reason, /^container@isso\.service runs the machine isso; isso\.service: running/);
  for (const note of ['machine isso is registered and running (Container running: Startup finished in 1.978s.)', 'systemd-nspawn spawned the machine isso', 'gunicorn listens at http://192.168.247.11:8080', '2 gunicorn workers booted', 'worker class gevent']) {
    assert.ok(result.notes.includes(note), `${note}\n${result.notes.join('\n')}`);
  }
});

check('says the inner status is missing when only the host unit is given, and how to read it', () => {
  const result = checkStatus(HOST_STATUS, { mode: 'nixos-container', deployment: ARTICLE_DEPLOYMENT });
  assert.is(result.healthy, false);
  assert.match(result.reason, /container@isso\.service is running, but the status of isso\.service inside it is missing; run: systemctl -M isso status isso/);
});

check('accepts the inner status alone: systemctl -M only answers for a running machine', () => {
  const result = checkStatus(INNER_STATUS, { deployment: CONTAINER });
  assert.is(result.healthy, true, result.reason);
  assert.ok(result.notes.some((n) => n.startsWith('container@isso.service was not in the input')));
});

check('reports a host unit that failed on a missing bind-mounted directory', () => {
  const result = checkStatus(`${HOST_MISSING_MOUNT}\n`, { deployment: CONTAINER });
  assert.is(result.healthy, false);
  assert.is(result.health, 'failed');
  assert.match(result.reason, /^container@isso\.service is failed: .*a bind-mounted host path is missing: \/var\/db\/isso/);
});

check('reports a machine registration failure', () => {
  const text = HOST_MISSING_MOUNT.replace('Failed to stat /var/db/isso: No such file or directory', 'Failed to register machine: Unit machine-isso.scope already exists.');
  assert.match(checkStatus(text, { deployment: CONTAINER }).reason, /could not register the machine with systemd-machined \(Unit machine-isso\.scope already exists\.\)/);
});

check('flags gunicorn listening elsewhere than the container address nginx proxies to', () => {
  const text = `${HOST_STATUS}\n${INNER_STATUS.replace('http://192.168.247.11:8080', 'http://127.0.0.1:8080')}`;
  const result = checkStatus(text, { deployment: CONTAINER });
  assert.is(result.healthy, false);
  assert.match(result.reason, /gunicorn listens on 127\.0\.0\.1, but nginx proxies to the container's address 192\.168\.247\.11/);
});

check('passes on a failing inner service with its journal problem', () => {
  const inner = INNER_STATUS.replace('● isso.service', '× isso.service')
    .replace('Active: active (running) since Mon 2023-01-16 09:12:04 UTC; 2h 5min ago', 'Active: failed (Result: exit-code) since Mon 2023-01-16 09:12:06 UTC; 3s ago')
    .replace(/\[INFO\] Booting worker with pid: 319/, 'Worker failed to boot.');
  const result = checkStatus(`${HOST_STATUS}\n${inner}`, { deployment: CONTAINER });
  assert.is(result.healthy, false);
  assert.match(result.reason, /^isso\.service is failed: .*worker failed to boot/);
});

check('says the machine is not running when systemctl -M cannot reach it', () => {
  const result = checkStatus('Failed to connect to bus: Host is down\n', { deployment: CONTAINER });
  assert.is(result.healthy, false);
  assert.match(result.reason, /systemctl -M isso could not reach the machine .*not running/);
});

check('tells a host without systemd apart from a stopped machine', () => {
  const text = 'System has not been booted with systemd as init system (PID 1). Can\'t operate.\nFailed to connect to bus: Host is down\n';
  const result = checkStatus(text, { deployment: CONTAINER });
  assert.is(result.healthy, false);
  assert.match(result.reason, /not booted with systemd; run the commands on the NixOS host/);
  assert.not.match(result.reason, /container is not running/);
});

check('names the units of a container called otherwise, and the commands when nothing matched', () => {
  const deployment = { ...CONTAINER, nixosContainer: { name: 'comments' } };
  assert.is(serviceUnitName(resolveDeployment(deployment), 'nixos-container'), 'container@comments.service');
  const result = checkStatus(HOST_STATUS, { deployment });
  assert.is(result.healthy, false);
  assert.match(result.reason, /not container@comments\.service or isso\.service; run: systemctl status container@comments\.service; systemctl -M comments status isso/);
});

check('never throws on hostile text and never calls it healthy without an active inner unit', () => {
  const random = seededRandom(15);
  const fragments = [...HOSTILE_FRAGMENTS, '● ', 'Active: active (running)', 'container@isso.service', 'isso.service', '\n', 'Listening at: ', 'Spawning container ', 'Status: "Container running."'];
  for (let i = 0; i < 500; i++) {
    const text = hostileString(random, 30, fragments);
    const result = checkStatus(text, { deployment: CONTAINER });
    if (result.healthy) assert.match(text, /isso\.service[\s\S]*Active:\s*active/, JSON.stringify(text));
  }
});

resolve.run();
render.run();
check.run();
