import { createContext, type ParseContext } from './context.js';
import { eachLine } from './each-line.js';
import { SystemdStatusError } from './errors.js';
import { createLineSplitter } from './line-splitter.js';
import { parseExitStatus } from './parse-exit.js';
import { parseTimestamp } from './parse-timestamp.js';
import { invocationId } from './invocation-id.js';
import { memoryFrom } from './memory-fields.js';
import type { ExitStatus, MemoryDetail, ParseOptions, ProcessLine, SystemdUnitShow, Timestamp } from './types.js';

// Which timestamp `systemctl status` shows as "since" for each active state; `show` has them all.
const SINCE_PROPERTY: Readonly<Record<string, string>> = {
  active: 'ActiveEnterTimestamp', reloading: 'ActiveEnterTimestamp', refreshing: 'ActiveEnterTimestamp',
  inactive: 'InactiveEnterTimestamp', failed: 'InactiveEnterTimestamp',
  activating: 'InactiveExitTimestamp', deactivating: 'ActiveExitTimestamp',
};
// siginfo `si_code` values for CLD_* as `ExecMainCode=` prints them.
const CHILD_CODES = ['', 'exited', 'killed', 'dumped', 'trapped', 'stopped', 'continued'];
const SIGNALS = ['', 'HUP', 'INT', 'QUIT', 'ILL', 'TRAP', 'ABRT', 'BUS', 'FPE', 'KILL', 'USR1', 'SEGV', 'USR2', 'PIPE', 'ALRM', 'TERM'];
const MEMORY_DETAILS: readonly (readonly [string, string])[] = [
  ['MemoryMin', 'min'], ['MemoryLow', 'low'], ['MemoryHigh', 'high'], ['MemoryMax', 'max'],
  ['MemorySwapMax', 'swap max'], ['MemoryZSwapMax', 'zswap max'], ['MemoryAvailable', 'available'],
  ['MemoryPeak', 'peak'], ['MemorySwapCurrent', 'swap'], ['MemorySwapPeak', 'swap peak'], ['MemoryZSwapCurrent', 'zswap'],
];
const EXEC_KEYS = new Set(['ExecCondition', 'ExecStartPre', 'ExecStart', 'ExecStartPost', 'ExecReload', 'ExecStop', 'ExecStopPost', 'ExecMount', 'ExecUnmount', 'ExecRemount', 'ExecActivate', 'ExecDeactivate']);
const UINT64_MAX = '18446744073709551615';

/**
 * Reads `systemctl show` output (`Key=Value` lines, units separated by an empty line) into typed
 * records whose field names match `parseStatus` where they overlap, keeping every property in
 * `properties`. This is the form scripts should prefer: numbers are exact (bytes, nanoseconds)
 * and nothing is ellipsized. Never throws on any text; lines without `=` become diagnostics.
 */
export function parseShow(text: string, options?: ParseOptions): SystemdUnitShow[] {
  const ctx = createContext(options);
  const units: SystemdUnitShow[] = [];
  if (typeof text !== 'string') return units;
  const reader = createShowReader(ctx, (unit) => units.push(unit));
  eachLine(text, ctx.meter, reader.read);
  reader.flush();
  return units;
}

/** An incremental reader of `systemctl show` output; see {@link createShowParser}. */
export interface ShowParser {
  /** Reads the next piece of the text (any split) and returns the units it completed, in order. */
  write(chunk: string): SystemdUnitShow[];
  /** Ends the input and returns the last unit, if any. */
  end(): SystemdUnitShow[];
}

/**
 * Reads `systemctl show` output piece by piece: each `write` returns the units whose closing
 * empty line it read. All units returned, in order, are exactly what `parseShow` returns for the
 * whole text, however it is cut; memory is bounded by the largest unit. Throws
 * `SystemdStatusError` for invalid options, a chunk that is not a string, or a `write` after `end`.
 */
