import { DEPLOYMENT_MODES, type DeploymentMode } from '../deployment-mode.js';
import { stringOption, type OptionSpec, type OptionValues } from './command.js';
import { inputError, usageError } from './cli-error.js';
import { readTextInput } from './read-bounded.js';

// The options shared by several commands, and how their values are read.

export const CONFIG: OptionSpec = {
  name: 'config',
  value: 'FILE',
  help: 'The deployment description (JSON); - reads it from stdin. The smallest one is\n{"domain": "comments.example.org", "acmeEmail": "letsencrypt@example.org"}',
};
export const MODE: OptionSpec = {
  name: 'mode',
  value: 'MODE',
  help: 'container (the article\'s podman container), native (a systemd service with DynamicUser),\n' +
    'nixos-module (NixOS\'s services.isso) or nixos-container (the article\'s 2023 setup: a NixOS\n' +
    'container, containers.isso). Default: the description\'s "mode", else container',
};
export const OUT: OptionSpec = { name: 'out', value: 'DIR', help: 'Write the artifacts into DIR instead of printing the module' };
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
