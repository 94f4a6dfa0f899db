/**
 * The line-by-line state machine behind `parseStatusOutput` and `createStatusParser`.
 */
import { applyContinuation } from './apply-continuation.js';
import { applyKey, type UnitReader } from './apply-key.js';
import { isBlankChar } from './blank-char.js';
import type { ParseContext } from './context.js';
import { cutKeyValue } from './cut-marker.js';
import { newUnit } from './new-unit.js';
import { parseHeader } from './parse-header.js';
import { journalScratch, parseJournalLine } from './parse-journal-line.js';
import { isPagerStatus, isShellCommand } from './pasted-chrome.js';
import { CONTINUED, splitKeyLine } from './unit-keys.js';
import type { StatusOutput, SystemdUnitStatus } from './types.js';
import { isOpenValue, joinWrapped, MAX_JOINS, type OpenKeyLine } from './wrapped-line.js';

type Phase = 'none' | 'keys' | 'gap' | 'journal';

/**
 * How many characters of input a finished unit is kept for before it is emitted, and how long a
 * `Warning: NAME changed on disk` waits for the unit NAME. systemctl prints that warning on
 * stderr after the unit's journal, so in a `2>&1` capture it lands near its unit, displaced by
 * at most a stdio buffer or two: far less than this.
 */
export const RELEASE_WINDOW = 256 * 1024;

/**
 * How many notices and how many diagnostics outside units are kept. They belong to the whole
 * input and wait for its end, so without a cap a stream of stray lines would grow without bound;
 * past it a closing entry gives the number left out.
 */
export const MAX_OUTSIDE = 10_000;

/** A unit read but not yet emitted. */
interface HeldUnit {
  readonly unit: SystemdUnitStatus;
  /** The name it is known by for named warnings (its header's), once it has one. */
  name: string | null;
  /** Input position where a later unit (or a shell command) ended it; null while current. */
  completedAt: number | null;
  /** Named warnings still waiting for their unit that fall back to this one. */
  blockers: number;
  /** Named warnings settled on this unit, appended to its warnings in arrival order on release. */
  late: { sequence: number; text: string }[];
}

/** A changed-on-disk warning waiting for the unit it names, which may be printed later. */
interface NamedWarning {
  readonly name: string;
  readonly text: string;
  readonly sequence: number;
  /** The unit being read when the warning arrived: it gets the warning if NAME never appears. */
  readonly fallback: HeldUnit | null;
  readonly arrivedAt: number;
  settled: boolean;
}

/** The warnings waiting for one name, oldest first; those before `head` have expired. */
interface WaitingList {
  readonly items: NamedWarning[];
  head: number;
}

const NOT_FOUND = /^\s*Unit (\S+) could not be found\.\s*$/;
const JOURNAL_MARKER = /^\s*-- [^\n]{0,200} --\s*$/;
const CHANGED = /^Warning: (?:The unit file, source configuration file or drop-ins of )?(\S+) changed on disk/;

/**
 * Reads normalized lines of `systemctl status` output one at a time and hands each unit to
 * `emit` once nothing later in the input can change it, so a caller can stream units out while
 * memory stays bounded by the units of the last {@link RELEASE_WINDOW} characters.
 */
export class StatusReader {
  private reader: UnitReader | null = null;
  private phase: Phase = 'none';
  private pending: string[] = [];
  /** Units read but not yet emitted, oldest first; the current unit, if any, is the last. */
  private readonly held: HeldUnit[] = [];
  private readonly heldBy = new Map<SystemdUnitStatus, HeldUnit>();
  /** Held units by name (the first one of each name), for changed-on-disk warnings. */
  private readonly byName = new Map<string, HeldUnit>();
  /** Named warnings whose unit has not appeared yet, by name and in arrival order. */
  private readonly waiting = new Map<string, WaitingList>();
  private readonly waitQueue: NamedWarning[] = [];
  private waitHead = 0;
  /** Named warnings that found neither their unit nor a fallback: notices, after the others. */
  private readonly orphans: string[] = [];
  private sequence = 0;
  private omittedNotices = 0;
  private omittedDiagnostics = 0;
  /** Characters read so far; decides when a unit or a waiting warning leaves the window. */
  position = 0;
  private open: OpenKeyLine | null = null;
  private readonly journalScratch = journalScratch();

