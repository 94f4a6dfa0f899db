import { spawnSync } from 'node:child_process';
import { requireTool } from './require-tool.js';

/**
 * Runs a python3 script with `input` on stdin and returns stdout. Throws with Python's stderr
 * when the script fails, so a test sees the real traceback.
 */
export function runPython(script: string, input = '', args: readonly string[] = []): string {
  const bin = requireTool('python3');
  const result = spawnSync(bin, ['-c', script, ...args], { input, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`python3 failed (exit ${result.status}):\n${result.stderr}`);
  return result.stdout;
}

/** Runs a python3 script that prints JSON, and parses it. */
export function runPythonJson(script: string, input = '', args: readonly string[] = []): unknown {
  return JSON.parse(runPython(script, input, args));
}
