import {
  accessSync, closeSync, constants, copyFileSync, fchmodSync, fchownSync, fsyncSync, linkSync, openSync,
  renameSync, unlinkSync, writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { outputError, type CliError } from './cli-error.js';
import { errnoCode, explainFsError } from './errno-words.js';
import { removeStaleTemps, tempName } from './stale-temps.js';
import { isUnchanged, type Snapshot } from './tracked-file.js';

/** One file to write: its real path (symlinks already followed), the new text, what it held when read. */
export interface PlannedWrite {
  realPath: string;
  /** The path as the user gave it, for messages. */
  label: string;
  text: string;
  /** The target as it was read; null means it did not exist and must still not exist. */
  before: Snapshot | null;
}

interface Staged extends PlannedWrite {
  temp: string;
  /** A hard link (or copy) of the old file, to roll back to; null for a new file. */
  restore: string | null;
  committed: boolean;
}

function refuse(write: PlannedWrite, why: string): CliError {
  return outputError(`cannot write ${write.label}: ${why}; nothing was changed`);
}

/** Refuses, before anything is written, a target this run could not or should not replace. */
function preflight(write: PlannedWrite): void {
  const dir = dirname(write.realPath);
  try {
    accessSync(dir, constants.W_OK);
  } catch (error) {
    throw refuse(write, `cannot create files in ${dir}: ${explainFsError(error)}`);
  }
  const before = write.before;
  if (before === null) return;
  try {
    accessSync(write.realPath, constants.W_OK);
  } catch (error) {
    throw refuse(write, explainFsError(error));
  }
  // root passes access(2) for any file; a file without its owner's write bit says "do not edit".
  if ((before.mode & 0o200) === 0) {
    throw refuse(write, `it is read-only (mode ${before.mode.toString(8).padStart(4, '0')}); make it writable with chmod u+w first`);
  }
  const uid = process.getuid?.();
  if (uid !== undefined && uid !== 0 && uid !== before.uid) {
    throw refuse(write, "it belongs to another user and a replacement would change its owner: run as the file's owner or with sudo");
  }
}

function writeText(fd: number, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  let offset = 0;
  while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
}

/** Writes the new content to an unguessable temp name beside the target, with its mode and owner. */
function stage(write: PlannedWrite, staged: Staged[]): void {
  const dir = dirname(write.realPath);
  const base = basename(write.realPath);
  const temp = join(dir, tempName(base, 'new'));
  // O_EXCL|O_NOFOLLOW: never open a file or link someone prepared under this name.
  const fd = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, write.before === null ? 0o666 : 0o600);
  const entry: Staged = { ...write, temp, restore: null, committed: false };
  staged.push(entry);
  try {
    writeText(fd, write.text);
    if (write.before !== null) {
      fchownSync(fd, write.before.uid, write.before.gid);
      fchmodSync(fd, write.before.mode);
    }
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  if (write.before !== null) {
    const restore = join(dir, tempName(base, 'old'));
    try {
      linkSync(write.realPath, restore);
    } catch {
      // No hard links here (or protected_hardlinks): keep a copy, made with O_EXCL too.
      copyFileSync(write.realPath, restore, constants.COPYFILE_EXCL);
    }
    entry.restore = restore;
  }
}

function commit(entry: Staged): void {
  if (entry.before !== null) {
    renameSync(entry.temp, entry.realPath);
  } else {
    // link(2) fails if a file appeared meanwhile, where rename(2) would replace it.
    linkSync(entry.temp, entry.realPath);
    unlinkSync(entry.temp);
  }
  entry.committed = true;
}

function removeQuietly(path: string | null): void {
  if (path === null) return;
  try {
    unlinkSync(path);
  } catch {
    // Already gone.
  }
}

function rollback(staged: readonly Staged[]): void {
  for (const entry of [...staged].reverse()) {
    try {
      if (entry.committed && entry.restore !== null) renameSync(entry.restore, entry.realPath);
      else if (entry.committed) unlinkSync(entry.realPath);
    } catch {
      // Keep going: every other file still gets its old content back.
    }
    removeQuietly(entry.temp);
    if (!entry.committed || entry.before === null) removeQuietly(entry.restore);
  }
}

function syncDirectory(dir: string): void {
  try {
    const fd = openSync(dir, constants.O_RDONLY | constants.O_DIRECTORY);
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Some file systems cannot fsync a directory; the renames are done either way.
  }
}

function whyFailed(error: unknown): string {
  const code = errnoCode(error);
  if (code === 'EISDIR') return 'is a directory';
  return explainFsError(error);
}

/**
 * Replaces every file in `writes` or none. Stale temp files of killed runs are removed first;
 * each new content is written to an unguessable O_EXCL temp file in the target's directory,
 * given the target's mode, owner and group, and fsynced. Just before the renames, every target is
 * checked against what was read (inode, size, mtime, mode, owner and content hash): a change
 * means someone else edited it, and nothing is replaced. The renames run in order; a failure
 * puts back the files already replaced and removes every temp file. Afterwards the directories
 * are fsynced. Throws an exit-4 CliError naming the file and what to do.
 */
export function writeFilesAtomically(writes: readonly PlannedWrite[]): void {
  if (writes.length === 0) return;
  for (const write of writes) removeStaleTemps(dirname(write.realPath), basename(write.realPath));
  for (const write of writes) preflight(write);
  const staged: Staged[] = [];
  let current: PlannedWrite | undefined;
  try {
    for (const write of writes) { current = write; stage(write, staged); }
    for (const write of writes) {
      if (!isUnchanged(write.realPath, write.before)) {
        throw refuse(write, write.before === null
          ? 'the file was created by someone else while nixkit-isso was running; both are left as they are: look at it and run again'
          : 'the file changed while nixkit-isso was running; your version is kept and nothing was replaced: run again');
      }
    }
    for (const entry of staged) { current = entry; commit(entry); }
  } catch (error) {
    rollback(staged);
    if (error instanceof Error && error.name === 'CliError') throw error;
    if (errnoCode(error) === 'EEXIST' && current?.before === null) {
      throw refuse(current, 'the file was created by someone else while nixkit-isso was running; both are left as they are');
    }
    throw refuse(current ?? writes[0]!, whyFailed(error));
  }
  for (const entry of staged) removeQuietly(entry.restore);
  for (const dir of new Set(staged.map((entry) => dirname(entry.realPath)))) syncDirectory(dir);
}
