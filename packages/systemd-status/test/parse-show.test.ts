import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseShow, parseStatus, summarize } from '../src/index.js';
import { fixture } from './fixtures.js';

const show = suite('parseShow');

show('maps show properties to the same field names parseStatus uses', () => {
  const [unit] = parseShow(fixture('show-podman-isso.txt'));
  const [status] = parseStatus(fixture('reference-podman-isso.txt'));
  for (const field of ['name', 'loadState', 'activeState', 'subState', 'result', 'mainPid', 'tasks', 'tasksLimit', 'cgroup'] as const) {
    assert.equal(unit?.[field], status?.[field], field);
  }
  assert.equal(unit?.since, { raw: 'Sun 2020-11-01 16:04:16 UTC', date: new Date('2020-11-01T16:04:16Z'), relative: null });
  assert.is(unit?.unitFilePath, '/nix/store/a66gzqqwcdzbh99sz8zz5l5xl8r8ag7w-unit-podman-isso.service/podman-isso.service');
  assert.equal([unit?.unitFileState, unit?.preset], ['enabled', 'enabled']);
  assert.equal(unit?.memory?.bytes, 232050688);
  assert.equal(unit?.memory?.details, [{ name: 'high', raw: 'infinity', bytes: null }, { name: 'max', raw: 'infinity', bytes: null }]);
  assert.is(unit?.cpuMs, 10058.123);
  assert.equal(unit?.ip, { in: 0, out: 0 });
  assert.is(unit?.invocation, '5c0ad0b3b4d94f3e8b6f8c2c7b1f1c57');
  assert.is(unit?.invocationId, '5c0ad0b3b4d94f3e8b6f8c2c7b1f1c57');
  assert.equal([unit?.memory?.high, unit?.memory?.max, unit?.memory?.peak], [{ raw: 'infinity', bytes: null }, { raw: 'infinity', bytes: null }, null]);
  assert.equal(unit?.docs, []);
  assert.is(unit?.statusText, null);
  assert.is(unit?.properties.Restart, 'always');
});

show('fills the typed memory fields from MemoryPeak, MemorySwapCurrent, MemorySwapPeak and MemoryZSwapCurrent', () => {
  const text = 'Id=a.service\nMemoryCurrent=1048576\nMemoryMax=2097152\nMemoryPeak=1992294\nMemorySwapCurrent=0\nMemorySwapPeak=4096\nMemoryZSwapCurrent=[not set]\nInvocationID=\n';
  const [unit] = parseShow(text);
  assert.equal([unit?.memory?.max?.bytes, unit?.memory?.peak?.bytes, unit?.memory?.swap?.bytes, unit?.memory?.swapPeak?.bytes, unit?.memory?.zswap],
    [2097152, 1992294, 0, 4096, null]);
  assert.equal([unit?.invocation, unit?.invocationId], [null, null]);
  assert.match(summarize(unit ?? {}).summary, /peak 1992294 near max 2097152, 95%/);
});

show('reads exec commands that ran, with their exit status', () => {
  const [unit] = parseShow(fixture('show-podman-isso.txt'));
  assert.equal(unit?.processes.map((p) => [p.kind, p.pid, p.code, p.status]), [['ExecStartPre', 14564, 'exited', 0], ['ExecStart', 14697, null, null]]);
  assert.ok(unit?.processes[0]?.command.endsWith('/bin/podman-isso-pre-start'));
});

show('reads signals of killed exec commands and drops numeric status names', () => {
  const text = [
    'Id=a.service',
    'ExecStart={ path=/bin/a ; argv[]=/bin/a -x ; ignore_errors=no ; start_time=[n/a] ; stop_time=[n/a] ; pid=7 ; code=killed ; status=15/TERM }',
    'ExecStopPost={ path=/bin/b ; argv[]=/bin/b ; ignore_errors=no ; start_time=[n/a] ; stop_time=[n/a] ; pid=8 ; code=exited ; status=0/0 }',
  ].join('\n');
  assert.equal(parseShow(text)[0]?.processes, [
    { pid: 7, kind: 'ExecStart', command: '/bin/a -x', code: 'killed', status: null, statusName: null, signal: 'TERM' },
    { pid: 8, kind: 'ExecStopPost', command: '/bin/b', code: 'exited', status: 0, statusName: null, signal: null },
  ]);
});

show('splits units on empty lines and turns [not set] and UINT64_MAX into null', () => {
  const [failed, missing] = parseShow(fixture('show-failed-and-missing.txt'));
  assert.equal([failed?.activeState, failed?.result, failed?.nRestarts, failed?.mainPid], ['failed', 'exit-code', 5, null]);
  assert.equal(failed?.mainExit, { code: 'exited', status: 3, statusName: null, signal: null });
  assert.equal([failed?.memory?.bytes, failed?.tasks, failed?.cpuMs], [null, null, 21]);
  assert.equal(failed?.docs, ['man:mosquitto.conf(5)', 'man:mosquitto(8)']);
  assert.is(failed?.since?.date?.toISOString(), '2022-03-16T20:04:30.000Z');
  assert.equal([missing?.loadState, missing?.loadError], ['not-found', 'org.freedesktop.systemd1.NoSuchUnit "Unit nfs-server.service not found."']);
});

show('reports lines that are not Key=Value and keeps going', () => {
  const [unit] = parseShow('Id=a.service\nthis line is not a property\nActiveState=active\n');
  assert.equal(unit?.diagnostics, [{ line: 2, text: 'this line is not a property', reason: 'not a Key=Value line' }]);
  assert.is(unit?.activeState, 'active');
});

show('keeps a property named like an Object prototype member as plain data', () => {
  const [unit] = parseShow('constructor=x\n__proto__=y\nId=a.service\n');
  assert.is(unit?.properties.constructor, 'x');
  assert.is(unit?.name, 'a.service');
});

show.run();
