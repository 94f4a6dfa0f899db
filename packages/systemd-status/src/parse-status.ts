import { createContext } from './context.js';
import { eachLine } from './each-line.js';
import { normalizeIndent } from './normalize-indent.js';
import { StatusReader } from './status-reader.js';
import { stripEscapes } from './strip-escapes.js';
import type { ParseOptions, StatusOutput, SystemdUnitStatus } from './types.js';

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
  const state = new StatusReader(out, ctx, (unit) => out.units.push(unit));
  eachLine(text, ctx.meter, (raw, lineNumber, start) => {
    const line = normalizeIndent(stripEscapes(raw));
    // Lazy journal entries then keep `text` and an offset instead of a string of their own.
    if (line === raw) state.readLine(line, lineNumber, raw.length, text, start);
    else state.readLine(line, lineNumber, raw.length);
  });
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
