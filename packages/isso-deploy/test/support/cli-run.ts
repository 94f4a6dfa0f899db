import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as assert from 'uvu/assert';
import { requireTool } from '../../../../tools/test-helpers/index.js';

// Runs nixkit-isso the way a person does: the package's bin launcher as a subprocess, optionally
// as the unprivileged user nobody (through setpriv), for the CLI interop tests.

export const CLI = fileURLToPath(new URL('../../bin/nixkit-isso.cjs', import.meta.url));
const NOBODY = ['--reuid=nobody', '--regid=nogroup', '--clear-groups'];

// The launcher keeps a V8 code cache in the user's cache directory; the tests give it a scratch
// one, so running them never writes into the real ~/.cache.
const CODE_CACHE_DIR = mkdtempSync(join(tmpdir(), 'nixkit-cli-cache-'));
process.once('exit', () => rmSync(CODE_CACHE_DIR, { recursive: true, force: true }));

export interface CliRun { code: number | null; stdout: string; stderr: string }

export interface CliRunOptions {
  input?: string;
  env?: NodeJS.ProcessEnv;
  /** Run as nobody:nogroup, to test what a user who does not own the files gets. */
  asNobody?: boolean;
}

export function runCli(args: readonly string[], options: CliRunOptions = {}): CliRun {
  const [cmd, argv] = options.asNobody
    ? [requireTool('setpriv'), [...NOBODY, process.execPath, CLI, ...args]]
    : [process.execPath, [CLI, ...args]];
  const result = spawnSync(cmd, argv, { input: options.input ?? '', encoding: 'utf8', env: { NIXKIT_CACHE_DIR: CODE_CACHE_DIR, ...(options.env ?? process.env) }, maxBuffer: 1 << 26 });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Every stderr line is the program's own, one per message: no stack trace, no source location. */
export function assertOneLineErrors(result: CliRun): void {
  assert.not.match(result.stderr, /^\s+at /m, 'stack trace on stderr');
  assert.not.match(result.stderr, /node:internal|\.(?:c?js):\d+/, 'source location on stderr');
  for (const line of result.stderr.split('\n').filter(Boolean)) assert.ok(line.startsWith('nixkit-isso: '), `stray stderr line: ${line}`);
}
