import { DEPLOYMENT_MODES, type DeploymentMode } from '../deployment-mode.js';
import { isNixosRelease, NIXOS_RELEASES, type NixosRelease } from '../nixos-release.js';
import { stringOption, type OptionSpec, type OptionValues } from './command.js';
import { inputError, usageError } from './cli-error.js';
import { readTextInput } from './read-bounded.js';

// The options shared by several commands, and how their values are read.

export const CONFIG: OptionSpec = {
  name: 'config',
  value: 'FILE',
  help: 'The deployment description (JSON; for fleet and fleet-status the fleet file); - reads it\nfrom stdin. The smallest one is {"domain": "comments.example.org", "acmeEmail": "letsencrypt@example.org"}',
};
export const MODE: OptionSpec = {
  name: 'mode',
  value: 'MODE',
  help: 'container (the article\'s podman container), native (a systemd service with DynamicUser),\n' +
    'nixos-module (NixOS\'s services.isso) or nixos-container (the article\'s 2023 setup: a NixOS\n' +
    'container, containers.isso). Default: the description\'s "mode", else container',
};
export const OUT: OptionSpec = { name: 'out', value: 'DIR', help: 'Write the files into DIR (created if missing), all of them or none, instead of printing' };
export const NIXOS_RELEASE: OptionSpec = {
  name: 'nixos-release',
  value: 'RELEASE',
  help: `The NixOS release the module targets: ${NIXOS_RELEASES.join(', ')}. Default: the description's\n"nixosRelease", else ${NIXOS_RELEASES[NIXOS_RELEASES.length - 1]}`,
};
export const FLAKE: OptionSpec = { name: 'flake', help: 'Also write flake.nix (outputs.colmenaHive) beside hive.nix' };
export const COLLECT: OptionSpec = {
  name: 'collect',
  help: 'First run `systemctl status` on every host over ssh (BatchMode, as Colmena reaches it)\nand write the captures into DIR',
};
export const JSON_OUTPUT: OptionSpec = { name: 'json', help: 'Print the report as one JSON object instead of lines' };
export const INTO: OptionSpec = { name: 'into', value: 'FILE', help: 'The configuration.nix to add the import to' };
export const NAME: OptionSpec = { name: 'name', value: 'FILE', help: 'File name of the module, beside configuration.nix (default isso.nix)' };
export const FORCE: OptionSpec = {
  name: 'force',
  help: 'Replace an existing file that nixkit-isso did not write, keeping a copy as FILE.bak',
};

/** --mode, or undefined: then the description's own `mode` applies, else container. */
export function readMode(values: OptionValues): DeploymentMode | undefined {
  const value = stringOption(values, 'mode');
  if (value === undefined) return undefined;
  if (!(DEPLOYMENT_MODES as readonly string[]).includes(value)) {
    throw usageError(`--mode must be one of ${DEPLOYMENT_MODES.join(', ')}, got "${value}"`);
  }
  return value as DeploymentMode;
}

/** --nixos-release, or undefined: then the description's own `nixosRelease` applies, else the newest. */
export function readNixosRelease(values: OptionValues): NixosRelease | undefined {
  const value = stringOption(values, 'nixos-release');
  if (value === undefined) return undefined;
  if (!isNixosRelease(value)) throw usageError(`--nixos-release must be one of ${NIXOS_RELEASES.join(', ')}, got "${value}"`);
  return value;
}

/** The parsed JSON of --config, bounded in size; `required` makes a missing --config a usage error. */
export function readDescription(values: OptionValues, required: true): unknown;
export function readDescription(values: OptionValues, required: false): unknown | undefined;
export function readDescription(values: OptionValues, required: boolean): unknown {
  const file = stringOption(values, 'config');
  if (file === undefined) {
    if (required) throw usageError('--config FILE is required');
    return undefined;
  }
  const text = readTextInput(file);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw inputError(`${file === '-' ? 'stdin' : file} is not valid JSON: ${(error as Error).message}`);
  }
}
