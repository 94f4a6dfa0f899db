import { checkStatus } from '../../check-status.js';
import type { CommandSpec } from '../command.js';
import { EXIT, inputError, usageError } from '../cli-error.js';
import { CONFIG, MODE, readDescription, readMode } from '../options.js';
import { decodeText, readDescriptor } from '../read-bounded.js';
import { renderDescription } from '../render-description.js';
import { note, writeOut } from '../stdio.js';

export const checkStatusCommand: CommandSpec = {
  name: 'check-status',
  summary: 'Read `systemctl status` on stdin and say whether Isso is healthy, and why\n(nixos-container mode: `systemctl status container@isso; systemctl -M isso status isso`)',
  usage: 'check-status [--config FILE] [--mode MODE] < status.txt',
  description: `Reads \`systemctl status podman-isso.service\` (or isso.service in the native and
nixos-module modes; in the nixos-container mode \`systemctl status container@isso\` followed by
\`systemctl -M isso status isso\`) on stdin. Exit code 0: healthy; 1: not healthy, with the cause from the
journal; 3: the text is not a status of the deployment's unit. With --config it also checks
that gunicorn listens on the deployment's port.`,
  options: [CONFIG, MODE],
  run(values) {
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
  },
};
