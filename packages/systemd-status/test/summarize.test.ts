import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseShow, parseStatus, summarize, SystemdStatusError } from '../src/index.js';
import { fixture } from './fixtures.js';

const health = suite('summarize');

const verdict = (name: string, index = 0) => summarize(parseStatus(fixture(name))[index] ?? {});

health('calls an active unit running and says how it runs in one line', () => {
  const result = verdict('reference-podman-isso.txt');
  assert.equal(result, {
    health: 'running', unit: 'podman-isso.service',
    summary: 'podman-isso.service: running — active (running) since 2020-11-01T16:04:16.000Z; main PID 14697 (podman), 10 tasks, memory 221.3M, CPU 10058 ms',
  });
  assert.not.match(result.summary, /\n/);
});

health('gives the result and the failing process as the reason of a failure', () => {
  const result = verdict('v219-centos7-httpd-failed.txt');
  assert.is(result.health, 'failed');
  assert.is(result.health === 'failed' && result.reason, 'exit-code: main process exited with status 1/FAILURE');
  const killed = verdict('ascii-lxc-failed.txt');
  assert.is(killed.health === 'failed' && killed.reason, 'timeout: ExecStart killed by signal TERM');
});

health('calls activating (auto-restart) restarting', () => {
  const result = verdict('v249-ubuntu2204-auto-restart-nl.txt');
  assert.is(result.health, 'restarting');
  assert.is(result.health === 'restarting' && result.reason, 'exit-code: main process exited with status 3');
});

health('separates missing (failed), masked (inactive) and never-started (inactive) units', () => {
  assert.is(verdict('v255-ubuntu2404-missing-ru.txt', 0).health, 'failed');
  assert.match(verdict('v255-ubuntu2404-missing-ru.txt', 0).summary, /not-found/);
  assert.is(verdict('v255-ubuntu2404-missing-ru.txt', 1).health, 'inactive');
  assert.is(verdict('v252-debian12-condition-fi.txt', 0).health, 'inactive');
});

health('treats timers, sockets, paths and mounts that wait as running', () => {
  assert.is(verdict('v237-ubuntu1804-timer-es.txt').health, 'running');
  assert.is(verdict('v245-docker-socket-it.txt').health, 'running');
  assert.is(verdict('v247-debian11-mount-pt.txt').health, 'running');
});

health('judges the manager block by its State line', () => {
  const result = verdict('manager-user-v251.txt');
  assert.is(result.health === 'failed' && result.reason, 'system degraded (1 units failed)');
});

health('accepts parseShow results and reaches the same verdict', () => {
  const [failed, missing] = parseShow(fixture('show-failed-and-missing.txt'));
  assert.is(summarize(failed ?? {}).health, 'failed');
  assert.is(summarize(missing ?? {}).health, 'failed');
  assert.is(summarize(parseShow(fixture('show-podman-isso.txt'))[0] ?? {}).health, 'running');
});

health('says unknown for a unit without any state and starting/stopping for transitions', () => {
  assert.equal(summarize({}), { health: 'unknown', unit: null, summary: 'unit: unknown' });
  assert.is(summarize({ activeState: 'activating', subState: 'start-pre' }).health, 'starting');
  assert.is(summarize({ activeState: 'deactivating', subState: 'stop-sigterm' }).health, 'stopping');
});

health('gives the same verdict for a unit read back from JSON, where dates are strings', () => {
  for (const name of ['reference-podman-isso.txt', 'v255-ubuntu2404-missing-ru.txt', 'v219-centos7-httpd-failed.txt']) {
    for (const unit of parseStatus(fixture(name))) {
      assert.equal(summarize(JSON.parse(JSON.stringify(unit)) as never), summarize(unit), name);
    }
  }
});

health('refuses a unit or a field of the wrong type, naming the field', () => {
  // eslint-disable-next-line no-sparse-arrays
  const sparse = [, { kind: 'ExecStart', code: 'exited', status: 1, statusName: null, signal: null }];
  for (const [unit, path] of [
    [null, 'unit'], ['x', 'unit'], [[], 'unit'], [42, 'unit'],
    [{ name: 5 }, 'unit.name'],
    [{ activeState: {} }, 'unit.activeState'],
    [{ mainPid: NaN }, 'unit.mainPid'],
    [{ tasks: 10n }, 'unit.tasks'],
    [{ cpuMs: Infinity }, 'unit.cpuMs'],
    [{ memory: 1 }, 'unit.memory'],
    [{ since: { raw: 'x', date: 'not a date' } }, 'unit.since.date'],
    [{ processes: 'x' }, 'unit.processes'],
    [{ processes: sparse }, 'unit.processes.0'],
    [{ mainExit: { status: '1' } }, 'unit.mainExit.status'],
    [{ manager: [] }, 'unit.manager'],
  ] as const) {
    assert.throws(() => summarize(unit as never), (error: unknown) => error instanceof SystemdStatusError && error.path === path, String(path));
  }
});

health.run();
