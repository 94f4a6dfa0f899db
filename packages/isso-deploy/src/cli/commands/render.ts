import { mkdirSync, rmdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { stringOption, type CommandSpec } from '../command.js';
import { EXIT, outputError, usageError } from '../cli-error.js';
import { explainFsError } from '../errno-words.js';
import { CONFIG, FORCE, MODE, OUT, readDescription, readMode } from '../options.js';
import { planGeneratedFile } from '../plan-generated.js';
import { renderDescription } from '../render-description.js';
import { writeFilesAtomically } from '../safe-write.js';
import { note, writeOut } from '../stdio.js';

/** Creates `dir` and its missing parents; returns the ones it created, deepest first, to undo. */
function makeDirectory(dir: string): string[] {
  let first: string | undefined;
  try {
    first = mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw outputError(`cannot create ${dir}: ${explainFsError(error)}; nothing was written`);
  }
  const created: string[] = [];
  if (first === undefined) return created;
  for (let current = resolve(dir); ; current = dirname(current)) {
    created.push(current);
    if (current === resolve(first) || current === dirname(current)) break;
  }
  return created;
}

export const render: CommandSpec = {
  name: 'render',
  summary: 'Print the NixOS module, or write it and the files for hosts without NixOS into a directory',
  usage: 'render --config FILE [--mode MODE] [--out DIR [--force]]',
  description: `Prints the NixOS module on stdout. With --out it writes DIR/isso.nix together with the
files for hosts without NixOS: isso.conf, isso.nginx.conf (an nginx server block) and, in
container mode, isso.container (a Quadlet unit). All of them are written, or none.`,
  options: [CONFIG, MODE, OUT, FORCE],
  run(values) {
    const out = stringOption(values, 'out');
    const force = values.force === true;
    if (force && out === undefined) throw usageError('--force only applies with --out DIR');
    const mode = readMode(values);
    const result = renderDescription(readDescription(values, true), mode, values);
    for (const warning of result.warnings) note(`warning: ${warning}`);
    if (out === undefined) {
      writeOut(result.module);
      note(`rendered the ${result.mode} module for ${result.domain}`);
      return EXIT.ok;
    }
    const created = makeDirectory(out);
    try {
      const plans = result.files.map((file) => planGeneratedFile(join(out, file.name), file.text, force));
      writeFilesAtomically(plans.flatMap((plan) => plan.writes));
      result.files.forEach((file, index) => {
        const plan = plans[index]!;
        const path = join(out, file.name);
        if (plan.writes.length === 0) note(`${path} is up to date`);
        else note(`wrote ${path} (${file.description})${plan.writes.length > 1 ? `; the old file is kept as ${path}.bak` : ''}`);
      });
    } catch (error) {
      for (const dir of created) {
        try { rmdirSync(dir); } catch { /* not empty or gone: leave it */ }
      }
      throw error;
    }
    return EXIT.ok;
  },
};
