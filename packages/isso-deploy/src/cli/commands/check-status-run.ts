// The work of `nixkit-isso check-status`. Its CommandSpec (./check-status.ts) imports this module only when the
// command runs, so the other commands, `render` above all, start without the modules it needs.
import type { OptionValues } from '../command.js';
import { checkStatus } from '../../check-status.js';
import { EXIT, inputError, usageError } from '../cli-error.js';
import { readDescription, readMode } from '../options.js';
import { decodeText, readDescriptor } from '../read-bounded.js';
import { renderDescription } from '../render-description.js';
import { note, writeOut } from '../stdio.js';

/** Runs `nixkit-isso check-status`: the `run` of its CommandSpec (./check-status.ts), loaded when the command is. */
export function runCheckStatus(values: OptionValues): number {
  if (values.config === '-') throw usageError('check-status reads the status on stdin, so --config cannot be - here');
  const mode = readMode(values);
  const description = readDescription(values, false);
  // Validated the way render does, so a bad description is an exit-3 line naming the field.
  if (description !== undefined) renderDescription(description, { mode }, values);
  const text = decodeText(readDescriptor(0, 'stdin'), 'stdin');
  if (text.trim() === '') throw inputError('no status text on stdin; run: systemctl status podman-isso.service | nixkit-isso check-status');
  const result = checkStatus(text, {
    ...(mode === undefined ? {} : { mode }),
    ...(description === undefined ? {} : { deployment: description }),
  });
  if (result.health === 'missing') throw inputError(`stdin: ${result.reason}`);
  writeOut(`${result.healthy ? 'healthy' : 'unhealthy'}: ${result.reason}\n`);
  for (const line of result.notes) note(line);
  return result.healthy ? EXIT.ok : EXIT.unhealthy;
}
