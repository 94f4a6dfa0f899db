import type { CommandSpec, OptionValues } from './command.js';
import { usageError } from './cli-error.js';

/** What the command line asks for. */
export type ParsedArgs =
  | { kind: 'help'; command: CommandSpec | null }
  | { kind: 'version' }
  | { kind: 'run'; command: CommandSpec; values: OptionValues; operand?: string };

const HELP_FLAGS = new Set(['--help', '-h']);
const VERSION_FLAGS = new Set(['--version', '-V']);

/**
 * Parses `nixkit-isso COMMAND [options]`. Options are accepted before or after the command, as
 * `--opt value` or `--opt=value`; `--` ends the options. `--help` and `--version` apply
 * everywhere (`render --help` is render's own help). Anything else that is not an option of the
 * chosen command is a usage error, so a misplaced `--out` is never silently ignored.
 */
export function parseArgs(argv: readonly string[], commands: readonly CommandSpec[]): ParsedArgs {
  const given: { name: string; value: string | true; raw: string }[] = [];
  const positionals: string[] = [];
  let help = false;
  let version = false;
  const known = new Map(commands.flatMap((command) => command.options.map((option) => [option.name, option] as const)));
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    if (arg === '--') { positionals.push(...argv.slice(index + 1)); break; }
    if (HELP_FLAGS.has(arg)) { help = true; continue; }
    if (VERSION_FLAGS.has(arg)) { version = true; continue; }
    if (!arg.startsWith('-') || arg === '-') { positionals.push(arg); continue; }
    if (!arg.startsWith('--')) throw usageError(`unknown option ${arg}`);
    const equals = arg.indexOf('=');
    const name = arg.slice(2, equals === -1 ? undefined : equals);
    const option = known.get(name);
    if (option === undefined) throw usageError(`unknown option --${name}`);
    if (option.value === undefined) {
      if (equals !== -1) throw usageError(`--${name} takes no value`);
      given.push({ name, value: true, raw: arg });
      continue;
    }
    let value: string;
    if (equals !== -1) {
      value = arg.slice(equals + 1);
    } else {
      if (index + 1 >= argv.length) throw usageError(`--${name} needs a value: --${name} ${option.value}`);
      value = argv[++index]!;
    }
    if (value === '') throw usageError(`--${name} needs a value: --${name} ${option.value}`);
    given.push({ name, value, raw: arg });
  }
  const [commandName, ...extra] = positionals;
  const command = commandName === undefined ? undefined : commands.find((c) => c.name === commandName);
  if (commandName !== undefined && command === undefined) {
    throw usageError(`unknown command "${commandName}"; the commands are ${commands.map((c) => c.name).join(', ')}`);
  }
  if (help) return { kind: 'help', command: command ?? null };
  if (version) return { kind: 'version' };
  if (command === undefined) throw usageError(`a command is required: ${commands.map((c) => c.name).join(', ')}`);
  // Only a command that declares an operand (fleet-status DIR) takes one; anything more is a mistake.
  const operandCount = command.operand === undefined ? 0 : 1;
  if (extra.length > operandCount) throw usageError(`unexpected argument "${extra[operandCount]}"`);
  if (extra.length < operandCount) throw usageError(`${command.name} needs ${command.operand}: nixkit-isso ${command.usage}`);
  const values: Record<string, string | true> = {};
  for (const { name, value } of given) {
    if (!command.options.some((option) => option.name === name)) {
      const accepted = command.options.map((option) => `--${option.name}`).join(', ');
      throw usageError(`--${name} does not apply to ${command.name}; ${command.name} takes ${accepted}`);
    }
    if (values[name] !== undefined) throw usageError(`--${name} is given twice`);
    values[name] = value;
  }
  return operandCount === 0 ? { kind: 'run', command, values } : { kind: 'run', command, values, operand: extra[0]! };
}
