#!/usr/bin/env node
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  DEPLOYMENT_MODES,
  IssoDeploymentError,
  checkStatus,
  renderDeployment,
  resolveDeployment,
  unifiedDiff,
  type DeploymentMode,
  addModuleImport,
} from './index.js';

// Exit codes, also listed in --help and the README.
const EXIT_OK = 0;
const EXIT_UNHEALTHY = 1;
const EXIT_USAGE = 2;
const EXIT_INPUT = 3;
const EXIT_OUTPUT = 4;

const HELP = `nixkit-isso — the Isso comment server on NixOS, from one JSON description

Usage:
  nixkit-isso render --config deployment.json [--mode MODE] [--out DIR]
  nixkit-isso install --config deployment.json --into configuration.nix [--mode MODE] [--name isso.nix]
  nixkit-isso check-status [--config deployment.json] [--mode MODE] < status.txt
  nixkit-isso --help

Commands:
  render        Print the NixOS module on stdout, or with --out write it to DIR/isso.nix
                together with the files for hosts without NixOS: isso.conf,
                isso.nginx.conf (an nginx server block) and isso.container (a Quadlet unit).
  install       Write the module next to configuration.nix (as isso.nix, or --name) and add
                it to the imports list of configuration.nix; prints a diff of both files.
                A configuration.nix that does not parse is left untouched.
  check-status  Read \`systemctl status podman-isso.service\` (or the native isso.service) on
                stdin and say whether Isso is healthy, and why. nixos-container mode: pipe
                both \`systemctl status container@isso\` and \`systemctl -M isso status isso\`.

Options:
  --config FILE  The deployment description (JSON). The smallest one is
                 {"domain": "comments.example.org", "acmeEmail": "letsencrypt@example.org"}
  --mode MODE    container (default: the article's podman container), native (a systemd
                 service with DynamicUser), nixos-module (NixOS's services.isso) or
                 nixos-container (the article's 2023 setup: a NixOS container, containers.isso).
                 Default: the description's "mode", else container
  --out DIR      Write the artifacts into DIR instead of printing the module
  --into FILE    The configuration.nix to add the import to
  --name FILE    File name of the module written by install (default isso.nix)
  -h, --help     Show this help

Exit codes:
  0  success (check-status: healthy)
  1  check-status: the service is not healthy
  2  wrong command line
  3  unusable input: the description, the status text or configuration.nix; nothing was written
  4  the output could not be written; nothing was written
`;

class UsageError extends Error {}
class InputError extends Error {}
class OutputError extends Error {}

function note(line: string): void {
  process.stderr.write(`nixkit-isso: ${line}\n`);
}

function readConfig(file: string | undefined): unknown {
  if (file === undefined) throw new UsageError('--config FILE is required');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new InputError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
}

function readMode(value: string | undefined): DeploymentMode | undefined {
  if (value === undefined) return undefined;
  if (!(DEPLOYMENT_MODES as readonly string[]).includes(value)) {
    throw new UsageError(`--mode must be one of ${DEPLOYMENT_MODES.join(', ')}, got "${value}"`);
  }
  return value as DeploymentMode;
}

/**
 * Writes every file or none: each goes to a temporary name beside its target first, and only
 * when all are written are they renamed into place.
 */
function writeAll(files: readonly { path: string; text: string }[]): void {
  const staged = files.map((file) => ({ ...file, temp: `${file.path}.nixkit-${process.pid}.tmp` }));
  try {
    for (const file of staged) writeFileSync(file.temp, file.text);
  } catch (error) {
    for (const file of staged) rmSync(file.temp, { force: true });
    throw new OutputError(`cannot write ${(error as NodeJS.ErrnoException).path ?? 'the output'}: ${(error as NodeJS.ErrnoException).code ?? String(error)}; nothing was written`);
  }
  for (const file of staged) renameSync(file.temp, file.path);
}

type Values = Record<string, string | boolean | undefined>;

