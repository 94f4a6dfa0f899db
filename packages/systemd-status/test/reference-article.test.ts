import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseStatus, type JournalEntry, type SystemdUnitStatus } from '../src/index.js';
import { fixture } from './fixtures.js';

const reference = suite('parseStatus: the reference article');

const ENTRIES: readonly [number, string, string, number, string][] = [
  [14, '16:04:17', 'podman', 14697, 'container init (image=localhost/isso:latest)'],
  [15, '16:04:17', 'podman', 14697, 'container start (image=localhost/isso:latest)'],
  [16, '16:04:17', 'podman', 14697, 'container attach (image=localhost/isso:latest)'],
  [17, '16:04:19', 'conmon', 14802, 'INFO: connected to SMTP server'],
  [18, '16:04:19', 'conmon', 14802, 'INFO: connected to https://vincent.bernat.ch'],
  [19, '16:04:19', 'conmon', 14802, '[INFO] Starting gunicorn 20.0.4'],
  [20, '16:04:19', 'conmon', 14802, '[INFO] Listening at: http://0.0.0.0:8080 (1)'],
  [21, '16:04:19', 'conmon', 14802, '[INFO] Using worker: gevent'],
  [22, '16:04:19', 'conmon', 14802, '[INFO] Booting worker with pid: 8'],
  [23, '16:04:19', 'conmon', 14802, '[INFO] Booting worker with pid: 9'],
];

function journal(dated: boolean): JournalEntry[] {
  return ENTRIES.map(([line, time, identifier, pid, message]) => ({
    line, timestamp: `nov. 01 ${time}`, date: dated ? new Date(`2020-11-01T${time}Z`) : null,
    month: 11, day: 1, time, host: 'web03', identifier, pid, message,
  }));
}

function expected(dated: boolean): SystemdUnitStatus {
  return {
    line: 1, glyph: '●', glyphState: 'dot', name: 'podman-isso.service', description: null, follows: null,
    loadState: 'loaded', loadError: null,
    unitFilePath: '/nix/store/a66gzqqwcdzbh99sz8zz5l5xl8r8ag7w-unit-', unitFileState: null, preset: null,
    transient: false, dropIns: [],
    activeState: 'active', subState: 'running', freezerState: null, result: null,
    since: { raw: 'Sun 2020-11-01 16:04:16 UTC', date: new Date('2020-11-01T16:04:16Z'), relative: '4min 44s ago' },
    until: null, duration: null, invocation: null, invocationId: null, triggeredBy: [], job: null, jobId: null, trigger: null, triggers: [],
    condition: null, assert: null, device: null, where: null, what: null, docs: [], listen: [], accepted: null,
    processes: [{
      pid: 14564, kind: 'ExecStartPre', command: '/nix/store/95zfn4vg4867gzxz1gw7nxayqcl',
      code: null, status: null, statusName: null, signal: null,
    }],
    mainPid: 14697, mainProcess: 'podman', mainExit: null, controlPid: null, controlProcess: null,
    statusText: null, error: null, statusError: null, activeUnits: null,
    ip: { in: { raw: '0B', bytes: 0 }, out: { raw: '0B', bytes: 0 } }, io: null,
    tasks: 10, tasksLimit: 2313, fdStore: null,
    memory: {
      raw: '221.3M', bytes: 232049869, details: [],
      peak: null, swap: null, swapPeak: null, zswap: null, available: null, high: null, max: null, limit: null,
    }, memPeak: null,
    cpu: '10.058s', cpuMs: 10058,
    cgroup: '/system.slice/podman-isso.service',
    cgroupTree: [
      { kind: 'process', pid: 14697, command: '/nix/store/pn52xgn1wb2vr2kirq3xj8ij0rys35mf-podma', depth: 0, extra: false },
      { kind: 'process', pid: 14802, command: '/nix/store/7vsba54k6ag4cfsfp95rvjzqf6rab865-conmo', depth: 0, extra: false },
    ],
    journal: journal(dated),
    warnings: [], changedOnDisk: false, manager: null,
    truncated: ['unitFilePath', 'processes.0.command', 'cgroupTree.0.command', 'cgroupTree.1.command'],
    diagnostics: [],
  };
}

reference('parses the article output exactly, journal dates left open without a year', () => {
  const units = parseStatus(fixture('reference-podman-isso.txt'));
  assert.equal(units, [expected(false)]);
});

reference('dates the French journal lines once the capture date is known (zone taken from the UTC since line)', () => {
  const units = parseStatus(fixture('reference-podman-isso.txt'), { referenceDate: new Date('2020-11-01T16:09:00Z') });
  assert.equal(units, [expected(true)]);
});

reference('keeps the result identical when the paste uses CRLF line ends', () => {
  const crlf = fixture('reference-podman-isso.txt').replace(/\n/g, '\r\n');
  assert.equal(parseStatus(crlf), [expected(false)]);
});

reference.run();
