import type { ExitStatus, ProcessLine } from './types.js';

/** Parses the inside of `(code=exited, status=1/FAILURE)` or `(code=killed, signal=KILL)`. */
export function parseExitStatus(inner: string): ExitStatus {
  const status: ExitStatus = { code: null, status: null, statusName: null, signal: null };
  for (const part of inner.split(', ')) {
    const eq = part.indexOf('=');
    const key = part.slice(0, eq);
    const value = part.slice(eq + 1);
    if (key === 'code') status.code = value;
    else if (key === 'signal') status.signal = value;
    else if (key === 'status') {
      const slash = value.indexOf('/');
      const number = slash < 0 ? value : value.slice(0, slash);
      // `status=` carries a signal name instead of a number for killed processes in old versions.
      if (/^\d{1,10}$/.test(number)) status.status = Number(number);
      else if (number !== '') status.signal = number;
      if (slash >= 0) status.statusName = value.slice(slash + 1);
    }
  }
  return status;
}

/**
 * Parses a `Process:` value: `14564 ExecStartPre=/nix/store/… (code=exited, status=0/SUCCESS)`.
 * Returns the line and which field a cut happened in (`command` or `exit`).
 */
export function parseProcessLine(value: string, cut: boolean): { process: ProcessLine; cutField: 'command' | 'exit' | null } {
  const space = value.indexOf(' ');
  const pidText = space < 0 ? value : value.slice(0, space);
  const pid = /^\d{1,10}$/.test(pidText) ? Number(pidText) : null;
  let rest = pid === null ? value : space < 0 ? '' : value.slice(space + 1);
  const eq = rest.indexOf('=');
  const kind = eq > 0 && /^[A-Za-z]+$/.test(rest.slice(0, eq)) ? rest.slice(0, eq) : null;
  if (kind !== null) rest = rest.slice(eq + 1);
  const tail = rest.lastIndexOf(' (code=');
  const base = { pid, kind, command: rest, code: null, status: null, statusName: null, signal: null };
  if (tail < 0) {
    // A cut inside the marker itself (`… postgresql (c>`) still ends the command there.
    const open = cut ? rest.lastIndexOf(' (') : -1;
    if (open >= 0 && '(code='.startsWith(rest.slice(open + 1))) return { process: { ...base, command: rest.slice(0, open) }, cutField: 'exit' };
    return { process: base, cutField: cut ? 'command' : null };
  }
  const closed = rest.endsWith(')');
  const exit = parseExitStatus(rest.slice(tail + 2, closed ? -1 : undefined));
  return { process: { ...base, command: rest.slice(0, tail), ...exit }, cutField: cut || !closed ? 'exit' : null };
}

/** `Main PID:` / `Cntrl PID:` values: `14697 (podman)`, `14697 (code=exited, status=0/SUCCESS)`. */
export function parsePid(value: string): { pid: number | null; process: string | null; exit: ExitStatus | null; open: boolean } {
  const m = /^(\d{1,10})(?: \((.*?)(\))?)?$/.exec(value);
  if (!m) return { pid: null, process: null, exit: null, open: false };
  const inner = m[2] ?? null;
  const open = inner !== null && m[3] === undefined;
  if (inner !== null && inner.startsWith('code=')) return { pid: Number(m[1]), process: null, exit: parseExitStatus(inner), open };
  return { pid: Number(m[1]), process: inner, exit: null, open };
}
