import type { CommandSpec } from './command.js';
import { checkStatusCommand } from './commands/check-status.js';
import { fleet } from './commands/fleet.js';
import { fleetStatusCommand } from './commands/fleet-status.js';
import { install } from './commands/install.js';
import { nomad } from './commands/nomad.js';
import { render } from './commands/render.js';
import { schema } from './commands/schema.js';

/** Every command, in the order --help lists them. A new command is one more entry here. */
export const COMMANDS: readonly CommandSpec[] = [render, install, checkStatusCommand, nomad, fleet, fleetStatusCommand, schema];
