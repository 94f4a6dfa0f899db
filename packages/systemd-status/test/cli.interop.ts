import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { fixture } from './fixtures.js';

// Runs the built CLI as a real subprocess, the way a script would pipe `systemctl status` into it.
const cli = suite('systemd-status CLI');
const BIN = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

function run(args: readonly string[], input: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], { input, encoding: 'utf8' });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

cli('prints the parsed units and verdicts as JSON and exits 0 when everything runs', () => {
  const { status, stdout } = run([], fixture('reference-podman-isso.txt'));
  assert.is(status, 0);
  const json = JSON.parse(stdout) as { units: { name: string; since: { date: string } }[]; verdicts: { health: string }[] };
  assert.is(json.units[0]?.name, 'podman-isso.service');
  assert.is(json.units[0]?.since.date, '2020-11-01T16:04:16.000Z');
  assert.equal(json.verdicts.map((v) => v.health), ['running']);
});

cli('prints one summary line per unit and exits 3 when a unit is not running', () => {
  const { status, stdout } = run(['--summary'], fixture('v255-ubuntu2404-missing-ru.txt'));
  assert.is(status, 3);
  const lines = stdout.trimEnd().split('\n');
  assert.is(lines.length, 3);
  assert.match(lines[0] ?? '', /^nfs-server\.service: failed: unit not-found/);
  assert.match(lines[2] ?? '', /^cron\.service: running/);
});

cli('dates short journal lines with --reference-date', () => {
  const { stdout } = run(['--reference-date=2020-11-01T17:00:00Z'], fixture('reference-podman-isso.txt'));
  const json = JSON.parse(stdout) as { units: { journal: { date: string | null }[] }[] };
  assert.is(json.units[0]?.journal[0]?.date, '2020-11-01T16:04:17.000Z');
});

cli('reads systemctl show output with --show', () => {
  const { status, stdout } = run(['--show', '--summary'], fixture('show-failed-and-missing.txt'));
  assert.is(status, 3);
  assert.match(stdout, /^mosquitto\.service: failed: exit-code: main process exited with status 3/);
});

cli('exits 4 with a message when the input holds no unit, and 2 on a bad flag', () => {
  const empty = run([], 'nothing to see here\n');
  assert.is(empty.status, 4);
  assert.match(empty.stderr, /no unit found/);
  const bad = run(['--colour'], '');
  assert.is(bad.status, 2);
  assert.match(bad.stderr, /--colour/);
});

cli('survives every fixture with random bytes appended', () => {
  for (const name of ['ascii-lxc-failed.txt', 'manager-user-v251.txt', 'pager-cut-v250-fedora.txt']) {
    const { status, stdout } = run(['--json'], `${fixture(name)}\u0000\x1b[\ud800>…`);
    assert.ok(status === 0 || status === 3, `${name}: exit ${status}`);
    JSON.parse(stdout);
  }
});

cli.run();
