import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { HOSTILE_FRAGMENTS, hostileString, seededRandom } from '../../../tools/test-helpers/index.js';
import { checkStatus, resolveDeployment, serviceUnitName } from '../src/index.js';
import { ARTICLE_DEPLOYMENT, ARTICLE_STATUS, MINIMAL, WITH_SECRETS } from './fixtures.js';

const FAILED = `× isso.service - Isso comment server
     Loaded: loaded (/etc/systemd/system/isso.service; enabled; preset: enabled)
     Active: failed (Result: exit-code) since Tue 2024-03-05 10:00:02 UTC; 3s ago
    Process: 812 ExecStart=/nix/store/abc-python3-env/bin/gunicorn --name isso (code=exited, status=3)
   Main PID: 812 (code=exited, status=3)
        CPU: 1.2s

Mar 05 10:00:01 web03 gunicorn[812]: [INFO] Starting gunicorn 21.2.0
Mar 05 10:00:02 web03 gunicorn[812]: Worker failed to boot.
Mar 05 10:00:02 web03 systemd[1]: isso.service: Failed with result 'exit-code'.
`;

const check = suite('checkStatus');

check('reports the article output as healthy, with gunicorn details', () => {
  const result = checkStatus(ARTICLE_STATUS, { deployment: ARTICLE_DEPLOYMENT });
  assert.is(result.healthy, true);
  assert.is(result.unit, 'podman-isso.service');
  assert.is(result.health, 'running');
  assert.match(result.reason, /running/);
  assert.ok(result.notes.includes('gunicorn listens at http://0.0.0.0:8080'), result.notes.join('\n'));
  assert.ok(result.notes.includes('2 gunicorn workers booted'));
});

check('reports a failed native unit with the reason and the journal problem', () => {
  const result = checkStatus(FAILED, { mode: 'native', deployment: WITH_SECRETS });
  assert.is(result.healthy, false);
  assert.is(result.health, 'failed');
  assert.match(result.reason, /^isso\.service is failed: /);
  assert.match(result.reason, /worker failed to boot/);
});

check('refuses the status of another unit and names the one to look at', () => {
  const result = checkStatus(ARTICLE_STATUS, { mode: 'native' });
  assert.is(result.healthy, false);
  assert.is(result.health, 'missing');
  assert.match(result.reason, /the status is for podman-isso\.service, not isso\.service; run: systemctl status isso\.service/);
});

check('flags a running unit whose journal shows Isso cannot serve', () => {
  const text = ARTICLE_STATUS.replace('INFO: connected to SMTP server', 'ERROR: No website(s) configured, Isso won\'t work.')
    .replace(/\[INFO\] Starting gunicorn 20\.0\.4\n.*\n/, '');
  const result = checkStatus(text, { deployment: ARTICLE_DEPLOYMENT });
  assert.is(result.healthy, false);
  assert.match(result.reason, /running, but Isso has no \[general\] host/);
});

check('ignores problems logged before the last start', () => {
  const text = ARTICLE_STATUS.replace('container init (image=localhost/isso:latest)', 'Worker failed to boot.');
  assert.is(checkStatus(text, { deployment: ARTICLE_DEPLOYMENT }).healthy, true);
});

check('flags gunicorn listening on another port than nginx proxies to', () => {
  const result = checkStatus(ARTICLE_STATUS, { deployment: { ...ARTICLE_DEPLOYMENT, port: 9000, sites: ['https://vincent.bernat.ch'] } });
  assert.is(result.healthy, false);
  assert.match(result.reason, /listens on port 8080, but nginx proxies to 9000/);
});

check('says what to run when the input holds no unit', () => {
  for (const text of ['', 'hello\n', '\u0000\u0000']) {
    const result = checkStatus(text);
    assert.is(result.healthy, false);
    assert.match(result.reason, /run: systemctl status podman-isso\.service/);
  }
});

check('never throws on hostile text and never calls it healthy without an active unit', () => {
  const random = seededRandom(11);
  const fragments = [...HOSTILE_FRAGMENTS, '● ', 'Active: ', 'Loaded: ', 'podman-isso.service', '\n', 'Listening at: '];
  for (let i = 0; i < 500; i++) {
    const text = hostileString(random, 30, fragments);
    const result = checkStatus(text);
    if (result.healthy) assert.match(text, /Active:\s*(active|reloading)/, JSON.stringify(text));
  }
});

const unitName = suite('serviceUnitName');

unitName('names the container unit after the backend and the native units isso.service', () => {
  const d = resolveDeployment({ ...MINIMAL, backend: 'docker', containerName: 'comments' });
  assert.is(serviceUnitName(d, 'container'), 'docker-comments.service');
  assert.is(serviceUnitName(d, 'native'), 'isso.service');
  assert.is(serviceUnitName(d, 'nixos-module'), 'isso.service');
});

check('calls a port held by another process unhealthy, in gunicorn\'s and in podman\'s words', () => {
  const gunicorn = ARTICLE_STATUS.replace('[INFO] Using worker: gevent', "[ERROR] Connection in use: ('0.0.0.0', 8080)");
  assert.match(checkStatus(gunicorn).reason, /running, but the port is already in use/);
  assert.is(checkStatus(gunicorn).healthy, false);
  const podman = `${ARTICLE_STATUS}nov. 01 16:04:20 web03 podman[14697]: Error: rootlessport listen tcp 127.0.0.1:8080: bind: address already in use\n`;
  assert.is(checkStatus(podman).healthy, false);
});

check('shows the cause lines of a failed unit from the journal', () => {
  const failed = `× podman-isso.service
     Loaded: loaded (/etc/systemd/system/podman-isso.service; enabled; preset: enabled)
     Active: failed (Result: exit-code) since Tue 2024-03-05 10:00:02 UTC; 3s ago
   Main PID: 812 (code=exited, status=125)

Mar 05 10:00:01 web03 systemd[1]: Starting podman-isso.service...
Mar 05 10:00:02 web03 podman-isso-start[812]: Error: short-name "isso" did not resolve to an alias and no unqualified-search registries are defined in "/etc/containers/registries.conf"
Mar 05 10:00:02 web03 systemd[1]: podman-isso.service: Main process exited, code=exited, status=125/n/a
Mar 05 10:00:02 web03 systemd[1]: podman-isso.service: Failed with result 'exit-code'.
`;
  const result = checkStatus(failed);
  assert.is(result.healthy, false);
  assert.match(result.reason, /^podman-isso\.service is failed: .*the journal says: Error: short-name "isso" did not resolve/);
  assert.not.match(result.reason, /Failed with result/);
});

check('claims no port without a description, and says "1 task" and never "inactive: inactive"', () => {
  const text = ARTICLE_STATUS.replace('Listening at: http://0.0.0.0:8080', 'Listening at: http://0.0.0.0:9999').replace('Tasks: 10 (limit: 2313)', 'Tasks: 1 (limit: 2313)');
  const result = checkStatus(text);
  assert.is(result.healthy, true, result.reason);
  assert.not.match(result.reason, /port/);
  assert.match(result.reason, /\b1 task\b/);
  assert.is(checkStatus(text, { deployment: ARTICLE_DEPLOYMENT }).healthy, false);
  const inactive = checkStatus(ARTICLE_STATUS.replace('Active: active (running) since Sun 2020-11-01 16:04:16 UTC; 4min 44s ago', 'Active: inactive (dead)'));
  assert.is(inactive.healthy, false);
  assert.not.match(inactive.reason, /inactive: inactive/);
});

check.run();
unitName.run();
