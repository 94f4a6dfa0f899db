import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { captureFileName, collectCaptures, fleetStatus, statusCommand, readFleet, type StatusTarget } from '../src/index.js';
import { directoryCaptures, directoryCollectIo, spawnCommand } from '../src/fleet-node-io.js';
import { ARTICLE_STATUS, FAILED_NATIVE } from './fixtures.js';
import { refusal } from './fleet-fixtures.js';

// A fleet of four hosts, one site each; the captures are files in a real directory.
const SITE = (domain: string, extra = {}) => ({ domain, acmeEmail: 'le@example.org', ...extra });
const FLEET = {
  hosts: {
    web1: { isso: [SITE('comments.a.example')] },
    web2: { targetHost: '10.0.0.2', targetPort: 2222, isso: [SITE('comments.b.example', { mode: 'native' })] },
    web3: { targetHost: null, isso: [SITE('comments.c.example')] },
    web4: { targetUser: null, isso: [SITE('comments.d.example')] },
    web5: { isso: [SITE('comments.e.example')] },
    web6: { isso: [SITE('comments.f.example')] },
  },
};

const NOT_FOUND = 'Unit podman-isso.service could not be found.\n';

/** The article capture with the `web5 | ` labels a multi-host runner prints. */
const LABELLED = ARTICLE_STATUS.split('\n').map((line) => (line === '' ? line : `web5 | ${line}`)).join('\n');

function captureDir(files: Record<string, string>): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'nixkit-fleet-status-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

const status = suite('fleetStatus');

status('judges healthy, failed, not-found, truncated, empty and missing captures, and exits 1', () => {
  const captures = captureDir({
    'web1.podman-isso.service.txt': ARTICLE_STATUS,
    'web2.isso.service.txt': FAILED_NATIVE,
    'web3.podman-isso.service.txt': NOT_FOUND,
    'web4.podman-isso.service.txt': ARTICLE_STATUS.slice(0, ARTICLE_STATUS.indexOf('Active:') + 10),
    'web5.podman-isso.service.txt': '',
    'notes.txt': 'not a capture',
  });
  try {
    const report = fleetStatus(FLEET, directoryCaptures(captures.dir));
    assert.equal(report.entries.map((e) => [e.host, e.unit, e.verdict]), [
      ['web1', 'podman-isso.service', 'healthy'],
      ['web2', 'isso.service', 'unhealthy'],
      ['web3', 'podman-isso.service', 'unhealthy'],
      ['web4', 'podman-isso.service', 'unreadable'],
      ['web5', 'podman-isso.service', 'empty'],
      ['web6', 'podman-isso.service', 'missing'],
    ]);
    assert.match(report.entries[1]!.reason, /isso\.service is failed: .*a gunicorn worker failed to boot/);
    assert.match(report.entries[2]!.reason, /not-found/);
    assert.match(report.entries[3]!.reason, /no complete status/);
    assert.match(report.entries[5]!.reason, /no capture web6\.podman-isso\.service\.txt/);
    assert.is(report.lines.length, 6);
    assert.match(report.lines[0]!, /^web1  podman-isso\.service  healthy     comments\.a\.example: /);
    assert.match(report.lines[4]!, /^web5  podman-isso\.service  empty       comments\.e\.example: .*is empty/);
    assert.is(report.summary, '6 units on 6 hosts: 1 healthy, 5 not (web2, web3, web4, web5, web6); ignored 1 capture file(s) no site expects: notes.txt');
    assert.is(report.healthy, false);
    assert.is(report.exitCode, 1);
    assert.equal(report.unexpected, ['notes.txt']);
    const json = JSON.parse(JSON.stringify(report.json));
    assert.is(json.healthy, false);
    assert.is(json.entries.length, 6);
    assert.is(json.entries[0].verdict, 'healthy');
  } finally {
    captures.remove();
  }
});

status('exits 0 when every unit is healthy, reading labelled multi-host output too', () => {
  const fleet = { hosts: { web1: FLEET.hosts.web1, web5: FLEET.hosts.web5 } };
  const captures = captureDir({ 'web1.podman-isso.service.txt': ARTICLE_STATUS, 'web5.podman-isso.service.txt': LABELLED });
  try {
    const report = fleetStatus(fleet, directoryCaptures(captures.dir));
    assert.equal(report.entries.map((e) => e.verdict), ['healthy', 'healthy']);
    assert.is(report.exitCode, 0);
    assert.is(report.summary, '2 units on 2 hosts: 2 healthy, 0 not');
  } finally {
    captures.remove();
  }
});

