/** A key line whose value looks unfinished, kept so a wrapped remainder can be joined to it. */
export interface OpenKeyLine {
  key: string;
  value: string;
  /** Lengths of the unit's lists before the line was applied, to undo it before re-applying. */
  truncatedLength: number;
  processesLength: number;
  /** How many remainders were joined already; capped so re-reading stays linear. */
  joins: number;
}

/** Real wraps span one or two lines; more would make re-reading the growing value quadratic. */
export const MAX_JOINS = 4;

/**
 * True when a value ends before its closing syntax without a cut marker — the sign of a line
 * that a terminal or mail client wrapped onto the next line (`… vendor preset: enab` / `led)`).
 */
export function isOpenValue(key: string, value: string): boolean {
  const last = value[value.length - 1];
  if (last === undefined || last === '>' || last === '…' || last === '$') return false;
  switch (key) {
    case 'Loaded':
      return value.indexOf(' (') >= 0 && last !== ')';
    case 'Active':
    case 'Main PID':
    case 'Cntrl PID':
      return count(value, '(') > count(value, ')');
    case 'Process':
      return last !== ')';
    case 'Status':
      return value[0] === '"' && (value.length === 1 || last !== '"');
    default:
      return false;
  }
}

/**
 * Joins a wrapped remainder to its line. Terminals wrap at the column without dropping anything;
 * mail clients wrap at a space and drop it, which shows as a line ending in `:`, `;` or `,`.
 */
export function joinWrapped(value: string, remainder: string): string {
  return /[:;,]$/.test(value) ? `${value} ${remainder.trim()}` : `${value}${remainder.trim()}`;
}

function count(text: string, char: string): number {
  let n = 0;
  for (let i = text.indexOf(char); i >= 0; i = text.indexOf(char, i + 1)) n++;
  return n;
}
