import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseStatus, parseStatusOutput, type SystemdUnitStatus } from '../src/index.js';
import { fixture } from './fixtures.js';

const status = suite('parseStatus');

function only(name: string): SystemdUnitStatus {
  const units = parseStatus(fixture(name));
  assert.is(units.length, 1, `${name} holds one unit`);
  return units[0] as SystemdUnitStatus;
}

function allClean(units: SystemdUnitStatus[]): void {
  for (const unit of units) assert.equal(unit.diagnostics, [], `${unit.name} has no diagnostics`);
}

status('reads a v219 failed service with old alignment, a drop-in, two Docs and Process lines', () => {
  const unit = only('v219-centos7-httpd-failed.txt');
  assert.is(unit.activeState, 'failed');
  assert.is(unit.subState, 'failed', 'the omitted sub-state equals the active state');
  assert.is(unit.result, 'exit-code');
  assert.is(unit.preset, 'disabled');
  assert.equal(unit.dropIns, [{ directory: '/etc/systemd/system/httpd.service.d', files: ['php-fpm.conf'] }]);
  assert.equal(unit.docs, ['man:httpd(8)', 'man:apachectl(8)']);
  assert.equal(unit.processes.map((p) => [p.pid, p.kind, p.command, p.code, p.status, p.statusName]), [
    [2213, 'ExecStop', '/bin/kill -WINCH ${MAINPID}', 'exited', 1, 'FAILURE'],
    [2211, 'ExecStart', '/usr/sbin/httpd $OPTIONS -DFOREGROUND', 'exited', 1, 'FAILURE'],
  ]);
  assert.equal(unit.mainExit, { code: 'exited', status: 1, statusName: 'FAILURE', signal: null });
  assert.is(unit.since?.date?.toISOString(), '2019-03-05T15:12:01.000Z');
  assert.is(unit.journal.length, 10);
  assert.is(unit.journal[3]?.message, 'AH00015: Unable to open logs');
  assert.is(unit.journal[5]?.identifier, 'kill');
  assert.ok(unit.changedOnDisk, 'the changed-on-disk warning printed before the header belongs to the unit');
  allClean([unit]);
});

status('reads comma-joined drop-in files, a localised weekday and trailing spaces in the tree', () => {
  const unit = only('v229-ubuntu1604-nginx-de.txt');
  assert.equal(unit.dropIns[0]?.files, ['limits.conf', 'override.conf']);
  assert.is(unit.since?.raw, 'Di 2017-03-14 08:15:42 CET');
  assert.is(unit.since?.date?.toISOString(), '2017-03-14T07:15:42.000Z');
  assert.is(unit.since?.relative, '2 weeks 1 days ago');
  assert.equal(unit.cgroupTree.map((n) => n.kind === 'process' && n.command), [
    'nginx: master process /usr/sbin/nginx -g daemon on; master_process on', 'nginx: worker process', 'nginx: worker process',
  ]);
  assert.is(unit.cpuMs, 2624);
  assert.is(unit.memory?.bytes, Math.round(12.5 * 1024 * 1024));
});

status('reads a timer with its next elapse and a numeric zone', () => {
  const unit = only('v237-ubuntu1804-timer-es.txt');
  assert.is(unit.subState, 'waiting');
  assert.equal(unit.trigger, { raw: 'Tue 2019-04-02 18:44:21 -03', date: new Date('2019-04-02T21:44:21Z'), relative: '3h 59min left' });
});

status('splits a socket and its service into two units and reads Triggers/TriggeredBy/Listen', () => {
  const units = parseStatus(fixture('v245-docker-socket-it.txt'));
  assert.equal(units.map((u) => u.name), ['docker.socket', 'docker.service']);
  assert.equal(units[0]?.triggers, ['docker.service']);
  assert.equal(units[0]?.listen, [{ address: '/run/docker.sock', type: 'Stream' }]);
  assert.equal(units[1]?.triggeredBy, ['docker.socket']);
  assert.is(units[1]?.tasks, 21);
  assert.is(units[1]?.tasksLimit, null);
  assert.is(units[0]?.journal.length, 2);
  assert.is(units[1]?.journal.length, 4);
  allClean(units);
});

status('reads a generated mount unit with Where/What and an ExecMount process', () => {
  const unit = only('v247-debian11-mount-pt.txt');
  assert.is(unit.unitFilePath, '/etc/fstab');
  assert.is(unit.unitFileState, 'generated');
  assert.is(unit.where, '/boot/efi');
  assert.is(unit.what, '/dev/nvme0n1p1');
  assert.is(unit.processes[0]?.kind, 'ExecMount');
  assert.is(unit.memory?.bytes, 96 * 1024);
  assert.is(unit.cpuMs, 4);
});

