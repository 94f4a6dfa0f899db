import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { nixEvalJsonOrThrow, nixParseOrThrow } from '../../../tools/test-helpers/index.js';
import { ARTICLE_DEPLOYMENT, ARTICLE_STATUS, MINIMAL } from './fixtures.js';

// The built CLI as a subprocess, the way a person runs it (test:interop builds first).
const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

function run(args: readonly string[], input = '', cwd?: string) {
  const result = spawnSync(process.execPath, [CLI, ...args], { input, encoding: 'utf8', cwd });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const dirs: string[] = [];
function workdir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'nixkit-isso-cli-'));
  dirs.push(dir);
  return dir;
}
process.on('exit', () => { for (const dir of dirs) rmSync(dir, { recursive: true, force: true }); });

function configFile(dir: string, content: unknown): string {
  const file = join(dir, 'deployment.json');
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

const help = suite('nixkit-isso --help');

help('prints usage, commands and exit codes on stdout', () => {
  const result = run(['--help']);
  assert.is(result.code, 0);
  assert.match(result.stdout, /nixkit-isso render --config FILE \[--mode MODE\] \[--nixos-release RELEASE\] \[--out DIR \[--force\]\]/);
  for (const command of ['nomad', 'fleet', 'fleet-status', 'schema']) assert.match(result.stdout, new RegExp(`^  nixkit-isso ${command}( |$)`, 'm'));
  assert.match(result.stdout, /check-status/);
  assert.match(result.stdout, /Exit codes:/);
  assert.is(result.stderr, '');
});

help('refuses a missing or unknown command with exit code 2', () => {
  for (const args of [[], ['deploy'], ['render', 'extra'], ['--bogus']]) {
    const result = run(args);
    assert.is(result.code, 2, args.join(' '));
    assert.match(result.stderr, /--help/);
    assert.is(result.stdout, '');
  }
});

const render = suite('nixkit-isso render');

render('prints the module on stdout and progress on stderr', () => {
  const dir = workdir();
  const result = run(['render', '--config', configFile(dir, MINIMAL)]);
  assert.is(result.code, 0, result.stderr);
  nixParseOrThrow(result.stdout);
  assert.match(result.stdout, /virtualisation\.oci-containers\.containers\.isso = \{/);
  assert.match(result.stderr, /warning: security\.acme\.acceptTerms is not set/);
  assert.match(result.stderr, /rendered the container module for comments\.example\.org/);
});

render('renders every mode', () => {
  const dir = workdir();
  const file = configFile(dir, { ...MINIMAL, acmeAcceptTerms: true });
  for (const [mode, marker] of [['native', /DynamicUser = true;/], ['nixos-module', /services\.isso = \{/]] as const) {
    const result = run(['render', '--config', file, '--mode', mode]);
    assert.is(result.code, 0, result.stderr);
    assert.match(result.stdout, marker);
    nixParseOrThrow(result.stdout);
  }
});

render('writes the module and the plain files into --out', () => {
  const dir = workdir();
  const out = join(dir, 'out');
  const result = run(['render', '--config', configFile(dir, ARTICLE_DEPLOYMENT), '--out', out]);
  assert.is(result.code, 0, result.stderr);
  assert.is(result.stdout, '');
  assert.equal(readdirSync(out).sort(), ['isso.conf', 'isso.container', 'isso.nginx.conf', 'isso.nix']);
  nixParseOrThrow(readFileSync(join(out, 'isso.nix'), 'utf8'));
  assert.match(readFileSync(join(out, 'isso.container'), 'utf8'), /PublishPort=127\.0\.0\.1:8080:8080/);
  assert.match(result.stderr, /wrote .*isso\.nix \(NixOS module, container mode/);
});

render('names the field of a bad description, exits 3 and writes nothing', () => {
  const cases: [unknown, RegExp][] = [
    [{ ...MINIMAL, gunicorn: { workers: 'two' } }, /gunicorn\.workers: expected an integer from 1 to 1024, got the string "two"/],
    [{ ...MINIMAL, extra: true }, /extra: unknown field "extra"/],
    [{ ...MINIMAL, settings: { smtp: { password: 'hunter2' } } }, /settings\.smtp\.password: .*environment file/],
    [{ domain: 'comments.example.org' }, /acmeEmail: the description needs "acmeEmail"/],
    ['{"domain": ', /is not valid JSON/],
    ['[]', /expected an object, got an array/],
  ];
  for (const [content, message] of cases) {
    const dir = workdir();
    const out = join(dir, 'out');
    const result = run(['render', '--config', configFile(dir, content), '--out', out]);
    assert.is(result.code, 3, `${JSON.stringify(content)}: ${result.stderr}`);
    assert.match(result.stderr, message);
    assert.not.match(result.stderr, /hunter2/);
    assert.is(result.stdout, '');
    assert.not.ok(existsSync(out), 'wrote output for a bad description');
  }
});

render('reports a missing config file and a bad mode', () => {
  const dir = workdir();
  const missing = run(['render', '--config', join(dir, 'nope.json')]);
  assert.is(missing.code, 3);
  assert.match(missing.stderr, /cannot read .*nope\.json: no such file or directory \(ENOENT\)/);
  const mode = run(['render', '--config', configFile(dir, MINIMAL), '--mode', 'vm']);
  assert.is(mode.code, 2);
  assert.match(mode.stderr, /--mode must be one of container, native, nixos-module, nixos-container, got "vm"/);
  assert.is(run(['render']).code, 2);
});

render('exits 4 and writes nothing when the output directory cannot be made', () => {
  const dir = workdir();
  const blocker = join(dir, 'file');
  writeFileSync(blocker, '');
  const result = run(['render', '--config', configFile(dir, MINIMAL), '--out', join(blocker, 'out')]);
  assert.is(result.code, 4);
  assert.match(result.stderr, /cannot create .*file\/out: a part of the path is not a directory \(ENOTDIR\)/);
  assert.equal(readdirSync(dir).sort(), ['deployment.json', 'file']);
});

const status = suite('nixkit-isso check-status');

status('says healthy and exits 0 for the article output', () => {
  const result = run(['check-status'], ARTICLE_STATUS);
  assert.is(result.code, 0, result.stderr);
  assert.match(result.stdout, /^healthy: podman-isso\.service: running/);
  assert.match(result.stderr, /gunicorn listens at http:\/\/0\.0\.0\.0:8080/);
});

status('says unhealthy and exits 1 for a failed unit, with the description', () => {
  const dir = workdir();
  const failed = ARTICLE_STATUS.replace('Active: active (running)', 'Active: failed (Result: exit-code)');
  const result = run(['check-status', '--config', configFile(dir, ARTICLE_DEPLOYMENT)], failed);
  assert.is(result.code, 1);
  assert.match(result.stdout, /^unhealthy: podman-isso\.service is failed: exit-code/);
});

status('exits 3 on empty input and tells what to pipe in', () => {
  const result = run(['check-status'], '');
  assert.is(result.code, 3);
  assert.match(result.stderr, /systemctl status podman-isso\.service \| nixkit-isso check-status/);
});

const install = suite('nixkit-isso install');

function importsOf(configuration: string): string[] {
  return nixEvalJsonOrThrow(`map toString (import ${configuration} { config = { }; pkgs = { }; lib = { }; }).imports`) as string[];
}

install('writes isso.nix beside configuration.nix, adds it to imports and prints the diff', () => {
  const dir = workdir();
  const configuration = join(dir, 'configuration.nix');
  const original = '# my host\n{ config, pkgs, ... }:\n{\n  imports = [\n    ./hardware-configuration.nix\n  ];\n\n  networking.hostName = "web03"; # keep me\n}\n';
  writeFileSync(configuration, original);
  writeFileSync(join(dir, 'hardware-configuration.nix'), '{ }\n');
  const result = run(['install', '--config', configFile(dir, ARTICLE_DEPLOYMENT), '--into', configuration]);
  assert.is(result.code, 0, result.stderr);
  const edited = readFileSync(configuration, 'utf8');
  assert.is(edited, original.replace('    ./hardware-configuration.nix\n', '    ./hardware-configuration.nix\n    ./isso.nix\n'));
  assert.equal(importsOf(configuration), [join(dir, 'hardware-configuration.nix'), join(dir, 'isso.nix')]);
  nixParseOrThrow(readFileSync(join(dir, 'isso.nix'), 'utf8'));
  assert.match(result.stdout, /^\+\+\+ .*isso\.nix$/m);
  assert.match(result.stdout, /^\+    \.\/isso\.nix$/m);
  assert.match(result.stderr, /added \.\/isso\.nix to the imports of configuration\.nix/);
});

install('creates imports when the configuration has none, and changes nothing the second time', () => {
  const dir = workdir();
  const configuration = join(dir, 'configuration.nix');
  writeFileSync(configuration, '{ config, pkgs, ... }:\n{\n  services.openssh.enable = true;\n}\n');
  const file = configFile(dir, MINIMAL);
  const first = run(['install', '--config', file, '--into', configuration]);
  assert.is(first.code, 0, first.stderr);
  assert.equal(importsOf(configuration), [join(dir, 'isso.nix')]);
  const afterFirst = readFileSync(configuration, 'utf8');
  const second = run(['install', '--config', file, '--into', configuration]);
  assert.is(second.code, 0, second.stderr);
  assert.is(readFileSync(configuration, 'utf8'), afterFirst);
  assert.is(second.stdout, '');
  assert.match(second.stderr, /already imports \.\/isso\.nix/);
});

install('leaves a configuration that does not parse untouched and shows the parser diagnostics', () => {
  const dir = workdir();
  const configuration = join(dir, 'configuration.nix');
  const broken = '{ config, pkgs, ... }:\n{\n  imports = [ ./hardware.nix ;\n}\n';
  writeFileSync(configuration, broken);
  const result = run(['install', '--config', configFile(dir, MINIMAL), '--into', configuration]);
  assert.is(result.code, 3);
  assert.is(readFileSync(configuration, 'utf8'), broken);
  assert.not.ok(existsSync(join(dir, 'isso.nix')));
  assert.match(result.stderr, /configuration\.nix:3:\d+: /);
  assert.match(result.stderr, /was left untouched/);
});

install('refuses a bad description before touching anything', () => {
  const dir = workdir();
  const configuration = join(dir, 'configuration.nix');
  writeFileSync(configuration, '{ }\n');
  const result = run(['install', '--config', configFile(dir, { ...MINIMAL, port: 0 }), '--into', configuration]);
  assert.is(result.code, 3);
  assert.match(result.stderr, /port: expected an integer from 1 to 65535/);
  assert.is(readFileSync(configuration, 'utf8'), '{ }\n');
  assert.not.ok(existsSync(join(dir, 'isso.nix')));
  assert.is(run(['install', '--config', configFile(dir, MINIMAL)]).code, 2);
});

help.run();
render.run();
status.run();
install.run();
