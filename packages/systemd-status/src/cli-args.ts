/**
 * The command line of `systemd-status`: which output, which input format, and the parse options.
 * Every option takes its value either as `--opt value` or `--opt=value`; an option given twice,
 * two output modes, or an option that has no effect on the chosen input are usage errors.
 */
import type { ParseOptions } from './types.js';

export type OutputMode = 'json' | 'ndjson' | 'summary';

export type CliRequest =
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  | { readonly kind: 'run'; readonly mode: OutputMode; readonly show: boolean; readonly options: ParseOptions };

/** A command line that cannot be run; the message is one line without the program name. */
export class UsageError extends Error {
  override name = 'UsageError';
}

const MODES: Readonly<Record<string, OutputMode>> = { '--json': 'json', '--ndjson': 'ndjson', '--summary': 'summary' };
const VALUED = new Set(['--reference-date', '--utc-offset']);

/** Reads `argv` (without node and script); throws {@link UsageError}. */
export function parseArgs(argv: readonly string[]): CliRequest {
  let mode: OutputMode | undefined;
  let show = false;
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '-h' || arg === '--help') return { kind: 'help' };
    if (arg === '--version') return { kind: 'version' };
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq < 0 ? arg : arg.slice(0, eq);
    if (VALUED.has(flag)) {
      let value: string | undefined = eq < 0 ? argv[++i] : arg.slice(eq + 1);
      if (value === undefined) throw new UsageError(`${flag} needs a value`);
      if (values.has(flag)) throw new UsageError(`${flag} is given twice`);
      values.set(flag, value);
      continue;
    }
    if (eq >= 0) throw new UsageError(`${flag} takes no value, got ${JSON.stringify(arg)}`);
    if (Object.hasOwn(MODES, flag)) {
      if (mode !== undefined && mode !== MODES[flag]) throw new UsageError(`choose one of --json, --ndjson and --summary`);
      mode = MODES[flag];
    } else if (flag === '--show') {
      show = true;
    } else {
      throw new UsageError(`unrecognized argument ${JSON.stringify(arg)}`);
    }
  }
  const options: ParseOptions = {};
  for (const [flag, value] of values) {
    // `systemctl show` prints full timestamps and no journal, so these would change nothing.
    if (show) throw new UsageError(`${flag} does not apply to --show input, which has no journal lines`);
    if (flag === '--reference-date') options.referenceDate = readDate(value);
    else options.utcOffsetMinutes = readOffset(value);
  }
  return { kind: 'run', mode: mode ?? 'json', show, options };
}

function readDate(value: string): Date {
  // Date.parse accepts odd forms ("1", "March 7"); only ISO 8601 dates are meant here.
  const date = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.test(value) ? new Date(value) : undefined;
  if (!date || Number.isNaN(date.getTime())) throw new UsageError(`--reference-date ${JSON.stringify(value)} is not an ISO 8601 date such as 2024-11-03T17:00:00Z`);
  return date;
}

function readOffset(value: string): number {
  if (!/^[+-]?\d{1,4}$/.test(value) || Math.abs(Number(value)) > 18 * 60) {
    throw new UsageError(`--utc-offset ${JSON.stringify(value)} is not a whole number of minutes east of UTC within ±1080, such as 60 or -300`);
  }
  return Number(value);
}
