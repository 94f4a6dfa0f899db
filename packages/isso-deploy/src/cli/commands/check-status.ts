import type { CommandSpec } from '../command.js';
import { CONFIG, MODE } from '../options.js';

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
  run: (values) => import('./check-status-run.js').then((m) => m.runCheckStatus(values)),
};
