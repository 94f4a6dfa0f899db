import { mkdirSync, rmdirSync } from 'node:fs';
import { dirname, isAbsolute, join, normalize, resolve, sep } from 'node:path';
import { outputError } from './cli-error.js';
import { explainFsError } from './errno-words.js';
import { planGeneratedFile, planUnmarkedFile, type GeneratedPlan } from './plan-generated.js';
import { writeFilesAtomically } from './safe-write.js';
import { note } from './stdio.js';

// `--out DIR` of render, nomad and fleet: every file is written, or none, and directories this
// run created are removed again when it fails, so a failed run leaves the disk as it was.

/** One file to write under the output directory. */
export interface OutputFile {
  /** Relative to the output directory; may name subdirectories (`hosts/web1/isso.nix`). */
  path: string;
  text: string;
  /** What the file is, for the "wrote …" line. */
  description: string;
  /**
   * For a format without comments (JSON), which cannot carry the marker: whether an existing
   * file with other content is one nixkit-isso wrote (see planUnmarkedFile). Without it such a
   * file is written with the marker rule of planGeneratedFile.
   */
  unmarked?: { isOurs(existing: string): boolean };
}

/** Creates `dir` and its missing parents; returns the ones it created, to undo. */
function makeDirectory(dir: string): string[] {
  let first: string | undefined;
  try {
    first = mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw outputError(`cannot create ${dir}: ${explainFsError(error)}; nothing was written`);
  }
  const created: string[] = [];
  if (first === undefined) return created;
  for (let current = resolve(dir); ; current = dirname(current)) {
    created.push(current);
    if (current === resolve(first) || current === dirname(current)) break;
  }
  return created;
}

/** A generated path must stay inside DIR: no absolute path, no `..`. A library bug, not user input. */
function checkRelative(path: string): void {
  const normal = normalize(path);
  if (path === '' || isAbsolute(path) || normal === '..' || normal.startsWith(`..${sep}`)) {
    throw new Error(`generated file path "${path}" leaves the output directory`);
  }
}

/**
 * Writes `files` into `out`: creates `out` and the subdirectories the paths name, plans each
 * file (the marker rule of planGeneratedFile; `unmarked` files by content, see planUnmarkedFile), writes
 * them all atomically or none, and says on stderr what happened to each. On any failure the
 * directories it created are removed again (deepest first; only while empty).
 */
export function writeOutputDir(out: string, files: readonly OutputFile[], force: boolean): void {
  for (const file of files) {
    checkRelative(file.path);
    // A `#` marker line would make JSON invalid: such a file must say how it is recognised.
    if (file.path.endsWith('.json') && file.unmarked === undefined) throw new Error(`${file.path} needs a rule to recognise it without a marker`);
  }
  const created: string[] = [];
  try {
    created.push(...makeDirectory(out));
    for (const sub of new Set(files.map((file) => dirname(file.path)).filter((dir) => dir !== '.'))) {
      created.push(...makeDirectory(join(out, sub)));
    }
    const plans: GeneratedPlan[] = files.map((file) => file.unmarked === undefined
      ? planGeneratedFile(join(out, file.path), file.text, force)
      : planUnmarkedFile(join(out, file.path), file.text, force, (existing) => file.unmarked!.isOurs(existing)));
    writeFilesAtomically(plans.flatMap((plan) => plan.writes));
    files.forEach((file, index) => {
      const plan = plans[index]!;
      const path = join(out, file.path);
      if (plan.writes.length === 0) note(`${path} is up to date`);
      else note(`wrote ${path} (${file.description})${plan.writes.length > 1 ? `; the old file is kept as ${path}.bak` : ''}`);
    });
  } catch (error) {
    // Longest path first: a subdirectory goes before its parent.
    for (const dir of [...new Set(created)].sort((a, b) => b.length - a.length)) {
      try { rmdirSync(dir); } catch { /* not empty or gone: leave it */ }
    }
    throw error;
  }
}
