import { parse } from '@nixkit/nix-expr';
import { type CommandSpec } from '../command.js';
import { CONFIG, FORCE, INTO, MODE, NAME, NIXOS_RELEASE } from '../options.js';

export const install: CommandSpec = {
  name: 'install',
  summary: 'Write the module beside configuration.nix and add it to its imports',
  usage: 'install --config FILE --into configuration.nix [--mode MODE] [--nixos-release RELEASE] [--name isso.nix] [--force]',
  description: `Writes the module beside configuration.nix (as isso.nix, or --name) and adds it to the
imports list of configuration.nix, then prints a unified diff of both files (patch -p1 applies
it in that directory). A symlinked configuration.nix is edited where it points. A configuration
that does not parse, a flake, or an imports that is not a plain list is left untouched, with
what to add by hand. An existing module that nixkit-isso did not write is not replaced unless
--force, which keeps it as FILE.bak.`,
  options: [CONFIG, INTO, MODE, NIXOS_RELEASE, NAME, FORCE],
  run: (values) => import('./install-run.js').then((m) => m.runInstall(values)),
};
