// The commands wired into nixkit-isso after the rewrite (schema, nomad, fleet, fleet-status and
// --nixos-release), run as a person runs them: the built bin/nixkit-isso.cjs as a subprocess, on
// real files. Written files are checked with the real parsers (nix-instantiate --parse, the
// jobspec decoder of @nixkit/nomad-job's tests); --collect runs the real systemctl.
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { nixParseOrThrow, requireTool } from '../../../tools/test-helpers/index.js';
import { canonicalOrder, decodeJobspec } from '../../nomad-job/test/support/jobspec-decode.js';
import { NIXOS_RELEASES } from '../src/nixos-release.js';
import { ARTICLE_STATUS, FAILED_NATIVE, MINIMAL } from './fixtures.js';
import { assertOneLineErrors, runCli, type CliRun } from './support/cli-run.js';

function run(args: readonly string[], options: { input?: string; env?: NodeJS.ProcessEnv } = {}): CliRun {
  return runCli(args, options);
}

function assertFails(result: CliRun, code: number, message: RegExp): void {
  assert.is(result.code, code, result.stderr);
  assert.match(result.stderr, message);
  assertOneLineErrors(result);
}

const dirs: string[] = [];
function workdir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'nixkit-isso-commands-'));
  dirs.push(dir);
  return dir;
}
process.on('exit', () => { for (const dir of dirs) rmSync(dir, { recursive: true, force: true }); });

function jsonFile(dir: string, name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

/** Every file under `dir` (recursively) with its content, to compare a directory before and after. */
function tree(dir: string, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(join(dir, prefix)).sort()) {
    const rel = prefix === '' ? name : `${prefix}/${name}`;
    if (lstatSync(join(dir, rel)).isDirectory()) Object.assign(out, { [`${rel}/`]: '' }, tree(dir, rel));
    else out[rel] = readFileSync(join(dir, rel), 'utf8');
  }
  return out;
}

const SITE = (domain: string, extra: Record<string, unknown> = {}) => ({ domain, acmeEmail: 'le@example.org', acmeAcceptTerms: true, ...extra });

// ---------------------------------------------------------------------------------------------

const schema = suite('nixkit-isso schema');

schema('prints exactly the shipped schema.json', () => {
  const result = run(['schema']);
  assert.is(result.code, 0, result.stderr);
  assert.is(result.stderr, '');
  assert.is(result.stdout, readFileSync(new URL('../schema.json', import.meta.url), 'utf8'));
  assert.is((JSON.parse(result.stdout) as { type?: string }).type, 'object');
});

schema('takes no options and no arguments', () => {
  assertFails(run(['schema', '--config', 'x.json']), 2, /--config does not apply to schema/);
  assertFails(run(['schema', 'extra']), 2, /unexpected argument "extra"/);
});

// ---------------------------------------------------------------------------------------------

const release = suite('--nixos-release');

const header = (module: string): string => module.split('\n')[0]!;

release('render targets the release given, over the description\'s own nixosRelease', () => {
  const dir = workdir();
  const config = jsonFile(dir, 'deployment.json', { ...MINIMAL, nixosRelease: '25.11' });
  for (const target of NIXOS_RELEASES) {
    const result = run(['render', '--config', config, `--nixos-release=${target}`]);
    assert.is(result.code, 0, result.stderr);
    assert.match(header(result.stdout), new RegExp(`for NixOS ${target.replace('.', '\\.')}\\.$`));
  }
  assert.match(header(run(['render', '--config', config]).stdout), /for NixOS 25\.11\.$/);
});

release('render --out and install write the module for that release', () => {
  const dir = workdir();
  const config = jsonFile(dir, 'deployment.json', MINIMAL);
  const rendered = run(['render', '--config', config, '--nixos-release', '24.11', '--out', join(dir, 'out')]);
  assert.is(rendered.code, 0, rendered.stderr);
  assert.match(readFileSync(join(dir, 'out', 'isso.nix'), 'utf8'), /for NixOS 24\.11\./);
  const configuration = join(dir, 'configuration.nix');
  writeFileSync(configuration, '{ config, pkgs, ... }:\n{\n  imports = [ ];\n}\n');
  const installed = run(['install', '--config', config, '--into', configuration, '--nixos-release', '25.05']);
  assert.is(installed.code, 0, installed.stderr);
  assert.match(readFileSync(join(dir, 'isso.nix'), 'utf8'), /for NixOS 25\.05\./);
});

