#!/usr/bin/env node
/**
 * `systemd-status`: reads `systemctl status` (or, with `--show`, `systemctl show`) output on
 * stdin and prints JSON (default), NDJSON, or one summary line per unit, one unit at a time as
 * the input streams in. Exit codes: 0 every unit running, 3 some unit not running, 4 no unit
 * found, 2 bad usage, 1 input or output failed; a closed stdout (EPIPE) ends quietly with 141.
 * Errors are one line on stderr, never a stack trace.
 */
import { fstatSync, readFileSync } from 'node:fs';
import { parseArgs, UsageError, type CliRequest } from './cli-args.js';
import { createUnitPrinter } from './cli-output.js';
import { createShowParser } from './parse-show.js';
import { createStatusParser } from './status-stream.js';
import { summarize } from './summarize.js';
import type { SummarizeInput } from './summarize.js';

const USAGE = `Usage: systemctl status UNIT... | systemd-status [--json | --ndjson | --summary]
                 [--reference-date ISO-8601] [--utc-offset MINUTES]
       systemctl show UNIT... | systemd-status --show [--json | --ndjson | --summary]
       systemd-status --help | --version

  --json              print { units, notices, ellipsized, diagnostics, verdicts } (default)
  --ndjson            print one {"unit","verdict"} object per line as units are read, then
                      one line with the notices, ellipsized flag and diagnostics
  --summary           print one health line per unit
  --show              the input is \`systemctl show\` output
  --reference-date    when the output was captured; dates journal lines without a year
  --utc-offset        the machine's UTC offset in minutes, for journal lines without a zone
Options take their value as --opt VALUE or --opt=VALUE.

Input is read as a stream: a line may be up to 16 MiB, and one unit block (or a run of lines
outside any unit) up to 64 MiB and 250,000 lines.
Exit status: 0 all units running, 3 some unit not running, 4 no unit found, 2 usage error,
1 input could not be read or output could not be written; 141 when stdout is closed early.`;

/** Longer lines are not systemctl output (think `< /dev/zero`); refusing them bounds memory. */
const MAX_LINE = 16 * 1024 * 1024;
/**
 * Input read without a unit being completed (one giant unit block, or endless lines outside any
 * unit) is held in memory as parsed objects of a few hundred bytes per line, so it is capped in
 * characters and in lines: `yes | systemd-status` stops with a message instead of exhausting memory.
 */
const MAX_HELD = 64 * 1024 * 1024;
const MAX_HELD_LINES = 250_000;

/** A failure with its exit code and one-line message. */
class Exit extends Error {
  constructor(readonly code: number, message: string) {
    super(message);
  }
}

async function main(argv: readonly string[]): Promise<number> {
  let request: CliRequest;
  try {
    request = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    throw new Exit(2, `${error.message} (see systemd-status --help)`);
  }
  if (request.kind === 'help') {
    await write(`${USAGE}\n`);
    return 0;
  }
  if (request.kind === 'version') {
    await write(`${version()}\n`);
    return 0;
  }
  const printer = createUnitPrinter(request.mode, write);
  const status = request.show ? null : createStatusParser(request.options);
  const show = request.show ? createShowParser(request.options) : null;
  let units = 0;
  let allRunning = true;
  let sinceNewline = 0;
  let held = 0;
  let heldLines = 0;
  let lineNumber = 1;
  const print = async (list: readonly SummarizeInput[]): Promise<void> => {
    for (const unit of list) {
      const verdict = summarize(unit);
      units++;
      if (verdict.health !== 'running') allRunning = false;
      await printer.unit(unit, verdict);
    }
  };
  // Node reads a directory on fd 0 as empty input; say what it is instead of "no unit found".
  if (fstatSync(0).isDirectory()) throw new Exit(1, `cannot read stdin: ${WORDS.EISDIR} (EISDIR)`);
  process.stdin.setEncoding('utf8');
  try {
    for await (const chunk of process.stdin as AsyncIterable<string>) {
      const lastNewline = chunk.lastIndexOf('\n');
      sinceNewline = lastNewline < 0 ? sinceNewline + chunk.length : chunk.length - lastNewline - 1;
      if (sinceNewline > MAX_LINE) throw new Exit(1, `input line ${lineNumber} is longer than 16 MiB, which systemctl never prints; is this its output?`);
      const newlines = lastNewline < 0 ? 0 : countNewlines(chunk);
      lineNumber += newlines;
      const done = status ? status.write(chunk) : (show as NonNullable<typeof show>).write(chunk);
      held = done.length > 0 ? 0 : held + chunk.length;
      heldLines = done.length > 0 ? 0 : heldLines + newlines;
      if (held > MAX_HELD || heldLines > MAX_HELD_LINES) {
        throw new Exit(1, `more than 64 MiB or 250,000 lines of input up to line ${lineNumber} belong to one unit or to no unit; refusing to hold it all`);
      }
      await print(done);
    }
  } catch (error) {
    if (error instanceof Exit || error instanceof OutputFailure) throw error;
    throw new Exit(1, `cannot read stdin: ${describeError(error)}`);
  }
  if (status) {
    const tail = status.end();
    await print(tail.units);
    await printer.end({ notices: tail.notices, ellipsized: tail.ellipsized, diagnostics: tail.diagnostics });
  } else {
    await print((show as NonNullable<typeof show>).end());
    await printer.end(null);
  }
  await flush();
  if (units === 0) {
    process.stderr.write('systemd-status: no unit found in the input\n');
    return 4;
  }
  return allRunning ? 0 : 3;
}

