import type { CommandSpec } from '../command.js';
import { COLLECT, CONFIG, JSON_OUTPUT } from '../options.js';

export const fleetStatusCommand: CommandSpec = {
  name: 'fleet-status',
  summary: 'Judge the captured `systemctl status` of every host and unit of a fleet; --collect captures it over ssh',
  usage: 'fleet-status --config fleet.json DIR [--collect] [--json]',
  description: `Reads DIR/<host>.<unit>.txt (the output of systemctl status --no-pager --full <unit> on that
host; <host>.isso.service@<container>.txt inside a NixOS container) for every host and unit of
the fleet and prints one line per unit (host, unit, verdict, reason) and a summary; --json
prints the report as one JSON object. With --collect it first runs those commands itself, over
ssh as Colmena reaches each host (BatchMode: no password prompts), and writes the captures into
DIR; hosts it could not reach are listed on stderr and judged from their empty capture.
Exit code 0: every unit is healthy; 1: any is not, or its capture is missing, empty or cut off.`,
  options: [CONFIG, COLLECT, JSON_OUTPUT],
  operand: 'DIR',
  run: (values, operand) => import('./fleet-status-run.js').then((m) => m.runFleetStatus(values, operand)),
};