function render(values: Values): number {
  const description = readConfig(values.config as string | undefined);
  const mode = readMode(values.mode as string | undefined);
  const result = renderDeployment(resolveDeployment(description, mode === undefined ? {} : { mode }), mode === undefined ? {} : { mode });
  for (const warning of result.warnings) note(`warning: ${warning}`);
  const out = values.out as string | undefined;
  if (out === undefined) {
    process.stdout.write(result.module);
    note(`rendered the ${result.mode} module for ${result.domain}`);
    return EXIT_OK;
  }
  try {
    mkdirSync(out, { recursive: true });
  } catch (error) {
    throw new OutputError(`cannot create ${out}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  writeAll(result.files.map((file) => ({ path: join(out, file.name), text: file.text })));
  for (const file of result.files) note(`wrote ${join(out, file.name)} (${file.description})`);
  return EXIT_OK;
}

function install(values: Values): number {
  const into = values.into as string | undefined;
  if (into === undefined) throw new UsageError('install needs --into configuration.nix');
  const name = (values.name as string | undefined) ?? 'isso.nix';
  if (!/^[A-Za-z0-9_][A-Za-z0-9_.+-]*\.nix$/.test(name)) throw new UsageError(`--name must be a plain file name ending in .nix, got "${name}"`);
  const description = readConfig(values.config as string | undefined);
  const mode = readMode(values.mode as string | undefined);
  const result = renderDeployment(resolveDeployment(description, mode === undefined ? {} : { mode }), mode === undefined ? {} : { mode });
  let configText: string;
  try {
    configText = readFileSync(into, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read ${into}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  const edit = addModuleImport(configText, `./${name}`);
  if (!edit.ok) {
    for (const diagnostic of edit.diagnostics) process.stderr.write(`${into}:${diagnostic}\n`);
    throw new InputError(`${into} was left untouched: ${edit.reason}`);
  }
  for (const warning of result.warnings) note(`warning: ${warning}`);
  const modulePath = join(dirname(into), name);
  const previousModule = existsSync(modulePath) ? readFileSync(modulePath, 'utf8') : '';
  const writes: { path: string; text: string }[] = [];
  if (previousModule !== result.module) writes.push({ path: modulePath, text: result.module });
  if (edit.text !== configText) writes.push({ path: into, text: edit.text });
  writeAll(writes);
  const moduleLabel = join(dirname(into), name);
  process.stdout.write(unifiedDiff(previousModule, result.module, { from: previousModule === '' ? '/dev/null' : moduleLabel, to: moduleLabel }));
  process.stdout.write(unifiedDiff(configText, edit.text, { from: into, to: into }));
  note(edit.changed ? `added ./${name} to the imports of ${basename(into)}` : `${basename(into)} already imports ./${name}`);
  note(previousModule === result.module ? `${moduleLabel} is up to date` : `wrote ${moduleLabel}`);
  return EXIT_OK;
}

function checkStatusCommand(values: Values): number {
  const description = values.config === undefined ? undefined : readConfig(values.config as string);
  const mode = readMode(values.mode as string | undefined);
  const text = readFileSync(0, 'utf8');
  if (text.trim() === '') throw new InputError('no status text on stdin; run: systemctl status podman-isso.service | nixkit-isso check-status');
  const options = { ...(mode === undefined ? {} : { mode }), ...(description === undefined ? {} : { deployment: description }) };
  const result = checkStatus(text, options);
  process.stdout.write(`${result.healthy ? 'healthy' : 'unhealthy'}: ${result.reason}\n`);
  for (const line of result.notes) note(line);
  return result.healthy ? EXIT_OK : EXIT_UNHEALTHY;
}

function main(argv: readonly string[]): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        config: { type: 'string' },
        mode: { type: 'string' },
        out: { type: 'string' },
        into: { type: 'string' },
        name: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    note(`${(error as Error).message}\nRun nixkit-isso --help for usage.`);
    return EXIT_USAGE;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(HELP);
    return EXIT_OK;
  }
  const [command, ...extra] = positionals;
  try {
    if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
    switch (command) {
      case 'render': return render(values);
      case 'install': return install(values);
      case 'check-status': return checkStatusCommand(values);
      case undefined: throw new UsageError('a command is required: render, install or check-status');
      default: throw new UsageError(`unknown command "${command}"; the commands are render, install and check-status`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      note(`${error.message}\nRun nixkit-isso --help for usage.`);
      return EXIT_USAGE;
    }
    if (error instanceof InputError) {
      note(error.message);
      return EXIT_INPUT;
    }
    if (error instanceof OutputError) {
      note(error.message);
      return EXIT_OUTPUT;
    }
    if (error instanceof IssoDeploymentError) {
      note(`${values.config ?? 'the description'}: ${error.message}`);
      note('nothing was written');
      return EXIT_INPUT;
    }
    throw error;
  }
}

process.exitCode = main(process.argv.slice(2));
