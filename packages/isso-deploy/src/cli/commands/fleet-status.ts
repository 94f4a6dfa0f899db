import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { collectCaptures, type CollectIo } from '../../fleet-collect.js';
import { directoryCaptures, directoryCollectIo } from '../../fleet-node-io.js';
import { fleetStatus, type CaptureSource } from '../../fleet-status.js';
import type { CommandSpec } from '../command.js';
import { inputError, outputError } from '../cli-error.js';
import { explainFsError } from '../errno-words.js';
import { COLLECT, CONFIG, JSON_OUTPUT, readDescription } from '../options.js';
import { asInputError } from '../render-description.js';
import { note, writeOut } from '../stdio.js';

/** DIR must be a directory this user can list: otherwise one exit-3 line, before any ssh runs. */
function checkCaptureDir(dir: string): void {
  try {
    if (!statSync(dir).isDirectory()) throw inputError(`cannot use ${dir}: not a directory`);
    readdirSync(dir);
  } catch (error) {
    if (error instanceof Error && error.name === 'CliError') throw error;
    throw inputError(`cannot read the capture directory ${dir}: ${explainFsError(error)}`);
  }
}

/** directoryCaptures, with a capture that exists but cannot be read as one exit-3 line naming it. */
function captureSource(dir: string): CaptureSource {
  const source = directoryCaptures(dir);
  return {
    read(fileName) {
      try {
        return source.read(fileName);
      } catch (error) {
        throw inputError(`cannot read ${join(dir, fileName)}: ${explainFsError(error)}`);
      }
    },
    list() {
      try {
        return source.list!();
      } catch (error) {
        throw inputError(`cannot read the capture directory ${dir}: ${explainFsError(error)}`);
      }
    },
  };
}

/** directoryCollectIo, with a capture that cannot be written as one exit-4 line naming it. */
function collectIo(dir: string): CollectIo {
  const io = directoryCollectIo(dir);
  return {
    run: io.run,
    write(fileName, text) {
      try {
        io.write(fileName, text);
      } catch (error) {
        throw outputError(`cannot write ${join(dir, fileName)}: ${explainFsError(error)}`);
      }
    },
  };
}

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
  run(values, operand) {
    const dir = operand!;
    const input = readDescription(values, true);
    checkCaptureDir(dir);
    if (values.collect === true) {
      const collected = asInputError(values, () => collectCaptures(input, collectIo(dir)));
      for (const problem of collected.problems) note(`${problem.host} ${problem.unit}: ${problem.reason.replace(/[\r\n]+/g, ' ')}`);
    }
    const report = asInputError(values, () => fleetStatus(input, captureSource(dir)));
    if (values.json === true) {
      writeOut(`${JSON.stringify(report.json)}\n`);
    } else {
      writeOut(`${[...report.lines, report.summary].join('\n')}\n`);
    }
    return report.exitCode;
  },
};
