// The work of `nixkit-isso fleet`. Its CommandSpec (./fleet.ts) imports this module only when the
// command runs, so the other commands, `render` above all, start without the modules it needs.
import { type OptionValues, stringOption } from '../command.js';
import { renderFleet } from '../../render-fleet.js';
import { EXIT, usageError } from '../cli-error.js';
import { readDescription } from '../options.js';
import { asInputError } from '../render-description.js';
import { note } from '../stdio.js';
import { writeOutputDir } from '../write-output-dir.js';

/** Runs `nixkit-isso fleet`: the `run` of its CommandSpec (./fleet.ts), loaded when the command is. */
export function runFleet(values: OptionValues): number {
  const out = stringOption(values, 'out');
  if (out === undefined) throw usageError('fleet needs --out DIR: it writes several files');
  const input = readDescription(values, true);
  const result = asInputError(values, () => renderFleet(input, { flake: values.flake === true }));
  for (const warning of result.warnings) note(`warning: ${warning}`);
  writeOutputDir(out, result.files, values.force === true);
  return EXIT.ok;
}
