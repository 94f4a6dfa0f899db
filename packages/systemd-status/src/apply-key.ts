import type { ParseContext } from './context.js';
import { cutKeyValue } from './cut-marker.js';
import { parseActive } from './parse-active.js';
import { parsePid, parseProcessLine } from './parse-exit.js';
import { parseLoaded } from './parse-loaded.js';
import { parseErrorLine } from './parse-error-line.js';
import { invocationId } from './invocation-id.js';
import { parseActiveUnits, parseCount, parseMemory, parseMemPeak, parsePair } from './parse-resources.js';
import { parseTimespanMs } from './parse-timespan.js';
import { parseTimestamp } from './parse-timestamp.js';
import type { ConditionCheck, ManagerStatus, SystemdUnitStatus, Timestamp } from './types.js';

/** Per-unit reading state shared by key and continuation handling. */
export interface UnitReader {
  unit: SystemdUnitStatus;
  lastKey: string | null;
  /** Column of the first CGroup tree branch: depth is counted from it. */
  treeBase: number | null;
  /** UTC offset proven by the unit's own UTC timestamps, for journal `short` lines. */
  clock: { offset: number | null };
  /** Number of the line being read, for diagnostics. */
  line: number;
}

/** Applies one `Key: value` line to the unit. */
export function applyKey(reader: UnitReader, key: string, rawValue: string, ctx: ParseContext): void {
  const { unit } = reader;
  ctx.meter.operations += rawValue.length;
  const { text, cut } = cutKeyValue(rawValue);
  reader.lastKey = key;
  switch (key) {
    case 'Follow':
    case 'Follows':
      unit.follows = text.replace(/^unit currently follows state of /, '');
      return mark(unit, cut, 'follows');
    case 'Loaded': {
      const loaded = parseLoaded(text, cut);
      unit.loadState = loaded.loadState;
      unit.loadError = loaded.loadError;
      unit.unitFilePath = loaded.unitFilePath;
      unit.unitFileState = loaded.unitFileState;
      unit.preset = loaded.preset;
      if (loaded.cutField) unit.truncated.push(loaded.cutField);
      return;
    }
    case 'Transient':
      unit.transient = text === 'yes';
      return;
    case 'Drop-In':
      unit.dropIns.push({ directory: text, files: [] });
      return mark(unit, cut, `dropIns.${unit.dropIns.length - 1}.directory`);
    case 'Active': {
      const active = parseActive(text);
      unit.activeState = active.activeState;
      // systemd omits the sub-state when it equals the active state (`failed`, targets' `active`);
      // restore it so status and show results agree.
      unit.subState = active.subState ?? (cut && text.indexOf(' ') < 0 ? null : active.activeState);
      unit.freezerState = active.freezerState;
      unit.result = active.result;
      if (active.since !== null) unit.since = stamp(reader, ctx, cut, active.since, 'since');
      else if (active.openField) unit.truncated.push(active.openField);
      else if (cut) unit.truncated.push(text.indexOf(' ') < 0 ? 'activeState' : 'since');
      return;
    }
    case 'Until':
      unit.until = stamp(reader, ctx, cut, text, 'until');
      return;
    case 'Trigger':
      unit.trigger = text === 'n/a' ? { raw: 'n/a', date: null, relative: null } : stamp(reader, ctx, cut, text, 'trigger');
      return;
    case 'Invocation':
      // `" Invocation: " SD_ID128_FORMAT_STR` (v256+): 32 lower-case hex digits.
      unit.invocation = text;
      unit.invocationId = cut ? null : invocationId(text);
      return mark(unit, cut, 'invocation');
    case 'Job':
      // `"        Job: %" PRIu32` (v257+), printed when a job is queued for the unit.
      unit.job = text;
      unit.jobId = !cut && /^\d{1,10}$/.test(text) ? Number(text) : null;
      return mark(unit, cut, 'job');
    case 'Error':
      unit.error = text;
      unit.statusError = parseErrorLine(text);
      return mark(unit, cut, 'error');
    case 'Act. Units':
      unit.activeUnits = parseActiveUnits(text);
      return mark(unit, cut, 'activeUnits');
    case 'Duration':
    case 'Device':
    case 'Where':
    case 'What': {
      const field = key.toLowerCase() as 'duration' | 'device' | 'where' | 'what';
      unit[field] = text;
      return mark(unit, cut, field);
    }
    case 'TriggeredBy':
    case 'Triggers':
      addTrigger(reader, key, text, cut);
      return;
    case 'Condition':
    case 'Assert': {
      const at = text.indexOf(' at ');
      const check: ConditionCheck = { raw: text, timestamp: null, details: [] };
      if (at >= 0) check.timestamp = stamp(reader, ctx, cut, text.slice(at + 4), key.toLowerCase());
      else mark(unit, cut, key.toLowerCase());
      unit[key === 'Condition' ? 'condition' : 'assert'] = check;
      return;
    }
    case 'Docs':
      unit.docs.push(text);
      return mark(unit, cut, `docs.${unit.docs.length - 1}`);
    case 'Listen': {
      const open = text.lastIndexOf(' (');
      const closed = text.endsWith(')');
      const index = unit.listen.length;
      if (open > 0) unit.listen.push({ address: text.slice(0, open), type: text.slice(open + 2, closed ? -1 : undefined) });
      else unit.listen.push({ address: text, type: null });
      if (cut || (open > 0 && !closed)) unit.truncated.push(`listen.${index}.${open > 0 ? 'type' : 'address'}`);
      return;
    }
    case 'Accepted': {
      const m = /^(\d{1,15});? Connected: (\d{1,15});?(?: +Refused: (\d{1,15}))?/.exec(text);
      unit.accepted = {
        accepted: m ? Number(m[1]) : null,
        connected: m ? Number(m[2]) : null,
        refused: m?.[3] !== undefined ? Number(m[3]) : null,
      };
      return mark(unit, cut, 'accepted');
    }
    case 'Process': {
      const { process, cutField } = parseProcessLine(text, cut);
      const index = unit.processes.length;
      unit.processes.push(process);
      if (cutField === 'command') unit.truncated.push(`processes.${index}.command`);
      else if (cutField === 'exit') unit.truncated.push(`processes.${index}.${process.signal !== null ? 'signal' : process.status !== null ? 'status' : 'code'}`);
      return;
    }
    case 'Main PID':
      applyMainPid(reader, text, cut);
      return;
    case 'Cntrl PID':
    case 'Control': {
      const control = parsePid(text);
      unit.controlPid = control.pid;
      unit.controlProcess = control.process;
      if (cut || control.open) unit.truncated.push(control.process === null ? 'controlPid' : 'controlProcess');
      return;
    }
    case 'Status': {
      const quoted = text.startsWith('"');
      const closed = quoted && text.length > 1 && text.endsWith('"');
      unit.statusText = quoted ? text.slice(1, closed ? -1 : undefined) : text;
      if (cut || (quoted && !closed)) unit.truncated.push('statusText');
      return;
    }
    case 'IP':
    case 'IO': {
      const pair = parsePair(text, key === 'IP' ? 'ip' : 'io');
      if (key === 'IP') unit.ip = pair ? { in: pair[0], out: pair[1] } : null;
      else unit.io = pair ? { read: pair[0], written: pair[1] } : null;
      if (pair === null) unit.diagnostics.push({ line: reader.line, text: rawValue, reason: `unreadable ${key} value` });
      return mark(unit, cut, key.toLowerCase());
    }
    case 'Tasks': {
      const tasks = parseCount(text);
      unit.tasks = tasks.count;
      unit.tasksLimit = tasks.limit;
      return mark(unit, cut, text.indexOf('(') >= 0 ? 'tasksLimit' : 'tasks');
    }
    case 'FD Store':
      unit.fdStore = parseCount(text);
      return mark(unit, cut, 'fdStore');
    case 'Memory': {
      const { memory, open } = parseMemory(text);
      unit.memory = memory;
      if (cut || open) unit.truncated.push(memory.details.length > 0 ? `memory.details.${memory.details.length - 1}` : 'memory');
      return;
    }
    case 'Mem peak':
      unit.memPeak = parseMemPeak(text);
      return mark(unit, cut, 'memPeak');
    case 'CPU':
      unit.cpu = text;
      unit.cpuMs = cut ? null : parseTimespanMs(text);
      return mark(unit, cut, 'cpu');
    case 'CGroup':
      unit.cgroup = text;
      return mark(unit, cut, 'cgroup');
    default:
      applyManagerKey(reader, key, text, cut, ctx);
  }
}

