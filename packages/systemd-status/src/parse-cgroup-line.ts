import { cutCommand } from './cut-marker.js';

/** One CGroup tree line before its depth is known. */
export interface TreeLine {
  /** Column of the branch glyph, used to compute depth relative to the first tree line. */
  column: number;
  kind: 'process' | 'cgroup';
  pid: number;
  /** Command line for processes, cgroup name for sub-cgroups. */
  text: string;
  extra: boolean;
  cut: boolean;
}

/**
 * Reads `├─14697 /nix/store/…`, `│ └─ 753 cmd`, `‣ 1234 cmd`, `├─init.scope` and the ASCII
 * variants (`|-`, `` `- ``, `+-`, `| `). Returns `null` for lines without a branch glyph.
 */
export function parseTreeLine(line: string): TreeLine | null {
  let i = 0;
  const n = line.length;
  // Skip indentation and vertical bars of outer levels; `|` followed by `-` is a branch, not a bar.
  while (i < n) {
    const c = line[i];
    if (c === ' ' || c === '│' || c === '\t' || (c === '|' && line[i + 1] !== '-')) i++;
    else break;
  }
  const c = line[i];
  const next = line[i + 1];
  let start: number;
  let extra = false;
  if ((c === '├' || c === '└') && next === '─') start = i + 2;
  else if ((c === '|' || c === '`' || c === '+' || c === '\\') && next === '-') start = i + 2;
  else if (c === '‣' || (c === '>' && next === ' ')) {
    start = i + 1;
    extra = true;
  } else return null;
  const body = line.slice(start).trim();
  const m = /^(\d{1,10})(?: (.*))?$/.exec(body);
  if (m) {
    const { text, cut } = cutCommand(m[2] ?? '');
    return { column: i, kind: 'process', pid: Number(m[1]), text, extra, cut };
  }
  if (body === '') return null;
  const { text, cut } = cutCommand(body);
  return { column: i, kind: 'cgroup', pid: 0, text, extra: false, cut };
}
