import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { nixParseOrThrow } from '../../../tools/test-helpers/index.js';
import { ARTICLE_DEPLOYMENT } from './fixtures.js';
import { HOST_STATUS, INNER_STATUS } from './nixos-container-status.js';

// The built CLI in the nixos-container mode, the way a person runs it.
const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

function run(args: readonly string[], input = '') {
  const result = spawnSync(process.execPath, [CLI, ...args], { input, encoding: 'utf8' });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'nixkit-isso-cli-container-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

function configFile(name: string, content: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(content));
  return file;
}

const cli = suite('nixkit-isso: nixos-container mode');

cli('render --mode nixos-container prints a module that parses, with containers.isso', () => {
  const result = run(['render', '--config', configFile('plain.json', ARTICLE_DEPLOYMENT), '--mode', 'nixos-container']);
  assert.is(result.code, 0, result.stderr);
  nixParseOrThrow(result.stdout);
  assert.match(result.stdout, /^ {2}containers\.isso = \{$/m);
  assert.match(result.stderr, /rendered the nixos-container module for comments\.luffy\.cx/);
});

cli('takes the mode from the description, and refuses a contradicting --mode', () => {
  const config = configFile('with-mode.json', { ...ARTICLE_DEPLOYMENT, mode: 'nixos-container' });
  const out = join(dir, 'out');
  const result = run(['render', '--config', config, '--out', out]);
  assert.is(result.code, 0, result.stderr);
  assert.equal(readdirSync(out).sort(), ['isso.conf', 'isso.nginx.conf', 'isso.nix']);
  assert.match(readFileSync(join(out, 'isso.nginx.conf'), 'utf8'), /proxy_pass http:\/\/192\.168\.247\.11:8080;/);
  const clash = run(['render', '--config', config, '--mode', 'native']);
  assert.is(clash.code, 3);
  assert.match(clash.stderr, /mode: the description says "mode": "nixos-container", but the native mode was asked for/);
});

cli('check-status judges the host unit and the inner service piped together', () => {
  const config = configFile('status.json', { ...ARTICLE_DEPLOYMENT, mode: 'nixos-container' });
  const healthy = run(['check-status', '--config', config], `${HOST_STATUS}\n${INNER_STATUS}`);
  assert.is(healthy.code, 0, healthy.stdout + healthy.stderr);
  assert.match(healthy.stdout, /^healthy: container@isso\.service runs the machine isso; isso\.service/);
  const hostOnly = run(['check-status', '--config', config], HOST_STATUS);
  assert.is(hostOnly.code, 1);
  assert.match(hostOnly.stdout, /run: systemctl -M isso status isso/);
});

cli('--help lists the mode and both status commands', () => {
  const help = run(['--help']);
  assert.match(help.stdout, /nixos-container \(the article's 2023 setup/);
  assert.match(help.stdout, /systemctl -M isso status isso/);
});

cli.run();
