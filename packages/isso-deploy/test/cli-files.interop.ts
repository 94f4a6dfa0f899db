// The CLI against the attacks and accidents of issue 17, each as it was reproduced: the bundled
// nixkit-isso (what `bin` runs) as a subprocess, on real files, as root and as `nobody`.
import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync, chownSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync,
  statSync, symlinkSync, writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { nixEvalJsonOrThrow, nixParseOrThrow, requireTool } from '../../../tools/test-helpers/index.js';
import { MINIMAL } from './fixtures.js';
import { CLI, assertOneLineErrors, runCli, type CliRun } from './support/cli-run.js';

function run(args: readonly string[], options: { input?: string; asNobody?: boolean } = {}): CliRun {
  return runCli(args, options);
}

const dirs: string[] = [];
function workdir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'nixkit-isso-files-'));
  dirs.push(dir);
  return dir;
}
process.on('exit', () => {
  for (const dir of dirs) {
    spawnSync('chattr', ['-R', '-i', dir]);
    rmSync(dir, { recursive: true, force: true });
  }
});

function write(path: string, content: unknown): string {
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

/** Every file under `dir` with its content, to compare a directory before and after a run. */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    const stat = lstatSync(path);
    if (stat.isSymbolicLink()) out[name] = `-> ${readlinkSync(path)}`;
    else if (stat.isDirectory()) for (const [inner, text] of Object.entries(tree(path))) out[`${name}/${inner}`] = text;
    else out[name] = `${(stat.mode & 0o7777).toString(8)} ${stat.uid}:${stat.gid} ${readFileSync(path, 'utf8')}`;
  }
  return out;
}

function temps(dir: string): string[] {
  return readdirSync(dir).filter((name) => name.includes('.nixkit-') && name.endsWith('.tmp'));
}

const CONFIGURATION = '# my host\n{ config, pkgs, ... }:\n{\n  imports = [\n    ./hardware-configuration.nix\n  ];\n\n  networking.hostName = "web03"; # keep me\n}\n';
const WITH_IMPORT = CONFIGURATION.replace('    ./hardware-configuration.nix\n', '    ./hardware-configuration.nix\n    ./isso.nix\n');

function host(dir: string, configuration = CONFIGURATION): { configuration: string; description: string } {
  write(join(dir, 'hardware-configuration.nix'), '{ }\n');
  return { configuration: write(join(dir, 'configuration.nix'), configuration), description: write(join(dir, 'deployment.json'), MINIMAL) };
}

const owner = (path: string): string => { const s = statSync(path); return `${(s.mode & 0o7777).toString(8)} ${s.uid}:${s.gid}`; };
const NOBODY_IDS = { uid: Number(spawnSync('id', ['-u', 'nobody'], { encoding: 'utf8' }).stdout), gid: Number(spawnSync('getent', ['group', 'nogroup'], { encoding: 'utf8' }).stdout.split(':')[2]) };

const install = suite('nixkit-isso install: the user\'s files');

install('edits the file a symlinked configuration.nix points to, and keeps the link', () => {
  const dir = workdir();
  const dots = join(dir, 'dotfiles');
  const etc = join(dir, 'etc-nixos');
  mkdirSync(dots);
  mkdirSync(etc);
  const { description } = host(dots);
  symlinkSync('../dotfiles/configuration.nix', join(etc, 'configuration.nix'));
  const result = run(['install', '--config', description, '--into', join(etc, 'configuration.nix')]);
  assert.is(result.code, 0, result.stderr);
  assert.ok(lstatSync(join(etc, 'configuration.nix')).isSymbolicLink(), 'the link was replaced by a file');
  assert.is(readFileSync(join(dots, 'configuration.nix'), 'utf8'), WITH_IMPORT);
  nixParseOrThrow(readFileSync(join(dots, 'isso.nix'), 'utf8'));
  // Nix resolves ./isso.nix next to the file the link points to, where install wrote it.
  const imports = nixEvalJsonOrThrow(`map toString (import ${join(etc, 'configuration.nix')} { config = { }; pkgs = { }; }).imports`);
  assert.equal(imports, [join(dots, 'hardware-configuration.nix'), join(dots, 'isso.nix')]);
  assert.equal(readdirSync(etc), ['configuration.nix']);
});

