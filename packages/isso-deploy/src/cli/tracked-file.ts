import { closeSync, constants, fstatSync, lstatSync, openSync, readlinkSync, realpathSync, type BigIntStats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { outputError, type CliError } from './cli-error.js';
import { errnoCode, explainFsError } from './errno-words.js';
import { decodeText, readDescriptor } from './read-bounded.js';
// node:crypto is loaded on first use (process.getBuiltinModule), not imported: in the CLI bundle an
// import would load it, some 25 internal modules, on every start, `render` to stdout included.

/** What a file was when it was read: enough to notice any later change before replacing it. */
export interface Snapshot {
  dev: bigint;
  ino: bigint;
  size: bigint;
  mtimeNs: bigint;
  mode: number;
  uid: number;
  gid: number;
  sha256: string;
}

/** A file the CLI reads and may later replace. */
export interface TrackedFile {
  /** The path as the user gave it. */
  path: string;
  /** The file that really holds the content: symbolic links followed, so a dotfiles link is edited in place. */
  realPath: string;
  /** null when the file does not exist (yet). */
  before: Snapshot | null;
  /** The content, or null when the file does not exist. */
  text: string | null;
}

const MAX_LINKS = 40;

/**
 * The real location of `path`: each symbolic link is followed, also one whose target does not
 * exist yet (it is created there). The directory must exist.
 */
export function resolveTarget(path: string, fail: (message: string) => CliError = outputError): string {
  let current = resolve(path);
  for (let hops = 0; hops < MAX_LINKS; hops++) {
    let stat;
    try {
      stat = lstatSync(current);
    } catch (error) {
      if (errnoCode(error) !== 'ENOENT') throw fail(`cannot use ${path}: ${explainFsError(error)}`);
      try {
        return join(realpathSync(dirname(current)), basename(current));
      } catch (dirError) {
        throw fail(`cannot use ${path}: the directory ${dirname(current)}: ${explainFsError(dirError)}`);
      }
    }
    if (!stat.isSymbolicLink()) {
      try {
        return realpathSync(current);
      } catch (error) {
        throw fail(`cannot use ${path}: ${explainFsError(error)}`);
      }
    }
    current = resolve(dirname(current), readlinkSync(current));
  }
  throw fail(`cannot use ${path}: too many levels of symbolic links`);
}

function snapshotOf(stat: BigIntStats, bytes: Buffer): Snapshot {
  return {
    dev: stat.dev,
    ino: stat.ino,
    size: stat.size,
    mtimeNs: stat.mtimeNs,
    mode: Number(stat.mode & 0o7777n),
    uid: Number(stat.uid),
    gid: Number(stat.gid),
    sha256: process.getBuiltinModule('node:crypto').createHash('sha256').update(bytes).digest('hex'),
  };
}

/** Reads a regular file (no directory, device or FIFO), bounded in size, with its snapshot. */
function readSnapshot(realPath: string, label: string, fail: (message: string) => CliError): { bytes: Buffer; snapshot: Snapshot } | null {
  let fd: number;
  try {
    fd = openSync(realPath, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return null;
    throw fail(`cannot read ${label}: ${explainFsError(error)}`);
  }
  try {
    const stat = fstatSync(fd, { bigint: true });
    if (stat.isDirectory()) throw fail(`cannot use ${label}: is a directory`);
    if (!stat.isFile()) throw fail(`cannot use ${label}: not a regular file`);
    const bytes = readDescriptor(fd, label);
    return { bytes, snapshot: snapshotOf(stat, bytes) };
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads `path` (following symbolic links) and remembers its size, times, inode, owner, mode and
 * content hash, so a later write can refuse if anything changed meanwhile. A missing file gives
 * `text: null`. `fail` makes the error for the caller's exit code (input or output).
 */
export function readTracked(path: string, fail: (message: string) => CliError = outputError): TrackedFile {
  const realPath = resolveTarget(path, fail);
  const read = readSnapshot(realPath, path, fail);
  if (read === null) return { path, realPath, before: null, text: null };
  return { path, realPath, before: read.snapshot, text: decodeText(read.bytes, path) };
}

/** Whether the file at `realPath` is still exactly what `before` recorded (null: still absent). */
export function isUnchanged(realPath: string, before: Snapshot | null): boolean {
  if (before === null) {
    try {
      lstatSync(realPath);
      return false;
    } catch (error) {
      return errnoCode(error) === 'ENOENT';
    }
  }
  let now;
  try {
    now = readSnapshot(realPath, realPath, outputError);
  } catch {
    return false;
  }
  if (now === null) return false;
  const after = now.snapshot;
  return after.dev === before.dev && after.ino === before.ino && after.size === before.size && after.mtimeNs === before.mtimeNs &&
    after.mode === before.mode && after.uid === before.uid && after.gid === before.gid && after.sha256 === before.sha256;
}