  constructor(
    private readonly out: Omit<StatusOutput, 'units'>,
    private readonly ctx: ParseContext,
    private readonly emit: (unit: SystemdUnitStatus) => void,
  ) {}

  /**
   * Reads one line (escapes stripped, indent normalized) whose raw form was `length` characters.
   * `source` and `start` say where the same text lies in a longer string that is kept anyway
   * (the whole input), so that a lazy journal entry can point there.
   */
  readLine(line: string, lineNumber: number, length: number, source = line, start = 0): void {
    this.journalScratch.source = source;
    this.journalScratch.start = start;
    this.position += length + 1;
    this.read(line, lineNumber);
    this.expireWaiting();
    this.release(false);
  }

  private read(line: string, lineNumber: number): void {
    const { reader } = this;
    const open = this.open;
    this.open = null;
    if (isBlank(line)) {
      if (this.phase === 'keys') this.phase = 'gap';
      return;
    }
    // Inside a journal nothing else starts with a timestamp, so try that first: it is most lines.
    if (reader && (this.phase === 'journal' || this.phase === 'gap') && this.readJournal(reader, line, lineNumber)) return;
    if (this.readNotice(line)) return;
    if (this.readNotFound(line, lineNumber)) return;
    // `TriggeredBy:` continuation lines start with a state glyph and look like headers.
    if (reader && this.phase === 'keys' && (reader.lastKey === 'Triggers' || reader.lastKey === 'TriggeredBy') && /^\s/.test(line) && !splitKeyLine(line) && applyContinuation(reader, line)) return;
    // Sub-cgroup lines (`├─app.slice`) carry unit-like names; the tree claims them first.
    if (reader && this.phase === 'keys' && reader.lastKey === 'CGroup' && applyContinuation(reader, line)) return;
    this.ctx.meter.operations += line.length;
    const header = parseHeader(line);
    if (header) {
      const unit = this.start(lineNumber);
      unit.glyph = header.glyph;
      unit.glyphState = header.glyphState;
      unit.name = header.name;
      if (header.description !== null) {
        const { text, cut } = cutKeyValue(header.description);
        unit.description = text;
        if (cut) unit.truncated.push('description');
      }
      if (!this.byName.has(header.name)) this.nameUnit(header.name, this.heldBy.get(unit) as HeldUnit);
      return;
    }
    const keyLine = splitKeyLine(line);
    if (keyLine && this.acceptsKey(keyLine.key)) {
      if (!this.reader || (keyLine.key === 'Loaded' && this.reader.unit.loadState !== null)) this.start(lineNumber);
      this.phase = 'keys';
      (this.reader as UnitReader).line = lineNumber;
      this.applyKeyLine(this.reader as UnitReader, keyLine.key, keyLine.value);
      return;
    }
    if (!reader) {
      this.diagnose({ line: lineNumber, text: line, reason: 'not part of a unit block' });
      return;
    }
    if (this.phase === 'keys' && this.readJournal(reader, line, lineNumber)) return;
    if (this.phase === 'keys' && reader.lastKey !== null && CONTINUED.has(reader.lastKey) && applyContinuation(reader, line)) return;
    if (this.phase === 'keys' && open !== null) {
      // The previous key line was wrapped: undo it and read it again with this remainder.
      reader.unit.truncated.length = open.truncatedLength;
      reader.unit.processes.length = open.processesLength;
      reader.line = lineNumber;
      this.applyKeyLine(reader, open.key, joinWrapped(open.value, line), open.joins + 1);
      return;
    }
    const last = reader.unit.journal[reader.unit.journal.length - 1];
    if (this.phase === 'journal' && last && /^\s/.test(line)) {
      // journalctl indents the further lines of a multi-line message.
      last.message += `\n${line.trim()}`;
      return;
    }
    reader.unit.diagnostics.push({ line: lineNumber, text: line, reason: keyLine ? `key ${keyLine.key} out of place` : /^\s*[A-Z][A-Za-z -]{0,14}: /.test(line) ? 'unknown key' : 'unrecognized line' });
  }

  private applyKeyLine(reader: UnitReader, key: string, value: string, joins = 0): void {
    const { unit } = reader;
    const truncatedLength = unit.truncated.length;
    const processesLength = unit.processes.length;
    applyKey(reader, key, value, this.ctx);
    // Built only for the rare open value: this runs for every key line.
    this.open = joins < MAX_JOINS && isOpenValue(key, value) ? { key, value, truncatedLength, processesLength, joins } : null;
  }