install('names the real files in the module header: --name and a linked configuration', () => {
  const dir = workdir();
  const { description } = host(dir);
  symlinkSync('configuration.nix', join(dir, 'host.nix'));
  const result = run(['install', '--config', description, '--into', join(dir, 'host.nix'), '--name', 'comments.nix']);
  assert.is(result.code, 0, result.stderr);
  const module = readFileSync(join(dir, 'comments.nix'), 'utf8');
  assert.match(module.split('\n')[1]!, /^# Import it from configuration\.nix: imports = \[ \.\/comments\.nix \];$/);
  assert.match(result.stdout, /^\+\+\+ b\/comments\.nix$/m);
  assert.match(result.stdout, /^--- a\/configuration\.nix$/m);
});

install('prints a unified diff that patch -p1 applies to a copy of the directory', () => {
  const dir = workdir();
  const { configuration, description } = host(dir);
  const copy = workdir();
  host(copy);
  const result = run(['install', '--config', description, '--into', configuration]);
  assert.is(result.code, 0, result.stderr);
  assert.match(result.stdout, /^--- \/dev\/null\n\+\+\+ b\/isso\.nix\n/);
  assert.match(result.stdout, /^--- a\/configuration\.nix\n\+\+\+ b\/configuration\.nix$/m);
  const patch = spawnSync(requireTool('patch'), ['-p1', '--batch'], { cwd: copy, input: result.stdout, encoding: 'utf8' });
  assert.is(patch.status, 0, patch.stderr + patch.stdout);
  assert.is(readFileSync(join(copy, 'configuration.nix'), 'utf8'), readFileSync(configuration, 'utf8'));
  assert.is(readFileSync(join(copy, 'isso.nix'), 'utf8'), readFileSync(join(dir, 'isso.nix'), 'utf8'));
});

install('keeps mode 0600, owner and group of files it replaces (run as root)', () => {
  const dir = workdir();
  const { configuration, description } = host(dir);
  chmodSync(configuration, 0o600);
  chownSync(configuration, NOBODY_IDS.uid, NOBODY_IDS.gid);
  const result = run(['install', '--config', description, '--into', configuration]);
  assert.is(result.code, 0, result.stderr);
  assert.is(readFileSync(configuration, 'utf8'), WITH_IMPORT);
  assert.is(owner(configuration), `600 ${NOBODY_IDS.uid}:${NOBODY_IDS.gid}`);
});

install('as a non-root user, keeps 0600 and refuses a file it may not write instead of replacing it', () => {
  const dir = workdir();
  chmodSync(dir, 0o777);
  const { configuration, description } = host(dir);
  chmodSync(description, 0o644);
  // Not the caller's file, in a directory the caller may write: rename(2) would replace it.
  const before = tree(dir);
  const refused = run(['install', '--config', description, '--into', configuration], { asNobody: true });
  assert.is(refused.code, 4, refused.stderr);
  assert.match(refused.stderr, /cannot write .*configuration\.nix: permission denied: run as the file's owner or with sudo/);
  assertOneLineErrors(refused);
  assert.equal(tree(dir), before);
  // The caller's own 0600 file is edited and stays 0600.
  chmodSync(configuration, 0o600);
  chownSync(configuration, NOBODY_IDS.uid, NOBODY_IDS.gid);
  const edited = run(['install', '--config', description, '--into', configuration], { asNobody: true });
  assert.is(edited.code, 0, edited.stderr);
  assert.is(owner(configuration), `600 ${NOBODY_IDS.uid}:${NOBODY_IDS.gid}`);
  assert.is(statSync(join(dir, 'isso.nix')).uid, NOBODY_IDS.uid);
});

install('refuses a read-only (0444) file, even as root', () => {
  const dir = workdir();
  const { configuration, description } = host(dir);
  chmodSync(configuration, 0o444);
  const before = tree(dir);
  const result = run(['install', '--config', description, '--into', configuration]);
  assert.is(result.code, 4);
  assert.match(result.stderr, /read-only \(mode 0444\)/);
  assert.equal(tree(dir), before);
});

install('never follows symlinks an attacker placed at the old predictable temp names', () => {
  const dir = workdir();
  chmodSync(dir, 0o1777);
  const { configuration, description } = host(dir);
  const victim = write(join(workdir(), 'shadow'), 'root:secret\n');
  // The names the old code used, for the next few hundred process ids.
  const next = Number(readFileSync('/proc/sys/kernel/ns_last_pid', 'utf8'));
  for (let pid = next; pid < next + 300; pid++) {
    for (const name of ['isso.nix', 'configuration.nix']) symlinkSync(victim, join(dir, `${name}.nixkit-${pid}.tmp`));
  }
  const result = run(['install', '--config', description, '--into', configuration]);
  assert.is(result.code, 0, result.stderr);
  assert.is(readFileSync(victim, 'utf8'), 'root:secret\n');
  assert.is(readFileSync(configuration, 'utf8'), WITH_IMPORT);
  assert.ok(lstatSync(join(dir, `isso.nix.nixkit-${next}.tmp`)).isSymbolicLink(), 'removed a link it did not make');
});

install('loses no edit made while it runs: refuses with exit 4 and keeps the edited file', async () => {
  const dir = workdir();
  const { configuration } = host(dir);
  // --config is a FIFO: install reads configuration.nix, then blocks opening the FIFO, so the edit
  // below lands exactly between reading and writing.
  const fifo = join(dir, 'deployment.fifo');
  assert.is(spawnSync(requireTool('mkfifo'), [fifo]).status, 0);
  const child = spawn(process.execPath, [CLI, 'install', '--config', fifo, '--into', configuration], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  const { open } = await import('node:fs/promises');
  const writer = await open(fifo, 'w'); // resolves once install has opened the FIFO
  const edited = `${CONFIGURATION}# edited by hand while install ran\n`;
  writeFileSync(configuration, edited);
  await writer.write(JSON.stringify(MINIMAL));
  await writer.close();
  const code = await exited;
  assert.is(code, 4, stderr);
  assert.match(stderr, /configuration\.nix: the file changed while nixkit-isso was running; your version is kept/);
  assert.is(readFileSync(configuration, 'utf8'), edited);
  assert.not.ok(existsSync(join(dir, 'isso.nix')));
  assert.equal(temps(dir), []);
});

install('refuses a flake with the nixosConfigurations list to add the module to', () => {
  const dir = workdir();
  const flake = '{\n  inputs.nixpkgs.url = "github:NixOS/nixpkgs/nixos-24.05";\n  outputs = { nixpkgs, ... }: {\n    nixosConfigurations.web03 = nixpkgs.lib.nixosSystem {\n      modules = [ ./configuration.nix ];\n    };\n  };\n}\n';
  const description = write(join(dir, 'deployment.json'), MINIMAL);
  for (const name of ['flake.nix', 'system.nix']) {
    const file = write(join(dir, name), flake);
    const result = run(['install', '--config', description, '--into', file]);
    assert.is(result.code, 3, result.stderr);
    assert.match(result.stderr, new RegExp(`${name.replace('.', '\\.')} was left untouched: this is a flake`));
    assert.match(result.stderr, /nixosConfigurations\.web03\.modules/);
    assert.match(result.stderr, /modules = \[ \.\/configuration\.nix \.\/isso\.nix \]/);
    assertOneLineErrors(result);
    assert.is(readFileSync(file, 'utf8'), flake);
  }
  assert.equal(readdirSync(dir).sort(), ['deployment.json', 'flake.nix', 'system.nix']);
});

install('refuses an imports that is not a list and prints the exact line to add', () => {
  const dir = workdir();
  const source = '{ config, lib, ... }:\n{\n  imports = [\n    ./hardware-configuration.nix\n  ] ++ lib.optional (builtins.pathExists ./local.nix) ./local.nix;\n}\n';
  const { configuration, description } = host(dir, source);
  const result = run(['install', '--config', description, '--into', configuration]);
  assert.is(result.code, 3);
  assert.match(result.stderr, /imports is not a plain list/);
  assert.match(result.stderr, /add this line inside the list \[ … \] that starts on line 3:\nnixkit-isso:     \.\/isso\.nix\n/);
  assert.is(readFileSync(configuration, 'utf8'), source);
  assert.not.ok(existsSync(join(dir, 'isso.nix')));
});

const marker = suite('nixkit-isso: never overwrites a file nixkit did not write');

marker('refuses a hand-written isso.nix, and with --force replaces it keeping a .bak', () => {
  const dir = workdir();
  const { configuration, description } = host(dir, '{ ... }:\n{\n}\n');
  write(join(dir, 'isso.nix'), '# written by hand\n{ }\n');
  const before = tree(dir);
  const refused = run(['install', '--config', description, '--into', configuration]);
  assert.is(refused.code, 4);
  assert.match(refused.stderr, /isso\.nix exists and was not written by nixkit-isso .*--force/);
  assert.equal(tree(dir), before);
  const forced = run(['install', '--config', description, '--into', configuration, '--force']);
  assert.is(forced.code, 0, forced.stderr);
  assert.is(readFileSync(join(dir, 'isso.nix.bak'), 'utf8'), '# written by hand\n{ }\n');
  assert.match(readFileSync(join(dir, 'isso.nix'), 'utf8').split('\n')[0]!, /generated by @nixkit\/isso-deploy/);
  // Its own output is replaced without --force.
  write(description, { ...MINIMAL, domain: 'other.example.org' });
  const again = run(['install', '--config', description, '--into', configuration]);
  assert.is(again.code, 0, again.stderr);
  assert.match(readFileSync(join(dir, 'isso.nix'), 'utf8'), /other\.example\.org/);
});

marker('refuses --name for the configuration itself or a file it imports, even with --force', () => {
  const dir = workdir();
  const { configuration, description } = host(dir);
  const before = tree(dir);
  for (const [name, message] of [
    ['configuration.nix', /--name configuration\.nix is the configuration file itself/],
    ['hardware-configuration.nix', /--name hardware-configuration\.nix names a file that configuration\.nix already imports/],
  ] as const) {
    for (const extra of [[], ['--force']]) {
      const result = run(['install', '--config', description, '--into', configuration, '--name', name, ...extra]);
      assert.is(result.code, 2, result.stderr);
      assert.match(result.stderr, message);
      assert.equal(tree(dir), before);
    }
  }
});

marker('render --out refuses to replace a hand-written file', () => {
  const dir = workdir();
  const out = join(dir, 'out');
  mkdirSync(out);
  write(join(out, 'isso.conf'), '[general]\nhost = https://mine.example.org\n');
  const before = tree(out);
  const result = run(['render', '--config', write(join(dir, 'd.json'), MINIMAL), '--out', out]);
  assert.is(result.code, 4);
  assert.match(result.stderr, /isso\.conf exists and was not written by nixkit-isso/);
  assert.equal(tree(out), before);
});

const outputs = suite('nixkit-isso render --out: all files or none');

/** An --out directory holding a complete earlier render, and a description that changes every file. */
function rendered(): { dir: string; out: string; next: string } {
  const dir = workdir();
  const out = join(dir, 'out');
  const first = run(['render', '--config', write(join(dir, 'old.json'), MINIMAL), '--out', out]);
  assert.is(first.code, 0, first.stderr);
  return { dir, out, next: write(join(dir, 'new.json'), { ...MINIMAL, domain: 'new.example.org' }) };
}

outputs('an immutable target: exit 4, every file as it was, no temp file', () => {
  const { out, next } = rendered();
  const chattr = spawnSync(requireTool('chattr'), ['+i', join(out, 'isso.nginx.conf')]);
  assert.is(chattr.status, 0, `chattr +i is needed for this test: ${chattr.stderr}`);
  const before = tree(out);
  const result = run(['render', '--config', next, '--out', out]);
  spawnSync('chattr', ['-i', join(out, 'isso.nginx.conf')]);
  assert.is(result.code, 4);
  assert.match(result.stderr, /cannot write .*isso\.nginx\.conf: operation not permitted: the file may be immutable/);
  assertOneLineErrors(result);
  assert.equal(tree(out), before);
});

outputs('a directory in the way: exit 4, "is a directory", nothing changed', () => {
  const { out, next } = rendered();
  rmSync(join(out, 'isso.nginx.conf'));
  mkdirSync(join(out, 'isso.nginx.conf'));
  const before = tree(out);
  const result = run(['render', '--config', next, '--out', out]);
  assert.is(result.code, 4);
  assert.match(result.stderr, /isso\.nginx\.conf: is a directory/);
  assert.equal(tree(out), before);
});

outputs('a busy target (a mount point) fails at rename: the files already renamed are rolled back', () => {
  const { dir, out, next } = rendered();
  const target = join(out, 'isso.nginx.conf');
  const source = write(join(dir, 'mounted'), readFileSync(target, 'utf8'));
  const mount = spawnSync(requireTool('mount'), ['--bind', source, target], { encoding: 'utf8' });
  assert.is(mount.status, 0, `mount --bind is needed for this test: ${mount.stderr}`);
  try {
    const before = tree(out);
    const result = run(['render', '--config', next, '--out', out]);
    assert.is(result.code, 4);
    assert.match(result.stderr, /isso\.nginx\.conf: is busy/);
    assertOneLineErrors(result);
    assert.equal(tree(out), before);
  } finally {
    spawnSync('umount', [target]);
  }
});

outputs('a failed run into a new directory leaves no directory behind', () => {
  const dir = workdir();
  const result = run(['render', '--config', write(join(dir, 'd.json'), { ...MINIMAL, sites: [] }), '--out', join(dir, 'a', 'b')]);
  assert.is(result.code, 3);
  assert.equal(readdirSync(dir), ['d.json']);
});

const streams = suite('nixkit-isso: stdin, stdout and bad input');

streams('render > /dev/full: exit 4 with one line', () => {
  const dir = workdir();
  const result = spawnSync('sh', ['-c', `"${process.execPath}" "${CLI}" render --config "${write(join(dir, 'd.json'), MINIMAL)}" > /dev/full`], { encoding: 'utf8' });
  assert.is(result.status, 4);
  assert.match(result.stderr, /cannot write to stdout: no space left on the device \(ENOSPC\)/);
  assertOneLineErrors({ code: result.status, stdout: '', stderr: result.stderr });
});

streams('a closed stdout (EPIPE) ends quietly', () => {
  const dir = workdir();
  const script = `"${process.execPath}" "${CLI}" render --config "${write(join(dir, 'd.json'), { ...MINIMAL, acmeAcceptTerms: true })}" 2>"${join(dir, 'err')}" | true; echo \${PIPESTATUS[0]}`;
  const result = spawnSync('bash', ['-c', script], { encoding: 'utf8' });
  assert.is(result.stdout.trim(), '0');
  assert.is(readFileSync(join(dir, 'err'), 'utf8').replace(/^nixkit-isso: rendered .*\n/m, ''), '');
});

streams('stdin over 64 MB: exit 3 without reading it all', async () => {
  const child = spawn(process.execPath, [CLI, 'check-status'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  child.stdin.on('error', () => { /* EPIPE once the CLI stops reading */ });
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  // 80 MB streamed in 1 MB chunks, never held at once.
  const chunk = Buffer.alloc(1 << 20, 'Dec 01 10:00:00 web03 conmon[1]: [INFO] line\n');
  let sent = 0;
  let open = true;
  const gone = new Promise<void>((resolve) => child.on('exit', () => { open = false; resolve(); }));
  while (open && sent < 80) {
    if (!child.stdin.write(chunk)) await Promise.race([new Promise((resolve) => child.stdin.once('drain', resolve)), gone]);
    sent++;
  }
  child.stdin.end();
  assert.is(await exited, 3, stderr);
  assert.match(stderr, /stdin is larger than 64 MB/);
});

streams('--config /dev/zero: exit 3 instead of growing without bound', () => {
  const result = run(['render', '--config', '/dev/zero']);
  assert.is(result.code, 3);
  assert.match(result.stderr, /\/dev\/zero is larger than 64 MB/);
});

streams('"sites": [] is one line naming the field, exit 3', () => {
  const dir = workdir();
  const result = run(['render', '--config', write(join(dir, 'd.json'), { ...MINIMAL, sites: [] })]);
  assert.is(result.code, 3);
  assert.match(result.stderr, /d\.json: .*host = \[\] is empty/);
  assertOneLineErrors(result);
  assert.is(result.stdout, '');
});

streams('a description nested 100,000 levels deep is an input error, not a crash', () => {
  const dir = workdir();
  const deep = `{"domain":"comments.example.org","acmeEmail":"a@example.org","settings":{"general":{"host":${'['.repeat(100000)}${']'.repeat(100000)}}}}`;
  const result = run(['render', '--config', write(join(dir, 'd.json'), deep)]);
  assert.is(result.code, 3, result.stderr);
  assert.match(result.stderr, /d\.json/);
  assertOneLineErrors(result);
});

streams('check-status < / is a clear error, exit 3', () => {
  const result = spawnSync('sh', ['-c', `"${process.execPath}" "${CLI}" check-status < /`], { encoding: 'utf8' });
  assert.is(result.status, 3);
  assert.match(result.stderr, /cannot read stdin: is a directory/);
});

streams('garbage into check-status: exit 3, not "unhealthy"', () => {
  for (const input of ['hello world\n', '\u0000\u0001\u0002 binary', '{"json": true}\n']) {
    const result = run(['check-status'], { input });
    assert.is(result.code, 3, `${JSON.stringify(input)}: ${result.stderr}`);
    assert.is(result.stdout, '');
    assertOneLineErrors(result);
  }
});

const conventions = suite('nixkit-isso: command-line conventions');

conventions('--version, command help, --opt=value, and options that do not apply', () => {
  const version = run(['--version']);
  assert.is(version.code, 0);
  assert.match(version.stdout, /^nixkit-isso \d+\.\d+\.\d+\n$/);
  const help = run(['install', '--help']);
  assert.is(help.code, 0);
  assert.match(help.stdout, /^Usage: nixkit-isso install --config FILE --into configuration\.nix/);
  assert.not.match(help.stdout, /--out/);
  const dir = workdir();
  const config = write(join(dir, 'd.json'), MINIMAL);
  const equals = run(['render', `--config=${config}`, '--mode=native']);
  assert.is(equals.code, 0, equals.stderr);
  assert.match(equals.stdout, /DynamicUser = true;/);
  const misplaced = run(['render', '--config', config, '--into', 'configuration.nix']);
  assert.is(misplaced.code, 2);
  assert.match(misplaced.stderr, /--into does not apply to render/);
  assert.is(run(['check-status', '--force'], { input: 'x' }).code, 2);
});

install.run();
marker.run();
outputs.run();
streams.run();
conventions.run();