export function createShowParser(options?: ParseOptions): ShowParser {
  const ctx = createContext(options);
  let ready: SystemdUnitShow[] = [];
  const reader = createShowReader(ctx, (unit) => ready.push(unit));
  const splitter = createLineSplitter(ctx.meter);
  let ended = false;
  const take = (): SystemdUnitShow[] => {
    const done = ready;
    ready = [];
    return done;
  };
  return {
    write(chunk) {
      if (ended) throw new SystemdStatusError('write', chunk, 'no write after end()');
      if (typeof chunk !== 'string') throw new SystemdStatusError('chunk', chunk, 'a string');
      splitter.write(chunk, reader.read);
      return take();
    },
    end() {
      if (ended) throw new SystemdStatusError('end', undefined, 'a single end()');
      ended = true;
      splitter.end(reader.read);
      reader.flush();
      return take();
    },
  };
}

/** The line-by-line reader shared by `parseShow` and `createShowParser`. */
function createShowReader(ctx: ParseContext, emit: (unit: SystemdUnitShow) => void): { read: (line: string, lineNumber: number) => void; flush: () => void } {
  let properties: Record<string, string> | null = null;
  let exec: Array<[string, string]> = [];
  let diagnostics: SystemdUnitShow['diagnostics'] = [];
  const flush = (): void => {
    if (properties) emit(toUnit(properties, exec, diagnostics, ctx));
    properties = null;
    exec = [];
    diagnostics = [];
  };
  const read = (line: string, lineNumber: number): void => {
    if (line.trim() === '') {
      flush();
      return;
    }
    const eq = line.indexOf('=');
    const key = eq < 0 ? '' : line.slice(0, eq);
    properties ??= Object.create(null) as Record<string, string>;
    if (!/^[A-Za-z][A-Za-z0-9]{0,80}$/.test(key)) {
      diagnostics.push({ line: lineNumber, text: line, reason: 'not a Key=Value line' });
      return;
    }
    const value = line.slice(eq + 1);
    // Several commands of one kind arrive as repeated keys; keep them all for `processes`.
    if (EXEC_KEYS.has(key)) exec.push([key, value]);
    properties[key] = key in properties && EXEC_KEYS.has(key) ? `${properties[key]}\n${value}` : value;
  };
  return { read, flush };
}

function toUnit(p: Record<string, string>, exec: Array<[string, string]>, diagnostics: SystemdUnitShow['diagnostics'], ctx: ParseContext): SystemdUnitShow {
  const activeState = text(p.ActiveState);
  const sinceKey = activeState === null ? undefined : SINCE_PROPERTY[activeState];
  const mainPid = positive(p.MainPID);
  const current = number(p.MemoryCurrent);
  const details: MemoryDetail[] = [];
  for (const [property, name] of MEMORY_DETAILS) {
    const raw = p[property];
    if (raw !== undefined && raw !== '' && raw !== '[not set]') details.push({ name, raw, bytes: number(raw) });
  }
  const result = text(p.Result);
  const cpuNs = number(p.CPUUsageNSec);
  return {
    name: text(p.Id),
    description: text(p.Description),
    loadState: text(p.LoadState),
    loadError: text(p.LoadError),
    unitFilePath: text(p.SourcePath) ?? text(p.FragmentPath),
    unitFileState: text(p.UnitFileState),
    preset: text(p.UnitFilePreset),
    activeState,
    subState: text(p.SubState),
    // `status` prints no result for success; match it so both parsers agree.
    result: result === 'success' ? null : result,
    since: sinceKey === undefined ? null : timestamp(p[sinceKey], ctx),
    mainPid,
    mainProcess: null,
    mainExit: mainPid === null ? mainExit(p) : null,
    controlPid: positive(p.ControlPID),
    statusText: text(p.StatusText),
    tasks: number(p.TasksCurrent),
    tasksLimit: number(p.TasksMax),
    memory: p.MemoryCurrent === undefined ? null : memoryFrom({ raw: p.MemoryCurrent, bytes: current }, details),
    cpuMs: cpuNs === null ? null : cpuNs / 1e6,
    cgroup: text(p.ControlGroup),
    triggers: words(p.Triggers),
    triggeredBy: words(p.TriggeredBy),
    docs: words(p.Documentation),
    invocation: text(p.InvocationID),
    invocationId: p.InvocationID === undefined ? null : invocationId(p.InvocationID),
    processes: exec.flatMap(([kind, value]) => execProcesses(kind, value)),
    properties: p,
    dropIns: words(p.DropInPaths),
    nRestarts: number(p.NRestarts),
    ip: p.IPIngressBytes === undefined ? null : { in: number(p.IPIngressBytes), out: number(p.IPEgressBytes) },
    io: p.IOReadBytes === undefined ? null : { read: number(p.IOReadBytes), written: number(p.IOWriteBytes) },
    diagnostics,
  };
}