  private readJournal(reader: UnitReader, line: string, lineNumber: number): boolean {
    const entry = parseJournalLine(line, lineNumber, reader.clock, this.ctx, this.journalScratch);
    if (!entry) return false;
    if (this.journalScratch.cut) reader.unit.truncated.push(`journal.${reader.unit.journal.length}.message`);
    reader.unit.journal.push(entry);
    this.phase = 'journal';
    return true;
  }

  /** Ends the input: settles waiting warnings and emits every unit still held. */
  finish(): void {
    this.expireWaiting(true);
    for (const text of this.orphans) this.notice(text);
    for (const text of this.pending) this.notice(text);
    if (this.omittedNotices > 0) this.out.notices.push(`… ${this.omittedNotices} more notices not kept (limit ${MAX_OUTSIDE})`);
    if (this.omittedDiagnostics > 0) {
      this.out.diagnostics.push({ line: 0, text: '', reason: `${this.omittedDiagnostics} more lines outside any unit not kept (limit ${MAX_OUTSIDE})` });
    }
    this.completeCurrent();
    this.release(true);
  }

  /** Lines outside units are kept until the end, so their number is capped. */
  private notice(text: string): void {
    if (this.out.notices.length < MAX_OUTSIDE) this.out.notices.push(text);
    else this.omittedNotices++;
  }

  private diagnose(diagnostic: StatusOutput['diagnostics'][number]): void {
    if (this.out.diagnostics.length < MAX_OUTSIDE) this.out.diagnostics.push(diagnostic);
    else this.omittedDiagnostics++;
  }

  /** Marks the current unit as complete: only named warnings can still reach it. */
  private completeCurrent(): void {
    const current = this.reader?.unit;
    const held = current ? this.heldBy.get(current) : undefined;
    if (held && held.completedAt === null) held.completedAt = this.position;
  }

  /** Emits units from the front of the queue once they are complete and out of the window. */
  private release(force: boolean): void {
    while (this.held.length > 0) {
      const front = this.held[0] as HeldUnit;
      if (!force && (front.completedAt === null || this.position - front.completedAt < RELEASE_WINDOW || front.blockers > 0)) return;
      this.held.shift();
      this.heldBy.delete(front.unit);
      if (front.name !== null && this.byName.get(front.name) === front) this.byName.delete(front.name);
      if (front.late.length > 0) {
        front.late.sort((a, b) => a.sequence - b.sequence);
        for (const warning of front.late) front.unit.warnings.push(warning.text);
        front.unit.changedOnDisk = true;
      }
      this.emit(front.unit);
    }
  }

  private nameUnit(name: string, held: HeldUnit): void {
    held.name = name;
    this.byName.set(name, held);
    const waiting = this.waiting.get(name);
    if (!waiting) return;
    this.waiting.delete(name);
    for (let i = waiting.head; i < waiting.items.length; i++) this.settle(waiting.items[i] as NamedWarning, held);
  }

  /** A `Warning: NAME changed on disk` goes to the unit NAME, which may be printed later. */
  private nameWarning(name: string, text: string): void {
    const sequence = this.sequence++;
    const target = this.byName.get(name);
    if (target) {
      target.late.push({ sequence, text });
      return;
    }
    const current = this.reader?.unit;
    const fallback = current ? (this.heldBy.get(current) ?? null) : null;
    if (fallback) fallback.blockers++;
    const warning: NamedWarning = { name, text, sequence, fallback, arrivedAt: this.position, settled: false };
    const list = this.waiting.get(name);
    if (list) list.items.push(warning);
    else this.waiting.set(name, { items: [warning], head: 0 });
    this.waitQueue.push(warning);
  }

  private settle(warning: NamedWarning, target: HeldUnit | null): void {
    warning.settled = true;
    if (warning.fallback) warning.fallback.blockers--;
    if (target) target.late.push({ sequence: warning.sequence, text: warning.text });
    else this.orphans.push(warning.text);
  }