status('reads activating (auto-restart) with a result and an exit status without a name', () => {
  const unit = only('v249-ubuntu2204-auto-restart-nl.txt');
  assert.equal([unit.activeState, unit.subState, unit.result], ['activating', 'auto-restart', 'exit-code']);
  assert.equal(unit.mainExit, { code: 'exited', status: 3, statusName: null, signal: null });
  assert.is(unit.processes.length, 3);
});

status('reads v252 `preset:`, a failed condition with its detail, and quoted v249+ command lines', () => {
  const [waitOnline, ssh] = parseStatus(fixture('v252-debian12-condition-fi.txt'));
  assert.is(waitOnline?.glyphState, 'inactive');
  assert.is(waitOnline?.preset, 'disabled');
  assert.equal(waitOnline?.condition?.details, ['ConditionPathIsDirectory=/run/systemd/netif was not met']);
  assert.is(waitOnline?.condition?.timestamp?.date?.toISOString(), '2023-11-21T05:03:12.000Z');
  assert.is(waitOnline?.since, null);
  assert.equal(ssh?.cgroupTree, [{ kind: 'process', pid: 634, command: '"sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups"', depth: 0, extra: false }]);
});

status('reads not-found and masked units with their reasons and no description', () => {
  const [missing, masked, cron] = parseStatus(fixture('v255-ubuntu2404-missing-ru.txt'));
  assert.equal([missing?.name, missing?.description, missing?.loadState, missing?.loadError], ['nfs-server.service', null, 'not-found', 'Unit nfs-server.service not found.']);
  assert.equal([masked?.loadState, masked?.loadError], ['masked', 'Unit rsync.service is masked.']);
  assert.equal(cron?.memory?.details, [{ name: 'peak', raw: '6.2M', bytes: Math.round(6.2 * 1024 ** 2) }]);
});

status('reads v256 Duration, Invocation, Mem peak and IP of a stopped unit', () => {
  const unit = only('v256-nixos-isso-failed-zh.txt');
  assert.is(unit.glyphState, 'failed');
  assert.is(unit.duration, '23h 34min 46.280s');
  assert.is(unit.invocation, '8c1bd2a3c7f04e25b1b0a2a07e6a4f11');
  // systemd prints `(swap: …)` only once the swap peak is non-zero (systemctl-show.c, 257.13).
  assert.equal(unit.memPeak, { peak: { raw: '41.5M', bytes: Math.round(41.5 * 1024 ** 2) }, swap: null });
  assert.equal(unit.ip, { in: { raw: '1.2K', bytes: 1229 }, out: { raw: '896B', bytes: 896 } });
  assert.is(unit.processes[1]?.status, 125);
  assert.equal(unit.truncated, ['journal.0.message'], 'the journal ellipsis marks the message as cut');
});

status('reads v257 memory details separated by commas, IO, two drop-in directories and Japanese months', () => {
  const unit = only('v257-nixos-nginx-ja.txt');
  assert.equal(unit.memory?.details.map((d) => [d.name, d.bytes]), [
    ['high', 1024 ** 3], ['max', 2 * 1024 ** 3], ['available', Math.round(1005.3 * 1024 ** 2)], ['peak', Math.round(25.1 * 1024 ** 2)],
    ['swap', 0], ['swap peak', 1024 ** 2],
  ]);
  assert.equal(unit.io, { read: { raw: '1.6M', bytes: Math.round(1.6 * 1024 ** 2) }, written: { raw: '0B', bytes: 0 } });
  assert.equal(unit.dropIns.map((d) => [d.directory, d.files]), [
    ['/nix/store/6bs8s0z8fmsjh8xbnpd7j4i5jn5a3g0w-system-units/nginx.service.d', ['overrides.conf']],
    ['/run/systemd/system/nginx.service.d', ['50-runtime.conf']],
  ]);
  assert.equal(unit.journal.map((e) => [e.month, e.day, e.time]), [[4, 6, '11:20:31'], [4, 6, '11:20:31'], [4, 8, '09:02:17']]);
  assert.is(unit.cpuMs, 4_313_021);
});

