import { type CommandSpec } from '../command.js';
import { CONFIG, FLAKE, FORCE, OUT } from '../options.js';

export const fleet: CommandSpec = {
  name: 'fleet',
  summary: 'Write a Colmena hive (hive.nix, one module per host and site) from a fleet file',
  usage: 'fleet --config fleet.json --out DIR [--flake] [--force]',
  description: `Reads a fleet file ({"hosts": {"web1": {"targetHost": …, "isso": [ descriptions ]}}}) and
writes DIR/hive.nix (colmena apply), with --flake also DIR/flake.nix, and per host
DIR/hosts/<host>/<site>.nix plus the host's shared nginx settings. Missing subdirectories are
created. All files are written, or none (created directories are removed again).`,
  options: [CONFIG, OUT, FLAKE, FORCE],
  run: (values) => import('./fleet-run.js').then((m) => m.runFleet(values)),
};