status('never throws on garbage captures', () => {
  const garbage = ['\u0000\u0001\ud800', '●'.repeat(10_000), 'Active: '.repeat(5_000), '\n'.repeat(100_000)];
  for (const text of garbage) {
    const report = fleetStatus({ hosts: { web1: FLEET.hosts.web1 } }, { read: () => text });
    assert.is(report.healthy, false);
    assert.ok(['unreadable', 'unhealthy', 'empty'].includes(report.entries[0]!.verdict));
  }
});

status('refuses an invalid or clashing fleet file like fleet does', () => {
  assert.equal(refusal(() => fleetStatus({ hosts: { web1: { isso: [{}] } } }, { read: () => null })).path, ['hosts', 'web1', 'isso', 0, 'domain']);
  assert.match(refusal(() => fleetStatus({ hosts: { web1: { isso: [SITE('comments.a.example'), SITE('comments.b.example')] } } }, { read: () => null })).message, /already used by hosts\.web1\.isso\[0\]/);
});

status('names capture files host.unit.txt', () => {
  assert.is(captureFileName('web1', 'podman-isso.service'), 'web1.podman-isso.service.txt');
});

const collect = suite('collectCaptures');

collect('builds the ssh command as Colmena reaches each host', () => {
  const fleet = readFleet(FLEET);
  const argv = (host: string) => statusCommand(fleet.hosts.find((h) => h.name === host)!, 'x.service');
  assert.equal(argv('web1'), ['ssh', '-o', 'BatchMode=yes', '--', 'root@web1', 'systemctl', 'status', '--no-pager', '--full', 'x.service']);
  assert.equal(argv('web2'), ['ssh', '-p', '2222', '-o', 'BatchMode=yes', '--', 'root@10.0.0.2', 'systemctl', 'status', '--no-pager', '--full', 'x.service']);
  assert.equal(argv('web3'), ['systemctl', 'status', '--no-pager', '--full', 'x.service']);
  assert.equal(argv('web4'), ['ssh', '-o', 'BatchMode=yes', '--', 'web4', 'systemctl', 'status', '--no-pager', '--full', 'x.service']);
});

collect('runs a command per host and unit and writes its output atomically, then fleetStatus reads it', () => {
  // The runner is injected: instead of ssh, a real `sh -c 'cat "$1"'` of a prepared file per host.
  const sources = captureDir({ web1: ARTICLE_STATUS, web2: FAILED_NATIVE, web3: NOT_FOUND });
  const out = mkdtempSync(join(tmpdir(), 'nixkit-fleet-collect-'));
  try {
    writeFileSync(join(out, 'web4.podman-isso.service.txt'), 'stale capture from yesterday');
    const cat = spawnCommand(10_000);
    const seen: StatusTarget[] = [];
    const io = directoryCollectIo(out, (argv, target) => {
      seen.push(target);
      if (target.host === 'web6') return cat(['/nonexistent/nixkit-no-such-program'], target);
      return cat(['sh', '-c', 'cat "$1" 2>/dev/null; exit 3', 'sh', join(sources.dir, target.host)], target);
    });
    const result = collectCaptures(FLEET, io);
    assert.is(seen.length, 6);
    assert.equal(seen[1]!.argv.slice(0, 3), ['ssh', '-p', '2222']);
    assert.equal(result.problems.map((p) => p.host), ['web6']);
    assert.match(result.problems[0]!.reason, /could not run: ENOENT/);
    assert.equal(readdirSync(out).sort(), [
      'web1.podman-isso.service.txt', 'web2.isso.service.txt', 'web3.podman-isso.service.txt', 'web4.podman-isso.service.txt',
      'web5.podman-isso.service.txt', 'web6.podman-isso.service.txt',
    ]);
    assert.is(readFileSync(join(out, 'web1.podman-isso.service.txt'), 'utf8'), ARTICLE_STATUS);
    assert.is(readFileSync(join(out, 'web4.podman-isso.service.txt'), 'utf8'), '');
    const report = fleetStatus(FLEET, directoryCaptures(out));
    assert.equal(report.entries.map((e) => e.verdict), ['healthy', 'unhealthy', 'unhealthy', 'empty', 'empty', 'empty']);
    assert.is(report.exitCode, 1);
  } finally {
    sources.remove();
    rmSync(out, { recursive: true, force: true });
  }
});

status.run();
collect.run();
