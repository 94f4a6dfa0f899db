import { renderFleet } from '../../render-fleet.js';
import { stringOption, type CommandSpec } from '../command.js';
import { EXIT, usageError } from '../cli-error.js';
import { CONFIG, FLAKE, FORCE, OUT, readDescription } from '../options.js';
import { asInputError } from '../render-description.js';
import { note } from '../stdio.js';
import { writeOutputDir } from '../write-output-dir.js';

export const fleet: CommandSpec = {
  name: 'fleet',
  summary: 'Write a Colmena hive (hive.nix, one module per host and site) from a fleet file',
  usage: 'fleet --config fleet.json --out DIR [--flake] [--force]',
  description: `Reads a fleet file ({"hosts": {"web1": {"targetHost": …, "isso": [ descriptions ]}}}) and
writes DIR/hive.nix (colmena apply), with --flake also DIR/flake.nix, and per host
DIR/hosts/<host>/<site>.nix plus the host's shared nginx settings. Missing subdirectories are
created. All files are written, or none (created directories are removed again).`,
  options: [CONFIG, OUT, FLAKE, FORCE],
  run(values) {
    const out = stringOption(values, 'out');
    if (out === undefined) throw usageError('fleet needs --out DIR: it writes several files');
    const input = readDescription(values, true);
    const result = asInputError(values, () => renderFleet(input, { flake: values.flake === true }));
    for (const warning of result.warnings) note(`warning: ${warning}`);
    writeOutputDir(out, result.files, values.force === true);
    return EXIT.ok;
  },
};