status('reads space-separated memory details with multi-word labels and infinity', () => {
  const units = parseStatus(fixture('path-and-user-drop-ins-v254.txt'));
  const scope = units[2];
  assert.equal(scope?.memory?.details.map((d) => [d.name, d.raw, d.bytes]), [
    ['min', '0B', 0], ['low', '0B', 0], ['high', 'infinity', null], ['max', 'infinity', null],
    ['swap max', 'infinity', null], ['zswap max', 'infinity', null], ['available', '12.4G', Math.round(12.4 * 1024 ** 3)],
  ]);
  assert.ok(scope?.transient);
  assert.equal(units[0]?.triggers, ['certbot-deploy.service', 'nginx-reload.service']);
  assert.equal(units[1]?.trigger, { raw: 'n/a', date: null, relative: null });
  assert.is(units[0]?.since?.date?.toISOString(), '2023-08-09T00:30:01.000Z');
  allClean(units);
});

status('marks pager cuts (`>`) in the Loaded, Process and journal lines and keeps what survived', () => {
  const unit = only('pager-cut-v250-fedora.txt');
  assert.is(unit.unitFileState, 'enabled');
  assert.is(unit.preset, null);
  assert.equal(unit.truncated, ['preset', 'processes.0.code', 'journal.1.message', 'journal.2.message']);
  assert.is(unit.processes[0]?.command, '/usr/libexec/postgresql-check-db-dir postgresql');
  assert.is(unit.journal[1]?.message, '2022-01-20 14:02:11.552 CET [1203] LOG:  redirecting log output to logg');
  assert.ok(unit.changedOnDisk);
});

status('marks systemd ellipsis in tree and journal and leaves an ambiguous zone (BST) undated', () => {
  const unit = only('ellipsized-tty-v248.txt');
  assert.is(unit.preset, 'enab');
  assert.equal(unit.truncated, ['preset', 'cgroupTree.2.command', 'journal.1.message', 'journal.3.message']);
  assert.equal(unit.since, { raw: 'Sat 2021-06-12 17:44:08 BST', date: null, relative: '5h 12min ago' });
  assert.equal(unit.cgroupTree.map((n) => n.kind === 'process' && n.pid), [801, 20816, 20817]);
});

status('reads pre-v212 headers without a glyph and ASCII trees', () => {
  const unit = only('v208-ascii-fr-weekday.txt');
  assert.equal([unit.glyph, unit.name, unit.description], [null, 'sshd.service', 'OpenSSH server daemon']);
  assert.is(unit.since?.date?.toISOString(), '2014-03-05T08:41:22.000Z');
  assert.equal(unit.cgroupTree, [{ kind: 'process', pid: 871, command: '/usr/sbin/sshd -D', depth: 0, extra: false }]);
  assert.equal(unit.journal.map((e) => e.month), [3, 3]);
});

status('reads ASCII glyphs, killed processes and `...` ellipsis in non-UTF-8 locales', () => {
  const [xrdp, containerd] = parseStatus(fixture('ascii-lxc-failed.txt'));
  assert.equal([xrdp?.glyph, xrdp?.glyphState, xrdp?.result], ['x', 'failed', 'timeout']);
  assert.equal(xrdp?.processes[1], { pid: 3609, kind: 'ExecStart', command: '/usr/sbin/xrdp $XRDP_OPTIONS', code: 'killed', status: null, statusName: null, signal: 'TERM' });
  assert.equal([containerd?.glyph, containerd?.glyphState], ['*', 'dot']);
  assert.equal(containerd?.truncated, ['cgroupTree.1.command']);
  assert.equal(containerd?.cgroupTree.map((n) => n.kind === 'process' && n.command), ['/usr/bin/containerd', '/usr/bin/containerd-shim-runc-v2 -namespace moby -id 91ab4c0e9d']);
});

status('reads the manager block with nested sub-cgroups and their depth', () => {
  const [manager] = parseStatus(fixture('manager-user-v251.txt'));
  assert.is(manager?.name, 'alice-laptop');
  assert.equal([manager?.manager?.state, manager?.manager?.failed, manager?.manager?.version], ['degraded', '1 units', '251.3-1-arch']);
  assert.equal(manager?.cgroupTree.map((n) => `${n.depth}:${n.kind === 'process' ? n.pid : n.name}`), [
    '0:app.slice', '1:app-dbus\\x2d:1.2\\x2dorg.gnome.Terminal.slice', '2:gnome-terminal-server.service', '3:2210',
    '1:syncthing.service', '2:1533', '0:init.scope', '1:1201', '1:1202',
  ]);
  assert.equal(manager?.diagnostics, []);
});

