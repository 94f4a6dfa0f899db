import { applyContinuation } from './apply-continuation.js';
import { applyKey, type UnitReader } from './apply-key.js';
import { createContext, type ParseContext } from './context.js';
import { cutKeyValue, cutMessage } from './cut-marker.js';
import { eachLine } from './each-line.js';
import { newUnit } from './new-unit.js';
import { normalizeIndent } from './normalize-indent.js';
import { parseHeader } from './parse-header.js';
import { parseJournalLine } from './parse-journal-line.js';
import { isPagerStatus, isShellCommand } from './pasted-chrome.js';
import { stripEscapes } from './strip-escapes.js';
import { CONTINUED, splitKeyLine } from './unit-keys.js';
import type { ParseOptions, StatusOutput, SystemdUnitStatus } from './types.js';
import { isOpenValue, joinWrapped, MAX_JOINS, type OpenKeyLine } from './wrapped-line.js';

type Phase = 'none' | 'keys' | 'gap' | 'journal';

/** A changed-on-disk warning waiting for the unit it names, which may be printed later. */
interface NamedWarning {
  name: string;
  text: string;
  fallback: SystemdUnitStatus | null;
}

const NOT_FOUND = /^\s*Unit (\S+) could not be found\.\s*$/;
const JOURNAL_MARKER = /^\s*-- [^\n]{0,200} --\s*$/;
const CHANGED = /^Warning: (?:The unit file, source configuration file or drop-ins of )?(\S+) changed on disk/;

/**
 * Reads the whole output of `systemctl status` — one or many unit blocks, any systemd version
 * from v208 to v257, pasted, coloured, pager-chopped or localised — and returns every unit plus
 * the lines that belong to no unit. Never throws on any text; unreadable lines become
 * diagnostics. Time is linear in the input length. Throws `SystemdStatusError` only for invalid
 * options.
 */
export function parseStatusOutput(text: string, options?: ParseOptions): StatusOutput {
  const ctx = createContext(options);
  const out: StatusOutput = { units: [], notices: [], ellipsized: false, diagnostics: [] };
  if (typeof text !== 'string') {
    out.diagnostics.push({ line: 0, text: '', reason: `input is a ${text === null ? 'null' : typeof text}, not a string` });
    return out;
  }
  const state = new StatusReader(out, ctx);
  eachLine(text, ctx.meter, (line, lineNumber) => state.read(normalizeIndent(stripEscapes(line)), lineNumber));
  state.finish();
  return out;
}

/**
 * The units of `systemctl status` output, in order. Same reading as `parseStatusOutput`, for
 * callers that do not need lines outside unit blocks.
 */
export function parseStatus(text: string, options?: ParseOptions): SystemdUnitStatus[] {
  return parseStatusOutput(text, options).units;
}

class StatusReader {
  private reader: UnitReader | null = null;
  private phase: Phase = 'none';
  private pending: string[] = [];
  private named: NamedWarning[] = [];
  private readonly byName = new Map<string, SystemdUnitStatus>();
  private open: OpenKeyLine | null = null;

  constructor(private readonly out: StatusOutput, private readonly ctx: ParseContext) {}

  read(line: string, lineNumber: number): void {
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
      if (!this.byName.has(header.name)) this.byName.set(header.name, unit);
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
      this.out.diagnostics.push({ line: lineNumber, text: line, reason: 'not part of a unit block' });
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
    const before: OpenKeyLine = { key, value, truncatedLength: unit.truncated.length, processesLength: unit.processes.length, joins };
    applyKey(reader, key, value, this.ctx);
    this.open = joins < MAX_JOINS && isOpenValue(key, value) ? before : null;
  }

  private readJournal(reader: UnitReader, line: string, lineNumber: number): boolean {
    const entry = parseJournalLine(line, lineNumber, reader.clock, this.ctx);
    if (!entry) return false;
    const { text, cut } = cutMessage(entry.message);
    entry.message = text;
    if (cut) reader.unit.truncated.push(`journal.${reader.unit.journal.length}.message`);
    reader.unit.journal.push(entry);
    this.phase = 'journal';
    return true;
  }

  finish(): void {
    for (const warning of this.named) {
      const target = this.byName.get(warning.name) ?? warning.fallback;
      if (!target) {
        this.out.notices.push(warning.text);
        continue;
      }
      target.warnings.push(warning.text);
      target.changedOnDisk = true;
    }
    for (const text of this.pending) this.out.notices.push(text);
  }

  /** A key opens or continues a unit's key part unless its journal has already begun. */
  private acceptsKey(key: string): boolean {
    if (!this.reader || this.phase === 'keys' || this.phase === 'none') return true;
    return key === 'Loaded' || this.reader.unit.journal.length === 0;
  }

  private start(lineNumber: number): SystemdUnitStatus {
    const unit = newUnit(lineNumber);
    this.out.units.push(unit);
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
      this.out.notices.push(line.trim());
      return true;
    }
    // An indented line below a journal entry may be the rest of a multi-line message that
    // happens to start with `systemctl …`; only a prompt marks it as a new command there.
    if (isShellCommand(line, !(this.phase === 'journal' && /^\s/.test(line)))) {
      // The next command's output is not part of the unit shown before it.
      this.out.notices.push(line.trim());
      this.reader = null;
      this.phase = 'none';
      return true;
    }
    const first = line[0];
    if (first !== 'W' && first !== 'N' && first !== 'H' && first !== ' ' && first !== '\t') return false;
    const text = line.trim();
    if (!(text.startsWith('Warning: ') || text.startsWith('Notice: ') || text.startsWith('Hint: '))) return false;
    this.ctx.meter.operations += text.length;
    if (text.startsWith('Hint: ')) {
      this.out.notices.push(text);
      if (text.indexOf('ellipsized') >= 0) this.out.ellipsized = true;
      return true;
    }
    const changed = CHANGED.exec(text);
    const current = this.reader?.unit ?? null;
    if (changed && changed[1] !== 'Unit') {
      this.named.push({ name: changed[1] as string, text, fallback: current });
    } else if (current) {
      this.attachWarning(current, text);
    } else {
      this.pending.push(text);
    }
    return true;
  }
}

function isBlank(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}
