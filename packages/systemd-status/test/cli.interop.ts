import { spawnSync } from 'node:child_process';
import { mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { make } from '../bench/generate.js';
import { parseShow, parseStatusOutput, summarize } from '../src/index.js';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { fixture } from './fixtures.js';

// Runs the built CLI as a real subprocess, the way a script would pipe `systemctl status` into it.
const cli = suite('systemd-status CLI');
const BIN = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

function require_fd(path: string): number {
  return openSync(path, 'r');
}

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

cli('summarises v257 and v258 output with refreshing units, jobs, error parts and --ndjson fields', () => {
  const summary = run(['--summary'], fixture('v257-job-refreshing-dbus-it.txt'));
  assert.is(summary.status, 3, 'the inactive unit waiting for its job is not running');
  assert.equal(summary.stdout.trimEnd().split('\n').map((l) => l.replace(/ — .*?;/, ' —;')), [
    'portable-app.service: running, refreshing —; main PID 1422 (app), 4 tasks, memory 52M (peak 61M near max 64M, 95%), CPU 2517 ms, status "Serving 12 clients", error code: 13 (Permesso negato); D-Bus: org.freedesktop.DBus.Error.AccessDenied',
    'reports.service: inactive —; job 4711 in progress',
  ]);
  const ndjson = run(['--ndjson'], fixture('v258-act-units-job-invocation-pl.txt'));
  const [slice, importer] = ndjson.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { unit: Record<string, unknown> });
  assert.equal(slice?.unit.activeUnits, { count: 3, softLimit: 2, hardLimit: 4, activatingLimit: null });
  assert.equal([importer?.unit.jobId, importer?.unit.invocationId, importer?.unit.fdStore], [912, '0c1d2e3f405142638798a9b0c1d2e3f4', { count: 8, limit: 8 }]);
  assert.equal((importer?.unit.statusError as { varlink: string }).varlink, 'io.systemd.TimedOut');
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

cli('prints exactly what JSON.stringify of the whole parse would, in every output mode', () => {
  for (const name of ['reference-podman-isso.txt', 'v255-ubuntu2404-missing-ru.txt', 'pager-cut-v250-fedora.txt', 'show-failed-and-missing.txt']) {
    const text = fixture(name);
    const show = name.startsWith('show');
    const flags = show ? ['--show'] : [];
    const out = show ? { units: parseShow(text) } : parseStatusOutput(text);
    const verdicts = out.units.map((unit) => summarize(unit));
    assert.is(run(flags, text).stdout, `${JSON.stringify({ ...out, verdicts }, null, 2)}\n`, name);
    const lines = run([...flags, '--ndjson'], text).stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as unknown);
    assert.equal(lines.slice(0, out.units.length), JSON.parse(JSON.stringify(out.units.map((unit, i) => ({ unit, verdict: verdicts[i] })))), name);
  }
});

cli('accepts --opt value as well as --opt=value, and prints --version and --help', () => {
  const text = fixture('reference-podman-isso.txt');
  const spaced = run(['--reference-date', '2020-11-01T17:00:00Z', '--utc-offset', '0'], text);
  assert.is(spaced.status, 0, spaced.stderr);
  assert.is(spaced.stdout, run(['--reference-date=2020-11-01T17:00:00Z', '--utc-offset=0'], text).stdout);
  assert.match(run(['--version'], '').stdout, /^systemd-status \d+\.\d+\.\d+\n$/);
  assert.match(run(['--help'], '').stdout, /--ndjson/);
});

cli('refuses options that do not apply or conflict, with one line and exit 2', () => {
  for (const args of [['--show', '--reference-date', '2020-11-01'], ['--json', '--summary'], ['--utc-offset', '60', '--utc-offset=0'], ['--reference-date'], ['--reference-date', 'yesterday'], ['--utc-offset', '3600'], ['--show=yes'], ['extra']]) {
    const { status, stdout, stderr } = run(args, '');
    assert.is(status, 2, args.join(' '));
    assert.is(stdout, '');
    assert.is(stderr.trimEnd().split('\n').length, 1, stderr);
    assert.match(stderr, /^systemd-status: /);
  }
});

cli('a directory on stdin, /dev/full on stdout and an endless line give one line and exit 1', () => {
  const dir = spawnSync(process.execPath, [BIN], { stdio: [require_fd('/'), 'pipe', 'pipe'], encoding: 'utf8' });
  assert.is(dir.status, 1);
  assert.match(dir.stderr, /^systemd-status: cannot read stdin: it is a directory \(EISDIR\)\n$/);
  const full = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" > /dev/full`], { input: fixture('reference-podman-isso.txt'), encoding: 'utf8' });
  assert.is(full.status, 1);
  assert.match(full.stderr, /^systemd-status: cannot write stdout: no space left on the device \(ENOSPC\)\n$/);
  const zero = spawnSync('sh', ['-c', `head -c 20000000 /dev/zero | "${process.execPath}" "${BIN}"`], { encoding: 'utf8' });
  assert.is(zero.status, 1);
  assert.match(zero.stderr, /^systemd-status: input line 1 is longer than 16 MiB[^\n]*\n$/);
  const yes = spawnSync('sh', ['-c', `yes | "${process.execPath}" --max-old-space-size=128 "${BIN}"`], { encoding: 'utf8' });
  assert.is(yes.status, 1);
  assert.match(yes.stderr, /^systemd-status: more than 64 MiB or 250,000 lines of input[^\n]*\n$/);
});

cli('a reader that goes away (EPIPE) ends the run quietly', () => {
  const dir = mkdtempSync(join(tmpdir(), 'systemd-status-'));
  try {
    const input = join(dir, 'status.txt');
    writeFileSync(input, make(0.5));
    const piped = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${BIN}" --ndjson < "${input}" | head -c 100 > /dev/null; echo "status \${PIPESTATUS[0]}" >&2`], { encoding: 'utf8' });
    assert.is(piped.stderr, 'status 141\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

cli('streams a 50 MB input through a 64 MB heap', () => {
  const dir = mkdtempSync(join(tmpdir(), 'systemd-status-'));
  try {
    const input = join(dir, 'status.txt');
    writeFileSync(input, make(2.5));
    for (const mode of ['--json', '--ndjson', '--summary']) {
      const result = spawnSync('sh', ['-c', `"${process.execPath}" --max-old-space-size=64 "${BIN}" ${mode} < "${input}" | wc -l`], { encoding: 'utf8' });
      assert.is(result.stderr, '', mode);
      assert.ok(Number(result.stdout.trim()) > 7000, `${mode}: ${result.stdout}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

cli.run();
