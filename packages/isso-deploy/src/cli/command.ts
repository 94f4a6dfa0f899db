// What a command is, for the parser, the help text and the dispatcher. Adding a command is one
// new file in commands/ that exports a CommandSpec, plus one entry in command-list.ts; adding an
// option is one OptionSpec (options.ts) listed in the commands it applies to.

/** One `--name` option. With `value` it takes an argument (`--name VALUE` or `--name=VALUE`). */
export interface OptionSpec {
  name: string;
  /** Placeholder shown in help (`FILE`); absent for a flag such as `--force`. */
  value?: string;
  /** One or two lines for --help. */
  help: string;
}

/** The options given on the command line: a string for valued options, true for flags. */
export type OptionValues = Readonly<Record<string, string | true | undefined>>;

export interface CommandSpec {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** The usage line without the program name: `render --config FILE [--out DIR]`. */
  usage: string;
  /** A paragraph for `<command> --help`. */
  description: string;
  options: readonly OptionSpec[];
  /**
   * Placeholder of the one argument the command takes besides its options (`DIR`); absent for
   * commands that take none, whose stray arguments are usage errors.
   */
  operand?: string;
  /**
   * Runs the command; returns the exit code or throws a CliError. `operand` is set when the spec
   * has one. Every command but `render` imports its work (commands/<name>-run.ts) here, on demand,
   * and returns that promise: the CLI is one bundle, and the modules of the other commands
   * (Colmena, Nomad, the status parser, the Nix parser and editor) would otherwise be evaluated on
   * every start, `render` included (issue #19, cold start).
   */
  run(values: OptionValues, operand?: string): number | Promise<number>;
}

/** A valued option's string, or undefined when it was not given. */
export function stringOption(values: OptionValues, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}
