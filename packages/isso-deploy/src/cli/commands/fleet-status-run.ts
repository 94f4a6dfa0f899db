// The work of `nixkit-isso fleet-status`. Its CommandSpec (./fleet-status.ts) imports this module only when the
// command runs, so the other commands, `render` above all, start without the modules it needs.
import type { OptionValues } from '../command.js';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { collectCaptures, type CollectIo } from '../../fleet-collect.js';
import { directoryCaptures, directoryCollectIo } from '../../fleet-node-io.js';
import { fleetStatus, type CaptureSource } from '../../fleet-status.js';
import { inputError, outputError } from '../cli-error.js';
import { explainFsError } from '../errno-words.js';
import { readDescription } from '../options.js';
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

/** Runs `nixkit-isso fleet-status`: the `run` of its CommandSpec (./fleet-status.ts), loaded when the command is. */
export function runFleetStatus(values: OptionValues, operand?: string): number {
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
}