status('strips colours and OSC 8 hyperlinks before reading', () => {
  const text = [
    '\x1b[0;1;32m●\x1b[0m nginx.service - nginx',
    '     Loaded: loaded (\x1b]8;;file://host/etc/systemd/system/nginx.service\x1b\\/etc/systemd/system/nginx.service\x1b]8;;\x1b\\; \x1b[0;1;32menabled\x1b[0m; preset: \x1b[0;1;32menabled\x1b[0m)',
    '     Active: \x1b[0;1;32mactive (running)\x1b[0m since Mon 2024-01-01 00:00:00 UTC; 1h ago',
    '      Tasks: 2 \x1b[0;38:5:245m(limit: 100)\x1b[0m',
  ].join('\n');
  const [unit] = parseStatus(text);
  assert.equal([unit?.glyph, unit?.unitFilePath, unit?.unitFileState, unit?.preset, unit?.subState, unit?.tasksLimit],
    ['●', '/etc/systemd/system/nginx.service', 'enabled', 'enabled', 'running', 100]);
});

status('accepts pastes that lost all indentation and the blank line before the journal', () => {
  const text = fixture('v219-centos7-httpd-failed.txt').split('\n').map((l) => l.trimStart()).filter((l) => l !== '').join('\n');
  const [unit] = parseStatus(text);
  assert.equal(unit?.docs, ['man:httpd(8)', 'man:apachectl(8)']);
  assert.is(unit?.journal.length, 10);
  assert.equal(unit?.diagnostics, []);
});

status('joins key lines that a terminal or mail client wrapped onto the next line', () => {
  const text = [
    '● nginx.service - A high performance web server and a reverse proxy server',
    '   Loaded: loaded (/lib/systemd/system/nginx.service; enabled; vendor preset: enab',
    'led)',
    '   Active: failed (Result: exit-code) since Tue 2019-03-05 10:12:01 UTC; 5min ago',
    '  Process: 2211 ExecStart=/usr/sbin/nginx -g daemon on; master_process on; (code=exited, status=1/',
    'FAILURE)',
    '   Status: "Waiting for connections on',
    'port 80"',
  ].join('\n');
  const [unit] = parseStatus(text);
  assert.equal([unit?.unitFileState, unit?.preset], ['enabled', 'enabled']);
  assert.equal(unit?.processes.map((p) => [p.command, p.status, p.statusName]), [['/usr/sbin/nginx -g daemon on; master_process on;', 1, 'FAILURE']]);
  assert.is(unit?.statusText, 'Waiting for connections onport 80');
  assert.equal(unit?.truncated, []);
  assert.equal(unit?.diagnostics, []);
});

status('restores the sub-state systemd omits when it equals the active state', () => {
  const [target] = parseStatus('● multi-user.target - Multi-User System\n     Active: active since Mon 2024-01-01 00:00:00 UTC; 1h ago\n');
  assert.equal([target?.activeState, target?.subState], ['active', 'active']);
});

status('reports unrecognized lines with their line number instead of failing', () => {
  const text = '● a.service - A\n     Loaded: loaded (/a; static)\n     Flavour: vanilla\nthis is not systemd output\n         IP: lots\n';
  const [unit] = parseStatus(text);
  assert.equal(unit?.diagnostics, [
    { line: 3, text: '     Flavour: vanilla', reason: 'unknown key' },
    { line: 4, text: 'this is not systemd output', reason: 'unrecognized line' },
    { line: 5, text: 'lots', reason: 'unreadable IP value' },
  ]);
});

status('joins continuation lines of multi-line journal messages', () => {
  const text = '● a.service\n     Active: active (running)\n\nJan 02 03:04:05 h a[1]: first\n                        second\n';
  assert.is(parseStatus(text)[0]?.journal[0]?.message, 'first\nsecond');
});

status('returns no units for empty or non-string input', () => {
  assert.equal(parseStatus(''), []);
  assert.equal(parseStatus(undefined as unknown as string), []);
});

status('turns `Unit … could not be found.` into a not-found unit', () => {
  const [unit] = parseStatus('Unit nginx.service could not be found.\n');
  assert.equal([unit?.name, unit?.loadState, unit?.loadError], ['nginx.service', 'not-found', 'Unit nginx.service could not be found.']);
});

