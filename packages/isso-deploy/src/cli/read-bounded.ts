import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { inputError } from './cli-error.js';
import { errnoCode, explainFsError } from './errno-words.js';

/** The most the CLI reads from one file or stdin: far above any real description or status. */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

const CHUNK = 1 << 20;
const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * Reads a descriptor to its end, but never more than `limit` bytes, so `/dev/zero` or a huge
 * pipe ends with an error instead of exhausting memory. `label` names the source in errors.
 */
export function readDescriptor(fd: number, label: string, limit = MAX_INPUT_BYTES): Buffer {
  const stat = fstatSync(fd);
  if (stat.isDirectory()) throw inputError(`cannot read ${label}: is a directory`);
  const chunks: Buffer[] = [];
  let total = 0;
  while (true) {
    const chunk = Buffer.allocUnsafe(CHUNK);
    let read: number;
    try {
      read = readSync(fd, chunk, 0, CHUNK, null);
    } catch (error) {
      // stdin inherited in non-blocking mode: wait for data instead of failing.
      if (errnoCode(error) === 'EAGAIN') { Atomics.wait(pause, 0, 0, 5); continue; }
      throw inputError(`cannot read ${label}: ${explainFsError(error)}`);
    }
    if (read === 0) break;
    total += read;
    if (total > limit) throw inputError(`${label} is larger than ${limit / (1024 * 1024)} MB; this is not a file nixkit-isso reads`);
    chunks.push(read === CHUNK ? chunk : chunk.subarray(0, read));
  }
  return Buffer.concat(chunks, total);
}

/** Decodes UTF-8, refusing bytes that are not text. */
export function decodeText(bytes: Buffer, label: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw inputError(`${label} is not UTF-8 text`);
  }
}

/** Reads a whole file (or stdin for `-`) as UTF-8 text, bounded by MAX_INPUT_BYTES. */
export function readTextInput(file: string): string {
  if (file === '-') return decodeText(readDescriptor(0, 'stdin'), 'stdin');
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    throw inputError(`cannot read ${file}: ${explainFsError(error)}`);
  }
  try {
    return decodeText(readDescriptor(fd, file), file);
  } finally {
    closeSync(fd);
  }
}
