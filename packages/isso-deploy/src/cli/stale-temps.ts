import { lstatSync, readdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
// node:crypto is loaded on first use (process.getBuiltinModule), not imported: in the CLI bundle an
// import would load it, some 25 internal modules, on every start, `render` to stdout included.

// Temporary files are named `<target>.nixkit-<pid>-<16 random hex>.tmp`: the random part makes the
// name unguessable (and they are created with O_EXCL anyway), the pid tells a later run whether
// the process that made one is gone, so that a run killed half-way leaves nothing for good.

const TEMP = /\.nixkit-(\d+)(?:-[0-9a-f]{16}(?:\.old)?)?\.tmp$/;

/** A fresh temporary name for `base` (a file name) in the same directory. */
export function tempName(base: string, kind: 'new' | 'old'): string {
  return `${base}.nixkit-${process.pid}-${process.getBuiltinModule('node:crypto').randomBytes(8).toString('hex')}${kind === 'old' ? '.old' : ''}.tmp`;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes this tool's temporary files for `base` in `dir` whose process no longer runs: only
 * regular files (never a symbolic link someone placed there), owned by the caller or, for root,
 * by anyone. Best effort: a file that cannot be removed is left alone.
 */
export function removeStaleTemps(dir: string, base: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  const uid = process.getuid?.() ?? -1;
  for (const name of names) {
    if (!name.startsWith(`${base}.nixkit-`)) continue;
    const match = TEMP.exec(name);
    if (match === null || name.length - match[0].length !== base.length) continue;
    const pid = Number(match[1]);
    if (pid === process.pid || isAlive(pid)) continue;
    try {
      const stat = lstatSync(join(dir, name));
      if (!stat.isFile() || (uid !== 0 && stat.uid !== uid)) continue;
      unlinkSync(join(dir, name));
    } catch {
      // Gone already, or not ours to remove.
    }
  }
}