status('keeps pasted shell prompts and journal boundary markers out of diagnostics', () => {
  const text = 'admin@web03:~$ systemctl status a.service\n● a.service\n     Active: active (running)\n\n-- Boot 4e1c2b --\nJan 02 03:04:05 h a[1]: x\n';
  const out = parseStatusOutput(text);
  assert.equal(out.notices, ['admin@web03:~$ systemctl status a.service', '-- Boot 4e1c2b --']);
  assert.equal(out.diagnostics, []);
  assert.equal(out.units[0]?.diagnostics, []);
  assert.is(out.units[0]?.journal.length, 1);
});

status('ends a unit at a pasted shell command and keeps prompts with spaces and pager lines as notices', () => {
  const out = parseStatusOutput(fixture('v219-prompt-pager-autorestart-cs.txt'));
  assert.equal(out.notices, [
    '[root@db1 ~]# systemctl status sshd.service',
    'lines 1-10/10 (END)...skipping...',
    '[root@db1 ~]# systemctl mask foo',
    'core@node-2 ~ $ fleetctl list-units && sudo systemctl status bar.service',
    'lines 1-7/7 (END)',
  ]);
  assert.equal(out.diagnostics, [{ line: 14, text: 'Created symlink from /etc/systemd/system/foo.service to /dev/null.', reason: 'not part of a unit block' }]);
  const [sshd, bar] = out.units;
  allClean(out.units);
  assert.equal([sshd?.activeState, sshd?.subState, sshd?.result], ['activating', 'auto-restart', 'exit-code']);
  assert.is(sshd?.since?.date?.toISOString(), '2016-08-02T13:43:28.000Z');
  assert.equal(sshd?.mainExit, { code: 'exited', status: 255, statusName: null, signal: null });
  assert.equal(sshd?.journal.map((j) => [j.month, j.host, j.identifier]), [[8, 'db1', 'systemd'], [8, 'db1', 'systemd']]);
  assert.equal(bar?.cgroupTree, [{ kind: 'process', pid: 2269, command: "/bin/sh -c 'echo ok > /tmp/x; systemctl is-active bar'", depth: 0, extra: false }]);
});

status('keeps an indented journal continuation that starts with systemctl in its message', () => {
  const text = '● a.service\n     Active: active (running)\n\nJan 02 03:04:05 h a[1]: run these:\n    systemctl restart b.service\nJan 02 03:04:06 h a[1]: done\n';
  const out = parseStatusOutput(text);
  assert.equal(out.notices, []);
  assert.equal(out.units[0]?.journal.map((j) => j.message), ['run these:\nsystemctl restart b.service', 'done']);
  allClean(out.units);
});

status('reads indentation made of no-break spaces from a web page paste', () => {
  const unit = only('v255-nbsp-indented-web-paste.txt');
  allClean([unit]);
  assert.equal([unit.glyph, unit.name, unit.loadState, unit.activeState, unit.subState], ['●', 'web.service', 'loaded', 'active', 'running']);
  assert.equal([unit.mainPid, unit.tasks, unit.tasksLimit, unit.memory?.bytes, unit.cpuMs], [812, 11, 4557, Math.round(48.2 * 1024 * 1024), 2113]);
  assert.equal(unit.cgroupTree, [{ kind: 'process', pid: 812, command: 'node /srv/web/server.js', depth: 0, extra: false }]);
  assert.is(unit.journal[0]?.host, 'app1');
});

status('reads journal lines pasted without a host name', () => {
  const unit = only('v229-journal-no-hostname.txt');
  allClean([unit]);
  assert.is(unit.since?.date?.toISOString(), '2016-05-01T20:03:06.000Z', 'BRT is a retired but unambiguous zone');
  assert.equal(unit.journal.map((j) => [j.host, j.identifier, j.pid, j.message]), [
    [null, 'systemd', 1, 'flaky.service: Main process exited, code=exited, status=1/FAILURE'],
    [null, 'systemd', 1, 'flaky.service: Unit entered failed state.'],
    [null, 'kernel', null, 'traps: false[537] general protection fault'],
  ]);
});

status('does not take an elided line below a drop-in for another drop-in directory', () => {
  const [unit] = parseStatus('● ssh.service\n    Drop-In: /usr/lib/systemd/system/ssh.service.d\n             └─always.conf\n...\n');
  assert.equal(unit?.dropIns, [{ directory: '/usr/lib/systemd/system/ssh.service.d', files: ['always.conf'] }]);
  assert.equal(unit?.diagnostics.map((d) => d.text), ['...']);
});

status.run();
