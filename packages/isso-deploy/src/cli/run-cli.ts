import { COMMANDS } from './command-list.js';
import { CliError, EXIT, StdoutClosed } from './cli-error.js';
import { commandHelp, programHelp } from './help.js';
import { parseArgs } from './parse-args.js';
import { isDescriptionError } from './render-description.js';
import { note, writeOut } from './stdio.js';
import { packageVersion } from './version.js';

function dispatch(argv: readonly string[]): number | Promise<number> {
  const parsed = parseArgs(argv, COMMANDS);
  if (parsed.kind === 'help') {
    writeOut(parsed.command === null ? programHelp(COMMANDS) : commandHelp(parsed.command));
    return EXIT.ok;
  }
  if (parsed.kind === 'version') {
    writeOut(`nixkit-isso ${packageVersion()}\n`);
    return EXIT.ok;
  }
  return parsed.command.run(parsed.values, parsed.operand);
}

/**
 * Runs the CLI and returns its exit code, or a promise of it when the command loads its work on
 * demand (command.ts). This is the one place failures end up: each becomes a single line on
 * stderr and the documented code, never a stack trace. A closed stdout (`| head`) ends the run
 * quietly.
 */
export function runCli(argv: readonly string[]): number | Promise<number> {
  try {
    const code = dispatch(argv);
    return typeof code === 'number' ? code : code.catch(exitCodeOf);
  } catch (error) {
    return exitCodeOf(error);
  }
}

/** The stderr lines and the exit code for a failure. */
function exitCodeOf(error: unknown): number {
  if (error instanceof StdoutClosed) return EXIT.ok;
  if (error instanceof CliError) {
    note(error.message);
    for (const line of error.details) note(line);
    if (error.exitCode === EXIT.usage) note('run nixkit-isso --help for usage');
    return error.exitCode;
  }
  if (isDescriptionError(error)) {
    note(`the description: ${error.message.replace(/\s*\n\s*/g, ' ')}; nothing was written`);
    return EXIT.input;
  }
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  note(`internal error, please report it: ${message.split('\n')[0]}`);
  return EXIT.output;
}