  /** A warning whose unit has not appeared within the window (or by the end) goes to its fallback. */
  private expireWaiting(all = false): void {
    while (this.waitHead < this.waitQueue.length) {
      const warning = this.waitQueue[this.waitHead] as NamedWarning;
      if (!warning.settled) {
        if (!all && this.position - warning.arrivedAt < RELEASE_WINDOW) return;
        // Warnings expire in arrival order, so this one is the oldest still waiting for its name.
        const list = this.waiting.get(warning.name) as WaitingList;
        list.head++;
        if (list.head === list.items.length) this.waiting.delete(warning.name);
        else if (list.head > 1024 && list.head * 2 > list.items.length) {
          list.items.splice(0, list.head);
          list.head = 0;
        }
        this.settle(warning, warning.fallback);
      }
      this.waitHead++;
      if (this.waitHead > 1024 && this.waitHead * 2 > this.waitQueue.length) {
        this.waitQueue.splice(0, this.waitHead);
        this.waitHead = 0;
      }
    }
  }

  /** A key opens or continues a unit's key part unless its journal has already begun. */
  private acceptsKey(key: string): boolean {
    if (!this.reader || this.phase === 'keys' || this.phase === 'none') return true;
    return key === 'Loaded' || this.reader.unit.journal.length === 0;
  }

  private start(lineNumber: number): SystemdUnitStatus {
    this.completeCurrent();
    const unit = newUnit(lineNumber);
    const held: HeldUnit = { unit, name: null, completedAt: null, blockers: 0, late: [] };
    this.held.push(held);
    this.heldBy.set(unit, held);
    this.reader = { unit, lastKey: null, treeBase: null, clock: { offset: null }, line: lineNumber };
    this.phase = 'keys';
    for (const text of this.pending) this.attachWarning(unit, text);
    this.pending = [];
    return unit;
  }

  private attachWarning(unit: SystemdUnitStatus, text: string): void {
    unit.warnings.push(text);
    if (text.indexOf('changed on disk') >= 0) unit.changedOnDisk = true;
  }

  /** v231+ prints `Unit foo.service could not be found.` (on stderr) instead of a block. */
  private readNotFound(line: string, lineNumber: number): boolean {
    const m = NOT_FOUND.exec(line);
    if (!m) return false;
    const unit = this.start(lineNumber);
    unit.name = m[1] as string;
    unit.loadState = 'not-found';
    unit.loadError = line.trim();
    this.phase = 'gap';
    return true;
  }

  /**
   * `Warning:`, `Notice:` and `Hint:` lines may appear anywhere (stderr interleaves with stdout);
   * journal boundary markers (`-- Boot … --`), pager status lines and pasted shell commands are
   * kept as notices; a shell command also ends the unit block before it.
   */
  private readNotice(line: string): boolean {
    if (JOURNAL_MARKER.test(line) || isPagerStatus(line)) {
      this.notice(line.trim());
      return true;
    }
    // An indented line below a journal entry may be the rest of a multi-line message that
    // happens to start with `systemctl …`; only a prompt marks it as a new command there.
    if (isShellCommand(line, !(this.phase === 'journal' && /^\s/.test(line)))) {
      // The next command's output is not part of the unit shown before it.
      this.notice(line.trim());
      this.completeCurrent();
      this.reader = null;
      this.phase = 'none';
      return true;
    }
    const first = line[0];
    if (first !== 'W' && first !== 'N' && first !== 'H' && first !== ' ' && first !== '\t') return false;
    // Most indented lines are key lines or tree lines: rule them out before `trim` copies them.
    const at = firstNonBlank(line);
    if (!(line.startsWith('Warning: ', at) || line.startsWith('Notice: ', at) || line.startsWith('Hint: ', at))) return false;
    const text = line.trim();
    this.ctx.meter.operations += text.length;
    if (text.startsWith('Hint: ')) {
      this.notice(text);
      if (text.indexOf('ellipsized') >= 0) this.out.ellipsized = true;
      return true;
    }
    const changed = CHANGED.exec(text);
    const current = this.reader?.unit ?? null;
    if (changed && changed[1] !== 'Unit') {
      this.nameWarning(changed[1] as string, text);
    } else if (current) {
      this.attachWarning(current, text);
    } else {
      this.pending.push(text);
    }
    return true;
  }
}

/** The index of the first character of `line` that `trim` keeps (the length when none). */
function firstNonBlank(line: string): number {
  let i = 0;
  while (i < line.length && isBlankChar(line.charCodeAt(i))) i++;
  return i;
}

function isBlank(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}