release('an unknown release is a usage error naming the accepted ones, and nothing is printed or written', () => {
  const dir = workdir();
  const config = jsonFile(dir, 'deployment.json', MINIMAL);
  for (const bad of ['23.05', '25.11 ', 'unstable', '25']) {
    const result = run(['render', '--config', config, '--nixos-release', bad, '--out', join(dir, 'out')]);
    assertFails(result, 2, new RegExp(`--nixos-release must be one of ${NIXOS_RELEASES.join(', ').replaceAll('.', '\\.')}, got "${bad}"`));
    assert.is(result.stdout, '');
  }
  assert.not.ok(existsSync(join(dir, 'out')));
  assertFails(run(['install', '--config', config, '--into', join(dir, 'configuration.nix'), '--nixos-release', '22.11']), 2, /--nixos-release must be one of/);
  // A status does not depend on the release: check-status does not take it.
  assertFails(run(['check-status', '--nixos-release', '25.11'], { input: ARTICLE_STATUS }), 2, /--nixos-release does not apply to check-status/);
});

// ---------------------------------------------------------------------------------------------

const nomad = suite('nixkit-isso nomad');

nomad('prints the HCL job, the same job that --out writes as HCL and as API JSON', async () => {
  const dir = workdir();
  const config = jsonFile(dir, 'deployment.json', SITE('comments.example.org'));
  const printed = run(['nomad', '--config', config]);
  assert.is(printed.code, 0, printed.stderr);
  assertOneLineErrors(printed);
  const out = join(dir, 'new', 'jobs');
  const written = run(['nomad', '--config', config, '--out', out]);
  assert.is(written.code, 0, written.stderr);
  assertOneLineErrors(written);
  assert.equal(readdirSync(out).sort(), ['isso.nomad.hcl', 'isso.nomad.json', 'nomad-node.nix']);
  const hcl = readFileSync(join(out, 'isso.nomad.hcl'), 'utf8');
  const json = JSON.parse(readFileSync(join(out, 'isso.nomad.json'), 'utf8')) as { Job: Record<string, unknown> };
  // The marker and hash lines are HCL comments: the file still decodes to the JSON job.
  assert.match(hcl.split('\n')[0]!, /^# .*generated by @nixkit\/isso-deploy/);
  assert.equal(canonicalOrder(await decodeJobspec(hcl)), canonicalOrder(json));
  assert.equal(canonicalOrder(await decodeJobspec(printed.stdout)), canonicalOrder(json));
  nixParseOrThrow(readFileSync(join(out, 'nomad-node.nix'), 'utf8'));
  assert.match(written.stderr, /wrote .*isso\.nomad\.json/);
});

nomad('a second run is up to date, and a changed description replaces all three files without --force', () => {
  const dir = workdir();
  const out = join(dir, 'out');
  const first = jsonFile(dir, 'a.json', SITE('comments.example.org'));
  assert.is(run(['nomad', '--config', first, '--out', out]).code, 0);
  const before = tree(out);
  const again = run(['nomad', '--config', first, '--out', out]);
  assert.is(again.code, 0, again.stderr);
  assert.is((again.stderr.match(/is up to date/g) ?? []).length, 3, again.stderr);
  assert.equal(tree(out), before);
  const second = jsonFile(dir, 'b.json', SITE('comments.example.org', { port: 8099 }));
  const changed = run(['nomad', '--config', second, '--out', out]);
  assert.is(changed.code, 0, changed.stderr);
  const after = tree(out);
  assert.match(after['isso.nomad.json']!, /8099/);
  assert.match(after['isso.nomad.hcl']!, /8099/);
  assert.not.ok(Object.keys(after).some((name) => name.endsWith('.bak')));
});

nomad('an isso.nomad.json nixkit-isso did not write (or that was edited) is refused; --force keeps it as .bak', () => {
  const dir = workdir();
  const out = join(dir, 'out');
  const config = jsonFile(dir, 'deployment.json', SITE('comments.example.org'));
  assert.is(run(['nomad', '--config', config, '--out', out]).code, 0);
  const edited = readFileSync(join(out, 'isso.nomad.json'), 'utf8').replace('"Name": "isso"', '"Name": "isso-edited"');
  assert.ok(edited.includes('"Name": "isso-edited"'), 'the fixture edit must change the file');
  writeFileSync(join(out, 'isso.nomad.json'), edited);
  const port = jsonFile(dir, 'port.json', SITE('comments.example.org', { port: 8099 }));
  const before = tree(out);
  assertFails(run(['nomad', '--config', port, '--out', out]), 4, /isso\.nomad\.json exists and is not the file nixkit-isso last wrote there.*--force/);
  assert.equal(tree(out), before, 'nothing was changed, not even the HCL');
  const forced = run(['nomad', '--config', port, '--out', out, '--force']);
  assert.is(forced.code, 0, forced.stderr);
  assert.is(readFileSync(join(out, 'isso.nomad.json.bak'), 'utf8'), edited);
  assert.match(readFileSync(join(out, 'isso.nomad.json'), 'utf8'), /8099/);
  // A JSON file beside a hand-written HCL job is not ours either.
  const foreign = join(dir, 'foreign');
  mkdirSync(foreign);
  writeFileSync(join(foreign, 'isso.nomad.hcl'), 'job "mine" {}\n');
  writeFileSync(join(foreign, 'isso.nomad.json'), '{"Job": {"ID": "mine"}}\n');
  assertFails(run(['nomad', '--config', config, '--out', foreign]), 4, /isso\.nomad\.(hcl|json) exists/);
  assert.equal(readdirSync(foreign).sort(), ['isso.nomad.hcl', 'isso.nomad.json']);
});

nomad('an invalid description is exit 3 naming the file; --force without --out is a usage error', () => {
  const dir = workdir();
  const config = jsonFile(dir, 'bad.json', { domain: 'not a domain', acmeEmail: 'le@example.org' });
  const result = run(['nomad', '--config', config, '--out', join(dir, 'out')]);
  assertFails(result, 3, /bad\.json: .*domain/);
  assert.not.ok(existsSync(join(dir, 'out')));
  assertFails(run(['nomad', '--config', jsonFile(dir, 'ok.json', MINIMAL), '--force']), 2, /--force only applies with --out DIR/);
});

// ---------------------------------------------------------------------------------------------

const fleet = suite('nixkit-isso fleet');

const FLEET = {
  hosts: {
    web1: { targetHost: 'web1.example.org', isso: [SITE('comments.a.example'), SITE('comments.c.example', { port: 8082, containerName: 'isso-c', dbVolume: { hostPath: '/var/db/isso-c' }, image: { tag: 'c' } })] },
    web2: { targetHost: '10.0.0.2', isso: [SITE('comments.b.example', { mode: 'native' })] },
  },
};

fleet('writes the hive, the flake and every host\'s modules into new subdirectories; every file parses as Nix', () => {
  const dir = workdir();
  const config = jsonFile(dir, 'fleet.json', FLEET);
  const out = join(dir, 'deep', 'hive');
  const result = run(['fleet', '--config', config, '--out', out, '--flake']);
  assert.is(result.code, 0, result.stderr);
  assertOneLineErrors(result);
  const files = Object.keys(tree(out)).filter((name) => !name.endsWith('/'));
  assert.equal(files.sort(), [
    'flake.nix', 'hive.nix',
    'hosts/web1/_nginx-http.nix', 'hosts/web1/comments.a.example.nix', 'hosts/web1/comments.c.example.nix',
    'hosts/web2/_nginx-http.nix', 'hosts/web2/comments.b.example.nix',
  ]);
  for (const file of files) {
    const text = readFileSync(join(out, file), 'utf8');
    assert.match(text.split('\n')[0]!, /^#.*generated by @nixkit\/isso-deploy/i, file);
    nixParseOrThrow(text);
  }
  const again = run(['fleet', '--config', config, '--out', out, '--flake']);
  assert.is(again.code, 0, again.stderr);
  assert.is((again.stderr.match(/is up to date/g) ?? []).length, files.length, again.stderr);
  const noFlake = join(dir, 'plain');
  assert.is(run(['fleet', '--config', config, '--out', noFlake]).code, 0);
  assert.not.ok(existsSync(join(noFlake, 'flake.nix')));
});

fleet('a refused file leaves everything as it was: no file written, the directories it created removed', () => {
  const dir = workdir();
  const config = jsonFile(dir, 'fleet.json', FLEET);
  const out = join(dir, 'out');
  mkdirSync(join(out, 'hosts', 'web2'), { recursive: true });
  writeFileSync(join(out, 'hosts', 'web2', 'comments.b.example.nix'), '{ ... }: { }\n');
  const before = tree(out);
  assertFails(run(['fleet', '--config', config, '--out', out]), 4, /comments\.b\.example\.nix exists and was not written by nixkit-isso/);
  assert.equal(tree(out), before, 'hosts/web1 was created and removed again; hive.nix was not written');
  const forced = run(['fleet', '--config', config, '--out', out, '--force']);
  assert.is(forced.code, 0, forced.stderr);
  assert.is(readFileSync(join(out, 'hosts', 'web2', 'comments.b.example.nix.bak'), 'utf8'), '{ ... }: { }\n');
});

fleet('a bad fleet file is exit 3 naming the field; --out is required', () => {
  const dir = workdir();
  const bad = jsonFile(dir, 'fleet.json', { hosts: { web1: { isso: [SITE('comments.a.example', { port: 'eighty' })] } } });
  const result = run(['fleet', '--config', bad, '--out', join(dir, 'out')]);
  assertFails(result, 3, /fleet\.json: .*hosts\.web1\.isso\[0\]\.port/);
  assert.not.ok(existsSync(join(dir, 'out')));
  assertFails(run(['fleet', '--config', jsonFile(dir, 'broken.json', '{"hosts": '), '--out', join(dir, 'out')]), 3, /broken\.json is not valid JSON/);
  assertFails(run(['fleet', '--config', jsonFile(dir, 'ok.json', FLEET)]), 2, /fleet needs --out DIR/);
});

// ---------------------------------------------------------------------------------------------

const status = suite('nixkit-isso fleet-status');

const STATUS_FLEET = {
  hosts: {
    web1: { isso: [SITE('comments.a.example')] },
    web2: { targetHost: '10.0.0.2', isso: [SITE('comments.b.example', { mode: 'native' })] },
    web3: { isso: [SITE('comments.c.example')] },
    web4: { isso: [SITE('comments.d.example')] },
  },
};

function captures(files: Record<string, string>): string {
  const dir = workdir();
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

status('judges healthy, failed, missing and empty captures: one line each, a summary, exit 1', () => {
  const dir = workdir();
  const config = jsonFile(dir, 'fleet.json', STATUS_FLEET);
  const captured = captures({
    'web1.podman-isso.service.txt': ARTICLE_STATUS,
    'web2.isso.service.txt': FAILED_NATIVE,
    'web4.podman-isso.service.txt': '',
  });
  const result = run(['fleet-status', '--config', config, captured]);
  assert.is(result.code, 1, result.stderr);
  const lines = result.stdout.trimEnd().split('\n');
  assert.is(lines.length, 5);
  assert.equal(lines.slice(0, 4).map((line) => line.split(/\s+/).slice(0, 3)), [
    ['web1', 'podman-isso.service', 'healthy'],
    ['web2', 'isso.service', 'unhealthy'],
    ['web3', 'podman-isso.service', 'missing'],
    ['web4', 'podman-isso.service', 'empty'],
  ]);
  assert.match(lines[1]!, /gunicorn worker failed to boot/);
  assert.is(lines[4], '4 units on 4 hosts: 1 healthy, 3 not (web2, web3, web4)');
  // The directory is the operand wherever it stands among the options.
  assert.is(run(['fleet-status', captured, '--config', config]).stdout, result.stdout);
});

status('exit 0 when every unit is healthy; --json prints the report as one JSON object', () => {
  const dir = workdir();
  const config = jsonFile(dir, 'fleet.json', { hosts: { web1: STATUS_FLEET.hosts.web1 } });
  const captured = captures({ 'web1.podman-isso.service.txt': ARTICLE_STATUS, 'old.txt': 'stale' });
  const text = run(['fleet-status', '--config', config, captured]);
  assert.is(text.code, 0, text.stderr);
  assert.match(text.stdout, /1 unit on 1 host: 1 healthy, 0 not; ignored 1 capture file\(s\) no site expects: old\.txt\n$/);
  const json = run(['fleet-status', '--config', config, captured, '--json']);
  assert.is(json.code, 0, json.stderr);
  const report = JSON.parse(json.stdout) as { healthy: boolean; entries: { host: string; verdict: string }[]; unexpected: string[] };
  assert.is(report.healthy, true);
  assert.equal(report.entries.map((e) => [e.host, e.verdict]), [['web1', 'healthy']]);
  assert.equal(report.unexpected, ['old.txt']);
  const unhealthy = run(['fleet-status', '--config', jsonFile(dir, 'all.json', STATUS_FLEET), captured, '--json']);
  assert.is(unhealthy.code, 1);
  assert.is((JSON.parse(unhealthy.stdout) as { healthy: boolean }).healthy, false);
});

status('a missing or unusable DIR and a bad fleet file are exit 3 with one line; a missing DIR argument is exit 2', () => {
  const dir = workdir();
  const config = jsonFile(dir, 'fleet.json', STATUS_FLEET);
  assertFails(run(['fleet-status', '--config', config, join(dir, 'nope')]), 3, /cannot read the capture directory .*nope: no such file or directory \(ENOENT\)/);
  assertFails(run(['fleet-status', '--config', config, config]), 3, /fleet\.json: not a directory/);
  const bad = jsonFile(dir, 'bad-fleet.json', { hosts: { web1: { isso: [SITE('comments.a.example', { mode: 'docker' })] } } });
  assertFails(run(['fleet-status', '--config', bad, dir]), 3, /bad-fleet\.json: .*hosts\.web1\.isso\[0\]\.mode/);
  assertFails(run(['fleet-status', '--config', config]), 2, /fleet-status needs DIR/);
  assertFails(run(['fleet-status', '--config', config, dir, dir]), 2, /unexpected argument/);
  assertFails(run(['fleet-status', dir]), 2, /--config FILE is required/);
  // Only fleet-status takes an operand.
  assertFails(run(['render', '--config', config, dir]), 2, /unexpected argument/);
});

status('--collect runs the real systemctl for a local host, and reports a host whose ssh cannot run', () => {
  const dir = workdir();
  // PATH holds only systemctl: the local host's command runs for real, ssh is not found.
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  symlinkSync(requireTool('systemctl'), join(bin, 'systemctl'));
  const config = jsonFile(dir, 'fleet.json', {
    hosts: {
      local: { targetHost: null, isso: [SITE('comments.a.example')] },
      web2: { targetHost: '10.0.0.2', isso: [SITE('comments.b.example', { mode: 'native' })] },
    },
  });
  // Old captures must not stand in for hosts that give no answer now.
  const captured = captures({ 'local.podman-isso.service.txt': ARTICLE_STATUS, 'web2.isso.service.txt': ARTICLE_STATUS });
  const result = run(['fleet-status', '--config', config, captured, '--collect'], { env: { ...process.env, PATH: bin } });
  assert.is(result.code, 1, result.stderr);
  assertOneLineErrors(result);
  assert.match(result.stderr, /^nixkit-isso: web2 isso\.service: ssh could not run: ENOENT$/m);
  assert.not.match(result.stderr, /local/, 'the local systemctl ran');
  // No podman-isso.service runs on this machine: systemctl prints nothing on stdout.
  assert.is(readFileSync(join(captured, 'local.podman-isso.service.txt'), 'utf8'), '');
  assert.is(readFileSync(join(captured, 'web2.isso.service.txt'), 'utf8'), '');
  assert.match(result.stdout, /^local\s+podman-isso\.service\s+empty\s/m);
  assert.match(result.stdout, /^web2\s+isso\.service\s+empty\s/m);
});

schema.run();
release.run();
nomad.run();
fleet.run();
status.run();