function text(value: string | undefined): string | null {
  return value === undefined || value === '' || value === '[not set]' ? null : value;
}

function number(value: string | undefined): number | null {
  if (value === undefined || value === UINT64_MAX || !/^\d{1,20}$/.test(value)) return null;
  return Number(value);
}

function positive(value: string | undefined): number | null {
  const n = number(value);
  return n === null || n === 0 ? null : n;
}

function words(value: string | undefined): string[] {
  return value === undefined || value.trim() === '' ? [] : value.trim().split(/ +/);
}

function timestamp(value: string | undefined, ctx: ParseContext): Timestamp | null {
  if (value === undefined || value === '' || value === 'n/a') return null;
  const { raw, date, relative } = parseTimestamp(value, false, ctx);
  return { raw, date, relative };
}

function mainExit(p: Record<string, string>): ExitStatus | null {
  const code = number(p.ExecMainCode);
  if (code === null || code === 0) return null;
  const status = number(p.ExecMainStatus);
  const name = CHILD_CODES[code] ?? String(code);
  const exited = name === 'exited';
  return {
    code: name,
    status: exited ? status : null,
    statusName: null,
    signal: !exited && status !== null ? (SIGNALS[status] ?? String(status)) : null,
  };
}

/** `{ path=/bin/x ; argv[]=/bin/x -a ; … ; pid=12 ; code=exited ; status=0/0 }` groups of one line. */
function execProcesses(kind: string, value: string): ProcessLine[] {
  const found: ProcessLine[] = [];
  for (const group of value.split(' } ')) {
    const fields = new Map<string, string>();
    for (const part of group.replace(/^\s*\{ ?/, '').replace(/ ?\}\s*$/, '').split(' ; ')) {
      const eq = part.indexOf('=');
      if (eq > 0) fields.set(part.slice(0, eq), part.slice(eq + 1));
    }
    const pid = number(fields.get('pid'));
    if (pid === null || pid === 0) continue;
    found.push({ pid, kind, command: fields.get('argv[]') ?? fields.get('path') ?? '', ...execExit(fields.get('code'), fields.get('status')) });
  }
  return found;
}

/** `code=exited ; status=1` or `code=killed ; status=15/TERM`: show prints signals as status. */
function execExit(code: string | undefined, status: string | undefined): ExitStatus {
  if (code === undefined || code === '(null)') return { code: null, status: null, statusName: null, signal: null };
  const exit = parseExitStatus(`code=${code}, status=${status ?? ''}`);
  if (code !== 'exited' && exit.status !== null) {
    return { code, status: null, statusName: null, signal: exit.statusName ?? SIGNALS[exit.status] ?? String(exit.status) };
  }
  // The part after `/` is numeric in some versions (`0/0`); only a name is a status name.
  return /^\d+$/.test(exit.statusName ?? '') ? { ...exit, statusName: null } : exit;
}
