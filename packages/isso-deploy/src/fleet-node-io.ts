import { closeSync, fsyncSync, openSync, readFileSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { CollectIo, CommandResult, StatusTarget } from './fleet-collect.js';
import type { CaptureSource } from './fleet-status.js';
// node:child_process is loaded on first use (process.getBuiltinModule), not imported: in the CLI bundle an
// import would load it, with net, dgram and the streams, on every start, `render` to stdout included.

// Node-side input and output for fleet-status, kept out of the package index so the library
// still bundles for browsers. The CLI imports this module directly.

/** Captures in a directory: `read` gives null for a missing file; other read errors throw. */
export function directoryCaptures(dir: string): CaptureSource {
  return {
    read(fileName) {
      try {
        return readFileSync(join(dir, fileName), 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    list: () => readdirSync(dir),
  };
}

/** Writes a capture atomically: a new temporary file (O_EXCL), fsync, then rename over the target. */
export function writeCaptureAtomically(dir: string, fileName: string, text: string): void {
  const target = join(dir, fileName);
  const temp = join(dir, `.${fileName}.nixkit-${process.pid}.tmp`);
  const fd = openSync(temp, 'wx', 0o644);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(temp, { force: true });
    throw error;
  }
  closeSync(fd);
  renameSync(temp, target);
}

/** Runs commands with spawnSync (no shell), each bounded by `timeoutMs`. */
export function spawnCommand(timeoutMs = 30_000): (argv: readonly string[], target: StatusTarget) => CommandResult {
  return (argv) => {
    const result = process.getBuiltinModule('node:child_process').spawnSync(argv[0]!, argv.slice(1), { encoding: 'utf8', timeout: timeoutMs, maxBuffer: 16 << 20, stdio: ['ignore', 'pipe', 'pipe'] });
    if (result.error !== undefined) return { status: null, stdout: result.stdout ?? '', stderr: result.stderr ?? '', error: (result.error as NodeJS.ErrnoException).code ?? result.error.message };
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  };
}

/** The I/O `collectCaptures` needs for a directory: real commands, atomic writes into `dir`. */
export function directoryCollectIo(dir: string, run = spawnCommand()): CollectIo {
  return { run, write: (fileName, text) => writeCaptureAtomically(dir, fileName, text) };
}
