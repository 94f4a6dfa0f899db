import { stringOption, type CommandSpec } from '../command.js';
import { EXIT, usageError } from '../cli-error.js';
import { CONFIG, FORCE, MODE, NIXOS_RELEASE, OUT, readDescription, readMode, readNixosRelease } from '../options.js';
import { renderDescription } from '../render-description.js';
import { note, writeOut } from '../stdio.js';
import { writeOutputDir } from '../write-output-dir.js';

export const render: CommandSpec = {
  name: 'render',
  summary: 'Print the NixOS module, or write it and the files for hosts without NixOS into a directory',
  usage: 'render --config FILE [--mode MODE] [--nixos-release RELEASE] [--out DIR [--force]]',
  description: `Prints the NixOS module on stdout. With --out it writes DIR/isso.nix together with the
files for hosts without NixOS: isso.conf, isso.nginx.conf (an nginx server block) and, in
container mode, isso.container (a Quadlet unit). All of them are written, or none.`,
  options: [CONFIG, MODE, NIXOS_RELEASE, OUT, FORCE],
  run(values) {
    const out = stringOption(values, 'out');
    const force = values.force === true;
    if (force && out === undefined) throw usageError('--force only applies with --out DIR');
    const mode = readMode(values);
    const nixosRelease = readNixosRelease(values);
    const result = renderDescription(readDescription(values, true), { mode, nixosRelease }, values);
    for (const warning of result.warnings) note(`warning: ${warning}`);
    if (out === undefined) {
      writeOut(result.module);
      note(`rendered the ${result.mode} module for ${result.domain}`);
      return EXIT.ok;
    }
    writeOutputDir(out, result.files.map((file) => ({ path: file.name, text: file.text, description: file.description })), force);
    return EXIT.ok;
  },
};