/** A failed write to stdout, kept apart from input failures. */
class OutputFailure extends Error {
  constructor(readonly cause: NodeJS.ErrnoException) {
    super(cause.message);
  }
}

let outputError: NodeJS.ErrnoException | null = null;
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  outputError ??= error;
});

/** Writes to stdout, waiting while its buffer is full; rejects once a write has failed. */
function write(text: string): Promise<void> {
  if (outputError) return Promise.reject(new OutputFailure(outputError));
  return new Promise((resolve, reject) => {
    const fail = (error: NodeJS.ErrnoException): void => {
      process.stdout.off('drain', onDrain);
      reject(new OutputFailure(error));
    };
    const onDrain = (): void => {
      process.stdout.off('error', fail);
      resolve();
    };
    // The callback reports this write's own failure; `drain` bounds what is buffered.
    const ok = process.stdout.write(text, (error) => {
      if (error) fail(error);
      else if (ok) resolve();
    });
    if (!ok) {
      process.stdout.once('drain', onDrain);
      process.stdout.once('error', fail);
    }
  });
}

function flush(): Promise<void> {
  return new Promise((resolve, reject) => process.stdout.write('', (error) => (error ? reject(new OutputFailure(error)) : resolve())));
}

function countNewlines(chunk: string): number {
  let count = 0;
  for (let at = chunk.indexOf('\n'); at >= 0; at = chunk.indexOf('\n', at + 1)) count++;
  return count;
}

function version(): string {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return `systemd-status ${manifest.version}`;
}

const WORDS: Readonly<Record<string, string>> = {
  EISDIR: 'it is a directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOSPC: 'no space left on the device',
  EIO: 'input/output error',
  EBADF: 'it is not open',
  ENXIO: 'no such device',
  EFBIG: 'the file is too large',
  EDQUOT: 'the disk quota is exceeded',
};

function describeError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code && Object.hasOwn(WORDS, code)) return `${WORDS[code]} (${code})`;
  return error instanceof Error ? error.message.split('\n')[0] ?? String(error) : String(error);
}

function finish(code: number, message?: string): void {
  if (message) process.stderr.write(`systemd-status: ${message}\n`);
  process.exitCode = code;
}

main(process.argv.slice(2)).then(
  (code) => finish(code),
  (error: unknown) => {
    if (error instanceof OutputFailure && error.cause.code === 'EPIPE') {
      // The reader went away (`| head`): stop like a tool killed by SIGPIPE, without a word.
      process.exit(141);
    }
    if (error instanceof Exit) finish(error.code, error.message);
    else if (error instanceof OutputFailure) finish(1, `cannot write stdout: ${describeError(error.cause)}`);
    else finish(1, `internal error: ${describeError(error)}`);
    // stdin may still be open; nothing more will be read or written.
    process.exit();
  },
);
