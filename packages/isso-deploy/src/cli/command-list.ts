import type { CommandSpec } from './command.js';
import { checkStatusCommand } from './commands/check-status.js';
import { install } from './commands/install.js';
import { render } from './commands/render.js';

/** Every command, in the order --help lists them. A new command is one more entry here. */
export const COMMANDS: readonly CommandSpec[] = [render, install, checkStatusCommand];