function addTrigger(reader: UnitReader, key: 'TriggeredBy' | 'Triggers', text: string, cut: boolean): void {
  const list = key === 'Triggers' ? reader.unit.triggers : reader.unit.triggeredBy;
  const trimmed = text.trim();
  const space = trimmed.indexOf(' ');
  // Each unit is preceded by its state glyph (`● foo.socket`); drop it when present.
  const name = space > 0 && space <= 3 ? trimmed.slice(space + 1) : trimmed;
  list.push(name);
  if (cut) reader.unit.truncated.push(`${key === 'Triggers' ? 'triggers' : 'triggeredBy'}.${list.length - 1}`);
}

function applyMainPid(reader: UnitReader, text: string, cut: boolean): void {
  const { unit } = reader;
  // Up to v254 a running control process is appended: `123 (foo); Control PID: 456 (bar)`.
  const split = text.indexOf('; Control PID: ');
  const main = parsePid(split < 0 ? text : text.slice(0, split));
  unit.mainPid = main.pid;
  unit.mainProcess = main.process;
  unit.mainExit = main.exit;
  if (split >= 0) {
    const control = parsePid(text.slice(split + 15));
    unit.controlPid = control.pid;
    unit.controlProcess = control.process;
    if (cut || control.open) unit.truncated.push('controlProcess');
  } else if (cut || main.open) {
    unit.truncated.push(main.exit ? 'mainExit' : main.process !== null ? 'mainProcess' : 'mainPid');
  }
}

function applyManagerKey(reader: UnitReader, key: string, text: string, cut: boolean, ctx: ParseContext): void {
  const manager: ManagerStatus = (reader.unit.manager ??= { state: null, units: null, jobs: null, failed: null, since: null, version: null, tainted: null });
  const field = ({ State: 'state', Units: 'units', Jobs: 'jobs', Failed: 'failed', systemd: 'version', Tainted: 'tainted' } as const)[key as 'State'];
  if (key === 'Since') manager.since = stamp(reader, ctx, cut, text, 'manager.since');
  else if (field !== undefined) {
    manager[field] = text;
    if (cut) reader.unit.truncated.push(`manager.${field}`);
  }
}

// Plain functions rather than closures inside `applyKey`: it runs for every key line, and two
// closures per line are garbage the collector has to sweep on large outputs.
function mark(unit: SystemdUnitStatus, cut: boolean, path: string): void {
  if (cut) unit.truncated.push(path);
}

function stamp(reader: UnitReader, ctx: ParseContext, cut: boolean, value: string, path: string): Timestamp {
  const parsed = parseTimestamp(value, cut, ctx);
  if (parsed.fixedUtc) reader.clock.offset = 0;
  mark(reader.unit, cut, path);
  return { raw: parsed.raw, date: parsed.date, relative: parsed.relative };
}
