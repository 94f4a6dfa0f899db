import type { CommandSpec, OptionSpec } from './command.js';

const EXIT_CODES = `Exit codes:
  0  success (check-status, fleet-status: healthy)
  1  check-status, fleet-status: not healthy (fleet-status: or a capture is missing, empty or cut off)
  2  wrong command line
  3  unusable input: the description or fleet file, the status text, the capture directory or
     configuration.nix; nothing was written
  4  an output could not be written, or was refused, or an internal error; nothing was changed
`;

const HELP_ROW = ['-h, --help', 'Show this help, or with a command that command\'s help'] as const;
const VERSION_ROW = ['-V, --version', 'Show the version'] as const;

/** The option table: `--name VALUE` and its help, aligned; `extra` rows go last. */
function optionLines(options: readonly OptionSpec[], extra: readonly (readonly [string, string])[]): string {
  const rows = [...options.map((option) => [`--${option.name}${option.value === undefined ? '' : ` ${option.value}`}`, option.help] as const), ...extra];
  const width = Math.max(...rows.map(([head]) => head.length)) + 2;
  return rows.map(([head, help]) => {
    const [first, ...rest] = help.split('\n');
    return [`  ${head.padEnd(width)}${first}`, ...rest.map((line) => `  ${''.padEnd(width)}${line}`)].join('\n');
  }).join('\n');
}

/** `nixkit-isso --help`: every command's usage, the commands, and the exit codes. */
export function programHelp(commands: readonly CommandSpec[]): string {
  const width = Math.max(...commands.map((command) => command.name.length)) + 2;
  return `nixkit-isso — the Isso comment server on NixOS, from one JSON description

Usage:
${commands.map((command) => `  nixkit-isso ${command.usage}`).join('\n')}
  nixkit-isso COMMAND --help
  nixkit-isso --version

Commands:
${commands.map((command) => `  ${command.name.padEnd(width)}${command.summary.replaceAll('\n', `\n  ${''.padEnd(width)}`)}`).join('\n')}

Options (each applies to the commands that list it; --opt VALUE and --opt=VALUE both work):
${optionLines([...new Map(commands.flatMap((command) => command.options.map((option) => [option.name, option] as const))).values()], [HELP_ROW, VERSION_ROW])}

${EXIT_CODES}`;
}

/** `nixkit-isso COMMAND --help`. */
export function commandHelp(command: CommandSpec): string {
  return `Usage: nixkit-isso ${command.usage}

${command.description}

Options:
${optionLines(command.options, [HELP_ROW])}

${EXIT_CODES}`;
}
