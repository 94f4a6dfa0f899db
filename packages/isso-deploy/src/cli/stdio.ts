import { writeSync } from 'node:fs';
import { StdoutClosed, outputError } from './cli-error.js';
import { errnoCode, explainFsError } from './errno-words.js';

// Output goes through writeSync on the raw descriptors instead of process.stdout: errors such as
// EPIPE and ENOSPC (`> /dev/full`) then arrive here, synchronously, where they can be turned into
// an exit code, instead of as an 'error' event after the command has already reported success.

const pause = new Int32Array(new SharedArrayBuffer(4));

function writeAll(fd: number, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += writeSync(fd, bytes, offset, bytes.length - offset);
    } catch (error) {
      // A descriptor inherited in non-blocking mode: wait for the reader instead of failing.
      if (errnoCode(error) === 'EAGAIN') { Atomics.wait(pause, 0, 0, 5); continue; }
      throw error;
    }
  }
}

/** Writes the command's result to stdout. Throws StdoutClosed on EPIPE, an exit-4 error otherwise. */
export function writeOut(text: string): void {
  try {
    writeAll(1, text);
  } catch (error) {
    if (errnoCode(error) === 'EPIPE') throw new StdoutClosed();
    throw outputError(`cannot write to stdout: ${explainFsError(error)}`);
  }
}

/** A line for people on stderr, prefixed with the program name. Never throws. */
export function note(line: string): void {
  try {
    writeAll(2, `nixkit-isso: ${line}\n`);
  } catch {
    // Nowhere left to report to.
  }
}
