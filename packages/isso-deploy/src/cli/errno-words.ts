// Node's file errors carry a code such as EACCES; people need words and a next step.

const WORDS: Record<string, string> = {
  EACCES: "permission denied: run as the file's owner or with sudo",
  EPERM: 'operation not permitted: the file may be immutable (lsattr shows an "i"; chattr -i removes it) or need sudo',
  EISDIR: 'is a directory',
  ENOTDIR: 'a part of the path is not a directory',
  ENOENT: 'no such file or directory',
  EEXIST: 'already exists',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'the file system is read-only',
  EBUSY: 'is busy (a mount point or in use by the system)',
  ETXTBSY: 'is busy (a running program)',
  EXDEV: 'is on another file system',
  ELOOP: 'too many levels of symbolic links',
  ENAMETOOLONG: 'the name is too long',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files in the system',
  EIO: 'input/output error',
  EFBIG: 'the file is too large',
  ENXIO: 'no such device',
  ENODEV: 'no such device',
  EINVAL: 'invalid argument (not a file that can be read or written this way)',
  EAGAIN: 'temporarily unavailable',
};

/** `code` of a Node file error, or undefined for anything else. */
export function errnoCode(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** "is a directory (EISDIR)": what an fs error means, with the code for searching. */
export function explainFsError(error: unknown): string {
  const code = errnoCode(error);
  if (code === undefined) return error instanceof Error ? error.message : String(error);
  return `${WORDS[code] ?? (error as Error).message.replace(/^[A-Z]+: /, '')} (${code})`;
}
