// The CLI's failures, each carrying the documented exit code, so that one place (run-cli.ts) can
// turn any of them into a single line on stderr.

/** Exit codes, listed in --help and in the README. */
export const EXIT = {
  ok: 0,
  /** check-status, fleet-status: the service (a unit of the fleet) is not healthy. */
  unhealthy: 1,
  /** The command line is wrong. */
  usage: 2,
  /** The description, the status text or configuration.nix cannot be used; nothing was written. */
  input: 3,
  /** An output could not be written, or was refused; nothing was changed. */
  output: 4,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A failure the user can act on: `message` is the one line printed, `exitCode` the status. */
export class CliError extends Error {
  override name = 'CliError';
  readonly exitCode: ExitCode;
  /** Lines printed before the message (parser diagnostics, a line to add by hand). */
  readonly details: readonly string[];

  constructor(exitCode: ExitCode, message: string, details: readonly string[] = []) {
    super(message);
    this.exitCode = exitCode;
    this.details = details;
  }
}

export const usageError = (message: string): CliError => new CliError(EXIT.usage, message);
export const inputError = (message: string, details: readonly string[] = []): CliError => new CliError(EXIT.input, message, details);
export const outputError = (message: string, details: readonly string[] = []): CliError => new CliError(EXIT.output, message, details);

/** Thrown when stdout's reader has gone away (`… | head`): the run ends quietly. */
export class StdoutClosed extends Error {
  override name = 'StdoutClosed';
}
